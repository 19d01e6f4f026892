"""Python's cycle collector runs on the UI thread only.

A collection runs on whichever thread happens to allocate when a threshold is crossed. If that is
a worker, every Qt object in a garbage cycle is destroyed on the worker, and Qt objects must die
on the thread that owns them: the process crashes (seen as a segfault in a task building a boto3
client). So automatic collection is off, and a timer on the UI thread collects when the same
thresholds are crossed (Anki's aqt does the same).

Start-up comes in slices: until `settle()`, the timer runs every 50 ms and collects the youngest
generation only, so each pause walks what the last 50 ms allocated (botocore's models, moto) and
not the ~100,000 objects start-up makes in all; a full collection there froze the window 50-300 ms
just after its first paint. `settle()` then sets aside what start-up made (gc.freeze).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_INTERVAL_MS = 1000
STARTUP_INTERVAL_MS = 50


class UiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._settled = False
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(STARTUP_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> int:
        """Collect the oldest generation past its threshold; how many objects were freed.
        Before `settle()`, only the youngest."""
        counts = gc.get_count()
        if not self._settled:
            return gc.collect(0) if counts[0] > self._thresholds[0] else 0
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def settle(self) -> None:
        """Start-up is over: what exists now (modules, botocore's models, the window) lives as
        long as the process, so later collections skip it instead of walking ~100,000 objects,
        a pause of tens of ms in the middle of the user's first load.

        Only the youngest generation is collected first: start-up's garbage is nearly all there,
        collected slice by slice. What little garbage is older (about 100 KB on the sandbox) is
        set aside with the rest, once."""
        gc.collect(0)
        gc.freeze()
        self._settled = True
        self._timer.setInterval(CHECK_INTERVAL_MS)

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        gc.enable()
