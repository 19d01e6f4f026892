"""The seeded sandbox: what it holds in both accounts, and that it is quick to make."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.sandbox import bulk
from app.sandbox.seed import (
    TRAINING_ROLE_NAME,
    SeedSummary,
    main_client,
    seed,
    training_credentials,
    training_role_arn,
)
from app.sandbox.session import sandbox_client

from .sandbox_helpers import MAIN, TRAINING


@pytest.fixture
def seeded(endpoint: str) -> SeedSummary:
    summary = seed(endpoint)
    print(f"\nseed took {summary.seconds:.3f} s")
    return summary


def _versions(sm: Any, group: str) -> list[dict[str, Any]]:
    pages = sm.get_paginator("list_model_packages").paginate(ModelPackageGroupName=group)
    return [v for page in pages for v in page["ModelPackageSummaryList"]]


def test_seeding_over_http_gives_the_same_registry(
    endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server in another process gets every write through boto3."""
    monkeypatch.setattr(bulk, "serves_here", lambda _url: False)
    summary = seed(endpoint)
    print(f"\nseed with every request over HTTP took {summary.seconds:.3f} s")
    sm = main_client(endpoint, "sagemaker")
    versions = _versions(sm, "churn-prediction")
    assert len(versions) == 45
    assert {v["ModelApprovalStatus"] for v in versions} == {
        "Approved",
        "Rejected",
        "PendingManualApproval",
    }
    s3 = main_client(endpoint, "s3")
    listed = s3.list_objects_v2(Bucket=f"registry-desk-models-{MAIN}", Prefix="fraud-detection/")
    # six single models, two and three pipeline stages, and the two pipelines' metrics reports
    assert listed["KeyCount"] == 13


