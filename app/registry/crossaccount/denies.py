"""Deny statements that cancel ours: an explicit Deny always wins over our Allow.

A Deny cancels one of our statements when it names our principal (or everyone, or our
principal's whole account), denies one of our actions (wildcards such as `s3:*` or `s3:Get*`
included, and NotAction read as "every action but these") and covers one of our resources
(patterns that can match a common key). A Deny with a Condition cancels ours only when the
condition holds, which cannot be known here: it is reported as a warning of its own, except the
usual refusal of plain HTTP (aws:SecureTransport false), which AWS's own clients never trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Any

from app.registry.crossaccount.policies import OUR_SIDS, Finding, statements_of
from app.registry.texts import QT_TRANSLATE_NOOP, Text

_IAM_ARN = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):(.+)$")


@dataclass(frozen=True)
class CancellingDeny:
    sid: str  # the Deny's Sid, or "" when it has none
    ours: str  # the Sid of our statement it cancels
    actions: tuple[str, ...]  # our actions it denies
    conditional: bool

    @property
    def message(self) -> str:
        name = (Text(QT_TRANSLATE_NOOP("CrossAccount", "The Deny statement {sid}"), sid=self.sid) if self.sid
                else Text(QT_TRANSLATE_NOOP("CrossAccount", "A Deny statement without a Sid")))
        actions = ", ".join(self.actions)
        if self.conditional:
            return Text(QT_TRANSLATE_NOOP("CrossAccount", "{name} denies {actions} when its Condition holds: if it "
                                          "holds for the registry's requests, it cancels our statement {ours}. "
                                          "Check the condition."), name=name, actions=actions, ours=self.ours)
        return Text(QT_TRANSLATE_NOOP("CrossAccount", "{name} denies {actions} to the principal of our statement "
                                      "{ours}, and an explicit Deny always wins: our Allow has no effect. Remove or "
                                      "narrow that Deny."), name=name, actions=actions, ours=self.ours)


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _aws_names(principal: Any) -> list[str] | None:
    """The AWS principals a Principal names; None when it names everyone ("*")."""
    if principal == "*":
        return None
    if isinstance(principal, dict):
        names = [str(n) for n in _listed(principal.get("AWS"))]
        return None if "*" in names else names
    return [str(n) for n in _listed(principal)]


def _covers(name: str, ours: str) -> bool:
    """Whether the principal `name` (in a Deny) includes our principal `ours`."""
    if name == ours:
        return True
    ours_match = _IAM_ARN.match(ours)
    if ours_match is None:
        return False
    account, what = ours_match.groups()
    if name == account:
        return True
    match = _IAM_ARN.match(name)
    if match is None or match.group(1) != account:
        return False
    # The account's root stands for every principal in it; a Deny on one of its roles cancels
    # a grant to the whole account for that role.
    return match.group(2) == "root" or what == "root"


def _names_our_principal(deny: dict[str, Any], ours: str) -> bool:
    if "NotPrincipal" in deny:
        excluded = _aws_names(deny["NotPrincipal"])
        return excluded is not None and not any(name == ours for name in excluded)
    names = _aws_names(deny.get("Principal"))
    return names is None or any(_covers(name, ours) for name in names)


def _denied_actions(deny: dict[str, Any], actions: list[str]) -> list[str]:
    if "NotAction" in deny:
        kept = [str(p).lower() for p in _listed(deny["NotAction"])]
        return [a for a in actions if not any(fnmatchcase(a.lower(), p) for p in kept)]
    patterns = [str(p).lower() for p in _listed(deny.get("Action"))]
    return [a for a in actions if any(fnmatchcase(a.lower(), p) for p in patterns)]


@lru_cache(maxsize=1024)
def patterns_overlap(a: str, b: str) -> bool:
    """Whether some string matches both IAM patterns (`*` any run, `?` one character)."""
    if not a or not b:
        return a.strip("*") == "" and b.strip("*") == ""
    if a[0] == "*":
        return patterns_overlap(a[1:], b) or patterns_overlap(a, b[1:])
    if b[0] == "*":
        return patterns_overlap(a, b[1:]) or patterns_overlap(a[1:], b)
    if a[0] == b[0] or "?" in (a[0], b[0]):
        return patterns_overlap(a[1:], b[1:])
    return False


def _covers_resource(deny: dict[str, Any], resources: list[str]) -> bool:
    if not resources:  # a repository policy: the repository itself is the resource
        return True
    if "NotResource" in deny:
        excluded = [str(p) for p in _listed(deny["NotResource"])]
        return not all(any(fnmatchcase(r, p) for p in excluded) for r in resources)
    patterns = [str(p) for p in _listed(deny.get("Resource"))]
    if not patterns:
        return True
    return any(patterns_overlap(p, r) for p in patterns for r in resources)


def _refuses_plain_http_only(condition: Any) -> bool:
    if not isinstance(condition, dict) or list(condition) != ["Bool"] or not isinstance(condition["Bool"], dict):
        return False
    tests = condition["Bool"]
    return list(tests) == ["aws:SecureTransport"] and _listed(tests["aws:SecureTransport"]) in (["false"], [False])


def cancelling_denies(document: dict[str, Any] | None, ours: list[dict[str, Any]]) -> list[CancellingDeny]:
    """Every Deny in `document` (not ours) that cancels one of `ours`."""
    found = []
    for deny in statements_of(document):
        if not isinstance(deny, dict) or deny.get("Effect") != "Deny" or deny.get("Sid") in OUR_SIDS:
            continue
        if _refuses_plain_http_only(deny.get("Condition")):
            continue
        for statement in ours:
            principals = _aws_names(statement.get("Principal")) or []
            if not any(_names_our_principal(deny, p) for p in principals):
                continue
            actions = _denied_actions(deny, [str(a) for a in _listed(statement.get("Action"))])
            if not actions or not _covers_resource(deny, [str(r) for r in _listed(statement.get("Resource"))]):
                continue
            found.append(CancellingDeny(str(deny.get("Sid") or ""), statement["Sid"], tuple(actions),
                                        "Condition" in deny))
    return found


def deny_findings(document: dict[str, Any] | None, ours: list[dict[str, Any]]) -> list[Finding]:
    """The plan's warnings: the reviewer decides whether to narrow the Deny first."""
    return [Finding(deny.message, False) for deny in cancelling_denies(document, ours)]
