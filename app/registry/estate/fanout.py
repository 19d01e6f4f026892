"""Many account-regions listed at once into the local index, each on its own.

`refresh_estate` lists every target's groups (own and shared) and every group's versions, and
writes each page into the index as it arrives. Concurrency is bounded at every level: at most
`TARGET_WORKERS` targets at once, `GROUP_WORKERS` groups at once within a target, and
`VERSION_WORKERS` calls at once within a group's parallel listing, so the threads stay few
whatever the size of the estate.

One target's failure (access denied, expired token, an endpoint that does not answer) is
reported for that target and never stops the others; one group's failure is reported for that
group and the target's other groups are still listed. Only a listing read to its end tells the
index what is gone: a stopped or failed listing adds and updates, and removes nothing.
Cancel is cooperative: `should_stop()` is checked between pages.

After a target's versions are listed, what a listing cannot tell (images, approval comments,
metadata) is read for a bounded number of them (app.registry.estate.details); a failure there
is counted in the progress and never fails the target.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from app.registry.accounts.sessions import AccountSession, session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.registry.estate.details import DESCRIBE_LIMIT, DETAIL_WORKERS, read_details
from app.registry.index.local import LocalIndex
from app.registry.versions.groups import GroupSummary, iter_group_pages
from app.registry.versions.listing import iter_version_ranges

_log = logging.getLogger(__name__)

TARGET_WORKERS = 4  # account-regions listed at once
GROUP_WORKERS = 2  # groups of one target listed at once
VERSION_WORKERS = 4  # calls at once within one group's listing (app.registry.versions.listing)

# Phases of a target, in the order they happen; each report carries one.
WAITING, ACCOUNT, GROUPS, VERSIONS, DONE, FAILED, STOPPED = (
    "waiting", "account", "groups", "versions", "done", "failed", "stopped")
DETAILS = "details"  # between VERSIONS and DONE: reading what the listing could not tell
FINAL_PHASES = (DONE, FAILED, STOPPED)


@dataclass(frozen=True)
class Target:
    """One account-region to list: how settings and the index name it, and how to reach it."""

    key: str  # "profile@region" (app.ui.workspace.connection_key)
    connection: Connection


@dataclass(frozen=True)
class TargetProgress:
    """Where one target's listing stands. A report about one group names it in `group`."""

    key: str
    account: str  # "" until STS has answered
    region: str
    phase: str  # WAITING, ACCOUNT, GROUPS, VERSIONS, DETAILS, DONE, FAILED or STOPPED
    groups_done: int = 0
    groups_total: int = 0  # grows while the group pages arrive
    versions: int = 0  # versions listed so far, all groups together
    error: str | None = None  # why the target failed (FAILED only)
    group: str = ""  # the ARN of the group this report is about ("" for the target)
    group_error: str | None = None  # why that group's versions could not be listed
    groups_failed: int = 0
    details_done: int = 0  # versions whose images, comment and metadata were read (DETAILS on)
    details_total: int = 0  # versions to read in this refresh (0: nothing was missing)
    details_failed: int = 0  # versions that could not be read (tried again next refresh)

    @property
    def finished(self) -> bool:
        return self.phase in FINAL_PHASES


def progress_of(target: Target, phase: str, **changes: object) -> TargetProgress:
    """Where `target` stands before its account is known (`changes`: more fields, such as the error)."""
    return TargetProgress(target.key, "", target.connection.region or "", phase, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class EstateOutcome:
    """How each target ended, in the order given."""

    results: tuple[TargetProgress, ...] = ()
    stopped: bool = False

    @property
    def failed(self) -> list[TargetProgress]:
        return [r for r in self.results if r.phase == FAILED]

    @property
    def versions(self) -> int:
        return sum(r.versions for r in self.results)


Report = Callable[[TargetProgress], None]


@dataclass
class _Tally:
    """One target's counters, shared by its group workers."""

    progress: TargetProgress
    report: Report
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, **changes: object) -> TargetProgress:
        with self.lock:
            self.progress = replace(self.progress, **changes)  # type: ignore[arg-type]
            return self.progress

    def send(self, **changes: object) -> TargetProgress:
        progress = self.update(**changes)
        safe_report(self.report, progress)
        return progress

    def group_finished(self, arn: str, error: str | None) -> None:
        with self.lock:
            p = self.progress
            self.progress = replace(p, groups_done=p.groups_done + 1,
                                    groups_failed=p.groups_failed + (error is not None))
            progress = replace(self.progress, group=arn, group_error=error)
        safe_report(self.report, progress)

    def more_versions(self, arn: str, count: int) -> None:
        with self.lock:
            self.progress = replace(self.progress, versions=self.progress.versions + count)
            progress = replace(self.progress, group=arn)
        safe_report(self.report, progress)


def safe_report(report: Report, progress: TargetProgress) -> None:
    try:
        report(progress)
    except Exception:  # a broken listener must not stop the listing
        _log.exception("the estate's progress report failed")


def _close(generator: object) -> None:
    """End a listing generator now: its pool's threads end with it."""
    close = getattr(generator, "close", None)
    if close is not None:
        close()


def failure_message(error: BaseException) -> str:
    """What a target or group that failed with `error` says: the error's sentence, or its kind."""
    if isinstance(error, RegistryError):
        return error.text
    return f"{type(error).__name__}: {error}"


