"""Page 2 of a bulk change (bulk_change.py): progress, one line per version, the summary.

Results arrive in completion order; they are listed in the preview's order, so a version is
found where the user saw it before applying.
"""

from __future__ import annotations

import bisect

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QProgressBar, QVBoxLayout, QWidget

from app.ui import palette

BOLD = "QLabel { font-weight: 600; }"


class ResultsPage(QWidget):
    def __init__(self, title_font: QFont, parent: QWidget | None = None):
        super().__init__(parent)
        self._positions: list[int] = []  # the preview position of each listed result, in order
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setFont(title_font)
        layout.addWidget(self.title)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setFormat(self.tr("%v of %m"))
        layout.addWidget(self.progress)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Results"))
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        layout.addWidget(self.list, 1)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(BOLD)
        layout.addWidget(self.summary)
        self.outcome = QLabel()
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        layout.addWidget(self.outcome)

    def add(self, item: QListWidgetItem, position: int) -> None:
        """A version's line, at its place in the preview's order."""
        row = bisect.bisect(self._positions, position)
        self._positions.insert(row, position)
        self.list.insertItem(row, item)

    def scroll_to(self, position: int) -> None:
        self.list.scrollToItem(self.list.item(bisect.bisect_left(self._positions, position)))

    def add_failure(self, text: str) -> None:
        """A line about the whole run (refused before any call), under the versions'."""
        item = QListWidgetItem(f"✗ {text}")
        palette.tint_text(item, palette.ERROR_TEXT)
        self.list.addItem(item)

    def clear(self) -> None:
        self._positions = []
        self.list.clear()

    def set_summary(self, text: str, *, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet(palette.text_style(palette.ERROR_TEXT, "font-weight: 600;") if error else BOLD)

    def show_outcome(self, text: str, *, error: bool = False) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(palette.text_style(palette.ERROR_TEXT if error else palette.SUCCESS_TEXT,
                                                      "font-weight: 600;"))
        self.outcome.show()
