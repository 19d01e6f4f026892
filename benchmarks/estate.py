"""`python -m benchmarks.estate` (or `python -m benchmarks --estate`): an estate of 4
account-regions (2 accounts x 2 regions) with 100,000 versions in all, every request 50 ms
away; prints a table and adds it to the JSON results under "estate".

Measured in one run, medians of `--repeats`: each account-region refreshed alone and the four
at once (app.registry.estate's refresh into the local index); search over the 100,000 indexed versions, one
call per keystroke, and the same typed into the Search Everywhere popup, keystroke to results
shown (benchmarks/estate_probe.py); a new application process opening on that index, to the
first row of the last group painted, beside the bare window's first paint and the application's
own (benchmarks/estate_cold.py); the longest UI freeze while the estate loads and the index is written, with
the machine idle and with one CPU-bound process beside; peak memory against the bare window;
the index's size on disk. Each freeze is set beside the machine's own jitter over the same
seconds (benchmarks/jitter.py): on a shared machine the two move together.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from app.registry.index.local import LocalIndex
from app.registry.index.search import search
from benchmarks.__main__ import ROOT, ask, child, cold_start
from benchmarks.estate_cold import cold_start_indexed, prepare, silent_endpoint
from benchmarks.estate_listing import estate_places, list_estate, list_place, warm
from benchmarks.hog import cpu_hog
from benchmarks.jitter import jitter
from benchmarks.report import print_and_keep

# What a user types, one keystroke at a time: a family and a framework, a dataset, two words.
TYPED = ("churn xgboost", "ds-42", "fraud hotfix", "canary quantized", "pricing-eu")


def keystrokes(index: LocalIndex) -> list[float]:
    """Seconds per search call, one call per keystroke of each typed text."""
    timings = []
    for text in TYPED:
        for end in range(1, len(text) + 1):
            started = time.perf_counter()
            search(index, text[:end])
            timings.append(time.perf_counter() - started)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.estate")
    parser.add_argument("--versions", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--compare", action="store_true",
                        help="also load with answers parsed all at once (as before turns)")
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold starts (the bare window, the application, the application with an "
                             "index); the estate is listed once, untimed, to build the index")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    args = parser.parse_args(argv)

    server = child("benchmarks.estate_server", "--versions", str(args.versions), "--latency-ms", str(args.latency_ms))
    assert server.stdout is not None
    info = json.loads(server.stdout.readline())
    samples: dict[str, list[float]] = {}

    def keep(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    places = estate_places(info)
    probe = None
    try:
        warm(places)
        with tempfile.TemporaryDirectory() as home:
            path = Path(home) / "index.sqlite"
            index = LocalIndex.open(path)
            assert list_estate(places, index) == info["versions"]  # untimed: the index and the server warm
            for _rep in range(0 if args.cold_only else args.repeats):
                singles = []
                for place in places:
                    started = time.perf_counter()
                    assert list_place(place, index) == info["versions"] // len(places)
                    singles.append(time.perf_counter() - started)
                    keep(f"alone {place.key}", singles[-1])
                keep("slowest_alone", max(singles))
                started = time.perf_counter()
                assert list_estate(places, index) == info["versions"]
                keep("estate_all", time.perf_counter() - started)
                typed = keystrokes(index)
                keep("search_median", statistics.median(typed))
                keep("search_max", max(typed))
            assert index.version_count() == info["versions"]
            keep("index_mb", index.size_on_disk() / 1e6)
            index.close()
            user = Path(home) / "user"
            last_group, last_size = prepare(path, str(user), places[0].key)

            if not args.cold_only:  # the window loading the estate, searching, its memory
                probe = child("benchmarks.estate_probe", json.dumps(info), str(path),
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
                for _rep in range(args.repeats):
                    for name in ("idle", "hog", "idle_before", "hog_before") if args.compare else ("idle", "hog"):
                        ask(probe, "turns-off" if name.endswith("_before") else "turns-on")
                        with jitter() as machine, cpu_hog() if name.startswith("hog") else nullcontext():
                            load = ask(probe, "load")
                        assert load["rows"] == info["versions"], load
                        keep(f"freeze_{name}", load["longest_freeze_s"])
                        keep(f"jitter_{name}", machine())
                        keep(f"probe_listed_{name}", load["listed_s"])
                for _rep in range(args.repeats):
                    typed = ask(probe, "search " + json.dumps(TYPED))["keystrokes_s"]
                    keep("ui_search_median", statistics.median(typed))
                    keep("ui_search_max", max(typed))
                memory = ask(probe, "memory")
                keep("rss_estate", memory["peak_rss_mb"] + memory["workers_peak_rss_mb"])
                keep("rss_workers", memory["workers_peak_rss_mb"])
            cold_start("bare", home)  # compiles the bytecode later launches read
            listener = silent_endpoint()
            cold_start_indexed(str(user), listener)  # the same for the application's modules
            for _rep in range(args.repeats):
                painted, rss = cold_start("bare", home)
                keep("rss_bare", rss)
                keep("bare_paint", painted)
                painted, shown = cold_start_indexed(str(user), listener)
                keep("indexed_first_row", painted)
                keep("app_paint", cold_start("app", home)[0])
            listener.close()
    finally:
        for process in (probe, server):
            if process is not None and process.stdin:
                process.stdin.close()
                process.wait(timeout=60)
    median = {name: statistics.median(values) for name, values in samples.items()}
    info = {**info, "last_group_versions": last_size, "rows_at_first_paint": shown}
    report(median, samples, args, info)
    return 0


def report(m: dict[str, float], samples: dict, args, info: dict) -> None:
    ms = lambda seconds: f"{seconds * 1000:,.0f} ms"  # noqa: E731
    rows = [(f"list one account-region alone: {name.removeprefix('alone ')}", ms(m[name]), None, "")
            for name in sorted(m) if name.startswith("alone ")]
    rows += [
        ("cold start with an index: process start to the last group's first row painted",
         ms(m["indexed_first_row"]), m["indexed_first_row"] <= 2 * m["bare_paint"],
         f"<= 2 x bare window's first paint ({ms(m['bare_paint'])}); {m['indexed_first_row'] / m['bare_paint']:.2f}x; "
         f"no network (the endpoint never answers), group of {info['last_group_versions']:,} versions"),
        ("the application's own first paint, for comparison", ms(m["app_paint"]), None,
         f"{m['app_paint'] / m['bare_paint']:.2f}x the bare window's"),
    ]
    if args.cold_only:
        rows.append(("index size on disk", f"{m['index_mb']:,.0f} MB", None, f"{info['versions']:,} versions"))
    else:
        rows += listing_rows(m, info, ms)
    title = (f"Estate: 4 account-regions, {info['versions']:,} versions, {args.latency_ms:.0f} ms added per request, "
             f"medians of {args.repeats}")
    print_and_keep(title, rows, args.json, "estate_cold" if args.cold_only else "estate",
                   {"medians_s": m, "samples": samples, "versions": info["versions"], "latency_ms": args.latency_ms})


def listing_rows(m: dict[str, float], info: dict, ms) -> list:
    """The rows of the estate's listing, search, freezes and memory (all but the cold starts)."""
    slowest = m["slowest_alone"]
    rows = [
        ("whole estate listed, four at once", ms(m["estate_all"]), m["estate_all"] <= 1.1 * slowest,
         f"<= 1.1 x slowest alone ({ms(1.1 * slowest)}); {m['estate_all'] / slowest:.2f}x"),
        (f"search {info['versions']:,} versions: per keystroke, median", ms(m["search_median"]),
         m["search_median"] <= 0.050,
         f"<= 50 ms (the search call; max {ms(m['search_max'])})"),
        (f"search {info['versions']:,} versions through the UI: keystroke to results shown, median",
         ms(m["ui_search_median"]),
         m["ui_search_median"] <= 0.050,
         f"<= 50 ms (Search Everywhere, typing pause skipped; max {ms(m['ui_search_max'])})"),
        ("longest UI freeze: estate loading, index written", ms(m["freeze_idle"]), m["freeze_idle"] <= 0.050,
         f"<= 50 ms; machine's own jitter meanwhile {ms(m['jitter_idle'])}; listed in {ms(m['probe_listed_idle'])}"),
        ("longest UI freeze: the same, CPU-bound process beside", ms(m["freeze_hog"]), m["freeze_hog"] <= 0.050,
         f"<= 50 ms; machine's own jitter meanwhile {ms(m['jitter_hog'])}; listed in {ms(m['probe_listed_hog'])}"),
    ]
    if "freeze_idle_before" in m:
        rows += [(f"before (all parse at once): {what}", ms(m[f"freeze_{name}_before"]), None,
                  f"machine's own jitter meanwhile {ms(m[f'jitter_{name}_before'])}")
                 for name, what in (("idle", "longest UI freeze, estate loading"),
                                    ("hog", "the same, CPU-bound process beside"))]
    rows += [
        ("peak memory: estate listed and indexed, the window and its worker processes together",
         f"{m['rss_estate']:,.0f} MB", m["rss_estate"] <= m["rss_bare"] + 400,
         f"<= bare + 400 MB; +{m['rss_estate'] - m['rss_bare']:,.0f} MB, of which the worker processes "
         f"{m['rss_workers']:,.0f} MB"),
        ("peak memory: bare PySide6 table", f"{m['rss_bare']:,.0f} MB", None, ""),
        ("index size on disk", f"{m['index_mb']:,.0f} MB", None, f"{info['versions']:,} versions"),
    ]
    return rows


if __name__ == "__main__":
    sys.exit(main())
