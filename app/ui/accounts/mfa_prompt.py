"""MFA codes asked on the UI thread for worker threads, one dialog per device at a time.

A worker that needs a code (assuming a role) calls `ask()`, which hands the question to the UI
thread and waits. `app.registry.accounts.credentials.mfa_codes` already makes concurrent workers for
one device share a question; here the dialog is shown and the answer handed back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.registry.accounts.credentials import mfa_codes
from app.ui import palette


@dataclass(eq=False)
class MfaQuestion:
    device: str
    profile: str
    answered: threading.Event = field(default_factory=threading.Event)
    code: str | None = None


class MfaDialog(QDialog):
    def __init__(self, device: str, profile: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("MFA code"))
        self.setAccessibleName(self.tr("MFA code dialog"))
        intro = QLabel(self.tr("The profile '%1' assumes a role that needs a code from the MFA device\n%2.")
                       .replace("%1", profile).replace("%2", device))
        intro.setWordWrap(True)
        self.code_edit = QLineEdit()
        self.code_edit.setAccessibleName(self.tr("MFA code"))
        self.code_edit.setPlaceholderText(self.tr("6 digits"))
        self.code_edit.setMaxLength(6)
        self.problem = QLabel()
        self.problem.setAccessibleName(self.tr("MFA code problem"))
        self.problem.setStyleSheet(palette.text_style(palette.ERROR_TEXT))
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("Use code"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_edit)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def code(self) -> str:
        return self.code_edit.text().strip()

    def _accept_if_valid(self) -> None:
        if len(self.code()) == 6 and self.code().isdigit():
            self.accept()
            return
        self.problem.setText(self.tr("Type the 6 digits your MFA device shows now."))
        self.problem.show()


class MfaPrompter(QObject):
    """Installs itself as the application's MFA asker while it lives."""

    _asked = Signal(object)  # MfaQuestion, from a worker thread

    def __init__(self, parent_widget: QWidget):
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._open: list[MfaQuestion] = []
        self._lock = threading.Lock()
        self._closed = False
        self._asked.connect(self._show, Qt.ConnectionType.QueuedConnection)
        mfa_codes.set_asker(self.ask)

    def ask(self, device: str, profile: str) -> str | None:  # worker thread
        if QThread.currentThread() is self.thread():
            return None  # never block the UI thread on itself
        question = MfaQuestion(device, profile)
        with self._lock:
            if self._closed:
                return None
            self._open.append(question)
        self._asked.emit(question)
        question.answered.wait()
        return question.code

    def _show(self, question: MfaQuestion) -> None:
        if not question.answered.is_set():
            dialog = MfaDialog(question.device, question.profile, self._parent_widget)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                question.code = dialog.code()
            dialog.deleteLater()
        self._finish(question)

    def _finish(self, question: MfaQuestion) -> None:
        with self._lock:
            if question in self._open:
                self._open.remove(question)
        question.answered.set()

    def close(self) -> None:
        """Answer every open question with "cancelled" so no worker waits on a closed window."""
        with self._lock:
            self._closed = True
            waiting, self._open = self._open, []
        mfa_codes.remove_asker(self.ask)
        for question in waiting:
            question.answered.set()
