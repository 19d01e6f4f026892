"""Validation of request fields before any call, with constraints read from botocore's model.

Lengths, patterns and enums come from the SageMaker service model shipped with botocore, so
they follow AWS without retyping. Each `check_*` returns None when the value is fine, else a
sentence that says what to type instead: a `Text` (app/registry/texts.py) the window translates.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from app.registry.aws import constraint, service_model
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined
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
    names: list[str] = []
    for ch in chars[:5]:
        if ch == " ":
            names.append(Text(QT_TRANSLATE_NOOP("Validation", "a space")))
        elif ch in "\n\r\u2028\u2029\u0085":
            names.append(Text(QT_TRANSLATE_NOOP("Validation", "a line break")))
        elif ch == "\t":
            names.append(Text(QT_TRANSLATE_NOOP("Validation", "a tab")))
        elif unicodedata.category(ch) == "Zs":
            names.append(Text(QT_TRANSLATE_NOOP("Validation", "a space ({code})"), code=f"U+{ord(ch):04X}"))
        elif not ch.isprintable():
            names.append(f"U+{ord(ch):04X}")
        else:
            names.append(f"'{ch}'")
    return joined(dict.fromkeys(names), ", ")


def _them(count: int) -> Text:
    return Text(QT_TRANSLATE_NOOP("Validation", "remove it") if count == 1
                else QT_TRANSLATE_NOOP("Validation", "remove them"))


def check_group_name(name: str) -> str | None:
    """None when `name` is a valid model package group name, else what to type instead."""
    c = constraint("CreateModelPackageGroupInput.ModelPackageGroupName")
    low, high, pattern = c.get("min", 0), c.get("max"), c["pattern"]
    rule = Text(QT_TRANSLATE_NOOP("Validation", "Use {low}–{high} characters: letters a–z or A–Z, digits and "
                                  "hyphens; start and end with a letter or digit"), low=low, high=high)
    if len(name) < low:
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a name. {rule}."), rule=rule)
    if high is not None and len(name) > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {length} characters; remove {extra})."),
                    rule=rule, length=len(name), extra=len(name) - high)
    if compile_java(pattern).fullmatch(name):
        return None
    bad = _bad_chars(name, pattern)
    if bad:
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {name} which contains {chars})."),
                    rule=rule, name=_quote(name), chars=_describe_chars(bad))
    if name.startswith("-"):
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {name} which starts with a hyphen)."),
                    rule=rule, name=_quote(name))
    if name.endswith("-"):
        return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {name} which ends with a hyphen)."),
                    rule=rule, name=_quote(name))
    return Text(QT_TRANSLATE_NOOP("Validation", "{rule} (got {name})."), rule=rule, name=_quote(name))


def _check_text(text: str, shape_path: str, what: str) -> str | None:
    c = constraint(shape_path)
    high = c.get("max")
    if high is not None and len(text) > high:
        return _too_long(what, high, len(text))
    pattern = c.get("pattern")
    if pattern and not compile_java(pattern).fullmatch(text):
        bad = _bad_chars(text, pattern)
        if bad:
            return Text(QT_TRANSLATE_NOOP("Validation", "The {what} may not contain {chars}; {remove}."),
                        what=what, chars=_describe_chars(bad), remove=_them(len(bad)))
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} is not in a form AWS accepts."), what=what)
    return None


def _too_long(what: str, high: int, length: int) -> Text:
    return Text(QT_TRANSLATE_NOOP("Validation", "Shorten the {what} to at most {high} characters (it has {length}; "
                                  "remove {extra})."), what=what, high=high, length=length, extra=length - high)


# What a field is called inside a sentence ("Shorten the {what} ...").
DESCRIPTION = QT_TRANSLATE_NOOP("Validation", "description")
COMMENT = QT_TRANSLATE_NOOP("Validation", "comment")


def check_group_description(text: str) -> str | None:
    """None when the group description is acceptable, else what to change."""
    return _check_text(
        text, "CreateModelPackageGroupInput.ModelPackageGroupDescription", Text(DESCRIPTION)
    )


def approval_comment_limit() -> int:
    """How long an approval comment (ApprovalDescription) may be, from botocore's model."""
    return int(constraint("UpdateModelPackageInput.ApprovalDescription").get("max", 1024))


def check_approval_comment(text: str) -> str | None:
    """None when the approval comment is acceptable (at most 1024 characters, one line)."""
    return _check_text(text, "UpdateModelPackageInput.ApprovalDescription", Text(COMMENT))


def approval_statuses() -> tuple[str, ...]:
    """The approval statuses SageMaker knows, in the model's order."""
    return tuple(constraint("UpdateModelPackageInput.ModelApprovalStatus").get("enum", ()))


def check_approval_status(status: str) -> str | None:
    """None when `status` is one SageMaker accepts, else the list to pick from."""
    allowed = approval_statuses()
    if status in allowed:
        return None
    return Text(QT_TRANSLATE_NOOP("Validation", "Pick an approval status from {allowed} (got {status})."),
                allowed=", ".join(allowed), status=_quote(status))


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
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the {what}, for example {example}."),
                    what=what, example=example)
    if text != text.strip():
        return _spaces_around(what)
    return _check_text(text, shape_path, what)


