"""The sandbox's material for comparing versions and following their metrics: lead-scoring's
eighteen weekly versions with a metrics report each (two gaps, two regressions), and
fraud-detection's two inference pipelines, read back through boto3 as a user's script would."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from app.registry.versions.metrics import flatten_metrics
from app.sandbox.seed import SeedSummary, main_client, seed

from .sandbox_helpers import MAIN, package_arn

GROUP = "lead-scoring"
APPROVED, REJECTED, PENDING = "Approved", "Rejected", "PendingManualApproval"
NAMES = {f"binary_classification_metrics / {m}" for m in ("auc", "recall", "precision", "f1", "accuracy")}


@pytest.fixture
def seeded(endpoint: str) -> SeedSummary:
    return seed(endpoint)


def _history(endpoint: str) -> list[dict[str, Any]]:
    """Each version of the group, oldest first, described, with its report: parsed, or the text."""
    sm, s3 = main_client(endpoint, "sagemaker"), main_client(endpoint, "s3")
    pages = sm.get_paginator("list_model_packages").paginate(ModelPackageGroupName=GROUP)
    summaries = sorted((v for p in pages for v in p["ModelPackageSummaryList"]),
                       key=lambda v: v["ModelPackageVersion"])
    history = []
    for summary in summaries:
        described = sm.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
        statistics = described.get("ModelMetrics", {}).get("ModelQuality", {}).get("Statistics")
        if statistics is not None:
            bucket, key = statistics["S3Uri"].removeprefix("s3://").split("/", 1)
            text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
            try:
                described["report"] = json.loads(text)
            except ValueError:
                described["report"] = text
        history.append(described)
    return history


def _value(version: dict[str, Any], metric: str) -> float:
    return float(version["report"]["binary_classification_metrics"][metric]["value"])


def test_the_metric_history_reads_back_as_written_week_by_week(endpoint: str, seeded: SeedSummary) -> None:
    history = _history(endpoint)

    assert seeded.trend_group == GROUP
    assert [v["ModelPackageVersion"] for v in history] == list(range(1, 19))
    created = [v["CreationTime"] for v in history]
    assert all(later - earlier >= timedelta(days=6) for earlier, later in zip(created, created[1:], strict=False))
    assert created[-1] - created[0] >= timedelta(weeks=16)
    readable = {v["ModelPackageVersion"]: v["report"] for v in history if isinstance(v.get("report"), dict)}
    assert sorted(readable) == [n for n in range(1, 19) if n not in (11, 13)]
    for report in readable.values():  # SageMaker's model-quality shape, as the app flattens it
        assert {row.name for row in flatten_metrics(report)} == NAMES
        assert all(0 < row.std_dev < 0.01 for row in flatten_metrics(report) if row.std_dev is not None)
    by_number = {v["ModelPackageVersion"]: v for v in history}
    assert (_value(by_number[1], "auc"), _value(by_number[1], "recall")) == (0.801, 0.702)
    assert (_value(by_number[18], "auc"), _value(by_number[18], "recall")) == (0.886, 0.846)
    assert _value(by_number[9], "precision") == 0.804
    f1 = _value(by_number[9], "f1")
    assert f1 == pytest.approx(2 * 0.804 * 0.621 / (0.804 + 0.621), abs=1e-4)
    approved_auc = [_value(v, "auc") for v in history if v["ModelApprovalStatus"] == APPROVED]
    assert len(approved_auc) >= 8 and approved_auc == sorted(approved_auc)  # each shipped one was better
    assert {v["ModelApprovalStatus"] for v in history} == {APPROVED, REJECTED, PENDING}


def test_recall_drops_at_version_9_and_auc_slips_at_version_6(endpoint: str, seeded: SeedSummary) -> None:
    by_number = {v["ModelPackageVersion"]: v for v in _history(endpoint)}
    recall = {n: _value(v, "recall") for n, v in by_number.items() if isinstance(v.get("report"), dict)}
    auc = {n: _value(v, "auc") for n, v in by_number.items() if isinstance(v.get("report"), dict)}

    assert (recall[8], recall[9], recall[10]) == (0.812, 0.621, 0.815)
    assert abs(auc[9] - auc[8]) < 0.01  # AUC barely moves: only a plot of recall shows it
    drops = [n for n in sorted(recall)[1:] if recall[n] < max(r for m, r in recall.items() if m < n) - 0.05]
    assert drops == [9]
    nine = by_number[9]
    assert nine["ModelApprovalStatus"] == REJECTED and "Recall fell to 0.62" in nine["ApprovalDescription"]
    assert seeded.recall_drop_version_arn == nine["ModelPackageArn"] == package_arn(MAIN, GROUP, 9)

    assert 0 < auc[5] - auc[6] < 0.01  # a small AUC regression, turned down
    slips = [n for n in sorted(auc)[1:] if auc[n] < auc[max(m for m in auc if m < n)]]
    assert slips == [6]
    assert by_number[6]["ModelApprovalStatus"] == REJECTED


def test_two_versions_are_gaps_one_without_a_report_one_whose_report_is_not_json(endpoint: str,
                                                                                 seeded: SeedSummary) -> None:
    by_number = {v["ModelPackageVersion"]: v for v in _history(endpoint)}

    assert "ModelMetrics" not in by_number[11]
    broken = by_number[13]
    assert broken["ModelMetrics"]["ModelQuality"]["Statistics"]["ContentType"] == "application/json"
    assert isinstance(broken["report"], str) and broken["report"].startswith("{")  # cut off mid-upload
    with pytest.raises(ValueError):
        json.loads(broken["report"])
    assert "unreadable" in broken["ApprovalDescription"]
    assert by_number[11]["ModelApprovalStatus"] == PENDING


def _container_by_host(version: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["ContainerHostname"]: c for c in version["InferenceSpecification"]["Containers"]}


def test_the_two_fraud_pipelines_differ_in_every_section(endpoint: str, seeded: SeedSummary) -> None:
    sm, s3, ecr = (main_client(endpoint, s) for s in ("sagemaker", "s3", "ecr"))
    older, newer = (sm.describe_model_package(ModelPackageName=arn) for arn in seeded.pipeline_pair_arns)
    assert (older["ModelPackageVersion"], newer["ModelPackageVersion"]) == (5, 6)

    # Containers: xgboost inserted between the two the older had; aligned by hostname.
    assert [c["ContainerHostname"] for c in older["InferenceSpecification"]["Containers"]] == [
        "preprocess", "postprocess"]
    assert [c["ContainerHostname"] for c in newer["InferenceSpecification"]["Containers"]] == [
        "preprocess", "xgboost", "postprocess"]
    before, after = _container_by_host(older), _container_by_host(newer)
    assert before["preprocess"]["Image"].endswith("fraud-inference:sklearn-preprocess-1.0-1")
    assert after["preprocess"]["Image"].endswith("fraud-inference:sklearn-preprocess-1.2-1")
    images = ecr.describe_images(repositoryName="fraud-inference")["imageDetails"]
    digests = {tag: image["imageDigest"] for image in images for tag in image.get("imageTags", [])}
    assert digests["sklearn-preprocess-1.0-1"] != digests["sklearn-preprocess-1.2-1"]
    for host, container in [*before.items(), *after.items()]:  # recorded as the registry has them
        assert container["ImageDigest"] == digests[container["Image"].rsplit(":", 1)[1]], host
    assert before["postprocess"]["Image"] == after["postprocess"]["Image"]
    assert (before["preprocess"]["FrameworkVersion"], after["preprocess"]["FrameworkVersion"]) == ("1.0-1", "1.2-1")
    old_env, new_env = before["preprocess"]["Environment"], after["preprocess"]["Environment"]
    assert set(old_env) - set(new_env) == {"SKLEARN_ESTIMATOR"}
    assert set(new_env) - set(old_env) == {"FEATURE_SET"}
    assert (before["postprocess"]["Environment"]["FRAUD_SCORE_THRESHOLD"],
            after["postprocess"]["Environment"]["FRAUD_SCORE_THRESHOLD"]) == ("0.78", "0.82")
    for host in ("preprocess", "postprocess"):
        assert before[host]["ModelDataUrl"] != after[host]["ModelDataUrl"]
        bucket, key = before[host]["ModelDataUrl"].removeprefix("s3://").split("/", 1)
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] > 0

    # Inference specification, approval and lifecycle, metadata, card, source.
    assert older["InferenceSpecification"]["SupportedRealtimeInferenceInstanceTypes"] == ["ml.m5.large"]
    assert newer["InferenceSpecification"]["SupportedRealtimeInferenceInstanceTypes"] == [
        "ml.m5.large", "ml.m5.xlarge"]
    assert (older["ModelApprovalStatus"], newer["ModelApprovalStatus"]) == (REJECTED, APPROVED)
    assert (older["ModelLifeCycle"]["Stage"], newer["ModelLifeCycle"]["Stage"]) == ("Development", "Staging")
    old_meta, new_meta = older["CustomerMetadataProperties"], newer["CustomerMetadataProperties"]
    assert (old_meta["ticket"], new_meta["ticket"]) == ("RISK-315", "RISK-316")
    assert (old_meta["pipeline_stages"], new_meta["pipeline_stages"]) == ("2", "3")
    assert old_meta["owner"] == new_meta["owner"]
    old_card, new_card = (json.loads(v["ModelCard"]["ModelCardContent"]) for v in (older, newer))
    assert (old_card["model_overview"]["algorithm_type"], new_card["model_overview"]["algorithm_type"]) == (
        "Logistic regression", "XGBoost")
    assert old_card["model_overview"]["model_owner"] == new_card["model_overview"]["model_owner"]
    assert (older["ModelCard"]["ModelCardStatus"], newer["ModelCard"]["ModelCardStatus"]) == (
        "Archived", "PendingReview")
    assert older["SourceUri"] != newer["SourceUri"]

    # Metrics: recall and AUC went up, precision came down a little.
    reports = []
    for version in (older, newer):
        uri = version["ModelMetrics"]["ModelQuality"]["Statistics"]["S3Uri"]
        bucket, key = uri.removeprefix("s3://").split("/", 1)
        document = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        reports.append({row.name.rsplit(" / ", 1)[-1]: row.value for row in flatten_metrics(document)})
    assert reports[1]["recall"] > reports[0]["recall"] and reports[1]["auc"] > reports[0]["auc"]
    assert reports[1]["precision"] < reports[0]["precision"]
