"""Model package groups against the sandbox: paging, sharing across accounts, create, delete."""

from __future__ import annotations

import json

import pytest
from botocore.stub import Stubber

from app.registry.errors import RegistryError
from app.registry.versions.groups import create_group, delete_group, describe_group, iter_group_pages

from ..sandbox.sandbox_helpers import promote_shares

MAIN_ACCOUNT = "123456789012"  # the sandbox keys' account (moto's default)
OTHER_ACCOUNT = "210987654321"  # where the other_session fixture assumes a role


def _share_with_main_account(other_session, name: str) -> str:
    """Create a group in the other account shared with the main account: a policy that lets it
    read the group, and the AWS RAM share made from that policy promoted."""
    client = other_session.client("sagemaker")
    arn = client.create_model_package_group(
        ModelPackageGroupName=name, ModelPackageGroupDescription="trained elsewhere"
    )["ModelPackageGroupArn"]
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadFromMain",
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{MAIN_ACCOUNT}:root"},
                "Action": [
                    "sagemaker:DescribeModelPackageGroup",
                    "sagemaker:ListModelPackages",
                    "sagemaker:DescribeModelPackage",
                ],
                "Resource": [arn, arn.replace("model-package-group/", "model-package/") + "/*"],
            }
        ],
    }
    client.put_model_package_group_policy(
        ModelPackageGroupName=name, ResourcePolicy=json.dumps(policy)
    )
    # Listed as shared with the main account once the AWS RAM share made from the policy is promoted.
    promote_shares(other_session.client("ram"), name, OTHER_ACCOUNT)
    return arn


def test_own_groups_come_page_by_page_newest_first(session, calls, sagemaker):
    for n in range(5):
        sagemaker.create_model_package_group(ModelPackageGroupName=f"group-{n}")

    pages = iter_group_pages(session, page_size=2, include_shared=False)
    first = next(pages)
    assert calls.count("ListModelPackageGroups") == 1
    rest = list(pages)

    assert [len(p) for p in [first, *rest]] == [2, 2, 1]
    names = [g.name for p in [first, *rest] for g in p]
    assert names == ["group-4", "group-3", "group-2", "group-1", "group-0"]
    assert all(not g.shared and g.account_id == MAIN_ACCOUNT for p in rest for g in p)
    assert first[0].created.tzinfo is not None
    assert first[0].arn.endswith(":model-package-group/group-4")


def test_name_filter(session, sagemaker):
    for name in ("churn-a", "fraud", "churn-b"):
        sagemaker.create_model_package_group(ModelPackageGroupName=name)
    found = [g.name for p in iter_group_pages(session, name_contains="churn") for g in p]
    assert sorted(found) == ["churn-a", "churn-b"]


def test_a_group_shared_from_another_account_is_listed_as_shared(session, other_session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="local")
    shared_arn = _share_with_main_account(other_session, "training-churn")
    other_session.client("sagemaker").create_model_package_group(
        ModelPackageGroupName="private-to-training"
    )

    groups = [g for p in iter_group_pages(session) for g in p]

    assert [(g.name, g.shared, g.account_id) for g in groups] == [
        ("local", False, MAIN_ACCOUNT),
        ("training-churn", True, OTHER_ACCOUNT),
    ]
    shared = groups[1]
    assert shared.arn == shared_arn
    assert shared.description == "trained elsewhere"
    own_only = [g.name for p in iter_group_pages(session, include_shared=False) for g in p]
    assert own_only == ["local"]


OWN_SUMMARY = {
    "ModelPackageGroupName": "mine",
    "ModelPackageGroupArn": f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/mine",
    "CreationTime": "2024-01-01T00:00:00Z",
    "ModelPackageGroupStatus": "Completed",
}


def test_shared_listing_denied_still_lists_own_groups(session):
    client = session.client("sagemaker")
    with Stubber(client) as stub:
        stub.add_response(
            "list_model_package_groups", {"ModelPackageGroupSummaryList": [OWN_SUMMARY]}
        )
        stub.add_client_error(
            "list_model_package_groups",
            service_error_code="AccessDeniedException",
            service_message="not allowed to list shared groups",
            http_status_code=400,
            expected_params={
                "MaxResults": 100,
                "SortBy": "CreationTime",
                "SortOrder": "Descending",
                "CrossAccountFilterOption": "CrossAccount",
            },
        )
        pages = list(iter_group_pages(session))
    assert [[g.name for g in p] for p in pages] == [["mine"]]


def test_an_endpoint_ignoring_the_cross_account_filter_shows_no_duplicates(session):
    client = session.client("sagemaker")
    with Stubber(client) as stub:
        stub.add_response(
            "list_model_package_groups", {"ModelPackageGroupSummaryList": [OWN_SUMMARY]}
        )
        stub.add_response(
            "list_model_package_groups", {"ModelPackageGroupSummaryList": [OWN_SUMMARY]}
        )
        groups = [g for p in iter_group_pages(session) for g in p]
    assert [(g.name, g.shared) for g in groups] == [("mine", False)]


def test_create_describe_and_delete(session, sagemaker):
    arn = create_group(session, "churn-model", "Churn classifier", tags={"team": "ml"})

    assert arn.endswith(":model-package-group/churn-model")
    described = describe_group(session, "churn-model")
    assert described["ModelPackageGroupArn"] == arn
    assert described["ModelPackageGroupDescription"] == "Churn classifier"
    assert "ResponseMetadata" not in described
    tags = sagemaker.list_tags(ResourceArn=arn)["Tags"]
    assert tags == [{"Key": "team", "Value": "ml"}]

    delete_group(session, "churn-model")
    with pytest.raises(RegistryError) as caught:
        describe_group(session, "churn-model")
    assert caught.value.kind == "not_found"


def test_a_bad_name_is_refused_before_any_call(session, calls):
    with pytest.raises(RegistryError) as caught:
        create_group(session, "churn_model")
    assert caught.value.kind == "invalid"
    assert "'_'" in str(caught.value)
    assert calls.count("CreateModelPackageGroup") == 0


def test_a_description_with_a_control_character_is_refused_before_any_call(session, calls):
    with pytest.raises(RegistryError) as caught:
        create_group(session, "churn", "first line\nsecond line")
    assert "line break" in str(caught.value)
    assert calls.count("CreateModelPackageGroup") == 0


def test_a_group_with_versions_is_not_deleted(session, calls, add_group):
    add_group("busy", versions=2)

    with pytest.raises(RegistryError) as caught:
        delete_group(session, "busy")

    assert caught.value.kind == "conflict"
    assert "still has versions" in str(caught.value)
    assert calls.count("DeleteModelPackageGroup") == 0
    assert describe_group(session, "busy")["ModelPackageGroupName"] == "busy"
