"""Registering a model version: the spec a person fills in, and what becomes of it.

A `RegistrationSpec` (spec.py) is plain data: what the wizard edits and what a saved file holds
(registration_files.py). From it: `problems()` lists what to fix before any call and `warnings()`
what to know (registration_checks.py), `build_request()` gives the exact create_model_package
request (registration_request.py, with the table of what becomes of each request field),
`boto3_snippet()` and `cli_command()` render that request to run elsewhere, and `register()`
makes the call. `spec_from_describe()` goes the other way, from an existing version, for "new
version from". Every name is importable from here.
"""

from __future__ import annotations

import json
import shlex
import unicodedata
from collections.abc import Callable
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
from app.registry.versions.registration_files import (
    FILE_FORMAT,
    FILE_VERSION,
    load_spec,
    save_spec,
    spec_from_json,
    spec_to_json,
)
from app.registry.versions.registration_request import build_request, spec_from_describe
from app.registry.versions.spec import (
    GZIP,
    METRICS_CONTENT_TYPE,
    NO_COMPRESSION,
    PENDING,
    S3_OBJECT,
    S3_PREFIX,
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    MetricSpec,
    ModelDataSourceSpec,
    Pairs,
    RegistrationSpec,
    SourceMetadata,
)

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


def python_literal(value: Any, indent: int = 4, depth: int = 0) -> str:
    """`value` (JSON data) as an indented Python literal of the same value: true, false and null
    become True, False and None (JSON strings are already Python string literals)."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, (str, int, float)):
        return json.dumps(value, ensure_ascii=False)
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    pad, inner = " " * indent * depth, " " * indent * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {python_literal(v, indent, depth + 1)}"
                 for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    items = [f"{inner}{python_literal(v, indent, depth + 1)}" for v in value]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


def boto3_snippet(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """A runnable Python script making the same call."""
    args = []
    if profile:
        args.append(f"profile_name={profile!r}")
    if region:
        args.append(f"region_name={region!r}")
    body = _visible(python_literal(request))
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


# Every name others import from here, wherever it now lives.
__all__ = [
    "FILE_FORMAT",
    "FILE_VERSION",
    "GZIP",
    "METRICS_CONTENT_TYPE",
    "NO_COMPRESSION",
    "PENDING",
    "S3_OBJECT",
    "S3_PREFIX",
    "ContainerSpec",
    "InferenceSpec",
    "LifeCycleSpec",
    "MetricSpec",
    "ModelDataSourceSpec",
    "Pairs",
    "Problem",
    "RegistrationSpec",
    "SourceMetadata",
    "additional_spec_problems",
    "advanced_problems",
    "boto3_snippet",
    "build_request",
    "cli_command",
    "container_problems",
    "details_problems",
    "drift_kinds",
    "inference_problems",
    "load_spec",
    "metric_kinds",
    "problems",
    "python_literal",
    "register",
    "request_json",
    "save_spec",
    "spec_from_describe",
    "spec_from_json",
    "spec_to_json",
    "warnings",
]
