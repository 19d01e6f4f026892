"""Version fields after registration: lifecycle, model card, metadata, source URI, who
changed them, and group tags, read back through boto3 field by field."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from app.sandbox import patches
from app.sandbox.session import main_client, sandbox_client

from .sandbox_helpers import MAIN, SPEC, group_arn

CARD = {
    "model_overview": {"model_description": "Predicts churn from 90 days of usage"},
    "intended_uses": {"purpose_of_model": "Retention campaigns", "risk_rating": "Low"},
}
EXTRA_SPEC = {
    "Name": "gpu-variant",
    "Containers": [{"Image": f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"}],
}


def _version(sm: Any, **fields: Any) -> str:
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    created = sm.create_model_package(
        ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC, **fields
    )
    return str(created["ModelPackageArn"])


def _described(sm: Any, arn: str) -> dict[str, Any]:
    return dict(sm.describe_model_package(ModelPackageName=arn))


def _iam_user(endpoint: str, name: str) -> dict[str, str]:
    iam = main_client(endpoint, "iam")
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


def test_create_takes_lifecycle_card_and_source_uri(sm: Any) -> None:
    arn = _version(
        sm,
        ModelLifeCycle={"Stage": "Development", "StageStatus": "InProgress"},
        ModelCard={"ModelCardContent": json.dumps(CARD), "ModelCardStatus": "Draft"},
        SourceUri="s3://models/churn/source.tar.gz",
    )
    described = _described(sm, arn)
    assert described["ModelLifeCycle"] == {"Stage": "Development", "StageStatus": "InProgress"}
    assert json.loads(described["ModelCard"]["ModelCardContent"]) == CARD
    assert described["ModelCard"]["ModelCardStatus"] == "Draft"
    assert described["SourceUri"] == "s3://models/churn/source.tar.gz"


def test_the_listing_carries_each_versions_stage(sm: Any) -> None:
    """A versions table can show the stage column from the listing alone, as on AWS."""
    arn = _version(sm, ModelLifeCycle={"Stage": "Staging", "StageStatus": "InReview"})
    sm.create_model_package(ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC)
    listed = sm.list_model_packages(ModelPackageGroupName="churn-prediction")
    stages = {v["ModelPackageArn"]: v.get("ModelLifeCycle") for v in listed["ModelPackageSummaryList"]}
    assert stages[arn] == {"Stage": "Staging", "StageStatus": "InReview"}
    assert sorted(stages.values(), key=str) == [None, {"Stage": "Staging", "StageStatus": "InReview"}]


def test_an_update_changes_only_what_it_sends(sm: Any) -> None:
    arn = _version(
        sm,
        ModelApprovalStatus="Approved",
        CustomerMetadataProperties={"team": "growth", "ticket": "ML-1"},
        AdditionalInferenceSpecifications=[EXTRA_SPEC],
        ModelCard={"ModelCardContent": json.dumps(CARD), "ModelCardStatus": "Draft"},
        SourceUri="s3://models/churn/source.tar.gz",
    )
    sm.update_model_package(ModelPackageArn=arn, ApprovalDescription="checked by risk")
    sm.update_model_package(
        ModelPackageArn=arn,
        ModelLifeCycle={
            "Stage": "Staging",
            "StageStatus": "PendingApproval",
            "StageDescription": "shadow traffic for a week",
        },
    )
    described = _described(sm, arn)
    assert described["ModelApprovalStatus"] == "Approved"
    assert described["ApprovalDescription"] == "checked by risk"
    assert described["CustomerMetadataProperties"] == {"team": "growth", "ticket": "ML-1"}
    assert described["AdditionalInferenceSpecifications"] == [EXTRA_SPEC]
    assert json.loads(described["ModelCard"]["ModelCardContent"]) == CARD
    assert described["SourceUri"] == "s3://models/churn/source.tar.gz"
    assert described["ModelLifeCycle"] == {
        "Stage": "Staging",
        "StageStatus": "PendingApproval",
        "StageDescription": "shadow traffic for a week",
    }


def test_metadata_keys_added_and_removed_in_one_update(sm: Any) -> None:
    arn = _version(sm, CustomerMetadataProperties={"team": "growth", "ticket": "ML-1"})
    sm.update_model_package(
        ModelPackageArn=arn,
        CustomerMetadataProperties={"owner": "dana", "team": "retention"},
        CustomerMetadataPropertiesToRemove=["ticket"],
    )
    assert _described(sm, arn)["CustomerMetadataProperties"] == {
        "team": "retention",
        "owner": "dana",
    }
    sm.update_model_package(
        ModelPackageArn=arn, CustomerMetadataPropertiesToRemove=["team", "owner"]
    )
    assert "CustomerMetadataProperties" not in _described(sm, arn)


def test_the_card_moves_through_its_statuses_keeping_its_content(sm: Any) -> None:
    arn = _version(sm, ModelCard={"ModelCardContent": json.dumps(CARD), "ModelCardStatus": "Draft"})
    for status in ("PendingReview", "Approved", "Archived"):
        sm.update_model_package(ModelPackageArn=arn, ModelCard={"ModelCardStatus": status})
        card = _described(sm, arn)["ModelCard"]
        assert card["ModelCardStatus"] == status
        assert json.loads(card["ModelCardContent"]) == CARD
    edited = {**CARD, "additional_information": {"caveats_and_recommendations": "none"}}
    sm.update_model_package(ModelPackageArn=arn, ModelCard={"ModelCardContent": json.dumps(edited)})
    card = _described(sm, arn)["ModelCard"]
    assert json.loads(card["ModelCardContent"]) == edited
    assert card["ModelCardStatus"] == "Archived"


@pytest.mark.parametrize(
    "fields",
    [
        {"ModelLifeCycle": {"Stage": "not a stage!", "StageStatus": "Approved"}},
        {"ModelLifeCycle": {"Stage": "Production", "StageStatus": "x" * 64}},
        {"ModelCard": {"ModelCardStatus": "Published"}},
        {"ModelCard": {"ModelCardContent": "{not json"}},
    ],
)
def test_a_malformed_field_is_refused_and_nothing_changes(sm: Any, fields: dict[str, Any]) -> None:
    arn = _version(sm, ModelLifeCycle={"Stage": "Development", "StageStatus": "Approved"})
    with pytest.raises(ClientError) as raised:
        sm.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved", **fields)
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    described = _described(sm, arn)
    assert described["ModelApprovalStatus"] == "PendingManualApproval"
    assert described["ModelLifeCycle"] == {"Stage": "Development", "StageStatus": "Approved"}


def test_last_modified_by_names_the_user_who_changed_it(endpoint: str, sm: Any) -> None:
    arn = _version(sm)
    dana = sandbox_client(endpoint, "sagemaker", credentials=_iam_user(endpoint, "dana"))
    before = _described(sm, arn)
    dana.update_model_package(ModelPackageArn=arn, SourceUri="s3://models/churn/v2.tar.gz")
    described = _described(sm, arn)
    assert described["LastModifiedBy"]["IamIdentity"]["Arn"] == f"arn:aws:iam::{MAIN}:user/dana"
    assert described["LastModifiedTime"] >= before["CreationTime"]
    assert described["CreatedBy"]["IamIdentity"]["Arn"] == f"arn:aws:iam::{MAIN}:root"


def test_group_tags_are_added_listed_and_removed_by_group_arn(sm: Any) -> None:
    sm.create_model_package_group(
        ModelPackageGroupName="churn-prediction", Tags=[{"Key": "team", "Value": "growth"}]
    )
    arn = group_arn(MAIN, "churn-prediction")
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "cost-center", "Value": "cc-4471"}])
    tags = sm.list_tags(ResourceArn=arn)["Tags"]
    assert {t["Key"]: t["Value"] for t in tags} == {"team": "growth", "cost-center": "cc-4471"}
    sm.delete_tags(ResourceArn=arn, TagKeys=["team"])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "cost-center", "Value": "cc-4471"}]


def test_the_same_fields_in_process_under_mock_aws() -> None:
    patches.install()
    with mock_aws():
        sm = boto3.client(
            "sagemaker",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        arn = _version(sm, CustomerMetadataProperties={"team": "growth"})
        sm.update_model_package(
            ModelPackageArn=arn, ModelLifeCycle={"Stage": "Production", "StageStatus": "Approved"}
        )
        described = _described(sm, arn)
        assert described["ModelLifeCycle"] == {"Stage": "Production", "StageStatus": "Approved"}
        assert described["CustomerMetadataProperties"] == {"team": "growth"}


def test_create_keeps_the_kms_key_the_validation_setting_and_the_registration_type(sm: Any) -> None:
    # moto 5.2.5 reads none of the three; AWS returns each as it was sent.
    arn = _version(sm, SecurityConfig={"KmsKeyId": "alias/registry"}, SkipModelValidation="All",
                   ModelPackageRegistrationType="Registered")
    described = _described(sm, arn)
    assert described["SecurityConfig"] == {"KmsKeyId": "alias/registry"}
    assert described["SkipModelValidation"] == "All"
    assert described["ModelPackageRegistrationType"] == "Registered"
    plain = _described(sm, _version(sm))
    assert "SecurityConfig" not in plain and "SkipModelValidation" not in plain


@pytest.mark.parametrize("fields", [
    {"SkipModelValidation": "Some"},
    {"SecurityConfig": {"KmsKeyId": "alias/with space"}},
])
def test_a_malformed_create_field_is_refused_and_no_version_is_made(sm: Any, fields: dict[str, Any]) -> None:
    sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
    with pytest.raises(ClientError) as raised:
        sm.create_model_package(ModelPackageGroupName="churn-prediction", InferenceSpecification=SPEC, **fields)
    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert sm.list_model_packages(ModelPackageGroupName="churn-prediction")["ModelPackageSummaryList"] == []


def test_a_versions_tags_are_listed_by_its_arn(sm: Any) -> None:
    # moto 5.2.5 resolves no version ARN (model-package/group/1): ListTags failed with a 500.
    arn = _version(sm, Tags=[{"Key": "owner", "Value": "support-ml"}])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "owner", "Value": "support-ml"}]
    sm.add_tags(ResourceArn=arn, Tags=[{"Key": "owner", "Value": "risk"}])
    assert sm.list_tags(ResourceArn=arn)["Tags"] == [{"Key": "owner", "Value": "risk"}]
    with pytest.raises(ClientError) as raised:
        sm.list_tags(ResourceArn=arn.rsplit("/", 1)[0] + "/99")
    assert raised.value.response["Error"]["Code"] == "ValidationException"
