"""Hand off: open the registration wizard as the training profile, or export the plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from app.registry.crossaccount.export import write_export
from app.registry.crossaccount.rollback import RollbackOutcome
from app.ui.texts import render
from app.ui.widgets.copy_field import CopyField


class HandOffPage(QWizardPage):
    def __init__(self):
        super().__init__()
        self.setTitle(self.tr("Hand off"))
        self.setSubTitle(self.tr(
            "Register a version as the training profile, or export every document and a boto3 "
            "script for teams that apply changes through review."))
        self.group_arn = CopyField(self.tr("Group ARN"))
        self.training = QLabel()
        self.training.setAccessibleName(self.tr("Training profile"))
        self.register_button = QPushButton(self.tr("Register a version as the training profile…"))
        self.register_button.setAccessibleName(self.tr("Register a version"))
        self.register_button.clicked.connect(self._hand_off)
        self.folder = QLineEdit()
        self.folder.setAccessibleName(self.tr("Export folder"))
        self.folder.setPlaceholderText(self.tr("a folder for the JSON documents and the script"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.setAccessibleName(self.tr("Choose export folder"))
        self.browse.clicked.connect(self._choose_folder)
        self.export_button = QPushButton(self.tr("Export"))
        self.export_button.setAccessibleName(self.tr("Export"))
        self.export_button.clicked.connect(self.start_export)
        self.exported = QLabel()
        self.exported.setAccessibleName(self.tr("Export result"))
        self.exported.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("Roll back the whole setup"))
        self.undo_button.setAccessibleName(self.tr("Roll back the whole setup"))
        self.undo_button.clicked.connect(lambda: self.start_rollback())
        self.undo_result = QLabel()
        self.undo_result.setAccessibleName(self.tr("Rollback result"))
        self.undo_result.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Group ARN:"), self.group_arn)
        form.addRow(self.tr("Training profile:"), self.training)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        folder_row.addWidget(self.export_button)
        form.addRow(self.tr("Export to:"), folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.exported)
        layout.addStretch(1)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.undo_result)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        wizard = self.wizard()
        self.group_arn.set_text(wizard.plan.group_arn)
        self.training.setText(wizard.plan.choice.training.display_name)
        self.register_button.setEnabled(wizard.hand_off is not None)
        if wizard.hand_off is None:
            self.register_button.setToolTip(self.tr("Registration is not available in this window"))
        self.undo_button.setEnabled(bool(wizard.record))

    def _hand_off(self) -> None:
        wizard = self.wizard()
        wizard.hand_off(wizard.plan.choice.training, wizard.plan.group_arn)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start_export(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self.exported.setText(self.tr("Type or choose a folder to export to."))
            return
        self.export_button.setEnabled(False)
        self.wizard().runner.run(write_export, self.wizard().plan, folder, key="export",
                                 on_return=lambda paths: self._exported(folder, paths),
                                 on_error=self._export_failed,
                                 on_finish=lambda: self.export_button.setEnabled(True))

    def _exported(self, folder: str, paths: list[str]) -> None:
        settings = self.wizard().settings
        if settings is not None:
            settings.set_last_folder("export", folder)
        self.exported.setText(self.tr("Wrote %n file(s):\n%1", "", len(paths))
                              .replace("%1", "\n".join(paths)))

    def _export_failed(self, error: BaseException) -> None:
        self.exported.setText(self.tr("Could not export: %1").replace("%1", render(error)))

    def start_rollback(self, close_after: bool = False) -> None:
        """The Apply page's rollback, so both pages (and Back) agree on what is restored."""
        apply_page = self.wizard().apply_page
        if not self.wizard().record:
            return
        self.undo_button.setEnabled(False)
        self.undo_result.setText(self.tr("Rolling back…"))
        apply_page.rolledBack.connect(self._rolled_back, Qt.ConnectionType.SingleShotConnection)
        apply_page.start_rollback(close_after=close_after)

    def _rolled_back(self, outcome: RollbackOutcome) -> None:
        if not outcome.ok:
            problems = [self.tr("%1: %2").replace("%1", render(e.title)).replace("%2", render(e.error))
                        for e in outcome.events if e.error]
            self.undo_result.setText("\n".join(problems) or self.tr("Not everything was rolled back."))
            self.undo_button.setEnabled(True)
        else:
            self.undo_result.setText(self.tr("Rolled back: every document is as it was before the setup."))
