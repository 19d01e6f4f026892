"""A thin table model over a list of plain rows (frozen dataclasses), filled page by page.

Columns are declared as data. `data()` only reads Python values already in memory: it never
calls AWS, never raises (a broken cell shows as empty), and is cheap enough for 10,000 rows.

A model can keep its rows sorted itself (`sort()`), so a proxy above it only filters: new
pages are then inserted at their sorted positions with a binary search in Python, instead of
a proxy calling a Python `lessThan` ~15 times per inserted row from C++.

A late page of a superseded load never reaches the model: the view runs each load under a
task key, and the task runner drops whatever a superseded run still delivers (app/tasks.py).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

log = logging.getLogger(__name__)

Row = TypeVar("Row")

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts naturally (numbers, datetimes)
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row object itself
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's identity (an ARN)

_Index = QModelIndex | QPersistentModelIndex
_BASE_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.TextAlignmentRole, ROW_ROLE, KEY_ROLE})


class _SortKey:
    """A sort value that never raises on comparison (mixed types compare as text)."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __lt__(self, other: _SortKey) -> bool:
        try:
            return self.value < other.value
        except TypeError:
            return str(self.value) < str(other.value)


class _Descending(_SortKey):
    __slots__ = ()

    def __lt__(self, other: _SortKey) -> bool:
        return _SortKey.__lt__(other, self)


_NUMBERS = (int, float)  # not bool: type() is exact


