"""AWS RAM shares made from model package group policies, which moto's RAM knows nothing of.

On AWS, putting a group resource policy that names other accounts makes RAM create a resource
share of feature set CREATED_FROM_POLICY, seen by the owner only; the group is listed in the
other account ("shared with me", ListModelPackageGroups with CrossAccountFilterOption=
CrossAccount) once that share is promoted to STANDARD (PromoteResourceShareCreatedFromPolicy).
The share's permission is made from the policy too (feature set CREATED_FROM_POLICY); RAM promotes
the share only once a managed permission matches it, so that permission is promoted first
(PromotePermissionCreatedFromPolicy), which makes a customer managed permission; one no share
uses any more can be deleted (DeletePermission). RAM refuses to promote a policy naming a role
or user rather than a whole account, allowing every action ("*") or carrying a Condition (as
SageMaker's guide on RAM promotion says). Deleting the policy deletes a share never promoted.

The shares live in moto's own RAM backend (so moto's GetResourceShares and
GetResourceShareAssociations answer for them); `patches.install` adds the operations moto lacks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.moto_api._internal import mock_random as random
from moto.ram import urls as ram_urls
from moto.ram.models import ResourceAccessManagerBackend, ResourceShare, ram_backends
from moto.ram.responses import ResourceAccessManagerResponse

from .added import ADDED_RAM_OPERATIONS

CREATED_FROM_POLICY, STANDARD = "CREATED_FROM_POLICY", "STANDARD"
_ROOT = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):root$")
_IAM = re.compile(r"^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):.+$")
_ACCOUNT = re.compile(r"^\d{12}$")
_REFUSAL = "_sandbox_promotion_refusal"  # why RAM would refuse to promote this share ("" = it would not)
_PERMISSION = "_sandbox_permission"  # the ARN of the share's permission
_PERMISSIONS = "_sandbox_permissions"  # per RAM backend: permission ARN -> its summary

# The path moto's RAM routes lack, per operation the sandbox adds.
URL_PATHS = {
    "promote_resource_share_created_from_policy": "{0}/promoteresourcesharecreatedfrompolicy$",
    "list_resource_share_permissions": "{0}/listresourcesharepermissions$",
    "promote_permission_created_from_policy": "{0}/promotepermissioncreatedfrompolicy$",
    "delete_permission": "{0}/deletepermission/?$",
}


class OperationNotPermitted(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("OperationNotPermittedException", message)


class InvalidStateTransition(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("InvalidStateTransitionException", message)


class UnmatchedPolicyPermission(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("UnmatchedPolicyPermissionException", message)


class UnknownResource(JsonRESTError):
    code = 400

    def __init__(self, message: str) -> None:
        super().__init__("UnknownResourceException", message)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def grantees(policy_text: str, owner: str) -> tuple[list[str], str]:
    """Other accounts' principals an Allow names (account ids for whole accounts, ARNs for
    roles and users), and why RAM would refuse to promote the share ("" when it would not)."""
    try:
        document = json.loads(policy_text)
    except ValueError:
        return [], ""
    found: list[str] = []
    refusal = ""
    for statement in _listed(document.get("Statement") if isinstance(document, dict) else None):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        names = _listed(principal.get("AWS")) if isinstance(principal, dict) else _listed(principal)
        named_other = False
        for name in (str(n) for n in names):
            root = _ROOT.match(name)
            account = name if _ACCOUNT.match(name) else (root.group(1) if root else None)
            other = _IAM.match(name)
            if account and account != owner:
                found.append(account)
                named_other = True
            elif other and other.group(1) != owner:
                found.append(name)
                named_other = True
                refusal = refusal or f"the principal {name} is not a whole account"
        if not named_other:
            continue
        if "Condition" in statement:
            refusal = refusal or "a statement has a Condition"
        if any(str(a) in ("*", "sagemaker:*") for a in _listed(statement.get("Action"))):
            refusal = refusal or "a statement allows every action"
    return list(dict.fromkeys(found)), refusal


def _ram(account: str, region: str) -> ResourceAccessManagerBackend:
    return ram_backends[account][region]


def _permissions(backend: ResourceAccessManagerBackend) -> dict[str, dict[str, Any]]:
    """The permissions RAM made from policies, or promoted; kept on the backend (reset forgets them)."""
    return backend.__dict__.setdefault(_PERMISSIONS, {})


def _new_permission(backend: ResourceAccessManagerBackend, name: str, feature_set: str) -> dict[str, Any]:
    arn = f"arn:aws:ram:{backend.region_name}:{backend.account_id}:permission/{name}"
    summary = {"arn": arn, "version": "1", "defaultVersion": True, "name": name,
               "resourceType": "sagemaker:ModelPackageGroup", "status": "ATTACHABLE",
               "isResourceTypeDefault": False, "permissionType": "CUSTOMER_MANAGED", "featureSet": feature_set}
    _permissions(backend)[arn] = summary
    return summary


def shares_of(account: str, region: str, resource_arn: str) -> list[ResourceShare]:
    """The owner's active shares that hold `resource_arn`."""
    return [s for s in _ram(account, region).resource_shares
            if s.status == "ACTIVE" and resource_arn in s.resource_arns]


