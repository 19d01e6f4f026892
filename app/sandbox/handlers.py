"""Request handlers for moto's SageMakerResponse: the missing operations, and ARN
resolution across accounts for the ones moto has.

Each function takes the response as ``self``; ``patches.install`` sets them on the class.
A handler that serves another account's resource points ``self.sagemaker_backend`` at
that account's backend and then runs moto's own handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.sagemaker.exceptions import ValidationError
from moto.sagemaker.models import SageMakerModelBackend, sagemaker_backends

from .added import ADDED_OPERATIONS
from .crossaccount import (
    AccessDeniedException,
    Caller,
    find_group,
    owner_backend,
    package_arn,
    package_wildcard,
    parse_arn,
    require,
)
from .ram import shared_with
from .state import next_version

_OVERRIDE = "_sandbox_backend"

Handler = Callable[[Any], ActionResult]


def sagemaker_backend(self: Any) -> SageMakerModelBackend:
    """moto's property, unless a handler chose another account's backend."""
    chosen = self.__dict__.get(_OVERRIDE)
    if chosen is not None:
        return chosen
    return sagemaker_backends[self.current_account][self.region]


# --- the missing operations --------------------------------------------------------


def put_model_package_group_policy(self: Any) -> ActionResult:
    arn = self.sagemaker_backend.put_model_package_group_policy(
        model_package_group_name=self._get_param("ModelPackageGroupName"),
        resource_policy=self._get_param("ResourcePolicy"),
    )
    return ActionResult({"ModelPackageGroupArn": arn})


def get_model_package_group_policy(self: Any) -> ActionResult:
    policy = self.sagemaker_backend.get_model_package_group_policy(
        model_package_group_name=self._get_param("ModelPackageGroupName"),
    )
    return ActionResult({"ResourcePolicy": policy})


def delete_model_package_group_policy(self: Any) -> ActionResult:
    self.sagemaker_backend.delete_model_package_group_policy(
        model_package_group_name=self._get_param("ModelPackageGroupName"),
    )
    return EmptyResult()


def delete_model_package(self: Any) -> ActionResult:
    self.sagemaker_backend.delete_model_package(
        model_package_name=self._get_param("ModelPackageName"),
    )
    return EmptyResult()


def delete_model_package_group(self: Any) -> ActionResult:
    self.sagemaker_backend.delete_model_package_group(
        model_package_group_name=self._get_param("ModelPackageGroupName"),
    )
    return EmptyResult()


def batch_describe_model_package(self: Any) -> ActionResult:
    """Own ARNs are described directly; another account's need its group's policy."""
    caller = Caller.of(self)
    summaries: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for arn in self._get_param("ModelPackageArnList", []):
        backend = self.sagemaker_backend
        parsed = parse_arn(arn)
        if parsed is not None and parsed.account != caller.account:
            backend = owner_backend(parsed)
            try:
                group = find_group(backend, parsed.group_name)
                require(caller, backend, group, "sagemaker:DescribeModelPackage", [arn])
            except AccessDeniedException as denied:
                errors[arn] = {"ErrorCode": denied.code, "ErrorResponse": denied.message}
                continue
        found, missing = backend.batch_describe_model_package([arn])
        summaries.update(found)
        errors.update(missing)
    return ActionResult(
        {"ModelPackageSummaries": summaries, "BatchDescribeModelPackageErrorMap": errors}
    )


NEW_HANDLERS: dict[str, Handler] = {name: globals()[name] for name in ADDED_OPERATIONS}


# --- ARN resolution in front of moto's handlers ------------------------------------


def _group_target(self: Any, param: str, action: str) -> None:
    """Resolve a group ARN parameter to a name, switching account when it is foreign."""
    value = self._get_param(param)
    arn = parse_arn(value)
    if arn is None or arn.resource_type != "model-package-group":
        return
    caller = Caller.of(self)
    self.params[param] = arn.resource
    if arn.account == caller.account:
        return
    owner = owner_backend(arn)
    group = find_group(owner, arn.resource)
    name = group.model_package_group_name if group else arn.resource
    group_arn = group.arn if group else value
    if action == "sagemaker:DescribeModelPackageGroup":
        resources = [group_arn]
    elif action == "sagemaker:CreateModelPackage":
        resources = [package_arn(owner, name, next_version(owner, name))]
    else:
        resources = [package_wildcard(owner, name), group_arn]
    require(caller, owner, group, action, resources)
    self.params[param] = name
    self.__dict__[_OVERRIDE] = owner


def _package_target(self: Any, param: str, action: str) -> None:
    """Switch to the owner's account for a foreign package ARN its group shares."""
    value = self._get_param(param)
    arn = parse_arn(value)
    if arn is None or arn.resource_type != "model-package":
        return
    caller = Caller.of(self)
    if arn.account == caller.account:
        return
    owner = owner_backend(arn)
    require(caller, owner, find_group(owner, arn.group_name), action, [value])
    self.__dict__[_OVERRIDE] = owner


