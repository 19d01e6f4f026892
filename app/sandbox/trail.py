"""CloudTrail in the sandbox: the SageMaker registry writes it serves, as events
``LookupEvents`` answers (moto 5.2.5 has no LookupEvents and records nothing).

``recorder`` wraps moto's SageMaker handlers: it reads the version fields moto ignores,
checks and stores them (``versionfields``), notes who changed what, and records one event
per successful write in the CloudTrail of the resource's account (and of the caller's,
when another account called). Card content and metadata values are never recorded: the
event names the keys that changed, as AWS hides sensitive values.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from moto.cloudtrail.models import CloudTrailBackend, cloudtrail_backends
from moto.core.exceptions import JsonRESTError
from moto.core.responses import ActionResult
from moto.sagemaker.models import ModelPackage, SageMakerModelBackend

from . import versionfields
from .crossaccount import Caller, find_group, owner_backend, parse_arn

HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS"
SOURCE = "sagemaker.amazonaws.com"
PACKAGE_TYPE = "AWS::SageMaker::ModelPackage"
GROUP_TYPE = "AWS::SageMaker::ModelPackageGroup"
MAX_RESULTS = 50

# moto's handler name -> the event name CloudTrail records.
RECORDED: dict[str, str] = {
    "create_model_package": "CreateModelPackage",
    "update_model_package": "UpdateModelPackage",
    "delete_model_package": "DeleteModelPackage",
    "create_model_package_group": "CreateModelPackageGroup",
    "delete_model_package_group": "DeleteModelPackageGroup",
    "put_model_package_group_policy": "PutModelPackageGroupPolicy",
}
_LOOKUP_KEYS = {
    "EventId",
    "EventName",
    "ReadOnly",
    "Username",
    "ResourceType",
    "ResourceName",
    "EventSource",
    "AccessKeyId",
}
_ATTRIBUTE = "_sandbox_cloudtrail_events"
_lock = threading.Lock()

Handler = Callable[[Any], ActionResult]


class InvalidLookupAttributesException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InvalidLookupAttributesException", message)


class InvalidMaxResultsException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InvalidMaxResultsException", message)


class InvalidNextTokenException(JsonRESTError):
    def __init__(self, message: str) -> None:
        super().__init__("InvalidNextTokenException", message)


@dataclass(frozen=True)
class Event:
    event_id: str
    name: str
    time: datetime
    username: str
    access_key: str
    resources: tuple[tuple[str, str], ...]  # (type, ARN)
    detail: str  # the CloudTrailEvent JSON

    def matches(self, key: str, value: str) -> bool:
        if key == "ResourceName":
            return any(name == value for _type, name in self.resources)
        if key == "ResourceType":
            return any(kind == value for kind, _name in self.resources)
        return {
            "EventId": self.event_id,
            "EventName": self.name,
            "ReadOnly": "false",
            "Username": self.username,
            "EventSource": SOURCE,
            "AccessKeyId": self.access_key,
        }[key] == value

    def as_response(self) -> dict[str, Any]:
        return {
            "EventId": self.event_id,
            "EventName": self.name,
            "ReadOnly": "false",
            "AccessKeyId": self.access_key,
            "EventTime": self.time.timestamp(),
            "EventSource": SOURCE,
            "Username": self.username,
            "Resources": [{"ResourceType": t, "ResourceName": n} for t, n in self.resources],
            "CloudTrailEvent": self.detail,
        }


def events(backend: CloudTrailBackend) -> list[Event]:
    """One account/region's events, oldest first; moto's reset forgets them."""
    return backend.__dict__.setdefault(_ATTRIBUTE, [])


# --- LookupEvents ------------------------------------------------------------------


def _seconds(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    return float(value)


def lookup_events(
    self: CloudTrailBackend,
    lookup_attributes: list[dict[str, str]],
    start_time: Any,
    end_time: Any,
    max_results: int | None,
    next_token: str | None,
) -> tuple[list[Event], str | None]:
    """Matching events, newest first, one page; the token names the next page's first."""
    if len(lookup_attributes) > 1:
        raise InvalidLookupAttributesException("You cannot specify more than one lookup attribute")
    for attribute in lookup_attributes:
        if attribute.get("AttributeKey") not in _LOOKUP_KEYS:
            raise InvalidLookupAttributesException(
                f"Unknown lookup attribute key: {attribute.get('AttributeKey')}"
            )
    limit = MAX_RESULTS if max_results is None else int(max_results)
    if not 1 <= limit <= MAX_RESULTS:
        raise InvalidMaxResultsException("MaxResults must be between 1 and 50")
    start, end = _seconds(start_time), _seconds(end_time)
    with _lock:
        newest_first = list(reversed(events(self)))
    found = [
        event
        for event in newest_first
        if all(event.matches(a["AttributeKey"], a["AttributeValue"]) for a in lookup_attributes)
        and (start is None or event.time.timestamp() >= start)
        and (end is None or event.time.timestamp() <= end)
    ]
    first = 0
    if next_token:
        try:
            wanted = base64.urlsafe_b64decode(next_token.encode()).decode()
            first = [event.event_id for event in found].index(wanted)
        except ValueError as error:
            raise InvalidNextTokenException("Invalid NextToken") from error
    page = found[first : first + limit]
    following = found[first + limit : first + limit + 1]
    token = base64.urlsafe_b64encode(following[0].event_id.encode()).decode() if following else None
    return page, token


