"""The details area under the versions: the selected version's details, or the group's.

A desktop admin tool's properties pane shows what is selected, and the innermost thing
selected wins: with a version selected, the version; with none, the group itself, as a file
manager shows the folder when no file in it is selected. Group Details (Alt+Enter, the usual
"Properties" key) clears the version selection to bring the group back from anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget, QWidget

from app.ui.groups.details_ops import KnownProfile
from app.ui.groups.details_view import GroupDetailsView
from app.ui.groups.view import GroupsView
from app.ui.versions.details import DetailsPane
from app.ui.versions.view import VersionsView
from app.ui.workspace import Workspace


def known_profiles(workspace: Workspace) -> Callable[[], Sequence[KnownProfile]]:
    """The connection picker's profiles, as the group details name accounts with them."""
    return lambda: [KnownProfile(c.connection.display_name, c.connection, c.role_arn) for c in workspace.choices()]


class DetailsArea(QStackedWidget):
    def __init__(self, workspace: Workspace, groups: GroupsView, versions: VersionsView, details: DetailsPane,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Details"))
        self._groups = groups
        self._versions = versions
        self.version_details = details
        self.group_details = GroupDetailsView(workspace, known_profiles(workspace))
        self.addWidget(details)
        self.addWidget(self.group_details)
        groups.groupSelected.connect(self._group_selected)
        versions.selectionChanged.connect(lambda selected: self._follow(bool(selected)))

    def show_group_details(self) -> None:
        """Group Details: the group of the list, whatever version was selected."""
        if self._groups.current_group() is None:
            return
        self._versions.table.clearSelection()
        group = self._groups.current_group()
        if self.group_details.group() is not None and self.group_details.group().arn == group.arn:
            self.group_details.reload()  # asked for: read again, a setup may have changed the policy
        else:
            self.group_details.set_group(group)
        self._follow(False)
        self.group_details.tabs.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def reload(self) -> None:
        self.group_details.reload()

    def shutdown(self) -> None:
        """Both halves: the version details and the group's."""
        self.version_details.shutdown()
        self.group_details.shutdown()

    def _group_selected(self, group) -> None:
        self.group_details.set_group(group)
        self._follow(bool(self._versions.selected_versions()))

    def _follow(self, versions_selected: bool) -> None:
        on_group = not versions_selected and self._groups.current_group() is not None
        self.setCurrentWidget(self.group_details if on_group else self.version_details)
