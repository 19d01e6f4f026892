"""Versions with model-quality reports in S3, as a training pipeline leaves them, for the trend tests."""

from __future__ import annotations

import json
import threading
from typing import Any

from app.registry.trends.history import MetricReading, VersionRef
from app.registry.versions.describe import describe_version

BUCKET = "registry-desk-metrics"
DENIED_BUCKET = "someone-elses-metrics"


def report(auc: float, recall: float) -> dict[str, Any]:
    """A model-quality report as SageMaker Clarify/Model Monitor writes it."""
    return {
        "version": 0.0,
        "binary_classification_metrics": {
            "auc": {"value": auc, "standard_deviation": 0.01},
            "recall": {"value": recall, "standard_deviation": 0.004},
            "confusion_matrix": {"0": {"0": 50, "1": 3}, "1": {"0": 4, "1": 43}},
            "receiver_operating_characteristic_curve": {"false_positive_rates": [0.0, 1.0]},
        },
    }


def metrics_field(uri: str) -> dict[str, Any]:
    return {"ModelMetrics": {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": uri}}}}


class Registry:
    """One group whose versions point at reports in S3; `add` returns the version's reference."""

    def __init__(self, session: Any, sagemaker: Any, add_version: Any, group: str = "churn") -> None:
        self.session, self.add_version, self.group = session, add_version, group
        self.s3 = session.client("s3")
        self.s3.create_bucket(Bucket=BUCKET)
        self.s3.create_bucket(Bucket=DENIED_BUCKET)
        sagemaker.create_model_package_group(ModelPackageGroupName=group)
        self.count = 0

    def put(self, key: str, body: bytes | str, bucket: str = BUCKET) -> str:
        self.s3.put_object(Bucket=bucket, Key=key, Body=body)
        return f"s3://{bucket}/{key}"

    def add(self, document: Any = None, *, body: str | None = None, uri: str | None = None,
            bucket: str = BUCKET) -> VersionRef:
        """A new version; its report holds `document` (as JSON) or `body`, or it points at `uri`;
        with none of them it has no ModelMetrics at all."""
        self.count += 1
        n = self.count
        if uri is None and (document is not None or body is not None):
            uri = self.put(f"{self.group}/{n}/evaluation.json", body if body is not None else json.dumps(document),
                           bucket)
        arn = self.add_version(self.group, n, **(metrics_field(uri) if uri else {}))
        details = describe_version(self.session, arn)
        return VersionRef(arn=arn, version=details.version, created=details.created, status=details.status)


def deny_bucket(s3: Any, bucket: str = DENIED_BUCKET) -> None:
    """The bucket answers GetObject as AWS does when its policy refuses this account (moto checks none)."""
    from botocore.awsrequest import AWSResponse

    def answer(model: Any, params: dict[str, Any], **_: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        url = params.get("url", "")
        if model.name != "GetObject" or (f"/{bucket}/" not in url and f"//{bucket}." not in url):
            return None
        return AWSResponse("https://s3.amazonaws.com", 403, {}, None), {
            "Error": {"Code": "AccessDenied", "Message": "Access Denied"}, "ResponseMetadata": {"HTTPStatusCode": 403}}

    s3.meta.events.register("before-call.s3", answer)  # after the tests' call counters: they see it


class Reports:
    """What `fetch_metric_history` reported, batch by batch (from its worker thread)."""

    def __init__(self) -> None:
        self.batches: list[list[MetricReading]] = []
        self._lock = threading.Lock()

    def __call__(self, batch: list[MetricReading]) -> None:
        with self._lock:
            self.batches.append(list(batch))

    @property
    def readings(self) -> dict[str, MetricReading]:
        with self._lock:
            found = [r for batch in self.batches for r in batch]
        by_arn = {r.ref.arn: r for r in found}
        assert len(by_arn) == len(found), "a version was reported twice"
        return by_arn


class InFlight:
    """The most requests of one client under way at once (botocore's before-call / after-call)."""

    def __init__(self, client: Any, operation: str) -> None:
        self.now = self.most = 0
        self._lock = threading.Lock()
        client.meta.events.register(f"before-call.s3.{operation}", self._begin)
        client.meta.events.register(f"after-call.s3.{operation}", self._end)
        client.meta.events.register(f"after-call-error.s3.{operation}", self._end)

    def _begin(self, **_: Any) -> None:
        with self._lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def _end(self, **_: Any) -> None:
        with self._lock:
            self.now -= 1
