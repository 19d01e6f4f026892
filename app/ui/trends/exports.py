"""Export PNG… and Export CSV… of the trend dock: a file dialog, then the file written on a worker."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog

from app.tasks import TaskRunner
from app.ui.texts import render
from app.ui.trends.operations import write_csv, write_png
from app.ui.trends.series import csv_rows

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.trends.dock import TrendsDock

FOLDER = "trends"  # the Settings key of the folder last exported to


def suggested_name(group: str, suffix: str) -> str:
    """"churn-prediction-metrics.png" from a group's name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", group).strip("-") + "-metrics" + suffix


class TrendExports(QObject):
    def __init__(self, dock: TrendsDock, window: MainWindow) -> None:
        super().__init__(dock)
        self._dock = dock
        self._window = window
        self.runner = TaskRunner(self, max_threads=1, name="trend-exports")

    def _ask(self, title: str, suffix: str, filters: str) -> str:
        group = self._dock.group()
        settings = self._window.settings
        start = os.path.join(settings.last_folder(FOLDER), suggested_name(group.name if group else "", suffix))
        path, _filter = QFileDialog.getSaveFileName(self._window, title, start, filters)
        if path:
            settings.set_last_folder(FOLDER, os.path.dirname(path))
        return path

    def png_interactively(self) -> None:
        plot = self._dock.plot
        if plot is None or not plot.isVisible():
            return
        path = self._ask(self.tr("Export Metric Trends as PNG"), ".png", self.tr("PNG pictures (*.png);;All files (*)"))
        if path:
            self.png(path)

    def png(self, path: str) -> None:
        """The plot as shown, legend included, saved to `path` off the UI thread."""
        assert self._dock.plot is not None
        self._dock.plot.settle()
        image = self._dock.plot.grab().toImage()  # a QImage: it may be saved on a worker
        self.runner.run(write_png, path, image, key="png", on_return=self._written, on_error=self._failed(path))

    def csv_interactively(self) -> None:
        path = self._ask(self.tr("Export Metric Trends as CSV"), ".csv", self.tr("CSV files (*.csv);;All files (*)"))
        if path:
            self.csv(path)

    def csv(self, path: str) -> None:
        """The plotted values (the checked metrics, as filtered), one row per version, to `path`."""
        rows = csv_rows(self._dock.series())
        self.runner.run(write_csv, path, rows, key="csv", on_return=self._written, on_error=self._failed(path))

    def _written(self, path: str) -> None:
        self._window.tell(self.tr("Saved the metric trends to %1").replace("%1", path))

    def _failed(self, path: str):
        def failed(error: BaseException) -> None:
            self._window.show_error(self.tr("The metric trends could not be saved to %1: %2")
                                    .replace("%1", path).replace("%2", render(error)))
        return failed

    def shutdown(self) -> None:
        self.runner.shutdown()
