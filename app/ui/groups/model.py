"""The groups table: plain `GroupSummary` rows, filtered by name as the user types."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from app.registry.versions.groups import GroupSummary
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import SORT_ROLE, Column, RowsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("GroupsModel", text)


def _owner(group: GroupSummary) -> str:
    return _tr("Shared from %1").replace("%1", group.account_id) if group.shared else _tr("This account")


class GroupsModel(RowsModel[GroupSummary]):
    NAME, DESCRIPTION, CREATED, STATUS, OWNER = range(5)

    def __init__(self, parent=None):
        columns = [
            Column(_tr("Name"), lambda g: g.name, lambda g: g.name.lower(), lambda g: g.arn),
            Column(_tr("Description"), lambda g: g.description, tooltip=lambda g: g.description),
            Column(_tr("Created"), lambda g: format_datetime(g.created), lambda g: g.created.timestamp()),
            Column(_tr("Status"), lambda g: g.status),
            Column(_tr("Owner"), _owner, tooltip=lambda g: g.arn),
        ]
        super().__init__(columns, key=lambda g: g.arn, parent=parent)

    def extra_data(self, row: GroupSummary, column: int, role: int):
        if role == Qt.ItemDataRole.FontRole and row.shared:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class GroupsFilterProxy(QSortFilterProxyModel):
    """Filters on the group name (case-insensitive) and sorts on natural values."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(GroupsModel.NAME)

    def set_search(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
