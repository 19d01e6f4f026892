"""Registration spec files: JSON holding every field of a `RegistrationSpec`.

Version 2 writes every field (model data sources, digests, the advanced fields). Version 1 files
(written before those fields existed) still read: what they lack takes its default.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.registry.versions.spec import (
    PENDING,
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    MetricSpec,
    ModelDataSourceSpec,
    Pairs,
    RegistrationSpec,
    SourceMetadata,
)

FILE_FORMAT = "registry-desk/registration-spec"
FILE_VERSION = 2
READABLE_VERSIONS = (1, 2)


def spec_to_json(spec: RegistrationSpec) -> str:
    body = asdict(spec)
    return json.dumps({"format": FILE_FORMAT, "version": FILE_VERSION, "spec": body}, indent=2)


def spec_from_json(text: str) -> RegistrationSpec:
    """Read what spec_to_json wrote; ValueError with a plain sentence when it is not that."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"The file is not JSON ({exc.msg}, line {exc.lineno}).") from exc
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise ValueError("The file is not a Registry Desk registration spec.")
    if document.get("version") not in READABLE_VERSIONS:
        raise ValueError(f"The spec file has version {document.get('version')}; this "
                         f"Registry Desk reads versions {READABLE_VERSIONS[0]} to {FILE_VERSION}.")
    body = document.get("spec") or {}
    try:
        return _spec_from_dict(body)
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise ValueError(f"The spec file is damaged: {exc}.") from exc


def _pairs(items: Any) -> Pairs:
    return tuple((str(k), str(v)) for k, v in items or ())


def _strings(items: Any) -> tuple[str, ...]:
    return tuple(str(t) for t in items or ())


def _text(body: dict[str, Any], key: str, default: str = "") -> str:
    value = body.get(key, default)
    return default if value is None else str(value)


def _container(c: dict[str, Any]) -> ContainerSpec:
    source = c.get("model_data_source")
    eula = source.get("accept_eula") if isinstance(source, dict) else None
    return ContainerSpec(
        image=_text(c, "image"),
        model_data_url=_text(c, "model_data_url"),
        environment=_pairs(c.get("environment")),
        hostname=_text(c, "hostname"),
        framework=_text(c, "framework"),
        framework_version=_text(c, "framework_version"),
        model_data_source=None if not isinstance(source, dict) else ModelDataSourceSpec(
            s3_uri=_text(source, "s3_uri"),
            s3_data_type=_text(source, "s3_data_type"),
            compression_type=_text(source, "compression_type"),
            accept_eula=None if eula is None else bool(eula),
            extra=_text(source, "extra"),
        ),
        image_digest=_text(c, "image_digest"),
        extra=_text(c, "extra"),
    )


def _containers(items: Any) -> tuple[ContainerSpec, ...]:
    return tuple(_container(c) for c in items or ()) or (ContainerSpec(),)


def _files(items: Any) -> tuple[MetricSpec, ...]:
    return tuple(MetricSpec(str(m["kind"]), str(m["s3_uri"]), _text(m, "content_type", MetricSpec.content_type),
                            _text(m, "content_digest"))
                 for m in items or ())


def _lists(body: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    return {name: _strings(body.get(name)) for name in (
        "content_types", "response_types", "realtime_instance_types", "transform_instance_types")}


def _spec_from_dict(body: dict[str, Any]) -> RegistrationSpec:
    metadata = body.get("source_metadata") or {}
    life = body.get("life_cycle") or {}
    return RegistrationSpec(
        group=_text(body, "group"),
        containers=_containers(body.get("containers")),
        **_lists(body),
        description=_text(body, "description"),
        approval_status=_text(body, "approval_status", PENDING),
        customer_metadata=_pairs(body.get("customer_metadata")),
        metrics=_files(body.get("metrics")),
        sample_payload_url=_text(body, "sample_payload_url"),
        domain=_text(body, "domain"),
        task=_text(body, "task"),
        kms_key_id=_text(body, "kms_key_id"),
        source_uri=_text(body, "source_uri"),
        source_metadata=SourceMetadata(**{k: _text(metadata, k) for k in (
            "commit_id", "repository", "generated_by", "project_id")}),
        drift_baselines=_files(body.get("drift_baselines")),
        skip_model_validation=_text(body, "skip_model_validation"),
        additional_specs=tuple(
            InferenceSpec(name=_text(s, "name"), description=_text(s, "description"),
                          containers=_containers(s.get("containers")), **_lists(s))
            for s in body.get("additional_specs") or ()
        ),
        model_card_content=_text(body, "model_card_content"),
        model_card_status=_text(body, "model_card_status"),
        life_cycle=LifeCycleSpec(**{k: _text(life, k) for k in ("stage", "stage_status", "stage_description")}),
        tags=_pairs(body.get("tags")),
        extra=_text(body, "extra"),
    )


def save_spec(path: str | Path, spec: RegistrationSpec) -> None:
    Path(path).write_text(spec_to_json(spec) + "\n", encoding="utf-8")


def load_spec(path: str | Path) -> RegistrationSpec:
    """The spec saved at `path`; ValueError (a sentence) when it cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ValueError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return spec_from_json(text)


__all__ = ["FILE_FORMAT", "FILE_VERSION", "load_spec", "save_spec", "spec_from_json", "spec_to_json"]
