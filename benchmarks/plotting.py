"""Which plotting library draws the metric trends: pyqtgraph or Qt's own charts, measured.

`python -m benchmarks --plotting` (or `-m benchmarks.plotting`) builds two throwaway virtual
environments (PySide6-Essentials of the version installed here in both), measures each one's
site-packages, adds pyqtgraph + numpy to one and PySide6-Addons (QtCharts) to the other, and
measures what each adds: install size, import time (a fresh interpreter that already has
QtWidgets loaded; median of `--repeats`) and the time to draw 500 versions x 5 metrics, lines and
points coloured by status, offscreen, from nothing until `grab()` returns the painted widget
(median of `--repeats` draws in one process, the first one reported apart).

Run as `python benchmarks/plotting.py draw LIBRARY N` inside such an environment, it does one
library's drawing and prints JSON; it imports nothing of the application, so it runs there.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIBRARIES = {"pyqtgraph": ["pyqtgraph", "numpy"], "qtcharts": ["PySide6-Addons=={pyside}"]}
IMPORTS = {"pyqtgraph": "import pyqtgraph", "qtcharts": "from PySide6 import QtCharts"}
VERSIONS, METRICS = 500, 5
STATUSES = ("Approved", "Rejected", "PendingManualApproval")


def series(metric: int, shift: int = 0) -> tuple[list[float], list[float], list[int]]:
    """A metric's values over the versions, with a gap (NaN) every 37th, and each point's status."""
    xs = [float(v + 1) for v in range(VERSIONS)]
    ys = [math.nan if (v + shift) % 37 == 5 else 0.6 + 0.3 * math.sin((v + shift) / 20 + metric)
          for v in range(VERSIONS)]
    return xs, ys, [v % 3 for v in range(VERSIONS)]


def draw_pyqtgraph(colours: list) -> tuple[object, object]:
    import numpy as np
    import pyqtgraph as pg

    widget = pg.GraphicsLayoutWidget()
    brushes = [pg.mkBrush(c) for c in colours]
    items = []
    for metric in range(METRICS):
        plot = widget.addPlot(row=metric, col=0)
        items.append((plot.plot(pen=pg.mkPen(colours[2], width=1.5), connect="finite"),
                      pg.ScatterPlotItem(size=7, hoverable=True)))
        plot.addItem(items[-1][1])

    def fill(shift: int) -> None:
        for metric, (line, dots) in enumerate(items):
            xs, ys, status = series(metric, shift)
            line.setData(np.array(xs), np.array(ys), connect="finite")
            dots.setData(x=np.array(xs), y=np.array(ys), brush=[brushes[s] for s in status])

    fill(0)
    return widget, fill


def draw_qtcharts(colours: list) -> tuple[object, object]:
    from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries
    from PySide6.QtGui import QPainter, QPen
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    widget = QWidget()
    layout = QVBoxLayout(widget)
    charts = []
    for _ in range(METRICS):
        chart = QChart()
        chart.legend().hide()
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout.addWidget(view)
        charts.append(chart)

    def fill(shift: int) -> None:
        for metric, chart in enumerate(charts):
            xs, ys, status = series(metric, shift)
            chart.removeAllSeries()
            segment = QLineSeries()  # a gap ends one line series and starts the next: QtCharts has no NaN gaps
            segment.setPen(QPen(colours[2], 1.5))
            dots = [QScatterSeries() for _ in STATUSES]
            for dot, colour in zip(dots, colours, strict=True):
                dot.setColor(colour)
                dot.setMarkerSize(7)
            for x, y, s in zip(xs, ys, status, strict=True):
                if math.isnan(y):
                    chart.addSeries(segment)
                    segment = QLineSeries()
                    segment.setPen(QPen(colours[2], 1.5))
                    continue
                segment.append(x, y)
                dots[s].append(x, y)
            for item in (segment, *dots):
                chart.addSeries(item)
            for axis in chart.axes():
                chart.removeAxis(axis)
            chart.createDefaultAxes()

    fill(0)
    return widget, fill


def draw(library: str, repeats: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    colours = [QColor(Qt.GlobalColor.darkGreen), QColor(Qt.GlobalColor.red), QColor(Qt.GlobalColor.darkYellow)]
    builder = draw_pyqtgraph if library == "pyqtgraph" else draw_qtcharts
    seconds, refills = [], []
    for rep in range(repeats + 1):
        started = time.perf_counter()
        widget, fill = builder(colours)
        widget.resize(900, 1000)  # type: ignore[attr-defined]
        widget.show()  # type: ignore[attr-defined]
        image = widget.grab()  # type: ignore[attr-defined]
        seconds.append(time.perf_counter() - started)
        assert not image.isNull()
        started = time.perf_counter()  # a batch of readings arrived: every series set anew, painted again
        fill(rep + 1)  # type: ignore[operator]
        widget.grab()  # type: ignore[attr-defined]
        refills.append(time.perf_counter() - started)
        widget.close()  # type: ignore[attr-defined]
        widget.deleteLater()  # type: ignore[attr-defined]
        app.processEvents()
    print(json.dumps({"first_s": seconds[0], "draw_s": seconds[1:], "refill_s": refills[1:]}))


# The megabytes of every distribution installed in an environment beyond the base (pip, PySide6-Essentials).
_ADDED_SIZE = """
import json, importlib.metadata as m
base = {"pip", "setuptools", "pyside6_essentials", "shiboken6"}
sizes = {d.metadata["Name"]: sum((d.locate_file(f).stat().st_size for f in d.files or []
                                 if d.locate_file(f).is_file()), 0) / 1e6
         for d in m.distributions() if d.metadata["Name"].lower().replace("-", "_") not in base}
