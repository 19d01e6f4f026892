"""Apply: each step with its own status; a refusal shows what changed and offers a new plan;
rollback restores whatever any attempt wrote; a run can be stopped between two steps."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.registry.crossaccount.apply import (
    ALREADY,
    DONE,
    EARLIER,
    FAILED,
    REFUSED,
    RESTORED,
    RUNNING,
    UNCHANGED,
    WAITING,
    ApplyOutcome,
    StepEvent,
    apply_plan,
)
from app.registry.crossaccount.plan import GROUP, RAM
from app.registry.crossaccount.rollback import RestoreEvent, RollbackOutcome, rollback
from app.ui import palette
from app.ui.texts import render
from app.ui.wizards.crossaccount.diff_view import DiffView
from app.ui.wizards.crossaccount.overwrite_dialog import OverwriteDialog

_COLOURS = {DONE: palette.SUCCESS_TEXT, FAILED: palette.ERROR_TEXT, RUNNING: palette.RUNNING_TEXT,
            RESTORED: palette.RESTORED_TEXT, REFUSED: palette.ERROR_TEXT}


class ApplyPage(QWizardPage):
    """Once something was written, Back is off until a rollback restores everything: the way
    to a new plan is "Plan again", which keeps the rollback record."""

    STEP, ACCOUNT, STATUS, DETAIL = range(4)
    rolledBack = Signal(object)  # the RollbackOutcome
    runFinished = Signal()  # an apply or a rollback returned (or failed)

    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Apply"))
        self.setSubTitle(self.tr(
            "Steps run in order; each re-reads its resource first and stops when it changed since "
            "the review. Everything written can be rolled back to the documents read before."))
        self._labels = {
            WAITING: self.tr("waiting"), RUNNING: self.tr("running…"), DONE: self.tr("done"),
            FAILED: self.tr("failed"), UNCHANGED: self.tr("no change needed"), RESTORED: self.tr("rolled back"),
            REFUSED: self.tr("changed since the review"),
        }
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Steps"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Step"), self.tr("Account"), self.tr("Status"), self.tr("Details")])
        header = self.table.horizontalHeader()
        for column in (self.STEP, self.ACCOUNT, self.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
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
        self.rollback_button.setToolTip(self.tr(
            "Restore every document written, exactly as it was read. A promoted AWS RAM share is deleted "
            "first (ram:DeleteResourceShare), with the permission its promotion made: it no longer "
            "follows the group policy. A share never promoted goes away with the policy."))
        self.rollback_button.clicked.connect(lambda: self.start_rollback())
        self.replan_button = QPushButton(self.tr("Plan again"))
        self.replan_button.setAccessibleName(self.tr("Plan again"))
        self.replan_button.setToolTip(self.tr("Back to the review, with a plan read afresh; what was written "
                                              "stays restorable"))
        self.replan_button.clicked.connect(lambda: self.wizard().replan())
        self.refusal = QWidget()
        refusal_layout = QVBoxLayout(self.refusal)
        refusal_layout.setContentsMargins(0, 0, 0, 0)
        self.refusal_text = QLabel()
        self.refusal_text.setAccessibleName(self.tr("What changed"))
        self.refusal_text.setWordWrap(True)
        self.refusal_text.setStyleSheet(palette.strip_style("warning", extra="padding: 4px;"))
        self.changes = DiffView(self.tr("Read for the review"), self.tr("There now"),
                                name=self.tr("What the review read and what is there now"),
                                copy_names=(self.tr("Copy what the review read"), self.tr("Copy what is there now")))
        self.changes.set_copy_labels(self.tr("Copy what the review read"), self.tr("Copy what is there now"))
        refusal_layout.addWidget(self.refusal_text)
        refusal_layout.addWidget(self.changes, 1)
        self.refusal.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.rollback_button)
        buttons.addWidget(self.replan_button)
        buttons.addStretch(1)
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.refusal)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._running: str | None = None  # "apply" or "rollback" while one is in flight
        self._stop = threading.Event()
        self._close_after_rollback = False

    # -- the table ---------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        plan = wizard.plan
        wizard.outcome = None
        self.table.setRowCount(len(plan.steps))
        for row, step in enumerate(plan.steps):
            account = plan.registry_account if step.kind in (GROUP, RAM) else plan.training_account
            self.table.setItem(row, self.STEP, QTableWidgetItem(render(step.title)))
            self.table.setItem(row, self.ACCOUNT, QTableWidgetItem(
                f"{account} ({step.connection.display_name})"))
            self.table.setItem(row, self.DETAIL, QTableWidgetItem(""))
        self._reset_rows()
        count = len(plan.changes)
        self.apply_button.setText(self.tr("Apply %n change(s)", "", count))
        self.apply_button.setEnabled(True)
        self.refusal.hide()
        self.replan_button.hide()
        written = len(wizard.record)
        if written:
            self.message.setText(self.tr(
                "%n resource(s) written by an earlier attempt can still be rolled back.", "", written))
        else:
            self.message.setText(self.tr("Nothing has been changed yet."))
        self._update_buttons()

    def _reset_rows(self) -> None:
        """Every row as before a run: "waiting", with a note where an earlier attempt wrote."""
        wizard = self.wizard()
        written = wizard.record.keys()
        for row, step in enumerate(wizard.plan.steps):
            self._set_status(StepEvent(row, WAITING if step.changed else UNCHANGED))
            self.table.item(row, self.DETAIL).setText(
                self.tr("Written by an earlier attempt; Roll back restores it.") if step.key in written else "")
            self.table.resizeRowToContents(row)

    def _set_status(self, event: StepEvent, label: str = "") -> None:
        item = QTableWidgetItem(label or self._labels.get(event.status, event.status))
        role = _COLOURS.get(event.status)
        if role:
            palette.tint_text(item, role)
        self.table.setItem(event.index, self.STATUS, item)
        detail = self.table.item(event.index, self.DETAIL)
        if event.status == REFUSED and label:
            detail.setText(self.tr("Someone changed it since the apply: not restored, so their change "
                                   "is kept."))
        elif event.status == REFUSED:
            detail.setText(self.tr("Someone changed it since the review: nothing was written to it. "
                                   "The difference is shown below."))
        elif event.note == EARLIER:
            detail.setText(self.tr("Already written by an earlier attempt; Roll back restores it."))
        elif event.note == ALREADY:
            detail.setText(self.tr("Already in place: nothing to write."))
        elif event.status == DONE and self._kind_of(event.index) == RAM:
            detail.setText(self.tr("Promoted to a standard AWS RAM share: the training account lists the "
                                   "group among those shared with it (Verify checks it)."))
        elif event.status == RESTORED and self._kind_of(event.index) == RAM:
            detail.setText(self.tr("The promoted share was deleted."))
        elif event.error or event.status in (DONE, RESTORED):
            detail.setText(render(event.error))
        self.table.resizeRowToContents(event.index)

    def _kind_of(self, row: int) -> str:
        plan = self.wizard().plan
        return plan.steps[row].kind if plan is not None and row < len(plan.steps) else ""

    def _restored(self, event: RestoreEvent) -> None:
        plan = self.wizard().plan
        rows = {step.key: row for row, step in enumerate(plan.steps)} if plan is not None else {}
        row = rows.get(event.key)
        if row is None or row >= self.table.rowCount():  # not on this page's plan: the message says
            return
        label = self.tr("changed since the apply") if event.status == REFUSED else ""
        self._set_status(StepEvent(row, event.status, event.error), label)

    def status_of(self, row: int) -> str:
        return self.table.item(row, self.STATUS).text()

    def detail_of(self, row: int) -> str:
        return self.table.item(row, self.DETAIL).text()

    # -- state -------------------------------------------------------------------------------

    def is_writing(self) -> bool:
        return self._running is not None

    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def request_stop(self) -> None:
        """Stop after the call in flight: the run checks between steps."""
        if self._running is not None:
            self._stop.set()
            self.message.setText(self.tr("Stopping after the current step…"))

    def _update_buttons(self) -> None:
        record = self.wizard().record
        running = self._running is not None
        self.rollback_button.setEnabled(not running and bool(record))
        self.replan_button.setEnabled(not running)
        # QWizard disables Back when the previous page is a commit page.
        self.wizard().review_page.setCommitPage(running or bool(record))
        self.completeChanged.emit()

    def _begin(self, kind: str) -> None:
        self._running = kind
        self._stop.clear()
        self.apply_button.setEnabled(False)
        self._update_buttons()

    def _end(self) -> None:
        self._running = None
        self._update_buttons()
        self.runFinished.emit()

    # -- apply -------------------------------------------------------------------------------

    def start_apply(self) -> None:
        wizard = self.wizard()
        self._reset_rows()
        self.refusal.hide()
        self.replan_button.hide()
        self._begin("apply")
        self.message.setText(self.tr("Applying…"))
        wizard.runner.run(apply_plan, wizard.plan, key="apply", pass_report=True, record=wizard.record,
                          should_stop=self._stop.is_set, on_yield=self._set_status,
                          on_return=self._applied, on_error=self._apply_failed)

    def _applied(self, outcome: ApplyOutcome) -> None:
        wizard = self.wizard()
        wizard.outcome = outcome
        written = len(wizard.record)
        if outcome.ok:
            self.message.setText(self.tr(
                "Every step is done. Go on to verify, or roll back (the only way back to the review)."))
        elif outcome.refused is not None:
            self._show_refusal(outcome)
        elif outcome.stopped:
            steps = len(outcome.done) + len(outcome.earlier)
            self.message.setText(
                self.tr("Stopped at your request: %n step(s) done in this attempt, the rest not started.", "", steps)
                + " " + self.tr("Apply again to go on, or roll back the %n resource(s) written.", "", written))
        elif written:
            self.message.setText(self.tr(
                "Stopped at a failure; nothing after it was changed. Roll back to restore the %n "
                "resource(s) written so far, or fix the cause and apply again.", "", written))
        else:
            self.message.setText(self.tr(
                "Stopped at a failure; nothing was written. Fix the cause and apply again."))
        self.apply_button.setEnabled(not outcome.ok)
        self._end()

    def _show_refusal(self, outcome: ApplyOutcome) -> None:
        refused = outcome.refused
        step = outcome.plan.steps[refused.index]
        self.refusal_text.setText(self.tr(
            "%1 changed since the review, so it was not written and no later step ran. Left: what "
            "the review read; right: what is there now. Plan again to review the change; everything "
            "written so far stays restorable.").replace("%1", render(refused.title)))
        self.changes.show_rows(refused.rows, step.current, refused.now)
        self.refusal.show()
        # The steps need only their rows; the difference gets the rest.
        steps = self.table.horizontalHeader().height() + self.table.verticalHeader().length() + 6
        self.splitter.setSizes([steps, max(self.splitter.height() - steps, 200)])
        self.replan_button.show()
        self.message.setText(self.tr(
            "Stopped: %1 changed since the review. Plan again, or roll back what was written.")
            .replace("%1", render(refused.title)))

    def _apply_failed(self, error: BaseException) -> None:
        self.message.setText(render(error))
        self.apply_button.setEnabled(True)
        self._end()

    # -- rollback ----------------------------------------------------------------------------

    def start_rollback(self, confirmed: frozenset = frozenset(), *, close_after: bool = False) -> None:
        wizard = self.wizard()
        if not wizard.record or self._running is not None:
            return
        self._close_after_rollback = close_after
        self._begin("rollback")
        self.message.setText(self.tr("Rolling back…"))
        wizard.runner.run(rollback, wizard.record, key="rollback", pass_report=True, confirmed=confirmed,
                          should_stop=self._stop.is_set, on_yield=self._restored,
                          on_return=self._rolled_back, on_error=self._rollback_failed)

    def _rollback_failed(self, error: BaseException) -> None:
        self.message.setText(render(error))
        self.apply_button.setEnabled(True)
        self._end()
        self.rolledBack.emit(RollbackOutcome(self.wizard().record))

    def _rolled_back(self, outcome: RollbackOutcome) -> None:
        wizard = self.wizard()
        if any(e.status == RESTORED for e in outcome.events):
            wizard.outcome = None  # the setup is no longer in place: apply again to go on
        if outcome.ok:
            self.message.setText(self.tr("Rolled back: every document is as it was before."))
            self.refusal.hide()
            self.replan_button.hide()
        elif outcome.stopped:
            self.message.setText(self.tr("Stopped at your request: %n resource(s) still to roll back.", "",
                                         len(wizard.record)))
        elif outcome.refused:
            self.message.setText(self.tr(
                "Not rolled back: %1 changed since the apply. Roll back again to see the difference and "
                "decide.").replace("%1", ", ".join(render(e.title) for e in outcome.refused)))
        else:
            self.message.setText(self.tr("Some steps could not be rolled back; see their details."))
        self.apply_button.setEnabled(True)
        self._end()
        self.rolledBack.emit(outcome)
        if outcome.refused and not outcome.stopped:
            self._ask_overwrite(outcome)
        elif outcome.ok and self._close_after_rollback:
            wizard.close_now()

    def _ask_overwrite(self, outcome: RollbackOutcome) -> None:
        dialog = OverwriteDialog(outcome.refused, self)
        close_after = self._close_after_rollback

        def decided(result: int) -> None:
            dialog.deleteLater()
            if result == OverwriteDialog.DialogCode.Accepted:
                self.start_rollback(frozenset(e.key for e in outcome.refused), close_after=close_after)

        dialog.finished.connect(decided)
        dialog.open()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        outcome = self.wizard().outcome if self.wizard() else None
        return self._running is None and outcome is not None and outcome.ok
