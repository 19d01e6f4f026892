"""What each window action does: the table of actions (actions.py) meets the views and flows here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from app.registry.versions.records import APPROVED, PENDING, REJECTED

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def connect_actions(window: MainWindow, a: dict[str, QAction]) -> None:
    flows = window.flows
    a["refresh"].triggered.connect(window.refresh)
    a["find"].triggered.connect(window.groups_view.focus_search)
    a["approve"].triggered.connect(lambda: flows.change_approval(APPROVED))
    a["reject"].triggered.connect(lambda: flows.change_approval(REJECTED))
    a["pending"].triggered.connect(lambda: flows.change_approval(PENDING))
    a["copy_arn"].triggered.connect(flows.copy_arn)
    a["new_group"].triggered.connect(window.groups_view.create_group_interactively)
    a["delete_group"].triggered.connect(window.groups_view.delete_group_interactively)
    a["empty_delete_group"].triggered.connect(lambda: window.groups_view.empty_and_delete_interactively())
    window.groups_view.versionDeleted.connect(flows.version_missing)
    a["group_details"].triggered.connect(window.details_area.show_group_details)
    a["focus_groups"].triggered.connect(lambda: window.groups_view.table.setFocus())
    a["focus_versions"].triggered.connect(lambda: window.versions_view.table.setFocus())
    a["cross_account"].triggered.connect(flows.open_cross_account_setup)
    a["register_version"].triggered.connect(lambda: flows.register_version())
    a["new_version_from"].triggered.connect(flows.new_version_from_selected)
    a["edit_metadata"].triggered.connect(flows.edit_metadata)
    a["choose_columns"].triggered.connect(window.versions_view.columns.popup)
    window.versions_view.table.addActions([a["register_version"], a["new_version_from"]])
    flows.wire_governance(a)
    a["quit"].triggered.connect(window.close)
