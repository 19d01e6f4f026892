"""A thin table model over a list of plain rows (frozen dataclasses), filled page by page.

Columns are declared as data. `data()` only reads Python values already in memory: it never
calls AWS, never raises (a broken cell shows as empty), and is cheap enough for 10,000 rows.

Each load has a generation number: `begin_load()` starts a new one and clears the rows;
`append_page(generation, rows)` from a superseded load is ignored, so a late page from the
group the user just left can never show under the group they picked.
"""

from __future__ import annotations

import logging
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


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str  # already translated
    display: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    tooltip: Callable[[Row], str] | None = None
    align_right: bool = False


class RowsModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, columns: Sequence[Column[Row]], key: Callable[[Row], Hashable], parent=None):
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[Row] = []
        self._row_of: dict[Hashable, int] = {}
        self._generation = 0
        self._loading = False

    # -- loading ---------------------------------------------------------------------------

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def loading(self) -> bool:
        return self._loading

    def begin_load(self) -> int:
        """Forget the rows and start a new generation; returns it for the pages to carry."""
        self._generation += 1
        self._loading = True
        self.beginResetModel()
        self._rows.clear()
        self._row_of.clear()
        self.endResetModel()
        return self._generation

    def end_load(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False

    def append_page(self, generation: int, rows: Iterable[Row]) -> bool:
        """Append one page; False (and nothing changes) when the page is from an older load."""
        if generation != self._generation:
            return False
        fresh = [row for row in rows if self._key(row) not in self._row_of]
        if not fresh:
            return True
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        for offset, row in enumerate(fresh):
            self._row_of[self._key(row)] = first + offset
            self._rows.append(row)
        self.endInsertRows()
        return True

    def replace_all(self, rows: Iterable[Row]) -> None:
        """Show `rows` at once (for example what was seen last time) under a new generation."""
        generation = self.begin_load()
        self.append_page(generation, rows)

    def replace_row(self, row: Row) -> bool:
        """Swap in a newer copy of a row with the same key, in place; False when absent."""
        position = self._row_of.get(self._key(row))
        if position is None:
            return False
        self._rows[position] = row
        self.row_changed(position)
        return True

    def remove_key(self, key: Hashable) -> bool:
        position = self._row_of.get(key)
        if position is None:
            return False
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self._row_of = {self._key(row): i for i, row in enumerate(self._rows)}
        self.endRemoveRows()
        return True

    def row_changed(self, position: int) -> None:
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(position, 0), self.index(position, last))

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

    def sort_value(self, position: int, column: int) -> Any:
        """What SORT_ROLE gives for a cell, without going through a model index (fast sorting)."""
        try:
            col = self._columns[column]
            return (col.sort_key or col.display)(self._rows[position])
        except Exception:  # same rule as data(): a broken cell never raises
            return None

    def position_of(self, key: Hashable) -> int | None:
        return self._row_of.get(key)

    def row_for(self, key: Hashable) -> Row | None:
        position = self._row_of.get(key)
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
