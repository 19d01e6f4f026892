"""The trend plots: one per metric, stacked, their x axes linked (pyqtgraph; see benchmarks/plotting.py).

Each plot draws its metric as a line through the versions that have a value, broken where one has
none, with a point per version coloured as its approval badge is. A version without a value is a
cross under the line (on the axis side), never a point at zero; hovering says why it has none.
Hovering a point tells the version, its status and the value; clicking one emits `pointClicked`.
Colours come from app/ui/palette.py and follow the palette, also when it changes while shown.
"""

from __future__ import annotations

import math
from datetime import datetime

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.ui import palette
from app.ui.trends.series import Series
from app.ui.versions.model import status_label

POINT_SIZE = 8
OTHER = ""  # a status without a badge colour of its own: drawn in the neutral badge's
STATUSES = (APPROVED, REJECTED, PENDING, OTHER)
GAP_SIZE = 9
PLOT_HEIGHT_MIN = 110  # more metrics than fit: the plots scroll
TITLE_HEIGHT = 18


def _text_colour(widget: QWidget) -> QColor:
    return widget.palette().color(QPalette.ColorRole.WindowText)


class MetricPlot:
    """One metric's plot: the line, the points and the gaps' crosses."""

    def __init__(self, owner: TrendPlot, item: pg.PlotItem, metric: str, title: str, over_time: bool) -> None:
        self.owner, self.item, self.metric, self.title, self.over_time = owner, item, metric, title, over_time
        self.series: Series | None = None
        self.x = np.zeros(0)
        self.y = np.zeros(0)
        item.setMenuEnabled(False)  # its entries are not translated; dragging pans, the wheel zooms
        item.hideButtons()
        # No grid: its lines double the cost of a redraw (about 20 ms more for five plots of 500
        # versions); hovering a point tells its exact value.
        # A smoothed line costs ~80 ms a paint for five plots of 500 versions (the points, drawn from
        # cached symbols, cost little either way): unsmoothed, a redraw stays within a frame or two.
        self.line = item.plot([], [], connect="finite", antialias=False)
        # One scatter per status, each of one colour: setting 500 points then costs no Python per point.
        self.points = {status: pg.ScatterPlotItem(size=POINT_SIZE, hoverable=True, tip=None, antialias=True,
                                                  pen=pg.mkPen(None)) for status in STATUSES}
        self.gaps = pg.ScatterPlotItem(size=GAP_SIZE, symbol="x", hoverable=True, tip=None, antialias=True)
        for scatter in (*self.points.values(), self.gaps):
            item.addItem(scatter)
            scatter.sigClicked.connect(self._clicked)
            scatter.sigHovered.connect(self._hovered)
        self._hover: dict[int, str] = {}
        self._count = 0

    # -- data ------------------------------------------------------------------------------

    def set_series(self, series: Series) -> None:
        self.series = series
        x = np.array(series.created if self.over_time else series.versions, dtype=float)
        y = np.array(series.values, dtype=float)
        self.x, self.y = x, y
        self.line.setData(x, y, connect="finite")
        valued = ~np.isnan(y)
        statuses = np.array(series.statuses, dtype=object)
        for status, scatter in self.points.items():
            if status == OTHER:
                chosen = valued & ~np.isin(statuses, STATUSES[:-1])
            else:
                chosen = valued & (statuses == status)
            where = np.flatnonzero(chosen)
            scatter.setData(x=x[where], y=y[where], data=where)
        self._count = int(np.count_nonzero(valued))
        missing = np.flatnonzero(~valued)
        self.gaps.setData(x=x[missing], y=np.full(len(missing), self.gap_level()), data=missing)

    def shows_part_of(self, series: Series) -> bool:
        """Whether what this plot shows is `series` as it was earlier (fewer versions read): it may
        wait a turn to be drawn again; anything else (another metric, group or filter) may not."""
        shown = self.series
        return shown is not None and shown.metric == series.metric and set(shown.arns) <= set(series.arns)

    def clear(self) -> None:
        """Show nothing (cheaply) until `set_series`."""
        self.series = None
        self.x = self.y = np.zeros(0)
        self.line.setData([], [])
        for scatter in (*self.points.values(), self.gaps):
            scatter.setData(x=[], y=[], data=[])
        self._count = 0

    def point_count(self) -> int:
        """How many points are drawn (gaps' crosses aside), cheaply."""
        return self._count

    def drawn_points(self) -> tuple[list[float], list[float], list[QColor]]:
        """Every point drawn (gaps' crosses aside), by version: x, y and colour."""
        found = []
        for scatter in self.points.values():
            brush = scatter.opts["brush"]
            found += [(float(px), float(py), QColor(brush.color())) for px, py in zip(*scatter.getData(), strict=True)]
        found.sort(key=lambda point: point[0])
        return [p[0] for p in found], [p[1] for p in found], [p[2] for p in found]

    def gap_level(self) -> float:
        """Where a version without a value is marked: below the lowest value, on the axis side."""
        finite = self.y[~np.isnan(self.y)] if len(self.y) else self.y
        if not len(finite):
            return 0.0
        low, high = float(finite.min()), float(finite.max())
        return low - max((high - low) * 0.08, abs(low) * 0.02, 1e-6)

    def assign(self, metric: str, title: str, text: QColor) -> None:
        """Show `metric` (named `title`) in this plot from now on."""
        if (metric, title) != (self.metric, self.title):
            self.metric, self.title = metric, title
            self._title(text)

    def set_over_time(self, over_time: bool, text: QColor) -> None:
        self.over_time = over_time
        axis = pg.DateAxisItem(orientation="bottom") if over_time else pg.AxisItem(orientation="bottom")
        self.item.setAxisItems({"bottom": axis})
        self.restyle(text)

    # -- palette ---------------------------------------------------------------------------

    def _title(self, text: QColor) -> None:
        self.item.setTitle(self.title, color=text.name(), size="9pt")
        self.item.titleLabel.setMaximumHeight(TITLE_HEIGHT)  # pyqtgraph's 30 px leave little room for the points
        self.item.layout.setRowFixedHeight(0, TITLE_HEIGHT)

    def restyle(self, text: QColor) -> None:
        for name in ("left", "bottom"):
            axis = self.item.getAxis(name)
            axis.setPen(text)
            axis.setTextPen(text)
        self._title(text)
        self.line.setPen(pg.mkPen(palette.colour(palette.MUTED_TEXT), width=1.5))
        for status, scatter in self.points.items():
            scatter.setBrush(pg.mkBrush(palette.status_colour(status)))
        self.gaps.setPen(pg.mkPen(palette.colour(palette.ERROR_TEXT), width=2))
        self.gaps.setBrush(pg.mkBrush(palette.colour(palette.ERROR_TEXT)))
        if self.series is not None:
            self.set_series(self.series)

    # -- hover and click -------------------------------------------------------------------

    def nearest(self, scatter: pg.ScatterPlotItem, points: list, at: QPointF) -> int | None:
        """The series position of the point among `points` nearest to `at` (the item's coordinates)."""
        if not len(points):
            return None
        scale_x, scale_y = self.item.getViewBox().viewPixelSize()
        best = min(points, key=lambda p: ((p.pos().x() - at.x()) / (scale_x or 1)) ** 2
                   + ((p.pos().y() - at.y()) / (scale_y or 1)) ** 2)
        return int(best.data())

    def _clicked(self, scatter: pg.ScatterPlotItem, points: list, event) -> None:
        position = self.nearest(scatter, points, event.pos())
        if position is not None and self.series is not None:
            self.owner.pointClicked.emit(self.series.arns[position])

    def _hovered(self, scatter: pg.ScatterPlotItem, points: list, event) -> None:
        position = None if event is None or event.exit else self.nearest(scatter, points, event.pos())
        self._hover[id(scatter)] = "" if position is None else self.describe(position)
        text = next((t for t in self._hover.values() if t), "")
        self.item.getViewBox().setToolTip(text)

    def describe(self, position: int) -> str:
        """What hovering the version at `position` says: version, status, value or why none."""
        series = self.series
        assert series is not None
        locale = QLocale()
        created = locale.toString(datetime.fromtimestamp(series.created[position]), QLocale.FormatType.ShortFormat)
        translate = QCoreApplication.translate
        head = (translate("MetricPlot", "Version %1 · %2 · %3").replace("%1", str(series.versions[position]))
                .replace("%2", status_label(series.statuses[position])).replace("%3", created))
        value = series.values[position]
        if math.isnan(value):
            return head + "\n" + translate("MetricPlot", "No value: %1").replace("%1", series.problems[position])
        return head + "\n" + translate("MetricPlot", "%1: %2").replace("%1", self.title).replace(
            "%2", locale.toString(value, "g", 6))

    def scene_position(self, position: int) -> QPointF:
        """Where the version at `position` is drawn, in scene coordinates (its point or its cross)."""
        y = self.y[position]
        y = self.gap_level() if math.isnan(y) else y
        return self.item.getViewBox().mapViewToScene(QPointF(float(self.x[position]), float(y)))


