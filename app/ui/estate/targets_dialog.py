"""Choose accounts and regions: a grid of regions × profiles, one checkbox per pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from app.ui.estate.estate import Estate
    from app.ui.main_window import MainWindow


class TargetsDialog(QDialog):
    def __init__(self, window: MainWindow, estate: Estate):
        super().__init__(window)
        self.setWindowTitle(self.tr("Choose accounts and regions"))
        self.setAccessibleName(self.tr("Choose accounts and regions"))
        workspace = window.workspace
        self.profiles = list(dict.fromkeys([c.connection.display_name for c in workspace.choices()]
                                           or [workspace.connection.display_name]))
        titles = {c.connection.display_name: c.title for c in workspace.choices()}
        picker = window.region_picker
        offered = [str(picker.itemData(i)) for i in range(picker.count()) if picker.itemData(i)]
        chosen = estate.chosen() or [(workspace.connection.display_name, workspace.connection.region or "")]
        self.regions = list(dict.fromkeys([*offered, *(r for _p, r in chosen if r)]))

        intro = QLabel(self.tr("Tick each profile and region the estate lists (a click on a profile or a region "
                               "ticks its whole column or row). Nothing ticked: the current profile and region only."))
        intro.setWordWrap(True)
        self.grid = QTableWidget(len(self.regions), len(self.profiles))
        self.grid.setAccessibleName(self.tr("Profiles and regions"))
        self.grid.setHorizontalHeaderLabels(self.profiles)
        self.grid.setVerticalHeaderLabels(self.regions)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.grid.horizontalHeader().sectionClicked.connect(lambda column: self._toggle(
            [(row, column) for row in range(len(self.regions))]))
        self.grid.verticalHeader().sectionClicked.connect(lambda row: self._toggle(
            [(row, column) for column in range(len(self.profiles))]))
        for column, profile in enumerate(self.profiles):
            self.grid.horizontalHeaderItem(column).setToolTip(titles.get(profile, profile))
            for row, region in enumerate(self.regions):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked if (profile, region) in chosen else Qt.CheckState.Unchecked)
                item.setToolTip(self.tr("%1 in %2").replace("%1", profile).replace("%2", region))
                self.grid.setItem(row, column, item)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&List these"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("List these"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.grid, 1)
        layout.addWidget(buttons)
        self.resize(max(460, 140 + 150 * len(self.profiles)), min(640, 170 + 30 * len(self.regions)))

    def set_checked(self, profile: str, region: str, checked: bool = True) -> None:
        item = self.grid.item(self.regions.index(region), self.profiles.index(profile))
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _toggle(self, cells: list[tuple[int, int]]) -> None:
        """Tick them all, or untick them all when they all were ticked."""
        items = [self.grid.item(row, column) for row, column in cells]
        state = (Qt.CheckState.Unchecked if all(i.checkState() == Qt.CheckState.Checked for i in items)
                 else Qt.CheckState.Checked)
        for item in items:
            item.setCheckState(state)

    def chosen(self) -> list[tuple[str, str]]:
        """The ticked pairs, profile by profile in the picker's order."""
        return [(profile, region) for column, profile in enumerate(self.profiles)
                for row, region in enumerate(self.regions)
                if self.grid.item(row, column).checkState() == Qt.CheckState.Checked]
