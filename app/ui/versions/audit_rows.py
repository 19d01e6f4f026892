"""A timeline's events as the Audit tab's rows: when, who, and what changed, in words.

The registry names each change in one short phrase ("approval: Approved", "stage: Production /
Approved", "metadata set: owner"); here each becomes a translated sentence, and walking the
events oldest first tells what an approval, a stage or a card status changed *from*
("Approval: Pending → Approved"). Only keys and statuses ever reach a row: the registry never
puts a metadata value or card content into an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from app.registry.governance.audit import AuditEvent, Timeline
from app.ui.versions.model import status_label

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls

ARROW = " → "


@dataclass(frozen=True)
class AuditRow:
    time: datetime
    actor: str
    what: str
    action: str  # the API call (CreateModelPackage, ...), for the tooltip


@dataclass
class _State:
    """What the version was, as the events so far tell: to say what a change changed from."""

    approval: str = ""
    stage: str = ""
    card: str = ""


def _stage_text(value: str) -> str:
    stage, _sep, status = value.partition(" / ")
    if stage and status:
        return translate("audit", "%1 (%2)").replace("%1", stage).replace("%2", status)
    return stage or status


def _from_to(before: str, after: str) -> str:
    return f"{before}{ARROW}{after}" if before and before != after else after


def _phrase(key: str, value: str, state: _State, ok: bool) -> str:
    if key == "created":
        return translate("audit", "Created")
    if key.startswith("created as "):
        status = key.removeprefix("created as ")
        if ok:
            state.approval = status
        return translate("audit", "Created as %1").replace("%1", status_label(status))
    if key == "deleted":
        return translate("audit", "Deleted")
    if key == "last modified":
        return translate("audit", "Last modified (what changed is known only to CloudTrail)")
    if key == "model card content changed":
        return translate("audit", "Model card content changed")
    if key == "inference specification changed":
        return translate("audit", "Inference specification changed")
    if key == "approval":
        text = _from_to(status_label(state.approval), status_label(value))
        if ok:
            state.approval = value
        return translate("audit", "Approval: %1").replace("%1", text)
    if key == "approval comment":
        return translate("audit", "comment “%1”").replace("%1", value)
    if key == "stage":
        text = _from_to(_stage_text(state.stage), _stage_text(value))
        if ok:
            state.stage = value
        return translate("audit", "Lifecycle: %1").replace("%1", text)
    if key == "metadata set":
        return translate("audit", "Metadata keys set: %1").replace("%1", value)
    if key == "metadata removed":
        return translate("audit", "Metadata keys removed: %1").replace("%1", value)
    if key == "model card":
        if value and state.card == value:  # sent again with new content: the status did not move
            return translate("audit", "Model card still %1").replace("%1", value)
        text = _from_to(state.card, value)
        if ok:
            state.card = value
        return translate("audit", "Model card: %1").replace("%1", text)
    if key == "source URI":
        return translate("audit", "Source URI: %1").replace("%1", value)
    return f"{key}: {value}" if value else key  # an API call the registry named as it is


def _what(event: AuditEvent, state: _State) -> str:
    ok = not event.error
    parts = []
    for change in event.changes:
        key, sep, value = change.partition(": ")
        parts.append(_phrase(key if sep else change, value, state, ok))
    text = "; ".join(parts)
    if event.error:
        return translate("audit", "Refused (%1): %2").replace("%1", event.error).replace("%2", text)
    return text


def timeline_rows(timeline: Timeline) -> list[AuditRow]:
    """One row per event, oldest first, as the timeline holds them."""
    state = _State()
    return [AuditRow(e.time, e.actor, _what(e, state), e.action) for e in timeline.events]
