"""Metric history: every version's reading equals the report written to S3 for it; a version
without usable metrics is a gap with its reason, never a zero; reading stops when asked."""

from __future__ import annotations

import pytest

from app.registry.trends.history import fetch_metric_history, version_metric_values

from .test_error_sentences import answer
from .trends_helpers import DENIED_BUCKET, InFlight, Registry, Reports, deny_bucket, report

AUC = "binary_classification_metrics / auc"
RECALL = "binary_classification_metrics / recall"


@pytest.fixture
def registry(session, sagemaker, add_version) -> Registry:
    return Registry(session, sagemaker, add_version)


def expected_values(auc: float, recall: float) -> dict[str, float]:
    return {AUC: auc, RECALL: recall, **{f"binary_classification_metrics / confusion_matrix / {a} / {b}": float(v)
                                         for a, b, v in (("0", "0", 50), ("0", "1", 3), ("1", "0", 4), ("1", "1", 43))}}


def test_the_readings_equal_the_metrics_written_to_s3_version_by_version(session, registry):
    written = {}
    for n in range(12):
        auc, recall = round(0.80 + n * 0.01, 3), round(0.90 - (n % 4) * 0.05, 3)  # recall drops and recovers
        written[registry.add(report(auc, recall))] = expected_values(auc, recall)
    plain = registry.add({"accuracy": 0.91, "rmse": 0.4, "model": "xgboost"})  # a plain document
    written[plain] = {"accuracy": 0.91, "rmse": 0.4}  # the text is no metric to plot
    most = InFlight(session.client("s3"), "GetObject")
    reports = Reports()

    fetch_metric_history(session, list(written), report=reports, max_workers=3)

    readings = reports.readings
    assert set(readings) == {ref.arn for ref in written}
    for ref, values in written.items():
        reading = readings[ref.arn]
        assert (reading.ref, dict(reading.values), reading.problem) == (ref, values, "")
        assert reading.source.endswith(f"/{ref.version}/evaluation.json")
        assert version_metric_values(session, ref) == reading  # one version alone reads the same
    assert most.most <= 3  # bounded: never more GETs at once than asked


def test_versions_without_usable_metrics_are_gaps_with_their_reasons_never_zeros(session, registry):
    registry.s3.create_bucket(Bucket="empty")
    good = registry.add(report(0.91, 0.88))
    none = registry.add()  # registered without ModelMetrics
    html = registry.add(body="<html><body>AUC 0.9</body></html>")
    words = registry.add({"model": "xgboost", "calibrated": True})
    listed = registry.add(body="[0.9, 0.8]")
    missing = registry.add(uri="s3://empty/churn/evaluation.json")
    denied = registry.add(report(0.93, 0.9), bucket=DENIED_BUCKET)
    deny_bucket(registry.s3)
    reports = Reports()

    fetch_metric_history(session, [good, none, html, words, listed, missing, denied], report=reports)

    readings = reports.readings
    assert dict(readings[good.arn].values) == expected_values(0.91, 0.88)
    gaps = {ref.arn: readings[ref.arn] for ref in (none, html, words, listed, missing, denied)}
    assert all(dict(r.values) == {} and r.problem for r in gaps.values())
    assert gaps[none.arn].problem == f"Version {none.version} has no model-quality statistics report."
    assert gaps[html.arn].problem.startswith(f"The metrics file {gaps[html.arn].source} is not JSON")
    assert gaps[words.arn].problem == f"The metrics file {gaps[words.arn].source} holds no numeric metric."
    assert "holds a JSON list" in gaps[listed.arn].problem
    assert "s3://empty/churn/evaluation.json" in gaps[missing.arn].problem
    assert gaps[denied.arn].problem.startswith("Access denied: the profile 'sandbox' may not call s3:GetObject")
    assert gaps[denied.arn].source == f"s3://{DENIED_BUCKET}/churn/{denied.version}/evaluation.json"
    for ref in (none, html, words, listed, missing, denied):  # one version alone tells the same
        assert version_metric_values(session, ref) == readings[ref.arn]


def test_a_version_that_cannot_be_described_is_a_gap_that_names_the_describe(session, registry):
    kept = registry.add(report(0.9, 0.8))
    gone = registry.add(report(0.8, 0.7))
    session.client("sagemaker").delete_model_package(ModelPackageName=gone.arn)
    reports = Reports()

    fetch_metric_history(session, [kept, gone], report=reports)

    reading = reports.readings[gone.arn]
    assert dict(reading.values) == {} and "sagemaker:DescribeModelPackage" in reading.problem
    assert dict(reports.readings[kept.arn].values) == expected_values(0.9, 0.8)


def test_a_stop_ends_the_reading_between_requests(session, registry, calls):
    refs = [registry.add(report(0.8, 0.7)) for _ in range(30)]
    reports = Reports()
    calls_before = calls.count("DescribeModelPackage")

    fetch_metric_history(session, refs, report=reports, should_stop=lambda: bool(reports.batches), max_workers=2)

    # What was under way when the first batch came may finish; nothing starts after it, nothing more is reported.
    assert len(reports.batches) == 1
    started = calls.count("DescribeModelPackage") - calls_before
    assert started < len(refs) and calls.count("GetObject") < len(refs)
    assert len(reports.readings) < len(refs)


def test_stopped_before_the_start_reads_nothing(session, registry, calls):
    refs = [registry.add(report(0.8, 0.7)) for _ in range(3)]
    describes = calls.count("DescribeModelPackage")
    reports = Reports()

    fetch_metric_history(session, refs, report=reports, should_stop=lambda: True)

    assert reports.batches == []
    assert calls.count("DescribeModelPackage") == describes and calls.count("GetObject") == 0


def test_many_versions_of_a_group_are_found_by_search_pages_not_a_describe_each(session, registry, calls):
    refs = [registry.add(report(0.8, 0.7)) for _ in range(12)]
    describes, searches = calls.count("DescribeModelPackage"), calls.count("Search")
    reports = Reports()

    fetch_metric_history(session, refs, report=reports, max_workers=4)

    assert all(dict(reports.readings[ref.arn].values) == expected_values(0.8, 0.7) for ref in refs)
    assert calls.count("Search") - searches == 2  # a first page of 4 (the GETs start sooner), then the rest
    assert calls.count("DescribeModelPackage") - describes == 4  # the first few, described for the first points


def test_when_search_is_denied_each_version_is_described_instead(session, registry, calls):
    refs = [registry.add(report(0.8, 0.7)) for _ in range(9)]
    answer(session.client("sagemaker"), "Search", "AccessDeniedException",
           "User: arn:aws:iam::123456789012:root is not authorized to perform: sagemaker:Search")
    describes = calls.count("DescribeModelPackage")
    reports = Reports()

    fetch_metric_history(session, refs, report=reports)

    assert all(dict(reports.readings[ref.arn].values) == expected_values(0.8, 0.7) for ref in refs)
    assert calls.count("DescribeModelPackage") - describes == len(refs)
