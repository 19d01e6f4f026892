"""botocore exceptions -> one error type whose text a person can act on.

Every call into AWS goes through `aws_call`, so the rest of the application only ever sees
`RegistryError`. Its `kind` lets the UI pick an icon or a remedy; its `str()` is one
plain-English sentence naming the profile, the IAM action and the resource.
"""

from __future__ import annotations

import errno
import itertools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.registry.errors.codes import (
    _ACCESS_DENIED,
    _BAD_KEYS,
    _CONFLICT,
    _EXPIRED,
    _INVALID,
    _NOT_FOUND,
    _NOT_FOUND_PHRASES,
    _NOT_FOUND_SUFFIXES,
    _THROTTLED,
    KINDS,
)
from app.registry.errors.sentences import sentence
from app.registry.texts import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from botocore import exceptions as bx


class RegistryError(Exception):
    """A failed AWS call (or a request refused before the call), described for a person.

    `message`, when given, replaces the generated sentence (local validation uses it).
    `endpoint` is where the call went, for "cannot reach" messages; `region` names where a call
    without a resource (a listing) looked. `credentials` is how the
    profile got its credentials (botocore's credentials method, e.g. "sso", "assume-role",
    "shared-credentials-file", or "sandbox"), so an expired token gets advice that fits.
    """

    def __init__(
        self,
        kind: str,
        message: str | None = None,
        *,
        code: str | None = None,
        action: str = "",
        resource: str | None = None,
        profile: str = "default",
        detail: str = "",
        endpoint: str | None = None,
        credentials: str = "",
        region: str | None = None,
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown error kind {kind!r}")
        self.kind = kind
        self.message = message
        self.code = code
        self.action = action
        self.resource = resource
        self.profile = profile
        self.detail = detail
        self.endpoint = endpoint
        self.credentials = credentials
        self.region = region
        super().__init__(str(self))

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments would otherwise be lost when pickling (multiprocessing).
        return (_rebuild, (self.kind, self.message, self._fields()))

    def _fields(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "action": self.action,
            "resource": self.resource,
            "profile": self.profile,
            "detail": self.detail,
            "endpoint": self.endpoint,
            "credentials": self.credentials,
            "region": self.region,
        }

    def __repr__(self) -> str:
        return f"RegistryError({self.kind!r}, code={self.code!r}, action={self.action!r})"

    def __str__(self) -> str:
        return str.__str__(self.text)

    @property
    def text(self) -> str:
        """The message, translatable when it is a `Text` (app/ui/texts.py renders it)."""
        return self.message or sentence(self)


def _rebuild(kind: str, message: str | None, fields: dict[str, Any]) -> RegistryError:
    return RegistryError(kind, message, **fields)


def _client_error(
    exc: bx.ClientError, *, profile: str, action: str, resource: str | None
) -> RegistryError:
    error = exc.response.get("Error", {}) if isinstance(exc.response, dict) else {}
    code = str(error.get("Code") or "") or None
    detail = str(error.get("Message") or "")
    status = (exc.response.get("ResponseMetadata") or {}).get("HTTPStatusCode")
    name = code or ""
    if name in _ACCESS_DENIED or name.startswith("AccessDenied"):
        kind = "access_denied"
    elif name in _EXPIRED or name.startswith("ExpiredToken"):
        kind = "expired_token"
    elif name in _BAD_KEYS:
        kind = "no_credentials"
    elif name in _THROTTLED or name.startswith(("Throttling", "TooManyRequests")):
        kind = "throttled"
    elif name in _NOT_FOUND or name.startswith("NoSuch") or name.endswith(_NOT_FOUND_SUFFIXES):
        kind = "not_found"
    elif name in _CONFLICT:
        kind = "conflict"
    elif name in _INVALID:
        lowered = detail.lower()
        kind = "not_found" if any(p in lowered for p in _NOT_FOUND_PHRASES) else "invalid"
    elif status == 429:
        kind = "throttled"
    else:
        kind = "other"
    if not detail and not code:
        detail = str(exc)
    return RegistryError(
        kind, code=code, action=action, resource=resource, profile=profile, detail=detail
    )


def is_aws_failure(exc: BaseException) -> bool:
    """Whether `exc` is AWS (or the way to it) failing: botocore's errors, urllib3's, the socket's.

    Anything else raised inside an AWS call (a TypeError, a KeyError) is a mistake in our code
    and must be reported as what it is, not as an AWS error.
    """
    from botocore import exceptions as bx

    return isinstance(exc, bx.BotoCoreError | bx.ClientError) or _is_network(exc)


def _is_network(exc: BaseException) -> bool:
    import socket
    import ssl

    from urllib3 import exceptions as ux

    if isinstance(exc, ux.HTTPError | ConnectionError | TimeoutError | ssl.SSLError | socket.gaierror | socket.herror):
        return True
    return isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS


def to_registry_error(
    exc: BaseException, *, profile: str, action: str, resource: str | None = None
) -> RegistryError:
    """Map an exception raised around an AWS call to a RegistryError (see `is_aws_failure`)."""
    if isinstance(exc, RegistryError):
        return exc
    from botocore import exceptions as bx  # here, not at import: the window paints without botocore

    common: dict[str, Any] = {"action": action, "resource": resource, "profile": profile}
    code = type(exc).__name__
    if isinstance(exc, bx.ClientError):
        return _client_error(exc, profile=profile, action=action, resource=resource)
    if isinstance(exc, bx.NoCredentialsError | bx.PartialCredentialsError):
        return RegistryError("no_credentials", code=code, detail=str(exc), **common)
    if isinstance(exc, bx.ProfileNotFound):
        return RegistryError("no_credentials", code=code, detail=str(exc), **common)
    if isinstance(exc, bx.TokenRetrievalError | bx.SSOError):
        return RegistryError("expired_token", code=code, detail=str(exc), **common)
    if isinstance(exc, bx.CredentialRetrievalError):
        return RegistryError("no_credentials", code=code, detail=str(exc), **common)
    if isinstance(
        exc,
        bx.EndpointConnectionError
        | bx.ConnectTimeoutError
        | bx.ReadTimeoutError
        | bx.ConnectionClosedError
        | bx.ConnectionError
        | bx.HTTPClientError,
    ) or _is_network(exc):
        kwargs = getattr(exc, "kwargs", {}) or {}
        endpoint = kwargs.get("endpoint_url") or kwargs.get("proxy_url")
        return RegistryError(
            "unreachable", code=code, detail=_reason(exc), endpoint=endpoint, **common
        )
    if isinstance(exc, bx.NoRegionError | bx.InvalidRegionError | bx.ConfigParseError):
        return RegistryError("invalid", code=code, detail=str(exc), **common)
    if isinstance(exc, bx.ParamValidationError):
        # botocore's report spans lines; one sentence reads better.
        detail = " ".join(str(exc).split())
        return RegistryError("invalid", code=code, detail=detail, **common)
    return RegistryError("other", code=code, detail=str(exc) or code, **common)


# Beside ConnectionError and TimeoutError, the errnos of a network or host out of reach.
_NETWORK_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EHOSTDOWN", "ENETRESET")
    if hasattr(errno, name)
)


