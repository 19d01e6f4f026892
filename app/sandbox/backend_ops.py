"""Model registry methods for moto's SageMakerModelBackend: the missing ones and fixes.

Each function takes the backend as ``self``; ``patches.install`` sets them on the class.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from moto.sagemaker.exceptions import ConflictException, ValidationError
from moto.sagemaker.models import ModelPackage, SageMakerModelBackend

from . import ram
from .added import ADDED_OPERATIONS
from .crossaccount import local_name, parse_arn
from .policy import parse_policy
from .state import extras, forget_group, next_version, record_version

SUMMARY_FIELDS = (
    "ModelPackageGroupName",
    "ModelPackageVersion",
    "ModelPackageArn",
    "ModelPackageDescription",
    "CreationTime",
    "InferenceSpecification",
    "ModelPackageStatus",
    "ModelApprovalStatus",
)

# Requests arrive on several server threads; version numbers must not collide.
_create_lock = threading.Lock()


def _find_package(self: SageMakerModelBackend, name_or_arn: str) -> ModelPackage | None:
    key = self.model_package_name_mapping.get(name_or_arn, name_or_arn)
    return self.model_packages.get(key)


# --- resource policies -----------------------------------------------------------


def put_model_package_group_policy(
    self: SageMakerModelBackend, model_package_group_name: str, resource_policy: str
) -> str:
    group = self.describe_model_package_group(local_name(self, model_package_group_name))
    try:
        parse_policy(resource_policy)
    except (TypeError, ValueError) as error:
        raise ValidationError(f"Invalid ResourcePolicy: {error}") from error
    extras(self).policies[group.model_package_group_name] = resource_policy
    ram.policy_put(self.account_id, self.region_name, group.arn, resource_policy)
    return group.arn


def get_model_package_group_policy(
    self: SageMakerModelBackend, model_package_group_name: str
) -> str:
    group = self.describe_model_package_group(local_name(self, model_package_group_name))
    policy = extras(self).policies.get(group.model_package_group_name)
    if policy is None:
        raise ValidationError(f"Cannot find resource policy for {group.arn}")
    return policy


def delete_model_package_group_policy(
    self: SageMakerModelBackend, model_package_group_name: str
) -> None:
    group = self.describe_model_package_group(local_name(self, model_package_group_name))
    if extras(self).policies.pop(group.model_package_group_name, None) is None:
        raise ValidationError(f"Cannot find resource policy for {group.arn}")
    ram.policy_deleted(self.account_id, self.region_name, group.arn)


# --- deletes -----------------------------------------------------------------------


def delete_model_package(self: SageMakerModelBackend, model_package_name: str) -> None:
    package = _find_package(self, model_package_name)
    # A plain name only ever names an unversioned package; versions need their ARN.
    if package is not None and parse_arn(model_package_name) is None:
        if package.model_package_type != "Unversioned":
            package = None
    if package is None:
        raise ValidationError(f"Model package {model_package_name} does not exist.")
    del self.model_packages[package.arn]
    self.model_package_name_mapping.pop(package.arn, None)
    # moto maps a group name to its newest version; point it at the newest left.
    name = package.model_package_name
    if self.model_package_name_mapping.get(name) == package.arn:
        left = [p for p in self.model_packages.values() if p.model_package_name == name]
        if left:
            newest = max(left, key=lambda p: p.model_package_version or 0)
            self.model_package_name_mapping[name] = newest.arn
        else:
            del self.model_package_name_mapping[name]


def delete_model_package_group(self: SageMakerModelBackend, model_package_group_name: str) -> None:
    group = self.describe_model_package_group(local_name(self, model_package_group_name))
    name = group.model_package_group_name
    if any(p.model_package_group_name == name for p in self.model_packages.values()):
        raise ConflictException(
            f"Cannot delete model package group {group.arn} because it contains model "
            "packages. Delete the model packages first."
        )
    del self.model_package_groups[name]
    forget_group(self, name)


# --- batch describe ----------------------------------------------------------------


def summarize(package: ModelPackage) -> dict[str, Any]:
    described = package.gen_response_object()
    return {key: described[key] for key in SUMMARY_FIELDS if key in described}


def batch_describe_model_package(
    self: SageMakerModelBackend, model_package_arn_list: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Summaries of the packages found, and an error entry for each ARN that is not."""
    summaries: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    for arn in model_package_arn_list:
        package = _find_package(self, arn) if parse_arn(arn) else None
        if package is None:
            errors[arn] = {
                "ErrorCode": "ValidationException",
                "ErrorResponse": f"Model package {arn} does not exist.",
            }
        else:
            summaries[arn] = summarize(package)
    return summaries, errors


# --- fixes to moto's own methods ---------------------------------------------------


