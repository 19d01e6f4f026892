"""Metric history from the local index: readings kept come first and without a call to AWS; what may
pass (a denied bucket) is read again; a refresh reads the reports again; the readings leave with
their versions; a file of schema 2 is upgraded with its rows kept."""

from __future__ import annotations

import sqlite3

import pytest

from app.registry.index import schema
from app.registry.index.local import LocalIndex
from app.registry.index.readings import StoredReading, statistics_uri
from app.registry.trends.history import fetch_metric_history, version_metric_values
from app.registry.versions.describe import describe_version, list_page

from .trends_helpers import DENIED_BUCKET, Registry, Reports, deny_bucket, report

AUC = "binary_classification_metrics / auc"


@pytest.fixture
def registry(session, sagemaker, add_version) -> Registry:
    return Registry(session, sagemaker, add_version)


def test_cached_readings_come_first_at_once_and_without_any_call(session, registry, index, calls):
    read = [registry.add(report(0.8 + n / 100, 0.9)) for n in range(5)]
    gaps = [registry.add(), registry.add(body="not json")]
    denied = registry.add(report(0.9, 0.9), bucket=DENIED_BUCKET)
    deny_bucket(registry.s3)
    refs = [*read, *gaps, denied]
    first = Reports()
    fetch_metric_history(session, refs, index=index, report=first)
    for key in [f"churn/{ref.version}/evaluation.json" for ref in read + gaps]:
        registry.s3.delete_object(Bucket="registry-desk-metrics", Key=key)  # only the index can answer now
    describes, gets = calls.count("DescribeModelPackage"), calls.count("GetObject")
    again = Reports()

    fetch_metric_history(session, refs, index=index, report=again)

    cached = again.batches[0]
    assert {r.ref.arn for r in cached} == {ref.arn for ref in read + gaps}  # in one batch, before any other
    assert all(r.cached for r in cached)
    assert [dict(r.values) for r in cached[:5]] == [dict(first.readings[ref.arn].values) for ref in read]
    assert [r.problem for r in cached[5:]] == [first.readings[ref.arn].problem for ref in gaps]
    assert calls.count("DescribeModelPackage") == describes  # the denied version's URI was kept too
    assert calls.count("GetObject") == gets + 1  # only the denied one, which may have been allowed since
    assert again.readings[denied.arn].problem.startswith("Access denied")
    assert not again.readings[denied.arn].cached


def test_a_refresh_reads_every_report_again_but_no_describe(session, registry, index, calls):
    refs = [registry.add(report(0.8, 0.9)) for _ in range(3)]
    fetch_metric_history(session, refs, index=index, report=Reports())
    registry.put(f"churn/{refs[0].version}/evaluation.json", '{"auc": 0.97}')  # the file rewritten in place
    describes, gets = calls.count("DescribeModelPackage"), calls.count("GetObject")
    reports = Reports()

    fetch_metric_history(session, refs, index=index, report=reports, refresh=True)

    assert dict(reports.readings[refs[0].arn].values) == {"auc": 0.97}
    assert not any(r.cached for r in reports.readings.values())
    assert calls.count("GetObject") == gets + 3 and calls.count("DescribeModelPackage") == describes
    later = Reports()
    fetch_metric_history(session, refs, index=index, report=later)
    assert dict(later.readings[refs[0].arn].values) == {"auc": 0.97}  # the refreshed values are kept


def test_the_uri_told_by_the_windows_own_describes_saves_the_describe(session, registry, index, calls):
    refs = [registry.add(report(0.8, 0.9)), registry.add()]
    index.record_details([describe_version(session, ref.arn) for ref in refs])  # the details pane did this
    describes = calls.count("DescribeModelPackage")
    reports = Reports()

    fetch_metric_history(session, refs, index=index, report=reports)

    assert calls.count("DescribeModelPackage") == describes
    assert reports.readings[refs[0].arn].values[AUC] == 0.8
    assert reports.readings[refs[1].arn].problem == f"Version {refs[1].version} has no model-quality statistics report."


