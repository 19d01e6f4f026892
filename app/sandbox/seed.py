"""Fill a fresh sandbox with three accounts in two regions of registry data, through boto3.

Accounts, roles, buckets, repositories, images, keys, groups and policies go through
the server's API as a user's scripts would; the bulk of artifacts and versions may
skip HTTP (see ``bulk``). The training and business unit accounts are reached only with
credentials from ``sts.assume_role``. The first region holds the registry's long history;
the second (``seed_estate``) fresher work, so what waits for approval has waited minutes,
hours, days or weeks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from . import catalog
from .catalog_assistant import ASSISTANT_IMAGE_TAG, ASSISTANT_REPOSITORY, assistant_group
from .catalog_trends import RECALL_DROP_VERSION, TREND_GROUP, TREND_IMAGE_TAG, TREND_REPOSITORY, lead_scoring_group
from .endpoints import seed_endpoints
from .history import live_a_while
from .seed_estate import MAIN_STEM, TRAINING_STEM, seed_business_unit, seed_main_elsewhere, seed_training_elsewhere
from .seeding import Account, Place, create_key, ensure_role, fill_bucket, objects_of, push_images, register
from .server import SANDBOX_REGION, SECOND_REGION
from .session import (
    BUSINESS_UNIT_ACCOUNT_ID,
    BUSINESS_UNIT_ROLE_NAME,
    MAIN_ACCOUNT_ID,
    TRAINING_ACCOUNT_ID,
    TRAINING_ROLE_NAME,
    business_unit_credentials,
    business_unit_role_arn,
    main_client,
    training_credentials,
    training_role_arn,
)

__all__ = [
    "BUSINESS_UNIT_ACCOUNT_ID",
    "BUSINESS_UNIT_ROLE_NAME",
    "MAIN_ACCOUNT_ID",
    "TRAINING_ACCOUNT_ID",
    "TRAINING_ROLE_NAME",
    "SeedSummary",
    "business_unit_credentials",
    "business_unit_role_arn",
    "main_client",
    "seed",
    "training_credentials",
    "training_role_arn",
]

MAIN_BUCKET = f"{MAIN_STEM}-{MAIN_ACCOUNT_ID}"
TRAINING_BUCKET = f"{TRAINING_STEM}-{TRAINING_ACCOUNT_ID}"
SCRATCH_GROUP = "sandbox-scratch"

MAIN_IMAGES = {
    "churn-xgboost": ["1.5-1", "1.7-1"],
    "fraud-inference": ["sklearn-preprocess-1.0-1", "sklearn-preprocess-1.2-1", "xgboost-1.7-1", "postprocess-1.0"],
    "demand-forecast": ["deepar-2.0"],
    ASSISTANT_REPOSITORY: [ASSISTANT_IMAGE_TAG],
    TREND_REPOSITORY: [TREND_IMAGE_TAG],
}
TRAINING_IMAGES = {"churn-training": ["train-1.7-1"]}


@dataclass
class SeedSummary:
    groups: list[str]  # main-account groups
    version_counts: dict[str, int]  # per group name, both accounts
    pipeline_version_arn: str
    buckets: dict[str, list[str]]  # per account id
    repositories: dict[str, list[str]]  # per account id
    kms_key_ids: dict[str, str]  # per account id
    seconds: float
    shared_group_arns: list[str] = field(default_factory=list)  # visible cross-account
    production_version_arn: str = ""  # churn's version in Production, with the longest history
    accounts: list[str] = field(default_factory=list)  # registry, training, business unit
    regions: list[str] = field(default_factory=list)  # the first region, then the second
    # (account id, region) -> group name -> how many versions: every group of every account.
    places: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict)
    # Version ARN -> how long ago it was registered, for each version seeded waiting for
    # approval with an age of its own (the first region's older groups release weekly).
    pending_ages: dict[str, timedelta] = field(default_factory=dict)
    endpoint_names: list[str] = field(default_factory=list)  # main account, serving some versions
    trend_group: str = ""  # main account: eighteen weekly versions, each with its metrics (or a gap)
    recall_drop_version_arn: str = ""  # the trend group's version where recall fell
    # fraud-detection's two inference pipelines, older first: 2 containers, then 3.
    pipeline_pair_arns: tuple[str, str] = ("", "")


def _seed_main(account: Account) -> tuple[dict[str, list[str]], str]:
    """The main account's registry; returns version ARNs per group and the KMS key id."""
    kms = account.client("kms")
    key_id = create_key(kms, "Registry Desk model artifacts", "alias/registry-desk-models")
    key_arn = kms.describe_key(KeyId=key_id)["KeyMetadata"]["Arn"]
    groups = [
        catalog.churn_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
        catalog.fraud_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
        catalog.demand_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
        lead_scoring_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
    ]
    assistant = assistant_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, key_arn, region=account.region)
    fill_bucket(account, MAIN_BUCKET, objects_of(*groups, assistant))
    push_images(account, MAIN_IMAGES)
    sagemaker = account.client("sagemaker")
    arns = {group.name: register(account, sagemaker, group) for group in groups}
    arns[assistant.name] = register(account, sagemaker, assistant, through_api=True)
    sagemaker.create_model_package_group(
        ModelPackageGroupName=SCRATCH_GROUP,
        ModelPackageGroupDescription="Empty group for trying out deletes",
        Tags=[{"Key": "team", "Value": "ml-platform"}],
    )
    arns[SCRATCH_GROUP] = []
    return arns, key_id


