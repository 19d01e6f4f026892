"""Unexpected errors reach the person and the log: a dialog for each exception nobody caught,
and Qt's own messages (qWarning and friends) in the log.

`ErrorReporter` listens to app/crashes.py (any thread) and opens app/ui/error_dialog.py on the UI
thread, queued, so the slot that raised has returned and the window goes on working. The
dialog's module is imported when the first error comes: the first paint does not wait for it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QObject, Qt, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from app import crashes

if TYPE_CHECKING:
    from app.ui.error_dialog import ErrorDialog

_qt_log = logging.getLogger("qt")
# By the values of QtMsgType: debug, warning, critical, fatal, info.
_QT_LEVELS = {0: logging.DEBUG, 1: logging.WARNING, 2: logging.ERROR, 3: logging.CRITICAL, 4: logging.INFO}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages, to the log (logger "qt", or "qt.<category>")."""
    where = f" ({context.file}:{context.line})" if context.file else ""
    category = context.category if context.category not in (None, "", "default") else ""
    logger = _qt_log.getChild(category) if category else _qt_log
    logger.log(_QT_LEVELS.get(int(kind.value), logging.WARNING), "%s%s", message, where)


class ErrorReporter(QObject):
    """Shows each unexpected error (from any thread) in one dialog, and logs Qt's messages."""

    _reported = Signal(str, str)

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: ErrorDialog | None = None
        # Queued even on the UI thread: the dialog opens after the failed slot has returned.
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._stop_listening = crashes.listen(self._reported.emit)
        self._previous_handler = qInstallMessageHandler(_qt_message)

    def close(self) -> None:
        """Stop reporting (the application is going away, or a test is done)."""
        self._stop_listening()
        qInstallMessageHandler(self._previous_handler)
        if self.dialog is not None:
            self.dialog.close()

    def _show(self, summary: str, details: str) -> None:
        if QApplication.closingDown():
            return
        if self.dialog is None:
            from app.ui.error_dialog import ErrorDialog

            # Without a parent: it outlives whichever window was active when the error came.
            self.dialog = ErrorDialog(self.log_path)
        self.dialog.show_error(summary, details)
