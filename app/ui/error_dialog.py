"""An unexpected error, shown: one line, where the log is, "Copy details" and Close.

Opened by app/ui/error_reporter.py, which imports this module only when the first error comes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.ui import icons


class ErrorDialog(QDialog):
    """Not modal: the window behind it keeps working. A second error updates it, counted."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setAccessibleName(self.tr("Unexpected error"))
        self.setModal(False)
        # Closing the main window still quits: this dialog alone does not keep the process alive.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self._details = ""
        self._count = 0

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32))
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Error summary"))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Errors so far"))
        self.count.hide()
        explanation = QLabel(self.tr(
            "Registry Desk ran into an error it did not expect and kept running; what you were doing "
            "may not have finished. The log has the details:"))
        explanation.setWordWrap(True)
        self.log_path = QLabel(str(log_path) if log_path else self.tr("(no log file could be written)"))
        self.log_path.setAccessibleName(self.tr("Log file"))
        self.log_path.setTextFormat(Qt.TextFormat.PlainText)
        self.log_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_path.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy details"))
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.setToolTip(self.tr("Copy the traceback, the version and the platform, without secrets"))
        icons.set_icon(self.copy_button, "copy")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(self.summary)
        text.addWidget(self.count)
        text.addWidget(explanation)
        text.addWidget(self.log_path)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def show_error(self, summary: str, details: str) -> None:
        if not self.isVisible():
            self._count = 0
        self._count += 1
        self.summary.setText(summary)
        self._details = details
        self.count.setText(self.tr("%n unexpected error(s) in a row; the last one is shown.",
                                   "", self._count))
        self.count.setVisible(self._count > 1)
        self.copy_button.setText(self.tr("&Copy details"))
        self.show()
        self.raise_()

    def details(self) -> str:
        return self._details

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self._details)
        self.copy_button.setText(self.tr("Copied"))
