"""Child process: an estate of 4 account-regions (2 accounts x 2 regions) on the sandbox's moto
server, with 100,000 versions in all, behind the latency proxy.

Prints one JSON line (the proxy, the role that reaches the second account, each account-region
and its groups), then serves until its stdin closes or its lifetime is over.

moto's ListModelPackages scans every version of the account-region on each call (25,000 here)
and sorts the group's; on AWS that is the service's work, not the client's. So this server
answers it from each group's versions kept sorted by creation time (same rows, same order,
same pages), and keeps each listing answer once made: the same request (same caller, same
window, same token) gets the same bytes again without moto building them anew, from the front
that also holds each request 50 ms (benchmarks/estate_front.py), so werkzeug does not parse it
and write the answer again either. The first listing of the estate fills that memory (the
benchmark lists the estate once before timing), so the timed listings measure the application,
not moto, which runs on the same CPUs.
"""

from __future__ import annotations

import argparse
import bisect
import io
import json
import os
import random
import re
import sys
import threading
from typing import Any

import moto.moto_server.threaded_moto_server as threaded_moto_server
from moto.sagemaker.models import PAGINATION_MODEL, SageMakerModelBackend
from moto.utilities.paginator import paginate

from app.registry.estate.elsewhere import WORKER_NICENESS
from app.sandbox.server import SandboxServer
from app.sandbox.session import MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID
from benchmarks.estate_front import RememberingFront
from benchmarks.server import add_group_of, serve_until_stdin_closes

ACCOUNTS = (MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID)
REGIONS = ("us-east-1", "eu-west-1")
FAMILIES = ("churn", "fraud", "demand", "pricing", "ranking", "forecast", "vision", "speech")
WORDS = ("xgboost", "lightgbm", "pytorch", "tensorflow", "sklearn", "baseline", "candidate", "shadow",
         "retrained", "hotfix", "holiday", "weekly", "quarterly", "canary", "distilled", "quantized")
ROLE = f"arn:aws:iam::{TRAINING_ACCOUNT_ID}:role/RegistryDeskBenchmark"


def _describe(family: str):
    def describe(rng: random.Random, n: int) -> str:
        return f"{family} {rng.choice(WORDS)} {rng.choice(WORDS)} run {n} dataset ds-{rng.randrange(500)}"
    return describe


_sorted: dict[tuple[int, str], tuple[int, list[Any], list[Any]]] = {}
_sorted_lock = threading.Lock()


def _by_time(backend: SageMakerModelBackend, group: str) -> tuple[list[Any], list[Any]]:
    """The group's versions oldest first, and their creation times (rebuilt when it changed)."""
    key = (id(backend), group)
    with _sorted_lock:
        known = _sorted.get(key)
        if known is None or known[0] != len(backend.model_packages):
            rows = sorted((p for p in backend.model_packages.values()
                           if p.model_package_group_name == group and p.model_package_version is not None),
                          key=lambda p: p.creation_time)
            known = (len(backend.model_packages), rows, [p.creation_time for p in rows])
            _sorted[key] = known
        return known[1], known[2]


def list_model_packages(self, creation_time_after, creation_time_before, name_contains, model_approval_status,
                        model_package_group_name, model_package_type, sort_by, sort_order) -> list[Any]:
    if model_package_group_name is None or sort_by not in (None, "CreationTime"):
        return _moto_list(self, creation_time_after=creation_time_after,
                          creation_time_before=creation_time_before, name_contains=name_contains,
                          model_approval_status=model_approval_status,
                          model_package_group_name=model_package_group_name,
                          model_package_type=model_package_type, sort_by=sort_by, sort_order=sort_order)
    group = model_package_group_name.split("/")[-1]
    rows, times = _by_time(self, group)
    low = 0 if creation_time_after is None else bisect.bisect_right(times, creation_time_after)
    high = len(rows) if creation_time_before is None else bisect.bisect_left(times, creation_time_before)
    found = [p for p in rows[low:high]
             if (name_contains is None or name_contains in p.model_package_name)
             and (model_approval_status is None or p.model_approval_status == model_approval_status)]
    if sort_order == "Descending":
        found.reverse()
    return found


_moto_list = SageMakerModelBackend.list_model_packages.__wrapped__  # type: ignore[attr-defined]


_CALLER = re.compile(r"Credential=([^/]+)/\d+/([^/]+)/")


class Remembered:
    """A WSGI application in front of moto's: sagemaker List* answers kept by request."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._answers: dict[tuple, tuple[str, list, bytes]] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: dict, start_response: Any) -> list[bytes]:
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith("SageMaker.List"):
            return self._app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        caller = _CALLER.search(environ.get("HTTP_AUTHORIZATION", ""))
        key = (caller.groups() if caller else None, target, body)
        with self._lock:
            answer = self._answers.get(key)
        if answer is None:
            environ["wsgi.input"] = io.BytesIO(body)
            made: dict[str, Any] = {}

            def keep(status: str, headers: list, _exc_info: Any = None) -> Any:
                made.update(status=status, headers=headers)
                return lambda _data: None

            answer = (made.get("status", ""), [], b"".join(self._app(environ, keep)))
            answer = (made["status"], made["headers"], answer[2])
            if answer[0].startswith("200"):
                with self._lock:
                    self._answers[key] = answer
        start_response(answer[0], answer[1])
        return [answer[2]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=100_000, help="in all, across the estate")
    parser.add_argument("--groups", type=int, default=5, help="per account-region")
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--lifetime-s", type=float, default=3600.0)
    parser.add_argument("--nice", type=int, default=WORKER_NICENESS,
                        help="this server's CPU priority: that of the application's listing processes")
    args = parser.parse_args()
    # It stands for AWS, whose work is done elsewhere: the window comes first, as when AWS answers
    # from afar. Beside the application's listing processes, it neither starves them nor is
    # starved: lower, it waits behind them and every answer comes late.
    os.nice(args.nice)

    SageMakerModelBackend.list_model_packages = paginate(PAGINATION_MODEL)(list_model_packages)
    dispatcher = threaded_moto_server.DomainDispatcherApplication
    threaded_moto_server.DomainDispatcherApplication = lambda *a, **k: Remembered(dispatcher(*a, **k))
    server = SandboxServer()
    server.start()
    per_group = args.versions // (len(ACCOUNTS) * len(REGIONS) * args.groups)
    targets = []
    seed = 0
    for account in ACCOUNTS:
        for region in REGIONS:
            groups = []
            for g in range(args.groups):
                family = FAMILIES[(seed + g) % len(FAMILIES)]
                name = f"{family}-{region}-{g}"
                add_group_of(name, per_group, seed=seed * 100 + g, account=account, region=region,
                             describe=_describe(family))
                groups.append(name)
            seed += 1
            targets.append({"account": account, "region": region, "groups": groups})
    proxy = RememberingFront(server.port, delay_s=args.latency_ms / 1000, max_connections=512,
                             lifetime_s=args.lifetime_s)
    port = proxy.start()
    print(json.dumps({"proxy": f"http://127.0.0.1:{port}", "role": ROLE, "targets": targets,
                      "versions": per_group * args.groups * len(targets)}), flush=True)

    return serve_until_stdin_closes(proxy, server, args.lifetime_s)


if __name__ == "__main__":
    sys.exit(main())