def _spaces_around(what: str) -> Text:
    return Text(QT_TRANSLATE_NOOP("Validation", "Remove the spaces around the {what}."), what=what)


def _check_url(text: str, shape_path: str, what: str) -> str | None:
    """Empty is fine (optional); else an s3:// or https:// URL within the model's limits."""
    if not text:
        return None
    if text != text.strip():
        return _spaces_around(what)
    c = constraint(shape_path)
    high = c.get("max")
    if high is not None and len(text) > high:
        return _too_long(what, high, len(text))
    if not compile_java(c["pattern"]).fullmatch(text):
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the {what} as s3://bucket/path or https://host/path "
                                      "(got {text})."), what=what, text=_quote(text))
    return None


def check_target_group(text: str) -> str | None:
    """A group name of this account, or the ARN of a group (possibly in another account)."""
    if text.startswith("arn:"):
        c = constraint(f"{_CREATE}.ModelPackageGroupName")
        if len(text) <= c.get("max", 170) and compile_java(c["pattern"]).fullmatch(text):
            return None
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a group ARN such as arn:aws:sagemaker:us-east-1:"
                                      "123456789012:model-package-group/my-group (got {text})."),
                    text=_quote(text, 60))
    return check_group_name(text)


def check_version_description(text: str) -> str | None:
    return _check_text(text, f"{_CREATE}.ModelPackageDescription", Text(DESCRIPTION))


def check_container_count(count: int) -> str | None:
    low, high = container_limits()
    if count < low:
        return Text(QT_TRANSLATE_NOOP("Validation", "Add a container: a version needs at least one image."))
    if count > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "An inference pipeline has at most {high} containers; remove "
                                      "{extra}."), high=high, extra=count - high)
    return None


def check_image(text: str) -> str | None:
    """The model's [\\S]+ only refuses ASCII spaces; no image reference holds any blank at all."""
    found = _check_required(
        text, f"{_CONTAINER}.Image", Text(QT_TRANSLATE_NOOP("Validation", "image URI")),
        "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-model:1.0",
    )
    if found:
        return found
    blanks = [ch for ch in dict.fromkeys(text) if not ch.isprintable() or ch.isspace()]
    if blanks:
        return Text(QT_TRANSLATE_NOOP("Validation", "The image URI may not contain {chars}; {remove}."),
                    chars=_describe_chars(blanks), remove=_them(len(blanks)))
    return None


def check_model_data_url(text: str) -> str | None:
    return _check_url(text, f"{_CONTAINER}.ModelDataUrl", Text(QT_TRANSLATE_NOOP("Validation", "model data URL")))


def check_hostname(text: str) -> str | None:
    if not text:
        return None
    c = constraint(f"{_CONTAINER}.ContainerHostname")
    if len(text) > c.get("max", 63) or not compile_java(c["pattern"]).fullmatch(text):
        return Text(QT_TRANSLATE_NOOP("Validation", "Use up to {high} letters, digits and hyphens for the "
                                      "hostname, starting and ending with a letter or digit (got {text})."),
                    high=c.get("max", 63), text=_quote(text))
    return None


def check_unique_hostnames(hostnames: list[str]) -> dict[int, str]:
    """Position -> message, for every hostname used by an earlier container too."""
    seen: dict[str, int] = {}
    problems: dict[int, str] = {}
    for position, name in enumerate(hostnames):
        if not name:
            continue
        if name in seen:
            problems[position] = Text(QT_TRANSLATE_NOOP("Validation", "Container {number} already uses the hostname "
                                                        "{name}; each container needs its own."),
                                      number=seen[name] + 1, name=_quote(name))
        else:
            seen[name] = position
    return problems


def check_framework_version(text: str) -> str | None:
    if not text:
        return None
    c = constraint(f"{_CONTAINER}.FrameworkVersion")
    low, high = c.get("min", 3), c.get("max", 10)
    if not (low <= len(text) <= high) or not compile_java(c["pattern"]).fullmatch(text):
        return Text(QT_TRANSLATE_NOOP("Validation", "Type the framework version as digits and dots, {low}–{high} "
                                      "characters, such as 1.7-1 or 2.0 (got {text})."),
                    low=low, high=high, text=_quote(text))
    return None


def check_env_count(count: int) -> str | None:
    if count > ENV_VARS_PER_CONTAINER:
        return Text(QT_TRANSLATE_NOOP("Validation", "A container takes at most {high} environment variables; "
                                      "remove {extra}."),
                    high=ENV_VARS_PER_CONTAINER, extra=count - ENV_VARS_PER_CONTAINER)
    return None


def check_env_key(key: str) -> str | None:
    shape = service_model().shape_for(_CONTAINER).members["Environment"]
    high = shape.key.metadata.get("max", 1024)
    if not key:
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a variable name, such as MODEL_NAME."))
    if len(key) > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "Shorten the variable name to at most {high} characters (it has "
                                      "{length})."), high=high, length=len(key))
    if not compile_java(shape.key.metadata["pattern"]).fullmatch(key):
        return Text(QT_TRANSLATE_NOOP("Validation", "Start the variable name with a letter or underscore and use only "
                                      "letters, digits and underscores (got {key})."), key=_quote(key))
    return None


