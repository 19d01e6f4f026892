"""Child process: the estate listed from a window's worker threads, the UI thread timed.

argv: the estate server's JSON line and the index file. Reads one command a line on stdin
("load", "memory", "quit") and answers each with one JSON line. "load" refreshes the
whole estate into the index from one task (app.registry.estate's fan-out, as the estate dock
runs it) while the UI thread shows the count as progress arrives; it answers with the longest
UI freeze.
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
from app.registry.estate.fanout import TargetProgress  # noqa: E402
from app.registry.index.local import LocalIndex  # noqa: E402
from app.tasks import TaskRunner  # noqa: E402
from app.ui.collector import UiThreadCollector  # noqa: E402
from benchmarks.estate_listing import estate_places, list_estate, warm  # noqa: E402
from benchmarks.memory import peak_rss_mb  # noqa: E402
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

    def memory(self) -> dict:
        return {"peak_rss_mb": peak_rss_mb(), "index_bytes": self.index.size_on_disk()}


def main() -> int:
    probe = EstateProbe(json.loads(sys.argv[1]), sys.argv[2])
    commands = {"load": probe.load, "memory": probe.memory,
                "turns-on": lambda: probe.turns(True), "turns-off": lambda: probe.turns(False)}
    for line in sys.stdin:
        command = line.strip()
        if command == "quit" or not command:
            break
        print(json.dumps(commands[command]()), flush=True)
    probe.runner.shutdown()
    probe.index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
