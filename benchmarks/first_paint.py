"""Child process: start a window and exit at its first paint, printing its peak memory.

`app`: exactly what `registry-desk` does (app.cli), on the real-AWS path with no profiles.
`bare`: a PySide6 main window holding a table, the least a desktop table app can do.
`startup`: the app from its first paint until its start-up has settled and the groups are listed
(from AWS_ENDPOINT_URL), printing the longest freeze of the UI thread in that time and how long
the start-up's garbage collection took.
`indexed`: the app with a local index from an earlier run, exiting when the first row of the
last group's versions is painted (from the index: the endpoint never answers), printing how
many rows were shown.
"""

from __future__ import annotations

import json
import os
import sys

from benchmarks.memory import peak_rss_mb


def exit_on_first_paint(window) -> None:
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                rss = peak_rss_mb()
                print(json.dumps({"peak_rss_mb": rss}), flush=True)
                os._exit(0)  # the moment of the first paint is all we came for
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)


def app_window() -> int:
    from app.cli import build_parser, create_application, create_window

    args = build_parser().parse_args([])
    app = create_application()
    window, _runtime = create_window(args)
    exit_on_first_paint(window)
    window.show()
    return app.exec()


def bare_window() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableWidget(100, 7))
    window.resize(1200, 800)
    exit_on_first_paint(window)
    window.show()
    return app.exec()


def startup_window() -> int:
    """From the first paint to the groups listed: what the user sees while the window starts."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    from app.cli import build_parser, create_application, create_window

    app = create_application()
    window, _runtime = create_window(build_parser().parse_args([]))
    ticks = QTimer()
    ticks.setInterval(5)
    state = {"longest": 0.0, "last": 0.0, "settle": float("nan"), "settled": False}

    def tick() -> None:
        now = time.perf_counter()
        state["longest"] = max(state["longest"], now - state["last"])
        state["last"] = now

    ticks.timeout.connect(tick)
    settle = app.collector.settle

    def timed_settle() -> None:
        started = time.perf_counter()
        settle()
        state["settle"] = time.perf_counter() - started
        state["settled"] = True

    app.collector.settle = timed_settle

    def done() -> None:
        model = window.groups_view.model
        if state["settled"] and model.rowCount() and not model.loading:
            tick()
            print(json.dumps({"longest_freeze_s": state["longest"], "settle_s": state["settle"]}), flush=True)
            os._exit(0)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not ticks.isActive():
                state["last"] = time.perf_counter()
                ticks.start()
            return False

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(done)
    poll.start()
    QTimer.singleShot(60_000, lambda: os._exit(1))
    window.show()
    return app.exec()


def indexed_window() -> int:
    """What `registry-desk` does, until the versions table paints its first remembered row."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    from app.cli import build_parser, create_application, create_window

    app = create_application()
    window, _runtime = create_window(build_parser().parse_args([]))
    view = window.versions_view

    class FirstRow(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and view.proxy.rowCount():
                print(json.dumps({"rows": view.proxy.rowCount(), "peak_rss_mb": peak_rss_mb()}), flush=True)
                os._exit(0)
            return False

    window._first_row = FirstRow(window)
    view.table.viewport().installEventFilter(window._first_row)
    QTimer.singleShot(60_000, lambda: os._exit(1))
    window.show()
    return app.exec()


if __name__ == "__main__":
    kinds = {"app": app_window, "bare": bare_window, "startup": startup_window, "indexed": indexed_window}
    sys.exit(kinds[sys.argv[1]]())
