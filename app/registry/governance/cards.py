"""A version's model card (ModelCard: ModelCardContent JSON and ModelCardStatus): read, check, set.

The content is checked against the model card JSON schema AWS documents (`cardschema`) before
any call, naming the field. The status moves Draft -> PendingReview -> Approved -> Archived, with
the way back to Draft for changes; an archived card takes no more changes (AWS: "No more updates
can be made to the model card content"). A write re-reads the card first and refuses when
someone else changed it since the user read it. The content is marked sensitive by the API:
it is never logged and never put in a message.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.aws import constraint
from app.registry.errors import aws_call
from app.registry.governance.cardschema import CardProblem, card_problems, load_schema
from app.registry.governance.results import refuse
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined
from app.registry.versions.describe import describe_version
from app.registry.versions.records import VersionDetails

UPDATE = "sagemaker:UpdateModelPackage"
DRAFT, PENDING_REVIEW, APPROVED, ARCHIVED = "Draft", "PendingReview", "Approved", "Archived"
CARD_STATUSES = (DRAFT, PENDING_REVIEW, APPROVED, ARCHIVED)
# Where a card may go from each status: forward, back to Draft for changes, or archived.
MOVES: dict[str, tuple[str, ...]] = {
    DRAFT: (PENDING_REVIEW, ARCHIVED),
    PENDING_REVIEW: (APPROVED, DRAFT, ARCHIVED),
    APPROVED: (ARCHIVED, DRAFT),
    ARCHIVED: (),
}
# The top-level sections of a card, in the order the schema and Studio show them.
SECTIONS = ("model_overview", "intended_uses", "business_details", "training_details",
            "evaluation_details", "additional_information")
_SHOWN = 3  # problems named in a refusal; the editor shows them all


@dataclass(frozen=True)
class ModelCard:
    """A version's card as AWS holds it; `text` is the content string ("" when none)."""

    status: str
    text: str = field(default="", repr=False)  # sensitive: never in a repr, a log or a message

    def content(self) -> dict[str, Any] | None:
        """The parsed content; None when there is none or it is not a JSON object."""
        parsed, _problem = parse_card(self.text) if self.text else (None, None)
        return parsed


def card_of(raw: Mapping[str, Any]) -> ModelCard | None:
    """The card in a describe response (or VersionDetails.raw); None when the version has none."""
    found = raw.get("ModelCard") or {}
    status = str(found.get("ModelCardStatus") or "")
    text = found.get("ModelCardContent")
    if not status and text is None:
        return None
    return ModelCard(status, text if isinstance(text, str) else "")


