"""Validation of request fields before any call, with constraints read from botocore's model.

Lengths, patterns and enums come from the SageMaker service model shipped with botocore, so
they follow AWS without retyping. Each `check_*` returns None when the value is fine, else a
sentence that says what to type instead.
"""

from __future__ import annotations

import threading
from functools import cache
from typing import Any

from app.registry.javaregex import compile_java
from app.registry.sessions import isolated_botocore_session

_model_lock = threading.Lock()


@cache
def service_model(service: str = "sagemaker") -> Any:
    """botocore's model of `service`, loaded once (under a lock: the loader is not thread-safe)."""
    with _model_lock:
        # Isolated: a broken AWS_PROFILE or config file must not break validation.
        return isolated_botocore_session().get_service_model(service)


def constraint(shape_path: str, service: str = "sagemaker") -> dict[str, Any]:
    """Constraints of a member, e.g. "CreateModelPackageGroupInput.ModelPackageGroupName".

    Returns the member shape's "min", "max", "pattern" and "enum" (those it has). A list is
    walked into its element: "InferenceSpecification.Containers.Image".
    """
    return dict(_constraint(shape_path, service))


@cache
def _constraint(shape_path: str, service: str) -> dict[str, Any]:
    root, *steps = shape_path.split(".")
    shape = service_model(service).shape_for(root)
    for step in steps:
        while shape.type_name == "list":
            shape = shape.member
        if step == "member":
            continue
        members = getattr(shape, "members", None) or {}
        if step not in members:
            raise KeyError(f"{shape_path}: {shape.name} has no member {step!r}")
        shape = members[step]
    wanted = ("min", "max", "pattern", "enum")
    return {k: v for k, v in shape.metadata.items() if k in wanted}


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