def check_env_value(value: str) -> str | None:
    shape = service_model().shape_for(_CONTAINER).members["Environment"]
    high = shape.value.metadata.get("max", 1024)
    if len(value) > high:
        return _too_long(Text(QT_TRANSLATE_NOOP("Validation", "value")), high, len(value))
    return None


def check_duplicate_keys(keys: list[str], what: str) -> dict[int, str]:
    """Position -> message for every key that repeats an earlier one."""
    seen: set[str] = set()
    problems: dict[int, str] = {}
    for position, key in enumerate(keys):
        if key in seen and key:
            problems[position] = Text(QT_TRANSLATE_NOOP("Validation", "The {what} {key} is already set above; keep "
                                                        "one."), what=what, key=_quote(key))
        seen.add(key)
    return problems


def check_mime_type(text: str, *, response: bool = False) -> str | None:
    """A MIME type such as text/csv (the model's own pattern for response types too)."""
    member = "SupportedResponseMIMETypes" if response else "SupportedContentTypes"
    c = constraint(f"InferenceSpecification.{member}.member")
    high = c.get("max")
    if high is not None and len(text) > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "Shorten the MIME type to at most {high} characters (it has "
                                      "{length})."), high=high, length=len(text))
    model_ok = compile_java(c.get("pattern", ".*")).fullmatch(text)
    if not model_ok or not re.fullmatch(_MIME, text):
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a MIME type as type/subtype, such as text/csv or "
                                      "application/json (got {text})."), text=_quote(text))
    return None


def check_metadata_count(count: int) -> str | None:
    high = metadata_limit()
    if count > high:
        return Text(QT_TRANSLATE_NOOP("Validation", "A version takes at most {high} metadata properties; remove "
                                      "{extra}."), high=high, extra=count - high)
    return None


def _check_metadata(text: str, shape: Any, what: str) -> str | None:
    low, high = shape.metadata.get("min", 1), shape.metadata.get("max")
    if len(text) < low:
        return Text(QT_TRANSLATE_NOOP("Validation", "Type a {what}; it may not be empty."), what=what)
    if high is not None and len(text) > high:
        return _too_long(what, high, len(text))
    pattern = shape.metadata.get("pattern")
    if pattern and not compile_java(pattern).fullmatch(text):
        bad = _bad_chars(text, pattern)
        listed = _describe_chars(bad) if bad else Text(QT_TRANSLATE_NOOP("Validation", "characters AWS refuses"))
        return Text(QT_TRANSLATE_NOOP("Validation", "The {what} may use letters, digits, spaces and _ . : / = + - @ "
                                      "only; remove {chars}."), what=what, chars=listed)
    return None


def check_metadata_key(key: str) -> str | None:
    shape = service_model().shape_for(_CREATE).members["CustomerMetadataProperties"]
    return _check_metadata(key, shape.key, Text(QT_TRANSLATE_NOOP("Validation", "metadata key")))


def check_metadata_value(value: str) -> str | None:
    shape = service_model().shape_for(_CREATE).members["CustomerMetadataProperties"]
    return _check_metadata(value, shape.value, Text(QT_TRANSLATE_NOOP("Validation", "metadata value")))


def check_metrics_uri(text: str) -> str | None:
    return _check_url(text, "MetricsSource.S3Uri", Text(QT_TRANSLATE_NOOP("Validation", "metrics URI")))


def check_sample_payload_url(text: str) -> str | None:
    return _check_url(text, f"{_CREATE}.SamplePayloadUrl", Text(QT_TRANSLATE_NOOP("Validation", "sample payload URL")))


def instance_types(*, transform: bool = False) -> tuple[str, ...]:
    """Instance types SageMaker accepts for real-time inference (or batch transform)."""
    member = "SupportedTransformInstanceTypes" if transform else "SupportedRealtimeInferenceInstanceTypes"
    return tuple(constraint(f"InferenceSpecification.{member}.member").get("enum", ()))


def check_instance_type(text: str, *, transform: bool = False) -> str | None:
    known = instance_types(transform=transform)
    if text in known:
        return None
    close = [t for t in known if t.startswith(text.rsplit(".", 1)[0])][:3] if "." in text else []
    hint = Text(QT_TRANSLATE_NOOP("Validation", " Did you mean {types}?"), types=", ".join(close)) if close else ""
    if transform:
        return Text(QT_TRANSLATE_NOOP("Validation", "{text} is not an instance type SageMaker offers for batch "
                                      "transform; type one such as {example}.{hint}"),
                    text=_quote(text), example=known[0], hint=hint)
    return Text(QT_TRANSLATE_NOOP("Validation", "{text} is not an instance type SageMaker offers for real-time "
                                  "inference; type one such as {example}.{hint}"),
                text=_quote(text), example=known[0], hint=hint)
