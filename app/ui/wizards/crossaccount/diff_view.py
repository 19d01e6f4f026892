"""Current and proposed document side by side, changed lines tinted, both copyable."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.registry.crossaccount.policies import side_by_side
from app.ui import palette


class DiffView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._current = ""
        self._proposed = ""
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Current and proposed document"))
        self.table.setHorizontalHeaderLabels([self.tr("Current"), self.tr("Proposed")])
        # Both sides always in view; a long line shows whole in its tooltip and in the copied JSON.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(18)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.table.setFont(font)
        self.copy_current = QPushButton(self.tr("Copy current JSON"))
        self.copy_current.setAccessibleName(self.tr("Copy current JSON"))
        self.copy_current.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._current))
        self.copy_proposed = QPushButton(self.tr("Copy proposed JSON"))
        self.copy_proposed.setAccessibleName(self.tr("Copy proposed JSON"))
        self.copy_proposed.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._proposed))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_current)
        buttons.addWidget(self.copy_proposed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def show_documents(self, current: str | None, proposed: str | None) -> None:
        self._current = current or ""
        self._proposed = proposed or ""
        right = self._proposed or self.tr("(cannot propose: see above)")
        rows = side_by_side(self._current, right)
        if not self._current and rows:  # everything is new: say so on the empty side
            rows[0] = (self.tr("(no policy yet)"), rows[0][1], "insert")
        self.table.setRowCount(len(rows))
        added, removed, changed = (palette.colour(p) for p in (palette.DIFF_ADDED, palette.DIFF_REMOVED,
                                                                palette.DIFF_CHANGED))
        tints = {"insert": (None, added), "delete": (removed, None), "replace": (changed, changed)}
        for position, (a, b, tag) in enumerate(rows):
            for column, text in enumerate((a, b)):
                item = QTableWidgetItem(text)
                item.setToolTip(text.strip())
                tint = tints.get(tag, (None, None))[column]
                if tint is not None and text:
                    item.setBackground(QBrush(tint))
                self.table.setItem(position, column, item)
        self.copy_current.setEnabled(bool(self._current))
        self.copy_proposed.setEnabled(bool(self._proposed))

    def proposed_text(self) -> str:
        return self._proposed
