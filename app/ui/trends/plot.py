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
from PySide6.QtCore import QEvent, QLocale, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.ui import palette
from app.ui.trends.series import Series
from app.ui.versions.model import status_label

POINT_SIZE = 8
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
        self.line = item.plot([], [], connect="finite", antialias=True)
        self.points = pg.ScatterPlotItem(size=POINT_SIZE, hoverable=True, tip=None, antialias=True)
        self.gaps = pg.ScatterPlotItem(size=GAP_SIZE, symbol="x", hoverable=True, tip=None, antialias=True)
        for scatter in (self.points, self.gaps):
            item.addItem(scatter)
            scatter.sigClicked.connect(self._clicked)
            scatter.sigHovered.connect(self._hovered)
        self._hover: dict[int, str] = {}

    # -- data ------------------------------------------------------------------------------

    def set_series(self, series: Series) -> None:
        self.series = series
        x = np.array(series.created if self.over_time else series.versions, dtype=float)
        y = np.array(series.values, dtype=float)
        self.x, self.y = x, y
        self.line.setData(x, y, connect="finite")
        valued = np.flatnonzero(~np.isnan(y))
        missing = np.flatnonzero(np.isnan(y))
        self.points.setData(x=x[valued], y=y[valued], data=valued, brush=self._brushes(series, valued),
                            pen=pg.mkPen(None))
        self.gaps.setData(x=x[missing], y=np.full(len(missing), self.gap_level()), data=missing)

    def gap_level(self) -> float:
        """Where a version without a value is marked: below the lowest value, on the axis side."""
        finite = self.y[~np.isnan(self.y)] if len(self.y) else self.y
        if not len(finite):
            return 0.0
        low, high = float(finite.min()), float(finite.max())
        return low - max((high - low) * 0.08, abs(low) * 0.02, 1e-6)

    def _brushes(self, series: Series, positions: np.ndarray) -> list:
        colours = {s: pg.mkBrush(palette.status_colour(s)) for s in set(series.statuses)}
        return [colours[series.statuses[p]] for p in positions]

    # -- palette ---------------------------------------------------------------------------

    def restyle(self, text: QColor) -> None:
        for name in ("left", "bottom"):
            axis = self.item.getAxis(name)
            axis.setPen(text)
            axis.setTextPen(text)
        self.item.setTitle(self.title, color=text.name(), size="9pt")
        self.item.titleLabel.setMaximumHeight(TITLE_HEIGHT)  # pyqtgraph's 30 px leave little room for the points
        self.item.layout.setRowFixedHeight(0, TITLE_HEIGHT)
        self.line.setPen(pg.mkPen(palette.colour(palette.MUTED_TEXT), width=1.5))
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
        head = (self.owner.tr("Version %1 · %2 · %3").replace("%1", str(series.versions[position]))
                .replace("%2", status_label(series.statuses[position])).replace("%3", created))
        value = series.values[position]
        if math.isnan(value):
            return head + "\n" + self.owner.tr("No value: %1").replace("%1", series.problems[position])
        return head + "\n" + f"{self.title}: {locale.toString(value, 'g', 6)}"

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
        self.plots: dict[str, MetricPlot] = {}
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

    def show_series(self, series: list[Series], over_time: bool, titles: dict[str, str] | None = None) -> None:
        """Plot `series` (one plot each, in that order), over creation time or version number;
        `titles` names the metrics shortly (by default their names)."""
        titles = titles or {}
        if [s.metric for s in series] != list(self.plots) or over_time != self._over_time \
                or any(plot.title != titles.get(name, name) for name, plot in self.plots.items()):
            self._rebuild([s.metric for s in series], over_time, titles)
        for one in series:
            self.plots[one.metric].set_series(one)

    def _rebuild(self, metrics: list[str], over_time: bool, titles: dict[str, str]) -> None:
        self.canvas.clear()
        self.plots = {}
        self._over_time = over_time
        first: pg.PlotItem | None = None
        for row, metric in enumerate(metrics):
            axes = {"bottom": pg.DateAxisItem(orientation="bottom")} if over_time else {}
            item = self.canvas.addPlot(row=row, col=0, axisItems=axes)
            if first is None:
                first = item
            else:
                item.setXLink(first)
            self.plots[metric] = MetricPlot(self, item, metric, titles.get(metric, metric), over_time)
        self.canvas.setMinimumHeight(PLOT_HEIGHT_MIN * len(metrics))
        if metrics:
            last = self.plots[metrics[-1]].item
            last.setLabel("bottom", self.tr("Created") if over_time else self.tr("Version"))
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        text = _text_colour(self)
        self.canvas.setBackground(self.palette().color(QPalette.ColorRole.Base))
        for plot in self.plots.values():
            plot.restyle(text)
        if self.plots:
            last = list(self.plots.values())[-1]
            last.item.setLabel("bottom", self.tr("Created") if self._over_time else self.tr("Version"),
                               color=text.name())
        for swatch, key in self._legend:
            swatch.setPixmap(self._swatch(key))

    def _swatch(self, key: str) -> QPixmap:
        side = max(10, self.fontMetrics().height() - 4)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(side * ratio), int(side * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
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
