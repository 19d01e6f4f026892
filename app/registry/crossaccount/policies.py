"""Resource policy documents for the cross-account setup: build, merge by Sid, compare, check.

Pure data, no AWS calls. Our statements carry fixed Sids so a second run finds them again;
merging keeps every other statement exactly as it was and replaces ours in place.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from typing import Any

from app.registry.texts import QT_TRANSLATE_NOOP, Text

SID_ECR_PULL = "RegistryDeskCrossAccountPull"
SID_S3_READ_OBJECTS = "RegistryDeskCrossAccountReadArtifacts"
SID_S3_READ_BUCKET_ACL = "RegistryDeskCrossAccountReadBucketAcl"
SID_GROUP_REGISTER = "RegistryDeskCrossAccountRegister"
SID_GROUP_DESCRIBE = "RegistryDeskCrossAccountDescribe"
SID_GROUP_DEPLOY_READ = "RegistryDeskCrossAccountDeployRead"
OUR_SIDS = frozenset({SID_ECR_PULL, SID_S3_READ_OBJECTS, SID_S3_READ_BUCKET_ACL, SID_GROUP_REGISTER,
                      SID_GROUP_DESCRIBE, SID_GROUP_DEPLOY_READ})
# What deploying a version from the training account reads beyond the group's description.
DEPLOY_READ_ACTIONS = ("sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages")

KMS_GRANT_NAME = "registry-desk-cross-account"
KMS_OPERATIONS = ("Decrypt", "GenerateDataKey")

ECR_PULL_ACTIONS = (
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
    "ecr:BatchCheckLayerAvailability",
    "ecr:DescribeImages",
)

_ACCOUNT = re.compile(r"^\d{12}$")
_PRINCIPAL = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):(root|role/[\w+=,.@/-]+|user/[\w+=,.@/-]+)$")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


class MalformedPolicy(ValueError):
    """An existing policy that is not a JSON object with a Statement list."""


@dataclass(frozen=True)
class Finding:
    """Something the reviewer must know: `blocking` findings stop the apply."""

    message: str
    blocking: bool


# -- reading and writing documents ----------------------------------------------------------


def parse(text: str | None) -> dict[str, Any] | None:
    """The document, None when there is none; MalformedPolicy when it is not a policy."""
    if text is None or not text.strip():
        return None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedPolicy(Text(QT_TRANSLATE_NOOP("CrossAccount", "not valid JSON ({reason} at line {line}, "
                                                     "column {column})"),
                                   reason=exc.msg, line=exc.lineno, column=exc.colno)) from exc
    if not isinstance(document, dict):
        raise MalformedPolicy(Text(QT_TRANSLATE_NOOP("CrossAccount", "not a JSON object")))
    statements = document.get("Statement", [])
    if not isinstance(statements, list | dict):
        raise MalformedPolicy(Text(QT_TRANSLATE_NOOP("CrossAccount", "its Statement is neither a list nor an "
                                                     "object")))
    return document


def render(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2)


def statements_of(document: dict[str, Any] | None) -> list[Any]:
    if document is None:
        return []
    statements = document.get("Statement", [])
    return list(statements) if isinstance(statements, list) else [statements]


def merge(current: dict[str, Any] | None, ours: list[dict[str, Any]]) -> dict[str, Any]:
    """`current` with our statements replaced in place by Sid, or appended; the rest untouched."""
    by_sid: dict[str, dict[str, Any]] = {s["Sid"]: s for s in ours}
    merged: list[Any] = []
    placed: set[str] = set()
    for statement in statements_of(current):
        sid = statement.get("Sid") if isinstance(statement, dict) else None
        if isinstance(sid, str) and sid in by_sid:
            if sid not in placed:  # a duplicate of ours (hand-copied) collapses to one
                merged.append(by_sid[sid])
                placed.add(sid)
            continue
        merged.append(statement)
    merged.extend(s for s in ours if s["Sid"] not in placed)
    document: dict[str, Any] = {"Version": "2012-10-17"} if current is None else dict(current)
    document.setdefault("Version", "2012-10-17")
    document["Statement"] = merged
    return document


def unmerge(current: dict[str, Any] | None, original: dict[str, Any] | None) -> dict[str, Any] | None:
    """`current` with our statements taken out (or put back as `original` had them), the rest
    untouched; None when nothing is left of a policy that did not exist before."""
    before = {s["Sid"]: s for s in statements_of(original) if isinstance(s, dict) and s.get("Sid") in OUR_SIDS}
    kept: list[Any] = []
    for statement in statements_of(current):
        sid = statement.get("Sid") if isinstance(statement, dict) else None
        if sid in OUR_SIDS:
            if sid in before:
                kept.append(before.pop(sid))
            continue
        kept.append(statement)
    kept.extend(before.values())
    if not kept and original is None:
        return None
    document = dict(current or {"Version": "2012-10-17"})
    document["Statement"] = kept
    return document


def missing_statements(document: dict[str, Any] | None, ours: list[dict[str, Any]]) -> list[str]:
    """Sids of our statements that are absent from `document` or differ from what we wrote."""
    present = {s.get("Sid"): s for s in statements_of(document) if isinstance(s, dict)}
    return [s["Sid"] for s in ours if present.get(s["Sid"]) != s]


def side_by_side(current: str, proposed: str) -> list[tuple[str, str, str]]:
    """Aligned rows (left, right, tag) with tag one of equal, replace, delete, insert."""
    left, right = current.splitlines(), proposed.splitlines()
    rows: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = left[i1:i2], right[j1:j2]
        for k in range(max(len(a), len(b))):
            rows.append((a[k] if k < len(a) else "", b[k] if k < len(b) else "", tag))
    return rows


# -- our statements -------------------------------------------------------------------------


def account_root(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:root"


def ecr_statements(registry_account: str) -> list[dict[str, Any]]:
    """The registry account may pull the images (a repository policy has no Resource)."""
    return [
        {
            "Sid": SID_ECR_PULL,
            "Effect": "Allow",
            "Principal": {"AWS": account_root(registry_account)},
            "Action": list(ECR_PULL_ACTIONS),
        }
    ]


def s3_statements(bucket: str, prefix: str, registry_account: str) -> list[dict[str, Any]]:
    """The registry account may read the artifacts under `prefix` and the bucket's ACL."""
    principal = {"AWS": account_root(registry_account)}
    return [
        {
            "Sid": SID_S3_READ_OBJECTS,
            "Effect": "Allow",
            "Principal": principal,
            "Action": ["s3:GetObject", "s3:GetObjectAcl"],
            "Resource": f"arn:aws:s3:::{bucket}/{prefix}*",
        },
        {
            "Sid": SID_S3_READ_BUCKET_ACL,
            "Effect": "Allow",
            "Principal": principal,
            "Action": "s3:GetBucketAcl",
            "Resource": f"arn:aws:s3:::{bucket}",
        },
    ]


