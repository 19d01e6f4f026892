"""The groups table: plain `GroupSummary` rows, filtered by name as the user types.

The owner comes second, so a group shared from another account says so at any width; its name
cell also carries a "shared" marker (see name_delegate.py) and a tooltip naming the account.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from app.registry.versions.groups import GroupSummary
from app.ui import palette
from app.ui.widgets.formatting import format_datetime
from app.ui.widgets.rows_model import SORT_ROLE, Column, RowsModel

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def owner_text(group: GroupSummary) -> str:
    if group.shared:
        return translate("GroupsModel", "Shared from %1").replace("%1", group.account_id)
    return translate("GroupsModel", "This account")


def name_tooltip(group: GroupSummary) -> str:
    """The whole name (the cell may elide it), and whose group it is."""
    if group.shared:
        whose = translate("GroupsModel", "Shared with this account by account %1").replace("%1", group.account_id)
    else:
        whose = translate("GroupsModel", "In this account")
    return f"{group.name}\n{whose}\n{group.arn}"


class GroupsModel(RowsModel[GroupSummary]):
    NAME, OWNER, DESCRIPTION, CREATED, STATUS = range(5)
    extra_roles = frozenset({Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole,
                             Qt.ItemDataRole.AccessibleTextRole})

    def __init__(self, parent=None):
        columns = [
            Column(translate("GroupsModel", "Name"), lambda g: g.name, lambda g: g.name.lower(), name_tooltip),
            Column(translate("GroupsModel",
                             "Owner"), owner_text, lambda g: (g.shared, g.account_id), tooltip=lambda g: g.arn),
            Column(translate("GroupsModel", "Description"), lambda g: g.description, tooltip=lambda g: g.description),
            Column(translate("GroupsModel",
                             "Created"), lambda g: format_datetime(g.created), lambda g: g.created.timestamp()),
            Column(translate("GroupsModel", "Status"), lambda g: g.status),
        ]
        super().__init__(columns, key=lambda g: g.arn, parent=parent)

    def extra_data(self, row: GroupSummary, column: int, role: int):
        if role == Qt.ItemDataRole.FontRole and row.shared:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OWNER and not row.shared:
            return palette.brush(palette.MUTED_TEXT)  # "This account" recedes; "Shared from …" stands out
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.NAME and row.shared:
            return translate("GroupsModel",
                             "%1, shared from account %2").replace("%1", row.name).replace("%2", row.account_id)
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
