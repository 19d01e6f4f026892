"""The toolbar's profile and region pickers: which connection the main views show."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from app.registry.aws import Connection
from app.ui.workspace import ConnectionChoice, Workspace


class ConnectionBar(QObject):
    """Fills the two pickers and turns a pick into `workspace.set_connection`."""

    connectionPicked = Signal(object)  # Connection: remember it as the last profile

    def __init__(self, workspace: Workspace, parent: QWidget):
        super().__init__(parent)
        self._workspace = workspace
        self.connection_picker = QComboBox()
        self.connection_picker.setAccessibleName(self.tr("Profile"))
        self.connection_picker.setToolTip(self.tr("The AWS profile (account) whose registry is shown"))
        self.connection_picker.setMinimumContentsLength(40)  # "sandbox — registry account 123456789012"
        self.connection_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region_picker = QComboBox()
        self.region_picker.setAccessibleName(self.tr("Region"))
        self.region_picker.setToolTip(self.tr("The AWS Region whose registry is shown"))
        self.region_picker.setMinimumContentsLength(12)
        region = workspace.connection.region or ""
        self.region_picker.addItem(region or self.tr("(profile default)"), region)
        self.connection_picker.currentIndexChanged.connect(self._connection_picked)
        self.region_picker.currentIndexChanged.connect(self._region_picked)

    def add_to(self, bar: QToolBar) -> None:
        profile_label = QLabel(self.tr(" &Profile: "))
        profile_label.setBuddy(self.connection_picker)
        region_label = QLabel(self.tr("  Re&gion: "))
        region_label.setBuddy(self.region_picker)
        bar.addWidget(profile_label)
        bar.addWidget(self.connection_picker)
        bar.addWidget(region_label)
        bar.addWidget(self.region_picker)

    # -- filling ---------------------------------------------------------------------------

    def fill(self, choices: list[ConnectionChoice], regions: list[str] | None, current: Connection) -> None:
        """Every choice (and region, when given), with `current` selected; no signal fires."""
        with blocked(self.connection_picker), blocked(self.region_picker):
            self.connection_picker.clear()
            for choice in choices:
                self.connection_picker.addItem(choice.title, choice.connection)
            if regions is not None:
                self.region_picker.clear()
                for region in regions:
                    self.region_picker.addItem(region, region)
            self._select(current)

    def show_connection(self, connection: Connection) -> None:
        """Select `connection`, adding it when it is new to the picker; no signal fires."""
        with blocked(self.connection_picker), blocked(self.region_picker):
            picker = self.connection_picker
            if all(picker.itemData(i) != connection for i in range(picker.count())):
                picker.addItem(connection.display_name, connection)
            self._select(connection)

    def _select(self, connection: Connection) -> None:
        for position in range(self.connection_picker.count()):
            candidate = self.connection_picker.itemData(position)
            if candidate is not None and candidate.display_name == connection.display_name:
                self.connection_picker.setCurrentIndex(position)
                break
        position = self.region_picker.findData(connection.region or "")
        if position < 0 and connection.region:
            self.region_picker.addItem(connection.region, connection.region)
            position = self.region_picker.count() - 1
        if position >= 0:
            self.region_picker.setCurrentIndex(position)

    # -- picking ---------------------------------------------------------------------------

    def _connection_picked(self, position: int) -> None:
        connection = self.connection_picker.itemData(position)
        if connection is None:
            return
        region = self.region_picker.currentData()
        if region:
            connection = dataclasses.replace(connection, region=region)
        self.connectionPicked.emit(connection)
        self._workspace.set_connection(connection)

    def _region_picked(self, position: int) -> None:
        region = self.region_picker.itemData(position)
        if not region or region == self._workspace.connection.region:
            return
        connection = dataclasses.replace(self._workspace.connection, region=region)
        self.connectionPicked.emit(connection)
        self._workspace.set_connection(connection)


class blocked:
    """`with blocked(widget):` silences its signals while it is filled programmatically."""

    def __init__(self, widget: QObject):
        self._widget = widget

    def __enter__(self):
        self._previous = self._widget.blockSignals(True)
        return self._widget

    def __exit__(self, *_exc):
        self._widget.blockSignals(self._previous)
