"""What the inbox runs off the UI thread: read the waiting versions from the local index, decide
which of them are news, and write back what an approval changed. Plain data in and out.

Which versions are news: a pending version is announced once ever (the index's `notified`
table remembers it across runs). A version is only news when its group's versions had been
listed before it showed up; the first fill of a group (a new profile or region in the estate,
the very first refresh of an empty index, a group opened for the first time) records its
pending versions silently, so adding an account never floods the desktop. The first read of a
window records what the index already holds the same way: it was pending before this window
looked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.registry.index.local import LocalIndex
from app.registry.index.records import IndexedVersion
from app.registry.versions.records import PENDING


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox: a version and the profile of this window that reaches it."""

    version: IndexedVersion
    profile: str  # a connection's display name ("" when no profile of the window reaches it)

    @property
    def arn(self) -> str:
        return self.version.summary.arn


@dataclass(frozen=True)
class InboxRead:
    rows: list[InboxRow]
    stages: list[str]  # every stage the index knows, for the chooser
    listed: frozenset[str]  # the groups whose versions the index has listed
    news: list[IndexedVersion] = field(default_factory=list)  # pending versions to announce, oldest first


def profile_of_key(key: str) -> str:
    """"training@eu-west-1" -> "training" (a profile name may itself hold an "@")."""
    return key.rsplit("@", 1)[0]


def _reach(index: LocalIndex, versions: list[IndexedVersion], profiles: frozenset[str]) -> dict[str, str]:
    """group ARN -> the profile to use for it: one whose listing of that account and region
    showed it (the owner's first), else one that saw it shared; only profiles the window has."""
    seen = [c for c in index.connections() if profile_of_key(c.key) in profiles]
    owners: dict[tuple[str, str], str] = {}  # (account, region) -> profile
    for connection in seen:
        owners.setdefault((connection.account, connection.region), profile_of_key(connection.key))
    reach: dict[str, str] = {}
    missing = set()
    for v in versions:
        owner = owners.get((v.account, v.region))
        if owner:
            reach[v.group_arn] = owner
        else:
            missing.add(v.group_arn)
    for connection in seen:
        if not missing:
            break
        groups, _listed_at = index.groups_seen_by(connection.key)
        for group in groups:
            if group.arn in missing:
                reach[group.arn] = profile_of_key(connection.key)
                missing.discard(group.arn)
    return reach


def read_inbox(index: LocalIndex, stage: str, profiles: frozenset[str],
               known: frozenset[str] | None, *, judge: bool = True) -> InboxRead:
    """Worker thread: the versions the inbox shows (pending, or in `stage`), oldest first, and
    the pending ones that are news since the last read. `known`: the groups listed at the last
    judged read (None: this is the window's first, nothing is news). Without `judge` (a refresh
    is still writing), nothing is recorded as told: the read after the refresh judges."""
    counts = index.estate_counts()
    listed = frozenset(g.arn for g in counts if g.versions_listed_at is not None)
    stages = sorted({s for g in counts for s in g.by_stage if s})
    pending = index.waiting(status=PENDING)
    news: list[IndexedVersion] = []
    if judge and known is None:
        index.mark_notified(v.summary.arn for v in pending)
    elif judge and known is not None:
        index.mark_notified(v.summary.arn for v in pending if v.group_arn not in known)
        fresh = set(index.mark_notified(v.summary.arn for v in pending if v.group_arn in known))
        news = [v for v in pending if v.summary.arn in fresh]
    shown = pending if not stage else index.waiting(status=None, stage=stage)
    reach = _reach(index, shown, profiles)
    rows = [InboxRow(v, reach.get(v.group_arn, "")) for v in shown]
    return InboxRead(rows, stages, listed, news)


def record_approval(index: LocalIndex, arn: str, status: str, comment: str | None) -> None:
    """Worker thread: an approval that landed, into the index (the inbox re-reads after)."""
    index.record_approval(arn, status, comment)


def forget_version(index: LocalIndex, arn: str) -> None:
    """Worker thread: AWS says the version is gone; it leaves the index."""
    index.forget_versions([arn])
