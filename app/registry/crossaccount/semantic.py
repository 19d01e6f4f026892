"""Policies and grants compared by meaning, not by their text.

Two documents are the same when they hold the same statements, whatever their formatting,
key order or statement order, and whether a single value is written as a string or a list of
one (IAM treats Action, Resource, Principal and condition values as sets). The diff pairs
statements by Sid, or by content when they have none, and formats both sides alike:
pretty-printed, with the keys in the order their author wrote them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.registry.crossaccount.policies import MalformedPolicy, parse, statements_of

KEPT, ADDED, CHANGED, REMOVED = "kept", "added", "changed", "removed"

# Statement fields whose values are sets of strings.
_SET_FIELDS = {"Action", "NotAction", "Resource", "NotResource"}
_PRINCIPAL_FIELDS = {"Principal", "NotPrincipal"}
_ACCOUNT = re.compile(r"^\d{12}$")
DOCUMENT_LABEL = "Document"  # the row of the document's own fields (Version, Id)


@dataclass(frozen=True)
class DiffRow:
    """One statement (or the document's own fields, or one grant) on both sides."""

    status: str  # KEPT, ADDED, CHANGED or REMOVED
    label: str  # the Sid; "" for a statement without one; DOCUMENT_LABEL for the fields
    current: str  # pretty-printed; "" when this side has none
    proposed: str


# -- equality ----------------------------------------------------------------------------


def _as_set(value: Any) -> list[Any]:
    values = value if isinstance(value, list) else [value]
    return sorted({json.dumps(v, sort_keys=True) for v in values})


def _principal(value: Any) -> Any:
    if not isinstance(value, dict):
        return value  # "*" (everyone) is not the same as {"AWS": "*"}
    canonical = {}
    for kind, names in value.items():
        listed = names if isinstance(names, list) else [names]
        # AWS stores a bare account id as that account's root ARN.
        canonical[kind] = _as_set([f"arn:aws:iam::{n}:root" if isinstance(n, str) and _ACCOUNT.match(n)
                                   else n for n in listed])
    return canonical


def canonical_statement(statement: Any) -> str:
    """One string per meaning: equal for statements IAM treats as equal."""
    if not isinstance(statement, dict):
        return json.dumps(statement, sort_keys=True)
    canonical: dict[str, Any] = {}
    for key, value in statement.items():
        if key in _SET_FIELDS:
            canonical[key] = _as_set(value)
        elif key in _PRINCIPAL_FIELDS:
            canonical[key] = _principal(value)
        elif key == "Condition" and isinstance(value, dict):
            canonical[key] = {op: {k: _as_set(v) for k, v in tests.items()} if isinstance(tests, dict) else tests
                              for op, tests in value.items()}
        else:
            canonical[key] = value
    return json.dumps(canonical, sort_keys=True)


def _fields_of(document: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (document or {}).items() if k != "Statement"}


def same_document(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two policies mean the same (None, no policy, equals only None)."""
    if a is None or b is None:
        return a is b
    return (_fields_of(a) == _fields_of(b)
            and sorted(map(canonical_statement, statements_of(a)))
            == sorted(map(canonical_statement, statements_of(b))))


def same_text(a: str | None, b: str | None) -> bool:
    """`same_document` on stored texts; a text that is not a policy equals only itself."""
    try:
        return same_document(parse(a), parse(b))
    except MalformedPolicy:
        return (a or "").strip() == (b or "").strip()


def _grant_key(grant: dict[str, Any]) -> str:
    return json.dumps([grant.get("Name", ""), grant.get("GranteePrincipal", ""),
                       sorted(grant.get("Operations", []))])


def same_grants(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """Whether two lists of grants give the same grantees the same operations."""
    return sorted(map(_grant_key, a)) == sorted(map(_grant_key, b))


# -- the diff ------------------------------------------------------------------------------


def pretty(value: Any) -> str:
    """The same formatting on both sides: two-space indent, the author's key order, text as written."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def _pair(current: list[Any], proposed: list[Any], identity: Callable[[Any], str | None]) -> list[DiffRow]:
    """Rows in the proposed order; a statement only in `current` shows where it stood."""
    rows: list[DiffRow] = []
    unmatched = list(range(len(current)))
    at_row: dict[int, int] = {}  # index in current -> its row

    def take(item: Any) -> int | None:
        wanted = identity(item)
        if wanted is not None:  # by Sid
            for i in unmatched:
                if identity(current[i]) == wanted:
                    unmatched.remove(i)
                    return i
            return None
        meaning = canonical_statement(item)  # no Sid: by content
        for i in unmatched:
            if identity(current[i]) is None and canonical_statement(current[i]) == meaning:
                unmatched.remove(i)
                return i
        return None

    for item in proposed:
        found = take(item)
        label = identity(item) or ""
        if found is None:
            rows.append(DiffRow(ADDED, label, "", pretty(item)))
            continue
        before = current[found]
        same = canonical_statement(before) == canonical_statement(item)
        at_row[found] = len(rows)
        rows.append(DiffRow(KEPT if same else CHANGED, label, pretty(before), pretty(item)))
    removed = []
    for i in unmatched:  # before the next statement that stayed, or at the end
        later = [at_row[j] for j in at_row if j > i]
        row = DiffRow(REMOVED, identity(current[i]) or "", pretty(current[i]), "")
        removed.append((min(later) if later else len(rows), i, row))
    for position, _i, row in sorted(removed, key=lambda entry: entry[:2], reverse=True):
        rows.insert(position, row)
    return rows


def _sid(statement: Any) -> str | None:
    sid = statement.get("Sid") if isinstance(statement, dict) else None
    return str(sid) if sid else None


def semantic_diff(current: dict[str, Any] | None, proposed: dict[str, Any] | None) -> list[DiffRow]:
    """Statement by statement: the document's own fields first, then each statement."""
    rows = []
    fields_now, fields_then = _fields_of(current), _fields_of(proposed)
    if fields_now or fields_then:
        if current is None:
            status = ADDED
        elif proposed is None:
            status = REMOVED
        else:
            status = KEPT if fields_now == fields_then else CHANGED
        rows.append(DiffRow(status, DOCUMENT_LABEL, pretty(fields_now) if current is not None else "",
                            pretty(fields_then) if proposed is not None else ""))
    rows.extend(_pair(statements_of(current), statements_of(proposed), _sid))
    return rows


def diff_texts(current: str | None, proposed: str | None) -> list[DiffRow]:
    """`semantic_diff` of two stored texts; a side that is not a policy is shown as it is."""
    try:
        left = parse(current)
    except MalformedPolicy:
        return [DiffRow(CHANGED, "", current or "", _pretty_text(proposed))]
    try:
        right = parse(proposed)
    except MalformedPolicy:
        return [DiffRow(CHANGED, "", pretty(left) if left is not None else "", proposed or "")]
    return semantic_diff(left, right)


def _pretty_text(text: str | None) -> str:
    try:
        document = parse(text)
    except MalformedPolicy:
        return text or ""
    return pretty(document) if document is not None else ""


def grant_diff(current: list[dict[str, Any]], proposed: list[dict[str, Any]]) -> list[DiffRow]:
    """Grants paired by name and grantee, shown like statements."""
    def identity(grant: Any) -> str | None:
        if not isinstance(grant, dict) or not grant.get("Name"):
            return None
        return f"{grant['Name']} ({grant.get('GranteePrincipal', '')})"

    return _pair(current, proposed, identity)