def policy_put(account: str, region: str, group_arn: str, policy_text: str) -> None:
    """What RAM does when a group's policy is put: a share made from it for the accounts it
    names, kept up to date while not promoted; a promoted share is RAM's own and stays."""
    principals, refusal = grantees(policy_text, account)
    shares = shares_of(account, region, group_arn)
    if any(s.feature_set != CREATED_FROM_POLICY for s in shares):
        return
    if not principals:
        policy_deleted(account, region, group_arn)
        return
    share = shares[0] if shares else None
    if share is None:
        share = ResourceShare(account, region, name=f"policy-share-{group_arn.rsplit('/', 1)[-1]}")
        share.feature_set = CREATED_FROM_POLICY
        share.resource_arns = [group_arn]
        backend = _ram(account, region)
        backend.resource_shares.append(share)
        made = _new_permission(backend, f"policy-permission-{random.uuid4()}", CREATED_FROM_POLICY)
        setattr(share, _PERMISSION, made["arn"])
    share.principals = principals
    setattr(share, _REFUSAL, refusal)


def policy_deleted(account: str, region: str, group_arn: str) -> None:
    """Deleting the policy deletes the share made from it, unless it was promoted."""
    for share in shares_of(account, region, group_arn):
        if share.feature_set == CREATED_FROM_POLICY:
            share.delete()


def shared_with(account: str, region: str, owner: str, resource_arn: str) -> bool:
    """Whether a promoted share of `owner` lists `resource_arn` for `account`."""
    regions = dict.get(ram_backends, owner)  # never create a backend here
    backend = dict.get(regions, region) if regions is not None else None
    if backend is None:
        return False
    return any(
        s.status == "ACTIVE" and s.feature_set == STANDARD and resource_arn in s.resource_arns
        and (account in s.principals or f"arn:aws:iam::{account}:root" in s.principals)
        for s in backend.resource_shares)


# --- the operation moto lacks ------------------------------------------------------


def promote_resource_share_created_from_policy(
    self: ResourceAccessManagerBackend, resource_share_arn: str
) -> dict[str, Any]:
    share = next((s for s in self.resource_shares if s.arn == resource_share_arn), None)
    if share is None or share.status != "ACTIVE":
        raise UnknownResource(f"ResourceShare {resource_share_arn} could not be found.")
    if share.feature_set != CREATED_FROM_POLICY:
        raise InvalidStateTransition(
            f"ResourceShare {resource_share_arn} has feature set {share.feature_set}, "
            f"not {CREATED_FROM_POLICY}.")
    refusal = getattr(share, _REFUSAL, "")
    if refusal:
        raise OperationNotPermitted(f"The resource share cannot be promoted: {refusal}.")
    permission = _permissions(self).get(getattr(share, _PERMISSION, ""), {})
    promoted = permission.get("promotedTo")
    if not promoted:
        raise UnmatchedPolicyPermission(
            "No managed permission matches the resource share's CREATED_FROM_POLICY permission: "
            "promote that permission first.")
    share.feature_set = STANDARD
    setattr(share, _PERMISSION, promoted)
    return {"returnValue": True}


