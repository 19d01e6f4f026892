"""One record per version, keyed by ARN: what the table, the details pane and every dialog show.

Plain data, no Qt and no AWS: reads (listings, describes) and local changes (an approval, later
lifecycle and metadata edits) come in here, and every view that shows a version subscribes and
is told which ARNs changed, so an edit made anywhere shows everywhere at once.

A read never undoes what the user just did: each read takes a `read_stamp()` when it is sent,
each local change records one, and an answer to a read sent before the version's last change is
refused for that version (it may describe the version as it was before the change).
Single-threaded: used on the UI thread only.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable

from app.registry.versions.records import VersionDetails, VersionSummary

Subscriber = Callable[[frozenset[str]], None]


@dataclasses.dataclass
class _Entry:
    summary: VersionSummary | None = None
    details: VersionDetails | None = None
    comment: str | None = None  # the approval comment, when a read or a change told it
    comment_at: int = 0  # when what told it was sent (a read) or made (a change)
    changed_at: int = 0  # stamp of the last local change


class VersionStore:
    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._clock = itertools.count(1)
        self._subscribers: list[Subscriber] = []

    # -- stamps ----------------------------------------------------------------------------

    def read_stamp(self) -> int:
        """Taken when a read is sent; a change recorded after it wins over the read's answer."""
        return next(self._clock)

    def changed_after(self, arn: str, stamp: int | None) -> bool:
        """Whether `arn` was changed here after the read stamped `stamp` was sent."""
        entry = self._entries.get(arn)
        return stamp is not None and entry is not None and entry.changed_at > stamp

    # -- reading ---------------------------------------------------------------------------

    def summary(self, arn: str) -> VersionSummary | None:
        entry = self._entries.get(arn)
        return entry.summary if entry is not None else None

    def details(self, arn: str) -> VersionDetails | None:
        entry = self._entries.get(arn)
        return entry.details if entry is not None else None

    def comment(self, arn: str) -> str | None:
        entry = self._entries.get(arn)
        return entry.comment if entry is not None else None

    def comment_since(self, arn: str, stamp: int) -> str | None:
        """The comment, if a read sent after `stamp` (or a change made after it) told it."""
        entry = self._entries.get(arn)
        return entry.comment if entry is not None and entry.comment_at > stamp else None

    def __contains__(self, arn: object) -> bool:
        return arn in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    # -- updating --------------------------------------------------------------------------

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """`subscriber(arns)` after each update that changed something; returns the unsubscribe."""
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber) if subscriber in self._subscribers else None

    def apply_read(self, record: VersionSummary | VersionDetails, read_at: int | None = None) -> bool:
        """What AWS answered to a read sent at `read_at` (None: no older change can exist).
        Refused, returning False, when the version was changed here after the read was sent."""
        applied = self._apply_one(record, read_at)
        if applied:
            self._notify({record.arn})
        return applied is not None

    def apply_reads(self, records: Iterable[VersionSummary | VersionDetails], read_at: int | None = None) -> set[str]:
        """Many reads of one call (a page of a listing); one notification. Returns the ARNs refused."""
        changed, refused = set(), set()
        for record in records:
            applied = self._apply_one(record, read_at)
            if applied is None:
                refused.add(record.arn)
            elif applied:
                changed.add(record.arn)
        self._notify(changed)
        return refused

    def know(self, rows: Iterable[VersionSummary]) -> None:
        """Rows shown without a read through here: known from now on, never over what is known."""
        for row in rows:
            entry = self._entries.setdefault(row.arn, _Entry())
            if entry.summary is None:
                entry.summary = row

    def apply_change(self, arn: str, *, status: str | None = None, comment: str | None = None) -> None:
        """A change the user made here (an approval that landed): no older read may undo it."""
        entry = self._entries.setdefault(arn, _Entry())
        entry.changed_at = self.read_stamp()
        if comment is not None:
            entry.comment, entry.comment_at = comment, entry.changed_at
        if status is not None and entry.summary is not None:
            entry.summary = dataclasses.replace(entry.summary, status=status)
        if entry.details is not None:
            entry.details = dataclasses.replace(
                entry.details,
                status=status if status is not None else entry.details.status,
                approval_comment=comment if comment is not None else entry.details.approval_comment,
            )
        self._notify({arn})

    def apply_written(self, details: VersionDetails) -> None:
        """A version as a write made here left it (a lifecycle, metadata or card edit, read back
        after the call): shown everywhere at once, and no read sent before it may undo it."""
        entry = self._entries.setdefault(details.arn, _Entry())
        entry.changed_at = self.read_stamp()
        entry.details = details
        entry.comment, entry.comment_at = details.approval_comment, entry.changed_at
        if entry.summary is not None:
            entry.summary = _summary_following(entry.summary, details)
        self._notify({details.arn})

    def remove(self, arn: str) -> None:
        """The version is gone (deleted, here or elsewhere): every view lets it go."""
        if self._entries.pop(arn, None) is not None:
            self._notify({arn})

    def forget(self, arns: Iterable[str]) -> None:
        """Memory only (nothing shows these any more): no view is told."""
        for arn in arns:
            self._entries.pop(arn, None)

    def forget_details(self, arn: str | None = None) -> None:
        """Drop described details (of one version, or all): the next look describes again."""
        entries = self._entries.values() if arn is None else filter(None, [self._entries.get(arn)])
        for entry in entries:
            entry.details = None

    def clear(self) -> None:
        self._entries.clear()

    # -- inside ----------------------------------------------------------------------------

    def _apply_one(self, record: VersionSummary | VersionDetails, read_at: int | None) -> bool | None:
        """None: refused; False: nothing new; True: changed."""
        if self.changed_after(record.arn, read_at):
            return None
        entry = self._entries.setdefault(record.arn, _Entry())
        if isinstance(record, VersionDetails):
            before = (entry.details, entry.summary, entry.comment)
            entry.details = record
            entry.comment = record.approval_comment
            entry.comment_at = read_at if read_at is not None else self.read_stamp()
            if entry.summary is not None:
                entry.summary = _summary_following(entry.summary, record)
            return before != (entry.details, entry.summary, entry.comment)
        if entry.summary == record:
            return False
        entry.summary = record
        details = entry.details
        if details is not None and _listed(details) != _listed(record):
            entry.details = None  # older than this listing: describe again when looked at
        return True

    def _notify(self, arns: set[str]) -> None:
        if not arns:
            return
        frozen = frozenset(arns)
        for subscriber in list(self._subscribers):
            subscriber(frozen)


def _listed(record: VersionSummary | VersionDetails) -> tuple[str, str, str, str]:
    """What a listing and a describe both tell about a version."""
    return record.status, record.description, record.stage, record.stage_status


def _summary_following(summary: VersionSummary, details: VersionDetails) -> VersionSummary:
    """The listed row brought in line with a newer describe of the same version."""
    return dataclasses.replace(summary, status=details.status, description=details.description,
                               stage=details.stage, stage_status=details.stage_status)
