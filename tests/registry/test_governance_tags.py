"""Group tags, the group's description and its resource policy as the group details read them,
against the sandbox, read back with boto3."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from app.registry.accounts.sessions import AccountSession
from app.registry.crossaccount.grants import read_group_policy
from app.registry.errors import RegistryError
from app.registry.governance.group_info import IAM_USER, ROOT, read_group_info
from app.registry.governance.tags import (
    TagConflict,
    TagEdit,
    check_tag_key,
    check_tag_value,
    edit_tags,
    list_tags,
)

from .conftest import MAIN_ACCOUNT, OTHER_ACCOUNT

GROUP = "churn-prediction"
ARN = f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/{GROUP}"


class Calls:
    """The tag writes the real client sends (botocore's before-call event)."""

    def __init__(self, client: Any) -> None:
        self.names: list[str] = []
        for name in ("AddTags", "DeleteTags"):
            client.meta.events.register(f"before-call.sagemaker.{name}", self._sent)

    def _sent(self, model: Any, **_: Any) -> None:
        self.names.append(model.name)


@pytest.fixture
def group(sagemaker: Any) -> str:
    sagemaker.create_model_package_group(
        ModelPackageGroupName=GROUP, Tags=[{"Key": "team", "Value": "growth-ml"}, {"Key": "tier", "Value": "1"}])
    return ARN


def _boto_tags(sagemaker: Any, arn: str) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in sagemaker.list_tags(ResourceArn=arn)["Tags"]}


def test_tags_added_changed_and_removed_read_back(session: AccountSession, sagemaker: Any, group: str) -> None:
    seen = list_tags(session, group)
    assert seen == {"team": "growth-ml", "tier": "1"}
    after = edit_tags(session, group, TagEdit(set={"cost-center": "cc-4471", "team": "retention"}), seen)
    assert _boto_tags(sagemaker, group) == {"team": "retention", "tier": "1", "cost-center": "cc-4471"} == after
    after = edit_tags(session, group, TagEdit(remove=("tier",)), after)
    assert _boto_tags(sagemaker, group) == {"team": "retention", "cost-center": "cc-4471"} == after


@pytest.mark.parametrize(("edit", "says"), [
    (TagEdit(set={"team#1": "x"}), "The tag key may use letters, digits, spaces and _ . : / = + - @ only; remove '#'."),
    (TagEdit(set={"aws:owner": "x"}), "reserved for AWS"),
    (TagEdit(set={"k" * 129: "x"}), "Shorten the tag key to at most 128 characters (it has 129; remove 1)."),
    (TagEdit(set={"team": "growth;ml"}),
     "The tag value may use letters, digits, spaces and _ . : / = + - @ only; remove ';' (tag 'team')."),
    (TagEdit(set={"": "x"}), "Type a tag key; it may not be empty."),
])
def test_an_invalid_tag_is_refused_before_any_call(
    session: AccountSession, sagemaker: Any, group: str, edit: TagEdit, says: str,
) -> None:
    calls = Calls(session.client("sagemaker"))
    with pytest.raises(RegistryError) as refused:
        edit_tags(session, group, edit, {"team": "growth-ml", "tier": "1"})
    assert says in str(refused.value)
    assert refused.value.kind == "invalid"
    assert calls.names == []
    assert _boto_tags(sagemaker, group) == {"team": "growth-ml", "tier": "1"}


def test_the_checks_accept_what_aws_accepts() -> None:
    assert check_tag_key("cost-center:finance/ops@team=a+b") is None
    assert check_tag_value("") is None
    assert check_tag_value("v" * 257) == "Shorten the tag value to at most 256 characters (it has 257; remove 1)."


def test_a_tag_changed_behind_the_apps_back_is_not_overwritten(
    session: AccountSession, sagemaker: Any, group: str,
) -> None:
    seen = list_tags(session, group)
    sagemaker.add_tags(ResourceArn=group, Tags=[{"Key": "team", "Value": "payments"}])  # someone else
    calls = Calls(session.client("sagemaker"))
    with pytest.raises(TagConflict) as conflict:
        edit_tags(session, group, TagEdit(set={"team": "retention"}), seen)
    assert "'team' (you read 'growth-ml'; it is now 'payments')" in str(conflict.value)
    assert "nothing was saved" in str(conflict.value)
    assert conflict.value.current == {"team": "payments", "tier": "1"}
    assert calls.names == []
    assert _boto_tags(sagemaker, group)["team"] == "payments"
    # a tag removed by someone else is not "removed again" unseen either
    sagemaker.delete_tags(ResourceArn=group, TagKeys=["tier"])
    with pytest.raises(TagConflict, match="'tier' \\(you read '1'; it is now removed\\)"):
        edit_tags(session, group, TagEdit(remove=("tier",)), seen)
    # an edit of another key goes through: only the keys edited must be as read
    assert edit_tags(session, group, TagEdit(set={"owner": "dana"}), {"team": "payments"})["owner"] == "dana"


def test_too_many_tags_are_refused_before_the_call(session: AccountSession, group: str) -> None:
    seen = {"team": "growth-ml", "tier": "1"}
    with pytest.raises(RegistryError, match="at most 50 tags; this edit leaves 51: remove 1"):
        edit_tags(session, group, TagEdit(set={f"k{i}": "v" for i in range(49)}), seen)


def test_the_group_info_names_who_created_it(session: AccountSession, sagemaker: Any, group: str) -> None:
    info = read_group_info(session, GROUP)
    assert (info.name, info.arn, info.status, info.account_id) == (GROUP, ARN, "Completed", MAIN_ACCOUNT)
    assert info.creator.kind == ROOT and info.creator.account_id == MAIN_ACCOUNT


def test_a_group_created_by_an_iam_user_is_named(endpoint: str, session: AccountSession) -> None:
    iam = session.client("iam")
    iam.create_user(UserName="dana")
    key = iam.create_access_key(UserName="dana")["AccessKey"]
    dana = boto3.client("sagemaker", region_name="us-east-1", endpoint_url=endpoint,
                        aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    dana.create_model_package_group(ModelPackageGroupName="dana-group")
    creator = read_group_info(session, "dana-group").creator
    assert (creator.kind, creator.name) == (IAM_USER, "dana")


def test_the_policy_names_the_accounts_it_grants(session: AccountSession, sagemaker: Any, group: str) -> None:
    assert read_group_policy(session, GROUP) is None  # no policy yet: "no policy", not an error
    document = {"Version": "2012-10-17", "Statement": [
        {"Sid": "Register", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:role/trainer"},
         "Action": ["sagemaker:CreateModelPackage"], "Resource": f"{ARN.replace('-group', '')}/*"},
        {"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": [OTHER_ACCOUNT, "arn:aws:iam::555555555555:root"]},
         "Action": "sagemaker:DescribeModelPackageGroup", "Resource": ARN},
    ]}
    sagemaker.put_model_package_group_policy(ModelPackageGroupName=GROUP, ResourcePolicy=json.dumps(document))
    policy = read_group_policy(session, GROUP)
    assert policy is not None
    assert json.loads(policy.text) == document and "\n  " in policy.text  # pretty-printed
    by_account = {g.account_id: g for g in policy.grants}
    assert list(by_account) == [OTHER_ACCOUNT, "555555555555"]
    assert by_account[OTHER_ACCOUNT].actions == ("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackageGroup")
    assert by_account[OTHER_ACCOUNT].statements == ("Register", "Read")
    assert by_account["555555555555"].principals == ("arn:aws:iam::555555555555:root",)