def _tag_target(self: Any, param: str, action: str) -> None:
    """A group ARN to tag: another account's needs its policy to allow `action` (as on AWS,
    a group that does not exist there is denied too); a missing own group is a validation
    error, not the server error moto raises."""
    value = self._get_param(param)
    arn = parse_arn(value)
    if arn is None or arn.resource_type != "model-package-group":
        return
    caller = Caller.of(self)
    owner = owner_backend(arn) if arn.account != caller.account else self.sagemaker_backend
    group = find_group(owner, arn.resource)
    if arn.account != caller.account:
        require(caller, owner, group, action, [value])
        self.__dict__[_OVERRIDE] = owner
    if group is None or group.model_package_group_name != arn.resource:
        raise ValidationError(f"ModelPackageGroup {value} does not exist.")


def guarded(
    original: Handler, target: Callable[[Any, str, str], None], param: str, action: str
) -> Handler:
    """moto's handler behind an ARN check for ``param``."""

    def handler(self: Any) -> ActionResult:
        target(self, param, action)
        return original(self)

    handler.__name__ = original.__name__
    handler.__doc__ = original.__doc__
    return handler


class _SharedGroups:
    """Stands in for a backend so moto's own filtering, sorting and paging apply."""

    list_model_package_groups = SageMakerModelBackend.list_model_package_groups

    def __init__(self, groups: dict[str, Any]) -> None:
        self.model_package_groups = groups


def cross_account_listing(original: Handler) -> Handler:
    """CrossAccount lists other accounts' groups shared with the caller's account by a promoted
    AWS RAM share: a group policy alone makes a share only its owner sees (see `ram`)."""

    def list_model_package_groups(self: Any) -> ActionResult:
        if self._get_param("CrossAccountFilterOption") != "CrossAccount":
            return original(self)
        caller = Caller.of(self)
        shared: dict[str, Any] = {}
        for account_id, regions in list(sagemaker_backends.items()):
            backend = dict.get(regions, self.region)  # never create a backend here
            if account_id == caller.account or backend is None:
                continue
            for group in list(backend.model_package_groups.values()):
                if shared_with(caller.account, self.region, account_id, group.arn):
                    shared[group.arn] = group
        self.__dict__[_OVERRIDE] = _SharedGroups(shared)
        return original(self)

    list_model_package_groups.__name__ = original.__name__
    return list_model_package_groups


# Handler name -> (resolver, parameter, action checked across accounts).
GUARDS: dict[str, tuple[Callable[[Any, str, str], None], str, str]] = {
    "describe_model_package_group": (
        _group_target,
        "ModelPackageGroupName",
        "sagemaker:DescribeModelPackageGroup",
    ),
    "list_model_packages": (_group_target, "ModelPackageGroupName", "sagemaker:ListModelPackages"),
    "create_model_package": (
        _group_target,
        "ModelPackageGroupName",
        "sagemaker:CreateModelPackage",
    ),
    "describe_model_package": (
        _package_target,
        "ModelPackageName",
        "sagemaker:DescribeModelPackage",
    ),
    "update_model_package": (_package_target, "ModelPackageArn", "sagemaker:UpdateModelPackage"),
    "list_tags": (_tag_target, "ResourceArn", "sagemaker:ListTags"),
    "add_tags": (_tag_target, "ResourceArn", "sagemaker:AddTags"),
    "delete_tags": (_tag_target, "ResourceArn", "sagemaker:DeleteTags"),
}
