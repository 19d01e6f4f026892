"""The background refresh of the estate: every few minutes (the Preferences say how many; 0 is
off), the estate lists every chosen profile and region again, which updates the local index,
which the inbox follows. A tick while a refresh still runs is skipped, never queued."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.ui.settings import Settings

MINUTE_MS = 60_000


class BackgroundRefresh(QObject):
    """Ticks `estate().refresh()`; `estate` returns the window's estate (None until installed)."""

    ticked = Signal(bool)  # True: a refresh was started; False: skipped (one still runs, or no estate)

    def __init__(self, settings: Settings, estate, parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings
        self._estate = estate
        self.timer = QTimer(self)
        self.timer.setObjectName("inbox-refresh-timer")
        self.timer.timeout.connect(self.tick)
        self.minutes = -1
        self.apply_preferences()

    @property
    def active(self) -> bool:
        return self.timer.isActive()

    def apply_preferences(self) -> None:
        """Read the interval again (the Preferences changed): 0 stops the timer."""
        minutes = self._settings.inbox_refresh_minutes()
        if minutes == self.minutes and (self.timer.isActive() or minutes == 0):
            return
        self.minutes = minutes
        if minutes <= 0:
            self.timer.stop()
        else:
            self.timer.start(minutes * MINUTE_MS)

    def tick(self) -> bool:
        """One refresh of the estate, unless one still runs; True when one was started."""
        self.apply_preferences()  # the interval may have changed without anyone saying so
        if not self.timer.isActive():
            self.ticked.emit(False)
            return False
        estate: Any = self._estate()
        if estate is None or estate.is_refreshing():
            self.ticked.emit(False)
            return False
        estate.refresh()
        self.ticked.emit(True)
        return True

    def shutdown(self) -> None:
        self.timer.stop()