_REASONS = {
    "ConnectTimeoutError": QT_TRANSLATE_NOOP("Errors", "the connection timed out"),
    "ReadTimeoutError": QT_TRANSLATE_NOOP("Errors", "no answer in time"),
    "ConnectionClosedError": QT_TRANSLATE_NOOP("Errors", "the connection was closed"),
    "ProxyConnectionError": QT_TRANSLATE_NOOP("Errors", "the proxy refused the connection"),
    "SSLError": QT_TRANSLATE_NOOP("Errors", "the TLS certificate was not accepted"),
}


def _reason(exc: BaseException) -> str:
    # botocore wraps the urllib3 error; its own text says which URL, the cause says why.
    kind = _REASONS.get(type(exc).__name__)
    if kind:
        return Text(kind)
    cause = (getattr(exc, "kwargs", None) or {}).get("error")
    text = str(cause if cause is not None else exc)
    # urllib3 and the socket put the useful part last ("... [Errno 111] Connection refused")
    return text.rsplit(": ", 1)[-1].rsplit("] ", 1)[-1].strip() or text or type(exc).__name__


def _profile_of(session_or_connection: Any) -> tuple[str, str | None]:
    connection = getattr(session_or_connection, "connection", session_or_connection)
    name = getattr(connection, "display_name", None) or "default"
    endpoint = getattr(connection, "endpoint_url", None) or getattr(
        session_or_connection, "region", None
    )
    return name, endpoint


def _region_of(session_or_connection: Any) -> str | None:
    connection = getattr(session_or_connection, "connection", session_or_connection)
    return getattr(session_or_connection, "region", None) or getattr(connection, "region", None)


def _credentials_of(session_or_connection: Any) -> str:
    """How the session got its credentials ("sandbox" for the sandbox's own keys), or ""."""
    connection = getattr(session_or_connection, "connection", session_or_connection)
    if getattr(connection, "is_isolated", False):
        return "sandbox"  # static keys are given only to the sandbox's connections
    details = getattr(session_or_connection, "credential_details", None)
    if details is None:
        return ""
    try:
        return str(details()[1])  # cached by then: the call that expired had its credentials
    except Exception:  # the message must not fail for want of advice
        return ""


@contextmanager
def aws_call(
    session_or_connection: Any, action: str, resource: str | None = None
) -> Iterator[None]:
    """`with aws_call(s, "sagemaker:ListModelPackages", group): ...` -> RegistryError on failure.

    Only AWS failing is mapped (`is_aws_failure`); any other exception propagates unchanged.
    While the block runs, the call is listed by `calls_in_flight()` (what a busy window waits for).
    """
    profile, where = _profile_of(session_or_connection)
    token = next(_call_ids)
    started = time.monotonic()
    with _in_flight_lock:
        _in_flight[token] = CallInFlight(profile, action, resource, started)
    try:
        yield
    except RegistryError:
        raise
    except Exception as exc:
        if not is_aws_failure(exc):
            raise
        error = to_registry_error(exc, profile=profile, action=action, resource=resource)
        if error.code == "ReadTimeoutError":
            error.detail = Text(QT_TRANSLATE_NOOP("Errors", "gave no answer in {seconds} s"),
                                seconds=max(1, round(time.monotonic() - started)))
        if error.kind == "unreachable" and not error.endpoint:
            error.endpoint = where
        if not error.region:
            error.region = _region_of(session_or_connection)
        if error.kind == "expired_token" and not error.credentials:
            error.credentials = _credentials_of(session_or_connection)
        raise error from exc
    finally:
        with _in_flight_lock:
            _in_flight.pop(token, None)


@dataclass(frozen=True)
class CallInFlight:
    """An AWS call some thread is making now, as `aws_call` announced it."""

    profile: str
    action: str
    resource: str | None
    started: float  # time.monotonic()


_in_flight: dict[int, CallInFlight] = {}
_in_flight_lock = threading.Lock()
_call_ids = itertools.count(1)


def calls_in_flight() -> list[CallInFlight]:
    """The calls being made now, oldest first."""
    with _in_flight_lock:
        return sorted(_in_flight.values(), key=lambda c: c.started)
