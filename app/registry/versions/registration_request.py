"""A spec becomes the create_model_package request (`build_request`), and an existing version's
description becomes a spec again (`spec_from_describe`, for "new version from").

The 25 request fields of CreateModelPackage (botocore's model), and what a spec does with each:

=====================================  =========================================================
Request field                          In the spec
=====================================  =========================================================
ModelPackageGroupName                  edited: `group`
ModelPackageDescription                edited: `description`
InferenceSpecification                 edited: `containers` (each member, and the container
                                       members the wizard does not edit in `ContainerSpec.extra`:
                                       ModelInput, NearestModelName, AdditionalModelDataSources,
                                       AdditionalS3DataSource, ProductId, ModelDataETag,
                                       IsCheckpoint, BaseModel), the four lists
ModelApprovalStatus                    edited: `approval_status`; a clone starts pending
CustomerMetadataProperties             edited: `customer_metadata`
ModelMetrics                           edited: `metrics` (every kind, with its content digest)
DriftCheckBaselines                    edited: `drift_baselines`
MetadataProperties                     edited: `source_metadata`
SourceUri                              edited: `source_uri`
SecurityConfig                         edited: `kms_key_id`
SkipModelValidation                    edited: `skip_model_validation`
AdditionalInferenceSpecifications      edited: `additional_specs`
ModelCard                              edited: `model_card_content`, `model_card_status`; a
                                       clone keeps the content, its status starts at Draft
ModelLifeCycle                         edited: `life_cycle`; a clone starts without one
SamplePayloadUrl, Domain, Task         edited
Tags                                   edited: `tags`; a clone has none (describe does not
                                       return tags: they belong to the source's ARN)
ModelPackageRegistrationType           carried through `extra` when it is Logged (Registered is
                                       what AWS assumes when it is not sent)
ValidationSpecification                carried through `extra` (Marketplace validation profiles)
SourceAlgorithmSpecification           carried through `extra` (a version made from an algorithm)
CertifyForMarketplace                  carried through `extra` when true (false is the default)
ManagedStorageType                     carried through `extra`
ModelPackageName                       left out: a version in a group is named by the group and
                                       its number; a name makes an unversioned package instead
ClientToken                            left out: one per call (botocore makes one); a repeated
                                       token would return the earlier version, not a new one
=====================================  =========================================================

A clone is a new version of the same model, not a copy of the source's state: like its approval
status (pending), its lifecycle stage says where the *source* stands (Production, say), which
would be untrue of a version nobody has tested; so the clone has none, and the person sets one
in the wizard. The card's content describes the model (uses, risks, evaluation) and is kept;
its status records a review of the source's card, so the clone's card is a Draft.

Describe returns output-only members too (ModelPackageArn, ModelPackageVersion, CreationTime,
ModelPackageStatus, ModelPackageStatusDetails, CreatedBy, LastModifiedTime, LastModifiedBy,
ApprovalDescription): none is ever read into a spec.
"""

from __future__ import annotations

import json
from typing import Any

from app.registry.versions.registration_checks import CONTAINER_EDITED, S3_SOURCE_EDITED
from app.registry.versions.spec import (
    METRICS_CONTENT_TYPE,
    PENDING,
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    MetricSpec,
    ModelDataSourceSpec,
    RegistrationSpec,
    SourceMetadata,
)

DRAFT_CARD = "Draft"
# Request members a spec carries in `extra`, each left out of a clone when at its default.
CARRIED = ("ModelPackageRegistrationType", "ValidationSpecification", "SourceAlgorithmSpecification",
           "CertifyForMarketplace", "ManagedStorageType")
_DEFAULTS: dict[str, Any] = {"ModelPackageRegistrationType": "Registered", "CertifyForMarketplace": False}
_METADATA = (("commit_id", "CommitId"), ("repository", "Repository"), ("generated_by", "GeneratedBy"),
             ("project_id", "ProjectId"))


