"""Child process: the sandbox's moto server, seeded for the benchmark, behind the latency proxy.

Prints one JSON line (where to connect, what was seeded), then serves until its stdin closes
(the parent ended, however it ended) or its lifetime is over.

Seeding goes straight into the in-process backend: through HTTP, moto's create call scans the
whole group for the next version number, so 10,000 creates would take minutes. Creation times
are spread the way a training pipeline leaves them, irregular gaps averaging an hour.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from moto.sagemaker.models import ModelPackage, sagemaker_backends

from app.sandbox import seed as sandbox_seed
from app.sandbox.bulk import _create_arguments
from app.sandbox.server import SANDBOX_REGION, SandboxServer
from app.sandbox.state import record_version
from benchmarks.proxy import LatencyProxy

ACCOUNT = sandbox_seed.MAIN_ACCOUNT_ID
BIG_GROUP = "benchmark-10k"
BULK_GROUP = "benchmark-bulk"
STATUSES = ("PendingManualApproval",) * 7 + ("Approved",) * 2 + ("Rejected",)


def _request(group: str, n: int, account: str = ACCOUNT, region: str = SANDBOX_REGION,
             description: str = "") -> dict:
    return {
        "ModelPackageGroupName": group,
        "ModelPackageDescription": description or f"nightly training run {n}",
        "InferenceSpecification": {
            "Containers": [{
                "Image": f"{account}.dkr.ecr.{region}.amazonaws.com/churn-xgboost:1.7-{n}",
                "ModelDataUrl": f"s3://registry-desk-models/{group}/{n}/model.tar.gz",
            }],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
    }


def add_group_of(group: str, count: int, *, all_pending: bool = False, seed: int = 6, account: str = ACCOUNT,
                 region: str = SANDBOX_REGION, describe: Callable[[random.Random, int], str] | None = None) -> None:
    """`count` versions in a new group, numbered 1..count, oldest first."""
    backend = sagemaker_backends[account][region]
    backend.create_model_package_group(group, "benchmark")
    rng = random.Random(seed)
    created = datetime(2024, 1, 1)
    for n in range(1, count + 1):
        created += timedelta(seconds=rng.expovariate(1 / 3600))
        description = describe(rng, n) if describe is not None else ""
        fields = _create_arguments(_request(group, n, account, region, description))
        for key in ("model_package_name", "model_package_group_name", "client_token"):
            fields.pop(key)
        fields["model_approval_status"] = "PendingManualApproval" if all_pending else rng.choice(STATUSES)
        package = ModelPackage(
            model_package_name=group, model_package_group_name=group, model_package_version=n,
            approval_description=None, region_name=region, account_id=account,
            model_package_type="Versioned", client_token="", **fields,
        )
        package.creation_time = created
        backend.model_package_name_mapping[package.arn] = package.arn
        backend.model_packages[package.arn] = package
    record_version(backend, group, count)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=10_000)
    parser.add_argument("--bulk", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--lifetime-s", type=float, default=3600.0)
    parser.add_argument("--nice", type=int, default=19,
                        help="this server's CPU priority: it stands for AWS, whose work is done elsewhere")
    args = parser.parse_args()
    os.nice(args.nice)  # the application's threads come first, as when AWS answers from afar

    server = SandboxServer()
    endpoint = server.start()
    summary = sandbox_seed.seed(endpoint)  # the sample registry, for the details pane
    add_group_of(BIG_GROUP, args.versions)
    add_group_of(BULK_GROUP, 2 * args.bulk, all_pending=True)
    proxy = LatencyProxy(server.port, delay_s=args.latency_ms / 1000, lifetime_s=args.lifetime_s)
    port = proxy.start()
    print(json.dumps({
        "proxy": f"http://127.0.0.1:{port}", "direct": endpoint, "big_group": BIG_GROUP,
        "bulk_group": BULK_GROUP, "versions": args.versions, "bulk": args.bulk,
        "details_arn": summary.pipeline_version_arn,
    }), flush=True)

    return serve_until_stdin_closes(proxy, server, args.lifetime_s)


def serve_until_stdin_closes(proxy: LatencyProxy, server, lifetime_s: float) -> int:
    """Serve until the benchmark closes our stdin (or the lifetime ends), then stop both."""
    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    done.wait(lifetime_s)
    proxy.stop()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