print(json.dumps(sizes))
"""


def added_sizes(python: Path) -> dict[str, float]:
    out = subprocess.run([python, "-c", _ADDED_SIZE], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pip(python: Path, *packages: str) -> None:
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *packages], check=True)


def import_seconds(python: Path, library: str) -> float:
    code = ("import time, PySide6.QtWidgets; t = time.perf_counter(); " + IMPORTS[library]
            + "; print(time.perf_counter() - t)")
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def measure(library: str, folder: Path, pyside: str, repeats: int) -> dict:
    venv = folder / library
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        pip(python, f"PySide6-Essentials=={pyside}")
    pip(python, *(p.format(pyside=pyside) for p in LIBRARIES[library]))
    sizes = added_sizes(python)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    imports = [import_seconds(python, library) for _ in range(repeats)]
    out = subprocess.run([python, __file__, "draw", library, str(repeats)], capture_output=True, text=True,
                         check=True, env=env)
    drawn = json.loads(out.stdout.strip().splitlines()[-1])
    versions = subprocess.run([python, "-m", "pip", "list", "--format=json"], capture_output=True, text=True,
                              check=True).stdout
    wanted = {"pyqtgraph", "numpy", "pyside6_addons"}
    installed = {p["name"]: p["version"] for p in json.loads(versions) if p["name"].lower().replace("-", "_") in wanted}
    return {"added_mb": sum(sizes.values()), "sizes_mb": sizes, "import_s": statistics.median(imports),
            "draw_first_s": drawn["first_s"], "draw_s": statistics.median(drawn["draw_s"]),
            "draw_samples_s": drawn["draw_s"], "refill_s": statistics.median(drawn["refill_s"]), "versions": installed}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["draw"]:
        draw(argv[1], int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(prog="python -m benchmarks --plotting")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--keep", help="a folder for the environments, kept for the next run (default: temporary)")
    args = parser.parse_args(argv)
    import PySide6

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="plotting-"))
    try:
        results = {lib: measure(lib, folder, PySide6.__version__, args.repeats) for lib in LIBRARIES}
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    ms = lambda s: f"{s * 1000:,.0f} ms"  # noqa: E731
    print(f"{VERSIONS} versions x {METRICS} metrics, offscreen, PySide6 {PySide6.__version__}, "
          f"medians of {args.repeats}\n")
    print("| Library | Added install | Import | First draw | Draw | Redraw, all data anew |\n"
          "|---|---:|---:|---:|---:|---:|")
    for lib, r in results.items():
        label = lib + " " + ", ".join(f"{n} {v}" for n, v in sorted(r["versions"].items()))
        print(f"| {label} | {r['added_mb']:,.0f} MB | {ms(r['import_s'])} | {ms(r['draw_first_s'])} "
              f"| {ms(r['draw_s'])} | {ms(r['refill_s'])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
