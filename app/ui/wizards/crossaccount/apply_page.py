"""Apply: each step with its own status; on a failure, stop and offer to roll back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.registry.crossaccount.apply import (
    DONE,
    FAILED,
    RESTORED,
    RUNNING,
    UNCHANGED,
    WAITING,
    ApplyOutcome,
    StepEvent,
    apply_plan,
    rollback,
)
from app.registry.crossaccount.plan import GROUP
from app.ui import palette

_COLOURS = {DONE: palette.SUCCESS_TEXT, FAILED: palette.ERROR_TEXT, RUNNING: palette.RUNNING_TEXT,
            RESTORED: palette.RESTORED_TEXT}


class ApplyPage(QWizardPage):
    """Once a step may have been written, Back is off until a rollback restores everything:
    going back would plan again over changed documents and lose what rollback restores."""

    STEP, ACCOUNT, STATUS, DETAIL = range(4)
    rolledBack = Signal(list)  # the steps that could not be restored (empty: all restored)

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Apply"))
        self.setSubTitle(self.tr(
            "Steps run in order and stop at the first failure. Everything done can be rolled "
            "back to the documents read on the previous page."))
        self._labels = {
            WAITING: self.tr("waiting"), RUNNING: self.tr("running…"), DONE: self.tr("done"),
            FAILED: self.tr("failed"), UNCHANGED: self.tr("no change needed"), RESTORED: self.tr("rolled back"),
        }
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Steps"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Step"), self.tr("Account"), self.tr("Status"), self.tr("Details")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.STEP, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.ACCOUNT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Apply result"))
        self.message.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setAccessibleName(self.tr("Apply"))
        self.apply_button.clicked.connect(self.start_apply)
        self.rollback_button = QPushButton(self.tr("Roll back"))
        self.rollback_button.setAccessibleName(self.tr("Roll back"))
        self.rollback_button.setToolTip(self.tr("Restore every changed document exactly as it was read"))
        self.rollback_button.clicked.connect(self.start_rollback)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.rollback_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._busy = False

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        plan = self.wizard().plan
        self.wizard().outcome = None
        self.table.setRowCount(len(plan.steps))
        for row, step in enumerate(plan.steps):
            account = plan.registry_account if step.kind == GROUP else plan.training_account
            self.table.setItem(row, self.STEP, QTableWidgetItem(step.title))
            self.table.setItem(row, self.ACCOUNT, QTableWidgetItem(
                f"{account} ({step.connection.display_name})"))
            self.table.setItem(row, self.DETAIL, QTableWidgetItem(""))
            self._set_status(StepEvent(row, WAITING if step.changed else UNCHANGED))
        count = len(plan.changes)
        self.apply_button.setText(self.tr("Apply %1 change(s)").replace("%1", str(count)))
        self.apply_button.setEnabled(True)
        self.rollback_button.setEnabled(False)
        self.message.setText(self.tr("Nothing has been changed yet."))

    def _set_status(self, event: StepEvent) -> None:
        item = QTableWidgetItem(self._labels.get(event.status, event.status))
        role = _COLOURS.get(event.status)
        if role:
            item.setForeground(palette.brush(role))
        self.table.setItem(event.index, self.STATUS, item)
        if event.error or event.status in (DONE, RESTORED):
            self.table.item(event.index, self.DETAIL).setText(event.error)
        self.table.resizeRowToContents(event.index)

    def status_of(self, row: int) -> str:
        return self.table.item(row, self.STATUS).text()

    def _lock_plan(self, locked: bool) -> None:
        # QWizard disables Back when the previous page is a commit page.
        self.wizard().review_page.setCommitPage(locked)
        self.completeChanged.emit()

    def start_apply(self) -> None:
        wizard = self.wizard()
        self._busy = True
        self._lock_plan(True)
        self.apply_button.setEnabled(False)
        self.message.setText(self.tr("Applying…"))
        wizard.runner.run(apply_plan, wizard.plan, key="apply", pass_report=True,
                          on_yield=self._set_status, on_return=self._applied, on_error=self._apply_failed)
        self.completeChanged.emit()

    def _applied(self, outcome: ApplyOutcome) -> None:
        self._busy = False
        self.wizard().outcome = outcome
        self.rollback_button.setEnabled(bool(outcome.done))
        self._lock_plan(bool(outcome.done))
        if outcome.ok:
            self.message.setText(self.tr(
                "Every step is done. Go on to verify, or roll back (the only way back to the review)."))
        else:
            self.message.setText(self.tr(
                "Stopped at a failure; nothing after it was changed. Roll back to restore the %1 "
                "step(s) already done, or fix the cause and apply again.").replace("%1", str(len(outcome.done))))
            self.apply_button.setEnabled(True)
        self.completeChanged.emit()

    def _apply_failed(self, error: BaseException) -> None:
        self._busy = False
        self.message.setText(str(error))
        self.apply_button.setEnabled(True)
        outcome = self.wizard().outcome
        self._lock_plan(outcome is not None and bool(outcome.done))

    def start_rollback(self) -> None:
        outcome = self.wizard().outcome
        if outcome is None or not outcome.done:
            return
        self._busy = True
        self.rollback_button.setEnabled(False)
        self.apply_button.setEnabled(False)
        self.message.setText(self.tr("Rolling back…"))
        self.wizard().runner.run(rollback, outcome, key="rollback", pass_report=True,
                                 on_yield=self._set_status, on_return=self._rolled_back,
                                 on_error=self._rollback_failed)
        self.completeChanged.emit()

    def _rollback_failed(self, error: BaseException) -> None:
        self._busy = False
        self.message.setText(str(error))
        self.rollback_button.setEnabled(True)
        self.completeChanged.emit()
        self.rolledBack.emit([StepEvent(-1, FAILED, str(error))])

    def _rolled_back(self, events: list[StepEvent]) -> None:
        self._busy = False
        failed = [e for e in events if e.status == FAILED]
        wizard = self.wizard()
        if failed:
            self.message.setText(self.tr("Some steps could not be rolled back; see their details."))
            self.rollback_button.setEnabled(True)
            wizard.outcome.done = [e.index for e in failed]
        else:
            self.message.setText(self.tr("Rolled back: every document is as it was before."))
            wizard.outcome = None
            self.apply_button.setEnabled(True)
        self._lock_plan(bool(failed))
        self.rolledBack.emit(failed)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        outcome = self.wizard().outcome if self.wizard() else None
        return not self._busy and outcome is not None and outcome.ok
