"""Child process: one group of `--versions` versions on the sandbox's moto server, each with a
model-quality report of 5 metrics in S3, behind the latency proxy.

Prints one JSON line (the proxy, the direct endpoint, the group, the bucket), then serves until its
stdin closes or its lifetime is over. Seeded through HTTP on the direct endpoint, as a training
pipeline registers versions: a report written to S3, then the version naming it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

import boto3

from app.sandbox.server import SandboxServer
from benchmarks.proxy import LatencyProxy
from benchmarks.server import _request, serve_until_stdin_closes

GROUP = "churn-trends"
BUCKET = "registry-desk-evaluations"
METRICS = ("auc", "recall", "precision", "f1", "accuracy")
KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing", "region_name": "us-east-1"}


def evaluation(rng: random.Random, n: int) -> dict:
    """A model-quality report: 5 metrics drifting upwards, with an occasional regression."""
    base = 0.70 + 0.2 * n / 500 - (0.08 if rng.random() < 0.05 else 0.0)
    return {"version": 0.0, "binary_classification_metrics": {
        name: {"value": round(min(0.999, base + rng.uniform(-0.02, 0.02)), 4), "standard_deviation": 0.005}
        for name in METRICS}}


def seed(endpoint: str, versions: int) -> None:
    s3 = boto3.client("s3", endpoint_url=endpoint, **KEYS)
    sagemaker = boto3.client("sagemaker", endpoint_url=endpoint, **KEYS)
    s3.create_bucket(Bucket=BUCKET)
    sagemaker.create_model_package_group(ModelPackageGroupName=GROUP)
    rng = random.Random(13)
    for n in range(1, versions + 1):
        key = f"{GROUP}/{n}/evaluation.json"
        s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(evaluation(rng, n)).encode())
        metrics = {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://{BUCKET}/{key}"}}}
        sagemaker.create_model_package(**_request(GROUP, n), ModelMetrics=metrics)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--versions", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--lifetime-s", type=float, default=3600.0)
    parser.add_argument("--nice", type=int, default=19,
                        help="this server's CPU priority: it stands for AWS, whose work is done elsewhere")
    args = parser.parse_args()
    os.nice(args.nice)

    server = SandboxServer()
    endpoint = server.start()
    seed(endpoint, args.versions)
    proxy = LatencyProxy(server.port, delay_s=args.latency_ms / 1000, max_connections=512, lifetime_s=args.lifetime_s)
    port = proxy.start()
    print(json.dumps({"proxy": f"http://127.0.0.1:{port}", "direct": endpoint, "group": GROUP, "bucket": BUCKET,
                      "versions": args.versions, "metrics": list(METRICS)}), flush=True)
    return serve_until_stdin_closes(proxy, server, args.lifetime_s)


if __name__ == "__main__":
    sys.exit(main())
