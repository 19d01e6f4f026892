"""Edits of a version's CustomerMetadataProperties: keys set and keys removed, checked first.

The limits (50 keys, keys of 128 and values of 256 characters, the allowed characters) come from
botocore's model of UpdateModelPackage. An edit never overwrites unseen: the version is read
again before the call, and a key being edited that someone else changed since the user read it
refuses the edit, naming the key. Values are never logged and never put in a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.aws import service_model
from app.registry.errors import aws_call
from app.registry.governance.edits import KeyValueEdit
from app.registry.governance.results import refuse
from app.registry.texts import QT_TRANSLATE_NOOP, Text, clause, joined
from app.registry.versions.describe import describe_version
from app.registry.versions.records import VersionDetails
from app.registry.versions.requests import _check_metadata, _check_text

UPDATE = "sagemaker:UpdateModelPackage"


MetadataEdit = KeyValueEdit  # keys to set and keys to remove


def _shapes() -> tuple[Any, Any, int]:
    members = service_model().shape_for("UpdateModelPackageInput").members
    mapping = members["CustomerMetadataProperties"]
    return mapping.key, mapping.value, int(mapping.metadata.get("max", 50))


def metadata_key_limit() -> int:
    """How many metadata properties one version may carry (50, from the model)."""
    return _shapes()[2]


def check_key(key: str) -> str | None:
    return _check_metadata(key, _shapes()[0], Text(QT_TRANSLATE_NOOP("Validation", "metadata key")))


def check_value(value: str) -> str | None:
    return _check_metadata(value, _shapes()[1], Text(QT_TRANSLATE_NOOP("Validation", "metadata value")))


def edit_problems(current: Mapping[str, str], edit: MetadataEdit) -> list[str]:
    """Everything wrong with applying `edit` to `current`, each saying what to do instead."""
    problems: list[str] = []
    for key, value in edit.set.items():
        key_problem = check_key(key)
        if key_problem:
            problems.append(key_problem)
            continue
        value_problem = check_value(value)
        if value_problem:
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "{problem} (key '{key}')."),
                                 problem=clause(value_problem), key=key))
    for key in edit.remove:
        if key in edit.set:
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "The key '{key}' is both set and removed; keep "
                                                   "one of the two."), key=key))
        elif key not in current:
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "The key '{key}' is not on the version; there is "
                                                   "nothing to remove."), key=key))
    limit = metadata_key_limit()
    count = len(edit.applied_to(current))
    if count > limit:
        problems.append(Text(QT_TRANSLATE_NOOP("Governance", "A version takes at most {limit} metadata properties; "
                                               "this edit leaves {count}: remove {extra}."),
                             limit=limit, count=count, extra=count - limit))
    return problems


def metadata_request(arn: str, edit: MetadataEdit) -> dict[str, Any]:
    """The UpdateModelPackage request for `edit`: only the keys edited are sent."""
    request: dict[str, Any] = {"ModelPackageArn": arn}
    if edit.set:
        request["CustomerMetadataProperties"] = dict(edit.set)
    if edit.remove:
        request["CustomerMetadataPropertiesToRemove"] = list(edit.remove)
    return request


def changed_since(seen: Mapping[str, str], now: Mapping[str, str], keys: list[str]) -> list[str]:
    """The edited keys whose value (or presence) differs between what was seen and what is."""
    return [key for key in keys if seen.get(key) != now.get(key)]


def edit_metadata(
    session: AccountSession, arn: str, edit: MetadataEdit, seen: Mapping[str, str]
) -> VersionDetails:
    """Apply `edit` to the version's metadata, as read by the user (`seen`).

    The version is read again first: when a key being edited changed since `seen`, nothing is
    sent and a "conflict" RegistryError names the key(s). Checked against the model before the
    call ("invalid"). Returns the version as AWS describes it after the change.
    """
    profile = session.connection.display_name
    if not edit.set and not edit.remove:
        raise refuse(profile, UPDATE, arn, Text(QT_TRANSLATE_NOOP(
            "Governance", "Nothing to change: set or remove at least one metadata key.")))
    now = describe_version(session, arn).customer_metadata
    moved = changed_since(seen, now, edit.keys)
    if moved:
        named = ", ".join(f"'{k}'" for k in moved)
        raise refuse(
            profile, UPDATE, arn,
            Text(QT_TRANSLATE_NOOP("Governance", "Someone else changed the metadata keys {keys} of this version "
                                   "since you read it; nothing was saved. Reload the version to see the new "
                                   "value, then edit again."), keys=named) if len(moved) > 1 else
            Text(QT_TRANSLATE_NOOP("Governance", "Someone else changed the metadata key {keys} of this version "
                                   "since you read it; nothing was saved. Reload the version to see the new "
                                   "value, then edit again."), keys=named),
            kind="conflict",
        )
    problems = edit_problems(now, edit)
    if problems:
        raise refuse(profile, UPDATE, arn, joined(problems))
    client = session.client("sagemaker")
    with aws_call(session, UPDATE, arn):
        client.update_model_package(**metadata_request(arn, edit))
    return describe_version(session, arn)


def check_source_uri(text: str) -> str | None:
    """None when AWS accepts `text` as the version's SourceUri, else what to change."""
    return _check_text(text, "UpdateModelPackageInput.SourceUri", Text(QT_TRANSLATE_NOOP("Validation", "source URI")))


def set_source_uri(session: AccountSession, arn: str, uri: str, seen: str) -> VersionDetails:
    """Change the version's SourceUri from `seen` (what the user read) to `uri`: checked against
    the model first, and refused ("conflict") when someone else changed it since it was read."""
    profile = session.connection.display_name
    problem = check_source_uri(uri)
    if problem:
        raise refuse(profile, UPDATE, arn, problem)
    now = str(describe_version(session, arn).raw.get("SourceUri") or "")
    if now != seen:
        raise refuse(
            profile, UPDATE, arn,
            "Someone else changed the source URI of this version since you read it; nothing was "
            "saved. Reload the version to see it, then edit again.", kind="conflict",
        )
    client = session.client("sagemaker")
    with aws_call(session, UPDATE, arn):
        client.update_model_package(ModelPackageArn=arn, SourceUri=uri)
    return describe_version(session, arn)
