"""Deleting versions and emptying a group: confirmation, shared versions, per-version results."""

from __future__ import annotations

import json

import pytest

from app.registry.errors import RegistryError
from app.registry.governance.deletion import (
    Deletable,
    deletable,
    delete_versions,
    empty_and_delete_group,
    needs_typed_confirmation,
    plan_group_deletion,
)
from app.registry.versions.describe import describe_version

from .conftest import version_request


def exists(sagemaker, arn: str) -> bool:
    return arn in {
        s["ModelPackageArn"]
        for s in sagemaker.list_model_packages(ModelPackageGroupName=arn.rsplit("/", 2)[1])["ModelPackageSummaryList"]
    }


def test_typed_confirmation_is_needed_for_approved_or_production_versions():
    pending = Deletable("a", "PendingManualApproval", "Staging")
    assert not needs_typed_confirmation([pending])
    assert needs_typed_confirmation([pending, Deletable("b", "Approved")])
    assert needs_typed_confirmation([pending, Deletable("c", "Rejected", "Production")])
    assert deletable({"ModelPackageArn": "x", "ModelApprovalStatus": "Rejected",
                      "ModelLifeCycle": {"Stage": "prod-eu", "StageStatus": "Live"}}).stage == "prod-eu"


def test_deleting_versions_reports_each_and_they_are_gone(session, sagemaker, add_group):
    arns = add_group("churn", versions=3)
    sagemaker.delete_model_package(ModelPackageName=arns[2])  # gone already, behind the app's back
    seen = []
    results = delete_versions(session, arns, on_result=seen.append)
    assert [r.ok for r in results] == [True, True, False] and len(seen) == 3
    assert results[2].error_kind == "not_found" and "DeleteModelPackage" in (results[2].error or "")
    assert not any(exists(sagemaker, arn) for arn in arns)


def test_approved_versions_need_the_group_name_and_a_wrong_name_deletes_nothing(
    session, sagemaker, calls, add_group
):
    arns = add_group("churn", versions=3)
    sagemaker.update_model_package(ModelPackageArn=arns[1], ModelApprovalStatus="Approved")

    for typed in ("", "chrun", "Churn"):
        with pytest.raises(RegistryError) as raised:
            delete_versions(session, arns, typed=typed)
        assert "Version 2 is approved" in str(raised.value) and "'churn'" in str(raised.value)
        assert "nothing was deleted" in str(raised.value)
    assert calls.count("DeleteModelPackage") == 0
    assert all(exists(sagemaker, arn) for arn in arns)

    results = delete_versions(session, arns, typed="churn")
    assert all(r.ok for r in results)


def test_a_version_approved_after_the_preview_still_needs_the_name(session, sagemaker, add_group):
    (arn,) = add_group("churn", versions=1)
    assert not needs_typed_confirmation([deletable(describe_version(session, arn).raw)])  # the preview
    sagemaker.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")  # meanwhile
    with pytest.raises(RegistryError, match="type the group name"):
        delete_versions(session, [arn])
    assert exists(sagemaker, arn)


def test_another_accounts_versions_are_refused_before_any_delete(session, other_session, calls, add_group):
    mine = add_group("churn", versions=1)
    other = other_session.client("sagemaker")
    other.create_model_package_group(ModelPackageGroupName="shared")
    theirs = other.create_model_package(**version_request("shared"))["ModelPackageArn"]

    with pytest.raises(RegistryError) as raised:
        delete_versions(session, [*mine, theirs])
    assert "1 of the versions belongs to account 210987654321" in str(raised.value)
    assert "nothing was deleted" in str(raised.value)
    assert calls.count("DeleteModelPackage") == 0


def test_empty_and_delete_group_lists_everything_then_deletes_it(session, sagemaker, add_group):
    add_group("scratch", versions=2)
    sagemaker.update_model_package(
        ModelPackageArn=add_group("keep", versions=1)[0], ModelApprovalStatus="Approved"
    )
    plan = plan_group_deletion(session, "scratch")
    assert plan.lines() == [
        "Version 2 (PendingManualApproval)", "Version 1 (PendingManualApproval)", "The group scratch",
    ]
    versions = plan.arn.replace(":model-package-group/", ":model-package/") + "/*"
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"},
        "Action": "sagemaker:DescribeModelPackage", "Resource": versions,
    }]})
    sagemaker.put_model_package_group_policy(ModelPackageGroupName="scratch", ResourcePolicy=policy)
    plan = plan_group_deletion(session, "scratch")
    assert plan.lines()[-2:] == ["The group's resource policy", "The group scratch"]
    with pytest.raises(RegistryError, match="Type the group name 'scratch'"):
        empty_and_delete_group(session, plan, "keep")
    assert len(sagemaker.list_model_packages(ModelPackageGroupName="scratch")["ModelPackageSummaryList"]) == 2

    result = empty_and_delete_group(session, plan, "scratch")
    assert result.group_deleted and len(result.versions) == 2 and all(r.ok for r in result.versions)
    names = [g["ModelPackageGroupName"] for g in sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"]]
    assert names == ["keep"]


def test_a_version_added_after_the_plan_refuses_the_group_deletion(session, sagemaker, calls, add_group, add_version):
    add_group("scratch", versions=1)
    plan = plan_group_deletion(session, "scratch")
    add_version("scratch", 2)  # someone registers meanwhile
    with pytest.raises(RegistryError) as raised:
        empty_and_delete_group(session, plan, "scratch")
    assert raised.value.kind == "conflict" and "Version 2 was added" in str(raised.value)
    assert calls.count("DeleteModelPackage") == 0


def test_the_plan_tells_how_many_versions_are_listed_as_it_lists(session, add_group):
    add_group("scratch", versions=3)
    listed: list[int] = []
    plan = plan_group_deletion(session, "scratch", on_listed=listed.append)
    assert listed and listed[-1] == 3 == len(plan.versions)
    assert listed == sorted(listed)


def test_a_stopped_emptying_keeps_the_group_and_the_versions_not_sent(session, sagemaker, calls, add_group):
    add_group("scratch", versions=3)
    plan = plan_group_deletion(session, "scratch")
    result = empty_and_delete_group(session, plan, "scratch", should_stop=lambda: True)
    assert not result.group_deleted and result.error
    assert [r.error for r in result.versions] == ["Cancelled"] * 3
    assert calls.count("DeleteModelPackage") == 0
    assert len(sagemaker.list_model_packages(ModelPackageGroupName="scratch")["ModelPackageSummaryList"]) == 3
    names = [g["ModelPackageGroupName"] for g in sagemaker.list_model_package_groups()["ModelPackageGroupSummaryList"]]
    assert "scratch" in names