def _seed_training(account: Account) -> tuple[str, str, list[str], str]:
    """The training account: artifacts, an image, a key and a group shared with main."""
    ensure_role(account.client("iam"), TRAINING_ROLE_NAME,
                "Lets Registry Desk in the main account read training artifacts")
    group = catalog.training_group(TRAINING_ACCOUNT_ID, TRAINING_BUCKET, region=account.region)
    fill_bucket(account, TRAINING_BUCKET, objects_of(group))
    push_images(account, TRAINING_IMAGES)
    kms = account.client("kms")
    key_id = create_key(kms, "Training artifacts", "alias/registry-desk-training")
    sagemaker = account.client("sagemaker")
    arns = register(account, sagemaker, group)
    shared = sagemaker.put_model_package_group_policy(
        ModelPackageGroupName=group.name,
        ResourcePolicy=catalog.sharing_policy(
            TRAINING_ACCOUNT_ID, group.name, MAIN_ACCOUNT_ID, account.region
        ),
    )["ModelPackageGroupArn"]
    _promote_share(account.client("ram"), shared)
    return group.name, shared, arns, key_id


def _promote_share(ram: Any, group_arn: str) -> None:
    """Promote the AWS RAM share made from the group's policy, so main lists the group."""
    associations = ram.get_resource_share_associations(
        associationType="RESOURCE", resourceArn=group_arn)["resourceShareAssociations"]
    for association in associations:
        share = association["resourceShareArn"]
        # RAM promotes the share once a managed permission matches it: its own, promoted first.
        for permission in ram.list_resource_share_permissions(resourceShareArn=share)["permissions"]:
            if permission.get("featureSet") == "CREATED_FROM_POLICY":
                ram.promote_permission_created_from_policy(
                    permissionArn=permission["arn"], name=f"seed-{group_arn.rsplit('/', 1)[-1]}")
        ram.promote_resource_share_created_from_policy(resourceShareArn=share)


def seed(endpoint_url: str, region: str = SANDBOX_REGION) -> SeedSummary:
    """Populate an empty sandbox: the main account, then the training account, in ``region``;
    then the three accounts' groups in the other sandbox region and the business unit's here."""
    started = time.perf_counter()
    other = SECOND_REGION if region != SECOND_REGION else SANDBOX_REGION
    main = Account(endpoint_url, MAIN_ACCOUNT_ID, region)
    training = Account(
        endpoint_url, TRAINING_ACCOUNT_ID, region, training_credentials(endpoint_url)
    )
    unit = Account(endpoint_url, BUSINESS_UNIT_ACCOUNT_ID, region, business_unit_credentials(endpoint_url))
    main_arns, main_key = _seed_main(main)
    production = live_a_while(endpoint_url, region)
    endpoints = seed_endpoints(endpoint_url, region)
    shared_name, shared_arn, training_arns, training_key = _seed_training(training)
    ensure_role(unit.client("iam"), BUSINESS_UNIT_ROLE_NAME,
                "Lets Registry Desk in the main account administer the business unit's registry")

    first_main, first_training = Place(MAIN_ACCOUNT_ID, region), Place(TRAINING_ACCOUNT_ID, region)
    for name, arns in main_arns.items():
        first_main.add(name, arns)
    first_training.add(shared_name, training_arns)
    main_elsewhere, main_other_bucket = seed_main_elsewhere(main.elsewhere(other), region)
    training_elsewhere, training_other_bucket = seed_training_elsewhere(training.elsewhere(other), region)
    unit_here, unit_bucket, unit_repositories = seed_business_unit(unit, region)
    unit_elsewhere, unit_other_bucket, _ = seed_business_unit(unit.elsewhere(other), region)
    places = [first_main, first_training, unit_here, main_elsewhere, training_elsewhere, unit_elsewhere]

    counts = {name: len(arns) for name, arns in main_arns.items()}
    counts[shared_name] = len(training_arns)
    return SeedSummary(
        groups=list(main_arns),
        version_counts=counts,
        pipeline_version_arn=main_arns["fraud-detection"][catalog.FRAUD_PIPELINE_VERSION - 1],
        buckets={MAIN_ACCOUNT_ID: [MAIN_BUCKET, main_other_bucket],
                 TRAINING_ACCOUNT_ID: [TRAINING_BUCKET, training_other_bucket],
                 BUSINESS_UNIT_ACCOUNT_ID: [unit_bucket, unit_other_bucket]},
        repositories={
            MAIN_ACCOUNT_ID: list(MAIN_IMAGES),
            TRAINING_ACCOUNT_ID: list(TRAINING_IMAGES),
            BUSINESS_UNIT_ACCOUNT_ID: unit_repositories,
        },
        kms_key_ids={MAIN_ACCOUNT_ID: main_key, TRAINING_ACCOUNT_ID: training_key},
        seconds=time.perf_counter() - started,
        shared_group_arns=[shared_arn],
        production_version_arn=production,
        accounts=[MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID, BUSINESS_UNIT_ACCOUNT_ID],
        regions=[region, other],
        places={(p.account_id, p.region): {name: len(arns) for name, arns in p.arns.items()} for p in places},
        pending_ages={arn: age for p in places for arn, age in p.pending_ages.items()},
        endpoint_names=endpoints,
        trend_group=TREND_GROUP,
        recall_drop_version_arn=main_arns[TREND_GROUP][RECALL_DROP_VERSION - 1],
        pipeline_pair_arns=(main_arns["fraud-detection"][catalog.FRAUD_TWO_STAGE_VERSION - 1],
                            main_arns["fraud-detection"][catalog.FRAUD_PIPELINE_VERSION - 1]),
    )
