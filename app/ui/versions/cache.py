"""The versions last shown per group, so a group visited before shows at once while it refreshes.

Kept in memory for the session only, keyed by (connection, group ARN): another profile or
region never sees them. Bounded in groups and in rows; the least recently used go first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence

from app.registry.versions.records import VersionSummary

MAX_GROUPS = 8
MAX_ROWS = 50_000


class VersionsCache:
    def __init__(self, max_groups: int = MAX_GROUPS, max_rows: int = MAX_ROWS):
        self._max_groups = max_groups
        self._max_rows = max_rows
        self._entries: OrderedDict[tuple[Hashable, str], tuple[VersionSummary, ...]] = OrderedDict()
        self._rows = 0

    def get(self, connection: Hashable, group_arn: str) -> tuple[VersionSummary, ...] | None:
        key = (connection, group_arn)
        rows = self._entries.get(key)
        if rows is not None:
            self._entries.move_to_end(key)
        return rows

    def put(self, connection: Hashable, group_arn: str, rows: Sequence[VersionSummary]) -> None:
        """Remember a complete listing (never a partial one: it would hide versions)."""
        self.forget(connection, group_arn)
        if len(rows) > self._max_rows:
            return
        self._entries[(connection, group_arn)] = tuple(rows)
        self._rows += len(rows)
        while len(self._entries) > self._max_groups or self._rows > self._max_rows:
            _key, dropped = self._entries.popitem(last=False)
            self._rows -= len(dropped)

    def forget(self, connection: Hashable, group_arn: str) -> None:
        dropped = self._entries.pop((connection, group_arn), None)
        if dropped is not None:
            self._rows -= len(dropped)

    def clear(self) -> None:
        self._entries.clear()
        self._rows = 0

    def __len__(self) -> int:
        return len(self._entries)
