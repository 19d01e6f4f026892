"""The values of one side of a comparison, field by field: label -> text.

A field the version lacks (absent, empty text, an empty list) has no entry, so "only the right
side has it" is one rule for every field; only an environment variable or a metadata property
may be set and empty. Lists of a card or an unknown member are one JSON text.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.registry.versions.records import ContainerInfo, VersionDetails

Values = dict[tuple[str, ...], str]


def _text(value: Any) -> str | None:
    """The text of a scalar; None for nothing (None, "", an empty list or object)."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or isinstance(value, list | tuple | dict):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def format_number(value: float) -> str:
    """A metric value as written: 0.915, 50 (not 50.0), 1e-05."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _leaves(value: Any, path: tuple[str, ...], into: Values) -> Values:
    """Each scalar of a JSON value under its path of keys; a list is one JSON text."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _leaves(inner, (*path, str(key)), into)
    else:
        text = _text(value)
        if text is not None and path:
            into[path] = text
    return into


def _put(values: Values, label: tuple[str, ...], value: Any) -> None:
    text = _text(value)
    if text is not None:
        values[label] = text


def _raw_containers(details: VersionDetails) -> list[Mapping[str, Any]]:
    found = (details.raw.get("InferenceSpecification") or {}).get("Containers")
    if isinstance(found, list) and found:
        return [c for c in found if isinstance(c, Mapping)]
    return [_container_dict(c) for c in details.containers]  # details built without a describe


def _container_dict(info: ContainerInfo) -> dict[str, Any]:
    source = {"S3Uri": info.model_data_url, "S3DataType": info.data_type,
              "CompressionType": info.compression}
    return {"Image": info.image, "ImageDigest": info.image_digest, "Environment": dict(info.environment),
            "ContainerHostname": info.hostname, "Framework": info.framework,
            "FrameworkVersion": info.framework_version, "ModelDataSource": {"S3DataSource": source}}


def _hostname(container: Mapping[str, Any] | None) -> str:
    return str((container or {}).get("ContainerHostname") or "")


def split_image(image: str) -> tuple[str, str, str]:
    """(repository, tag, digest) of "host/repo:tag@sha256:..."; "" for a missing part."""
    name, _, digest = image.partition("@")
    slash = name.rfind("/")
    colon = name.rfind(":")
    if colon > slash:
        return name[:colon], name[colon + 1 :], digest
    return name, "", digest


_CONTAINER_KEYS = frozenset({"Image", "ImageDigest", "ModelDataUrl", "ModelDataSource", "Environment",
                             "ContainerHostname", "Framework", "FrameworkVersion"})


def _one_container(c: Mapping[str, Any], name: str) -> Values:
    values: Values = {}
    repository, tag, digest = split_image(str(c.get("Image") or ""))
    _put(values, (name, "Image", "Repository"), repository)
    _put(values, (name, "Image", "Tag"), tag)
    _put(values, (name, "Image", "Digest"), c.get("ImageDigest") or digest)
    s3 = dict(((c.get("ModelDataSource") or {}).get("S3DataSource")) or {})
    uri = s3.pop("S3Uri", None)
    _put(values, (name, "ModelData", "S3Uri"), c.get("ModelDataUrl") or uri)
    _put(values, (name, "ModelData", "S3DataType"), s3.pop("S3DataType", None))
    _put(values, (name, "ModelData", "CompressionType"), s3.pop("CompressionType", None))
    _leaves(s3, (name, "ModelData"), values)
    others = {k: v for k, v in (c.get("ModelDataSource") or {}).items() if k != "S3DataSource"}
    _leaves(others, (name, "ModelDataSource"), values)
    environment = c.get("Environment") or {}
    for key in sorted(environment):  # "" is a value of its own: the variable is set, and empty
        values[(name, "Environment", str(key))] = str(environment[key])
    _put(values, (name, "ContainerHostname"), c.get("ContainerHostname"))
    _put(values, (name, "Framework"), c.get("Framework"))
    _put(values, (name, "FrameworkVersion"), c.get("FrameworkVersion"))
    _leaves({k: v for k, v in c.items() if k not in _CONTAINER_KEYS}, (name,), values)
    return values


def container_fields(left: VersionDetails, right: VersionDetails) -> list[tuple[Values, Values]]:
    """The values of each pair of containers, labelled by their hostname or "#position"."""
    pairs: list[tuple[Values, Values]] = []
    for position, (lc, rc) in enumerate(align_containers(_raw_containers(left), _raw_containers(right)), 1):
        hosts = {_hostname(c) for c in (lc, rc) if c is not None}
        name = hosts.pop() if len(hosts) == 1 and "" not in hosts else f"#{position}"
        pairs.append((_one_container(lc, name) if lc is not None else {},
                      _one_container(rc, name) if rc is not None else {}))
    return pairs


def _as_set(items: Iterable[Any] | None) -> str | None:
    unique = sorted({str(item) for item in items or ()})
    return ", ".join(unique) if unique else None


