"""What to fix in a registration spec before any call (`problems`), and what to know (`warnings`).

Each `Problem` names its field by `where`, so the wizard shows the message beside it:
"group", "containers.{i}.image" (.model_data_url, .model_data_source, .image_digest, .hostname,
.framework_version, .environment, .environment.{j}.key/.value, .extra), "content_types.{j}"
(response_types, realtime_instance_types, transform_instance_types), "description",
"approval_status", "customer_metadata", "customer_metadata.{j}.key/.value",
"sample_payload_url", "metrics.{i}", "kms_key_id", "source_uri",
"source_metadata.commit_id" (.repository, .generated_by, .project_id), "drift_baselines.{i}",
"skip_model_validation", "additional_specs" (the count), "additional_specs.{k}.name",
".description", ".containers" (the count), ".containers.{i}.image" and the other container
suffixes, ".content_types.{j}" and the other lists; "model_card_content", "model_card_status",
"life_cycle.stage", "life_cycle.stage_status", "life_cycle.stage_description", "tags",
"tags.{j}.key", "tags.{j}.value", "extra". Warnings use the same keys, and
"containers.{i}.model_data" for a container with no model data at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.registry.aws import service_model
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions import requests as checks
from app.registry.versions import requests_advanced as more
from app.registry.versions.spec import (
    GZIP,
    NO_COMPRESSION,
    S3_OBJECT,
    S3_PREFIX,
    ContainerSpec,
    MetricSpec,
    Pairs,
    RegistrationSpec,
)

# Members each edited structure has its own field for; the rest may go in its `extra` JSON.
CONTAINER_EDITED = frozenset({
    "Image", "ImageDigest", "ModelDataUrl", "ModelDataSource", "Environment", "ContainerHostname",
    "Framework", "FrameworkVersion",
})
S3_SOURCE_EDITED = frozenset({"S3Uri", "S3DataType", "CompressionType", "ModelAccessConfig"})
# Request members with a field of their own, and the two never sent from a spec: a version in a
# group has no name of its own, and a client token is made per call (a saved one would return
# the earlier version instead of creating a new one).
REQUEST_EDITED = frozenset({
    "ModelPackageGroupName", "ModelPackageDescription", "InferenceSpecification",
    "ModelApprovalStatus", "CustomerMetadataProperties", "ModelMetrics", "SamplePayloadUrl",
    "Domain", "Task", "SecurityConfig", "SourceUri", "MetadataProperties", "DriftCheckBaselines",
    "SkipModelValidation", "AdditionalInferenceSpecifications", "ModelCard", "ModelLifeCycle",
    "Tags", "ModelPackageName", "ClientToken",
})
SOURCE_METADATA_MEMBERS = (("commit_id", "CommitId"), ("repository", "Repository"),
                           ("generated_by", "GeneratedBy"), ("project_id", "ProjectId"))


@dataclass(frozen=True)
class Problem:
    """One thing to fix (or, from `warnings`, to know). `where` names the field: "group",
    "containers.1.image", "containers.0.environment.2.key", "content_types.0"…"""

    where: str
    message: str  # a Text: the window renders it in the user's language


# -- kinds of metrics files --------------------------------------------------------------------


def _kinds(shape_name: str) -> tuple[str, ...]:
    shape = service_model().shape_for(shape_name)
    return tuple(f"{g}.{m}" for g, sub in shape.members.items() for m in sub.members)


def metric_kinds() -> tuple[str, ...]:
    """Every "Group.Member" of ModelMetrics botocore knows, in the model's order."""
    return _kinds("ModelMetrics")


def drift_kinds() -> tuple[str, ...]:
    """Every "Group.Member" of DriftCheckBaselines botocore knows, in the model's order."""
    return _kinds("DriftCheckBaselines")


def drift_file_is_optional_typed(kind: str) -> bool:
    """Whether a drift baseline kind is a FileSource (content type optional), not a MetricsSource."""
    group, member = kind.split(".", 1)
    shape = service_model().shape_for("DriftCheckBaselines").members[group].members[member]
    return "ContentType" not in shape.required_members


