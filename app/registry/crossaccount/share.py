"""The AWS RAM share made from the group policy, and its promotion.

Putting a group resource policy that names another account makes AWS RAM create a resource
share of feature set CREATED_FROM_POLICY, seen only by its owner. The group is usable by ARN
from the other account, but it is not listed there ("shared with me": ListModelPackageGroups
with CrossAccountFilterOption=CrossAccount) until the share is promoted to a STANDARD share
(ram:PromoteResourceShareCreatedFromPolicy). RAM refuses to promote a policy that names a role
or user rather than a whole account, allows every action or has a Condition. RAM promotes the
share only when a managed permission matches the permission it made from the policy; when none
does, that permission is promoted first (ram:PromotePermissionCreatedFromPolicy), which makes a
customer managed permission, as SageMaker's guide on sharing model package groups says.

A promoted share is RAM's own: it no longer follows the policy. Rolling back deletes it
(ram:DeleteResourceShare), then the permission its promotion made (ram:DeletePermission); a
share never promoted goes away with the policy.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text

CREATED_FROM_POLICY, PROMOTING, STANDARD = "CREATED_FROM_POLICY", "PROMOTING_TO_STANDARD", "STANDARD"
PROMOTE_ACTION = "ram:PromoteResourceShareCreatedFromPolicy"
PROMOTE_PERMISSION_ACTION = "ram:PromotePermissionCreatedFromPolicy"
# RAM creates the share a moment after the policy is written: how often, and how long apart,
# the promotion looks for it before saying it is not there.
FIND_ATTEMPTS, FIND_PAUSE = 6, 2.0

_REFUSALS = {
    "OperationNotPermittedException": QT_TRANSLATE_NOOP(
        "CrossAccount", "AWS RAM refused to promote the share made from the group policy: RAM promotes only a "
        "policy whose principals are whole accounts (arn:aws:iam::ACCOUNT:root), with no "
        "Condition and no Action \"*\". The training account can still use the group by its ARN; "
        "it will not see it listed. Change the policy, or leave the group undiscoverable."),
    "UnmatchedPolicyPermissionException": QT_TRANSLATE_NOOP(
        "CrossAccount", "AWS RAM found no managed permission matching the group policy, even after the share's "
        "own permission was promoted (ram:PromotePermissionCreatedFromPolicy): RAM may still be "
        "making it. Apply again in a minute."),
}


@dataclass(frozen=True)
class Share:
    arn: str
    feature_set: str  # CREATED_FROM_POLICY, PROMOTING_TO_STANDARD or STANDARD
    status: str
    principals: tuple[str, ...]
    resources: tuple[str, ...]

    @property
    def promoted(self) -> bool:
        return self.feature_set in (PROMOTING, STANDARD)

    def shares_with(self, account_id: str) -> bool:
        return account_id in self.principals or f"arn:aws:iam::{account_id}:root" in self.principals

    def document(self) -> dict[str, Any]:
        """The share as the review and the rollback record show it."""
        return {"ResourceShare": self.arn, "FeatureSet": self.feature_set, "Status": self.status,
                "Principals": list(self.principals), "Resources": list(self.resources)}


def _pages(session: AccountSession, operation: str, action: str, resource: str, key: str,
           **request: Any) -> Iterator[dict[str, Any]]:
    ram = session.client("ram")
    with aws_call(session, action, resource):
        for page in ram.get_paginator(operation).paginate(**request):
            yield from page.get(key, [])


def _associated(session: AccountSession, share_arn: str, kind: str) -> tuple[str, ...]:
    return tuple(sorted({a["associatedEntity"] for a in _pages(
        session, "get_resource_share_associations", "ram:GetResourceShareAssociations", share_arn,
        "resourceShareAssociations", associationType=kind, resourceShareArns=[share_arn])
        if a.get("status", "ASSOCIATED") == "ASSOCIATED"}))


def _shares(session: AccountSession, arns: list[str], resource: str) -> list[Share]:
    found = [s for s in _pages(session, "get_resource_shares", "ram:GetResourceShares", resource,
                               "resourceShares", resourceOwner="SELF", resourceShareArns=arns)
             if s["resourceShareArn"] in arns and s.get("status") == "ACTIVE"]
    return [Share(s["resourceShareArn"], s.get("featureSet", STANDARD), s["status"],
                  _associated(session, s["resourceShareArn"], "PRINCIPAL"),
                  _associated(session, s["resourceShareArn"], "RESOURCE")) for s in found]


def find_share(session: AccountSession, group_arn: str) -> Share | None:
    """The owner's active share holding the group: a promoted one first, else the one RAM made
    from the policy; None when there is none."""
    arns = sorted({a["resourceShareArn"] for a in _pages(
        session, "get_resource_share_associations", "ram:GetResourceShareAssociations", group_arn,
        "resourceShareAssociations", associationType="RESOURCE", resourceArn=group_arn)})
    if not arns:
        return None
    shares = _shares(session, arns, group_arn)
    shares.sort(key=lambda s: (not s.promoted, s.arn))
    return shares[0] if shares else None


def share_by_arn(session: AccountSession, share_arn: str) -> Share | None:
    """One share as it is now; None once it is deleted."""
    found = _shares(session, [share_arn], share_arn)
    return found[0] if found else None


def wait_for_share(session: AccountSession, group_arn: str, attempts: int = FIND_ATTEMPTS,
                   pause: float = FIND_PAUSE) -> Share | None:
    """The share, looked for again a few times while RAM is still making it (worker thread)."""
    for attempt in range(attempts):
        share = find_share(session, group_arn)
        if share is not None:
            return share
        if attempt + 1 < attempts:
            time.sleep(pause)
    return None


def permission_name(group_arn: str) -> str:
    """The name of the permission our promotion makes: unique per group, 36 characters at most."""
    digest = hashlib.sha256(group_arn.encode()).hexdigest()[:8]
    return f"RegistryDesk-{digest}-{group_arn.rsplit('/', 1)[-1][:14]}"


def _promote_share(session: AccountSession, share: Share) -> None:
    try:
        with aws_call(session, PROMOTE_ACTION, share.arn):
            session.client("ram").promote_resource_share_created_from_policy(resourceShareArn=share.arn)
    except RegistryError as error:
        sentence = _REFUSALS.get(error.code or "")
        if sentence is None:
            raise
        raise RegistryError("invalid", Text(sentence), code=error.code, action=PROMOTE_ACTION,
                            resource=share.arn) from error


def promote_permissions(session: AccountSession, share: Share, group_arn: str) -> list[str]:
    """Promote the permission(s) RAM made from the policy for `share`; the ARNs it made."""
    ram = session.client("ram")
    permissions: list[dict[str, Any]] = []
    request: dict[str, Any] = {"resourceShareArn": share.arn}
    with aws_call(session, "ram:ListResourceSharePermissions", share.arn):
        while True:  # botocore has no paginator for this one
            page = ram.list_resource_share_permissions(**request)
            permissions += page.get("permissions", [])
            if not page.get("nextToken"):
                break
            request["nextToken"] = page["nextToken"]
    made = []
    for permission in permissions:
        if permission.get("featureSet") != CREATED_FROM_POLICY:
            continue
        with aws_call(session, PROMOTE_PERMISSION_ACTION, permission["arn"]):
            answer = session.client("ram").promote_permission_created_from_policy(
                permissionArn=permission["arn"], name=permission_name(group_arn))
        made.append(str(answer["permission"]["arn"]))
    return made


def promote(session: AccountSession, share: Share, group_arn: str,
            made: Callable[[list[str]], None] = lambda _arns: None) -> None:
    """Promote the share; when no managed permission matches its own, promote that first and
    tell `made` which permissions it created (before the share's promotion is tried again)."""
    try:
        _promote_share(session, share)
        return
    except RegistryError as error:
        if error.code != "UnmatchedPolicyPermissionException":
            raise
    made(promote_permissions(session, share, group_arn))
    _promote_share(session, share)


def delete_permission(session: AccountSession, permission_arn: str) -> None:
    """Delete a customer managed permission no share uses any more (gone already is fine)."""
    try:
        with aws_call(session, "ram:DeletePermission", permission_arn):
            session.client("ram").delete_permission(permissionArn=permission_arn)
    except RegistryError as error:
        if error.code != "UnknownResourceException":
            raise


def delete(session: AccountSession, share_arn: str) -> None:
    with aws_call(session, "ram:DeleteResourceShare", share_arn):
        session.client("ram").delete_resource_share(resourceShareArn=share_arn)


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2)


def planned(group_arn: str, training_account: str, share: Share | None) -> dict[str, Any]:
    """What the promotion leaves: the group's share, promoted, listing the training account."""
    return {
        "ResourceShare": share.arn if share else "(the share AWS RAM creates from the group policy)",
        "FeatureSet": STANDARD,
        "Status": "ACTIVE",
        "Principals": sorted(set(share.principals if share else ()) | {training_account}),
        "Resources": [group_arn],
    }


def group_listed(session: AccountSession, group_name: str, group_arn: str) -> bool:
    """Whether the group is in this account's "shared with me" list (worker thread)."""
    sagemaker = session.client("sagemaker")
    with aws_call(session, "sagemaker:ListModelPackageGroups"):
        for page in sagemaker.get_paginator("list_model_package_groups").paginate(
                CrossAccountFilterOption="CrossAccount", NameContains=group_name):
            if any(g.get("ModelPackageGroupArn") == group_arn for g in page.get("ModelPackageGroupSummaryList", [])):
                return True
    return False
