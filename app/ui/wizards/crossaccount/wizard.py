"""Cross-account setup: let a training account register versions into the registry account.

Choose -> Review (current vs proposed, side by side) -> Apply (per-step status, rollback)
-> Verify -> Hand off / Export. All AWS work runs in the wizard's TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtWidgets import QWidget, QWizard

from app.registry.aws import Connection
from app.registry.crossaccount.apply import ApplyOutcome
from app.registry.crossaccount.plan import Plan
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
        self.outcome: ApplyOutcome | None = None
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

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.runner.shutdown()
        super().closeEvent(event)
