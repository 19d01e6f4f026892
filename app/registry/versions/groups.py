"""Model package groups: list (one page at a time), describe, create, delete."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions.requests import check_group_description, check_group_name

# Errors that only mean "no cross-account listing here" (not allowed, or not supported).
_SKIP_SHARED = {"access_denied", "invalid"}


@dataclass(frozen=True)
class GroupSummary:
    name: str
    arn: str
    description: str
    created: datetime  # tz-aware
    status: str
    account_id: str  # the account that owns the group
    shared: bool  # True when it belongs to another account and is shared with this one


def account_of(arn: str) -> str:
    """The account id field of an ARN ("" if it has none)."""
    parts = arn.split(":", 5)
    return parts[4] if len(parts) > 4 else ""


def aware(value: Any) -> datetime:
    """A tz-aware datetime (naive ones are UTC, as AWS sends them)."""
    if not isinstance(value, datetime):
        return datetime.fromtimestamp(0, UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _summary(item: dict[str, Any], shared: bool) -> GroupSummary:
    arn = item.get("ModelPackageGroupArn", "")
    return GroupSummary(
        name=item.get("ModelPackageGroupName", ""),
        arn=arn,
        description=item.get("ModelPackageGroupDescription", "") or "",
        created=aware(item.get("CreationTime")),
        status=item.get("ModelPackageGroupStatus", "") or "",
        account_id=account_of(arn),
        shared=shared,
    )


def _pages(
    session: AccountSession, request: dict[str, Any], what: str
) -> Iterator[list[dict[str, Any]]]:
    """Raw summary lists of list_model_package_groups, one API call per `next()`."""
    client = session.client("sagemaker")
    token: str | None = None
    while True:
        kwargs = dict(request, NextToken=token) if token else request
        with aws_call(session, "sagemaker:ListModelPackageGroups", what):
            response = client.list_model_package_groups(**kwargs)
        yield response.get("ModelPackageGroupSummaryList", [])
        token = response.get("NextToken")
        if not token:
            return


def iter_group_pages(
    session: AccountSession,
    *,
    name_contains: str | None = None,
    include_shared: bool = True,
    page_size: int = 100,
    sort_by: str = "CreationTime",
    sort_order: str = "Descending",
) -> Iterator[list[GroupSummary]]:
    """Yield the groups one API page at a time: this account's first, then shared ones.

    A generator: each page is requested only when the caller asks for the next one, so the
    caller can show the first rows at once and stop between pages. If this connection may not
    list shared groups (access denied, or the option is not supported) that part is skipped;
    this account's groups are still listed.
    """
    request: dict[str, Any] = {"MaxResults": page_size, "SortBy": sort_by, "SortOrder": sort_order}
    if name_contains:
        request["NameContains"] = name_contains
    named = f" whose names contain '{name_contains}'" if name_contains else ""
    own_arns: set[str] = set()
    own_accounts: set[str] = set()
    for raw in _pages(session, request, f"the model package groups{named} in {session.region}"):
        page = [_summary(item, shared=False) for item in raw]
        own_arns.update(g.arn for g in page)
        own_accounts.update(g.account_id for g in page)
        yield page
    if not include_shared:
        return
    if not own_accounts:
        try:
            own_accounts.add(session.account_id())
        except RegistryError:
            pass  # the ARNs we saw are the only way left to spot our own groups
    shared_request = dict(request, CrossAccountFilterOption="CrossAccount")
    try:
        shared_what = f"the model package groups{named} shared with this account in {session.region}"
        for raw in _pages(session, shared_request, shared_what):
            page = [
                _summary(item, shared=True)
                for item in raw
                # An endpoint that ignores the filter returns our own groups again.
                if item.get("ModelPackageGroupArn") not in own_arns
                and account_of(item.get("ModelPackageGroupArn", "")) not in own_accounts
            ]
            if page:
                yield page
    except RegistryError as error:
        if error.kind not in _SKIP_SHARED:
            raise


def describe_group(session: AccountSession, name_or_arn: str) -> dict[str, Any]:
    """describe_model_package_group, without ResponseMetadata (datetimes kept as datetimes)."""
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:DescribeModelPackageGroup", name_or_arn):
        response: dict[str, Any] = client.describe_model_package_group(ModelPackageGroupName=name_or_arn)
    response.pop("ResponseMetadata", None)
    return response


def create_group(
    session: AccountSession,
    name: str,
    description: str = "",
    tags: dict[str, str] | None = None,
) -> str:
    """Create a group and return its ARN. The name and description are checked first."""
    action = "sagemaker:CreateModelPackageGroup"
    for problem in (check_group_name(name), check_group_description(description)):
        if problem:
            raise RegistryError(
                "invalid",
                problem,
                action=action,
                resource=name,
                profile=session.connection.display_name,
            )
    request: dict[str, Any] = {"ModelPackageGroupName": name}
    if description:
        request["ModelPackageGroupDescription"] = description
    if tags:
        request["Tags"] = [{"Key": k, "Value": v} for k, v in tags.items()]
    client = session.client("sagemaker")
    with aws_call(session, action, name):
        response = client.create_model_package_group(**request)
    return str(response["ModelPackageGroupArn"])


def delete_group(session: AccountSession, name: str) -> None:
    """Delete an empty group. Refuses, with a clear message, while it still has versions."""
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:ListModelPackages", name):
        response = client.list_model_packages(
            ModelPackageGroupName=name, ModelPackageType="Versioned", MaxResults=1
        )
    if response.get("ModelPackageSummaryList"):
        raise RegistryError(
            "conflict",
            Text(QT_TRANSLATE_NOOP("Errors", "The group '{group}' still has versions. Delete its versions first: "
                                   "only an empty group can be deleted."), group=name),
            action="sagemaker:DeleteModelPackageGroup",
            resource=name,
            profile=session.connection.display_name,
        )
    with aws_call(session, "sagemaker:DeleteModelPackageGroup", name):
        client.delete_model_package_group(ModelPackageGroupName=name)
