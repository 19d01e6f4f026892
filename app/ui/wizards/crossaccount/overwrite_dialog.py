"""Asked before rollback overwrites a document someone changed since our apply."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.registry.crossaccount.rollback import RestoreEvent
from app.ui.texts import render
from app.ui.wizards.crossaccount.diff_view import DiffView


class OverwriteDialog(QDialog):
    """Shows, per refused resource, what we wrote against what is there now. Accepted means
    "restore the originals anyway" for every resource listed."""

    def __init__(self, refused: list[RestoreEvent], parent: QWidget | None = None):
        super().__init__(parent)
        self.refused = refused
        self.setWindowTitle(self.tr("Changed since the apply"))
        self.setAccessibleName(self.tr("Changed since the apply"))
        self.resize(980, 560)
        explanation = QLabel(self.tr(
            "Someone changed these documents after Registry Desk wrote them, so rollback left them "
            "as they are. Restoring the original now would erase that change (shown on the right)."))
        explanation.setWordWrap(True)
        explanation.setAccessibleName(self.tr("Why rollback stopped"))
        self.resources = QListWidget()
        self.resources.setAccessibleName(self.tr("Changed resources"))
        self.resources.addItems([render(event.title) for event in refused])
        self.resources.setMaximumHeight(22 * min(len(refused), 4) + 8)
        self.resources.currentRowChanged.connect(self._show)
        self.diff = DiffView(self.tr("What Registry Desk wrote"), self.tr("There now"),
                             name=self.tr("What was written and what is there now"),
                             copy_names=(self.tr("Copy what was written"), self.tr("Copy what is there now")))
        self.diff.set_copy_labels(self.tr("Copy what was written"), self.tr("Copy what is there now"))
        buttons = QDialogButtonBox()
        self.overwrite = QPushButton(self.tr("Restore the original anyway"))
        self.overwrite.setAccessibleName(self.tr("Restore the original anyway"))
        self.keep = QPushButton(self.tr("Keep their change"))
        self.keep.setAccessibleName(self.tr("Keep their change"))
        for button in (self.overwrite, self.diff.copy_current, self.diff.copy_proposed):
            button.setAutoDefault(False)  # Enter keeps their change, never overwrites it
        self.keep.setDefault(True)
        buttons.addButton(self.overwrite, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.keep, QDialogButtonBox.ButtonRole.RejectRole)
        self.overwrite.clicked.connect(self.accept)
        self.keep.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.resources)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        self.resources.setVisible(len(refused) > 1)
        self.resources.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.refused):
            event = self.refused[row]
            self.diff.show_rows(list(event.rows), event.written, event.now)
