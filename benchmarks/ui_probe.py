"""Child process: the real versions view and details pane, offscreen, timed as a user would feel.

Reads one command a line on stdin ("load", "revisit", "details", "memory", "quit") and answers
each with one JSON line. Its own process, so its peak memory is the application's alone.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.registry import aws
from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions.groups import GroupSummary, aware
from app.registry.versions.records import VersionSummary, version_from_arn
from app.ui.collector import UiThreadCollector  # noqa: E402
from app.ui.settings import Settings  # noqa: E402
from app.ui.versions.details import DetailsPane  # noqa: E402
from app.ui.versions.view import VersionsView  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402
from benchmarks.memory import peak_rss_mb  # noqa: E402

TICK_MS = 5
_TURNS = aws._turns
TIMEOUT_MS = 120_000


class FreezeMeter:
    """The longest gap between ticks of a 5 ms timer on the UI thread."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0.0

    def start(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def run_until(done: Callable[[], bool]) -> None:
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: done() and loop.quit())
    poll.start()
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    loop.exec()
    poll.stop()


class Probe:
    def __init__(self, endpoint: str, group: str, expected: int, details_arn: str) -> None:
        self.app = QApplication.instance() or QApplication([])
        # As the application does: cycles are collected on the UI thread, never on a worker.
        self.collector = UiThreadCollector(self.app)
        connection = Connection(profile=None, region="us-east-1", endpoint_url=endpoint,
                                access_key_id="testing", secret_access_key="testing", label="benchmark")
        self.workspace = Workspace(connection, sandbox_endpoint=endpoint)
        self._ini = tempfile.NamedTemporaryFile(suffix=".ini", delete=False)
        self.settings = Settings("benchmark", QSettings(self._ini.name, QSettings.Format.IniFormat))
        self.group = GroupSummary(name=group, arn=f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/"
                                  f"{group}", description="", created=aware(None), status="Completed",
                                  account_id="123456789012", shared=False)
        self.expected = expected
        self.details_arn = details_arn
        self.view: VersionsView | None = None
        self.meter = FreezeMeter()
        # As the window's start-up does: a client is built (botocore's models loaded), then the
        # collector sets aside everything start-up made.
        session_for(connection).client("sagemaker")
        self.collector.settle()

    def _time_load(self, view: VersionsView, group: GroupSummary) -> dict:
        model = view.model
        started = time.perf_counter()
        marks: dict[str, float] = {}

        def rows_in(*_args) -> None:
            now = time.perf_counter()
            marks.setdefault("first", now)
            if model.rowCount() >= self.expected:
                marks.setdefault("last", now)

        model.rowsInserted.connect(rows_in)
        view.loadFinished.connect(lambda: marks.setdefault("finished", time.perf_counter()))
        self.meter.start()
        view.set_group(group)
        run_until(lambda: "finished" in marks and view.runner.active_count == 0)
        freeze = self.meter.stop()
        model.rowsInserted.disconnect(rows_in)
        return {
            "first_row_s": marks.get("first", float("nan")) - started,
            "last_row_s": marks.get("last", float("nan")) - started,
            "rows": model.rowCount(),
            "longest_freeze_s": freeze,
        }

    def load(self) -> dict:
        """A group never seen in this view: a new view, as after a start."""
        if self.view is not None:
            self.view.shutdown()
            self.view.deleteLater()
        view = VersionsView(self.workspace, self.settings)
        view.resize(1200, 800)
        view.show()
        self.view = view
        run_until(lambda: True)
        return self._time_load(view, self.group)

    def revisit(self) -> dict:
        """Away to another group and back: what was seen shows at once, then refreshes."""
        assert self.view is not None
        self.view.set_group(None)
        run_until(lambda: self.view.runner.active_count == 0)
        started = time.perf_counter()
        refreshed: list[float] = []
        self.view.loadFinished.connect(lambda: refreshed.append(time.perf_counter()))
        timed = self._time_load(self.view, self.group)
        self.view.loadFinished.disconnect()
        return {"revisit_first_row_s": timed["first_row_s"],
                "revisit_refreshed_s": (refreshed[0] if refreshed else float("nan")) - started,
                "rows": timed["rows"], "longest_freeze_s": timed["longest_freeze_s"]}

    def details(self) -> dict:
        pane = DetailsPane(self.workspace, self.settings)
        pane.resize(700, 800)
        pane.show()
        run_until(lambda: True)
        loaded: list[float] = []
        pane.detailsLoaded.connect(lambda _d: loaded.append(time.perf_counter()))
        version = VersionSummary(arn=self.details_arn, group="", version=version_from_arn(self.details_arn) or 0,
                                 status="", created=aware(None), description="", package_status="")
        started = time.perf_counter()
        self.meter.start()
        pane.show_versions([version])
        run_until(lambda: bool(loaded) and pane.runner.active_count == 0)
        # What the fill queued for later (layouts, metrics) runs before we stop looking.
        settle = time.perf_counter() + 0.2
        run_until(lambda: time.perf_counter() > settle)
        freeze = self.meter.stop()
        pane.shutdown()
        pane.deleteLater()
        return {"filled_s": (loaded[0] if loaded else float("nan")) - started, "longest_freeze_s": freeze}

    def memory(self) -> dict:
        return {"peak_rss_mb": peak_rss_mb()}

    def turns(self, on: bool) -> dict:
        """Before and after, in one process: answers parsed in turns (the application's way)
        or by every thread at once (as before), for `python -m benchmarks.freeze --compare`."""
        aws._turns = _TURNS if on else threading.BoundedSemaphore(1_000_000)
        return {"turns": on}


def main() -> int:
    endpoint, group, expected, details_arn = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    probe = Probe(endpoint, group, expected, details_arn)
    commands = {"load": probe.load, "revisit": probe.revisit, "details": probe.details, "memory": probe.memory,
                "turns-on": lambda: probe.turns(True), "turns-off": lambda: probe.turns(False)}
    for line in sys.stdin:
        command = line.strip()
        if command == "quit" or not command:
            break
        print(json.dumps(commands[command]()), flush=True)
    if probe.view is not None:
        probe.view.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
