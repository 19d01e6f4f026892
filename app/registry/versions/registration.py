"""Registering a model version: the spec a person fills in, and what becomes of it.

A `RegistrationSpec` is plain data (what the wizard edits and what a saved file holds). From it:
`problems()` lists what to fix before any call, `build_request()` gives the exact
create_model_package request, `boto3_snippet()` and `cli_command()` render that request to run
elsewhere, and `register()` makes the call. `spec_from_describe()` goes the other way, from an
existing version, for "new version from".
"""

from __future__ import annotations

import json
import shlex
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.versions.groups import create_group
from app.registry.versions.registration_checks import (
    Problem,
    additional_spec_problems,
    advanced_problems,
    container_problems,
    details_problems,
    drift_kinds,
    inference_problems,
    metric_kinds,
    problems,
    warnings,
)
from app.registry.versions.spec import (
    METRICS_CONTENT_TYPE,
    PENDING,
    ContainerSpec,
    MetricSpec,
    Pairs,
    RegistrationSpec,
)

FILE_FORMAT = "registry-desk/registration-spec"
FILE_VERSION = 1


# -- the request ------------------------------------------------------------------------------


def _container_request(c: ContainerSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"Image": c.image}
    if c.model_data_url:
        out["ModelDataUrl"] = c.model_data_url
    if c.environment:
        out["Environment"] = dict(c.environment)
    if c.hostname:
        out["ContainerHostname"] = c.hostname
    if c.framework:
        out["Framework"] = c.framework
    if c.framework_version:
        out["FrameworkVersion"] = c.framework_version
    return out


def build_request(spec: RegistrationSpec) -> dict[str, Any]:
    """The create_model_package keyword arguments for `spec` (optional fields left out when empty)."""
    inference: dict[str, Any] = {"Containers": [_container_request(c) for c in spec.containers]}
    if spec.content_types:
        inference["SupportedContentTypes"] = list(spec.content_types)
    if spec.response_types:
        inference["SupportedResponseMIMETypes"] = list(spec.response_types)
    if spec.realtime_instance_types:
        inference["SupportedRealtimeInferenceInstanceTypes"] = list(spec.realtime_instance_types)
    if spec.transform_instance_types:
        inference["SupportedTransformInstanceTypes"] = list(spec.transform_instance_types)
    request: dict[str, Any] = {"ModelPackageGroupName": spec.group}
    if spec.description:
        request["ModelPackageDescription"] = spec.description
    request["ModelApprovalStatus"] = spec.approval_status
    request["InferenceSpecification"] = inference
    if spec.customer_metadata:
        request["CustomerMetadataProperties"] = dict(spec.customer_metadata)
    if spec.metrics:
        metrics: dict[str, dict[str, Any]] = {}
        for m in spec.metrics:
            group, member = m.kind.split(".", 1)
            metrics.setdefault(group, {})[member] = {"ContentType": m.content_type, "S3Uri": m.s3_uri}
        request["ModelMetrics"] = metrics
    for key, value in (("SamplePayloadUrl", spec.sample_payload_url), ("Domain", spec.domain),
                       ("Task", spec.task)):
        if value:
            request[key] = value
    return request


def spec_from_describe(response: dict[str, Any]) -> RegistrationSpec:
    """The spec of an existing version (a describe_model_package response, or its JSON form).

    A new version starts pending, whatever the source's status.
    """
    inference = response.get("InferenceSpecification") or {}
    containers = tuple(
        ContainerSpec(
            image=c.get("Image", "") or "",
            model_data_url=c.get("ModelDataUrl", "") or "",
            environment=tuple((str(k), str(v)) for k, v in (c.get("Environment") or {}).items()),
            hostname=c.get("ContainerHostname", "") or "",
            framework=c.get("Framework", "") or "",
            framework_version=c.get("FrameworkVersion", "") or "",
        )
        for c in inference.get("Containers") or []
    )
    metrics = tuple(
        MetricSpec(f"{group}.{member}", source.get("S3Uri", ""),
                   source.get("ContentType") or METRICS_CONTENT_TYPE)
        for group, members in (response.get("ModelMetrics") or {}).items()
        for member, source in (members or {}).items()
        if isinstance(source, dict) and source.get("S3Uri")
    )
    return RegistrationSpec(
        group=response.get("ModelPackageGroupName", "") or "",
        containers=containers or (ContainerSpec(),),
        content_types=tuple(inference.get("SupportedContentTypes") or ()),
        response_types=tuple(inference.get("SupportedResponseMIMETypes") or ()),
        realtime_instance_types=tuple(inference.get("SupportedRealtimeInferenceInstanceTypes") or ()),
        transform_instance_types=tuple(inference.get("SupportedTransformInstanceTypes") or ()),
        description=response.get("ModelPackageDescription", "") or "",
        approval_status=PENDING,
        customer_metadata=tuple((str(k), str(v)) for k, v in
                                (response.get("CustomerMetadataProperties") or {}).items()),
        metrics=metrics,
        sample_payload_url=response.get("SamplePayloadUrl", "") or "",
        domain=response.get("Domain", "") or "",
        task=response.get("Task", "") or "",
    )


