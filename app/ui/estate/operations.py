"""What the estate runs off the UI thread: the fan-out itself, and reading the index for the tree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.registry.estate.fanout import EstateOutcome, Report, Target, TargetProgress
from app.registry.index.local import LocalIndex
from app.registry.index.records import GroupCounts

__all__ = ["EstateOutcome", "EstateSnapshot", "Target", "TargetProgress", "read_estate", "refresh_estate",
           "stop_listing_processes"]


def refresh_estate(targets: Sequence[Target], index: LocalIndex, *, should_stop: Callable[[], bool],
                   report: Report) -> EstateOutcome:
    """Worker thread: the estate listed by the application's worker processes (started on first use)."""
    from app.registry.estate.elsewhere import refresh_estate_elsewhere  # multiprocessing: after the first paint

    return refresh_estate_elsewhere(targets, index, should_stop=should_stop, report=report)


def stop_listing_processes() -> None:
    """The application quits: its listing processes end (none were started: nothing to do)."""
    import sys

    elsewhere = sys.modules.get("app.registry.estate.elsewhere")
    if elsewhere is not None:
        elsewhere.stop_listing_processes()


@dataclass(frozen=True)
class EstateSnapshot:
    """What the index knows about the chosen targets, for the tree."""

    groups: list[GroupCounts] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)  # target key -> account id, when ever listed
    listed_at: dict[str, float | None] = field(default_factory=dict)  # target key -> last complete listing
    seen_by: dict[str, frozenset[str]] = field(default_factory=dict)  # target key -> group ARNs it listed


def read_estate(index: LocalIndex, keys: Sequence[str]) -> EstateSnapshot:
    """Worker thread: the indexed groups of the targets named by `keys`, with their counts: the
    groups in each target's own account and region, and those shared with it."""
    wanted = set(keys)
    seen = [c for c in index.connections() if c.key in wanted]
    accounts = {c.key: c.account for c in seen if c.account}
    listed_at = {c.key: c.groups_listed_at for c in seen}
    seen_by = {key: frozenset(g.arn for g in index.groups_seen_by(key)[0]) for key in accounts}
    places = {(c.account, c.region) for c in seen}
    visible = frozenset().union(*seen_by.values()) if seen_by else frozenset()
    groups = [g for g in index.estate_counts() if (g.account, g.region) in places or g.arn in visible]
    return EstateSnapshot(groups, accounts, listed_at, seen_by)
