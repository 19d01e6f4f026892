"""Which versions each group showed last, so a group visited before shows at once while it refreshes.

Only the ARNs, in the listing's order: the rows themselves come from the window's
`VersionStore`, so a change made since (an approval landing after the user moved on, a
version deleted) shows in the cached view too. Kept in memory for the session only, keyed by
(connection, group ARN): another profile or region never sees them. Bounded in groups and in
rows; the least recently used go first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence

MAX_GROUPS = 8
MAX_ROWS = 50_000


class VersionsCache:
    def __init__(self, max_groups: int = MAX_GROUPS, max_rows: int = MAX_ROWS):
        self._max_groups = max_groups
        self._max_rows = max_rows
        self._entries: OrderedDict[tuple[Hashable, str], tuple[str, ...]] = OrderedDict()
        self._rows = 0

    def get(self, connection: Hashable, group_arn: str) -> tuple[str, ...] | None:
        key = (connection, group_arn)
        rows = self._entries.get(key)
        if rows is not None:
            self._entries.move_to_end(key)
        return rows

    def put(self, connection: Hashable, group_arn: str, arns: Sequence[str]) -> list[str]:
        """Remember a complete listing (never a partial one: it would hide versions). Returns
        the ARNs of the groups dropped to make room (their records may be forgotten)."""
        self.forget(connection, group_arn)
        if len(arns) > self._max_rows:
            return []
        self._entries[(connection, group_arn)] = tuple(arns)
        self._rows += len(arns)
        evicted: list[str] = []
        while len(self._entries) > self._max_groups or self._rows > self._max_rows:
            _key, dropped = self._entries.popitem(last=False)
            self._rows -= len(dropped)
            evicted.extend(dropped)
        return evicted

    def holds(self, group_arn: str) -> bool:
        """Whether some connection still remembers `group_arn`."""
        return any(key[1] == group_arn for key in self._entries)

    def forget(self, connection: Hashable, group_arn: str) -> None:
        dropped = self._entries.pop((connection, group_arn), None)
        if dropped is not None:
            self._rows -= len(dropped)

    def clear(self) -> None:
        self._entries.clear()
        self._rows = 0

    def __len__(self) -> int:
        return len(self._entries)
