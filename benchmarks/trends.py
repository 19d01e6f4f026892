"""`python -m benchmarks --trends` (or `python -m benchmarks.trends`): the metric history of one
group of 500 versions, each with a model-quality report of 5 metrics in S3, every request 50 ms
away; prints a table and adds it to the JSON results under "trends".

Measured in one run, medians of `--repeats`: (a) raw, 500 S3 GETs of the reports with plain boto3
at the chosen concurrency (one request per version: the least any reader can do), and one round
trip alone; (b) `fetch_metric_history` cold, nothing in the local index: the report URIs from
Search pages (the first few from describes), each handed on to a GET at once, to the first
reported reading and to the last (`--compare`: also with a describe per version instead); (c) a refresh, the report URIs
kept in the index (as after the window's own describes), every report read again; (d) warm, every
reading from the index; (e) the trend dock through the real window (`ui_trends`,
benchmarks/trends_probe.py), the local index cleared before each opening: first points drawn, all
drawn, the longest UI freeze.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
from botocore.config import Config

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.index.local import LocalIndex
from app.registry.trends import history as history_module
from app.registry.trends.history import MetricReading, VersionRef, fetch_metric_history
from app.registry.versions.describe import iter_version_pages
from app.registry.versions.metrics import split_s3_uri
from benchmarks.__main__ import ROOT, ask, child
from benchmarks.report import print_and_keep

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def raw_gets(client, uris: list[str], workers: int) -> float:
    """Seconds for plain boto3 to GET (and read) every report, `workers` at once."""
    def get(uri: str) -> bytes:
        bucket, key = split_s3_uri(uri) or ("", "")
        return client.get_object(Bucket=bucket, Key=key)["Body"].read()

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        assert all(pool.map(get, uris))
    return time.perf_counter() - started


def round_trip(client, uri: str, times: int = 7) -> float:
    """One GET alone, the median of `times`."""
    bucket, key = split_s3_uri(uri) or ("", "")
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        client.get_object(Bucket=bucket, Key=key)["Body"].read()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def history(session, refs: list[VersionRef], index: LocalIndex, workers: int, metrics: int,
            refresh: bool = False) -> dict:
    """fetch_metric_history timed from its call: first reading reported, last, batches, readings cached."""
    lock, first, got = threading.Lock(), [0.0], []
    started = time.perf_counter()

    def report(batch: list[MetricReading]) -> None:
        with lock:
            first[0] = first[0] or time.perf_counter() - started
            got.append(batch)

    fetch_metric_history(session, refs, index=index, report=report, max_workers=workers, refresh=refresh)
    every = time.perf_counter() - started
    readings = [r for batch in got for r in batch]
    assert len(readings) == len(refs), (len(readings), len(refs))
    bad = [r for r in readings if r.problem or len(r.values) != metrics]
    assert not bad, bad[:2]
    return {"first": first[0], "all": every, "batches": len(got), "cached": sum(r.cached for r in readings)}


def describes_only(session, refs: list[VersionRef], path: Path, workers: int, metrics: int) -> float:
    """Cold, with the URIs from a describe per version (as when Search is denied): seconds to all."""
    index = LocalIndex.open(path)
    saved, history_module.SEARCH_FROM = history_module.SEARCH_FROM, len(refs) + 1
    try:
        return float(history(session, refs, index, workers, metrics)["all"])
    finally:
        history_module.SEARCH_FROM = saved
        index.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trends")
    parser.add_argument("--versions", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--workers", type=int, default=16, help="the chosen concurrency (max_workers)")
    parser.add_argument("--compare", action="store_true",
                        help="also cold with a describe per version (no Search), pipelined into the GETs")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    args = parser.parse_args(argv)

    server = child("benchmarks.trends_server", "--versions", str(args.versions), "--latency-ms", str(args.latency_ms))
    assert server.stdout is not None
    info = json.loads(server.stdout.readline())
    samples: dict[str, list[float]] = {}

    def keep(name: str, value: float) -> None:
        samples.setdefault(name, []).append(value)

    try:
        proxy = info["proxy"]
        raw = boto3.client("s3", endpoint_url=proxy, config=Config(max_pool_connections=2 * args.workers), **KEYS)
        session = session_for(Connection(profile=None, region="us-east-1", endpoint_url=proxy,
                                         access_key_id="testing", secret_access_key="testing", label="benchmark"))
        refs = [VersionRef(v.arn, v.version, v.created, v.status)
                for page in iter_version_pages(session, info["group"]) for v in page]
        assert len(refs) == args.versions, len(refs)
        uris = [f"s3://{info['bucket']}/{info['group']}/{ref.version}/evaluation.json" for ref in refs]
        with tempfile.TemporaryDirectory() as home:
            # Warm, untimed: every client's connections open, models loaded, the server's first uses done.
            raw_gets(raw, uris, args.workers)
            history(session, refs, LocalIndex.open(Path(home) / "warm.sqlite"), args.workers, len(info["metrics"]))
            for rep in range(args.repeats):
                keep("round_trip", round_trip(raw, uris[rep % len(uris)]))
                keep("raw_all", raw_gets(raw, uris, args.workers))
                index = LocalIndex.open(Path(home) / f"cold-{rep}.sqlite")
                cold = history(session, refs, index, args.workers, len(info["metrics"]))
                keep("cold_first", cold["first"])
                keep("cold_all", cold["all"])
                keep("cold_batches", cold["batches"])
                if args.compare:
                    keep("describes_all", describes_only(session, refs, Path(home) / f"describes-{rep}.sqlite",
                                                         args.workers, len(info["metrics"])))
                fresh = history(session, refs, index, args.workers, len(info["metrics"]), refresh=True)
                keep("refresh_first", fresh["first"])
                keep("refresh_all", fresh["all"])
                warm = history(session, refs, index, args.workers, len(info["metrics"]))
                assert warm["cached"] == args.versions, warm
                keep("warm_first", warm["first"])
                keep("warm_all", warm["all"])
                index.close()
        samples.update(ui_trends(info, args.repeats))
    finally:
        if server.stdin:
            server.stdin.close()
            server.wait(timeout=60)
    median = {name: statistics.median(values) for name, values in samples.items()}
    report(median, samples, args, info)
    return 0


def ui_trends(info: dict, repeats: int) -> dict[str, list[float]]:
    """The trend dock through the real window (benchmarks/trends_probe.py): first points drawn after
    opening, all drawn, the longest UI freeze meanwhile; {} with a note while the dock is missing."""
    probe = child("benchmarks.trends_probe", json.dumps(info), env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    found: dict[str, list[float]] = {}
    try:
        for rep in range(repeats + 1):  # the first open of the process also imports pyqtgraph: kept apart
            answer = ask(probe, "open")
            if "error" in answer:
                print(f"The trend dock was not measured: {answer['error']}", file=sys.stderr)
                return {}
            for name in ("first_points_s", "all_points_s", "longest_freeze_s", "longest_turn_cpu_s"):
                found.setdefault(f"ui_{'' if rep else 'process_first_'}{name.removesuffix('_s')}", []).append(
                    answer[name])
            if rep:
                known = ask(probe, "open uris")
                for name in ("first_points_s", "all_points_s", "longest_freeze_s", "longest_turn_cpu_s"):
                    found.setdefault(f"ui_uris_{name.removesuffix('_s')}", []).append(known[name])
    finally:
        if probe.stdin:
            probe.stdin.close()
        probe.wait(timeout=60)
    return found


def report(m: dict[str, float], samples: dict, args, info: dict) -> None:
    ms = lambda seconds: f"{seconds * 1000:,.0f} ms"  # noqa: E731
    raw, trip = m["raw_all"], m["round_trip"]
    n, metrics = info["versions"], len(info["metrics"])
    rows = [
        ("one round trip (a GET alone)", ms(trip), None, ""),
        (f"raw boto3: {n} S3 GETs, {args.workers} at once", ms(raw), None, "one request per version"),
        ("cold (empty index): first reading reported", ms(m["cold_first"]), m["cold_first"] <= trip + 0.050,
         f"<= 1 round trip + 50 ms ({ms(trip + 0.050)}); {m['cold_first'] / trip:.1f} round trips "
         "(a describe or a Search page, then the GET)"),
        ("cold (empty index): all readings", ms(m["cold_all"]), m["cold_all"] <= 1.1 * raw,
         f"<= 1.1 x raw ({ms(1.1 * raw)}); {m['cold_all'] / raw:.2f}x; URIs from Search pages, a GET per "
         f"version, reported in {m['cold_batches']:.0f} batches"),
    ]
    if "describes_all" in m:
        rows += [("cold, a describe per version instead of Search: all readings", ms(m["describes_all"]), None,
                  f"{m['describes_all'] / raw:.2f}x raw")]
    rows += [
        ("refresh (URIs kept): first reading reported", ms(m["refresh_first"]),
         m["refresh_first"] <= trip + 0.050, f"<= 1 round trip + 50 ms; {m['refresh_first'] / trip:.1f} round trips"),
        ("refresh (URIs kept): all readings", ms(m["refresh_all"]), m["refresh_all"] <= 1.1 * raw,
         f"<= 1.1 x raw; {m['refresh_all'] / raw:.2f}x"),
        ("warm (all from the index): first reading reported", ms(m["warm_first"]), None,
         f"{m['warm_first'] / trip:.2f} round trips"),
        ("warm (all from the index): all readings", ms(m["warm_all"]), None,
         f"{raw / m['warm_all']:.0f}x faster than raw"),
    ]
    if "ui_first_points" in m:
        rows += [
            ("trend dock: opening to first points drawn", ms(m["ui_first_points"]),
             m["ui_first_points"] <= trip + 0.050, f"<= 1 round trip + 50 ms ({ms(trip + 0.050)})"),
            ("trend dock: opening to all points drawn", ms(m["ui_all_points"]), m["ui_all_points"] <= 1.1 * raw,
             f"<= 1.1 x raw ({ms(1.1 * raw)}); {m['ui_all_points'] / raw:.2f}x"),
            ("trend dock: longest UI freeze", ms(m["ui_longest_freeze"]), m["ui_longest_freeze"] <= 0.050, "<= 50 ms"),
            ("trend dock: the UI thread's longest turn, in its own CPU time", ms(m["ui_longest_turn_cpu"]), None,
             f"the freeze without the other threads and processes; URIs known: {ms(m['ui_uris_longest_turn_cpu'])}"),
            ("trend dock, URIs known (as after the window's describes): first points drawn",
             ms(m["ui_uris_first_points"]), m["ui_uris_first_points"] <= trip + 0.050,
             f"<= 1 round trip + 50 ms; all drawn {ms(m['ui_uris_all_points'])} ({m['ui_uris_all_points'] / raw:.2f}x "
             f"raw); longest UI freeze {ms(m['ui_uris_longest_freeze'])}"),
            ("trend dock, first open of the process: first points drawn", ms(m["ui_process_first_first_points"]),
             None, f"pyqtgraph imported on the way; longest UI freeze {ms(m['ui_process_first_longest_freeze'])}"),
        ]
    title = (f"Trends: {n} versions x {metrics} metrics, {args.latency_ms:.0f} ms added per request, "
             f"{args.workers} at once, medians of {args.repeats}")
    print_and_keep(title, rows, args.json, "trends",
                   {"medians_s": m, "samples": samples, "versions": n, "metrics": metrics, "workers": args.workers,
                    "latency_ms": args.latency_ms})


if __name__ == "__main__":
    sys.exit(main())
