"""The sandbox's estate: three accounts in two regions, and versions that have waited for
approval minutes, hours, days or weeks, as the estate, the inbox and the picker show them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.cli import SandboxRuntime
from app.sandbox.seed import (
    BUSINESS_UNIT_ACCOUNT_ID,
    BUSINESS_UNIT_ROLE_NAME,
    SeedSummary,
    business_unit_credentials,
    business_unit_role_arn,
    main_client,
    seed,
    training_credentials,
)
from app.sandbox.session import sandbox_client

from .sandbox_helpers import MAIN, TRAINING

UNIT = BUSINESS_UNIT_ACCOUNT_ID
US, EU = "us-east-1", "eu-west-1"
PENDING = "PendingManualApproval"

# What each account lists in each region (its own groups), and how many versions each holds.
ESTATE = {
    (MAIN, US): {"churn-prediction": 45, "fraud-detection": 8, "demand-forecast": 4, "lead-scoring": 18,
                 "support-assistant": 3, "sandbox-scratch": 0},
    (MAIN, EU): {"churn-prediction": 8, "customer-lifetime-value": 3},
    (TRAINING, US): {"training-experiments": 3},
    (TRAINING, EU): {"training-experiments": 2},
    (UNIT, US): {"credit-risk-scoring": 7, "pricing-elasticity": 5},
    (UNIT, EU): {"credit-risk-scoring": 4},
}


@pytest.fixture
def seeded(endpoint: str) -> SeedSummary:
    return seed(endpoint)


def _keys(endpoint: str, account: str) -> dict[str, str] | None:
    """The main account's own keys, or the other accounts' from sts.assume_role."""
    if account == MAIN:
        return None
    return training_credentials(endpoint) if account == TRAINING else business_unit_credentials(endpoint)


def _sagemaker(endpoint: str, account: str, region: str) -> Any:
    return sandbox_client(endpoint, "sagemaker", region, _keys(endpoint, account))


def _versions(sm: Any, group: str, **filters: str) -> list[dict[str, Any]]:
    pages = sm.get_paginator("list_model_packages").paginate(ModelPackageGroupName=group, **filters)
    return [v for page in pages for v in page["ModelPackageSummaryList"]]


def test_three_accounts_list_their_groups_in_both_regions_as_seeded(endpoint: str, seeded: SeedSummary) -> None:
    assert seeded.accounts == [MAIN, TRAINING, UNIT]
    assert seeded.regions == [US, EU]
    assert seeded.places == ESTATE
    for (account, region), groups in ESTATE.items():
        sm = _sagemaker(endpoint, account, region)
        listed = sm.list_model_package_groups()["ModelPackageGroupSummaryList"]
        assert {g["ModelPackageGroupName"] for g in listed} == set(groups), (account, region)
        for summary in listed:
            assert summary["ModelPackageGroupArn"].startswith(f"arn:aws:sagemaker:{region}:{account}:")
            assert summary["ModelPackageGroupDescription"]
            name = summary["ModelPackageGroupName"]
            versions = _versions(sm, name)
            assert len(versions) == groups[name], (account, region, name)
            assert all(v["ModelPackageArn"].startswith(f"arn:aws:sagemaker:{region}:{account}:") for v in versions)


def test_a_group_of_the_same_name_in_the_second_region_has_its_own_versions_images_and_bucket(
    endpoint: str, seeded: SeedSummary
) -> None:
    sm = _sagemaker(endpoint, MAIN, EU)
    described = [sm.describe_model_package(ModelPackageName=v["ModelPackageArn"])
                 for v in _versions(sm, "churn-prediction")]
    container = described[0]["InferenceSpecification"]["Containers"][0]
    assert container["Image"] == f"{MAIN}.dkr.ecr.eu-west-1.amazonaws.com/churn-xgboost:1.7-1"
    bucket, key = container["ModelDataUrl"].removeprefix("s3://").split("/", 1)
    assert bucket == f"registry-desk-models-{MAIN}-eu-west-1" and bucket in seeded.buckets[MAIN]
    s3 = sandbox_client(endpoint, "s3", EU)
    assert s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] == EU
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] > 0
    ecr = sandbox_client(endpoint, "ecr", EU)
    assert {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]} == {
        "churn-xgboost", "customer-ltv"}
    assert all(d["CustomerMetadataProperties"]["data_residency"] == EU for d in described)
    # The first region's churn model is another group: its 45 versions are not these 8.
    assert len(_versions(main_client(endpoint, "sagemaker"), "churn-prediction")) == 45


def test_versions_wait_for_approval_minutes_hours_days_and_weeks_as_seeded(
    endpoint: str, seeded: SeedSummary
) -> None:
    waiting: dict[str, timedelta] = {}
    for account, region in ESTATE:
        sm = _sagemaker(endpoint, account, region)
        now = datetime.now(UTC)
        for group in ESTATE[(account, region)]:
            for version in _versions(sm, group, ModelApprovalStatus=PENDING):
                waiting[version["ModelPackageArn"]] = now - version["CreationTime"]
    assert set(seeded.pending_ages) <= set(waiting)
    for arn, age in seeded.pending_ages.items():
        # Seconds pass between seeding and listing; never minutes.
        assert age <= waiting[arn] < age + timedelta(minutes=2), arn

    def places(shortest: timedelta, longest: timedelta) -> set[tuple[str, str]]:
        return {(arn.split(":")[4], arn.split(":")[3]) for arn, age in waiting.items() if shortest <= age < longest}

    minutes = places(timedelta(0), timedelta(hours=1))
    hours = places(timedelta(hours=1), timedelta(days=1))
    days = places(timedelta(days=1), timedelta(weeks=1))
    weeks = places(timedelta(weeks=1), timedelta(weeks=60))
    assert minutes == {(MAIN, EU), (UNIT, US)}
    assert hours == {(TRAINING, EU), (UNIT, US), (UNIT, EU)}
    assert {(MAIN, US), (MAIN, EU), (TRAINING, US), (TRAINING, EU), (UNIT, US)} <= days
    assert {(MAIN, US), (MAIN, EU), (TRAINING, US), (UNIT, US)} <= weeks


def test_the_business_units_pending_credit_models_in_order_of_arrival(endpoint: str, seeded: SeedSummary) -> None:
    sm = _sagemaker(endpoint, UNIT, US)
    now = datetime.now(UTC)
    pending = sorted(_versions(sm, "credit-risk-scoring", ModelApprovalStatus=PENDING),
                     key=lambda v: v["CreationTime"])
    assert [v["ModelPackageVersion"] for v in pending] == [5, 6, 7]
    ages = [now - v["CreationTime"] for v in pending]
    assert timedelta(weeks=3) <= ages[0] < timedelta(weeks=3, minutes=2)
    assert timedelta(days=2) <= ages[1] < timedelta(days=2, minutes=2)
    assert timedelta(minutes=8) <= ages[2] < timedelta(minutes=10)
    decided = [sm.describe_model_package(ModelPackageName=v["ModelPackageArn"])
               for v in _versions(sm, "credit-risk-scoring") if v["ModelApprovalStatus"] != PENDING]
    assert [d["ModelApprovalStatus"] for d in decided] == ["Approved", "Rejected", "Approved", "Rejected"]
    assert all(d["ApprovalDescription"] for d in decided)
    assert all(d["LastModifiedTime"] > d["CreationTime"] for d in decided)  # reviewed after it came


def test_the_business_unit_is_reached_by_an_assumed_role_as_the_training_account_is(
    endpoint: str, seeded: SeedSummary
) -> None:
    keys = business_unit_credentials(endpoint)
    assert set(keys) == {"aws_access_key_id", "aws_secret_access_key", "aws_session_token"}
    for region in (US, EU):
        identity = sandbox_client(endpoint, "sts", region, keys).get_caller_identity()
        assert identity["Account"] == UNIT
        assert identity["Arn"].startswith(f"arn:aws:sts::{UNIT}:assumed-role/{BUSINESS_UNIT_ROLE_NAME}/")
    role = sandbox_client(endpoint, "iam", credentials=keys).get_role(RoleName=BUSINESS_UNIT_ROLE_NAME)["Role"]
    assert role["Arn"] == business_unit_role_arn()
    trust = role["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    assert trust["Statement"][0]["Principal"] == {"AWS": f"arn:aws:iam::{MAIN}:root"}
    # Its buckets and repositories are its own; the registry account sees none of them.
    s3 = sandbox_client(endpoint, "s3", credentials=keys)
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == seeded.buckets[UNIT] == [
        f"registry-desk-bu-{UNIT}", f"registry-desk-bu-{UNIT}-eu-west-1"]
    assert not set(seeded.buckets[UNIT]) & {b["Name"] for b in main_client(endpoint, "s3").list_buckets()["Buckets"]}
    ecr = sandbox_client(endpoint, "ecr", credentials=keys)
    assert {r["repositoryName"] for r in ecr.describe_repositories()["repositories"]} == {"credit-risk", "pricing"}
    assert main_client(endpoint, "sagemaker").list_model_package_groups(
        NameContains="credit")["ModelPackageGroupSummaryList"] == []


def test_the_sandbox_startup_offers_three_accounts_and_two_regions(endpoint: str) -> None:
    runtime = SandboxRuntime()
    try:
        result, served = runtime.start()
        assert [c.title for c in result.choices] == [
            f"sandbox — registry account {MAIN}",
            f"sandbox-training — training account {TRAINING} (assumed role)",
            f"sandbox-bu — business unit account {UNIT} (assumed role)",
        ]
        assert result.regions == [US, EU]
        assert result.current == result.choices[0].connection
        assert [c.role_arn.split(":")[4] for c in result.choices[1:]] == [TRAINING, UNIT]
        assert "13 groups, 110 versions in 3 accounts and 2 regions" in result.note
        for choice, account in zip(result.choices, (MAIN, TRAINING, UNIT), strict=True):
            connection = choice.connection
            assert connection.endpoint_url == served and connection.region == US
            keys = {"aws_access_key_id": connection.access_key_id,
                    "aws_secret_access_key": connection.secret_access_key}
            if connection.session_token:
                keys["aws_session_token"] = connection.session_token
            sts = sandbox_client(served, "sts", EU, keys)
            assert sts.get_caller_identity()["Account"] == account
            listed = sandbox_client(served, "sagemaker", EU, keys).list_model_package_groups()
            assert {g["ModelPackageGroupName"] for g in listed["ModelPackageGroupSummaryList"]} == set(
                ESTATE[(account, EU)])
    finally:
        runtime.stop()


def test_every_account_and_region_has_versions_a_metadata_value_tells_apart(endpoint: str, seeded: SeedSummary) -> None:
    """The estate's search demo: a value of CustomerMetadataProperties names one version, in any
    account and region (the estate's refresh reads them; a listing alone never shows them)."""
    values: dict[str, set[tuple[str, str, str]]] = {}  # metadata value -> where it is
    for (account, region), groups in ESTATE.items():
        sm = _sagemaker(endpoint, account, region)
        with_metadata = 0
        for group, count in groups.items():
            for summary in _versions(sm, group) if count else []:
                described = sm.describe_model_package(ModelPackageName=summary["ModelPackageArn"])
                metadata = described.get("CustomerMetadataProperties") or {}
                with_metadata += bool(metadata)
                for value in metadata.values():
                    values.setdefault(value, set()).add((account, region, summary["ModelPackageArn"]))
        assert with_metadata >= 2, (account, region)
    # Some values name exactly one version, and they live in different accounts and regions.
    unique = {next(iter(places))[:2] for places in values.values() if len(places) == 1}
    assert {place[0] for place in unique} == {MAIN, TRAINING, UNIT}
    assert {place[1] for place in unique} == {US, EU}
