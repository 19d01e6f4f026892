"""Who a model package group's resource policy lets in: the accounts it names, read-only.

Each account a statement names (as a 12-digit id, its root ARN, or a role or user in it) gets
one `Grant` per effect, with the actions and statements that name it; "*" (anyone) and service
principals are kept apart, since they are not an account. The policy text is shown
pretty-printed; a policy that does not parse is shown as stored, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.crossaccount.plan import GROUP, read_policy_text
from app.registry.crossaccount.policies import MalformedPolicy, parse, render, statements_of
from app.registry.texts import text_of

_ACCOUNT = re.compile(r"^\d{12}$")
_IAM_ARN = re.compile(r"^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):(.+)$")
EVERYONE = "*"


@dataclass(frozen=True)
class Grant:
    """What one statement effect gives one account (or everyone, account_id "*")."""

    account_id: str
    effect: str  # "Allow" or "Deny"
    principals: tuple[str, ...]  # as the policy writes them
    actions: tuple[str, ...]
    statements: tuple[str, ...]  # Sids ("" for a statement without one)


@dataclass(frozen=True)
class GroupPolicy:
    text: str  # pretty-printed when it parses, else as stored
    grants: tuple[Grant, ...]
    services: tuple[str, ...] = ()  # service principals ("events.amazonaws.com")
    problem: str = ""  # why the text does not parse as a policy


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _account_of(principal: str) -> str | None:
    if principal == EVERYONE:
        return EVERYONE
    if _ACCOUNT.match(principal):
        return principal
    match = _IAM_ARN.match(principal)
    return match.group(1) if match else None


def grants_of(document: dict[str, Any] | None) -> tuple[list[Grant], list[str]]:
    """The grants per (account, effect), in the order the policy first names them; and the
    service principals."""
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    services: list[str] = []
    for statement in statements_of(document):
        if not isinstance(statement, dict):
            continue
        effect = str(statement.get("Effect", ""))
        principal = statement.get("Principal")
        named: list[str] = []
        if principal == EVERYONE:
            named = [EVERYONE]
        elif isinstance(principal, dict):
            named = [str(p) for p in _listed(principal.get("AWS"))]
            services += [str(s) for s in _listed(principal.get("Service")) if str(s) not in services]
        for name in named:
            account = _account_of(name)
            if account is None:
                continue
            entry = found.setdefault((account, effect), {"principals": [], "actions": [], "sids": []})
            for key, values in (("principals", [name]), ("actions", [str(a) for a in _listed(statement.get("Action"))]),
                                ("sids", [str(statement.get("Sid", ""))])):
                entry[key] += [v for v in values if v not in entry[key]]
    grants = [Grant(account, effect, tuple(e["principals"]), tuple(e["actions"]), tuple(e["sids"]))
              for (account, effect), e in found.items()]
    return grants, services


def policy_view(text: str) -> GroupPolicy:
    """The policy as the group details show it."""
    try:
        document = parse(text)
    except MalformedPolicy as exc:
        return GroupPolicy(text, (), problem=text_of(exc))
    grants, services = grants_of(document)
    return GroupPolicy(render(document) if document is not None else text, tuple(grants), tuple(services))


def read_group_policy(session: AccountSession, group_name: str) -> GroupPolicy | None:
    """The group's resource policy (GetModelPackageGroupPolicy), None when it has none. Only
    the owner account can ask: the call takes a group name, not another account's ARN."""
    text = read_policy_text(session, GROUP, group_name)
    if text is None or not text.strip():
        return None
    return policy_view(text)
