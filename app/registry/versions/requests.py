"""Validation of request fields before any call, with constraints read from botocore's model.

Lengths, patterns and enums come from the SageMaker service model shipped with botocore, so
they follow AWS without retyping. Each `check_*` returns None when the value is fine, else a
sentence that says what to type instead.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from app.registry.aws import constraint, service_model
from app.registry.versions.javaregex import compile_java


def _quote(text: str, limit: int = 40) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{shown}'"


def _bad_chars(text: str, pattern: str) -> list[str]:
    """Characters the pattern refuses wherever they stand (tried alone and between letters)."""
    regex = compile_java(pattern)
    bad: list[str] = []
    for ch in dict.fromkeys(text):
        if not (regex.fullmatch(ch) or regex.fullmatch(f"a{ch}a") or regex.fullmatch(ch * 2)):
            bad.append(ch)
    return bad


def _describe_chars(chars: list[str]) -> str:
    names = []
    for ch in chars[:5]:
        if ch == " ":
            names.append("a space")
        elif ch in "\n\r\u2028\u2029\u0085":
            names.append("a line break")
        elif ch == "\t":
            names.append("a tab")
        elif unicodedata.category(ch) == "Zs":
            names.append(f"a space (U+{ord(ch):04X})")
        elif not ch.isprintable():
            names.append(f"U+{ord(ch):04X}")
        else:
            names.append(f"'{ch}'")
    return ", ".join(dict.fromkeys(names))


def check_group_name(name: str) -> str | None:
    """None when `name` is a valid model package group name, else what to type instead."""
    c = constraint("CreateModelPackageGroupInput.ModelPackageGroupName")
    low, high, pattern = c.get("min", 0), c.get("max"), c["pattern"]
    rule = (
        f"Use {low}–{high} characters: letters a–z or A–Z, digits and hyphens; "
        "start and end with a letter or digit"
    )
    if len(name) < low:
        return f"Type a name. {rule}."
    if high is not None and len(name) > high:
        return f"{rule} (got {len(name)} characters; remove {len(name) - high})."
    if compile_java(pattern).fullmatch(name):
        return None
    bad = _bad_chars(name, pattern)
    if bad:
        return f"{rule} (got {_quote(name)} which contains {_describe_chars(bad)})."
    if name.startswith("-"):
        return f"{rule} (got {_quote(name)} which starts with a hyphen)."
    if name.endswith("-"):
        return f"{rule} (got {_quote(name)} which ends with a hyphen)."
    return f"{rule} (got {_quote(name)})."


def _check_text(text: str, shape_path: str, what: str) -> str | None:
    c = constraint(shape_path)
    high = c.get("max")
    if high is not None and len(text) > high:
        return (
            f"Shorten the {what} to at most {high} characters "
            f"(it has {len(text)}; remove {len(text) - high})."
        )
    pattern = c.get("pattern")
    if pattern and not compile_java(pattern).fullmatch(text):
        bad = _bad_chars(text, pattern)
        if bad:
            them = "it" if len(bad) == 1 else "them"
            return f"The {what} may not contain {_describe_chars(bad)}; remove {them}."
        return f"The {what} is not in a form AWS accepts."
    return None


def check_group_description(text: str) -> str | None:
    """None when the group description is acceptable, else what to change."""
    return _check_text(
        text, "CreateModelPackageGroupInput.ModelPackageGroupDescription", "description"
    )


def approval_comment_limit() -> int:
    """How long an approval comment (ApprovalDescription) may be, from botocore's model."""
    return int(constraint("UpdateModelPackageInput.ApprovalDescription").get("max", 1024))


def check_approval_comment(text: str) -> str | None:
    """None when the approval comment is acceptable (at most 1024 characters, one line)."""
    return _check_text(text, "UpdateModelPackageInput.ApprovalDescription", "comment")


def approval_statuses() -> tuple[str, ...]:
    """The approval statuses SageMaker knows, in the model's order."""
    return tuple(constraint("UpdateModelPackageInput.ModelApprovalStatus").get("enum", ()))


def check_approval_status(status: str) -> str | None:
    """None when `status` is one SageMaker accepts, else the list to pick from."""
    allowed = approval_statuses()
    if status in allowed:
        return None
    return f"Pick an approval status from {', '.join(allowed)} (got {_quote(status)})."


def prepare() -> None:
    """Load the model and compile the patterns the checks use (about half a second, once).

    Call it from a worker thread at start-up so the first check on the UI thread is instant.
    """
    check_group_name("a")
    check_group_description("a")
    check_approval_comment("a")
    approval_statuses()
    from app.registry.versions import requests_advanced  # it builds on this module

    requests_advanced.prepare()