# -- containers --------------------------------------------------------------------------------


def _data_source_problem(c: ContainerSpec) -> str | None:
    source = c.model_data_source
    if source is None:
        return None
    if c.model_data_url:
        return Text(QT_TRANSLATE_NOOP("Validation", "Give the model data once: either a model data URL (a .tar.gz "
                                      "object) or a model data source, not both."))
    return (more.check_model_data_uri(source.s3_uri)
            or more.check_s3_data_type(source.s3_data_type)
            or more.check_compression_type(source.compression_type)
            or more.check_data_layout(source.s3_data_type, source.compression_type)
            or more.check_extra_members(source.extra, "S3ModelDataSource", S3_SOURCE_EDITED,
                                        Text(QT_TRANSLATE_NOOP("Validation", "other model data source members")), {
                                            "S3Uri": source.s3_uri, "S3DataType": source.s3_data_type,
                                            "CompressionType": source.compression_type}))


def container_problems(containers: tuple[ContainerSpec, ...], at: str = "containers") -> list[Problem]:
    """Problems of one list of containers (the main ones, or an additional specification's)."""
    found: list[Problem] = []
    count = checks.check_container_count(len(containers))
    if count:
        found.append(Problem(at, count))
    duplicates = checks.check_unique_hostnames([c.hostname for c in containers])
    for i, c in enumerate(containers):
        here = f"{at}.{i}"
        for name, message in (
            ("image", checks.check_image(c.image)),
            ("image_digest", more.check_image_digest(c.image_digest)),
            ("model_data_url", checks.check_model_data_url(c.model_data_url)),
            ("model_data_source", _data_source_problem(c)),
            ("hostname", checks.check_hostname(c.hostname) or duplicates.get(i)),
            ("framework_version", checks.check_framework_version(c.framework_version)),
            ("environment", checks.check_env_count(len(c.environment))),
            ("extra", more.check_extra_members(c.extra, "ModelPackageContainerDefinition",
                                               CONTAINER_EDITED,
                                               Text(QT_TRANSLATE_NOOP("Validation", "other container members")))),
        ):
            if message:
                found.append(Problem(f"{here}.{name}", message))
        found.extend(_pair_problems(
            c.environment, f"{here}.environment", checks.check_env_key, checks.check_env_value,
            Text(QT_TRANSLATE_NOOP("Validation", "variable"))))
    return found


def _list_problems(spec: Any, at: str = "") -> list[Problem]:
    """Content and response types, instance types: of the spec or of an additional one."""
    found: list[Problem] = []
    for name, values, response in (("content_types", spec.content_types, False),
                                   ("response_types", spec.response_types, True)):
        for i, value in enumerate(values):
            message = checks.check_mime_type(value, response=response)
            if message:
                found.append(Problem(f"{at}{name}.{i}", message))
    for name, values, transform in (("realtime_instance_types", spec.realtime_instance_types, False),
                                    ("transform_instance_types", spec.transform_instance_types, True)):
        for i, value in enumerate(values):
            message = checks.check_instance_type(value, transform=transform)
            if message:
                found.append(Problem(f"{at}{name}.{i}", message))
    return found


def inference_problems(spec: RegistrationSpec) -> list[Problem]:
    return _list_problems(spec)


def additional_spec_problems(spec: RegistrationSpec) -> list[Problem]:
    found: list[Problem] = []
    count = more.check_additional_spec_count(len(spec.additional_specs))
    if count:
        found.append(Problem("additional_specs", count))
    repeated = more.check_unique_names([s.name for s in spec.additional_specs])
    for k, extra in enumerate(spec.additional_specs):
        at = f"additional_specs.{k}"
        for name, message in (("name", more.check_inference_name(extra.name) or repeated.get(k)),
                              ("description", more.check_inference_description(extra.description))):
            if message:
                found.append(Problem(f"{at}.{name}", message))
        found.extend(container_problems(extra.containers, f"{at}.containers"))
        found.extend(_list_problems(extra, f"{at}."))
    return found


