"""CloudTrail LookupEvents in the sandbox: the registry writes it served, who made them,
newest first, page by page, with card content and metadata values never recorded."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.sandbox.session import main_client, sandbox_client

from .sandbox_helpers import MAIN, SPEC, TRAINING, group_arn, package_arn, share_policy

SECRET_CARD = {"model_overview": {"model_description": "trained on the-secret-dataset"}}
SECRET_VALUE = "s3://private/secret-lineage"


def _user(endpoint: str, name: str) -> Any:
    iam = main_client(endpoint, "iam")
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    keys = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    return sandbox_client(endpoint, "sagemaker", credentials=keys)


def _events(endpoint: str, resource: str, **extra: Any) -> list[dict[str, Any]]:
    trail = main_client(endpoint, "cloudtrail")
    attributes = [{"AttributeKey": "ResourceName", "AttributeValue": resource}]
    return list(trail.lookup_events(LookupAttributes=attributes, **extra)["Events"])


def _history(endpoint: str, sm: Any) -> str:
    """A version created by dana, staged by lee, approved by dana: its ARN."""
    dana, lee = _user(endpoint, "dana"), _user(endpoint, "lee")
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    arn = dana.create_model_package(
        ModelPackageGroupName="churn-prediction",
        InferenceSpecification=SPEC,
        CustomerMetadataProperties={"lineage": SECRET_VALUE},
        ModelCard={"ModelCardContent": json.dumps(SECRET_CARD), "ModelCardStatus": "Draft"},
    )["ModelPackageArn"]
    lee.update_model_package(
        ModelPackageArn=arn, ModelLifeCycle={"Stage": "Staging", "StageStatus": "InReview"}
    )
    dana.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    return str(arn)


def test_a_versions_events_newest_first_with_their_actors(endpoint: str, sm: Any) -> None:
    arn = _history(endpoint, sm)
    events = _events(endpoint, arn)
    assert [(e["EventName"], e["Username"]) for e in events] == [
        ("UpdateModelPackage", "dana"),
        ("UpdateModelPackage", "lee"),
        ("CreateModelPackage", "dana"),
    ]
    times = [e["EventTime"] for e in events]
    assert times == sorted(times, reverse=True)
    assert {"ResourceType": "AWS::SageMaker::ModelPackage", "ResourceName": arn} in (
        events[0]["Resources"]
    )
    staged = json.loads(events[1]["CloudTrailEvent"])
    assert staged["requestParameters"]["modelLifeCycle"] == {
        "Stage": "Staging",
        "StageStatus": "InReview",
    }
    assert staged["userIdentity"]["arn"] == f"arn:aws:iam::{MAIN}:user/lee"
    assert json.loads(events[0]["CloudTrailEvent"])["requestParameters"] == {
        "modelPackageArn": arn,
        "modelApprovalStatus": "Approved",
    }


def test_card_content_and_metadata_values_are_never_recorded(endpoint: str, sm: Any) -> None:
    arn = _history(endpoint, sm)
    edited = {**SECRET_CARD, "intended_uses": {"purpose_of_model": "the-secret-purpose"}}
    sm.update_model_package(
        ModelPackageArn=arn,
        ModelCard={"ModelCardContent": json.dumps(edited)},
        CustomerMetadataProperties={"reviewer": "the-secret-reviewer"},
        CustomerMetadataPropertiesToRemove=["lineage"],
    )
    events = _events(endpoint, arn)
    everything = json.dumps(events, default=str)
    for secret in ("the-secret-dataset", "the-secret-purpose", "the-secret-reviewer", SECRET_VALUE):
        assert secret not in everything
    recorded = json.loads(events[0]["CloudTrailEvent"])
    parameters = recorded["requestParameters"]
    assert set(parameters["customerMetadataProperties"]) == {"reviewer"}
    assert parameters["customerMetadataPropertiesToRemove"] == ["lineage"]
    assert recorded["additionalEventData"]["modelCardContentSectionsChanged"] == ["intended_uses"]


def test_deletes_and_group_writes_are_recorded_on_the_group(endpoint: str, sm: Any) -> None:
    arn = _history(endpoint, sm)
    sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-prediction",
        ResourcePolicy=share_policy(MAIN, "churn-prediction", TRAINING, ["sagemaker:*"]),
    )
    sm.delete_model_package(ModelPackageName=arn)
    sm.delete_model_package_group(ModelPackageGroupName="churn-prediction")
    on_group = [e["EventName"] for e in _events(endpoint, group_arn(MAIN, "churn-prediction"))]
    assert on_group == [
        "DeleteModelPackageGroup",
        "DeleteModelPackage",
        "PutModelPackageGroupPolicy",
        "UpdateModelPackage",
        "UpdateModelPackage",
        "CreateModelPackage",
        "CreateModelPackageGroup",
    ]
    assert _events(endpoint, arn)[0]["EventName"] == "DeleteModelPackage"


def test_a_failed_write_records_nothing(endpoint: str, sm: Any) -> None:
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    missing = package_arn(MAIN, "churn-prediction", 7)
    with pytest.raises(ClientError):
        sm.update_model_package(ModelPackageArn=missing, ModelApprovalStatus="Approved")
    assert _events(endpoint, missing) == []


def test_pages_of_events_cover_all_without_repeats(endpoint: str, sm: Any) -> None:
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    arn = sm.create_model_package(
        ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC
    )["ModelPackageArn"]
    for number in range(6):
        sm.update_model_package(ModelPackageArn=arn, ApprovalDescription=f"review {number}")
    trail = main_client(endpoint, "cloudtrail")
    attributes = [{"AttributeKey": "ResourceName", "AttributeValue": arn}]
    pages = trail.get_paginator("lookup_events").paginate(
        LookupAttributes=attributes, PaginationConfig={"PageSize": 3}
    )
    seen = [event["EventId"] for page in pages for event in page["Events"]]
    assert len(seen) == 7 == len(set(seen))
    first = trail.lookup_events(LookupAttributes=attributes, MaxResults=3)
    assert len(first["Events"]) == 3 and first["NextToken"]


def test_only_one_lookup_attribute_is_allowed(endpoint: str) -> None:
    trail = main_client(endpoint, "cloudtrail")
    with pytest.raises(ClientError) as raised:
        trail.lookup_events(
            LookupAttributes=[
                {"AttributeKey": "EventName", "AttributeValue": "UpdateModelPackage"},
                {"AttributeKey": "Username", "AttributeValue": "dana"},
            ]
        )
    assert raised.value.response["Error"]["Code"] == "InvalidLookupAttributesException"


def test_another_accounts_write_shows_in_both_trails(
    endpoint: str, sm: Any, training_sm: Any, training_keys: dict[str, str]
) -> None:
    training_sm.create_model_package_group(ModelPackageGroupName="churn-training")
    arn = training_sm.create_model_package(
        ModelPackageGroupName="churn-training", InferenceSpecification=SPEC
    )["ModelPackageArn"]
    training_sm.put_model_package_group_policy(
        ModelPackageGroupName="churn-training",
        ResourcePolicy=share_policy(
            TRAINING, "churn-training", MAIN, ["sagemaker:UpdateModelPackage"]
        ),
    )
    sm.update_model_package(
        ModelPackageArn=arn, ModelLifeCycle={"Stage": "Production", "StageStatus": "Approved"}
    )
    assert [e["EventName"] for e in _events(endpoint, arn)] == ["UpdateModelPackage"]
    owners = sandbox_client(endpoint, "cloudtrail", credentials=training_keys).lookup_events(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "UpdateModelPackage"}]
    )
    assert [e["Username"] for e in owners["Events"]] == ["root"]
    assert training_sm.describe_model_package(ModelPackageName=arn)["ModelLifeCycle"] == {
        "Stage": "Production",
        "StageStatus": "Approved",
    }
