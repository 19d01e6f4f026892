"""The approval dialog's comment: the box, its length against ApprovalDescription's limit, a hint,
and what is wrong with it (checked before any call), laid out one under the other."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.registry.versions import requests as registry_requests
from app.ui import palette
from app.ui.texts import render
from app.ui.widgets.formatting import format_count

FALLBACK_COMMENT_LIMIT = 1024  # until botocore's model has been read off the UI thread


class ApprovalComment(QWidget):
    changed = Signal()  # the text, or what is wrong with it

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._limit = FALLBACK_COMMENT_LIMIT
        self.rules_loaded = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        label = QLabel(self.tr("Approval comment (optional)"))
        self.counter = QLabel()
        self.counter.setAccessibleName(self.tr("Comment length"))
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        above = QHBoxLayout()  # the count sits on the label's line, never over the text
        above.addWidget(label, 1)
        above.addWidget(self.counter)
        layout.addLayout(above)

        self.box = QPlainTextEdit()
        self.box.setAccessibleName(self.tr("Approval comment"))
        self.box.setPlaceholderText(self.tr("Why? Reviewers and pipelines read this."))
        self.box.setTabChangesFocus(True)
        self.box.setFixedHeight(self.box.fontMetrics().lineSpacing() * 4 + 12)
        self.box.textChanged.connect(self._update)
        label.setBuddy(self.box)
        layout.addWidget(self.box)

        self.hint = QLabel(self.tr("Leave it empty to keep each version's current comment."))
        self.hint.setAccessibleName(self.tr("Comment hint"))
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        self.problem_label = QLabel()
        self.problem_label.setAccessibleName(self.tr("Comment problem"))
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        layout.addWidget(self.problem_label)
        self._update()

    def text(self) -> str:
        return self.box.toPlainText()

    def set_text(self, text: str) -> None:
        self.box.setPlainText(text)
        self.box.moveCursor(self.box.textCursor().MoveOperation.End)

    def set_limit(self, limit: int) -> None:
        """botocore's model has been read (on a worker): its limit and rules apply from now."""
        self._limit = limit
        self.rules_loaded = True
        self._update()

    def problem(self, text: str | None = None) -> str | None:
        """What is wrong with `text` (the box's, by default), in words; None when it can be sent."""
        text = self.text() if text is None else text
        if len(text) > self._limit:
            return (
                self.tr(
                    "The comment is %1 characters; ApprovalDescription takes at most %2. "
                    "Shorten it by %3."
                )
                .replace("%1", format_count(len(text)))
                .replace("%2", format_count(self._limit))
                .replace("%3", format_count(len(text) - self._limit))
            )
        if self.rules_loaded:  # cheap once the model is cached; the worker warmed it
            found = registry_requests.check_approval_comment(text)
            return render(found) if found else None
        return None

    def _update(self) -> None:
        text = self.text()
        problem = self.problem(text)
        self.counter.setText(f"{format_count(len(text))} / {format_count(self._limit)}")
        self.counter.setStyleSheet(palette.text_style(palette.ERROR_TEXT, "font-weight: 600;") if problem else "")
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(bool(problem))
        self.changed.emit()
