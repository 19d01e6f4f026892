"""Deleting versions, and emptying then deleting a group: a plan first, per-version results.

Nothing of another account can be deleted: shared versions are refused before any call. When a
version is Approved or in a production-like stage, the UI asks for the group name typed out
(`needs_typed_confirmation`); "empty and delete group" always does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.governance.lifecycle import is_production_like, lifecycle_of
from app.registry.governance.results import ChangeResult, cancelled, failed, refuse, unexpected
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined
from app.registry.versions.describe import describe_many, each_in_parallel, iter_version_pages
from app.registry.versions.groups import account_of, delete_group, describe_group
from app.registry.versions.records import APPROVED, VersionSummary, version_from_arn

_log = logging.getLogger(__name__)

DELETE = "sagemaker:DeleteModelPackage"


@dataclass(frozen=True)
class Deletable:
    """What deciding on a delete needs of a version."""

    arn: str
    status: str  # approval status
    stage: str = ""  # ModelLifeCycle.Stage, "" when none


def deletable(raw: Mapping[str, Any]) -> Deletable:
    """From a describe response (or VersionDetails.raw)."""
    found = lifecycle_of(raw)
    arn, status = str(raw.get("ModelPackageArn", "")), str(raw.get("ModelApprovalStatus", ""))
    return Deletable(arn, status, found.stage if found else "")


def needs_typed_confirmation(versions: Sequence[Deletable]) -> bool:
    """True when any version is Approved or in a production-like stage."""
    return any(v.status == APPROVED or is_production_like(v.stage) for v in versions)


def confirmation_matches(typed: str, group: str) -> bool:
    """The typed confirmation is the group's name exactly (spaces around it forgiven)."""
    return typed.strip() == group


def shared_among(session: AccountSession, arns: Sequence[str]) -> list[str]:
    """The ARNs that belong to another account than the session's."""
    own = session.account_id()
    return [arn for arn in arns if account_of(arn) != own]


def _refuse_shared(session: AccountSession, arns: Sequence[str]) -> None:
    shared = shared_among(session, arns)
    if shared:
        owners = ", ".join(sorted({account_of(a) for a in shared}))
        raise refuse(
            session.connection.display_name, DELETE, shared[0],
            Text(QT_TRANSLATE_NOOP("Governance", "1 of the versions belongs to account {owners} and is only "
                                   "shared with this one; nothing was deleted. Leave them out, or delete them "
                                   "from their own account."), owners=owners) if len(shared) == 1 else
            Text(QT_TRANSLATE_NOOP("Governance", "{count} of the versions belong to account {owners} and are only "
                                   "shared with this one; nothing was deleted. Leave them out, or delete them "
                                   "from their own account."), count=len(shared), owners=owners),
        )


def _delete_one(session: AccountSession, arn: str) -> ChangeResult:
    client = session.client("sagemaker")
    try:
        with aws_call(session, DELETE, arn):
            client.delete_model_package(ModelPackageName=arn)
    except RegistryError as error:
        return failed(arn, error)
    except Exception as error:  # a bug must not stop the other items either
        _log.exception("delete of %s failed", arn)
        return ChangeResult(arn, version_from_arn(arn), False, None, None, unexpected(error), "other")
    return ChangeResult(arn, version_from_arn(arn), True, "present", "deleted")


def delete_versions(
    session: AccountSession,
    arns: Sequence[str],
    *,
    typed: str = "",
    max_workers: int = 8,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[ChangeResult], None] | None = None,
) -> list[ChangeResult]:
    """Delete versions in parallel; one result per ARN, in order; one failure never stops the
    others. Refused before any delete ("invalid"): versions of another account, and versions
    that are Approved or in a production-like stage as they read now (not as the preview
    showed them) unless `typed` is their group's name."""
    _refuse_shared(session, arns)
    _refuse_unconfirmed(session, arns, typed)
    return each_in_parallel(
        arns, lambda arn: _delete_one(session, arn), cancelled=cancelled,
        max_workers=max_workers, should_stop=should_stop, on_result=on_result,
    )


def _refuse_unconfirmed(session: AccountSession, arns: Sequence[str], typed: str) -> None:
    now = [d for d in describe_many(session, arns) if d is not None]  # gone ones fail on delete
    guarded = [d for d in now if needs_typed_confirmation([deletable(d.raw)])]
    unconfirmed = [d for d in guarded if not confirmation_matches(typed, d.group)]
    if unconfirmed:
        numbers = ", ".join(str(d.version) for d in sorted(unconfirmed, key=lambda d: d.version))
        groups = joined(sorted({f"'{d.group}'" for d in unconfirmed}),
                        Text(QT_TRANSLATE_NOOP("Governance", " or ")))
        raise refuse(
            session.connection.display_name, DELETE, unconfirmed[0].arn,
            Text(QT_TRANSLATE_NOOP("Governance", "Versions {numbers} are approved or in production: type the "
                                   "group name {groups} to delete them; nothing was deleted."),
                 numbers=numbers, groups=groups) if len(unconfirmed) > 1 else
            Text(QT_TRANSLATE_NOOP("Governance", "Version {numbers} is approved or in production: type the "
                                   "group name {groups} to delete it; nothing was deleted."),
                 numbers=numbers, groups=groups),
        )


