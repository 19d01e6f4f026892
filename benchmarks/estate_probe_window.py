"""The estate listed from a window's worker threads, the UI thread timed (run as benchmarks.estate_probe).

argv: the estate server's JSON line and the index file. Reads one command a line on stdin
("load", "search", "memory", "quit") and answers each with one JSON line. "load" refreshes the
whole estate into the index from one task (app.registry.estate's fan-out, as the estate dock
runs it) while the UI thread shows the count as progress arrives; it answers with the longest
UI freeze. "search" types the benchmark's texts into the Search Everywhere popup one keystroke
at a time and answers with the seconds from each keystroke to its results shown.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

from app.registry import aws  # noqa: E402
from app.registry.accounts.sessions import session_for  # noqa: E402
from app.registry.aws import Connection  # noqa: E402
from app.registry.estate.fanout import TargetProgress  # noqa: E402
from app.registry.index.local import LocalIndex  # noqa: E402
from app.tasks import TaskRunner  # noqa: E402
from app.ui.collector import UiThreadCollector  # noqa: E402
from app.ui.local_data import LocalData  # noqa: E402
from app.ui.search.popup import SearchPopup  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402
from benchmarks.estate_listing import estate_places, list_estate, warm  # noqa: E402
from benchmarks.memory import peak_rss_mb, worker_processes_peak_rss_mb  # noqa: E402
from benchmarks.ui_probe import FreezeMeter, run_until  # noqa: E402

_TURNS = aws._turns


class EstateProbe:
    def __init__(self, info: dict, index_path: str) -> None:
        self.app = QApplication.instance() or QApplication([])
        self.collector = UiThreadCollector(self.app)
        self.places = estate_places(info)
        self.expected = info["versions"]
        self.index = LocalIndex.open(Path(index_path))
        self.label = QLabel()
        self.label.resize(600, 40)
        self.label.show()
        self.runner = TaskRunner(self.label, name="estate")
        self.meter = FreezeMeter()
        warm(self.places)  # clients built, as by the window's earlier refreshes
        for place in self.places:
            session_for(place.connection).client("sagemaker")
        self.collector.settle()

    def load(self) -> dict:
        listed: dict[str, int] = {}
        finished: list[float] = []

        def arrived(progress: TargetProgress) -> None:
            listed[progress.key] = progress.versions
            self.label.setText(f"{sum(listed.values()):,} versions listed")

        started = time.perf_counter()
        self.meter.start()
        self.runner.run(list_estate, self.places, self.index, pass_should_stop=True, pass_report=True,
                        on_yield=arrived, on_finish=lambda: finished.append(time.perf_counter()))
        run_until(lambda: bool(finished))
        freeze = self.meter.stop()
        return {"rows": sum(listed.values()), "listed_s": finished[0] - started, "longest_freeze_s": freeze}

    def turns(self, on: bool) -> dict:
        """Answers parsed in turns (the application's way) or all at once (before), for
        `--compare`."""
        aws._turns = _TURNS if on else threading.BoundedSemaphore(1_000_000)
        return {"turns": on}

    def search(self, typed: list[str]) -> dict:
        """Search Everywhere over the index, as a person types: one query per keystroke, timed
        from the keystroke to the result tree filled and painted (the 150 ms typing pause the
        popup waits for is skipped with `run_query`, so each keystroke is one measure)."""
        local = LocalData("aws", self.app)
        local.index = self.index  # as the window's own LocalData after it opened the file
        workspace = Workspace(Connection(profile=None, region="us-east-1"))
        workspace.local = local
        popup = SearchPopup(workspace, lambda *_: None)
        popup.show()
        shown = popup._found
        done: list[float] = []

        def found(generation: int, result) -> None:
            shown(generation, result)
            popup.tree.viewport().repaint()  # on screen, not only in the model
            done.append(time.perf_counter())

        popup._found = found  # type: ignore[method-assign]
        timings, counts = [], []
        for text in typed:
            for end in range(1, len(text) + 1):
                done.clear()
                started = time.perf_counter()
                popup.field.setText(text[:end])  # the keystroke: the field and its signals
                popup.run_query()
                run_until(lambda: bool(done))
                timings.append(done[0] - started)
                counts.append(popup.tree.result_count())
            popup.field.clear()
        popup.shutdown()
        popup.close()
        return {"keystrokes_s": timings, "results": counts}

    def memory(self) -> dict:
        return {"peak_rss_mb": peak_rss_mb(), "workers_peak_rss_mb": worker_processes_peak_rss_mb(),
                "index_bytes": self.index.size_on_disk()}


def main() -> int:
    probe = EstateProbe(json.loads(sys.argv[1]), sys.argv[2])
    commands = {"load": probe.load, "memory": probe.memory,
                "turns-on": lambda: probe.turns(True), "turns-off": lambda: probe.turns(False)}
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "quit" or not command:
            break
        if command == "search":
            print(json.dumps(probe.search(json.loads(argument))), flush=True)
            continue
        print(json.dumps(commands[command]()), flush=True)
    probe.runner.shutdown()
    probe.index.close()
    return 0
