"""`python -m benchmarks.freeze`: the longest UI freeze while 10,000 rows load, with the machine
idle and with one CPU-bound process beside, alternating in one run (the quick check of the
listing's freeze; the full benchmark measures the same among everything else).

With BENCHMARK_PROFILE=FILE, the probe runs under py-spy (installed in the same environment),
which writes its samples (every thread, idle ones too, in py-spy's raw format) to FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

from benchmarks.__main__ import ROOT, child
from benchmarks.hog import cpu_hog
from benchmarks.jitter import jitter


def probe_process(*args: str) -> subprocess.Popen:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    profile = os.environ.get("BENCHMARK_PROFILE")
    if not profile:
        return child("benchmarks.ui_probe", *args, env=env)
    spy = os.path.join(os.path.dirname(sys.executable), "py-spy")
    command = [spy, "record", "--threads", "--idle", "--rate", "500", "--format", "raw", "--output", profile,
               "--", sys.executable, "-m", "benchmarks.ui_probe", *args]
    return subprocess.Popen(command, cwd=ROOT, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)


def ask(process: subprocess.Popen, command: str) -> dict:
    """As the benchmark's: one command, one JSON line back (py-spy's own lines skipped)."""
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(command + "\n")
    process.stdin.flush()
    while not (line := process.stdout.readline()).startswith("{"):
        if not line:
            raise RuntimeError("the probe ended")
    return json.loads(line)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.freeze")
    parser.add_argument("--versions", type=int, default=10_000)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-hog", action="store_true", help="the idle machine only")
    parser.add_argument("--compare", action="store_true",
                        help="alternate answers parsed in turns (now) and all at once (before)")
    args = parser.parse_args()
    server = child("benchmarks.server", "--versions", str(args.versions), "--latency-ms", str(args.latency_ms))
    assert server.stdout is not None
    info = json.loads(server.stdout.readline())
    probe = probe_process(info["proxy"], info["big_group"], str(args.versions), info["details_arn"])
    freezes: dict[str, list[float]] = {}

    def measure(name: str) -> None:
        with jitter() as machine:
            load = ask(probe, "load")
        assert load["rows"] == args.versions, load
        freezes.setdefault(name, []).append(load["longest_freeze_s"])
        freezes.setdefault(f"{name}, machine's own jitter", []).append(machine())

    try:
        ask(probe, "load")  # warm: connections open, first-use imports done
        for _ in range(args.repeats):
            for turns in ("on", "off") if args.compare else ("on",):
                ask(probe, f"turns-{turns}")
                label = f"turns {turns}, " if args.compare else ""
                measure(f"{label}idle")
                if not args.no_hog:
                    with cpu_hog():
                        measure(f"{label}CPU hog beside")
    finally:
        for process in (probe, server):
            if process.stdin:
                process.stdin.close()
            process.wait(timeout=60)
    print(f"longest UI freeze while {args.versions:,} rows load, {args.latency_ms:.0f} ms a request "
          f"(load average {os.getloadavg()[0]:.1f}):")
    for name, values in sorted(freezes.items()):
        if values:
            print(f"{name}: median {statistics.median(values) * 1000:.0f} ms, "
                  f"all {', '.join(f'{v * 1000:.0f}' for v in values)} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