class TrendPlot(QWidget):
    """A legend in words, then one plot per metric."""

    pointClicked = Signal(str)  # the ARN of the version clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setAccessibleName(self.tr("Metric trend plots"))
        self.canvas.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.plots: dict[str, MetricPlot] = {}  # by metric: the plots shown
        self._pool: list[MetricPlot] = []  # the plots built, top to bottom
        self._latest: tuple[list[Series], bool, dict[str, str], tuple[float, float] | None] | None = None
        self._pending: list[tuple[MetricPlot, Series]] = []  # plots drawn one per turn (show_series)
        self._span: tuple[float, float] | None = None
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._draw_next)
        self._over_time = False
        self._legend: list[tuple[QLabel, str]] = []
        legend = QHBoxLayout()
        legend.setContentsMargins(4, 0, 4, 0)
        for key, text in ((APPROVED, status_label(APPROVED)), (REJECTED, status_label(REJECTED)),
                          (PENDING, status_label(PENDING)), ("gap", self.tr("No value (hover for why)"))):
            swatch = QLabel()
            swatch.setAccessibleName(text)
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(12)
            self._legend.append((swatch, key))
        legend.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(legend)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.canvas)
        layout.addWidget(self.scroller, 1)
        self._restyle()

    def sizeHint(self) -> QSize:
        return QSize(640, 420)

    def show_series(self, series: list[Series], over_time: bool, titles: dict[str, str] | None = None,
                    span: tuple[float, float] | None = None) -> None:
        """Plot `series` (one plot each, in that order), over creation time or version number;
        `titles` names the metrics shortly (by default their names); `span`: the x axis's extent
        (the versions still to read included, so it does not move as they arrive), None to fit
        the points. Plots are reused from one call to the next; a missing one costs ~15 ms to
        build, so one is built now and the others one per turn of the event loop. The first plot
        is drawn now and the others one per turn too (a plot and its repaint cost 3-5 ms, all five
        at once froze the window 20-50 ms while readings arrived): `plots` holds those drawn so
        far, `settle()` draws the rest at once."""
        titles = titles or {}
        self._latest = (series, over_time, titles, span)
        axis_changed = over_time != self._over_time
        if axis_changed:
            self._over_time = over_time
            for plot in self._pool:
                plot.set_over_time(over_time, _text_colour(self))
        while len(self._pool) > len(series):
            self.canvas.removeItem(self._pool.pop().item)
        if not self._pool:
            self._span = None  # a first plot built again fits its points until told the span
        missing = len(series) - len(self._pool)
        if missing > 0:
            self._add_plot()
            if missing > 1:
                QTimer.singleShot(0, self._grow)
        self._set_span(span)
        self.plots = {}
        self._pending = []
        for plot, one in zip(self._pool, series, strict=False):
            if self._pending and (axis_changed or not plot.shows_part_of(one)):
                plot.clear()  # empty for a turn or two rather than another metric's or group's points
            plot.assign(one.metric, titles.get(one.metric, one.metric), _text_colour(self))
            self._pending.append((plot, one))
        self._draw_next()
        self.canvas.setMinimumHeight(PLOT_HEIGHT_MIN * len(self._pool))
        self._label_axes()

    def drawn(self) -> bool:
        """Whether every plot shows the series `show_series` was last given."""
        return not self._pending

    def settle(self) -> None:
        """Draw at once what `show_series` left for the next turns."""
        while self._pending:
            self._draw_next()

    def _draw_next(self) -> None:
        if not self._pending:
            return
        plot, one = self._pending.pop(0)
        plot.set_series(one)
        self.plots[one.metric] = plot
        if self._pending:
            self._next.start()

    def _set_span(self, span: tuple[float, float] | None) -> None:
        """The plots' shared x axis over `span`; set again only when it changes, so a person's
        zoom or pan stays while the readings arrive."""
        if span == self._span or not self._pool:
            return  # (with no plot, the span is set on the first one built)
        self._span = span
        box = self._pool[0].item.getViewBox()  # the others' x axes are linked to it
        if span is None:
            box.enableAutoRange(x=True)
        else:
            box.setXRange(*span, padding=0.02)  # also ends the x axis's auto-range

    def _grow(self) -> None:
        if self._latest is not None and len(self._pool) < len(self._latest[0]):
            self.show_series(*self._latest)

    def _add_plot(self) -> None:
        axes = {"bottom": pg.DateAxisItem(orientation="bottom")} if self._over_time else {}
        item = self.canvas.addPlot(row=len(self._pool), col=0, axisItems=axes)
        if self._pool:
            item.setXLink(self._pool[0].item)
        plot = MetricPlot(self, item, "", "", self._over_time)
        plot.restyle(_text_colour(self))
        self._pool.append(plot)

    def _label_axes(self) -> None:
        """Only the lowest plot names its x axis."""
        text = _text_colour(self)
        for position, plot in enumerate(self._pool):
            axis = plot.item.getAxis("bottom")
            if position == len(self._pool) - 1:
                axis.setLabel(self.tr("Created") if self._over_time else self.tr("Version"), color=text.name())
            else:
                axis.setLabel(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        text = _text_colour(self)
        self.canvas.setBackground(self.palette().color(QPalette.ColorRole.Base))
        for plot in self._pool:
            plot.restyle(text)
        self._label_axes()
        for swatch, key in self._legend:
            swatch.setPixmap(self._swatch(key))

    def _swatch(self, key: str) -> QPixmap:
        side = max(10, self.fontMetrics().height() - 4)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(side * ratio), int(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(palette.transparent())
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if key == "gap":
            pen = painter.pen()
            pen.setColor(palette.colour(palette.ERROR_TEXT))
            pen.setWidthF(2)
            painter.setPen(pen)
            painter.drawLine(2, 2, side - 2, side - 2)
            painter.drawLine(2, side - 2, side - 2, 2)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.status_colour(key))
            painter.drawEllipse(1, 1, side - 2, side - 2)
        painter.end()
        return pixmap