# -- create_model_package ----------------------------------------------------------------------
# Shapes of CreateModelPackageInput; the containers of the inference specification.
_CREATE = "CreateModelPackageInput"
_CONTAINER = "ModelPackageContainerDefinition"
# Documented limits botocore's model does not carry (it allows 100 environment variables).
ENV_VARS_PER_CONTAINER = 16
_MIME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*(\s*;\s*[^;\s]+=[^;]+)*"


def container_limits() -> tuple[int, int]:
    """(fewest, most) containers of one version: 1 and 15."""
    c = constraint("InferenceSpecification.Containers")
    return int(c.get("min", 1)), int(c.get("max", 15))


def metadata_limit() -> int:
    """How many customer metadata properties one version may carry (50)."""
    return int(constraint(f"{_CREATE}.CustomerMetadataProperties").get("max", 50))


def _check_required(text: str, shape_path: str, what: str, example: str) -> str | None:
    if not text.strip():
        return f"Type the {what}, for example {example}."
    if text != text.strip():
        return f"Remove the spaces around the {what}."
    return _check_text(text, shape_path, what)


def _check_url(text: str, shape_path: str, what: str) -> str | None:
    """Empty is fine (optional); else an s3:// or https:// URL within the model's limits."""
    if not text:
        return None
    if text != text.strip():
        return f"Remove the spaces around the {what}."
    c = constraint(shape_path)
    high = c.get("max")
    if high is not None and len(text) > high:
        return f"Shorten the {what} to at most {high} characters (it has {len(text)}; remove {len(text) - high})."
    if not compile_java(c["pattern"]).fullmatch(text):
        return f"Type the {what} as s3://bucket/path or https://host/path (got {_quote(text)})."
    return None


def check_target_group(text: str) -> str | None:
    """A group name of this account, or the ARN of a group (possibly in another account)."""
    if text.startswith("arn:"):
        c = constraint(f"{_CREATE}.ModelPackageGroupName")
        if len(text) <= c.get("max", 170) and compile_java(c["pattern"]).fullmatch(text):
            return None
        return (
            "Type a group ARN such as arn:aws:sagemaker:us-east-1:123456789012:"
            f"model-package-group/my-group (got {_quote(text, 60)})."
        )
    return check_group_name(text)


def check_version_description(text: str) -> str | None:
    return _check_text(text, f"{_CREATE}.ModelPackageDescription", "description")


def check_container_count(count: int) -> str | None:
    low, high = container_limits()
    if count < low:
        return "Add a container: a version needs at least one image."
    if count > high:
        return f"An inference pipeline has at most {high} containers; remove {count - high}."
    return None


def check_image(text: str) -> str | None:
    """The model's [\\S]+ only refuses ASCII spaces; no image reference holds any blank at all."""
    found = _check_required(
        text, f"{_CONTAINER}.Image", "image URI",
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0",
    )
    if found:
        return found
    blanks = [ch for ch in dict.fromkeys(text) if not ch.isprintable() or ch.isspace()]
    if blanks:
        them = "it" if len(blanks) == 1 else "them"
        return f"The image URI may not contain {_describe_chars(blanks)}; remove {them}."
    return None


def check_model_data_url(text: str) -> str | None:
    return _check_url(text, f"{_CONTAINER}.ModelDataUrl", "model data URL")


def check_hostname(text: str) -> str | None:
    if not text:
        return None
    c = constraint(f"{_CONTAINER}.ContainerHostname")
    if len(text) > c.get("max", 63) or not compile_java(c["pattern"]).fullmatch(text):
        return (
            f"Use up to {c.get('max', 63)} letters, digits and hyphens for the hostname, "
            f"starting and ending with a letter or digit (got {_quote(text)})."
        )
    return None


def check_unique_hostnames(hostnames: list[str]) -> dict[int, str]:
    """Position -> message, for every hostname used by an earlier container too."""
    seen: dict[str, int] = {}
    problems: dict[int, str] = {}
    for position, name in enumerate(hostnames):
        if not name:
            continue
        if name in seen:
            problems[position] = (
                f"Container {seen[name] + 1} already uses the hostname {_quote(name)}; "
                "each container needs its own."
            )
        else:
            seen[name] = position
    return problems


def check_framework_version(text: str) -> str | None:
    if not text:
        return None
    c = constraint(f"{_CONTAINER}.FrameworkVersion")
    low, high = c.get("min", 3), c.get("max", 10)
    if not (low <= len(text) <= high) or not compile_java(c["pattern"]).fullmatch(text):
        return (
            f"Type the framework version as digits and dots, {low}–{high} characters, "
            f"such as 1.7-1 or 2.0 (got {_quote(text)})."
        )
    return None