# -- the version's own fields ------------------------------------------------------------------


def _file_problems(files: tuple[MetricSpec, ...], at: str, kinds: tuple[str, ...], what: str,
                   *, optional_type: Callable[[str], bool] = lambda _kind: False) -> list[Problem]:
    found: list[Problem] = []
    seen: set[str] = set()
    for i, file in enumerate(files):
        if file.kind not in kinds:
            message: str | None = Text(QT_TRANSLATE_NOOP("Validation", "Pick the kind of {what} from {kinds}."),
                                       what=what, kinds=", ".join(kinds))
        elif file.kind in seen:
            message = Text(QT_TRANSLATE_NOOP("Validation", "{kind} is already set above; keep one."), kind=file.kind)
        else:
            message = (checks.check_metrics_uri(file.s3_uri) if file.s3_uri
                       else Text(QT_TRANSLATE_NOOP("Validation", "Type the S3 URI of the {what} file."), what=what))
            message = message or more.check_metrics_content_type(
                file.content_type, required=not optional_type(file.kind))
            message = message or more.check_content_digest(file.content_digest)
        seen.add(file.kind)
        if message:
            found.append(Problem(f"{at}.{i}", message))
    return found


def details_problems(spec: RegistrationSpec) -> list[Problem]:
    found: list[Problem] = []
    for name, message in (
        ("description", checks.check_version_description(spec.description)),
        ("approval_status", checks.check_approval_status(spec.approval_status)),
        ("customer_metadata", checks.check_metadata_count(len(spec.customer_metadata))),
        ("sample_payload_url", checks.check_sample_payload_url(spec.sample_payload_url)),
    ):
        if message:
            found.append(Problem(name, message))
    found.extend(_pair_problems(
        spec.customer_metadata, "customer_metadata", checks.check_metadata_key,
        checks.check_metadata_value, Text(QT_TRANSLATE_NOOP("Validation", "metadata key"))))
    found.extend(_file_problems(spec.metrics, "metrics", metric_kinds(),
                                Text(QT_TRANSLATE_NOOP("Validation", "metrics"))))
    return found


def advanced_problems(spec: RegistrationSpec) -> list[Problem]:
    """The fields of the advanced page: KMS, source, drift, validation, card, lifecycle, tags."""
    found: list[Problem] = []
    for name, message in (
        ("kms_key_id", more.check_kms_key_id(spec.kms_key_id)),
        ("source_uri", more.check_source_uri(spec.source_uri)),
        *((f"source_metadata.{field}", more.check_source_metadata(getattr(spec.source_metadata, field), member))
          for field, member in SOURCE_METADATA_MEMBERS),
        ("skip_model_validation", more.check_skip_model_validation(spec.skip_model_validation)),
        ("model_card_content", more.check_card_content(spec.model_card_content)),
        ("model_card_status", more.check_card_status(spec.model_card_status)),
        ("tags", more.check_tag_count(len(spec.tags))),
        ("extra", more.check_extra_members(spec.extra, "CreateModelPackageInput", REQUEST_EDITED,
                                           Text(QT_TRANSLATE_NOOP("Validation", "other request members")))),
    ):
        if message:
            found.append(Problem(name, message))
    found.extend(_file_problems(spec.drift_baselines, "drift_baselines", drift_kinds(),
                                Text(QT_TRANSLATE_NOOP("Validation", "drift baseline")),
                                optional_type=drift_file_is_optional_typed))
    found.extend(additional_spec_problems(spec))
    life = spec.life_cycle
    if not life.is_empty:  # Stage and StageStatus go together; a description alone needs both
        for name, message in (("life_cycle.stage", more.check_stage(life.stage)),
                              ("life_cycle.stage_status", more.check_stage_status(life.stage_status)),
                              ("life_cycle.stage_description",
                               more.check_stage_description(life.stage_description))):
            if message:
                found.append(Problem(name, message))
    found.extend(_pair_problems(spec.tags, "tags", more.check_tag_key, more.check_tag_value,
                                 Text(QT_TRANSLATE_NOOP("Validation", "tag key"))))
    return found