def package_wildcard(group_arn: str) -> str:
    """arn:...:model-package-group/NAME -> arn:...:model-package/NAME/* (every version)."""
    head, _, name = group_arn.partition(":model-package-group/")
    return f"{head}:model-package/{name}/*"


def group_statements(group_arn: str, training_principal: str, *, read: bool = False) -> list[dict[str, Any]]:
    """The training principal may register versions in the group and describe it; with `read`,
    also describe and list its versions (what deploying one from the training account needs)."""
    principal = {"AWS": training_principal}
    statements = [
        {
            "Sid": SID_GROUP_REGISTER,
            "Effect": "Allow",
            "Principal": principal,
            "Action": "sagemaker:CreateModelPackage",
            "Resource": package_wildcard(group_arn),
        },
        {
            "Sid": SID_GROUP_DESCRIBE,
            "Effect": "Allow",
            "Principal": principal,
            "Action": "sagemaker:DescribeModelPackageGroup",
            "Resource": group_arn,
        },
    ]
    if read:
        statements.append({
            "Sid": SID_GROUP_DEPLOY_READ,
            "Effect": "Allow",
            "Principal": principal,
            "Action": list(DEPLOY_READ_ACTIONS),
            "Resource": [group_arn, package_wildcard(group_arn)],
        })
    return statements


# -- checks ----------------------------------------------------------------------------------


def check_account_id(value: str, what: str) -> str | None:
    if _ACCOUNT.match(value):
        return None
    return Text(QT_TRANSLATE_NOOP("CrossAccount", "The {what} account ID must be 12 digits, like 123456789012 "
                                  "(got '{value}')."), what=what, value=value)


