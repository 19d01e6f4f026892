"""What every benchmark prints and keeps: a Markdown table of medians against targets, the
machine and its load, and the figures in the results JSON under the benchmark's key."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

import PySide6

Row = tuple[str, str, bool | None, str]  # measure, median, met (None: no target), target and notes


def machine() -> str:
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, PySide6 {PySide6.__version__}")


def table(title: str, rows: list[Row]) -> list[str]:
    lines = [title, "", "| Measure | Median | Target | |", "|---|---:|---|---|"]
    for name, value, ok, note in rows:
        verdict = "" if ok is None else ("PASS" if ok else "FAIL")
        lines.append(f"| {name} | {value} | {note} | {verdict} |")
    return lines


def print_and_keep(title: str, rows: list[Row], json_path: str, key: str, record: dict[str, Any]) -> None:
    """Print the table and the machine's line; keep `record` (plus machine, load and verdicts)
    under `key` of the results JSON, the other benchmarks' entries left as they were."""
    load = os.getloadavg()
    lines = table(title, rows)
    lines += ["", f"Machine: {machine()}; load average at the end {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"]
    print("\n".join(lines))
    path = Path(json_path)
    results = json.loads(path.read_text()) if path.exists() else {}
    results[key] = {**record, "machine": machine(), "load_average": load,
                    "passed": {name: ok for name, _v, ok, _t in rows if ok is not None}}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2))
    print(f"JSON: {path}")