def test_main_account_groups_and_counts(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    listed = sm.list_model_package_groups()["ModelPackageGroupSummaryList"]
    names = {g["ModelPackageGroupName"] for g in listed}
    assert names == {"churn-prediction", "fraud-detection", "demand-forecast", "lead-scoring",
                     "support-assistant", "sandbox-scratch"}
    assert set(seeded.groups) == names
    assert all(g["ModelPackageGroupDescription"] for g in listed)
    for name, count in seeded.version_counts.items():
        if name != "training-experiments":
            assert len(_versions(sm, name)) == count
    assert seeded.version_counts["churn-prediction"] == 45
    assert seeded.version_counts["fraud-detection"] == 8
    assert seeded.version_counts["lead-scoring"] == 18
    assert 2 <= seeded.version_counts["demand-forecast"] <= 5
    assert seeded.version_counts["sandbox-scratch"] == 0
    tags = sm.list_tags(ResourceArn=listed[0]["ModelPackageGroupArn"])["Tags"]
    assert {"Key": "team", "Value": "growth-ml"} in tags


def test_the_assistant_uses_an_uncompressed_prefix_every_metrics_kind_and_a_key(
    endpoint: str, seeded: SeedSummary
) -> None:
    """The fields the other groups leave out, so the wizard's advanced parts have data to show."""
    sm = main_client(endpoint, "sagemaker")
    arns = [v["ModelPackageArn"] for v in _versions(sm, "support-assistant")]
    described = [sm.describe_model_package(ModelPackageName=arn) for arn in arns]
    container = described[0]["InferenceSpecification"]["Containers"][0]
    source = container["ModelDataSource"]["S3DataSource"]
    assert "ModelDataUrl" not in container
    assert (source["S3DataType"], source["CompressionType"]) == ("S3Prefix", "None")
    bucket, prefix = source["S3Uri"].removeprefix("s3://").split("/", 1)
    listed = main_client(endpoint, "s3").list_objects_v2(Bucket=bucket, Prefix=prefix)
    assert listed["KeyCount"] >= 5
    assert any(o["Key"].endswith(".safetensors") for o in listed["Contents"])

    kinds = {f"{g}.{m}" for g, members in described[1]["ModelMetrics"].items() for m in members}
    assert kinds == {"ModelQuality.Statistics", "ModelQuality.Constraints",
                     "ModelDataQuality.Statistics", "ModelDataQuality.Constraints",
                     "Bias.Report", "Bias.PreTrainingReport", "Bias.PostTrainingReport",
                     "Explainability.Report"}
    assert set(described[1]["DriftCheckBaselines"]) == {"Bias", "Explainability", "ModelQuality",
                                                         "ModelDataQuality"}
    assert described[2]["MetadataProperties"]["Repository"].startswith("https://")
    assert described[2]["SourceUri"].startswith("s3://")
    key = seeded.kms_key_ids[MAIN]
    assert described[2]["SecurityConfig"]["KmsKeyId"].endswith(f":key/{key}")
    assert "SecurityConfig" not in described[1]


def test_churn_versions_are_realistic(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    versions = _versions(sm, "churn-prediction")
    statuses = Counter(v["ModelApprovalStatus"] for v in versions)
    assert set(statuses) == {"Approved", "Rejected", "PendingManualApproval"}
    arns = [v["ModelPackageArn"] for v in versions]
    described = [sm.describe_model_package(ModelPackageName=arn) for arn in arns]
    commented = [d for d in described if d.get("ApprovalDescription")]
    assert len(commented) >= 15
    assert any("AUC" in d["ApprovalDescription"] for d in commented)
    assert all(d["ModelPackageDescription"] for d in described)
    assert all(d["CustomerMetadataProperties"]["git_commit"] for d in described)
    container = described[2]["InferenceSpecification"]["Containers"][0]
    assert container["Image"] == f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.5-1"
    assert container["ModelDataUrl"] == (
        f"s3://registry-desk-models-{MAIN}/churn-prediction/v3/model.tar.gz"
    )
    assert described[2]["InferenceSpecification"]["SupportedContentTypes"] == ["text/csv"]
    assert described[2]["InferenceSpecification"]["SupportedResponseMIMETypes"] == ["text/csv"]


def test_versions_were_released_over_months_not_all_this_minute(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    versions = sorted(_versions(sm, "churn-prediction"), key=lambda v: v["ModelPackageVersion"])
    created = [v["CreationTime"] for v in versions]
    assert created == sorted(created) and len(set(created)) == len(created)  # newer version, later date
    assert (created[-1] - created[0]).days >= 7 * 40  # 45 weekly releases
    now = datetime.now(UTC)
    assert timedelta(days=1) < now - created[-1] < timedelta(days=10)  # the latest went out last week
    group = sm.describe_model_package_group(ModelPackageGroupName="churn-prediction")
    assert group["CreationTime"] < created[0]


def test_metrics_reports_exist_in_s3(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    s3 = main_client(endpoint, "s3")
    with_metrics = 0
    for summary in _versions(sm, "churn-prediction"):
        version = sm.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
        model_url = version["InferenceSpecification"]["Containers"][0]["ModelDataUrl"]
        bucket, key = model_url.removeprefix("s3://").split("/", 1)
        assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] > 0
        statistics = version.get("ModelMetrics", {}).get("ModelQuality", {}).get("Statistics")
        if statistics is None:
            continue
        with_metrics += 1
        bucket, key = statistics["S3Uri"].removeprefix("s3://").split("/", 1)
        obj = s3.get_object(Bucket=bucket, Key=key)
        assert obj["ContentType"] == "application/json"
        report = json.loads(obj["Body"].read())
        auc = report["binary_classification_metrics"]["auc"]
        assert 0.5 < auc["value"] < 1.0
        assert auc["standard_deviation"] > 0
        assert set(report["binary_classification_metrics"]) >= {"f1", "precision", "recall"}
    assert 5 <= with_metrics < len(_versions(sm, "churn-prediction"))


def test_fraud_has_a_two_and_a_three_container_pipeline(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    sizes = {}
    for summary in _versions(sm, "fraud-detection"):
        arn = summary["ModelPackageArn"]
        containers = sm.describe_model_package(ModelPackageName=arn)["InferenceSpecification"][
            "Containers"
        ]
        sizes[arn] = len(containers)
    assert sorted(sizes.values()) == [1] * 6 + [2, 3]
    assert sizes[seeded.pipeline_version_arn] == 3
    assert seeded.pipeline_pair_arns == (seeded.pipeline_version_arn.replace("/6", "/5"), seeded.pipeline_version_arn)
    assert sizes[seeded.pipeline_pair_arns[0]] == 2
    pipeline = sm.describe_model_package(ModelPackageName=seeded.pipeline_version_arn)
    containers = pipeline["InferenceSpecification"]["Containers"]
    assert [c["ContainerHostname"] for c in containers] == ["preprocess", "xgboost", "postprocess"]
    for c in containers:
        assert c["Environment"]["SAGEMAKER_PROGRAM"].endswith(".py")
        assert c["Environment"]["SAGEMAKER_SUBMIT_DIRECTORY"].startswith("s3://")
    assert "sklearn" in containers[0]["Image"]


def test_artifacts_images_and_keys_in_the_main_account(endpoint: str, seeded: SeedSummary) -> None:
    ecr = main_client(endpoint, "ecr")
    repositories = {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]}
    assert repositories == set(seeded.repositories[MAIN])
    images = ecr.list_images(repositoryName="churn-xgboost")["imageIds"]
    assert {i["imageTag"] for i in images} == {"1.5-1", "1.7-1"}
    s3 = main_client(endpoint, "s3")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == seeded.buckets[MAIN]
    kms = main_client(endpoint, "kms")
    key = kms.describe_key(KeyId=seeded.kms_key_ids[MAIN])["KeyMetadata"]
    assert key["KeyState"] == "Enabled"


def test_the_scratch_group_can_be_deleted(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    sm.delete_model_package_group(ModelPackageGroupName="sandbox-scratch")
    names = [
        g["ModelPackageGroupName"]
        for g in sm.list_model_package_groups()["ModelPackageGroupSummaryList"]
    ]
    assert "sandbox-scratch" not in names


def test_training_account_contents(endpoint: str, seeded: SeedSummary) -> None:
    keys = training_credentials(endpoint)
    identity = sandbox_client(endpoint, "sts", credentials=keys).get_caller_identity()
    assert identity["Arn"].startswith(f"arn:aws:sts::{TRAINING}:assumed-role/{TRAINING_ROLE_NAME}/")
    iam = sandbox_client(endpoint, "iam", credentials=keys)
    assert iam.get_role(RoleName=TRAINING_ROLE_NAME)["Role"]["Arn"] == training_role_arn()
    ecr = sandbox_client(endpoint, "ecr", credentials=keys)
    assert ecr.list_images(repositoryName="churn-training")["imageIds"]
    s3 = sandbox_client(endpoint, "s3", credentials=keys)
    bucket = f"registry-desk-training-{TRAINING}"
    keys_in_bucket = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert keys_in_bucket and all(k.startswith("training-output/") for k in keys_in_bucket)
    kms = sandbox_client(endpoint, "kms", credentials=keys)
    assert kms.describe_key(KeyId=seeded.kms_key_ids[TRAINING])["KeyMetadata"]["AWSAccountId"] == (
        TRAINING
    )
    # None of it is visible to the main account directly.
    assert bucket not in [b["Name"] for b in main_client(endpoint, "s3").list_buckets()["Buckets"]]


def test_the_training_group_is_shared_with_main(endpoint: str, seeded: SeedSummary) -> None:
    sm = main_client(endpoint, "sagemaker")
    shared = sm.list_model_package_groups(CrossAccountFilterOption="CrossAccount")
    arns = [g["ModelPackageGroupArn"] for g in shared["ModelPackageGroupSummaryList"]]
    assert arns == seeded.shared_group_arns
    assert arns == [
        f"arn:aws:sagemaker:us-east-1:{TRAINING}:model-package-group/training-experiments"
    ]
    versions = sm.list_model_packages(ModelPackageGroupName=arns[0])["ModelPackageSummaryList"]
    assert len(versions) == seeded.version_counts["training-experiments"]
    described = sm.describe_model_package(ModelPackageName=versions[0]["ModelPackageArn"])
    assert described["ModelPackageArn"].startswith(f"arn:aws:sagemaker:us-east-1:{TRAINING}:")
    assert (
        sm.describe_model_package_group(ModelPackageGroupName=arns[0])["ModelPackageGroupName"]
        == "training-experiments"
    )


def test_versions_have_stages_cards_in_every_status_and_edited_metadata(
    endpoint: str, seeded: SeedSummary
) -> None:
    sm = main_client(endpoint, "sagemaker")
    described = [
        sm.describe_model_package(ModelPackageName=v["ModelPackageArn"])
        for v in _versions(sm, "churn-prediction")
    ]
    stages = Counter(d["ModelLifeCycle"]["Stage"] for d in described if "ModelLifeCycle" in d)
    assert set(stages) == {"Development", "Staging", "Production", "Archived"}
    assert stages["Production"] == 1
    cards = {d["ModelCard"]["ModelCardStatus"] for d in described if "ModelCard" in d}
    assert cards == {"Draft", "PendingReview", "Approved", "Archived"}
    production = sm.describe_model_package(ModelPackageName=seeded.production_version_arn)
    assert production["ModelApprovalStatus"] == "Approved"
    assert production["ModelLifeCycle"]["Stage"] == "Production"
    content = json.loads(production["ModelCard"]["ModelCardContent"])
    assert content["model_overview"]["algorithm_type"] == "XGBoost"
    assert "dataset_version" not in production["CustomerMetadataProperties"]
    assert production["CustomerMetadataProperties"]["endpoint"] == "churn-scoring-prod"
    assert production["LastModifiedBy"]["IamIdentity"]["Arn"].endswith(":user/marco.ruiz")


def test_the_production_version_has_a_history_by_two_people(
    endpoint: str, seeded: SeedSummary
) -> None:
    trail = main_client(endpoint, "cloudtrail")
    events = trail.lookup_events(
        LookupAttributes=[
            {"AttributeKey": "ResourceName", "AttributeValue": seeded.production_version_arn}
        ]
    )["Events"]
    assert len(events) >= 4
    assert {e["Username"] for e in events} == {"priya.shah", "marco.ruiz"}
    stages = [
        json.loads(e["CloudTrailEvent"])["requestParameters"].get("modelLifeCycle", {}).get("Stage")
        for e in reversed(events)
    ]
    assert [s for s in stages if s] == ["Staging", "Production"]


def test_seeded_versions_were_created_by_the_account_not_a_studio_profile(
    endpoint: str, seeded: SeedSummary
) -> None:
    """Made in process for speed, the seeded versions still name who made them as the API
    would: the account's own keys, never moto's placeholder Studio user profile."""
    sm = main_client(endpoint, "sagemaker")
    first, reviewed = (
        sm.describe_model_package(ModelPackageName=f"{seeded.production_version_arn.rsplit('/', 1)[0]}/{n}")
        for n in (1, 2)
    )
    root = f"arn:aws:iam::{MAIN}:root"
    for version in (first, reviewed):
        assert version["CreatedBy"] == {"IamIdentity": {"Arn": root, "PrincipalId": MAIN}}
    changed = [v for v in (first, reviewed) if "LastModifiedBy" in v]
    for version in changed:
        assert version["LastModifiedBy"]["IamIdentity"]["Arn"] == root