def list_resource_share_permissions(self: ResourceAccessManagerBackend, resource_share_arn: str) -> dict[str, Any]:
    share = next((s for s in self.resource_shares if s.arn == resource_share_arn), None)
    if share is None:
        raise UnknownResource(f"ResourceShare {resource_share_arn} could not be found.")
    permission = _permissions(self).get(getattr(share, _PERMISSION, ""))
    shown = [{k: v for k, v in permission.items() if k != "promotedTo"}] if permission else []
    return {"permissions": shown}


def promote_permission_created_from_policy(self: ResourceAccessManagerBackend, permission_arn: str,
                                           name: str) -> dict[str, Any]:
    permission = _permissions(self).get(permission_arn)
    if permission is None or permission["status"] == "DELETED":
        raise UnknownResource(f"Permission {permission_arn} could not be found.")
    if permission["featureSet"] != CREATED_FROM_POLICY:
        raise OperationNotPermitted(f"The permission {permission_arn} was not created from a policy.")
    if any(p["name"] == name and p["status"] != "DELETED" for p in _permissions(self).values()):
        raise InvalidStateTransition(f"A permission named {name} exists already.")
    promoted = _new_permission(self, name, STANDARD)
    permission["promotedTo"] = promoted["arn"]
    return {"permission": dict(promoted)}


def delete_permission(self: ResourceAccessManagerBackend, permission_arn: str) -> dict[str, Any]:
    permission = _permissions(self).get(permission_arn)
    if permission is None or permission["status"] == "DELETED":
        raise UnknownResource(f"Permission {permission_arn} could not be found.")
    if any(getattr(s, _PERMISSION, "") == permission_arn and s.status == "ACTIVE" for s in self.resource_shares):
        raise OperationNotPermitted(f"The permission {permission_arn} is attached to a resource share.")
    permission["status"] = "DELETED"
    return {"returnValue": True, "permissionStatus": "DELETED"}


def promote_resource_share_created_from_policy_handler(self: ResourceAccessManagerResponse) -> str:
    arn = self._get_param("resourceShareArn")
    return json.dumps(promote_resource_share_created_from_policy(self.ram_backend, arn))


def list_resource_share_permissions_handler(self: ResourceAccessManagerResponse) -> str:
    return json.dumps(list_resource_share_permissions(self.ram_backend, self._get_param("resourceShareArn")))


def promote_permission_created_from_policy_handler(self: ResourceAccessManagerResponse) -> str:
    return json.dumps(promote_permission_created_from_policy(
        self.ram_backend, self._get_param("permissionArn"), self._get_param("name")))


def delete_permission_handler(self: ResourceAccessManagerResponse) -> str:
    return json.dumps(delete_permission(self.ram_backend, self._get_param("permissionArn")))


NEW_METHODS: dict[str, Any] = {name: globals()[name] for name in ADDED_RAM_OPERATIONS}
NEW_HANDLERS: dict[str, Any] = {name: globals()[f"{name}_handler"] for name in ADDED_RAM_OPERATIONS}


def route(names: list[str]) -> None:
    """Give each added operation its URL on moto's RAM (read when a RAM app is first built)."""
    for name in names:
        path = URL_PATHS[name]
        ram_urls.url_paths.setdefault(path, ResourceAccessManagerResponse.dispatch)

