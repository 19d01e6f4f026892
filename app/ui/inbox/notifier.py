"""The desktop notification of new pending versions: one message for however many arrived
together, through the system tray when there is one, else in the window's status bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from app.ui.settings import Settings

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

MESSAGE_MS = 10000
NAMED = 4  # versions named in one message; the rest are counted


class Notifier(QObject):
    """`announce(names)` shows one message (nothing when notifications are off); `messages`
    keeps every message shown, `clicked` says the person clicked one."""

    clicked = Signal()

    def __init__(self, window: QWidget, settings: Settings, tell: Callable[[str], None]):
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._tell = tell
        self.messages: list[str] = []
        self._tray: QSystemTrayIcon | None = None

    @staticmethod
    def tray_available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def _icon(self) -> QIcon:
        icon = QApplication.windowIcon()
        if icon.isNull():
            icon = self._window.windowIcon()
        if icon.isNull():
            icon = self._window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        return icon

    def _the_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            tray = self._tray = QSystemTrayIcon(self._icon(), self)
            tray.setToolTip(translate("inbox", "Registry Desk"))
            tray.messageClicked.connect(self.clicked.emit)
            tray.activated.connect(lambda _reason: self.clicked.emit())
        return self._tray

    def announce(self, names: list[str]) -> str:
        """One message naming the versions; returns it ("" when nothing was shown)."""
        if not names or not self._settings.notifications_enabled():
            return ""
        message = self.announcement(names)
        self.messages.append(message)
        if self.tray_available():
            tray = self._the_tray()
            tray.show()
            tray.showMessage(translate("inbox", "Registry Desk"), message, self._icon(), MESSAGE_MS)
        else:
            self._tell(message)
        return message

    def announcement(self, names: list[str]) -> str:
        """"3 new versions waiting for approval: churn 46, fraud 12, demand 7" (at most NAMED named)."""
        shown = ", ".join(names[:NAMED])
        if len(names) > NAMED:
            shown = self.tr("%1 and %Ln more", "", len(names) - NAMED).replace("%1", shown)
        return self.tr("%Ln new version(s) waiting for approval: %1", "", len(names)).replace("%1", shown)

    def shutdown(self) -> None:
        if self._tray is not None:
            self._tray.hide()
