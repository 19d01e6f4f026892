"""The resource policy evaluator behind cross-account access."""

from __future__ import annotations

import json
from typing import Any

from app.sandbox.policy import allows

GROUP = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
VERSION = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
READER = "210987654321"


def _policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _allow(principal: Any, action: Any = "sagemaker:*", resource: Any = "*") -> dict[str, Any]:
    return {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": resource}


def test_principal_forms() -> None:
    for principal in (
        {"AWS": READER},
        {"AWS": f"arn:aws:iam::{READER}:root"},
        {"AWS": ["111111111111", READER]},
        "*",
        {"AWS": "*"},
    ):
        assert allows(
            _policy(_allow(principal)), READER, "sagemaker:DescribeModelPackage", [VERSION]
        )
    assert not allows(_policy(_allow({"AWS": "111111111111"})), READER, "sagemaker:X", [VERSION])


def test_role_principal_matches_its_sessions_only() -> None:
    policy = _policy(_allow({"AWS": f"arn:aws:iam::{READER}:role/Reviewer"}))
    session = f"arn:aws:sts::{READER}:assumed-role/Reviewer/alice"
    other = f"arn:aws:sts::{READER}:assumed-role/Builder/bob"
    assert allows(policy, READER, "sagemaker:DescribeModelPackage", [VERSION], session)
    assert not allows(policy, READER, "sagemaker:DescribeModelPackage", [VERSION], other)


def test_action_and_resource_wildcards() -> None:
    policy = _policy(
        _allow(
            READER,
            "sagemaker:Describe*",
            "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*",
        )
    )
    assert allows(policy, READER, "sagemaker:DescribeModelPackage", [VERSION])
    assert allows(policy, READER, "SageMaker:describemodelpackage", [VERSION])
    assert not allows(policy, READER, "sagemaker:CreateModelPackage", [VERSION])
    assert not allows(policy, READER, "sagemaker:DescribeModelPackageGroup", [GROUP])


def test_deny_beats_allow_and_conditions_never_grant() -> None:
    deny = {"Effect": "Deny", "Principal": "*", "Action": "sagemaker:*", "Resource": "*"}
    assert not allows(_policy(_allow(READER), deny), READER, "sagemaker:X", [GROUP])
    conditional = {**_allow(READER), "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
    assert not allows(_policy(conditional), READER, "sagemaker:X", [GROUP])


def test_no_or_broken_policy_denies() -> None:
    assert not allows(None, READER, "sagemaker:X", [GROUP])
    assert not allows("{broken", READER, "sagemaker:X", [GROUP])
    assert not allows("[]", READER, "sagemaker:X", [GROUP])
    single = json.dumps({"Statement": _allow(READER)})  # a lone statement, not a list
    assert allows(single, READER, "sagemaker:X", [GROUP])