@dataclass(frozen=True)
class GroupDeletionPlan:
    """Everything that goes when a group is emptied and deleted."""

    group: str
    arn: str
    versions: tuple[VersionSummary, ...]  # newest first
    has_policy: bool  # a resource policy goes with the group

    def lines(self) -> list[str]:
        """What will go, one line each, for the preview."""
        shown: list[str] = [Text(QT_TRANSLATE_NOOP("Governance", "Version {version} ({status})"),
                                 version=v.version, status=v.status) for v in self.versions]
        if self.has_policy:
            shown.append("The group's resource policy")
        return [*shown, Text(QT_TRANSLATE_NOOP("Governance", "The group {group}"), group=self.group)]


def plan_group_deletion(
    session: AccountSession, group: str, *, on_listed: Callable[[int], None] | None = None
) -> GroupDeletionPlan:
    """List everything that will go (all versions, the resource policy, the group).
    `on_listed` is told how many versions are listed so far, after each page."""
    described = describe_group(session, group)
    arn = str(described.get("ModelPackageGroupArn", ""))
    if account_of(arn) != session.account_id():
        raise refuse(
            session.connection.display_name, "sagemaker:DeleteModelPackageGroup", arn,
            Text(QT_TRANSLATE_NOOP("Governance", "The group '{group}' belongs to account {account} and is only "
                                   "shared with this one; it can be deleted from its own account only."),
                 group=group, account=account_of(arn)),
        )
    listed: list[VersionSummary] = []
    for page in iter_version_pages(session, group):
        listed.extend(page)
        if on_listed is not None:
            on_listed(len(listed))
    versions = tuple(listed)
    client = session.client("sagemaker")
    try:
        with aws_call(session, "sagemaker:GetModelPackageGroupPolicy", group):
            client.get_model_package_group_policy(ModelPackageGroupName=group)
        has_policy = True
    except RegistryError:
        has_policy = False  # none (a ValidationException), or not allowed to read it
    name = str(described.get("ModelPackageGroupName", group))
    return GroupDeletionPlan(name, arn, versions, has_policy)


@dataclass(frozen=True)
class GroupDeletionResult:
    versions: tuple[ChangeResult, ...]
    group_deleted: bool
    error: str | None  # why the group itself is still there


def empty_and_delete_group(
    session: AccountSession,
    plan: GroupDeletionPlan,
    typed: str,
    *,
    max_workers: int = 8,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[ChangeResult], None] | None = None,
) -> GroupDeletionResult:
    """Carry out a reviewed plan: the typed name must be the group's; versions added since the
    plan refuse it (they were not shown); the group goes only when every version went, so a
    stop (`should_stop`, asked before each version) leaves the group and what was not sent."""
    profile = session.connection.display_name
    action = "sagemaker:DeleteModelPackageGroup"
    if not confirmation_matches(typed, plan.group):
        raise refuse(
            profile, action, plan.arn,
            Text(QT_TRANSLATE_NOOP("Governance", "Type the group name '{group}' exactly to delete it; nothing was "
                                   "deleted."), group=plan.group),
        )
    planned = {v.arn for v in plan.versions}
    now = [v for page in iter_version_pages(session, plan.group) for v in page]
    unseen = [v for v in now if v.arn not in planned]
    if unseen:
        numbers = ", ".join(str(v.version) for v in unseen)
        added = (Text(QT_TRANSLATE_NOOP("Governance", "Versions {numbers} were added to '{group}' after the list "
                                        "you reviewed; nothing was deleted. Review the list again."),
                      numbers=numbers, group=plan.group) if len(unseen) > 1 else
                 Text(QT_TRANSLATE_NOOP("Governance", "Version {numbers} was added to '{group}' after the list "
                                        "you reviewed; nothing was deleted. Review the list again."),
                      numbers=numbers, group=plan.group))
        raise refuse(profile, action, plan.arn, added, kind="conflict")
    results = delete_versions(
        session, [v.arn for v in now], typed=typed, max_workers=max_workers, should_stop=should_stop,
        on_result=on_result,
    )
    if not all(r.ok for r in results):
        return GroupDeletionResult(tuple(results), False, Text(QT_TRANSLATE_NOOP(
            "Governance", "Some versions could not be deleted, so the group stays.")))
    try:
        delete_group(session, plan.group)  # its resource policy goes with it
    except RegistryError as error:
        return GroupDeletionResult(tuple(results), False, error.text)
    return GroupDeletionResult(tuple(results), True, None)
