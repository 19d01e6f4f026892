"""A read-only, selectable value (an ARN, an image URI) with a button that copies it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

COPIED_FEEDBACK_MS = 1500


class CopyField(QWidget):
    """`what` names the value for people and screen readers: "ARN" -> a button "Copy ARN"."""

    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, what: str, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._what = what
        self.setAccessibleName(what)
        self.line = QLineEdit()
        self.line.setReadOnly(True)
        self.line.setAccessibleName(what)
        self.line.setPlaceholderText(self.tr("None"))

        self.button = QToolButton()
        self.button.setAccessibleName(self.tr("Copy %1").replace("%1", what))
        self.button.setToolTip(self.tr("Copy %1 to the clipboard").replace("%1", what))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.clicked.connect(self.copy)
        self._idle_text = self.tr("Copy")
        self.button.setText(self._idle_text)
        # Room for the longer of the two labels, so the field does not jump when it changes.
        metrics = self.button.fontMetrics()
        labels = (self._idle_text, self.tr("Copied"))
        self.button.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in labels) + 20)

        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.setInterval(COPIED_FEEDBACK_MS)
        self._reset_timer.timeout.connect(self._restore_button)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.line.setText(text)
        self.line.setToolTip(text)
        self.line.setCursorPosition(0)  # long values show their start, where the meaning is
        self.button.setEnabled(bool(text))

    def text(self) -> str:
        return self.line.text()

    def copy(self) -> None:
        text = self.line.text()
        if not text:
            return
        QGuiApplication.clipboard().setText(text)
        self.button.setText(self.tr("Copied"))
        self.button.setStatusTip(self.tr("%1 copied to the clipboard").replace("%1", self._what))
        self._reset_timer.start()
        self.copied.emit(text)

    def _restore_button(self) -> None:
        self.button.setText(self._idle_text)
        self.button.setStatusTip("")
