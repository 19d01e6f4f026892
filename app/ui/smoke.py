"""`registry-desk --quit-when-ready`: start, wait for the first groups, say so, and quit.

For smoke tests of an installed wheel or a bundle (tests/test_wheel.py): the process shows that
the window, its resources and its first listing work, then ends by itself with exit code 0, or
with 1 when nothing was listed within a minute (the window's error, if any, is printed).
It also says when the window has painted for the first time, so a script timing the start of a
bundle (scripts/bundle --measure) can read that moment from the outside, extraction included.
"""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from app.ui.first_paint import AfterFirstPaint

CHECK_EVERY_MS = 200
GIVE_UP_AFTER_S = 60.0


def quit_when_ready(window: QMainWindow) -> QTimer:
    started = time.monotonic()
    timer = QTimer(window)
    # The line scripts/bundle waits for; printed once, just after the window's first paint.
    window._smoke_painted = AfterFirstPaint(  # type: ignore[attr-defined]  # kept alive with the window
        window, lambda: print(f"registry-desk: painted in {time.monotonic() - started:.2f} s", flush=True))

    def check() -> None:
        model = window.groups_view.model  # type: ignore[attr-defined]
        groups = 0 if model.loading else model.rowCount()  # the listing's end, not its first page
        banner = window.banner  # type: ignore[attr-defined]
        late = time.monotonic() - started > GIVE_UP_AFTER_S
        if not groups and not late:
            return
        timer.stop()
        if groups:
            print(f"registry-desk: ready, {groups} groups listed in {time.monotonic() - started:.1f} s", flush=True)
        else:
            shown = banner.text() if banner.isVisible() and hasattr(banner, "text") else "nothing listed"
            print(f"registry-desk: not ready after {GIVE_UP_AFTER_S:.0f} s: {shown}", file=sys.stderr, flush=True)
        window.close()
        QApplication.exit(0 if groups else 1)

    timer.timeout.connect(check)
    timer.start(CHECK_EVERY_MS)
    return timer