def check_principal(value: str, training_account: str = "") -> str | None:
    """A message saying what to type instead, or None when `value` is a usable principal.

    The example names the training account when it is known (or typed in `value`)."""
    if "*" in value or "?" in value:
        typed = re.search(r"\d{12}", value)
        account = training_account if _ACCOUNT.match(training_account) else (typed.group(0) if typed else "")
        if account:
            example = Text(QT_TRANSLATE_NOOP("CrossAccount", "arn:aws:iam::{account}:root (the whole training "
                                             "account), or one role ARN like arn:aws:iam::{account}:role/NAME"),
                           account=account)
        else:
            example = Text(QT_TRANSLATE_NOOP("CrossAccount", "arn:aws:iam::ACCOUNT:root with the training account's "
                                             "12 digits, or one role ARN"))
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "The principal '{value}' contains a wildcard. Type one account "
                                      "root, like {example}."), value=value, example=example)
    if not _PRINCIPAL.match(value):
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "The principal '{value}' is not an IAM ARN. Type "
                                      "arn:aws:iam::ACCOUNT:root for the whole account, or "
                                      "arn:aws:iam::ACCOUNT:role/NAME for one role."), value=value)
    return None


def check_bucket(bucket: str, prefix: str) -> str | None:
    if not _BUCKET.match(bucket):
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "'{bucket}' is not an S3 bucket name. Pick a bucket from the "
                                      "list."), bucket=bucket)
    if any(c in prefix for c in "*?"):
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "The key prefix '{prefix}' contains a wildcard. Type the folder "
                                      "only, like models/churn/ (everything below it is included)."), prefix=prefix)
    if prefix.startswith("/"):
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "The key prefix must not start with '/'. Type '{prefix}' "
                                      "instead."), prefix=prefix.lstrip("/"))
    return None


def prefix_warning(prefix: str) -> str | None:
    """A prefix that is not a folder also grants its siblings: `runs/2026-11` covers `runs/2026-11-private/`."""
    if not prefix or prefix.endswith("/"):
        return None
    return Text(QT_TRANSLATE_NOOP("CrossAccount", "The key prefix '{prefix}' does not end with '/': it also grants "
                                  "every key that starts the same way, such as {prefix}-private/. Type '{prefix}/' "
                                  "to grant that folder only."), prefix=prefix)


def wildcard_findings(statements: list[dict[str, Any]]) -> list[Finding]:
    """Our statements must never grant to everyone or grant every action."""
    findings = []
    for statement in statements:
        principal = statement.get("Principal")
        principals = principal.get("AWS") if isinstance(principal, dict) else principal
        for value in principals if isinstance(principals, list) else [principals]:
            if value == "*" or (isinstance(value, str) and ("*" in value or "?" in value)):
                findings.append(Finding(Text(QT_TRANSLATE_NOOP(
                    "CrossAccount", "Statement {sid}: the wildcard principal '{value}' is refused; name one account "
                    "or role."), sid=str(statement.get("Sid")), value=str(value)), True))
        actions = statement.get("Action")
        for action in actions if isinstance(actions, list) else [actions]:
            if isinstance(action, str) and ("*" in action or "?" in action):
                findings.append(Finding(Text(QT_TRANSLATE_NOOP(
                    "CrossAccount", "Statement {sid}: the wildcard action '{action}' is refused; list the actions "
                    "one by one."), sid=str(statement.get("Sid")), action=action), True))
    return findings


def discoverability_findings(document: dict[str, Any] | None) -> list[Finding]:
    """Principals that can use the group by ARN but will never see it listed.

    AWS RAM lists a group in another account (ListModelPackageGroups with
    CrossAccountFilterOption=CrossAccount) only once the share made from the resource policy
    is promoted; RAM promotes only policies whose principals are whole accounts
    (arn:aws:iam::ACCOUNT:root) and whose statements have no Condition.
    """
    findings = []
    for statement in statements_of(document):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        principals = principal.get("AWS") if isinstance(principal, dict) else principal
        for value in principals if isinstance(principals, list) else [principals]:
            match = _PRINCIPAL.match(value) if isinstance(value, str) else None
            if match and match.group(2) != "root":
                findings.append(Finding(Text(QT_TRANSLATE_NOOP(
                    "CrossAccount", "The principal {principal} can use the group by its ARN, but the group will "
                    "not be discoverable from its account: AWS RAM lists a shared group only when the policy names "
                    "whole accounts (arn:aws:iam::{account}:root) without a Condition, and the share created from "
                    "the policy is promoted (ram:PromoteResourceShareCreatedFromPolicy)."),
                    principal=value, account=match.group(1)), False))
        if "Condition" in statement:
            sid = statement.get("Sid") or Text(QT_TRANSLATE_NOOP("CrossAccount", "(no Sid)"))
            findings.append(Finding(Text(QT_TRANSLATE_NOOP(
                "CrossAccount", "Statement {sid} has a Condition: AWS RAM cannot promote a policy with conditions, "
                "so the group will not be discoverable from the other account."), sid=sid), False))
    return findings