def _first(pair: tuple) -> Any:
    return pair[0]


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str  # already translated
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[Row]):
    # Roles a subclass answers in extra_data(); None means "ask it for every role".
    extra_roles: frozenset[int] | None = frozenset()

    def __init__(self, columns: Sequence[Column[Row]], key: Callable[[Row], Hashable], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[Row] = []
        self._row_of: dict[Hashable, int] = {}
        self._positions_stale = False
        self._loading = False
        self._sort_column = -1  # -1: rows stay in arrival order
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._sort_keys: list[Any] = []  # parallel to _rows while sorted
        self._plain_keys = True  # the keys are bare numbers (no objects, compared in C)
        overridden = type(self).extra_data is not RowsModel.extra_data
        declared = type(self).extra_roles is not RowsModel.extra_roles
        extra = self.extra_roles if declared or not overridden else None
        self._roles = None if extra is None else _BASE_ROLES | extra

    # -- loading ---------------------------------------------------------------------------

    @property
    def loading(self) -> bool:
        return self._loading

    def begin_load(self) -> None:
        """Forget the rows: a new load starts."""
        self._loading = True
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self._sort_keys.clear()
        self._plain_keys = True
        self._positions_stale = False
        self.endResetModel()

    def begin_refresh(self) -> None:
        """A new load that keeps the rows: the fresh listing is merged into them."""
        self._loading = True

    def release(self) -> None:
        """Let go of every row (the view is closing)."""
        self.begin_load()
        self._loading = False

    def end_load(self) -> None:
        self._loading = False

    def append_page(self, rows: Iterable[Row]) -> None:
        """Append one page (rows already shown are left as they are)."""
        row_of = self._positions()
        fresh = list({self._key(row): row for row in rows if self._key(row) not in row_of}.values())
        if not fresh:
            return
        if self._sort_column >= 0:
            self._insert_sorted(fresh)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for offset, row in enumerate(fresh):
            self._row_of[self._key(row)] = first + offset
            self._rows.append(row)
        self.endInsertRows()

    def _insert_sorted(self, fresh: list[Row]) -> None:
        """Insert at sorted positions: one insert per run of rows landing at the same place,
        from the bottom up so the positions found first stay right."""
        keyed = sorted(zip(self._keys_for(fresh), fresh, strict=True), key=_first)
        runs: list[tuple[int, list[_SortKey], list[Row]]] = []
        for sort_key, row in keyed:
            at = bisect_right(self._sort_keys, sort_key)
            if runs and runs[-1][0] == at:
                runs[-1][1].append(sort_key)
                runs[-1][2].append(row)
            else:
                runs.append((at, [sort_key], [row]))
        for at, keys, rows in reversed(runs):
            self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
            self._rows[at:at] = rows
            self._sort_keys[at:at] = keys
            for row in rows:
                self._row_of[self._key(row)] = -1  # present; positions are rebuilt on demand
            self._positions_stale = True
            self.endInsertRows()

    def _sort_value(self, row: Row) -> Any:
        column = self._columns[self._sort_column]
        try:
            return (column.sort_key or column.display)(row)
        except Exception:  # same rule as data(): a broken cell never raises
            return None

    def _keys_for(self, rows: Iterable[Row]) -> list[Any]:
        """Sort keys of `rows` that compare with the keys already kept.

        Numbers stay bare (negated when descending): a wrapper object per row would be one more
        object for the cycle collector to walk, and every comparison a Python call. The first
        value that is not a number turns every key into a wrapper, which compares anything.
        """
        values = list(map(self._sort_value, rows))
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if self._plain_keys:
            if all(type(v) in _NUMBERS and v == v for v in values):  # v != v: NaN, which never sorts
                return [-v for v in values] if descending else values
            self._plain_keys = False
            self._sort_keys = self._keys_for(self._rows) if self._sort_keys else []
        wrap = _Descending if descending else _SortKey
        return list(map(wrap, values))

    def _positions(self) -> dict[Hashable, int]:
        if self._positions_stale:
            self._row_of = {self._key(row): i for i, row in enumerate(self._rows)}
            self._positions_stale = False
        return self._row_of

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Keep the rows sorted on `column` from now on (-1: arrival order, as they stand)."""
        self._sort_column = column if 0 <= column < len(self._columns) else -1
        self._sort_order = order
        if self._sort_column < 0:
            self._sort_keys.clear()
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        self._plain_keys, self._sort_keys = True, []
        keyed = sorted(zip(self._keys_for(self._rows), self._rows, strict=True), key=_first)
        old_keys = [self._key(row) for row in self._rows]
        self._sort_keys = [k for k, _row in keyed]
        self._rows = [row for _k, row in keyed]
        self._positions_stale = True
        row_of = self._positions()
        after = []
        for index in before:
            moved = row_of.get(old_keys[index.row()]) if 0 <= index.row() < len(old_keys) else None
            after.append(QModelIndex() if moved is None else self.index(moved, index.column()))
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def resort_if_sorted_on(self, columns: Iterable[int]) -> None:
        """Late-filled cells of `columns` changed: when the rows are sorted on one, sort again."""
        if self._sort_column >= 0 and self._sort_column in set(columns):
            self.sort(self._sort_column, self._sort_order)

    def replace_all(self, rows: Iterable[Row]) -> None:
        """Show `rows` at once (for example what was seen last time) in place of the others."""
        self.begin_load()
        self.append_page(rows)

    def replace_row(self, row: Row) -> bool:
        """Swap in a newer copy of a row with the same key, in place; False when absent."""
        position = self._positions().get(self._key(row))
        if position is None:
            return False
        self._rows[position] = row
        if self._sort_column >= 0:
            position = self._resort_one(position)
        self.row_changed(position)
        return True

    def _resort_one(self, position: int) -> int:
        """A changed row moves to where its new sort value belongs; returns its new position."""
        (sort_key,) = self._keys_for([self._rows[position]])
        others = self._sort_keys[:position] + self._sort_keys[position + 1:]
        target = bisect_right(others, sort_key)
        if target == position:
            self._sort_keys[position] = sort_key
            return position
        destination = target + 1 if target > position else target
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        row = self._rows.pop(position)
        self._rows.insert(target, row)
        others.insert(target, sort_key)
        self._sort_keys = others
        self._positions_stale = True
        self.endMoveRows()
        return target

    def remove_key(self, key: Hashable) -> bool:
        if key not in self._positions():
            return False
        self.remove_keys([key])
        return True

    def remove_keys(self, keys: Iterable[Hashable]) -> None:
        """Remove many rows at once: one removal per run of adjacent rows, from the bottom up."""
        row_of = self._positions()
        positions = sorted({row_of[key] for key in keys if key in row_of}, reverse=True)
        runs: list[list[int]] = []  # [first, last], bottom run first
        for position in positions:
            if runs and runs[-1][0] == position + 1:
                runs[-1][0] = position
            else:
                runs.append([position, position])
        for first, last in runs:
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            del self._sort_keys[first:last + 1]
            self._positions_stale = True
            self.endRemoveRows()

    def row_changed(self, position: int) -> None:
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(position, 0), self.index(position, last))

    def cells_changed(self, positions: Iterable[int], first_column: int, last_column: int) -> None:
        """Cells of some rows changed: one signal per run of adjacent rows, so the view repaints
        only when a run is on screen (one span from the first to the last row usually is)."""
        run: list[int] = []
        for position in sorted(set(positions)):
            if run and position != run[1] + 1:
                self.dataChanged.emit(self.index(run[0], first_column), self.index(run[1], last_column))
                run = []
            run = [run[0] if run else position, position]
        if run:
            self.dataChanged.emit(self.index(run[0], first_column), self.index(run[1], last_column))

    def columns_changed(self, first_column: int, last_column: int) -> None:
        """Cells of some columns changed for every row (late-filled columns)."""
        if self._rows:
            self.dataChanged.emit(
                self.index(0, first_column), self.index(len(self._rows) - 1, last_column)
            )

    # -- reading ---------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, position: int) -> Row | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def position_of(self, key: Hashable) -> int | None:
        return self._positions().get(key)

    def row_for(self, key: Hashable) -> Row | None:
        position = self._positions().get(key)
        return None if position is None else self._rows[position]

    # -- Qt model protocol -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].header
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Painting asks ~8 roles per cell; most are answered here without more Python.
        if self._roles is not None and role not in self._roles:
            return None
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if index.column() >= len(self._columns):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        try:
            if role == Qt.ItemDataRole.DisplayRole:
                return column.display(row)
            if role == SORT_ROLE:
                return (column.sort_key or column.display)(row)
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
                return column.tooltip(row)
            if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == ROW_ROLE:
                return row
            if role == KEY_ROLE:
                return self._key(row)
            return self.extra_data(row, index.column(), role)
        except Exception:  # a broken cell must never take the view down
            log.exception("cell %d,%d failed", index.row(), index.column())
            return None

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Subclasses add roles (colours, badges) here."""
        return None
