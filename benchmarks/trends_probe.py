"""Child process: the real window on the trends benchmark's server, its trend dock timed as a user
would feel it. argv: the server's JSON line. Reads one command a line on stdin ("open", "quit") and
answers each with one JSON line.

"open" shows the group's versions (as a user who picked it), clears the local index (so the
metrics come from S3), then opens the trend dock on the group with its 5 metrics chosen and answers
with the seconds from opening to the first points in the plot and to all of them, and the longest
UI freeze meanwhile (a 5 ms timer on the UI thread, benchmarks/ui_probe.FreezeMeter) and the UI thread's
longest turn in CPU time (CpuFreezeMeter); then closes it.
"open uris" keeps the report URIs in the index (as the window's own describes leave them) and drops
only the values. The first "open" of the process also imports the plotting library (pyqtgraph, numpy).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.ui_probe import FreezeMeter, run_until  # noqa: E402


class CpuFreezeMeter(FreezeMeter):
    """Also the UI thread's own CPU time between two ticks (`time.thread_time()`): the longest
    freeze without what other processes and threads take of the CPUs meanwhile, the figure to
    compare on a busy machine."""

    def start(self) -> None:
        self.longest_cpu, self._cpu = 0.0, time.thread_time()
        super().start()

    def _tick(self) -> None:
        cpu = time.thread_time()
        self.longest_cpu = max(self.longest_cpu, cpu - self._cpu)
        self._cpu = cpu
        super()._tick()


def open_trend_dock(window, metrics: list[str]) -> object:
    """The trend dock opened on the window's current group with `metrics` chosen, as a user does it:
    its action (Ctrl+Shift+M), the metrics remembered for the group from an earlier visit."""
    group = window.versions_view.group()
    window.settings.set_trend_metrics(group.name, metrics)
    dock = window.trends
    dock.loader.start(None)  # what an earlier "open" read is forgotten: read again, as in a new session
    window.actions_by_name["trends"].trigger()
    return dock


def close_trend_dock(window) -> None:
    window.actions_by_name["trends"].trigger()


def points_drawn(dock) -> int:
    """How many (version, metric) points the dock's plot shows now (gaps not counted)."""
    from app.ui.trends.dock import PLOT

    plot = dock.plot
    if plot is None or not dock.isVisible() or dock.stack.currentIndex() != PLOT:
        return 0  # a message shows ("Reading the metrics…"), or the plot of an earlier "open" hidden
    return sum(metric.point_count() for metric in plot.plots.values())


class TrendsProbe:
    def __init__(self, info: dict) -> None:
        home = tempfile.mkdtemp(prefix="trends-probe-")
        os.environ.update({"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home,
                           "XDG_CACHE_HOME": os.path.join(home, "cache"), "AWS_CONFIG_FILE": os.devnull,
                           "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_EC2_METADATA_DISABLED": "true",
                           "AWS_ENDPOINT_URL": info["proxy"], "AWS_ACCESS_KEY_ID": "testing",
                           "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"})
        from app.cli import build_parser, create_application, create_window

        self.info = info
        self.app = create_application()
        self.window, self._runtime = create_window(build_parser().parse_args([]))
        self.window.show()
        self.meter = CpuFreezeMeter()
        self.group_arn = f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{info['group']}"

    def open(self, uris_known: bool = False) -> dict:
        window = self.window
        run_until(lambda: window.is_complete and window.local_data.index is not None)  # the navigator too
        view = window.versions_view
        window.navigator.open(window.workspace.connection, self.group_arn)
        run_until(lambda: view.model.rowCount() >= self.info["versions"] and view.runner.active_count == 0)
        index = window.local_data.index
        if uris_known:  # as after the window's describes (details pane, estate): the URIs, no values
            with sqlite3.connect(index.path) as db:
                db.execute("UPDATE metric_readings SET metric_values = NULL, problem = ''")
            db.close()
        else:
            index.clear()  # the metrics come from S3, not from an earlier "open"
        expected = self.info["versions"] * len(self.info["metrics"])
        marks: dict[str, float] = {}
        self.meter.start()
        started = time.perf_counter()
        dock = open_trend_dock(window, [f"binary_classification_metrics / {m}" for m in self.info["metrics"]])

        def drawn() -> bool:
            count = points_drawn(dock)
            if count:
                marks.setdefault("first", time.perf_counter())
            if count >= expected:
                marks.setdefault("all", time.perf_counter())
            return "all" in marks

        run_until(drawn)
        freeze = self.meter.stop()
        close_trend_dock(window)
        return {"first_points_s": marks.get("first", float("nan")) - started,
                "all_points_s": marks.get("all", float("nan")) - started, "longest_freeze_s": freeze,
                "longest_turn_cpu_s": self.meter.longest_cpu}


def main() -> int:
    probe = TrendsProbe(json.loads(sys.argv[1]))
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        try:
            if command in ("open", "open uris"):
                answer = probe.open(uris_known=command == "open uris")
            else:
                answer = {"error": f"unknown command {command!r}"}
        except NotImplementedError as missing:
            answer = {"error": str(missing)}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
