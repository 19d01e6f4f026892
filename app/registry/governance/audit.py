"""A version's audit timeline: what happened to it and who did it, and its CSV export.

Read from CloudTrail LookupEvents (events whose resource is the version's ARN) where the profile
may read CloudTrail; where it may not, from the version's own CreatedBy and LastModifiedBy. The
timeline says which source it used, and why. Metadata values and model card content never enter
an event: a change names the keys and fields, not what they hold.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.versions.groups import aware

_log = logging.getLogger(__name__)

CLOUDTRAIL, DESCRIBE = "cloudtrail", "describe"
LOOKUP = "cloudtrail:LookupEvents"
CREATE = "CreateModelPackage"
PAGE_SIZE = 50  # LookupEvents' most per page
MAX_PAGES = 20  # LookupEvents answers 2 calls a second: 1,000 events is plenty for one version


@dataclass(frozen=True)
class AuditEvent:
    time: datetime  # tz-aware
    actor: str  # who: a user name, "role/session", or "" when unknown
    action: str  # the API event name: CreateModelPackage, UpdateModelPackage, ...
    changes: tuple[str, ...]  # what changed, one phrase each ("stage: Production / Approved")
    event_id: str = ""
    error: str = ""  # the error code of a call that failed

    @property
    def summary(self) -> str:
        text = "; ".join(self.changes)
        return f"{text} (failed: {self.error})" if self.error else text


@dataclass(frozen=True)
class Timeline:
    arn: str
    source: str  # CLOUDTRAIL or DESCRIBE
    events: tuple[AuditEvent, ...]  # oldest first
    reason: str = ""  # why CloudTrail was not used, when it was not


def _lower_keys(value: Any) -> Any:
    """CloudTrail writes requestParameters in camelCase; look them up whatever the case."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def actor_of(identity: Mapping[str, Any], username: str = "") -> str:
    """Who made a call, from CloudTrail's userIdentity: a user name, "role/session", "root"."""
    kind = str(identity.get("type", ""))
    arn = str(identity.get("arn", ""))
    if kind == "AssumedRole" and ":assumed-role/" in arn:
        return arn.split(":assumed-role/", 1)[1]
    if kind == "IAMUser":
        return str(identity.get("userName") or arn.rsplit("/", 1)[-1] or username)
    if kind == "Root":
        return "root"
    if kind == "AWSService":
        return str(identity.get("invokedBy") or "AWS service")
    return username or arn or str(identity.get("principalId", ""))


