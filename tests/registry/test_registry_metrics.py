"""Metrics files: read from S3, flattened into table rows, clear refusals."""

from __future__ import annotations

import json

import pytest

from app.registry.errors import RegistryError
from app.registry.versions.metrics import MetricRow, flatten_metrics, read_metrics, split_s3_uri

MODEL_QUALITY = {
    "version": 0.0,
    "binary_classification_metrics": {
        "confusion_matrix": {"0": {"0": 50, "1": 3}, "1": {"0": 4, "1": 43}},
        "recall": {"value": 0.915, "standard_deviation": 0.004},
        "auc": {"value": 0.93, "standard_deviation": 0.01},
        "receiver_operating_characteristic_curve": {
            "false_positive_rates": [0.0, 0.1, 1.0],
            "true_positive_rates": [0.0, 0.8, 1.0],
        },
    },
}


@pytest.fixture
def bucket(session):
    s3 = session.client("s3")
    s3.create_bucket(Bucket="metrics")

    def put(key: str, body: bytes | str) -> str:
        s3.put_object(Bucket="metrics", Key=key, Body=body)
        return f"s3://metrics/{key}"

    return put


def test_model_quality_report_becomes_rows(session, bucket):
    uri = bucket("churn/3/evaluation.json", json.dumps(MODEL_QUALITY))

    rows = read_metrics(session, uri)

    assert rows == [  # the report's format "version" is not a metric
        MetricRow("binary_classification_metrics / confusion_matrix / 0 / 0", 50.0, None),
        MetricRow("binary_classification_metrics / confusion_matrix / 0 / 1", 3.0, None),
        MetricRow("binary_classification_metrics / confusion_matrix / 1 / 0", 4.0, None),
        MetricRow("binary_classification_metrics / confusion_matrix / 1 / 1", 43.0, None),
        MetricRow("binary_classification_metrics / recall", 0.915, 0.004),
        MetricRow("binary_classification_metrics / auc", 0.93, 0.01),
    ]


def test_plain_documents():
    rows = flatten_metrics({"accuracy": 0.91, "model": "xgboost", "calibrated": True, "n": 3})
    assert rows == [
        MetricRow("accuracy", 0.91, None),
        MetricRow("model", "xgboost", None),
        MetricRow("calibrated", "true", None),
        MetricRow("n", 3.0, None),
    ]
    assert flatten_metrics({"mse": {"value": 1.5}}) == [MetricRow("mse", 1.5, None)]
    # In a flat document, "version" may well be what the user recorded: it stays.
    flat = flatten_metrics({"version": 2, "rmse": 0.4})
    assert flat == [MetricRow("version", 2.0, None), MetricRow("rmse", 0.4, None)]


def test_a_file_that_is_not_json_is_refused_clearly(session, bucket):
    uri = bucket("report.html", "<html>metrics</html>")
    with pytest.raises(RegistryError) as caught:
        read_metrics(session, uri)
    assert caught.value.kind == "invalid"
    assert str(caught.value).startswith(
        f"The metrics file {uri} is not JSON, so it cannot be shown as a table"
    )


def test_a_json_list_is_refused(session, bucket):
    uri = bucket("list.json", "[1, 2]")
    with pytest.raises(RegistryError) as caught:
        read_metrics(session, uri)
    assert "holds a JSON list" in str(caught.value)


def test_a_missing_file_is_not_found(session, bucket):
    bucket("other.json", "{}")
    with pytest.raises(RegistryError) as caught:
        read_metrics(session, "s3://metrics/missing.json")
    assert caught.value.kind == "not_found"
    assert "s3://metrics/missing.json" in str(caught.value)
    assert caught.value.action == "s3:GetObject"


def test_a_location_that_is_not_s3_is_refused_before_any_call(session, calls):
    with pytest.raises(RegistryError) as caught:
        read_metrics(session, "https://example.com/metrics.json")
    assert "expected s3://bucket/key" in str(caught.value)
    assert calls.count("GetObject") == 0


def test_split_s3_uri():
    assert split_s3_uri("s3://b/a/b c%20d?.json") == ("b", "a/b c%20d?.json")
    assert split_s3_uri("s3://b/") is None
    assert split_s3_uri("file:///tmp/x") is None
