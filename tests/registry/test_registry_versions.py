"""Versions against the sandbox: paging, batch describe, details, approvals."""

from __future__ import annotations

import json
import threading

import pytest

from app.registry.errors import RegistryError
from app.registry.versions.approval import bulk_set_approval, set_approval
from app.registry.versions.describe import batch_describe, describe_version, iter_version_pages
from app.registry.versions.records import APPROVED, PENDING, REJECTED, version_from_arn


def test_pages_of_a_big_group_arrive_one_call_at_a_time(session, calls, add_group):
    add_group("churn", versions=257)

    pages = iter_version_pages(session, "churn")
    first = next(pages)
    # The first rows are usable after a single round trip: nothing else was requested yet.
    assert calls.count("ListModelPackages") == 1
    assert len(first) == 100
    rest = list(pages)

    assert [len(p) for p in [first, *rest]] == [100, 100, 57]
    assert calls.count("ListModelPackages") == 3
    numbers = [v.version for page in [first, *rest] for v in page]
    assert numbers == list(range(257, 0, -1))  # newest first, no gap, no duplicate
    assert len({v.arn for page in [first, *rest] for v in page}) == 257


def test_stopping_between_pages_requests_nothing_more(session, calls, add_group):
    add_group("churn", versions=120)
    pages = iter_version_pages(session, "churn", page_size=50)
    next(pages)
    pages.close()
    assert calls.count("ListModelPackages") == 1


def test_version_summary_fields_and_filters(session, add_group, sagemaker):
    arns = add_group("fraud", versions=3)
    sagemaker.update_model_package(ModelPackageArn=arns[1], ModelApprovalStatus=APPROVED)

    (page,) = list(iter_version_pages(session, "fraud", sort_order="Ascending"))
    assert [v.version for v in page] == [1, 2, 3]
    first = page[0]
    assert (first.arn, first.group, first.status) == (arns[0], "fraud", PENDING)
    assert first.description == "version 1"
    assert first.created.tzinfo is not None
    assert first.package_status == "Completed"

    approved = [v for p in iter_version_pages(session, "fraud", status=APPROVED) for v in p]
    assert [v.version for v in approved] == [2]


def test_a_group_arn_lists_like_its_name(session, add_group, sagemaker):
    add_group("by-arn", versions=2)
    arn = sagemaker.describe_model_package_group(ModelPackageGroupName="by-arn")[
        "ModelPackageGroupArn"
    ]
    assert [v.version for p in iter_version_pages(session, arn) for v in p] == [2, 1]


def test_batch_describe_in_chunks_with_errors_per_arn(session, calls, add_group):
    arns = add_group("churn", versions=130)
    missing = arns[0].rsplit("/", 1)[0] + "/999"

    specs, errors = batch_describe(session, [*arns, missing, arns[0]])

    assert calls.count("BatchDescribeModelPackage") == 2  # 131 unique ARNs: 100 + 31
    assert set(specs) == set(arns)
    assert specs[arns[4]].images == ("123456789012.dkr.ecr.us-east-1.amazonaws.com/churn:5",)
    assert specs[arns[4]].model_data_urls == ("s3://models/churn/5/model.tar.gz",)
    assert list(errors) == [missing]
    assert errors[missing]


def test_describe_a_pipeline_version_with_metrics(session, add_version, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="pipeline")
    arn = add_version(
        "pipeline",
        InferenceSpecification={
            "Containers": [
                {
                    "Image": "img/preprocess:1",
                    "ModelDataUrl": "s3://m/pre.tar.gz",
                    "Environment": {"MODE": "fast"},
                    "ContainerHostname": "pre",
                },
                {"Image": "img/xgboost:1", "Framework": "XGBOOST", "FrameworkVersion": "1.7"},
            ],
            "SupportedContentTypes": ["text/csv"],
            "SupportedResponseMIMETypes": ["application/json"],
        },
        ModelMetrics={
            "Explainability": {"Report": {"ContentType": "application/json", "S3Uri": "s3://m/e"}},
            "ModelQuality": {
                "Constraints": {"ContentType": "application/json", "S3Uri": "s3://m/qc"},
                "Statistics": {"ContentType": "application/json", "S3Uri": "s3://m/qs"},
            },
        },
        CustomerMetadataProperties={"team": "ml"},
        Domain="MACHINE_LEARNING",
        Task="CLASSIFICATION",
        SamplePayloadUrl="s3://m/payload.tar.gz",
    )

    details = describe_version(session, arn)

    assert details.is_pipeline
    assert [c.image for c in details.containers] == ["img/preprocess:1", "img/xgboost:1"]
    assert details.containers[0].environment == {"MODE": "fast"}
    assert details.containers[0].hostname == "pre"
    assert details.containers[1].framework == "XGBOOST"
    assert details.containers[1].framework_version == "1.7"
    assert details.content_types == ("text/csv",)
    assert details.response_types == ("application/json",)
    # The order of the SageMaker model, whatever order the request used.
    assert details.metrics == (
        ("Model quality / Statistics", "s3://m/qs"),
        ("Model quality / Constraints", "s3://m/qc"),
        ("Explainability / Report", "s3://m/e"),
    )
    assert details.customer_metadata == {"team": "ml"}
    assert (details.domain, details.task) == ("MACHINE_LEARNING", "CLASSIFICATION")
    assert details.sample_payload_url == "s3://m/payload.tar.gz"
    assert (details.group, details.version, details.status) == ("pipeline", 1, PENDING)
    assert "ResponseMetadata" not in details.raw
    assert json.loads(json.dumps(details.raw))["ModelPackageArn"] == arn


