"""The inbox pane: what it shows (waiting for approval, or a stage), the versions oldest first,
and what to do with the selected ones (approve, reject, open)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from app.registry.versions.records import APPROVED, REJECTED
from app.ui.inbox.model import InboxModel
from app.ui.inbox.operations import InboxRow
from app.ui.widgets.table_view import StatefulTableView


class InboxView(QWidget):
    openRequested = Signal(object)  # the InboxRow to show in the main views
    approvalRequested = Signal(str, list)  # target status, the selected InboxRows
    stageChosen = Signal(str)  # "" = waiting for approval

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = InboxModel(self)
        self.stage_picker = QComboBox()
        self.stage_picker.setAccessibleName(self.tr("Inbox shows"))
        self.stage_picker.setToolTip(self.tr("Versions waiting for approval, or the versions in one stage"))
        self.stage_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._fill_stages([], "")
        shows = QLabel(self.tr("&Show:"))
        shows.setBuddy(self.stage_picker)
        self.approve_button = self._button(self.tr("&Approve…"), self.tr("Approve the selected versions"))
        self.reject_button = self._button(self.tr("Re&ject…"), self.tr("Reject the selected versions"))
        self.open_button = self._button(self.tr("&Open"), self.tr("Show the selected version in its group (Enter)"))
        self.approve_button.setAccessibleName(self.tr("Approve from the inbox"))
        self.reject_button.setAccessibleName(self.tr("Reject from the inbox"))
        self.open_button.setAccessibleName(self.tr("Open the version"))

        self.table = StatefulTableView(self.tr("Inbox versions"))
        self.table.setSortingEnabled(False)  # oldest first: the order is the point
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.set_empty_text(self.tr("Reading the local index…"))

        bar = QHBoxLayout()
        bar.addWidget(shows)
        bar.addWidget(self.stage_picker)
        bar.addStretch(1)
        for button in (self.approve_button, self.reject_button, self.open_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.stage_picker.activated.connect(lambda _i: self.stageChosen.emit(self.stage()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex().row()))
        self.approve_button.clicked.connect(lambda: self._approve(APPROVED))
        self.reject_button.clicked.connect(lambda: self._approve(REJECTED))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # -- what it shows ---------------------------------------------------------------------

    def stage(self) -> str:
        return str(self.stage_picker.currentData() or "")

    def _fill_stages(self, stages: list[str], chosen: str) -> None:
        picker = self.stage_picker
        picker.blockSignals(True)
        picker.clear()
        picker.addItem(self.tr("Waiting for approval"), "")
        for stage in sorted(set(stages) | ({chosen} if chosen else set())):
            picker.addItem(self.tr("In stage %1").replace("%1", stage), stage)
        picker.setCurrentIndex(max(0, picker.findData(chosen)))
        picker.blockSignals(False)

    def show_rows(self, rows: list[InboxRow], stages: list[str], stage: str, now: float) -> None:
        """Every row anew (oldest first); the selection stays on the versions still shown."""
        kept = {r.arn for r in self.selected_rows()}
        current = self.model.row_at(self.table.currentIndex().row())
        self._fill_stages(stages, stage)
        self.model.show(rows, now)
        self.table.setColumnHidden(InboxModel.STATUS, not stage)  # waiting for approval: all are Pending
        selection = self.table.selectionModel()
        for arn in kept:
            position = self.model.position_of(arn)
            if position is not None:
                selection.select(self.model.index(position, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        if current is not None and (position := self.model.position_of(current.arn)) is not None:
            selection.setCurrentIndex(self.model.index(position, 0), selection.SelectionFlag.NoUpdate)
        if not rows:
            self.table.set_empty_text(
                self.tr("Nothing waits for approval in the accounts and regions the window has listed.")
                if not stage else self.tr("No listed version is in the stage %1.").replace("%1", stage))
        self._update_buttons()

    def show_problem(self, text: str) -> None:
        self.table.set_empty_text(text, error=True)

    # -- the selection ---------------------------------------------------------------------

    def selected_rows(self) -> list[InboxRow]:
        positions = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [row for row in map(self.model.row_at, positions) if row is not None]

    def select_arns(self, arns: list[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        for arn in arns:
            position = self.model.position_of(arn)
            if position is not None:
                selection.select(self.model.index(position, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.approve_button.setEnabled(bool(rows))
        self.reject_button.setEnabled(bool(rows))
        self.open_button.setEnabled(len(rows) == 1 or (not rows and self.table.currentIndex().isValid()))

    def _open(self, position: int) -> None:
        row = self.model.row_at(position)
        if row is not None:
            self.openRequested.emit(row)

    def _approve(self, status: str) -> None:
        rows = self.selected_rows()
        if rows:
            self.approvalRequested.emit(status, rows)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