def fixed_update_model_package(original: Callable[..., str]) -> Callable[..., str]:
    """Only fields that were sent change; sent metadata keys merge into the old ones, and
    the additional inference specifications stay unless some are added."""

    def update_model_package(
        self: SageMakerModelBackend,
        model_package_arn: str,
        model_approval_status: str | None,
        approval_description: str | None,
        customer_metadata_properties: dict[str, str] | None,
        customer_metadata_properties_to_remove: list[str],
        additional_inference_specifications_to_add: list[Any] | None,
    ) -> str:
        package = _find_package(self, model_package_arn)
        kept_specifications = None
        if package is not None:
            # moto replaces the additional specifications with what was sent, even nothing
            if additional_inference_specifications_to_add is None:
                kept_specifications = package.additional_inference_specifications
            if model_approval_status is None:
                model_approval_status = package.model_approval_status
            if approval_description is None:
                approval_description = package.approval_description
            old = package.customer_metadata_properties
            if old is not None or customer_metadata_properties is not None:
                customer_metadata_properties = {
                    **(old or {}),
                    **(customer_metadata_properties or {}),
                }
            else:
                customer_metadata_properties_to_remove = []
        arn = original(
            self,
            model_package_arn=model_package_arn,
            model_approval_status=model_approval_status,
            approval_description=approval_description,
            customer_metadata_properties=customer_metadata_properties,
            customer_metadata_properties_to_remove=customer_metadata_properties_to_remove,
            additional_inference_specifications_to_add=additional_inference_specifications_to_add,
        )
        if kept_specifications is not None and package is not None:
            package.additional_inference_specifications = kept_specifications
        return arn

    return update_model_package


def fixed_create_model_package(original: Callable[..., str]) -> Callable[..., str]:
    """Versions count from the group's highest number ever, never reusing a deleted one.

    Group ARNs of the backend's own account are accepted, and a new version starts as
    PendingManualApproval when no status is given, as on AWS.
    """

    def create_model_package(self: SageMakerModelBackend, **kwargs: Any) -> str:
        group_name = kwargs.get("model_package_group_name")
        if not group_name or kwargs.get("model_package_name"):
            return original(self, **kwargs)  # moto's checks and unversioned packages
        group_name = local_name(self, group_name)
        if group_name not in self.model_package_groups:
            return original(self, **{**kwargs, "model_package_group_name": group_name})
        fields = {
            key: value
            for key, value in kwargs.items()
            if key not in ("model_package_name", "model_package_group_name")
        }
        fields["model_approval_status"] = fields.get("model_approval_status") or (
            "PendingManualApproval"
        )
        with _create_lock:
            version = next_version(self, group_name)
            package = ModelPackage(
                model_package_name=group_name,
                model_package_group_name=group_name,
                model_package_version=version,
                approval_description=None,
                region_name=self.region_name,
                account_id=self.account_id,
                model_package_type="Versioned",
                **fields,
            )
            self.model_package_name_mapping[group_name] = package.arn
            self.model_package_name_mapping[package.arn] = package.arn
            self.model_packages[package.arn] = package
            record_version(self, group_name, version)
        return package.arn

    return create_model_package


def fixed_add_tags(original: Callable[..., Any]) -> Callable[..., Any]:
    """A key already on the resource gets the new value, as AWS's AddTags "adds or overwrites";
    moto appends a second tag with the same key."""

    def add_tags(self: SageMakerModelBackend, arn: str, tags: list[dict[str, str]]) -> Any:
        sent = {tag["Key"]: tag for tag in tags}
        resource = self._get_resource_from_arn(arn)
        if resource is not None and resource.tags:
            resource.tags = [tag for tag in resource.tags if tag["Key"] not in sent]
        return original(self, arn, list(sent.values()))

    return add_tags


def fixed_resource_from_arn(original: Callable[..., Any]) -> Callable[..., Any]:
    """A version's ARN (model-package/group/1) names the version, for the tag operations; moto
    splits it into two parts only and fails with a server error."""

    def _get_resource_from_arn(self: SageMakerModelBackend, arn: str) -> Any:
        if ":model-package/" not in arn or arn.count("/") != 2:
            return original(self, arn)
        package = self.model_packages.get(arn)
        if package is None:
            raise ValidationError(message=f"Could not find model-package with name {arn}")
        return package

    return _get_resource_from_arn


NEW_METHODS: dict[str, Callable[..., Any]] = {name: globals()[name] for name in ADDED_OPERATIONS}

FIXES: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]] = {
    "update_model_package": fixed_update_model_package,
    "create_model_package": fixed_create_model_package,
    "add_tags": fixed_add_tags,
    "_get_resource_from_arn": fixed_resource_from_arn,
}
