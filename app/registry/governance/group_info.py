"""What DescribeModelPackageGroup says about a group, with who created it in plain parts.

`Creator` splits SageMaker's UserContext into what a person reads ("dana", an IAM user of
account 123456789012) and leaves the wording to the UI, which translates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.versions.groups import account_of, aware, describe_group

# Creator kinds
UNKNOWN, IAM_USER, ROLE, ROOT, STUDIO, OTHER = "unknown", "iam-user", "role", "root", "studio", "other"


@dataclass(frozen=True)
class Creator:
    kind: str  # one of the kinds above
    name: str = ""  # the user, "role-name/session", the Studio user profile
    account_id: str = ""
    arn: str = ""  # the identity's ARN (or the Studio user profile's), as AWS wrote it
    domain: str = ""  # the Studio domain, for a Studio user profile


def creator_of(context: Mapping[str, Any] | None) -> Creator:
    """Who, from a describe's CreatedBy (a UserContext); kind UNKNOWN when AWS did not say."""
    context = context or {}
    if context.get("UserProfileName"):
        arn = str(context.get("UserProfileArn") or "")
        domain = str(context.get("DomainId") or "")
        return Creator(STUDIO, str(context["UserProfileName"]), account_of(arn), arn, domain)
    arn = str((context.get("IamIdentity") or {}).get("Arn") or "")
    if not arn:
        return Creator(UNKNOWN)
    account = account_of(arn)
    resource = arn.split(":", 5)[5] if arn.count(":") >= 5 else arn
    if resource == "root":
        return Creator(ROOT, "root", account, arn)
    if resource.startswith("assumed-role/"):
        return Creator(ROLE, resource.split("/", 1)[1], account, arn)
    if resource.startswith("user/"):
        return Creator(IAM_USER, resource.rsplit("/", 1)[-1], account, arn)
    return Creator(OTHER, resource.rsplit("/", 1)[-1], account, arn)


@dataclass(frozen=True)
class GroupInfo:
    name: str
    arn: str
    description: str
    created: datetime  # tz-aware
    status: str
    creator: Creator
    account_id: str


def read_group_info(session: AccountSession, name_or_arn: str) -> GroupInfo:
    """DescribeModelPackageGroup, as plain data (a shared group by its ARN)."""
    raw = describe_group(session, name_or_arn)
    arn = str(raw.get("ModelPackageGroupArn", ""))
    return GroupInfo(
        name=str(raw.get("ModelPackageGroupName", "")),
        arn=arn,
        description=str(raw.get("ModelPackageGroupDescription") or ""),
        created=aware(raw.get("CreationTime")),
        status=str(raw.get("ModelPackageGroupStatus") or ""),
        creator=creator_of(raw.get("CreatedBy")),
        account_id=account_of(arn),
    )