def _object(text: str) -> dict[str, Any]:
    """The JSON object typed in an `extra` field; {} when empty or not an object (the checks say
    so before any call; a rendering of a spec with such a problem leaves it out)."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _extra_text(members: dict[str, Any]) -> str:
    return json.dumps(members, indent=2, ensure_ascii=False) if members else ""


# -- spec -> request ---------------------------------------------------------------------------


def _data_source_request(source: ModelDataSourceSpec) -> dict[str, Any]:
    body: dict[str, Any] = {"S3Uri": source.s3_uri, "S3DataType": source.s3_data_type,
                            "CompressionType": source.compression_type}
    if source.accept_eula is not None:
        body["ModelAccessConfig"] = {"AcceptEula": source.accept_eula}
    body.update(_object(source.extra))
    return {"S3DataSource": body}


def _container_request(c: ContainerSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"Image": c.image}
    if c.image_digest:
        out["ImageDigest"] = c.image_digest
    if c.model_data_url:
        out["ModelDataUrl"] = c.model_data_url
    if c.model_data_source is not None:
        out["ModelDataSource"] = _data_source_request(c.model_data_source)
    if c.environment:
        out["Environment"] = dict(c.environment)
    if c.hostname:
        out["ContainerHostname"] = c.hostname
    if c.framework:
        out["Framework"] = c.framework
    if c.framework_version:
        out["FrameworkVersion"] = c.framework_version
    out.update(_object(c.extra))
    return out


def _inference_request(spec: RegistrationSpec | InferenceSpec) -> dict[str, Any]:
    inference: dict[str, Any] = {"Containers": [_container_request(c) for c in spec.containers]}
    for key, values in (("SupportedContentTypes", spec.content_types),
                        ("SupportedResponseMIMETypes", spec.response_types),
                        ("SupportedRealtimeInferenceInstanceTypes", spec.realtime_instance_types),
                        ("SupportedTransformInstanceTypes", spec.transform_instance_types)):
        if values:
            inference[key] = list(values)
    return inference


def _files_request(files: tuple[MetricSpec, ...]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for f in files:
        group, member = f.kind.split(".", 1)
        body: dict[str, Any] = {}
        if f.content_type:
            body["ContentType"] = f.content_type
        if f.content_digest:
            body["ContentDigest"] = f.content_digest
        body["S3Uri"] = f.s3_uri
        out.setdefault(group, {})[member] = body
    return out


def build_request(spec: RegistrationSpec) -> dict[str, Any]:
    """The create_model_package keyword arguments for `spec` (optional fields left out when empty)."""
    request: dict[str, Any] = {"ModelPackageGroupName": spec.group}
    if spec.description:
        request["ModelPackageDescription"] = spec.description
    request["ModelApprovalStatus"] = spec.approval_status
    request["InferenceSpecification"] = _inference_request(spec)
    if spec.customer_metadata:
        request["CustomerMetadataProperties"] = dict(spec.customer_metadata)
    if spec.metrics:
        request["ModelMetrics"] = _files_request(spec.metrics)
    for key, value in (("SamplePayloadUrl", spec.sample_payload_url), ("Domain", spec.domain),
                       ("Task", spec.task), ("SourceUri", spec.source_uri)):
        if value:
            request[key] = value
    if spec.kms_key_id:
        request["SecurityConfig"] = {"KmsKeyId": spec.kms_key_id}
    metadata = {member: getattr(spec.source_metadata, field) for field, member in _METADATA
                if getattr(spec.source_metadata, field)}
    if metadata:
        request["MetadataProperties"] = metadata
    if spec.drift_baselines:
        request["DriftCheckBaselines"] = _files_request(spec.drift_baselines)
    if spec.skip_model_validation:
        request["SkipModelValidation"] = spec.skip_model_validation
    if spec.additional_specs:
        request["AdditionalInferenceSpecifications"] = [
            {"Name": s.name, **({"Description": s.description} if s.description else {}),
             **_inference_request(s)}
            for s in spec.additional_specs
        ]
    card = {key: value for key, value in (("ModelCardContent", spec.model_card_content),
                                          ("ModelCardStatus", spec.model_card_status)) if value}
    if card:
        request["ModelCard"] = card
    if not spec.life_cycle.is_empty:
        life = {"Stage": spec.life_cycle.stage, "StageStatus": spec.life_cycle.stage_status}
        if spec.life_cycle.stage_description:
            life["StageDescription"] = spec.life_cycle.stage_description
        request["ModelLifeCycle"] = life
    if spec.tags:
        request["Tags"] = [{"Key": k, "Value": v} for k, v in spec.tags]
    request.update(_object(spec.extra))
    return request


# -- description -> spec -----------------------------------------------------------------------


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _container_spec(c: dict[str, Any]) -> ContainerSpec:
    source = (c.get("ModelDataSource") or {}).get("S3DataSource")
    data_source = None
    if isinstance(source, dict):
        access = source.get("ModelAccessConfig") or {}
        data_source = ModelDataSourceSpec(
            s3_uri=_text(source.get("S3Uri")),
            s3_data_type=_text(source.get("S3DataType")),
            compression_type=_text(source.get("CompressionType")),
            accept_eula=access.get("AcceptEula") if "AcceptEula" in access else None,
            extra=_extra_text({k: v for k, v in source.items() if k not in S3_SOURCE_EDITED}),
        )
    return ContainerSpec(
        image=_text(c.get("Image")),
        model_data_url=_text(c.get("ModelDataUrl")),
        environment=tuple((str(k), str(v)) for k, v in (c.get("Environment") or {}).items()),
        hostname=_text(c.get("ContainerHostname")),
        framework=_text(c.get("Framework")),
        framework_version=_text(c.get("FrameworkVersion")),
        model_data_source=data_source,
        image_digest=_text(c.get("ImageDigest")),
        extra=_extra_text({k: v for k, v in c.items() if k not in CONTAINER_EDITED}),
    )


def _lists(inference: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {
        "content_types": tuple(inference.get("SupportedContentTypes") or ()),
        "response_types": tuple(inference.get("SupportedResponseMIMETypes") or ()),
        "realtime_instance_types": tuple(inference.get("SupportedRealtimeInferenceInstanceTypes") or ()),
        "transform_instance_types": tuple(inference.get("SupportedTransformInstanceTypes") or ()),
    }


def _files(found: Any, default_type: str) -> tuple[MetricSpec, ...]:
    return tuple(
        MetricSpec(f"{group}.{member}", _text(source.get("S3Uri")),
                   _text(source.get("ContentType")) or default_type, _text(source.get("ContentDigest")))
        for group, members in (found or {}).items()
        for member, source in (members or {}).items()
        if isinstance(source, dict) and source.get("S3Uri")
    )


def spec_from_describe(response: dict[str, Any]) -> RegistrationSpec:
    """The spec of a new version like an existing one (a describe_model_package response, or its
    JSON form): every request field as described, but pending, without lifecycle, with a Draft
    card and no tags (the table above says why)."""
    inference = response.get("InferenceSpecification") or {}
    containers = tuple(_container_spec(c) for c in inference.get("Containers") or [])
    metadata = response.get("MetadataProperties") or {}
    card = response.get("ModelCard") or {}
    carried = {key: response[key] for key in CARRIED
               if key in response and response[key] != _DEFAULTS.get(key, object())}
    return RegistrationSpec(
        group=_text(response.get("ModelPackageGroupName")),
        containers=containers or (ContainerSpec(),),
        **_lists(inference),
        description=_text(response.get("ModelPackageDescription")),
        approval_status=PENDING,
        customer_metadata=tuple((str(k), str(v)) for k, v in
                                (response.get("CustomerMetadataProperties") or {}).items()),
        metrics=_files(response.get("ModelMetrics"), METRICS_CONTENT_TYPE),
        sample_payload_url=_text(response.get("SamplePayloadUrl")),
        domain=_text(response.get("Domain")),
        task=_text(response.get("Task")),
        kms_key_id=_text((response.get("SecurityConfig") or {}).get("KmsKeyId")),
        source_uri=_text(response.get("SourceUri")),
        source_metadata=SourceMetadata(**{field: _text(metadata.get(member)) for field, member in _METADATA}),
        drift_baselines=_files(response.get("DriftCheckBaselines"), ""),
        skip_model_validation=_text(response.get("SkipModelValidation")),
        additional_specs=tuple(
            InferenceSpec(name=_text(s.get("Name")), description=_text(s.get("Description")),
                          containers=tuple(_container_spec(c) for c in s.get("Containers") or ()),
                          **_lists(s))
            for s in response.get("AdditionalInferenceSpecifications") or ()
        ),
        model_card_content=_text(card.get("ModelCardContent")),
        model_card_status=DRAFT_CARD if card.get("ModelCardContent") else "",
        life_cycle=LifeCycleSpec(),
        tags=(),
        extra=_extra_text(carried),
    )


__all__ = ["CARRIED", "DRAFT_CARD", "build_request", "spec_from_describe"]