def check_env_count(count: int) -> str | None:
    if count > ENV_VARS_PER_CONTAINER:
        return (
            f"A container takes at most {ENV_VARS_PER_CONTAINER} environment variables; "
            f"remove {count - ENV_VARS_PER_CONTAINER}."
        )
    return None


def check_env_key(key: str) -> str | None:
    shape = service_model().shape_for(_CONTAINER).members["Environment"]
    high = shape.key.metadata.get("max", 1024)
    if not key:
        return "Type a variable name, such as MODEL_NAME."
    if len(key) > high:
        return f"Shorten the variable name to at most {high} characters (it has {len(key)})."
    if not compile_java(shape.key.metadata["pattern"]).fullmatch(key):
        return (
            "Start the variable name with a letter or underscore and use only letters, digits "
            f"and underscores (got {_quote(key)})."
        )
    return None


def check_env_value(value: str) -> str | None:
    shape = service_model().shape_for(_CONTAINER).members["Environment"]
    high = shape.value.metadata.get("max", 1024)
    if len(value) > high:
        return (
            f"Shorten the value to at most {high} characters "
            f"(it has {len(value)}; remove {len(value) - high})."
        )
    return None


def check_duplicate_keys(keys: list[str], what: str) -> dict[int, str]:
    """Position -> message for every key that repeats an earlier one."""
    seen: set[str] = set()
    problems: dict[int, str] = {}
    for position, key in enumerate(keys):
        if key in seen and key:
            problems[position] = f"The {what} {_quote(key)} is already set above; keep one."
        seen.add(key)
    return problems


def check_mime_type(text: str, *, response: bool = False) -> str | None:
    """A MIME type such as text/csv (the model's own pattern for response types too)."""
    member = "SupportedResponseMIMETypes" if response else "SupportedContentTypes"
    c = constraint(f"InferenceSpecification.{member}.member")
    high = c.get("max")
    if high is not None and len(text) > high:
        return f"Shorten the MIME type to at most {high} characters (it has {len(text)})."
    model_ok = compile_java(c.get("pattern", ".*")).fullmatch(text)
    if not model_ok or not re.fullmatch(_MIME, text):
        return f"Type a MIME type as type/subtype, such as text/csv or application/json (got {_quote(text)})."
    return None


def check_metadata_count(count: int) -> str | None:
    high = metadata_limit()
    if count > high:
        return f"A version takes at most {high} metadata properties; remove {count - high}."
    return None


def _check_metadata(text: str, shape: Any, what: str) -> str | None:
    low, high = shape.metadata.get("min", 1), shape.metadata.get("max")
    if len(text) < low:
        return f"Type a {what}; it may not be empty."
    if high is not None and len(text) > high:
        return f"Shorten the {what} to at most {high} characters (it has {len(text)}; remove {len(text) - high})."
    pattern = shape.metadata.get("pattern")
    if pattern and not compile_java(pattern).fullmatch(text):
        bad = _bad_chars(text, pattern)
        listed = _describe_chars(bad) if bad else "characters AWS refuses"
        return (
            f"The {what} may use letters, digits, spaces and _ . : / = + - @ only; "
            f"remove {listed}."
        )
    return None


def check_metadata_key(key: str) -> str | None:
    shape = service_model().shape_for(_CREATE).members["CustomerMetadataProperties"]
    return _check_metadata(key, shape.key, "metadata key")


def check_metadata_value(value: str) -> str | None:
    shape = service_model().shape_for(_CREATE).members["CustomerMetadataProperties"]
    return _check_metadata(value, shape.value, "metadata value")


def check_metrics_uri(text: str) -> str | None:
    return _check_url(text, "MetricsSource.S3Uri", "metrics URI")


def check_sample_payload_url(text: str) -> str | None:
    return _check_url(text, f"{_CREATE}.SamplePayloadUrl", "sample payload URL")


def instance_types(*, transform: bool = False) -> tuple[str, ...]:
    """Instance types SageMaker accepts for real-time inference (or batch transform)."""
    member = "SupportedTransformInstanceTypes" if transform else "SupportedRealtimeInferenceInstanceTypes"
    return tuple(constraint(f"InferenceSpecification.{member}.member").get("enum", ()))


def check_instance_type(text: str, *, transform: bool = False) -> str | None:
    known = instance_types(transform=transform)
    if text in known:
        return None
    use = "batch transform" if transform else "real-time inference"
    close = [t for t in known if t.startswith(text.rsplit(".", 1)[0])][:3] if "." in text else []
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    return f"{_quote(text)} is not an instance type SageMaker offers for {use}; type one such as {known[0]}.{hint}"
