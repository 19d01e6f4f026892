"""AWS RAM shares made from group policies: created by the policy, promoted, listed, deleted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.sandbox.session import main_client

from .sandbox_helpers import MAIN, TRAINING, group_arn, promote_permissions, promote_shares, share_policy

GROUP = "churn-prediction"
DESCRIBE = ["sagemaker:DescribeModelPackageGroup"]


@pytest.fixture
def ram(endpoint: str) -> Any:
    return main_client(endpoint, "ram")


@pytest.fixture
def group(sm: Any) -> str:
    sm.create_model_package_group(ModelPackageGroupName=GROUP)
    return group_arn(MAIN, GROUP)


def _share_of(ram: Any, arn: str) -> dict[str, Any] | None:
    """The owner's active share holding `arn`, as GetResourceShares describes it."""
    associations = ram.get_resource_share_associations(associationType="RESOURCE", resourceArn=arn)
    names = {a["resourceShareArn"] for a in associations["resourceShareAssociations"]}
    shares = [s for s in ram.get_resource_shares(resourceOwner="SELF")["resourceShares"]
              if s["resourceShareArn"] in names and s["status"] == "ACTIVE"]
    assert len(shares) <= 1
    return shares[0] if shares else None


def _listed(training_sm: Any) -> list[str]:
    found = training_sm.list_model_package_groups(CrossAccountFilterOption="CrossAccount")
    return [g["ModelPackageGroupArn"] for g in found["ModelPackageGroupSummaryList"]]


def _put(sm: Any, policy: str) -> None:
    sm.put_model_package_group_policy(ModelPackageGroupName=GROUP, ResourcePolicy=policy)


def test_a_policy_granting_another_account_creates_a_share_only_its_owner_sees(
    sm: Any, ram: Any, training_sm: Any, group: str
) -> None:
    assert _share_of(ram, group) is None
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    share = _share_of(ram, group)
    assert share is not None and share["featureSet"] == "CREATED_FROM_POLICY"
    principals = ram.get_resource_share_associations(
        associationType="PRINCIPAL", resourceShareArns=[share["resourceShareArn"]]
    )["resourceShareAssociations"]
    assert [p["associatedEntity"] for p in principals] == [TRAINING]
    # Accessible by ARN, but not discoverable: the training account does not list it.
    assert training_sm.describe_model_package_group(ModelPackageGroupName=group)
    assert _listed(training_sm) == []


def test_promotion_makes_the_group_discoverable_in_the_granted_account(
    sm: Any, ram: Any, training_sm: Any, group: str
) -> None:
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    arn = _share_of(ram, group)["resourceShareArn"]  # type: ignore[index]
    # No managed permission matches the one RAM made from the policy until that one is promoted.
    with pytest.raises(ClientError) as unmatched:
        ram.promote_resource_share_created_from_policy(resourceShareArn=arn)
    assert unmatched.value.response["Error"]["Code"] == "UnmatchedPolicyPermissionException"
    [made] = ram.list_resource_share_permissions(resourceShareArn=arn)["permissions"]
    assert made["featureSet"] == "CREATED_FROM_POLICY"
    [promoted] = promote_permissions(ram, arn, "churn-register")
    assert promoted.endswith(":permission/churn-register")
    assert ram.promote_resource_share_created_from_policy(resourceShareArn=arn)["returnValue"] is True
    assert _share_of(ram, group)["featureSet"] == "STANDARD"  # type: ignore[index]
    assert _listed(training_sm) == [group]
    with pytest.raises(ClientError) as again:
        ram.promote_resource_share_created_from_policy(resourceShareArn=arn)
    assert again.value.response["Error"]["Code"] == "InvalidStateTransitionException"


def test_deleting_the_policy_deletes_a_share_never_promoted(sm: Any, ram: Any, group: str) -> None:
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    assert _share_of(ram, group) is not None
    sm.delete_model_package_group_policy(ModelPackageGroupName=GROUP)
    assert _share_of(ram, group) is None


def test_a_promoted_share_outlives_the_policy_until_it_is_deleted(
    sm: Any, ram: Any, training_sm: Any, group: str
) -> None:
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    [arn] = promote_shares(ram, GROUP)
    sm.delete_model_package_group_policy(ModelPackageGroupName=GROUP)
    assert _share_of(ram, group)["featureSet"] == "STANDARD"  # type: ignore[index]
    ram.delete_resource_share(resourceShareArn=arn)
    assert _share_of(ram, group) is None
    assert _listed(training_sm) == []


def test_a_policy_naming_no_other_account_makes_no_share(sm: Any, ram: Any, group: str) -> None:
    _put(sm, share_policy(MAIN, GROUP, MAIN, DESCRIBE))
    assert _share_of(ram, group) is None
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    _put(sm, json.dumps({"Version": "2012-10-17", "Statement": []}))
    assert _share_of(ram, group) is None


@pytest.mark.parametrize("change", ["role", "condition", "every action"])
def test_a_policy_ram_cannot_promote_is_refused(sm: Any, ram: Any, training_sm: Any, group: str,
                                                 change: str) -> None:
    policy = json.loads(share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    statement = policy["Statement"][0]
    if change == "role":
        statement["Principal"] = {"AWS": f"arn:aws:iam::{TRAINING}:role/Trainer"}
    elif change == "condition":
        statement["Condition"] = {"StringEquals": {"aws:PrincipalTag/team": "ml"}}
    else:
        statement["Action"] = "*"
    _put(sm, json.dumps(policy))
    arn = _share_of(ram, group)["resourceShareArn"]  # type: ignore[index]
    with pytest.raises(ClientError) as refused:
        ram.promote_resource_share_created_from_policy(resourceShareArn=arn)
    assert refused.value.response["Error"]["Code"] == "OperationNotPermittedException"
    assert _share_of(ram, group)["featureSet"] == "CREATED_FROM_POLICY"  # type: ignore[index]
    assert _listed(training_sm) == []


def test_promoting_an_unknown_share_is_an_unknown_resource(ram: Any) -> None:
    with pytest.raises(ClientError) as unknown:
        ram.promote_resource_share_created_from_policy(
            resourceShareArn=f"arn:aws:ram:us-east-1:{MAIN}:resource-share/nothing-here")
    assert unknown.value.response["Error"]["Code"] == "UnknownResourceException"


def test_the_promoted_share_uses_the_promoted_permission_which_outlives_it(
    sm: Any, ram: Any, group: str
) -> None:
    _put(sm, share_policy(MAIN, GROUP, TRAINING, DESCRIBE))
    [arn] = promote_shares(ram, GROUP)
    [used] = ram.list_resource_share_permissions(resourceShareArn=arn)["permissions"]
    assert used["featureSet"] == "STANDARD" and used["permissionType"] == "CUSTOMER_MANAGED"
    with pytest.raises(ClientError) as attached:
        ram.delete_permission(permissionArn=used["arn"])
    assert attached.value.response["Error"]["Code"] == "OperationNotPermittedException"
    ram.delete_resource_share(resourceShareArn=arn)
    assert ram.delete_permission(permissionArn=used["arn"])["permissionStatus"] == "DELETED"
    with pytest.raises(ClientError) as gone:
        ram.delete_permission(permissionArn=used["arn"])
    assert gone.value.response["Error"]["Code"] == "UnknownResourceException"
