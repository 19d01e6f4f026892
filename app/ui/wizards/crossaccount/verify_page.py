"""Verify: re-read every resource, then describe the group as the training account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWizardPage

from app.registry.crossaccount.verify import Check, verify
from app.ui import palette
from app.ui.texts import render


class VerifyPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Verify"))
        self.setSubTitle(self.tr(
            "Every resource is read again, then the training profile describes the group by its "
            "ARN, across accounts, as a registration would, and looks for it in the groups shared "
            "with it once its AWS RAM share is promoted."))
        self.checks = QListWidget()
        self.checks.setAccessibleName(self.tr("Checks"))
        self.checks.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Verify result"))
        self.summary.setWordWrap(True)
        self.again = QPushButton(self.tr("Verify again"))
        self.again.setAccessibleName(self.tr("Verify again"))
        self.again.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.checks, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.again, 0, Qt.AlignmentFlag.AlignLeft)
        self._results: list[Check] | None = None

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.start()

    def start(self) -> None:
        self._results = None
        self.checks.clear()
        self.again.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self.wizard().runner.run(verify, self.wizard().plan, key="verify",
                                 on_return=self._verified, on_error=self._failed)
        self.completeChanged.emit()

    def _verified(self, checks: list[Check]) -> None:
        self._results = checks
        for check in checks:
            mark = "✓" if check.ok else "✗"
            item = QListWidgetItem(f"{mark}  {render(check.title)}\n     {render(check.detail)}")
            palette.tint_text(item, palette.SUCCESS_TEXT if check.ok else palette.ERROR_TEXT)
            self.checks.addItem(item)
        failed = sum(not c.ok for c in checks)
        if failed:
            self.summary.setText(self.tr("%n check(s) failed: see above. Apply again, or fix them by hand.", "",
                                         failed))
        else:
            self.summary.setText(self.tr("Everything is in place: the training account can register versions."))
        self.again.setEnabled(True)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(render(error))
        self.again.setEnabled(True)

    def results(self) -> list[Check] | None:
        return self._results

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self._results is not None
