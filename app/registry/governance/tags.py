"""Tags of a model package group (or any SageMaker resource ARN): list, add or change, remove.

The limits (keys of 1–128 and values of 0–256 characters, the characters allowed, 50 tags per
request) come from botocore's model of AddTags; keys starting with "aws:" are reserved by AWS.
An edit never overwrites unseen: the tags are read again just before the call, and a key being
edited that someone else changed since the user read it refuses the edit, naming the key and
what it holds now (`TagConflict.current` carries the tags as they are, to show them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.aws import constraint, service_model
from app.registry.errors import RegistryError, aws_call
from app.registry.governance.edits import KeyValueEdit
from app.registry.governance.results import refuse
from app.registry.texts import QT_TRANSLATE_NOOP, Text, clause, joined
from app.registry.versions.requests import _check_metadata

LIST = "sagemaker:ListTags"
ADD = "sagemaker:AddTags"
DELETE = "sagemaker:DeleteTags"
RESERVED_PREFIX = "aws:"


class TagConflict(RegistryError):
    """Someone else changed a tag being edited since it was read; nothing was sent."""

    def __init__(self, message: str, current: Mapping[str, str], *, action: str, resource: str, profile: str):
        super().__init__("conflict", message, action=action, resource=resource, profile=profile)
        self.current = dict(current)


TagEdit = KeyValueEdit  # keys to set and keys to remove


def _tag_shape() -> Any:
    return service_model().shape_for("Tag").members


def tag_limit() -> int:
    """How many tags one AddTags call takes (50, from the model); AWS allows 50 per resource."""
    return int(constraint("AddTagsInput.Tags").get("max", 50))


def check_tag_key(key: str) -> str | None:
    """None when AWS accepts `key` as a tag key you may set, else what to type instead."""
    problem = _check_metadata(key, _tag_shape()["Key"], Text(QT_TRANSLATE_NOOP("Validation", "tag key")))
    if problem:
        return problem
    if key.lower().startswith(RESERVED_PREFIX):
        return Text(QT_TRANSLATE_NOOP("Governance", "Tag keys starting with 'aws:' are reserved for AWS; use another "
                                      "prefix, such as 'team:'."))
    return None


def check_tag_value(value: str) -> str | None:
    """None when AWS accepts `value` as a tag value (it may be empty), else what to change."""
    return _check_metadata(value, _tag_shape()["Value"], Text(QT_TRANSLATE_NOOP("Validation", "tag value")))


def edit_problems(current: Mapping[str, str], edit: TagEdit) -> list[str]:
    """Everything wrong with applying `edit` to `current`, each saying what to do instead."""
    problems: list[str] = []
    for key, value in edit.set.items():
        key_problem = check_tag_key(key)
        if key_problem:
            problems.append(key_problem)
            continue
        value_problem = check_tag_value(value)
        if value_problem:
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "{problem} (tag '{key}')."),
                                 problem=clause(value_problem), key=key))
    for key in edit.remove:
        if key in edit.set:
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "The tag '{key}' is both set and removed; keep one "
                                                   "of the two."), key=key))
        elif key.lower().startswith(RESERVED_PREFIX):
            problems.append(Text(QT_TRANSLATE_NOOP("Governance", "The tag '{key}' is reserved for AWS and cannot be "
                                                   "removed."), key=key))
    limit = tag_limit()
    count = len(edit.applied_to(current))
    if count > limit:
        problems.append(Text(QT_TRANSLATE_NOOP("Governance", "A group takes at most {limit} tags; this edit leaves "
                                               "{count}: remove {extra}."), limit=limit, count=count,
                             extra=count - limit))
    return problems


def list_tags(session: AccountSession, arn: str) -> dict[str, str]:
    """The resource's tags, every page, in the order AWS lists them."""
    client = session.client("sagemaker")
    tags: dict[str, str] = {}
    request: dict[str, Any] = {"ResourceArn": arn, "MaxResults": 100}
    while True:
        with aws_call(session, LIST, arn):
            response = client.list_tags(**request)
        for tag in response.get("Tags", []):
            tags[str(tag["Key"])] = str(tag.get("Value", ""))
        token = response.get("NextToken")
        if not token:
            return tags
        request["NextToken"] = token


def changed_since(seen: Mapping[str, str], now: Mapping[str, str], keys: list[str]) -> list[str]:
    """The edited keys whose value (or presence) differs between what was seen and what is."""
    return [key for key in keys if seen.get(key) != now.get(key)]


def _conflict_message(seen: Mapping[str, str], now: Mapping[str, str], moved: list[str]) -> str:
    parts = []
    for key in moved:
        was = f"'{seen[key]}'" if key in seen else Text(QT_TRANSLATE_NOOP("Governance", "no such tag"))
        is_ = f"'{now[key]}'" if key in now else Text(QT_TRANSLATE_NOOP("Governance", "removed"))
        parts.append(Text(QT_TRANSLATE_NOOP("Governance", "'{key}' (you read {was}; it is now {now})"),
                          key=key, was=was, now=is_))
    listed = joined(parts, ", ")
    if len(moved) > 1:
        return Text(QT_TRANSLATE_NOOP("Governance", "Someone else changed the tags {tags} since you read the tags; "
                                      "nothing was saved. The list shows the tags as they are now: edit again to "
                                      "change them."), tags=listed)
    return Text(QT_TRANSLATE_NOOP("Governance", "Someone else changed the tag {tags} since you read the tags; "
                                  "nothing was saved. The list shows the tags as they are now: edit again to "
                                  "change them."), tags=listed)


def edit_tags(session: AccountSession, arn: str, edit: TagEdit, seen: Mapping[str, str]) -> dict[str, str]:
    """Apply `edit` to the resource's tags, as read by the user (`seen`); the tags afterwards.

    Checked against the model before any call ("invalid"). The tags are read again first: when
    a key being edited changed since `seen`, nothing is sent and a `TagConflict` names it.
    """
    profile = session.connection.display_name
    action = ADD if edit.set else DELETE
    if not edit.set and not edit.remove:
        raise refuse(profile, action, arn, Text(QT_TRANSLATE_NOOP(
            "Governance", "Nothing to change: add, change or remove at least one tag.")))
    problems = edit_problems(seen, edit)
    if problems:
        raise refuse(profile, action, arn, joined(problems))
    now = list_tags(session, arn)
    moved = changed_since(seen, now, edit.keys)
    if moved:
        raise TagConflict(_conflict_message(seen, now, moved), now, action=action, resource=arn, profile=profile)
    problems = edit_problems(now, edit)
    if problems:
        raise refuse(profile, action, arn, joined(problems))
    client = session.client("sagemaker")
    if edit.set:
        with aws_call(session, ADD, arn):
            client.add_tags(ResourceArn=arn, Tags=[{"Key": k, "Value": v} for k, v in edit.set.items()])
    if edit.remove:
        with aws_call(session, DELETE, arn):
            client.delete_tags(ResourceArn=arn, TagKeys=list(edit.remove))
    return list_tags(session, arn)
