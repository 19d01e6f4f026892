"""What is compared of a version, read from the registry: its describe and its model-quality values."""

from __future__ import annotations

import json

import pytest

from app.registry.errors import RegistryError
from app.registry.versions.compare import Change, Direction, Section, compare_versions, read_snapshot

from .conftest import container

REPORT = {
    "version": 0.0,
    "binary_classification_metrics": {
        "auc": {"value": 0.93, "standard_deviation": 0.01},
        "recall": {"value": 0.81},
        "threshold_note": "chosen on validation",
    },
}


@pytest.fixture
def put_report(session):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="metrics")

    def put(key: str, body: str) -> dict:
        s3.put_object(Bucket="metrics", Key=key, Body=body.encode())
        return {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://metrics/{key}"}}}

    return put


def test_a_snapshot_holds_the_report_values(session, add_group, add_version, put_report):
    add_group("churn")
    arn = add_version("churn", 1, ModelMetrics=put_report("churn/1.json", json.dumps(REPORT)))

    found = read_snapshot(session, arn)

    assert found.details.arn == arn
    assert dict(found.metrics) == {
        "binary_classification_metrics / auc": 0.93,
        "binary_classification_metrics / recall": 0.81,
        "binary_classification_metrics / threshold_note": "chosen on validation",
    }
    assert found.metrics_problem == ""


def test_a_version_without_a_report_has_no_metrics_and_no_problem(session, add_group):
    arn = add_group("churn", versions=1)[0]
    found = read_snapshot(session, arn)
    assert (dict(found.metrics), found.metrics_problem) == ({}, "")


def test_a_report_that_cannot_be_read_is_a_problem_not_values(session, add_group, add_version, put_report):
    add_group("churn")
    broken = add_version("churn", 1, ModelMetrics=put_report("churn/1.json", "<html>not a report</html>"))
    missing = add_version("churn", 2, ModelMetrics={
        "ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": "s3://metrics/churn/gone.json"}}})

    for arn in (broken, missing):
        found = read_snapshot(session, arn)
        assert dict(found.metrics) == {}
        assert "s3://metrics/churn/" in found.metrics_problem


def test_a_missing_version_is_an_error(session, add_group):
    add_group("churn")
    with pytest.raises(RegistryError):
        read_snapshot(session, "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/9")


def test_two_registered_pipelines_compared(session, add_group, add_version, put_report):
    add_group("churn")

    def pipeline(n: int, *hosts: str) -> list[dict]:
        return [{**container(n), "ContainerHostname": host, "Environment": {"STEP": host}} for host in hosts]

    spec = {"SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}
    old = add_version("churn", 1, ModelMetrics=put_report("1.json", json.dumps(REPORT)),
                      InferenceSpecification={**spec, "Containers": pipeline(1, "preprocess", "scoring")})
    better = {"binary_classification_metrics": {"auc": {"value": 0.95}, "recall": {"value": 0.78}}}
    new = add_version("churn", 2, ModelMetrics=put_report("2.json", json.dumps(better)),
                      CustomerMetadataProperties={"ticket": "ML-7"},
                      InferenceSpecification={**spec, "Containers": pipeline(1, "preprocess", "features", "scoring")})

    comparison = compare_versions(read_snapshot(session, old), read_snapshot(session, new))

    found = {(line.section, line.label[0] if line.section is Section.CONTAINERS else line.label, line.change,
              line.direction) for line in comparison.differences()}
    assert found == {
        (Section.CONTAINERS, "features", Change.ADDED, None),
        (Section.METADATA, ("ticket",), Change.ADDED, None),
        (Section.METRICS, ("binary_classification_metrics / auc",), Change.CHANGED, Direction.BETTER),
        (Section.METRICS, ("binary_classification_metrics / recall",), Change.CHANGED, Direction.WORSE),
        (Section.METRICS, ("binary_classification_metrics / threshold_note",), Change.REMOVED, Direction.NEUTRAL),
        (Section.SOURCE, ("ModelPackageDescription",), Change.CHANGED, None),
        (Section.SOURCE, ("ModelMetrics", "Model quality / Statistics"), Change.CHANGED, None),
    }


def test_card_lifecycle_and_lineage_as_the_registry_returns_them(session, add_group, add_version):
    add_group("churn")

    def card(description: str, status: str = "Draft") -> dict:
        content = {"model_overview": {"model_description": description, "model_creator": "ana"},
                   "intended_uses": {"risk_rating": "Low"}}
        return {"ModelCardStatus": status, "ModelCardContent": json.dumps(content)}

    old = add_version("churn", 1, ModelCard=card("Churn, weekly"), SourceUri="s3://source/1.tar.gz",
                      ModelLifeCycle={"Stage": "Staging", "StageStatus": "InProgress"},
                      MetadataProperties={"CommitId": "a1b2", "Repository": "git@example:churn"})
    new = add_version("churn", 2, ModelCard=card("Churn, daily", "PendingReview"), SourceUri="s3://source/1.tar.gz",
                      ModelLifeCycle={"Stage": "Production", "StageStatus": "InProgress"},
                      MetadataProperties={"CommitId": "c3d4", "Repository": "git@example:churn"})

    comparison = compare_versions(read_snapshot(session, old), read_snapshot(session, new))

    assert {(line.section, line.label, line.left, line.right) for line in comparison.differences()} == {
        (Section.CONTAINERS, ("#1", "Image", "Tag"), "1", "2"),
        (Section.CONTAINERS, ("#1", "ModelData", "S3Uri"), "s3://models/churn/1/model.tar.gz",
         "s3://models/churn/2/model.tar.gz"),
        (Section.APPROVAL, ("ModelLifeCycle", "Stage"), "Staging", "Production"),
        (Section.CARD, ("ModelCardStatus",), "Draft", "PendingReview"),
        (Section.CARD, ("model_overview", "model_description"), "Churn, weekly", "Churn, daily"),
        (Section.SOURCE, ("ModelPackageDescription",), "version 1", "version 2"),
        (Section.SOURCE, ("MetadataProperties", "CommitId"), "a1b2", "c3d4"),
    }
    same = {line.label for line in comparison.lines if not line.differs}
    assert {("SourceUri",), ("MetadataProperties", "Repository"), ("intended_uses", "risk_rating")} <= same