def inference(details: VersionDetails) -> Values:
    spec = details.raw.get("InferenceSpecification") or {}
    values: Values = {}
    for key, fallback in (("SupportedContentTypes", details.content_types),
                          ("SupportedResponseMIMETypes", details.response_types),
                          ("SupportedRealtimeInferenceInstanceTypes", ()),
                          ("SupportedTransformInstanceTypes", ())):
        text = _as_set(spec.get(key) if key in spec else fallback)
        if text is not None:
            values[(key,)] = text
    return values


def approval(details: VersionDetails) -> Values:
    values: Values = {}
    _put(values, ("ModelApprovalStatus",), details.status)
    _put(values, ("ApprovalDescription",), details.approval_comment)
    life = details.raw.get("ModelLifeCycle") or {}
    for key in ("Stage", "StageStatus", "StageDescription"):
        _put(values, ("ModelLifeCycle", key), life.get(key))
    return values


def metadata(details: VersionDetails) -> Values:
    return {(str(k),): str(v) for k, v in sorted(details.customer_metadata.items())}


def card(details: VersionDetails) -> Values:
    found = details.raw.get("ModelCard") or {}
    values: Values = {}
    _put(values, ("ModelCardStatus",), found.get("ModelCardStatus"))
    content = found.get("ModelCardContent")
    if isinstance(content, str) and content:
        try:
            content = json.loads(content)
        except ValueError:
            values[("ModelCardContent",)] = content  # not JSON: compared as the text it is
            return values
    if isinstance(content, Mapping):
        _leaves(content, (), values)
    else:
        _put(values, ("ModelCardContent",), content)
    return values


# Source members shown in this order; any other member the describe has follows them.
_SOURCE_KEYS = ("SamplePayload", "SkipModelValidation", "SourceAlgorithmSpecification")
# Top-level describe members never compared: they always differ, or other lines show them.
_NOT_COMPARED = frozenset({
    "ModelPackageArn", "ModelPackageVersion", "CreationTime", "LastModifiedTime", "ResponseMetadata",
    "LastModifiedBy", "ModelPackageName", "ModelPackageGroupName", "ModelPackageStatusDetails",
    "InferenceSpecification", "ModelApprovalStatus", "ApprovalDescription", "ModelLifeCycle",
    "CustomerMetadataProperties", "ModelCard", "ModelMetrics", "DriftCheckBaselines", "CreatedBy",
    "ModelPackageDescription", "SourceUri", "MetadataProperties", "Domain", "Task", "SamplePayloadUrl",
    *_SOURCE_KEYS,
})


def _user(context: Mapping[str, Any] | None) -> str:
    context = context or {}
    if context.get("UserProfileName"):
        return str(context["UserProfileName"])
    identity = context.get("IamIdentity") or {}
    return str(identity.get("Arn") or context.get("UserProfileArn") or "")


def source(details: VersionDetails) -> Values:
    raw = details.raw
    values: Values = {}
    _put(values, ("ModelPackageDescription",), details.description)
    _put(values, ("SourceUri",), raw.get("SourceUri"))
    _leaves(raw.get("MetadataProperties") or {}, ("MetadataProperties",), values)
    _put(values, ("Domain",), details.domain)
    _put(values, ("Task",), details.task)
    _put(values, ("SamplePayloadUrl",), details.sample_payload_url)
    for key in _SOURCE_KEYS:
        _leaves(raw.get(key), (key,), values)
    for label, uri in details.metrics:
        _put(values, ("ModelMetrics", label), uri)
    for label, uri in details.drift_baselines:
        _put(values, ("DriftCheckBaselines", label), uri)
    _put(values, ("CreatedBy",), _user(raw.get("CreatedBy")))
    for key in sorted(k for k in raw if k not in _NOT_COMPARED):
        _leaves(raw[key], (key,), values)
    return values


def align_containers(
    left: Sequence[Mapping[str, Any]], right: Sequence[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]:
    """Pairs of containers of two pipelines: first those with the same hostname, then the rest
    by position; a container with no partner is paired with None.

    The pairs follow the right side's order; a left container without a partner comes right
    after the pair of the left container before it.
    """
    partner: dict[int, int] = {}  # right index -> left index
    by_host: dict[str, list[int]] = {}
    for i, c in enumerate(left):
        if _hostname(c):
            by_host.setdefault(_hostname(c), []).append(i)
    for j, c in enumerate(right):
        waiting = by_host.get(_hostname(c)) if _hostname(c) else None
        if waiting:
            partner[j] = waiting.pop(0)
    taken = set(partner.values())
    free_left = [i for i in range(len(left)) if i not in taken]
    free_right = [j for j in range(len(right)) if j not in partner]
    for i, j in zip(free_left, free_right, strict=False):
        partner[j] = i
    paired_left = set(partner.values())
    pairs: list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]] = []
    next_left = 0

    def flush_left(before: int) -> None:
        nonlocal next_left
        while next_left < before:
            if next_left not in paired_left:
                pairs.append((left[next_left], None))
            next_left += 1

    for j, c in enumerate(right):
        match = partner.get(j)
        if match is not None:
            flush_left(match)
            next_left = max(next_left, match + 1)
            pairs.append((left[match], c))
        else:
            pairs.append((None, c))
    flush_left(len(left))
    return pairs
