"""The operations and fixes the sandbox adds, exercised through boto3 over HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from .sandbox_helpers import MAIN, SPEC, group_arn, package_arn


def _group(sm: Any, name: str = "churn-prediction", versions: int = 0) -> list[str]:
    sm.create_model_package_group(
        ModelPackageGroupName=name, ModelPackageGroupDescription="churn model"
    )
    return [
        sm.create_model_package(ModelPackageGroupName=name, InferenceSpecification=SPEC)[
            "ModelPackageArn"
        ]
        for _ in range(versions)
    ]


def _error(raised: pytest.ExceptionInfo[ClientError]) -> tuple[str, str]:
    error = raised.value.response["Error"]
    return error["Code"], error["Message"]


# --- group policies ------------------------------------------------------------


def test_policy_round_trips_byte_for_byte(sm: Any) -> None:
    _group(sm)
    text = '{ "Version": "2012-10-17",\n  "Statement": [] }'
    put = sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-prediction", ResourcePolicy=text
    )
    assert put["ModelPackageGroupArn"] == group_arn(MAIN, "churn-prediction")
    got = sm.get_model_package_group_policy(ModelPackageGroupName="churn-prediction")
    assert got["ResourcePolicy"] == text


def test_missing_policy_is_a_validation_error(sm: Any) -> None:
    _group(sm)
    with pytest.raises(ClientError) as raised:
        sm.get_model_package_group_policy(ModelPackageGroupName="churn-prediction")
    code, message = _error(raised)
    assert code == "ValidationException"
    assert message.startswith("Cannot find resource policy for")


def test_policy_must_be_json(sm: Any) -> None:
    _group(sm)
    with pytest.raises(ClientError) as raised:
        sm.put_model_package_group_policy(
            ModelPackageGroupName="churn-prediction", ResourcePolicy="{not json"
        )
    assert _error(raised)[0] == "ValidationException"


def test_policy_on_a_missing_group_fails(sm: Any) -> None:
    with pytest.raises(ClientError) as raised:
        sm.put_model_package_group_policy(ModelPackageGroupName="nope", ResourcePolicy="{}")
    assert _error(raised)[0] == "ValidationException"


def test_deleted_policy_is_gone(sm: Any) -> None:
    _group(sm)
    sm.put_model_package_group_policy(ModelPackageGroupName="churn-prediction", ResourcePolicy="{}")
    sm.delete_model_package_group_policy(ModelPackageGroupName="churn-prediction")
    with pytest.raises(ClientError):
        sm.get_model_package_group_policy(ModelPackageGroupName="churn-prediction")


# --- deletes ---------------------------------------------------------------------


def test_delete_version_by_arn(sm: Any) -> None:
    arns = _group(sm, versions=3)
    sm.delete_model_package(ModelPackageName=arns[1])
    listed = sm.list_model_packages(ModelPackageGroupName="churn-prediction")
    assert [p["ModelPackageArn"] for p in listed["ModelPackageSummaryList"]] == [arns[0], arns[2]]
    with pytest.raises(ClientError) as raised:
        sm.describe_model_package(ModelPackageName=arns[1])
    assert _error(raised)[0] == "ValidationException"


def test_deleting_a_missing_version_fails(sm: Any) -> None:
    _group(sm, versions=1)
    with pytest.raises(ClientError) as raised:
        sm.delete_model_package(ModelPackageName=package_arn(MAIN, "churn-prediction", 9))
    assert _error(raised)[0] == "ValidationException"


def test_version_numbers_are_never_reused(sm: Any) -> None:
    arns = _group(sm, versions=3)
    sm.delete_model_package(ModelPackageName=arns[2])  # the newest
    sm.delete_model_package(ModelPackageName=arns[0])
    new = sm.create_model_package(
        ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC
    )
    assert new["ModelPackageArn"] == package_arn(MAIN, "churn-prediction", 4)
    described = sm.describe_model_package(ModelPackageName=new["ModelPackageArn"])
    assert described["ModelPackageVersion"] == 4


def test_group_with_versions_cannot_be_deleted(sm: Any) -> None:
    arns = _group(sm, versions=1)
    with pytest.raises(ClientError) as raised:
        sm.delete_model_package_group(ModelPackageGroupName="churn-prediction")
    code, message = _error(raised)
    assert code == "ConflictException"
    assert "contains model packages" in message
    sm.delete_model_package(ModelPackageName=arns[0])
    sm.delete_model_package_group(ModelPackageGroupName="churn-prediction")
    assert sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []


def test_recreated_group_starts_at_version_one(sm: Any) -> None:
    arns = _group(sm, versions=2)
    for arn in arns:
        sm.delete_model_package(ModelPackageName=arn)
    sm.delete_model_package_group(ModelPackageGroupName="churn-prediction")
    assert _group(sm, versions=1) == [package_arn(MAIN, "churn-prediction", 1)]


# --- batch describe --------------------------------------------------------------


def test_batch_describe_reports_unknown_arns_in_the_error_map(sm: Any) -> None:
    arns = _group(sm, versions=2)
    unknown = package_arn(MAIN, "churn-prediction", 7)
    result = sm.batch_describe_model_package(ModelPackageArnList=[arns[0], unknown, arns[1]])
    assert set(result["ModelPackageSummaries"]) == set(arns)
    summary = result["ModelPackageSummaries"][arns[1]]
    assert summary["ModelPackageGroupName"] == "churn-prediction"
    assert summary["ModelPackageVersion"] == 2
    assert summary["ModelPackageArn"] == arns[1]
    assert summary["ModelApprovalStatus"] == "PendingManualApproval"
    assert summary["ModelPackageStatus"] == "Completed"
    assert summary["InferenceSpecification"]["Containers"] == SPEC["Containers"]
    assert list(result["BatchDescribeModelPackageErrorMap"]) == [unknown]
    assert result["BatchDescribeModelPackageErrorMap"][unknown]["ErrorCode"]


# --- update fidelity ---------------------------------------------------------------


def test_update_changes_only_what_was_sent(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    sm.update_model_package(
        ModelPackageArn=arn,
        ModelApprovalStatus="Rejected",
        ApprovalDescription="Recall regression on EU cohort",
        CustomerMetadataProperties={"git_commit": "a1b2c3d", "owner": "growth-ml"},
    )
    first = sm.describe_model_package(ModelPackageName=arn)
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    second = sm.describe_model_package(ModelPackageName=arn)
    assert second["ModelApprovalStatus"] == "Approved"
    assert second["ApprovalDescription"] == "Recall regression on EU cohort"
    assert second["CustomerMetadataProperties"] == {"git_commit": "a1b2c3d", "owner": "growth-ml"}
    assert second["LastModifiedTime"] >= first["LastModifiedTime"]


def test_update_description_only_keeps_status(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    sm.update_model_package(ModelPackageArn=arn, ApprovalDescription="Passed shadow test, AUC 0.91")
    described = sm.describe_model_package(ModelPackageName=arn)
    assert described["ModelApprovalStatus"] == "Approved"
    assert described["ApprovalDescription"] == "Passed shadow test, AUC 0.91"


def test_update_merges_and_removes_metadata(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    sm.update_model_package(ModelPackageArn=arn, CustomerMetadataProperties={"a": "1", "b": "2"})
    sm.update_model_package(
        ModelPackageArn=arn,
        CustomerMetadataProperties={"c": "3"},
        CustomerMetadataPropertiesToRemove=["a"],
    )
    described = sm.describe_model_package(ModelPackageName=arn)
    assert described["CustomerMetadataProperties"] == {"b": "2", "c": "3"}


def test_removing_metadata_from_a_package_without_any_is_harmless(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    sm.update_model_package(ModelPackageArn=arn, CustomerMetadataPropertiesToRemove=["x"])
    assert "CustomerMetadataProperties" not in sm.describe_model_package(ModelPackageName=arn)


def test_update_sets_last_modified_time(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    assert "LastModifiedTime" not in sm.describe_model_package(ModelPackageName=arn)
    sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    described = sm.describe_model_package(ModelPackageName=arn)
    assert described["LastModifiedTime"] >= described["CreationTime"]


def test_new_versions_await_approval_by_default(sm: Any) -> None:
    (arn,) = _group(sm, versions=1)
    described = sm.describe_model_package(ModelPackageName=arn)
    assert described["ModelApprovalStatus"] == "PendingManualApproval"


def test_same_account_group_arn_works_where_a_name_does(sm: Any) -> None:
    _group(sm)
    arn = group_arn(MAIN, "churn-prediction")
    assert sm.describe_model_package_group(ModelPackageGroupName=arn)["ModelPackageGroupArn"] == arn
    created = sm.create_model_package(ModelPackageGroupName=arn, InferenceSpecification=SPEC)
    assert created["ModelPackageArn"] == package_arn(MAIN, "churn-prediction", 1)
    listed = sm.list_model_packages(ModelPackageGroupName=arn)["ModelPackageSummaryList"]
    assert len(listed) == 1


def test_group_listing_still_pages(sm: Any) -> None:
    for name in ("a-group", "b-group", "c-group"):
        _group(sm, name)
    first = sm.list_model_package_groups(MaxResults=2, SortBy="Name")
    rest = sm.list_model_package_groups(MaxResults=2, SortBy="Name", NextToken=first["NextToken"])
    names = [g["ModelPackageGroupName"] for g in first["ModelPackageGroupSummaryList"]]
    names += [g["ModelPackageGroupName"] for g in rest["ModelPackageGroupSummaryList"]]
    assert names == ["a-group", "b-group", "c-group"]
    assert "NextToken" not in rest


def test_policy_text_survives_json_round_trip_checks(sm: Any) -> None:
    _group(sm)
    document = {"Version": "2012-10-17", "Statement": [{"Sid": "ünïcode"}]}
    text = json.dumps(document, ensure_ascii=False)
    sm.put_model_package_group_policy(ModelPackageGroupName="churn-prediction", ResourcePolicy=text)
    got = sm.get_model_package_group_policy(ModelPackageGroupName="churn-prediction")
    assert got["ResourcePolicy"] == text
