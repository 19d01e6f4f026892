"""The details pane's Metrics tab: the version's metric reports, the selected one's numbers, and
the drift check baselines.

A report is read from S3 only while the tab is on screen, one at a time, and kept per S3 URI.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QVBoxLayout, QWidget

from app.registry.versions.metrics import MetricRow
from app.registry.versions.records import VersionDetails
from app.tasks import TaskRunner
from app.ui.texts import render
from app.ui.versions.operations import read_metrics_report
from app.ui.widgets.copy_field import CopyField
from app.ui.widgets.formatting import format_number
from app.ui.widgets.plain_table import PlainTable
from app.ui.widgets.rows_model import Column
from app.ui.workspace import Workspace


class MetricsTab(QWidget):
    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner  # the pane's: closing the pane stops these reads too
        self._metrics: dict[str, list[MetricRow] | str] = {}  # S3 URI -> rows, or an error text
        self._metrics_reading: set[str] = set()
        self._active = False
        layout = QVBoxLayout(self)
        self.no_metrics = QLabel(self.tr("This version has no model metrics."))
        self.no_metrics.setEnabled(False)
        layout.addWidget(self.no_metrics)
        self.reports = PlainTable(
            self.tr("Metric reports"),
            [Column(self.tr("Report"), lambda r: r[0]), Column(self.tr("S3 URI"), lambda r: r[1])],
            max_visible_rows=5,
        )
        self.reports.setSortingEnabled(False)
        self.reports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reports.selectionModel().currentRowChanged.connect(lambda *_: self._report_changed())
        layout.addWidget(self.reports)
        self.report_file = CopyField(self.tr("Metrics file"))
        layout.addWidget(self.report_file)
        self.metrics_table = PlainTable(
            self.tr("Model metrics"),
            [
                Column(self.tr("Metric"), lambda m: m.name),
                Column(
                    self.tr("Value"),
                    lambda m: format_number(m.value, 4),
                    lambda m: (0, m.value, "") if isinstance(m.value, float) else (1, 0.0, m.value),
                    align_right=True,
                ),
                Column(
                    self.tr("Standard deviation"),
                    lambda m: format_number(m.std_dev, 4) if m.std_dev is not None else "",
                    lambda m: m.std_dev if m.std_dev is not None else -1.0,
                    align_right=True,
                ),
            ],
            max_visible_rows=None,
        )
        header = self.metrics_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # the numbers sit side by side, right-aligned
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.metrics_table, 1)
        self.baselines_title = QLabel(self.tr("Drift check baselines"))
        layout.addWidget(self.baselines_title)
        self.baselines = PlainTable(
            self.tr("Drift check baselines"),
            [Column(self.tr("Baseline"), lambda r: r[0]), Column(self.tr("S3 URI"), lambda r: r[1])],
            max_visible_rows=3,  # the numbers above matter more; the rest scroll
        )
        layout.addWidget(self.baselines)
        layout.addStretch(0)  # with no metrics, the note stays at the top

    def clear(self) -> None:
        """Forget every report read (another account)."""
        self._metrics.clear()
        self._metrics_reading.clear()
        self._active = False

    def set_active(self, active: bool) -> None:
        """Whether a version's details are shown with this tab on screen: only then is S3 read."""
        self._active = active
        self._load_metrics_if_visible()

    def fill(self, d: VersionDetails) -> None:
        has = bool(d.metrics)
        self.no_metrics.setVisible(not has)
        for widget in (self.reports, self.report_file, self.metrics_table):
            widget.setVisible(has)
        self.reports.set_rows(list(d.metrics))
        self.baselines.set_rows(list(d.drift_baselines))
        for widget in (self.baselines_title, self.baselines):
            widget.setVisible(bool(d.drift_baselines))
        if has:
            self.reports.selectRow(0)
        self._report_changed()

    def _selected_report(self) -> tuple[str, str] | None:
        index = self.reports.currentIndex()
        rows = self.reports.rows()
        if not index.isValid() or not rows:
            return rows[0] if rows else None
        return rows[index.row()]

    def _report_changed(self) -> None:
        report = self._selected_report()
        self.report_file.set_text(report[1] if report else "")
        if report is None:
            self.metrics_table.set_rows([])
            return
        self._show_metrics(report[1])
        self._load_metrics_if_visible()

    def _show_metrics(self, uri: str) -> None:
        found = self._metrics.get(uri)
        if isinstance(found, str):
            self.metrics_table.set_rows([])
            self.metrics_table.set_empty_text(found, error=True)
        elif found is not None:
            self.metrics_table.set_rows(found)
            self.metrics_table.set_empty_text(self.tr("This report holds no metrics for a table."))
        else:
            self.metrics_table.set_rows([])
            self.metrics_table.set_empty_text(self.tr("Reading metrics…"))
        # Screen readers do not see the painted text of an empty table; describe it.
        empty = self.metrics_table.rows_model.rowCount() == 0
        said = self.metrics_table.empty_text() if empty else ""
        self.metrics_table.setAccessibleDescription(said)

    def _load_metrics_if_visible(self) -> None:
        if not self._active:
            return
        report = self._selected_report()
        if report is None:
            return
        uri = report[1]
        if uri in self._metrics or uri in self._metrics_reading:
            return
        self._metrics_reading.add(uri)
        self._runner.run(
            read_metrics_report,
            self._workspace.connection,
            uri,
            on_return=lambda rows: self._metrics_read(uri, rows),
            on_error=lambda exc: self._metrics_read(uri, render(exc)),
            on_finish=lambda: self._metrics_reading.discard(uri),
        )

    def _metrics_read(self, uri: str, result: list[MetricRow] | str) -> None:
        self._metrics[uri] = result
        report = self._selected_report()
        if report is not None and report[1] == uri:
            self._show_metrics(uri)
