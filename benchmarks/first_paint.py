"""Child process: start a window and exit at its first paint, printing its peak memory.

`app`: exactly what `registry-desk` does (app.cli), on the real-AWS path with no profiles.
`bare`: a PySide6 main window holding a table, the least a desktop table app can do.
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


if __name__ == "__main__":
    sys.exit(app_window() if sys.argv[1] == "app" else bare_window())
