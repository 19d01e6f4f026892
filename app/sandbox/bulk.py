"""The seed's bulk writes: S3 artifacts, container images and model package versions.

Through the HTTP server each request costs about 5 ms, and the seed has some two hundred
artifacts (metrics reports included), sixteen images in three accounts and two regions, and a
hundred and ten version creates and their approvals. When the server runs in this process they go
straight into moto's backends instead, through the same (patched) backend methods the
server's handlers call. Otherwise they go through boto3.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from moto.core.utils import camelcase_to_underscores
from moto.ecr.models import ecr_backends
from moto.s3.models import s3_backends
from moto.sagemaker.models import sagemaker_backends
from moto.utilities.utils import get_partition

from . import versionfields
from .catalog import VersionSpec, image_manifest
from .server import serves_here

# What moto's CreateModelPackage handler passes when a field is not sent.
_CREATE_DEFAULTS: dict[str, Any] = {
    "model_package_name": None,
    "model_package_group_name": None,
    "model_package_description": None,
    "inference_specification": None,
    "validation_specification": None,
    "source_algorithm_specification": None,
    "certify_for_marketplace": False,
    "tags": None,
    "model_approval_status": None,
    "metadata_properties": None,
    "model_metrics": None,
    "client_token": None,
    "customer_metadata_properties": None,
    "drift_check_baselines": None,
    "domain": None,
    "task": None,
    "sample_payload_url": None,
    "additional_inference_specifications": None,
}


def content_type(key: str) -> str:
    if key.endswith(".json"):
        return "application/json"
    if key.endswith(".tar.gz"):
        return "application/x-tar"
    return "binary/octet-stream"


def put_objects(
    s3: Any,
    endpoint_url: str,
    account_id: str,
    region: str,
    bucket: str,
    objects: dict[str, bytes],
) -> None:
    """Store ``objects`` (key -> body) in ``bucket`` of ``account_id``."""
    if not serves_here(endpoint_url):
        for key, body in objects.items():
            s3.put_object(Bucket=bucket, Key=key, Body=body, ContentType=content_type(key))
        return
    backend = s3_backends[account_id][get_partition(region)]
    for key, body in objects.items():
        stored = backend.put_object(bucket, key, body)
        stored.set_metadata({"Content-Type": content_type(key)})


# What moto's CreateRepository handler passes when only the name is sent (and no tags: a new
# list for each repository, as each request parses its own).
_REPOSITORY_DEFAULTS: dict[str, Any] = {
    "registry_id": None,
    "encryption_config": None,
    "image_scan_config": None,
    "image_tag_mutability": None,
    "image_tag_mutability_exclusion_filters": None,
}


def push_images(
    ecr_client: Callable[[], Any], endpoint_url: str, account_id: str, region: str, images: dict[str, list[str]]
) -> None:
    """Create each repository of ``images`` (repository -> tags) and push its tagged images;
    ``ecr_client`` makes the client when they go over HTTP."""
    if not serves_here(endpoint_url):
        ecr = ecr_client()
        for repository, tags in images.items():
            ecr.create_repository(repositoryName=repository)
            for tag in tags:
                ecr.put_image(repositoryName=repository, imageManifest=image_manifest(repository, tag), imageTag=tag)
        return
    backend = ecr_backends[account_id][region]
    for repository, tags in images.items():
        backend.create_repository(repository_name=repository, **{**_REPOSITORY_DEFAULTS, "tags": []})
        for tag in tags:
            backend.put_image(repository, image_manifest(repository, tag), tag, None, None)


def _create_arguments(request: dict[str, Any]) -> dict[str, Any]:
    unknown = [key for key in request if camelcase_to_underscores(key) not in _CREATE_DEFAULTS]
    if unknown:
        raise ValueError(f"not a CreateModelPackage field moto passes on: {unknown}")
    sent = {camelcase_to_underscores(k): copy.deepcopy(v) for k, v in request.items()}
    return {**_CREATE_DEFAULTS, **sent}


def add_versions(
    sagemaker: Any,
    endpoint_url: str,
    account_id: str,
    region: str,
    versions: list[VersionSpec],
    *,
    through_api: bool = False,
) -> list[str]:
    """Create each version, then approve or reject the commented ones as a reviewer
    would; the new versions' ARNs, oldest first.

    `through_api` sends every request over HTTP, for versions with fields only the sandbox's
    request handlers keep (source URI, encryption, model card...)."""
    if not serves_here(endpoint_url):
        return [_add_over_http(sagemaker, version) for version in versions]
    backend = sagemaker_backends[account_id][region]
    if through_api:
        arns = [_add_over_http(sagemaker, version) for version in versions]
        _spread_over_time(backend, arns, [version.age for version in versions])
        return arns
    arns = []
    for version in versions:
        initial = "PendingManualApproval" if version.comment else version.status
        request = {**version.request, "ModelApprovalStatus": initial}
        arn = backend.create_model_package(**_create_arguments(request))
        package = backend.model_packages[backend.model_package_name_mapping.get(arn, arn)]
        # Who made it, as over HTTP with the account's keys (moto names a placeholder Studio user).
        root = f"arn:{get_partition(region)}:iam::{account_id}:root"
        package.created_by = versionfields.user_context(root, account_id)
        if version.comment:
            backend.update_model_package(
                model_package_arn=arn,
                model_approval_status=version.status,
                approval_description=version.comment,
                customer_metadata_properties=None,
                customer_metadata_properties_to_remove=[],
                additional_inference_specifications_to_add=None,
            )
            package.last_modified_by = versionfields.user_context(root, account_id)
        arns.append(arn)
    _spread_over_time(backend, arns, [version.age for version in versions])
    return arns


# A registry that has lived for a while: one version a week, at varying hours, each review a
# day or so after it; the group made a few days before its first version. A version with an
# age of its own was registered that long ago, reviewed within the day (or half its age).
# (Only in process: the API has no way to set a creation time.)
RELEASE_CADENCE = timedelta(days=7)


def _spread_over_time(backend: Any, arns: list[str], ages: list[timedelta | None]) -> None:
    packages = [backend.model_packages[backend.model_package_name_mapping.get(arn, arn)] for arn in arns]
    for weeks, (package, age) in enumerate(reversed(list(zip(packages, ages, strict=True))), start=1):
        if age is None:
            created = package.creation_time - weeks * RELEASE_CADENCE + timedelta(hours=(weeks * 7) % 11)
            reviewed = timedelta(days=1, hours=weeks % 5)
        else:
            created = package.creation_time - age
            reviewed = min(timedelta(hours=20), age / 2)
        package.creation_time = created
        if package.last_modified_time is not None:
            package.last_modified_time = created + reviewed
    if packages and packages[0].model_package_group_name in backend.model_package_groups:
        group = backend.model_package_groups[packages[0].model_package_group_name]
        group.creation_time = min(group.creation_time, packages[0].creation_time - timedelta(days=3))


def _add_over_http(sagemaker: Any, version: VersionSpec) -> str:
    initial = "PendingManualApproval" if version.comment else version.status
    created = sagemaker.create_model_package(**version.request, ModelApprovalStatus=initial)
    arn = str(created["ModelPackageArn"])
    if version.comment:
        sagemaker.update_model_package(
            ModelPackageArn=arn,
            ModelApprovalStatus=version.status,
            ApprovalDescription=version.comment,
        )
    return arn
