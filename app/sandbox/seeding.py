"""The seed's building blocks: an account in a region, and what a user's scripts would do in it
(a bucket of artifacts, images pushed, a key, a role another account assumes, a group and its
versions). ``seed`` and ``seed_estate`` put them together."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from . import bulk, catalog
from .bulk import add_versions, put_objects
from .session import MAIN_ACCOUNT_ID, sandbox_client


@dataclass
class Account:
    """Where one account's requests go, and with which keys."""

    endpoint_url: str
    account_id: str
    region: str
    credentials: dict[str, str] | None = None

    def client(self, service: str) -> Any:
        return sandbox_client(self.endpoint_url, service, self.region, self.credentials)

    def elsewhere(self, region: str) -> Account:
        """The same account and keys in another region."""
        return Account(self.endpoint_url, self.account_id, region, self.credentials)


@dataclass
class Place:
    """What the seed made in one account and region: version ARNs per group, oldest first, and
    the seeded age of every version left waiting for approval that has one."""

    account_id: str
    region: str
    arns: dict[str, list[str]] = field(default_factory=dict)
    pending_ages: dict[str, timedelta] = field(default_factory=dict)

    def add(self, name: str, arns: list[str], group: catalog.GroupSpec | None = None) -> None:
        self.arns[name] = arns
        for arn, version in zip(arns, group.versions if group else [], strict=False):
            if version.age is not None and version.status == "PendingManualApproval":
                self.pending_ages[arn] = version.age


def fill_bucket(account: Account, bucket: str, objects: dict[str, bytes]) -> None:
    s3 = account.client("s3")
    if account.region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        location = {"LocationConstraint": account.region}
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration=location)
    put_objects(s3, account.endpoint_url, account.account_id, account.region, bucket, objects)


def push_images(account: Account, images: dict[str, list[str]]) -> list[str]:
    """The repositories (repository -> tags) and their images; the repositories' names."""
    bulk.push_images(lambda: account.client("ecr"), account.endpoint_url, account.account_id, account.region, images)
    return list(images)


def create_key(kms: Any, description: str, alias: str) -> str:
    key_id = kms.create_key(Description=description)["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName=alias, TargetKeyId=key_id)
    return str(key_id)


def register(account: Account, sagemaker: Any, group: catalog.GroupSpec, *,
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


def objects_of(*groups: catalog.GroupSpec) -> dict[str, bytes]:
    return {key: body for g in groups for v in g.versions for key, body in v.objects.items()}


def ensure_role(iam: Any, name: str, description: str) -> None:
    """A role the main account may assume (moto lets anyone assume a role that does not
    exist; it is created for realism). A fresh sandbox has none: create first, no look-up."""
    trust = {
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"AWS": f"arn:aws:iam::{MAIN_ACCOUNT_ID}:root"},
            "Action": "sts:AssumeRole",
        }],
    }
    try:
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), Description=description)
    except iam.exceptions.EntityAlreadyExistsException:
        pass
