"""Python's cycle collector runs on the UI thread only.

A collection runs on whichever thread happens to allocate when a threshold is crossed. If that is
a worker, every Qt object in a garbage cycle is destroyed on the worker, and Qt objects must die
on the thread that owns them: the process crashes (seen as a segfault in a task building a boto3
client). So automatic collection is off, and a timer on the UI thread collects when the same
thresholds are crossed (Anki's aqt does the same).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 1000


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation past its threshold; how many objects were freed."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def settle(self) -> None:
        """Start-up is over: what exists now (modules, botocore's models, the window) lives as
        long as the process, so later collections skip it instead of walking ~100,000 objects,
        a pause of tens of ms in the middle of the user's first load."""
        gc.collect()
        gc.freeze()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.enable()