def lookup_events_handler(self: Any) -> str:
    page, token = self.cloudtrail_backend.lookup_events(
        lookup_attributes=self._get_param("LookupAttributes") or [],
        start_time=self._get_param("StartTime"),
        end_time=self._get_param("EndTime"),
        max_results=self._get_param("MaxResults"),
        next_token=self._get_param("NextToken"),
    )
    body: dict[str, Any] = {"Events": [event.as_response() for event in page]}
    if token:
        body["NextToken"] = token
    return json.dumps(body)


NEW_METHODS = {"lookup_events": lookup_events}
NEW_HANDLERS = {"lookup_events": lookup_events_handler}


# --- recording SageMaker writes ------------------------------------------------------


def _username(arn: str) -> str:
    if arn.endswith(":root"):
        return "root"
    return arn.rsplit("/", 1)[-1]


def _identity_type(arn: str) -> str:
    if arn.endswith(":root"):
        return "Root"
    return "AssumedRole" if ":assumed-role/" in arn else "IAMUser"


def request_parameters(params: dict[str, Any]) -> dict[str, Any]:
    """The request as CloudTrail shows it, with card content and metadata values hidden."""
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if key == "CustomerMetadataProperties" and isinstance(value, dict):
            value = {name: HIDDEN for name in value}
        elif key == "ModelCard" and isinstance(value, dict):
            value = {k: HIDDEN if k == "ModelCardContent" else v for k, v in value.items()}
        shown[key[0].lower() + key[1:]] = value
    return shown


def _backend_for(self: Any, value: Any) -> SageMakerModelBackend:
    arn = parse_arn(value)
    if arn is not None and arn.account != self.current_account:
        return owner_backend(arn)
    return self.sagemaker_backend


def _package(backend: SageMakerModelBackend, arn: str) -> ModelPackage | None:
    return backend.model_packages.get(backend.model_package_name_mapping.get(arn, arn))


def _group_arn(backend: SageMakerModelBackend, name_or_arn: Any) -> str | None:
    arn = parse_arn(name_or_arn)
    name = arn.group_name if arn is not None else name_or_arn
    group = find_group(backend, name) if isinstance(name, str) else None
    return group.arn if group is not None else None


def _package_resources(backend: SageMakerModelBackend, arn: str) -> list[tuple[str, str]]:
    package = _package(backend, arn)
    resources = [(PACKAGE_TYPE, package.arn if package else arn)]
    group = package.model_package_group_name if package else None
    group_arn = _group_arn(backend, group) if group else None
    return resources + ([(GROUP_TYPE, group_arn)] if group_arn else [])