def test_a_version_made_anew_under_the_same_arn_is_read_anew(session, registry, index):
    ref = registry.add(report(0.8, 0.9))
    index.record_metric_readings([StoredReading(ref.arn, "g", 12345, "s3://old/report.json", {"auc": 0.1})])
    reports = Reports()

    fetch_metric_history(session, [ref], index=index, report=reports)

    assert reports.readings[ref.arn].values[AUC] == 0.8


def test_readings_leave_the_index_with_their_versions(session, sagemaker, registry, index):
    refs = [registry.add(report(0.8, 0.9)) for _ in range(4)]
    page, _token = list_page(session, "churn")
    index.record_versions(page)
    fetch_metric_history(session, refs, index=index, report=Reports())
    assert set(index.metric_readings(r.arn for r in refs)) == {r.arn for r in refs}

    index.forget_versions([refs[0].arn])  # deleted from the window
    sagemaker.delete_model_package(ModelPackageName=refs[1].arn)  # deleted elsewhere: the next listing tells
    group_arn = refs[0].arn.replace(":model-package/", ":model-package-group/").rsplit("/", 1)[0]
    index.finish_version_listing(group_arn, [v.arn for v in list_page(session, "churn")[0]])

    assert set(index.metric_readings(r.arn for r in refs)) == {refs[2].arn, refs[3].arn}
    index.forget_group(group_arn)
    assert index.metric_readings(r.arn for r in refs) == {}
    fetch_metric_history(session, refs[2:], index=index, report=Reports())
    index.clear()
    assert index.metric_readings(r.arn for r in refs) == {}


def test_a_file_of_schema_2_is_upgraded_with_its_rows_kept_and_keeps_readings(session, registry, tmp_path):
    path = tmp_path / "index.sqlite"
    ref = registry.add(report(0.8, 0.9))
    index = LocalIndex.open(path)
    index.record_versions(list_page(session, "churn")[0])
    index.close()
    old = sqlite3.connect(path)  # as schema 2 left it: no table of readings
    old.execute("DROP TABLE metric_readings")
    old.execute("PRAGMA user_version=2")
    old.close()

    index = LocalIndex.open(path)
    try:
        assert index.note == "" and not list(path.parent.glob("index.sqlite.*-*"))  # nothing moved aside
        assert [v.summary.arn for v in index.versions_of(index.version(ref.arn).group_arn)] == [ref.arn]
        fetch_metric_history(session, [ref], index=index, report=Reports())
        assert index.metric_readings([ref.arn])[ref.arn].values == version_metric_values(session, ref).values
        check = sqlite3.connect(path)
        assert check.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 3
        check.close()
    finally:
        index.close()



def test_uris_the_caller_was_told_need_no_describe_nor_search_even_with_an_empty_index(
        session, registry, index, calls):
    refs = [registry.add(report(0.8 + n / 100, 0.9)) for n in range(12)]
    told = {ref.arn: describe_version(session, ref.arn).raw for ref in refs[-3:]}  # the rows on screen
    gapless = registry.add()
    told[gapless.arn] = describe_version(session, gapless.arn).raw
    describes, searches = calls.count("DescribeModelPackage"), calls.count("Search")
    reports = Reports()

    fetch_metric_history(session, [*refs, gapless], index=index, report=reports, max_workers=4,
                         known={arn: statistics_uri(raw) for arn, raw in told.items()})

    assert all(reports.readings[ref.arn].values[AUC] == 0.8 + n / 100 for n, ref in enumerate(refs))
    assert reports.readings[gapless.arn].problem == f"Version {gapless.version} has no model-quality statistics report."
    # The nine others come from Search pages; no describe is made for the first points, which
    # come from the URIs told.
    assert calls.count("DescribeModelPackage") == describes
    assert calls.count("Search") - searches >= 1
