"""A small evaluator for model package group resource policies.

Enough IAM for the sandbox: Allow/Deny statements, principals given as an account id,
an account root ARN, a role ARN or "*", actions and resources with ``*``/``?`` wildcards.
An explicit Deny wins. Statements with a Condition are never applied: we cannot
evaluate them, and granting on an unevaluated condition would be too generous.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatchcase
from typing import Any

_ACCOUNT_ARN = re.compile(r"^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(.*)$")


def parse_policy(text: str) -> dict[str, Any]:
    """The policy document, or ValueError when it is not a JSON object."""
    document = json.loads(text)
    if not isinstance(document, dict):
        raise ValueError("a policy must be a JSON object")
    return document


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _role_of(caller_arn: str) -> str | None:
    """The IAM role ARN behind an assumed-role session ARN."""
    match = _ACCOUNT_ARN.match(caller_arn)
    if not match or not match.group(2).startswith("assumed-role/"):
        return None
    role_name = match.group(2).split("/")[1]
    return f"arn:aws:iam::{match.group(1)}:role/{role_name}"


def _principal_matches(principal: Any, account_id: str, caller_arn: str) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, dict):
        candidates = _as_list(principal.get("AWS"))
    else:
        candidates = _as_list(principal)
    known = {"*", account_id} | {arn for arn in (caller_arn, _role_of(caller_arn)) if arn}
    for candidate in candidates:
        if candidate in known:
            return True
        match = _ACCOUNT_ARN.match(str(candidate))
        if match and match.group(1) == account_id and match.group(2) == "root":
            return True
    return False


def _statement_applies(
    statement: dict[str, Any],
    account_id: str,
    caller_arn: str,
    action: str,
    resources: list[str],
) -> bool:
    if "Condition" in statement:
        return False
    if not _principal_matches(statement.get("Principal"), account_id, caller_arn):
        return False
    actions = [str(a).lower() for a in _as_list(statement.get("Action"))]
    if not any(fnmatchcase(action.lower(), pattern) for pattern in actions):
        return False
    patterns = [str(r) for r in _as_list(statement.get("Resource"))]
    return any(fnmatchcase(res, pattern) for res in resources for pattern in patterns)


def allows(
    policy_text: str | None,
    account_id: str,
    action: str,
    resources: list[str],
    caller_arn: str = "",
) -> bool:
    """Whether the policy lets ``account_id`` perform ``action`` on any of ``resources``."""
    if not policy_text:
        return False
    try:
        document = parse_policy(policy_text)
    except ValueError:
        return False
    allowed = False
    for statement in _as_list(document.get("Statement")):
        if not isinstance(statement, dict):
            continue
        if not _statement_applies(statement, account_id, caller_arn, action, resources):
            continue
        if statement.get("Effect") == "Deny":
            return False
        if statement.get("Effect") == "Allow":
            allowed = True
    return allowed