def _record(
    self: Any, caller: Caller, name: str, params: dict[str, Any], resources: list[tuple[str, str]],
    owner: str, extra: dict[str, Any],
) -> None:
    now = datetime.now(UTC)
    event_id = str(uuid.uuid4())
    detail: dict[str, Any] = {
        "eventVersion": "1.09",
        "userIdentity": {
            "type": _identity_type(caller.arn),
            "arn": caller.arn,
            "accountId": caller.account,
            "accessKeyId": self.access_key,
            "userName": _username(caller.arn),
        },
        "eventTime": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "eventSource": SOURCE,
        "eventName": name,
        "awsRegion": self.region,
        "sourceIPAddress": "127.0.0.1",
        "requestParameters": request_parameters(params),
        "requestID": str(uuid.uuid4()),
        "eventID": event_id,
        "readOnly": False,
        "resources": [{"ARN": arn, "type": kind} for kind, arn in resources],
        "eventType": "AwsApiCall",
        "managementEvent": True,
        "recipientAccountId": owner,
        "eventCategory": "Management",
    }
    if extra:
        detail["additionalEventData"] = extra
    event = Event(
        event_id, name, now, _username(caller.arn), self.access_key, tuple(resources),
        json.dumps(detail),
    )
    with _lock:
        for account in dict.fromkeys([owner, caller.account]):
            events(cloudtrail_backends[account][self.region]).append(event)


def recorder(original: Handler, handler_name: str) -> Handler:
    """moto's (or our) handler, recorded as a CloudTrail event when it succeeds."""
    event_name = RECORDED[handler_name]
    target_param = {
        "update_model_package": "ModelPackageArn",
        "delete_model_package": "ModelPackageName",
    }.get(handler_name, "ModelPackageGroupName")

    def handler(self: Any) -> ActionResult:
        params = dict(self.params)  # as sent, before a guard turns an ARN into a name
        caller = Caller.of(self)
        fields = versionfields.sent_fields(params) if "model_package" in handler_name else {}
        versionfields.check(fields)
        before = _backend_for(self, params.get(target_param))
        extra: dict[str, Any] = {}
        resources: list[tuple[str, str]] = []
        if handler_name in ("update_model_package", "delete_model_package"):
            package = _package(before, params.get(target_param) or "")
            if "ModelCard" in fields:
                changed = versionfields.card_sections_changed(package, fields["ModelCard"])
                extra["modelCardContentSectionsChanged"] = changed
            resources = _package_resources(before, params.get(target_param) or "")
        elif handler_name != "create_model_package":
            group_arn = _group_arn(before, params.get(target_param))
            resources = [(GROUP_TYPE, group_arn)] if group_arn else []
        elif "ModelCard" in fields:
            extra["modelCardContentSectionsChanged"] = versionfields.card_sections_changed(
                None, fields["ModelCard"]
            )

        result = original(self)

        backend = self.sagemaker_backend  # the owner's, when a guard switched account
        body = result.result if isinstance(result.result, dict) else {}
        if handler_name == "create_model_package":
            package = _package(backend, body["ModelPackageArn"])
            if package is not None:
                versionfields.apply(package, fields)
                package.created_by = versionfields.user_context(caller.arn, self.access_key)
            resources = _package_resources(backend, body["ModelPackageArn"])
        elif handler_name == "update_model_package":
            package = _package(backend, params["ModelPackageArn"])
            if package is not None:
                versionfields.apply(package, fields)
                versionfields.modified_by(package, caller.arn, self.access_key)
        elif handler_name == "create_model_package_group":
            group = find_group(backend, params.get("ModelPackageGroupName") or "")
            if group is not None:
                versionfields.group_created_by(group, caller.arn, self.access_key)
        if not resources and body.get("ModelPackageGroupArn"):
            resources = [(GROUP_TYPE, body["ModelPackageGroupArn"])]
        _record(self, caller, event_name, params, resources, backend.account_id, extra)
        return result

    handler.__name__ = getattr(original, "__name__", handler_name)
    handler.__doc__ = original.__doc__
    return handler
