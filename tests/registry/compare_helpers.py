"""Describe responses for comparison tests: built by hand or drawn at random, then parsed by the
real describe parser with botocore's SageMaker model, as the window receives them."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from app.registry.aws import service_model
from app.registry.versions.compare import VersionSnapshot
from app.registry.versions.describe import _details

GROUP_ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn"
REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com"


def snapshot(response: dict[str, Any], metrics: dict[str, float | str] | None = None,
             problem: str = "") -> VersionSnapshot:
    return VersionSnapshot(_details(copy.deepcopy(response), service_model()), metrics or {}, problem)


def image_container(name: str, tag: str = "1", hostname: str = "", **extra: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"Image": f"{REGISTRY}/{name}:{tag}", "ModelDataUrl": f"s3://models/{name}/model.tar.gz"}
    if hostname:
        found["ContainerHostname"] = hostname
    found.update(extra)
    return found


def response(version: int = 1, containers: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    """A describe_model_package response, as botocore returns it."""
    created = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(days=version)
    found: dict[str, Any] = {
        "ModelPackageGroupName": "churn",
        "ModelPackageVersion": version,
        "ModelPackageArn": f"{GROUP_ARN}/{version}",
        "ModelPackageDescription": "churn model",
        "CreationTime": created,
        "LastModifiedTime": created + timedelta(hours=1),
        "ModelPackageStatus": "Completed",
        "ModelApprovalStatus": "PendingManualApproval",
        "InferenceSpecification": {
            "Containers": containers if containers is not None else [image_container("churn")],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["text/csv"],
        },
        "ResponseMetadata": {"RequestId": f"request-{version}", "HTTPStatusCode": 200},
    }
    found.update(extra)
    return found


WORDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
KEYS = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ_", min_size=1, max_size=6)


@st.composite
def containers(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 4))
    hostnames = draw(st.booleans())
    names = draw(st.lists(WORDS, min_size=count, max_size=count, unique=True))
    found = []
    for name in names:
        c: dict[str, Any] = {"Image": f"{REGISTRY}/{name}"}
        if draw(st.booleans()):
            c["Image"] += ":" + draw(WORDS)
        if draw(st.booleans()):
            c["Image"] += "@sha256:" + draw(st.text("0123456789abcdef", min_size=8, max_size=8))
        if draw(st.booleans()):
            c["ModelDataUrl"] = f"s3://models/{draw(WORDS)}/model.tar.gz"
        else:
            c["ModelDataSource"] = {"S3DataSource": {"S3Uri": f"s3://models/{draw(WORDS)}/",
                                                     "S3DataType": "S3Prefix", "CompressionType": "None"}}
        environment = draw(st.dictionaries(KEYS, VALUES, max_size=4))
        if environment:
            c["Environment"] = environment
        if hostnames:
            c["ContainerHostname"] = name
        if draw(st.booleans()):
            c["Framework"] = draw(st.sampled_from(["XGBOOST", "PYTORCH", "SKLEARN"]))
            c["FrameworkVersion"] = draw(st.sampled_from(["1.7", "2.1", "1.2.2"]))
        found.append(c)
    return found


CARD_VALUES = st.recursive(
    st.booleans() | st.integers(-5, 5) | VALUES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(WORDS, inner, min_size=1, max_size=3),
    max_leaves=8,
)


@st.composite
def responses(draw: st.DrawFn) -> dict[str, Any]:
    """A random describe with every kind of field the comparison reads."""
    found = response(draw(st.integers(1, 50)), draw(containers()))
    spec = found["InferenceSpecification"]
    types = st.lists(st.sampled_from(["text/csv", "application/json", "application/x-npy", "text/plain"]),
                     min_size=1, max_size=3, unique=True)
    spec["SupportedContentTypes"] = draw(types)
    spec["SupportedResponseMIMETypes"] = draw(types)
    instances = st.lists(st.sampled_from(["ml.m5.large", "ml.c5.xlarge", "ml.g5.2xlarge"]), max_size=3, unique=True)
    if draw(st.booleans()):
        spec["SupportedRealtimeInferenceInstanceTypes"] = draw(instances)
        spec["SupportedTransformInstanceTypes"] = draw(instances)
    found["ModelApprovalStatus"] = draw(st.sampled_from(["Approved", "Rejected", "PendingManualApproval"]))
    if draw(st.booleans()):
        found["ApprovalDescription"] = draw(VALUES)
    if draw(st.booleans()):
        found["ModelLifeCycle"] = {"Stage": draw(WORDS), "StageStatus": draw(WORDS), "StageDescription": draw(VALUES)}
    found["CustomerMetadataProperties"] = draw(st.dictionaries(KEYS, VALUES, max_size=4))
    if draw(st.booleans()):
        content = draw(st.dictionaries(WORDS, CARD_VALUES, max_size=4))
        found["ModelCard"] = {"ModelCardStatus": draw(st.sampled_from(["Draft", "Approved"])),
                              "ModelCardContent": json.dumps(content)}
    if draw(st.booleans()):
        found["ModelMetrics"] = {"ModelQuality": {"Statistics": {"ContentType": "application/json",
                                                                 "S3Uri": f"s3://metrics/{draw(WORDS)}.json"}}}
    if draw(st.booleans()):
        found["DriftCheckBaselines"] = {"ModelQuality": {"Constraints": {"ContentType": "application/json",
                                                                         "S3Uri": f"s3://drift/{draw(WORDS)}.json"}}}
    if draw(st.booleans()):
        found["MetadataProperties"] = {"CommitId": draw(WORDS), "Repository": draw(WORDS), "GeneratedBy": draw(WORDS)}
    for key in ("SourceUri", "Domain", "Task", "SamplePayloadUrl"):
        if draw(st.booleans()):
            found[key] = draw(WORDS)
    if draw(st.booleans()):
        found["SkipModelValidation"] = draw(st.sampled_from(["All", "None"]))
    return found


METRICS = st.dictionaries(
    st.sampled_from(["binary_classification_metrics / auc", "binary_classification_metrics / recall",
                     "regression_metrics / rmse", "p50_latency", "notes", "rows"]),
    st.floats(-1e6, 1e6, allow_nan=False) | WORDS, max_size=5)
