"""Fill a fresh sandbox with two accounts' worth of registry data, through boto3.

Accounts, roles, buckets, repositories, images, keys, groups and policies go through
the server's API as a user's scripts would; the bulk of artifacts and versions may
skip HTTP (see ``bulk``). The training account is reached only with credentials from
``sts.assume_role``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from . import catalog
from .bulk import add_versions, put_objects
from .catalog_assistant import ASSISTANT_IMAGE_TAG, ASSISTANT_REPOSITORY, assistant_group
from .endpoints import seed_endpoints
from .history import live_a_while
from .server import SANDBOX_REGION
from .session import (
    MAIN_ACCOUNT_ID,
    TRAINING_ACCOUNT_ID,
    TRAINING_ROLE_NAME,
    main_client,
    sandbox_client,
    training_credentials,
    training_role_arn,
)

__all__ = [
    "MAIN_ACCOUNT_ID",
    "TRAINING_ACCOUNT_ID",
    "TRAINING_ROLE_NAME",
    "SeedSummary",
    "main_client",
    "seed",
    "training_credentials",
    "training_role_arn",
]

MAIN_BUCKET = f"registry-desk-models-{MAIN_ACCOUNT_ID}"
TRAINING_BUCKET = f"registry-desk-training-{TRAINING_ACCOUNT_ID}"
SCRATCH_GROUP = "sandbox-scratch"

MAIN_IMAGES = {
    "churn-xgboost": ["1.5-1", "1.7-1"],
    "fraud-inference": ["sklearn-preprocess-1.2-1", "xgboost-1.7-1", "postprocess-1.0"],
    "demand-forecast": ["deepar-2.0"],
    ASSISTANT_REPOSITORY: [ASSISTANT_IMAGE_TAG],
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
    endpoint_names: list[str] = field(default_factory=list)  # main account, serving some versions


@dataclass
class _Account:
    """Where one account's requests go, and with which keys."""

    endpoint_url: str
    account_id: str
    region: str
    credentials: dict[str, str] | None = None

    def client(self, service: str) -> Any:
        return sandbox_client(self.endpoint_url, service, self.region, self.credentials)


def _fill_bucket(account: _Account, bucket: str, objects: dict[str, bytes]) -> None:
    s3 = account.client("s3")
    if account.region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        location = {"LocationConstraint": account.region}
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
    put_objects(s3, account.endpoint_url, account.account_id, account.region, bucket, objects)


def _push_images(ecr: Any, images: dict[str, list[str]]) -> list[str]:
    for repository, tags in images.items():
        ecr.create_repository(repositoryName=repository)
        for tag in tags:
            manifest = catalog.image_manifest(repository, tag)
            ecr.put_image(repositoryName=repository, imageManifest=manifest, imageTag=tag)
    return list(images)


def _create_key(kms: Any, description: str, alias: str) -> str:
    key_id = kms.create_key(Description=description)["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return str(key_id)


def _register(account: _Account, sagemaker: Any, group: catalog.GroupSpec, *,
              through_api: bool = False) -> list[str]:
    """Create the group and its versions; the new versions' ARNs, oldest first."""
    sagemaker.create_model_package_group(
        ModelPackageGroupName=group.name,
        ModelPackageGroupDescription=group.description,
        Tags=group.tags,
    )
    return add_versions(
        sagemaker, account.endpoint_url, account.account_id, account.region, group.versions,
        through_api=through_api,
    )


def _objects_of(*groups: catalog.GroupSpec) -> dict[str, bytes]:
    return {key: body for g in groups for v in g.versions for key, body in v.objects.items()}


def _seed_main(account: _Account) -> tuple[dict[str, list[str]], str]:
    """The main account's registry; returns version ARNs per group and the KMS key id."""
    kms = account.client("kms")
    key_id = _create_key(kms, "Registry Desk model artifacts", "alias/registry-desk-models")
    key_arn = kms.describe_key(KeyId=key_id)["KeyMetadata"]["Arn"]
    groups = [
        catalog.churn_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
        catalog.fraud_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
        catalog.demand_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, region=account.region),
    ]
    assistant = assistant_group(MAIN_ACCOUNT_ID, MAIN_BUCKET, key_arn, region=account.region)
    _fill_bucket(account, MAIN_BUCKET, _objects_of(*groups, assistant))
    _push_images(account.client("ecr"), MAIN_IMAGES)
    sagemaker = account.client("sagemaker")
    arns = {group.name: _register(account, sagemaker, group) for group in groups}
    arns[assistant.name] = _register(account, sagemaker, assistant, through_api=True)
    sagemaker.create_model_package_group(
        ModelPackageGroupName=SCRATCH_GROUP,
        ModelPackageGroupDescription="Empty group for trying out deletes",
        Tags=[{"Key": "team", "Value": "ml-platform"}],
    )
    arns[SCRATCH_GROUP] = []
    return arns, key_id


def _ensure_training_role(iam: Any) -> None:
    """moto lets anyone assume a role that does not exist; create it for realism."""
    trust = (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
        f'"Principal": {{"AWS": "arn:aws:iam::{MAIN_ACCOUNT_ID}:root"}}, '
        '"Action": "sts:AssumeRole"}]}'
    )
    try:
        iam.get_role(RoleName=TRAINING_ROLE_NAME)
    except iam.exceptions.NoSuchEntityException:
        iam.create_role(
            RoleName=TRAINING_ROLE_NAME,
            AssumeRolePolicyDocument=trust,
            Description="Lets Registry Desk in the main account read training artifacts",
        )


def _seed_training(account: _Account) -> tuple[str, str, list[str], str]:
    """The training account: artifacts, an image, a key and a group shared with main."""
    _ensure_training_role(account.client("iam"))
    group = catalog.training_group(TRAINING_ACCOUNT_ID, TRAINING_BUCKET, region=account.region)
    _fill_bucket(account, TRAINING_BUCKET, _objects_of(group))
    _push_images(account.client("ecr"), TRAINING_IMAGES)
    kms = account.client("kms")
    key_id = _create_key(kms, "Training artifacts", "alias/registry-desk-training")
    sagemaker = account.client("sagemaker")
    arns = _register(account, sagemaker, group)
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
    """Populate an empty sandbox: the main account, then the training account."""
    started = time.perf_counter()
    main = _Account(endpoint_url, MAIN_ACCOUNT_ID, region)
    training = _Account(
        endpoint_url, TRAINING_ACCOUNT_ID, region, training_credentials(endpoint_url)
    )
    main_arns, main_key = _seed_main(main)
    production = live_a_while(endpoint_url, region)
    endpoints = seed_endpoints(endpoint_url, region)
    shared_name, shared_arn, training_arns, training_key = _seed_training(training)

    counts = {name: len(arns) for name, arns in main_arns.items()}
    counts[shared_name] = len(training_arns)
    return SeedSummary(
        groups=list(main_arns),
        version_counts=counts,
        pipeline_version_arn=main_arns["fraud-detection"][catalog.FRAUD_PIPELINE_VERSION - 1],
        buckets={MAIN_ACCOUNT_ID: [MAIN_BUCKET], TRAINING_ACCOUNT_ID: [TRAINING_BUCKET]},
        repositories={
            MAIN_ACCOUNT_ID: list(MAIN_IMAGES),
            TRAINING_ACCOUNT_ID: list(TRAINING_IMAGES),
        },
        kms_key_ids={MAIN_ACCOUNT_ID: main_key, TRAINING_ACCOUNT_ID: training_key},
        seconds=time.perf_counter() - started,
        shared_group_arns=[shared_arn],
        production_version_arn=production,
        endpoint_names=endpoints,
    )
