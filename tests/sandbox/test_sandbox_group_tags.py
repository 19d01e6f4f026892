"""Group tags and who created a group, as the group details read them: AddTags overwrites a
key's value (moto 5.2.5 appends a second tag of that key), another account's group answers as
AWS does rather than with a server error, and DescribeModelPackageGroup names its creator."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.sandbox.session import sandbox_client

from .sandbox_helpers import MAIN, TRAINING, group_arn, share_policy


def _tags(sm: Any, arn: str) -> list[dict[str, str]]:
    return list(sm.list_tags(ResourceArn=arn)["Tags"])


def test_add_tags_on_an_existing_key_replaces_its_value(sm: Any) -> None:
    sm.create_model_package_group(
        ModelPackageGroupName="churn-prediction", Tags=[{"Key": "team", "Value": "growth"}]
    )
    arn = group_arn(MAIN, "churn-prediction")
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "team", "Value": "retention"}])
    assert _tags(sm, arn) == [{"Key": "team", "Value": "retention"}]


def test_tags_of_a_group_that_does_not_exist_are_a_validation_error(sm: Any) -> None:
    with pytest.raises(ClientError) as caught:
        sm.list_tags(ResourceArn=group_arn(MAIN, "no-such-group"))
    assert caught.value.response["Error"]["Code"] == "ValidationException"


def test_another_accounts_group_tags_need_its_policy(sm: Any, training_sm: Any) -> None:
    training_sm.create_model_package_group(
        ModelPackageGroupName="experiments", Tags=[{"Key": "team", "Value": "ml-platform"}]
    )
    arn = group_arn(TRAINING, "experiments")
    with pytest.raises(ClientError) as caught:
        sm.list_tags(ResourceArn=arn)
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    with pytest.raises(ClientError) as caught:
        sm.add_tags(ResourceArn=arn, Tags=[{"Key": "x", "Value": "y"}])
    assert caught.value.response["Error"]["Code"] == "AccessDeniedException"
    training_sm.put_model_package_group_policy(
        ModelPackageGroupName="experiments",
        ResourcePolicy=share_policy(TRAINING, "experiments", MAIN, ["sagemaker:ListTags"]),
    )
    assert _tags(sm, arn) == [{"Key": "team", "Value": "ml-platform"}]
    assert _tags(training_sm, arn) == [{"Key": "team", "Value": "ml-platform"}]


def test_a_group_names_who_created_it(endpoint: str, sm: Any) -> None:
    iam = sandbox_client(endpoint, "iam")
    iam.create_user(UserName="dana")
    key = iam.create_access_key(UserName="dana")["AccessKey"]
    dana = sandbox_client(endpoint, "sagemaker", credentials={
        "aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]})
    dana.create_model_package_group(ModelPackageGroupName="churn-prediction")
    described = sm.describe_model_package_group(ModelPackageGroupName="churn-prediction")
    assert described["CreatedBy"]["IamIdentity"]["Arn"] == f"arn:aws:iam::{MAIN}:user/dana"
