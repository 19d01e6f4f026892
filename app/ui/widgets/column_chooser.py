"""Hideable columns: a context menu on a table's header with a check per column, remembered.

The choice is kept in `Settings` by column id (not in the header's saved state alone), so it
survives a restart and a header state saved before a column existed; the first time, the
table's defaults apply. Columns that cannot be hidden have no entry in the menu.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from app.ui.settings import Settings


class ColumnChooser(QObject):
    visibilityChanged = Signal(str, bool)  # column id, shown: a column filled on demand starts its work

    def __init__(self, table: QTableView, settings: Settings, name: str, ids: Sequence[str], *,
                 fixed: Iterable[str] = (), hidden_by_default: Iterable[str] = (), added_later: Iterable[str] = ()):
        """`added_later`: columns newer than the first saved choices; where the saved choice does
        not list the columns it knew, these are taken as new, and hidden by default stay hidden."""
        super().__init__(table)
        self._table = table
        self._settings = settings
        self._name = name
        self._ids = list(ids)
        self._fixed = set(fixed)
        remembered = settings.hidden_columns(name)
        self.first_time = remembered is None
        hidden = set(hidden_by_default if remembered is None else remembered) - self._fixed
        if remembered is not None:  # a column added since the choice was saved gets its default
            known = settings.known_columns(name)
            new = set(added_later) if known is None else set(self._ids) - set(known)
            hidden |= (new & set(hidden_by_default)) - self._fixed
        for column, column_id in enumerate(self._ids):
            table.setColumnHidden(column, column_id in hidden)
        if remembered is None or settings.known_columns(name) != self._ids:
            self._save()  # chosen from now on: the defaults never come back over the user's choice
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_menu)

    def hidden(self) -> list[str]:
        return [c for n, c in enumerate(self._ids) if self._table.isColumnHidden(n)]

    def set_visible(self, column_id: str, visible: bool) -> None:
        if column_id in self._fixed or column_id not in self._ids:
            return
        column = self._ids.index(column_id)
        self._table.setColumnHidden(column, not visible)
        if visible and self._table.columnWidth(column) < 20:
            self._table.setColumnWidth(column, 110)  # a column hidden since the start has no width
        self._save()
        self.visibilityChanged.emit(column_id, visible)

    def is_visible(self, column_id: str) -> bool:
        return column_id in self._ids and not self._table.isColumnHidden(self._ids.index(column_id))

    def menu(self) -> QMenu:
        """The menu of columns, with a check on each shown one."""
        menu = QMenu(self._table)
        menu.setAccessibleName(self.tr("Columns"))
        model = self._table.model()
        header: QHeaderView = self._table.horizontalHeader()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            if column >= len(self._ids) or self._ids[column] in self._fixed:
                continue
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or self._ids[column])
            action = QAction(title, menu)
            action.setCheckable(True)
            action.setChecked(not self._table.isColumnHidden(column))
            action.setObjectName(self._ids[column])
            action.toggled.connect(lambda on, column_id=self._ids[column]: self.set_visible(column_id, on))
            menu.addAction(action)
        return menu

    def popup(self) -> None:
        """The menu under the header's left end (from the keyboard: View > Columns…)."""
        self._show_menu(QPoint(0, self._table.horizontalHeader().height()))

    def _show_menu(self, position: QPoint) -> None:
        menu = self.menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self._table.horizontalHeader().mapToGlobal(position))

    def _save(self) -> None:
        self._settings.set_hidden_columns(self._name, self.hidden())
        self._settings.set_known_columns(self._name, self._ids)