def parse_card(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """(content, None), or (None, what is wrong) when `text` is not a JSON object."""
    try:
        parsed = json.loads(text)
    except ValueError as error:
        line, column = getattr(error, "lineno", 0), getattr(error, "colno", 0)
        reason = getattr(error, "msg", "not JSON")
        return None, Text(QT_TRANSLATE_NOOP("Governance", "The card is not valid JSON: line {line}, column {column}: "
                                            "{reason}."), line=line, column=column, reason=reason)
    if not isinstance(parsed, dict):
        return None, Text(QT_TRANSLATE_NOOP("Governance", "The card must be a JSON object ({ … }) with the card's "
                                            "sections inside."))
    return parsed, None


def card_text(content: Mapping[str, Any]) -> str:
    """The content as it is sent: compact JSON on one line, keys in the user's order.

    The API's pattern is ".*", Java's dot stops at a line break: the line and paragraph
    separators a string may hold are written as escapes, so the text is one line whatever it says.
    """
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char in ("\u0085", "\u2028", "\u2029"):
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def pretty_card(content: Mapping[str, Any]) -> str:
    """The content as the editor's JSON tab and the details show it."""
    return json.dumps(content, ensure_ascii=False, indent=2)


def content_limit() -> int:
    """The longest content AWS takes (100,000 characters, from botocore's model: a file)."""
    return int(constraint("UpdateModelPackageInput.ModelCard.ModelCardContent").get("max", 100000))


def content_problems(content: Mapping[str, Any], schema: Mapping[str, Any]) -> list[CardProblem]:
    """What the schema and the API's length limit refuse in `content`."""
    found = card_problems(content, schema)
    size, limit = len(card_text(content)), content_limit()
    if size > limit:
        found.append(CardProblem((), Text(QT_TRANSLATE_NOOP("Governance", "is {size} characters long once saved; AWS "
                                                            "takes at most {limit} (remove {extra})"),
                                          size=size, limit=limit, extra=size - limit), "maxLength"))
    return found


def check_move(current: str | None, status: str) -> str | None:
    """None when a card in `current` (None: no card yet) may be saved in `status`."""
    if status not in CARD_STATUSES:
        return Text(QT_TRANSLATE_NOOP("Governance", "A card's status is one of {statuses}."),
                    statuses=", ".join(CARD_STATUSES))
    if current is None or not current:
        return None if status == DRAFT else Text(QT_TRANSLATE_NOOP("Governance", "A new card starts as a Draft; "
                                                                   "save it, then move it on."))
    if status == current or status in MOVES.get(current, ()):
        return None
    if current == ARCHIVED:
        return ARCHIVED_CARD
    allowed = joined(MOVES.get(current, ()), Text(QT_TRANSLATE_NOOP("Governance", " or ")))
    return Text(QT_TRANSLATE_NOOP("Governance", "A card in {current} can move to {allowed}, not to {status}."),
                current=current, allowed=allowed, status=status)


ARCHIVED_CARD = Text(QT_TRANSLATE_NOOP("Governance", "This card is archived: AWS takes no more changes to it."))


class _Unchecked:
    pass


UNCHECKED: Any = _Unchecked()  # `seen` not given: no changed-since-read check


def set_model_card(
    session: AccountSession,
    arn: str,
    content: Mapping[str, Any] | str | None,
    status: str,
    *,
    seen: ModelCard | None = UNCHECKED,
) -> VersionDetails:
    """Save a version's card: `content` (parsed, or JSON text; None keeps the content and moves
    only the status) in `status`. Checked against the schema and the allowed moves before any
    call; `seen` (the card as the user read it, None for no card) must still be the card AWS has,
    else nothing is sent ("conflict"). Returns the version as AWS describes it afterwards."""
    profile = session.connection.display_name
    body: dict[str, Any] = {"ModelCardStatus": status}
    if status not in CARD_STATUSES:
        raise refuse(profile, UPDATE, arn, check_move(None, status) or "")
    if isinstance(content, str):
        parsed, problem = parse_card(content)
        if parsed is None:
            raise refuse(profile, UPDATE, arn, problem or "")
        content = parsed
    if content is not None:
        problems = content_problems(content, load_schema())
        if problems:
            raise refuse(profile, UPDATE, arn, _refusal(problems))
        body["ModelCardContent"] = card_text(content)
    current = card_of(describe_version(session, arn).raw)
    if not isinstance(seen, _Unchecked) and current != seen:
        raise refuse(
            profile, UPDATE, arn,
            "Someone else changed this version's model card since you read it; nothing was saved. "
            "Reload the version to see it, then edit again.", kind="conflict",
        )
    if current is None and content is None:
        raise refuse(profile, UPDATE, arn, Text(QT_TRANSLATE_NOOP(
            "Governance", "This version has no model card to move; create one first.")))
    before = current.status if current is not None else None
    if current is not None and before == ARCHIVED:
        raise refuse(profile, UPDATE, arn, ARCHIVED_CARD)
    move = check_move(before, status)
    if move:
        raise refuse(profile, UPDATE, arn, move)
    if content is None and current is not None and status == before:
        raise refuse(profile, UPDATE, arn, Text(QT_TRANSLATE_NOOP("Governance", "Nothing to change: the card is "
                                                                  "already {status}."), status=status))
    client = session.client("sagemaker")
    with aws_call(session, UPDATE, arn):
        client.update_model_package(ModelPackageArn=arn, ModelCard=body)
    return describe_version(session, arn)


def _refusal(problems: list[CardProblem]) -> str:
    named = joined((p.safe_message for p in problems[:_SHOWN]), "; ")
    more = len(problems) - _SHOWN
    tail = Text(QT_TRANSLATE_NOOP("Governance", "; and %n more", None, 1), n=more) if more > 0 else ""
    return Text(QT_TRANSLATE_NOOP("Governance", "The model card does not follow the model card schema: {problems}"
                                  "{more}. Nothing was saved."), problems=named, more=tail)