def test_approve_with_a_comment_reads_back(session, add_group):
    (arn,) = add_group("churn", versions=1)

    details = set_approval(session, arn, APPROVED, "Offline AUC 0.91 beats v0")

    assert details.status == APPROVED
    assert details.approval_comment == "Offline AUC 0.91 beats v0"
    again = describe_version(session, arn)
    assert (again.status, again.approval_comment) == (APPROVED, "Offline AUC 0.91 beats v0")


def test_a_too_long_comment_is_refused_before_any_call(session, calls, add_group):
    (arn,) = add_group("churn", versions=1)

    with pytest.raises(RegistryError) as caught:
        set_approval(session, arn, APPROVED, "x" * 1025)

    assert caught.value.kind == "invalid"
    assert "1024" in str(caught.value)
    assert calls.count("UpdateModelPackage") == 0
    assert describe_version(session, arn).status == PENDING


def test_an_unknown_status_is_refused_before_any_call(session, calls, add_group):
    (arn,) = add_group("churn", versions=1)
    with pytest.raises(RegistryError) as caught:
        set_approval(session, arn, "approved")
    assert caught.value.kind == "invalid"
    assert "Approved" in str(caught.value)
    assert calls.count("UpdateModelPackage") == 0


def test_the_comment_is_sent_only_when_given(session, add_group):
    (arn,) = add_group("churn", versions=1)
    sent: list[dict] = []
    session.client("sagemaker").meta.events.register(
        "before-parameter-build.sagemaker.UpdateModelPackage",
        lambda params, **_: sent.append(dict(params)),
    )

    set_approval(session, arn, REJECTED)
    set_approval(session, arn, APPROVED, "")

    assert "ApprovalDescription" not in sent[0]
    assert sent[1]["ApprovalDescription"] == ""


def test_bulk_approve_reports_each_item_in_order(session, add_group):
    arns = add_group("churn", versions=5)
    gone = arns[0].rsplit("/", 1)[0] + "/77"
    wanted = [arns[3], gone, arns[0], arns[4]]
    seen: list[str] = []
    lock = threading.Lock()

    def on_result(result):
        with lock:
            seen.append(result.arn)

    results = bulk_set_approval(session, wanted, APPROVED, "batch", on_result=on_result)

    assert [r.arn for r in results] == wanted
    assert [r.ok for r in results] == [True, False, True, True]
    failed = results[1]
    assert failed.error and "Not found" in failed.error and gone in failed.error
    assert failed.version == 77 and failed.new_status is None
    assert [(r.version, r.old_status, r.new_status) for r in results if r.ok] == [
        (4, PENDING, APPROVED),
        (1, PENDING, APPROVED),
        (5, PENDING, APPROVED),
    ]
    assert sorted(seen) == sorted(wanted)
    assert describe_version(session, arns[3]).approval_comment == "batch"
    assert describe_version(session, arns[1]).status == PENDING  # not in the list


def test_bulk_stops_starting_items_when_asked(session, add_group):
    arns = add_group("churn", versions=6)
    started = 0
    lock = threading.Lock()

    def should_stop() -> bool:
        nonlocal started
        with lock:
            started += 1
            return started > 2

    results = bulk_set_approval(session, arns, REJECTED, max_workers=1, should_stop=should_stop)

    assert [r.ok for r in results] == [True, True, False, False, False, False]
    assert {r.error for r in results[2:]} == {"Cancelled"}
    assert [describe_version(session, a).status for a in arns[1:3]] == [REJECTED, PENDING]


def test_bulk_refuses_a_bad_comment_before_any_call(session, calls, add_group):
    arns = add_group("churn", versions=2)
    with pytest.raises(RegistryError) as caught:
        bulk_set_approval(session, arns, APPROVED, "line one\nline two")
    assert caught.value.kind == "invalid"
    assert "line break" in str(caught.value)
    assert calls.count("UpdateModelPackage") == 0
    assert calls.count("DescribeModelPackage") == 0


def test_version_number_from_arn():
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/12"
    assert version_from_arn(arn) == 12
    assert version_from_arn("arn:aws:sagemaker:us-east-1:1:model-package/x") is None


def test_a_failed_reject_of_a_deleted_version_names_the_reject_and_the_arn_once(session, sagemaker, add_group):
    arns = add_group("churn", versions=3)
    sagemaker.delete_model_package(ModelPackageName=arns[1])  # deleted behind our back

    results = bulk_set_approval(session, arns, REJECTED, "Drift too high")

    failed = results[1]
    assert not failed.ok and failed.error_kind == "not_found"
    assert "sagemaker:UpdateModelPackage" in failed.error  # the reject the user asked for
    assert "DescribeModelPackage" not in failed.error
    assert failed.error.count(arns[1]) == 1
    assert [r.ok for r in results] == [True, False, True]
