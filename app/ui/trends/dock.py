"""The Metric Trends dock (View › Metric Trends, Group › Metric Trends, Ctrl+Shift+M).

For the selected group: the metrics found in its versions' model-quality reports, each checked one
plotted over the versions (or over creation time), points coloured by approval status; clicking a
point selects that version in the versions table. The plot fills in as readings arrive, with how
many of the group's versions have been read. The choice of metrics is remembered per group name.
The plotting library is imported on a worker when the dock first opens, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.tasks import TaskRunner
from app.ui.trends.exports import TrendExports
from app.ui.trends.loader import TrendLoader
from app.ui.trends.operations import PLOTTING_LOADED, load_plotting
from app.ui.trends.series import Series, short_names

if TYPE_CHECKING:
    from app.registry.versions.groups import GroupSummary
    from app.ui.main_window import MainWindow
    from app.ui.trends.plot import TrendPlot

REDRAW_MS = 150  # batches arrive every 50 ms or so: the plot follows a few times a second
MESSAGE, PLOT = range(2)


class _Body(QWidget):
    def sizeHint(self) -> QSize:
        return QSize(900, 460)


class TrendsDock(QDockWidget):
    def __init__(self, window: MainWindow, toggle: QAction) -> None:
        super().__init__(self.tr("Metric Trends"), window)
        self._window = window
        self.setObjectName("trends-dock")
        self.setAccessibleName(self.tr("Metric Trends"))
        self.loader = TrendLoader(window)
        self._runner = TaskRunner(self, max_threads=1, name="trends-dock")
        self.plot: TrendPlot | None = None
        self._chosen: list[str] = []
        self._defaulted = False  # nothing remembered for the group: the first metric found is shown
        self._sized = False

        self.metrics = QListWidget()
        self.metrics.setAccessibleName(self.tr("Metrics to plot"))
        self.metrics.itemChanged.connect(self._metric_toggled)
        self.over = QComboBox()
        self.over.setAccessibleName(self.tr("Plot over"))
        self.over.addItems([self.tr("Version number"), self.tr("Creation time")])
        self.over.setCurrentIndex(1 if window.settings.trend_over_time() else 0)
        self.over.currentIndexChanged.connect(self._over_changed)
        self.approved_only = QCheckBox(self.tr("A&pproved only"))
        self.approved_only.setAccessibleName(self.tr("Approved versions only"))
        self.approved_only.setChecked(window.settings.trend_approved_only())
        self.approved_only.toggled.connect(self._approved_only_changed)
        self.exports = TrendExports(self, window)
        self.export_png = QPushButton(self.tr("Export P&NG…"))
        self.export_png.setAccessibleName(self.tr("Export the plot as a PNG picture"))
        self.export_png.clicked.connect(self.exports.png_interactively)
        self.export_csv = QPushButton(self.tr("Export &CSV…"))
        self.export_csv.setAccessibleName(self.tr("Export the plotted values as CSV"))
        self.export_csv.clicked.connect(self.exports.csv_interactively)
        self.progress = QLabel()
        self.progress.setAccessibleName(self.tr("Metric reading progress"))
        self.progress.setWordWrap(True)
        self.message = QLabel()
        self.message.setAccessibleName(self.tr("Metric trends message"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)

        over_label = QLabel(self.tr("Plot &over:"))
        over_label.setBuddy(self.over)
        metrics_label = QLabel(self.tr("M&etrics:"))
        metrics_label.setBuddy(self.metrics)
        controls = QVBoxLayout()
        controls.addWidget(metrics_label)
        controls.addWidget(self.metrics, 1)
        controls.addWidget(over_label)
        controls.addWidget(self.over)
        controls.addWidget(self.approved_only)
        controls.addWidget(self.export_png)
        controls.addWidget(self.export_csv)
        side = QWidget()
        side.setLayout(controls)
        side.setMaximumWidth(300)
        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addWidget(self.stack, 1)
        body = _Body()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(side)
        layout.addLayout(right, 1)
        self.setWidget(body)

        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(REDRAW_MS)
        self._redraw_timer.timeout.connect(self.redraw)
        self.loader.reset.connect(self._reset)
        self.loader.arrived.connect(self._arrived)
        self.loader.finished.connect(self.redraw)
        self._unsubscribe = window.store.subscribe(self._statuses_changed)

        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        toggle.setCheckable(True)
        toggle.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(toggle.setChecked)
        self.visibilityChanged.connect(self._visibility_changed)
        window.groups_view.groupSelected.connect(self._group_selected)
        window.installEventFilter(self)  # the window closing stops the reading (the shell knows nothing of it)
        self._reset()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    # -- following the group -----------------------------------------------------------------

    def group(self) -> GroupSummary | None:
        return self.loader.group

    def _visibility_changed(self, visible: bool) -> None:
        if visible and not PLOTTING_LOADED.is_set() and not self._runner.is_running("plotting"):
            self._runner.run(load_plotting, key="plotting", on_return=lambda _none: self.redraw())
        if visible and not self._sized:
            self._sized = True  # room for two plots the first time; after that, as the person left it
            QTimer.singleShot(0, self._make_room)
        if not visible:
            self.loader.stop()  # a closed dock reads nothing
            self.redraw()
            return
        group = self._window.versions_view.group()
        current = self.loader.group
        if group is not None and current is not None and group.arn == current.arn and self.loader.data.total \
                and self.loader.data.complete and not self.loader.error:
            self.redraw()  # read already: shown as it was
            return
        self.loader.start(group)
        self.redraw()

    def _make_room(self) -> None:
        window = self._window
        if self.isVisible() and not self.isFloating():
            window.resizeDocks([self], [max(self.height(), window.height() * 9 // 20)], Qt.Orientation.Vertical)

    def _group_selected(self, group: GroupSummary | None) -> None:
        if self.isVisible():
            self.loader.start(group)
            self.redraw()
        else:
            self.loader.stop()

    def _reset(self) -> None:
        group = self.loader.group
        remembered = None if group is None else self._window.settings.trend_metrics(group.name)
        self._chosen = list(remembered or [])
        self._defaulted = remembered is None
        self.metrics.blockSignals(True)
        self.metrics.clear()
        self.metrics.blockSignals(False)
        self.redraw()

    def _arrived(self, new_metrics: bool) -> None:
        if new_metrics:
            self._fill_metrics()
        if self.plot is None or self.stack.currentIndex() != PLOT or self.loader.data.complete:
            self.redraw()  # the first points show at once, and so do the last
        elif not self._redraw_timer.isActive():
            self._redraw_timer.start()
        self._show_progress()

    def _statuses_changed(self, arns: frozenset[str]) -> None:
        """An approval changed a version's status: its point's colour follows."""
        if self.isVisible() and not arns.isdisjoint(self.loader.data.refs) and not self._redraw_timer.isActive():
            self._redraw_timer.start()

    # -- choosing ------------------------------------------------------------------------------

    def _fill_metrics(self) -> None:
        """The list follows the metrics found: one checkable row each, named shortly (whole in its tip)."""
        names = self.loader.data.metrics()
        if self._defaulted and not self._chosen and names:
            self._chosen = [names[0]]
        shown = set(self.listed_metrics())
        titles = short_names(names)
        self.metrics.blockSignals(True)
        for position, name in enumerate(names):
            if name in shown:
                continue
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in self._chosen else Qt.CheckState.Unchecked)
            item.setToolTip(name)
            self.metrics.insertItem(position, item)
        for row in range(self.metrics.count()):  # a new name may shorten the others less
            item = self.metrics.item(row)
            item.setText(titles[item.data(Qt.ItemDataRole.UserRole)])
        self.metrics.blockSignals(False)

    def listed_metrics(self) -> list[str]:
        """The metric names in the list, in its order (the rows show them shortened)."""
        return [self.metrics.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.metrics.count())]

    def checked_metrics(self) -> list[str]:
        return [self.metrics.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.metrics.count())
                if self.metrics.item(row).checkState() == Qt.CheckState.Checked]

    def set_checked(self, names: list[str]) -> None:
        """Check exactly `names` (as a person ticking boxes would)."""
        for row in range(self.metrics.count()):
            item = self.metrics.item(row)
            wanted = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in names \
                else Qt.CheckState.Unchecked
            if item.checkState() != wanted:
                item.setCheckState(wanted)

    def _metric_toggled(self, _item: QListWidgetItem) -> None:
        checked = self.checked_metrics()
        shown = set(self.listed_metrics())
        # Remembered metrics that this group's versions read so far lack stay remembered.
        self._chosen = checked + [name for name in self._chosen if name not in shown]
        self._defaulted = False
        if self.loader.group is not None:
            self._window.settings.set_trend_metrics(self.loader.group.name, self._chosen)
        self.redraw()

    def _over_changed(self, position: int) -> None:
        self._window.settings.set_trend_over_time(position == 1)
        self.redraw()

    def _approved_only_changed(self, checked: bool) -> None:
        self._window.settings.set_trend_approved_only(checked)
        self.redraw()

    # -- drawing -----------------------------------------------------------------------------

    def series(self) -> list[Series]:
        """The series plotted now: the checked metrics, as filtered."""
        store = self._window.store

        def status_of(arn: str) -> str | None:
            summary = store.summary(arn)
            return None if summary is None else summary.status

        data, approved_only = self.loader.data, self.approved_only.isChecked()
        return data.all_series(self.checked_metrics(), approved_only=approved_only, status_of=status_of)

    def redraw(self) -> None:
        self._redraw_timer.stop()
        self._show_progress()
        message = self._message()
        plot = None if message else self._ensure_plot()
        self.export_png.setEnabled(plot is not None)
        self.export_csv.setEnabled(plot is not None)
        if plot is None:  # or the plotting library is still being imported: redrawn once it is
            self.message.setText(message or self.tr("Preparing the plot…"))
            self.stack.setCurrentIndex(MESSAGE)
            return
        titles = {name: self.metrics.item(row).text() for row, name in enumerate(self.listed_metrics())}
        over_time = self.over.currentIndex() == 1
        plot.show_series(self.series(), over_time, titles, self.loader.data.span(over_time))
        self.stack.setCurrentIndex(PLOT)

    def _message(self) -> str:
        group, data, loader = self.loader.group, self.loader.data, self.loader
        if group is None:
            return self.tr("Select a group to follow its metrics across its versions.")
        if not data.metrics():
            if loader.loading:
                return self.tr("Reading the metrics of the versions of %1…").replace("%1", group.name)
            if loader.error:
                return self.tr("The metrics of %1 could not be read: %2").replace("%1", group.name) \
                    .replace("%2", loader.error)
            if not data.total:
                return self.tr("%1 has no versions yet.").replace("%1", group.name)
            return self.tr("No version of this group has a model-quality statistics report.")
        if not self.checked_metrics():
            return self.tr("Pick one or more metrics to plot.")
        if self.approved_only.isChecked() and not any(len(s) for s in self.series()):
            return self.tr("No approved version of %1 has been read.").replace("%1", group.name)
        return ""

    def _show_progress(self) -> None:
        data, loader = self.loader.data, self.loader
        if loader.group is None:
            text = ""
        elif loader.loading and not data.total:
            text = self.tr("Finding the versions of %1…").replace("%1", loader.group.name)
        elif loader.loading:
            text = self.tr("%1 of %n version(s) read", "", data.total).replace("%1", str(data.read))
        elif loader.error:
            text = self.tr("Stopped after %1 of %n version(s): %2", "", data.total).replace("%1", str(data.read)) \
                .replace("%2", loader.error)
        else:
            text = self.tr("%n version(s) read", "", data.read)
            missing = data.without_values()
            if missing:
                text += " · " + self.tr("%n without metrics (crosses; hover for why)", "", missing)
        self.progress.setText(text)

    def _ensure_plot(self) -> TrendPlot | None:
        if self.plot is None:
            if not PLOTTING_LOADED.is_set():
                return None
            from app.ui.trends.plot import TrendPlot  # imported by now (load_plotting)

            self.plot = TrendPlot()
            self.plot.pointClicked.connect(self._point_clicked)
            self.stack.addWidget(self.plot)
        return self.plot

    def _point_clicked(self, arn: str) -> None:
        group = self.loader.group
        if group is None:
            return
        window = self._window
        window.navigator.open(window.workspace.connection, group.arn, arn)
        view = window.versions_view
        if view.group() is not None and view.group().arn == group.arn and not view.model.loading \
                and arn not in {v.arn for v in view.selected_versions()}:
            reading = self.loader.data.refs.get(arn)
            number = str(reading.version) if reading is not None else arn
            window.tell(self.tr("Version %1 is hidden by the versions list's filters.").replace("%1", number))

    def shutdown(self) -> None:
        self._runner.shutdown()
        self._redraw_timer.stop()
        self._unsubscribe()
        self.loader.shutdown()
        self.exports.shutdown()
