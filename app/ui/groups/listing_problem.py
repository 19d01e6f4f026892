"""A strip above the groups table saying why the list is not (or no longer) what AWS holds,
with a way to try again. It stays until a listing succeeds; the rows under it stay too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui import palette


class ListingProblem(QFrame):
    retryRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Groups listing problem"))
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(self.tr("Groups listing problem text"))
        self.label.setStyleSheet(palette.bare_style())
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setAccessibleName(self.tr("Retry listing groups"))
        self.retry_button.setToolTip(self.tr("List the groups again (F5)"))
        self.retry_button.clicked.connect(self.retryRequested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_problem(self, text: str) -> None:
        self.setStyleSheet(palette.strip_style("error", "ListingProblem"))
        self.label.setText(text)
        self.retry_button.setEnabled(True)
        self.retry_button.setText(self.tr("&Retry"))
        self.show()

    def retrying(self) -> None:
        """A new listing runs: the problem stays readable until it is solved or happens again."""
        self.retry_button.setEnabled(False)
        self.retry_button.setText(self.tr("Retrying…"))

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""