def problems(spec: RegistrationSpec) -> list[Problem]:
    """Everything wrong with `spec`, field by field; empty when it may be sent."""
    found: list[Problem] = []
    group = checks.check_target_group(spec.group)
    if group:
        found.append(Problem("group", group))
    found.extend(container_problems(spec.containers))
    found.extend(inference_problems(spec))
    found.extend(details_problems(spec))
    found.extend(advanced_problems(spec))
    return found


def _pair_problems(
    pairs: Pairs, at: str, check_key: Callable[[str], str | None], check_value: Callable[[str], str | None], what: str
) -> list[Problem]:
    found: list[Problem] = []
    repeated = checks.check_duplicate_keys([k for k, _v in pairs], what)
    for j, (key, value) in enumerate(pairs):
        message = check_key(key) or repeated.get(j)
        if message:
            found.append(Problem(f"{at}.{j}.key", message))
        message = check_value(value)
        if message:
            found.append(Problem(f"{at}.{j}.value", message))
    return found


# -- warnings ----------------------------------------------------------------------------------


def _container_warnings(containers: tuple[ContainerSpec, ...], at: str) -> list[Problem]:
    found: list[Problem] = []
    for i, c in enumerate(containers):
        here = f"{at}.{i}"
        source = c.model_data_source
        if not c.model_data_url and source is None:
            found.append(Problem(f"{here}.model_data", Text(QT_TRANSLATE_NOOP(
                "Validation", "This container has no model data: AWS accepts that (the image then holds the "
                "model, or loads it itself), but if the model lives in S3, add it here."))))
        if c.model_data_url and not c.model_data_url.endswith((".tar.gz", ".tgz")):
            found.append(Problem(f"{here}.model_data_url", Text(QT_TRANSLATE_NOOP(
                "Validation", "SageMaker unpacks a model data URL as a .tar.gz archive; for uncompressed files "
                "or a prefix, use a model data source with compression None instead."))))
        if source is None or c.model_data_url:
            continue
        if source.s3_data_type == S3_PREFIX and source.s3_uri and not source.s3_uri.endswith("/"):
            found.append(Problem(f"{here}.model_data_source", Text(QT_TRANSLATE_NOOP(
                "Validation", "A prefix without a final / also takes the objects of every longer prefix that "
                "starts alike (models/llm matches models/llm-old/…); end it with /."))))
        if (source.s3_data_type == S3_OBJECT and source.compression_type == NO_COMPRESSION
                and source.s3_uri.endswith((".tar.gz", ".tgz"))):
            found.append(Problem(f"{here}.model_data_source", Text(QT_TRANSLATE_NOOP(
                "Validation", "This object looks like a .tar.gz archive but compression is None: SageMaker "
                "will hand your code the archive itself. Pick {gzip} to have it unpacked."), gzip=GZIP)))
    return found


def warnings(spec: RegistrationSpec) -> list[Problem]:
    """What the API allows but a person should know before sending (never blocks the call)."""
    found = _container_warnings(spec.containers, "containers")
    for k, extra in enumerate(spec.additional_specs):
        found.extend(_container_warnings(extra.containers, f"additional_specs.{k}.containers"))
    if spec.group.startswith("arn:") and not spec.kms_key_id:
        found.append(Problem("kms_key_id", Text(QT_TRANSLATE_NOOP(
            "Validation", "Registering into a group given by its ARN (another account) without a KMS key: the "
            "documented cross-account setup encrypts the version with a key the other account "
            "may use; without one, that account may be unable to read the model artifacts."))))
    return found


__all__ = [
    "CONTAINER_EDITED",
    "REQUEST_EDITED",
    "S3_SOURCE_EDITED",
    "Problem",
    "additional_spec_problems",
    "advanced_problems",
    "container_problems",
    "details_problems",
    "drift_kinds",
    "inference_problems",
    "metric_kinds",
    "problems",
    "warnings",
]
