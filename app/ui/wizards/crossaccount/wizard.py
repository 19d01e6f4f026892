"""Cross-account setup: let a training account register versions into the registry account.

Choose -> Review (current vs proposed, statement by statement) -> Apply (per-step status,
rollback) -> Verify -> Hand off / Export. All AWS work runs in the wizard's TaskRunner.

The wizard keeps one rollback record for its whole life: what any attempt wrote stays
restorable until the user rolls back or finishes. Closing never discards it without asking,
and never interrupts a write: it offers to stop after the step in flight.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget, QWizard

from app.registry.aws import Connection
from app.registry.crossaccount.apply import ApplyOutcome
from app.registry.crossaccount.plan import Plan
from app.registry.crossaccount.record import RollbackRecord
from app.tasks import TaskRunner
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice

HandOff = Callable[[Connection, str], None]  # (training connection, group ARN)


class PageId(IntEnum):
    CHOOSE = 0
    REVIEW = 1
    APPLY = 2
    VERIFY = 3
    HAND_OFF = 4


class CrossAccountWizard(QWizard):
    def __init__(
        self,
        choices: list[ConnectionChoice],
        *,
        registry: Connection | None = None,
        hand_off: HandOff | None = None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ):
        from app.ui.wizards.crossaccount.apply_page import ApplyPage
        from app.ui.wizards.crossaccount.choose_page import ChoosePage
        from app.ui.wizards.crossaccount.handoff_page import HandOffPage
        from app.ui.wizards.crossaccount.review_page import ReviewPage
        from app.ui.wizards.crossaccount.verify_page import VerifyPage

        super().__init__(parent)
        self.setObjectName("CrossAccountWizard")
        self.setWindowTitle(self.tr("Cross-account setup"))
        self.setAccessibleName(self.tr("Cross-account setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(1100, 720)
        self.runner = TaskRunner(self, max_threads=2)
        self.plan: Plan | None = None
        self.outcome: ApplyOutcome | None = None  # the latest apply's
        self.record = RollbackRecord()  # what rollback restores, across every attempt
        self._closing = False
        self.hand_off = hand_off
        self.settings = settings
        self.choose_page = ChoosePage(choices, registry)
        self.review_page = ReviewPage()
        self.apply_page = ApplyPage()
        self.verify_page = VerifyPage()
        self.hand_off_page = HandOffPage()
        if settings is not None:
            self.hand_off_page.folder.setText(settings.last_folder("export"))
        for page_id, page in (
            (PageId.CHOOSE, self.choose_page),
            (PageId.REVIEW, self.review_page),
            (PageId.APPLY, self.apply_page),
            (PageId.VERIFY, self.verify_page),
            (PageId.HAND_OFF, self.hand_off_page),
        ):
            self.setPage(page_id, page)
        for button, name in (
            (QWizard.WizardButton.NextButton, self.tr("Next")),
            (QWizard.WizardButton.BackButton, self.tr("Back")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
            (QWizard.WizardButton.FinishButton, self.tr("Finish")),
        ):
            self.button(button).setAccessibleName(name)

    # -- planning again -----------------------------------------------------------------------

    def replan(self) -> None:
        """Back to the review with a fresh plan; the rollback record stays as it is."""
        if self.currentId() != PageId.APPLY or self.apply_page.is_writing():
            return
        self.review_page.setCommitPage(False)
        self.back()
        self.review_page.start_plan()

    # -- closing: Cancel, Esc and the window's close button all come here -----------------------

    def reject(self) -> None:
        if self._closing:
            return
        if self.apply_page.is_writing():
            self._ask_stop()
            return
        if self.record:
            self._ask(self.tr("Roll back before closing?"), self.tr(
                "%n resource(s) written by this setup can still be restored to the documents read "
                "before the first write. After closing, Registry Desk can no longer restore them.", "",
                len(self.record)),
                [(self.tr("Roll back and close"), self._roll_back_and_close),
                 (self.tr("Keep the changes and close"), self.close_now),
                 (self.tr("Stay"), None)])
            return
        self.close_now()

    def _roll_back_and_close(self) -> None:
        """On a page that shows the rollback's outcome, so what could not be restored is seen."""
        if self.currentId() == PageId.HAND_OFF:
            self.hand_off_page.start_rollback(close_after=True)
            return
        if self.currentId() == PageId.VERIFY:
            self.back()  # to the apply page, whose steps show each restore
        self.apply_page.rolledBack.connect(self._rolled_back_before_closing, Qt.ConnectionType.SingleShotConnection)
        self.apply_page.start_rollback(close_after=True)

    def _rolled_back_before_closing(self, outcome) -> None:
        if outcome.failed and self.currentId() != PageId.APPLY:  # the page saying so is not in view
            self._ask(self.tr("Not everything was rolled back"), "\n".join(
                self.tr("%1: %2").replace("%1", e.title).replace("%2", e.error) for e in outcome.failed),
            [(self.tr("Stay"), None)])

    def _ask_stop(self) -> None:
        if not self.apply_page.stop_requested():
            self._ask(self.tr("Stop after the current step?"), self.tr(
                "Registry Desk is writing to AWS. It can stop once the call in flight has been "
                "answered, and show which steps were done; what was written stays restorable."),
                [(self.tr("Stop after this step"), self.apply_page.request_stop),
                 (self.tr("Keep going"), None)])

    def _ask(self, title: str, text: str, choices: list[tuple[str, Callable[[], None] | None]]) -> None:
        """A window-modal question answered later (never a nested wait); the last choice is Esc's."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        box.setAccessibleName(title)
        actions: dict[QPushButton, Callable[[], None] | None] = {}
        for label, action in choices:
            button = box.addButton(label, QMessageBox.ButtonRole.ActionRole)
            button.setAccessibleName(label)
            actions[button] = action
        last = list(actions)[-1]
        box.setEscapeButton(last)
        box.setDefaultButton(last)

        def answered(_result: int) -> None:
            action = actions.get(box.clickedButton())
            box.deleteLater()
            if action is not None:
                action()

        box.finished.connect(answered)
        box.open()

    def close_now(self) -> None:
        """Close, keeping whatever was written (the user chose to, or nothing was)."""
        self._closing = True
        self.record = RollbackRecord()
        super().reject()

    def accept(self) -> None:
        if self.apply_page.is_writing():  # a rollback started from the hand-off page
            self._ask_stop()
            return
        self._closing = True  # Finish: the setup is kept
        super().accept()

    def done(self, result: int) -> None:
        # Whatever still runs is a read (writes are never left running): drop it, wait for nothing.
        self.runner.shutdown()
        super().done(result)