def _keys(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(sorted(str(k) for k in value))
    if isinstance(value, list):
        return ", ".join(str(k) for k in value)
    return ""


def changes_of(action: str, parameters: Mapping[str, Any]) -> tuple[str, ...]:
    """What a call changed, by field: values of metadata and card content are never included."""
    p = _lower_keys(dict(parameters or {}))
    if action == "CreateModelPackage":
        status = p.get("modelapprovalstatus")
        return ("created" + (f" as {status}" if status else ""),)
    if action == "DeleteModelPackage":
        return ("deleted",)
    found: list[str] = []
    if p.get("modelapprovalstatus"):
        found.append(f"approval: {p['modelapprovalstatus']}")
    if p.get("approvaldescription"):
        found.append(f"approval comment: {p['approvaldescription']}")
    life = p.get("modellifecycle") or {}
    if life:
        found.append(f"stage: {life.get('stage', '')} / {life.get('stagestatus', '')}")
    if p.get("customermetadataproperties"):
        found.append(f"metadata set: {_keys(p.get('customermetadataproperties'))}")
    if p.get("customermetadatapropertiestoremove"):
        found.append(f"metadata removed: {_keys(p['customermetadatapropertiestoremove'])}")
    card = p.get("modelcard") or {}
    if card.get("modelcardstatus"):
        found.append(f"model card: {card['modelcardstatus']}")
    if "modelcardcontent" in card:
        found.append("model card content changed")
    if p.get("sourceuri"):
        found.append(f"source URI: {p['sourceuri']}")
    if p.get("inferencespecification") or p.get("additionalinferencespecificationstoadd"):
        found.append("inference specification changed")
    return tuple(found) or (action,)


def parse_event(event: Mapping[str, Any]) -> AuditEvent:
    """One LookupEvents event (its CloudTrailEvent JSON string read) as an AuditEvent."""
    try:
        detail = json.loads(event.get("CloudTrailEvent") or "{}")
    except (TypeError, ValueError):
        detail = {}
    if not isinstance(detail, dict):
        detail = {}
    action = str(event.get("EventName") or detail.get("eventName") or "")
    when = event.get("EventTime")
    if not isinstance(when, datetime):
        text = str(detail.get("eventTime") or "")
        when = datetime.fromisoformat(text.replace("Z", "+00:00")) if text else datetime.fromtimestamp(0, UTC)
    return AuditEvent(
        time=aware(when),
        actor=actor_of(detail.get("userIdentity") or {}, str(event.get("Username") or "")),
        action=action,
        changes=changes_of(action, detail.get("requestParameters") or {}),
        event_id=str(event.get("EventId") or detail.get("eventID") or ""),
        error=str(detail.get("errorCode") or ""),
    )


def _from_cloudtrail(session: AccountSession, arn: str) -> list[AuditEvent]:
    client = session.client("cloudtrail")
    request: dict[str, Any] = {
        "LookupAttributes": [{"AttributeKey": "ResourceName", "AttributeValue": arn}],
        "MaxResults": PAGE_SIZE,
    }
    events: list[AuditEvent] = []
    for _ in range(MAX_PAGES):
        with aws_call(session, LOOKUP, arn):
            response = client.lookup_events(**request)
        events.extend(parse_event(e) for e in response.get("Events") or [])
        if not response.get("NextToken"):
            break
        request["NextToken"] = response["NextToken"]
    return events


def user_of(context: Mapping[str, Any] | None) -> str:
    """Who, from a describe's CreatedBy / LastModifiedBy (UserContext)."""
    context = context or {}
    identity = context.get("IamIdentity") or {}
    arn = str(identity.get("Arn") or context.get("UserProfileArn") or "")
    if context.get("UserProfileName"):
        return str(context["UserProfileName"])
    if ":assumed-role/" in arn:
        return arn.split(":assumed-role/", 1)[1]
    if arn.endswith(":root"):
        return "root"  # the account itself, as CloudTrail's events name it
    return arn.rsplit("/", 1)[-1] if "/" in arn else arn


def events_from_describe(raw: Mapping[str, Any]) -> list[AuditEvent]:
    """What a describe tells: who created the version and who changed it last."""
    arn_events: list[AuditEvent] = []
    created = raw.get("CreationTime")
    if created:
        arn_events.append(AuditEvent(_when(created), user_of(raw.get("CreatedBy")), "CreateModelPackage", ("created",)))
    modified = raw.get("LastModifiedTime")
    if modified:
        arn_events.append(
            AuditEvent(_when(modified), user_of(raw.get("LastModifiedBy")), "UpdateModelPackage", ("last modified",))
        )
    return arn_events


def _when(value: Any) -> datetime:
    if isinstance(value, str):
        return aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    return aware(value)


NO_EVENTS = "CloudTrail holds no event on this version (it keeps 90 days of management events)."


def version_timeline(session: AccountSession, arn: str) -> Timeline:
    """The version's timeline from CloudTrail, or from describe when CloudTrail is refused or
    holds nothing on it (`reason` says which)."""
    try:
        events = _from_cloudtrail(session, arn)
        if events:
            if not any(e.action == CREATE and not e.error for e in events):
                events.extend(_creation_beyond_the_trail(session, arn))
            return Timeline(arn, CLOUDTRAIL, tuple(sorted(events, key=lambda e: e.time)))
        reason = NO_EVENTS
    except RegistryError as error:
        _log.info("CloudTrail lookup for %s failed, reading the version instead: %s", arn, error)
        reason = error.text
    events = events_from_describe(_describe(session, arn))
    return Timeline(arn, DESCRIBE, tuple(sorted(events, key=lambda e: e.time)), reason)


def _describe(session: AccountSession, arn: str) -> dict[str, Any]:
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:DescribeModelPackage", arn):
        return dict(client.describe_model_package(ModelPackageName=arn))


def _creation_beyond_the_trail(session: AccountSession, arn: str) -> list[AuditEvent]:
    """Who created a version older than CloudTrail's 90 days, from its CreatedBy, so its
    timeline still starts with its creation; nothing when the version is gone or unreadable."""
    try:
        raw = _describe(session, arn)
    except RegistryError as error:
        _log.info("Could not read who created %s: %s", arn, error)
        return []
    return [e for e in events_from_describe(raw) if e.action == CREATE]


def group_timelines(
    session: AccountSession,
    arns: Sequence[str],
    *,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[Timeline], None] | None = None,
) -> list[Timeline]:
    """The timelines of many versions (a whole group), one after the other: LookupEvents answers
    two calls a second per account, so parallel lookups would only be throttled. `should_stop`
    is asked before each version; the timelines read so far are returned."""
    timelines: list[Timeline] = []
    for arn in arns:
        if should_stop is not None and should_stop():
            break
        timelines.append(version_timeline(session, arn))
        if on_result is not None:
            on_result(timelines[-1])
    return timelines


def deleted_version_arns(session: AccountSession, group_arn: str) -> list[str]:
    """The versions of a group that CloudTrail saw deleted (its DeleteModelPackage events of
    the last 90 days), oldest first, so a group's export still tells what became of them; []
    when CloudTrail may not be read. Looked up by event name (one attribute per lookup) and
    kept when the version's ARN is one of the group's."""
    prefix = group_arn.replace(":model-package-group/", ":model-package/", 1) + "/"
    client = session.client("cloudtrail")
    request: dict[str, Any] = {
        "LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "DeleteModelPackage"}],
        "MaxResults": PAGE_SIZE,
    }
    newest_first: dict[str, None] = {}
    try:
        for _ in range(MAX_PAGES):
            with aws_call(session, LOOKUP, group_arn):
                response = client.lookup_events(**request)
            for event in response.get("Events") or []:
                for resource in event.get("Resources") or []:
                    name = str(resource.get("ResourceName") or "")
                    if name.startswith(prefix):
                        newest_first[name] = None
            if not response.get("NextToken"):
                break
            request["NextToken"] = response["NextToken"]
    except RegistryError as error:
        _log.info("CloudTrail lookup of deleted versions of %s failed: %s", group_arn, error)
        return []
    return list(reversed(newest_first))


CSV_COLUMNS = ("version_arn", "time", "actor", "action", "changes", "source")


def timeline_rows(timelines: Iterable[Timeline]) -> list[list[str]]:
    """One row per event, in CSV_COLUMNS order; times in UTC, ISO 8601."""
    return [
        [t.arn, e.time.astimezone(UTC).isoformat(), e.actor, e.action, e.summary, t.source]
        for t in timelines
        for e in t.events
    ]


def timeline_csv(timelines: Sequence[Timeline]) -> str:
    """The timelines of one version or a whole group as CSV text: a header, one row per event."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(timeline_rows(timelines))
    return out.getvalue()