def refresh_estate(
    targets: Sequence[Target],
    index: LocalIndex,
    *,
    should_stop: Callable[[], bool],
    report: Report,
    target_workers: int = TARGET_WORKERS,
    group_workers: int = GROUP_WORKERS,
    version_workers: int = VERSION_WORKERS,
    describe_limit: int = DESCRIBE_LIMIT,
    detail_workers: int = DETAIL_WORKERS,
) -> EstateOutcome:
    """List every target into `index`, in parallel; returns how each ended. Never raises for a
    target's failure: it is in that target's result (and was reported as it happened).

    `describe_limit`: full describes per target after its listing (0: the refresh only lists,
    and reads no images, comments or metadata); `detail_workers`: those calls at once per target."""
    unique = list({t.key: t for t in targets}.values())
    for target in unique:
        safe_report(report, progress_of(target, WAITING))
    if not unique:
        return EstateOutcome()

    workers = _Workers(group_workers, version_workers, describe_limit, detail_workers)

    def one(target: Target) -> TargetProgress:
        return _refresh_target(target, index, should_stop, report, workers)

    with ThreadPoolExecutor(max_workers=max(1, min(target_workers, len(unique))),
                            thread_name_prefix="estate-target") as pool:
        results = tuple(pool.map(one, unique))
    return EstateOutcome(results, stopped=should_stop())


@dataclass(frozen=True)
class _Workers:
    groups: int
    versions: int
    describe_limit: int
    details: int


def _refresh_target(target: Target, index: LocalIndex, should_stop: Callable[[], bool], report: Report,
                    workers: _Workers) -> TargetProgress:
    tally = _Tally(TargetProgress(target.key, "", target.connection.region or "", ACCOUNT), report)
    if should_stop():
        return tally.send(phase=STOPPED)
    try:
        tally.send()
        session = session_for(target.connection)
        account = session.account_id()
        tally.send(account=account, region=session.region, phase=GROUPS)
        groups = _list_groups(target, session, account, index, should_stop, tally)
        if groups is None:
            return tally.send(phase=STOPPED)
        tally.send(phase=VERSIONS, groups_total=len(groups))
        listed = _list_versions(session, groups, index, should_stop, tally, workers.groups, workers.versions)
        if listed and not should_stop():
            read_details(session, listed, index, should_stop=should_stop, limit=workers.describe_limit,
                         workers=workers.details, progress=lambda done, total, failed: tally.send(
                             phase=DETAILS, details_done=done, details_total=total, details_failed=failed))
    except Exception as error:  # this target only: the others go on
        if not isinstance(error, RegistryError):
            _log.exception("listing %s failed unexpectedly", target.key)
        return tally.send(phase=FAILED, error=failure_message(error))
    return tally.send(phase=STOPPED if should_stop() else DONE)


def _list_groups(target: Target, session: AccountSession, account: str, index: LocalIndex,
                 should_stop: Callable[[], bool], tally: _Tally) -> list[GroupSummary] | None:
    """Every group the target sees, written page by page; None when stopped before the end."""
    seen: list[GroupSummary] = []
    pages = iter_group_pages(session)
    try:
        for page in pages:
            index.record_groups(target.key, account, session.region, page, complete=False)
            seen.extend(page)
            tally.send(groups_total=len(seen))
            if should_stop():
                return None
    finally:
        _close(pages)
    index.record_groups(target.key, account, session.region, seen, complete=True)
    return seen


def _list_versions(session: AccountSession, groups: list[GroupSummary], index: LocalIndex,
                   should_stop: Callable[[], bool], tally: _Tally, group_workers: int,
                   version_workers: int) -> list[str]:
    """Every group's versions into the index; returns the ARNs of the groups listed to the end."""
    listed: list[str] = []

    def one(group: GroupSummary) -> None:
        if should_stop():
            return
        error = None
        try:
            _list_group(session, group, index, should_stop, tally, version_workers)
        except Exception as failure:  # this group only: the target's others go on
            if not isinstance(failure, RegistryError):
                _log.exception("listing the versions of %s failed unexpectedly", group.arn)
            error = failure_message(failure)
        if not should_stop():
            tally.group_finished(group.arn, error)
            if error is None:
                listed.append(group.arn)

    if not groups:
        return listed
    with ThreadPoolExecutor(max_workers=max(1, min(group_workers, len(groups))),
                            thread_name_prefix="estate-group") as pool:
        for future in [pool.submit(one, g) for g in groups]:
            future.result()
    return listed


def _list_group(session: AccountSession, group: GroupSummary, index: LocalIndex,
                should_stop: Callable[[], bool], tally: _Tally, version_workers: int) -> None:
    """One group's versions into the index, the running count reported as pages arrive; only a
    listing read to its end tells the index which versions are gone."""
    seen: list[str] = []
    batches = iter_version_ranges(session, group.arn if group.shared else group.name,
                                  max_workers=version_workers, should_stop=should_stop)
    try:
        for batch in batches:
            index.record_versions(batch)
            seen.extend(v.arn for v in batch)
            tally.more_versions(group.arn, len(batch))
            if should_stop():
                return
    finally:
        _close(batches)
    if not should_stop():  # the listing also ends early when stopped: that one is not complete
        index.finish_version_listing(group.arn, seen)
