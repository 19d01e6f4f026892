"""Cross-account access to a registry, decided by the owning group's resource policy."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.sandbox.session import main_client, sandbox_client

from .sandbox_helpers import (
    MAIN,
    SPEC,
    TRAINING,
    group_arn,
    package_arn,
    promote_shares,
    share_policy,
)

ALL_ACTIONS = [
    "sagemaker:DescribeModelPackageGroup",
    "sagemaker:DescribeModelPackage",
    "sagemaker:ListModelPackages",
    "sagemaker:CreateModelPackage",
]


@pytest.fixture
def churn(sm: Any) -> str:
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    sm.create_model_package(ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC)
    return group_arn(MAIN, "churn-prediction")


def _share(sm: Any, actions: list[str], reader: str = TRAINING) -> None:
    sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-prediction",
        ResourcePolicy=share_policy(MAIN, "churn-prediction", reader, actions),
    )


def _denied(call: Any, action: str) -> str:
    with pytest.raises(ClientError) as raised:
        call()
    error = raised.value.response["Error"]
    assert error["Code"] == "AccessDeniedException"
    assert f"is not authorized to perform: {action}" in error["Message"]
    return str(error["Message"])


def test_assumed_role_keys_act_in_the_training_account(endpoint: str, training_keys: Any) -> None:
    identity = sandbox_client(endpoint, "sts", credentials=training_keys).get_caller_identity()
    assert identity["Account"] == TRAINING


def test_without_a_policy_the_training_account_is_denied(training_sm: Any, churn: str) -> None:
    message = _denied(
        lambda: training_sm.describe_model_package_group(ModelPackageGroupName=churn),
        "sagemaker:DescribeModelPackageGroup",
    )
    assert message == (
        f"User: arn:aws:sts::{TRAINING}:assumed-role/RegistryDeskTraining/registry-desk "
        f"is not authorized to perform: sagemaker:DescribeModelPackageGroup on resource: "
        f"{churn} because no resource-based policy allows the "
        "sagemaker:DescribeModelPackageGroup action"
    )
    _denied(
        lambda: training_sm.create_model_package(
            ModelPackageGroupName=churn, InferenceSpecification=SPEC
        ),
        "sagemaker:CreateModelPackage",
    )
    _denied(
        lambda: training_sm.list_model_packages(ModelPackageGroupName=churn),
        "sagemaker:ListModelPackages",
    )
    _denied(
        lambda: training_sm.describe_model_package(
            ModelPackageName=package_arn(MAIN, "churn-prediction", 1)
        ),
        "sagemaker:DescribeModelPackage",
    )


def test_a_policy_for_another_account_does_not_help(sm: Any, training_sm: Any, churn: str) -> None:
    _share(sm, ALL_ACTIONS, reader="999999999999")
    _denied(
        lambda: training_sm.describe_model_package_group(ModelPackageGroupName=churn),
        "sagemaker:DescribeModelPackageGroup",
    )


def test_with_a_policy_the_training_account_reads_and_registers(
    sm: Any, training_sm: Any, churn: str
) -> None:
    _share(sm, ALL_ACTIONS)
    described = training_sm.describe_model_package_group(ModelPackageGroupName=churn)
    assert described["ModelPackageGroupArn"] == churn

    created = training_sm.create_model_package(
        ModelPackageGroupName=churn, InferenceSpecification=SPEC
    )
    # The version lives in the group owner's account.
    assert created["ModelPackageArn"] == package_arn(MAIN, "churn-prediction", 2)
    own = sm.list_model_packages(ModelPackageGroupName="churn-prediction")
    assert len(own["ModelPackageSummaryList"]) == 2

    listed = training_sm.list_model_packages(ModelPackageGroupName=churn)
    assert [p["ModelPackageVersion"] for p in listed["ModelPackageSummaryList"]] == [1, 2]
    version = training_sm.describe_model_package(ModelPackageName=created["ModelPackageArn"])
    assert version["ModelPackageGroupName"] == "churn-prediction"


def test_each_action_needs_its_own_grant(sm: Any, training_sm: Any, churn: str) -> None:
    _share(sm, ["sagemaker:DescribeModelPackageGroup"])
    training_sm.describe_model_package_group(ModelPackageGroupName=churn)
    _denied(
        lambda: training_sm.create_model_package(
            ModelPackageGroupName=churn, InferenceSpecification=SPEC
        ),
        "sagemaker:CreateModelPackage",
    )


def test_create_grant_on_the_package_wildcard(sm: Any, training_sm: Any, churn: str) -> None:
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": [TRAINING, "arn:aws:iam::111111111111:root"]},
                "Action": "sagemaker:CreateModelPackage",
                "Resource": f"arn:aws:sagemaker:us-east-1:{MAIN}:model-package/churn-prediction/*",
            }
        ],
    }
    sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-prediction", ResourcePolicy=json.dumps(policy)
    )
    created = training_sm.create_model_package(
        ModelPackageGroupName=churn, InferenceSpecification=SPEC
    )
    assert created["ModelPackageArn"].startswith(f"arn:aws:sagemaker:us-east-1:{MAIN}:")


def test_cross_account_listing_shows_shared_groups_only(
    endpoint: str, sm: Any, training_sm: Any, churn: str
) -> None:
    sm.create_model_package_group(ModelPackageGroupName="private-group")
    assert (
        training_sm.list_model_package_groups(CrossAccountFilterOption="CrossAccount")[
            "ModelPackageGroupSummaryList"
        ]
        == []
    )
    _share(sm, ["sagemaker:DescribeModelPackageGroup"])
    promote_shares(main_client(endpoint, "ram"), "churn-prediction")
    shared = training_sm.list_model_package_groups(CrossAccountFilterOption="CrossAccount")
    assert [g["ModelPackageGroupArn"] for g in shared["ModelPackageGroupSummaryList"]] == [churn]
    # The training account's own listing, and the owner's cross-account one, are unchanged.
    assert training_sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []
    same = training_sm.list_model_package_groups(CrossAccountFilterOption="SameAccount")
    assert same["ModelPackageGroupSummaryList"] == []
    owner_view = sm.list_model_package_groups(CrossAccountFilterOption="CrossAccount")
    assert owner_view["ModelPackageGroupSummaryList"] == []


def test_cross_account_listing_pages(endpoint: str, sm: Any, training_sm: Any) -> None:
    for name in ("alpha", "bravo", "charlie"):
        sm.create_model_package_group(ModelPackageGroupName=name)
        sm.put_model_package_group_policy(
            ModelPackageGroupName=name,
            ResourcePolicy=share_policy(MAIN, name, TRAINING, ["sagemaker:Describe*"]),
        )
        promote_shares(main_client(endpoint, "ram"), name)
    pages = training_sm.get_paginator("list_model_package_groups").paginate(
        CrossAccountFilterOption="CrossAccount",
        SortBy="Name",
        PaginationConfig={"PageSize": 2},
    )
    names = [
        [g["ModelPackageGroupName"] for g in page["ModelPackageGroupSummaryList"]] for page in pages
    ]
    assert names == [["alpha", "bravo"], ["charlie"]]


def test_batch_describe_across_accounts_follows_the_policy(
    sm: Any, training_sm: Any, churn: str
) -> None:
    version = package_arn(MAIN, "churn-prediction", 1)
    denied = training_sm.batch_describe_model_package(ModelPackageArnList=[version])
    assert denied["ModelPackageSummaries"] == {}
    assert denied["BatchDescribeModelPackageErrorMap"][version]["ErrorCode"] == (
        "AccessDeniedException"
    )
    _share(sm, ["sagemaker:DescribeModelPackage"])
    allowed = training_sm.batch_describe_model_package(ModelPackageArnList=[version])
    assert list(allowed["ModelPackageSummaries"]) == [version]


def test_an_explicit_deny_wins(sm: Any, training_sm: Any, churn: str) -> None:
    policy = json.loads(share_policy(MAIN, "churn-prediction", TRAINING, ALL_ACTIONS))
    policy["Statement"].append(
        {
            "Effect": "Deny",
            "Principal": "*",
            "Action": "sagemaker:CreateModelPackage",
            "Resource": "*",
        }
    )
    sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-prediction", ResourcePolicy=json.dumps(policy)
    )
    training_sm.describe_model_package_group(ModelPackageGroupName=churn)
    _denied(
        lambda: training_sm.create_model_package(
            ModelPackageGroupName=churn, InferenceSpecification=SPEC
        ),
        "sagemaker:CreateModelPackage",
    )
