"""A small read-only table over a list of plain rows (environment variables, metrics, tags).

Rows keep the order they were given (the document's order) until the user clicks a header;
rows may repeat a name, because each one is keyed by its position. The table can size itself
to its rows, so several of them stack inside one scroll area without nested scroll bars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea, QSizePolicy, QWidget

from app.ui.widgets.rows_model import SORT_ROLE, Column, RowsModel
from app.ui.widgets.table_view import StatefulTableView

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Positioned:
    position: int
    row: Any


class _SortProxy(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:  # a number next to a text: compare as texts rather than fail
            return str(a) < str(b)


def _lift(column: Column[Any]) -> Column[_Positioned]:
    """The same column, reading the wrapped row; the tooltip shows an elided cell in full."""
    sort_key = column.sort_key
    tooltip = column.tooltip
    return Column(
        column.header,
        lambda p: column.display(p.row),
        (lambda p: sort_key(p.row)) if sort_key else None,
        (lambda p: tooltip(p.row)) if tooltip else (lambda p: column.display(p.row)),
        column.align_right,
    )


class PlainTable(StatefulTableView):
    """`PlainTable("Container 1 environment", [Column("Name", ...), Column("Value", ...)])`."""

    def __init__(
        self,
        accessible_name: str,
        columns: Sequence[Column[Any]],
        *,
        max_visible_rows: int | None = 12,
        parent: QWidget | None = None,
    ):
        super().__init__(accessible_name, parent)
        self._max_visible_rows = max_visible_rows
        self.rows_model: RowsModel[_Positioned] = RowsModel(
            [_lift(c) for c in columns], key=lambda p: p.position, parent=self
        )
        self.proxy = _SortProxy(self)
        self.proxy.setSourceModel(self.rows_model)
        self.setModel(self.proxy)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.horizontalHeader().setSectionsMovable(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        if max_visible_rows is not None:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
            self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._fit_height()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.rows_model.replace_all(_Positioned(i, row) for i, row in enumerate(rows))
        self.rows_model.end_load()
        self.resizeColumnToContents(0)
        # A long first column (an S3 URI) must not push the rest out of sight.
        widest = max(160, self.viewport().width() // 2)
        self.setColumnWidth(0, min(self.columnWidth(0) + 16, widest))
        self._fit_height()

    def rows(self) -> list[Any]:
        """The rows in the order they were given."""
        return [p.row for p in self.rows_model.rows()]

    def displayed_rows(self) -> list[list[str]]:
        """The cell texts as the user sees them, top to bottom in the current sort order."""
        return [
            [str(self.proxy.index(r, c).data() or "") for c in range(self.proxy.columnCount())]
            for r in range(self.proxy.rowCount())
        ]

    def _fit_height(self) -> None:
        if self._max_visible_rows is None:
            return
        count = self.rows_model.rowCount()
        if count == 0:  # room for the painted "why empty" text and its margins
            body = 48 + 2 * self.fontMetrics().lineSpacing()
        else:
            body = min(count, self._max_visible_rows) * self.verticalHeader().defaultSectionSize()
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + body + 2 * self.frameWidth() + 2)

    def set_empty_text(self, text: str, *, error: bool = False) -> None:
        super().set_empty_text(text, error=error)
        self._fit_height()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def copy_selection(self) -> None:
        """Ctrl+C: the selected rows as tab-separated text."""
        rows = sorted({index.row() for index in self.selectionModel().selectedIndexes()})
        if not rows:
            return
        columns = range(self.proxy.columnCount())
        lines = ["\t".join(str(self.proxy.index(r, c).data() or "") for c in columns) for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines))