# -- files ------------------------------------------------------------------------------------


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
    if document.get("version") != FILE_VERSION:
        raise ValueError(f"The spec file has version {document.get('version')}; this "
                         f"Registry Desk reads version {FILE_VERSION}.")
    body = document.get("spec") or {}
    try:
        return _spec_from_dict(body)
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"The spec file is damaged: {exc}.") from exc


def _pairs(items: Any) -> Pairs:
    return tuple((str(k), str(v)) for k, v in items or ())


def _spec_from_dict(body: dict[str, Any]) -> RegistrationSpec:
    containers = tuple(
        replace(ContainerSpec(**{k: v for k, v in c.items() if k != "environment"}),
                environment=_pairs(c.get("environment")))
        for c in body.get("containers") or ()
    )
    return RegistrationSpec(
        group=str(body.get("group", "")),
        containers=containers or (ContainerSpec(),),
        content_types=tuple(str(t) for t in body.get("content_types") or ()),
        response_types=tuple(str(t) for t in body.get("response_types") or ()),
        realtime_instance_types=tuple(str(t) for t in body.get("realtime_instance_types") or ()),
        transform_instance_types=tuple(str(t) for t in body.get("transform_instance_types") or ()),
        description=str(body.get("description", "")),
        approval_status=str(body.get("approval_status", PENDING)),
        customer_metadata=_pairs(body.get("customer_metadata")),
        metrics=tuple(MetricSpec(**m) for m in body.get("metrics") or ()),
        sample_payload_url=str(body.get("sample_payload_url", "")),
        domain=str(body.get("domain", "")),
        task=str(body.get("task", "")),
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


# -- renderings -------------------------------------------------------------------------------


def _visible(text: str) -> str:
    """`text` (JSON) with every invisible or line-breaking character inside its strings written as
    a \\u escape: the same value for JSON, Python and the CLI, and one a reader can see.

    A no-break space looks like a space, U+2028/U+2029 like line breaks, and format characters
    (zero-width, bidirectional controls) not at all; on screen they would hide what is sent, and
    a text box's plain text turns some of them into other characters.
    """
    return "".join(f"\\u{ord(ch):04x}" if _hidden(ch) else ch for ch in text)


def _hidden(ch: str) -> bool:
    if ch in " \n" or ord(ch) > 0xFFFF:
        return False
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf")


def request_json(request: dict[str, Any]) -> str:
    """The request as indented JSON; non-ASCII text as written, invisible characters escaped."""
    return _visible(json.dumps(request, indent=2, ensure_ascii=False))


def boto3_snippet(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """A runnable Python script making the same call."""
    args = []
    if profile:
        args.append(f"profile_name={profile!r}")
    if region:
        args.append(f"region_name={region!r}")
    # Only strings, lists and dicts: their JSON is a Python literal of the same value.
    body = _visible(json.dumps(request, indent=4, ensure_ascii=False))
    return (
        "import boto3\n\n"
        f"sagemaker = boto3.Session({', '.join(args)}).client(\"sagemaker\")\n"
        f"request = {body}\n"
        "response = sagemaker.create_model_package(**request)\n"
        "print(response[\"ModelPackageArn\"])\n"
    )


def cli_command(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """The same call as one AWS CLI command (the request passed as --cli-input-json)."""
    parts = ["aws", "sagemaker", "create-model-package", "--cli-input-json",
             shlex.quote(_visible(json.dumps(request, ensure_ascii=False)))]
    if region:
        parts += ["--region", shlex.quote(region)]
    if profile:
        parts += ["--profile", shlex.quote(profile)]
    return " ".join(parts)


# -- the call ---------------------------------------------------------------------------------


def register(session: AccountSession, spec: RegistrationSpec, *, new_group: str | None = None,
             group_created: Callable[[str], None] | None = None) -> str:
    """Create the version and return its ARN. Nothing is sent while `problems(spec)` has any.

    With `new_group` (its description, possibly ""), the group `spec.group` is created first;
    only once the whole spec has passed its checks, so a refused spec leaves no empty group.
    `group_created(name)` is told as soon as it exists: when the version then fails, a retry
    must not create the group again.
    """
    action = "sagemaker:CreateModelPackage"
    found = problems(spec)
    if found:
        raise RegistryError("invalid", found[0].message, action=action, resource=spec.group,
                            profile=session.connection.display_name)
    if new_group is not None:
        create_group(session, spec.group, new_group)
        if group_created is not None:
            group_created(spec.group)
    client = session.client("sagemaker")
    with aws_call(session, action, spec.group):
        response = client.create_model_package(**build_request(spec))
    return str(response["ModelPackageArn"])


__all__ = [
    "ContainerSpec",
    "MetricSpec",
    "Problem",
    "RegistrationSpec",
    "additional_spec_problems",
    "advanced_problems",
    "drift_kinds",
    "warnings",
    "boto3_snippet",
    "build_request",
    "cli_command",
    "container_problems",
    "details_problems",
    "inference_problems",
    "load_spec",
    "metric_kinds",
    "problems",
    "register",
    "request_json",
    "save_spec",
    "spec_from_describe",
    "spec_from_json",
    "spec_to_json",
]
