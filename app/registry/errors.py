"""botocore exceptions -> one error type whose text a person can act on.

Every call into AWS goes through `aws_call`, so the rest of the application only ever sees
`RegistryError`. Its `kind` lets the UI pick an icon or a remedy; its `str()` is one
plain-English sentence naming the profile, the IAM action and the resource.
"""

from __future__ import annotations

import errno
import itertools
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore import exceptions as bx

KINDS = (
    "no_credentials",
    "expired_token",
    "access_denied",
    "unreachable",
    "throttled",
    "not_found",
    "invalid",
    "conflict",
    "other",
)

_ACCESS_DENIED = {
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "AuthorizationError",
    "NotAuthorized",
    "Forbidden",
    "403",
}
_EXPIRED = {
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "TokenRefreshRequired",
}
# The keys exist but AWS does not accept them: still a credentials problem for the user.
_BAD_KEYS = {
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
    "InvalidAccessKeyId",
    "IncompleteSignature",
    "MissingAuthenticationToken",
}
_THROTTLED = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottled",
    "RequestThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "BandwidthLimitExceeded",
    "PriorRequestNotComplete",
}
_NOT_FOUND = {
    "ResourceNotFound",
    "ResourceNotFoundException",
    "NotFoundException",
    "NoSuchKey",
    "NoSuchBucket",
    "NoSuchEntity",
    "404",
}
# RepositoryNotFoundException, KeyNotFound..., InvalidVpcID.NotFound: one family, one kind.
_NOT_FOUND_SUFFIXES = ("NotFoundException", "NotFound", "NotFoundFault")
_CONFLICT = {"ConflictException", "ResourceInUse", "ResourceInUseException"}
_INVALID = {
    "ValidationException",
    "ValidationError",
    "InvalidParameterValue",
    "InvalidParameterValueException",
    "InvalidParameterException",
    "InvalidRequest",
    "InvalidArgument",
    "MalformedPolicyDocument",
    "MalformedPolicyDocumentException",
}
# SageMaker reports a missing resource as a ValidationException with one of these phrases.
_NOT_FOUND_PHRASES = ("does not exist", "not found", "cannot find", "could not find")

_SERVICE_NAMES = {
    "sagemaker": "SageMaker",
    "s3": "S3",
    "sts": "STS",
    "iam": "IAM",
    "ecr": "ECR",
    "kms": "KMS",
}


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
        if self.message:
            return self.message
        return _sentence(self)


def _rebuild(kind: str, message: str | None, fields: dict[str, Any]) -> RegistryError:
    return RegistryError(kind, message, **fields)


def _service(action: str) -> str:
    prefix = action.split(":", 1)[0] if action else ""
    return _SERVICE_NAMES.get(prefix, prefix.upper() or "AWS")


def _sentence(e: RegistryError) -> str:
    who = f"the profile '{e.profile}'"
    calling = e.action or "AWS"
    denial = _denial(e) if e.kind == "access_denied" else ""
    said = "" if denial else _server_says(e)
    # The resource is named once: by us, or by the server's words when we quote them anyway.
    named = bool(said) and _mentions(said, e.resource)
    on = f" on {e.resource}" if e.resource and not named else ""
    if not e.resource and e.region:
        on = f" in {e.region}"
    server = f" ({e.code}: {said})" if said and e.code else (f" ({said})" if said else "")
    to_call = f" to call {e.action}{on}" if e.action else ""
    if e.kind == "no_credentials":
        if e.code in _BAD_KEYS:
            return (
                f"AWS does not accept the keys of {who}{to_call}. Check the access key and "
                f"secret, or sign in again.{server}"
            )
        if e.code == "ProfileNotFound":
            return (
                f"The profile '{e.profile}' is not in the AWS config files. Pick another "
                f"profile or add it with `aws configure --profile {e.profile}`."
            )
        if e.code == "PartialCredentialsError":
            return (
                f"The credentials of {who} are incomplete{to_call}: {_clause(e.detail)}. Run "
                "`aws configure` or pick another profile."
            )
        if e.code == "CredentialRetrievalError":
            return (
                f"Could not get credentials for {who}{to_call}: {_clause(e.detail)}. Check the "
                "profile's credential_process or role settings, or pick another profile."
            )
        return f"No credentials found for {who}{to_call}. Run `aws configure` or pick another profile."
    if e.kind == "expired_token":
        refused = f": {calling}{on} could not be called" if e.action else ""
        return f"The credentials of {who} have expired{refused}. {_renewal(e)}{server}"
    if e.kind == "access_denied":
        return (
            f"Access denied: {who} may not call {calling}{on}. Ask for that permission "
            f"or switch profile.{denial or server}"
        )
    if e.kind == "unreachable" and e.code == "ReadTimeoutError":
        where = f" ({e.endpoint})" if e.endpoint else ""
        return (
            f"{calling}{on} timed out for {who}: the {_service(e.action)} endpoint{where} "
            f"{e.detail or 'gave no answer in time'}. Check the network or proxy, then try again."
        )
    if e.kind == "unreachable":
        where = f" ({e.endpoint})" if e.endpoint else ""
        reason = e.detail or "no answer"
        return (
            f"Cannot reach the {_service(e.action)} endpoint{where}{to_call} for {who}: {reason}. "
            "Check the network, proxy or the endpoint setting."
        )
    if e.kind == "throttled":
        return f"AWS is throttling {who} on {calling}{on}. Wait a moment and try again."
    if e.kind == "not_found":
        if not e.resource:
            return f"Not found: {calling}{on} for {who} found nothing.{server}"
        return (
            f"Not found: {e.resource} does not exist or is not visible to {who} ({calling}). "
            f"It may have been deleted, or it lives in another account or region.{server}"
        )
    if e.kind == "invalid":
        if e.code == "NoRegionError":
            return (
                f"No region is set for {who}. Pick a region, or set one with "
                f"`aws configure set region <region> --profile {e.profile}`."
            )
        if e.code == "ConfigParseError":
            return (
                f"The AWS config files cannot be read ({e.detail}). Fix the file, or point "
                "AWS_CONFIG_FILE at another one."
            )
        if e.code == "InvalidRegionError":
            return (
                f"The region set for {who} is not a valid region name ({e.detail}). "
                "Pick a region from the list."
            )
        return (
            f"AWS refused {calling}{on} for {who}: {_clause(said or e.code or 'the request was not accepted')}. "
            "Correct the request and try again."
        )
    if e.kind == "conflict":
        return (
            f"Conflict: {calling}{on} clashes with the current state for {who}. Refresh and "
            f"try again.{server}"
        )
    return f"The call {calling}{on} failed for {who}: {_clause(said or e.code or 'unknown error')}."


def _clause(text: str) -> str:
    """A server's sentence inside ours: no full stop of its own."""
    return text.strip().rstrip(".")


# What a missing, refused or expired resource's message says anyway; a server detail made only
# of these words (once the resource is taken out) repeats our sentence and is left out.
_ECHO_WORDS = frozenset(
    "a an the of in on to for from with by is was were be been are does do did not no exist exists "
    "found find could cannot can't unable specified given provided resource name named id arn "
    "registry account model package group modelpackage modelpackagegroup repository bucket key "
    "object version this that it its request requested included security token expired expire "
    "has have access denied".split()
)
# Only these kinds' details can be pure echo; the others' details are the reason itself.
_ECHO_KINDS = ("not_found", "access_denied", "expired_token")
_ARN = re.compile(r"arn:aws[\w-]*:[^\s'\"(),]+")


def _names(resource: str | None, text: str) -> list[str]:
    """How `text` spells the resource: as given, or as an ARN ending in its name."""
    if not resource:
        return []
    names = [resource] if resource in text else []
    tail = re.split(r"[/:]", resource.rstrip("/"))[-1]
    for arn in _ARN.findall(text):
        if arn != resource and tail and re.split(r"[/:]", arn.rstrip("/"))[-1] == tail:
            names.append(arn)
    return sorted(names, key=len, reverse=True)


def _mentions(text: str, resource: str | None) -> bool:
    return bool(_names(resource, text))


def _server_says(e: RegistryError) -> str:
    """The server's detail when it tells more than our sentence, else ""."""
    detail = " ".join(e.detail.split())
    if not detail or e.kind not in _ECHO_KINDS:
        return detail
    if e.code in _SSO_CODES:
        return ""  # botocore's words for an SSO sign-in that ran out: "run aws sso login", as we say
    rest = detail
    for name in _names(e.resource, detail):
        rest = rest.replace(name, " ")
    if e.action:
        rest = rest.replace(e.action, " ")
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9'-]*", rest)}
    return detail if words - _ECHO_WORDS else ""


_IAM_DENIAL = re.compile(
    r"User: (?P<caller>\S+) is not authorized to perform: \S+"
    r"(?: on resource: \S+)?(?: (?:because (?P<why>.+)|(?P<deny>with an explicit deny.+)))?$"
)


def _denial(e: RegistryError) -> str:
    """IAM's "User: X is not authorized to perform: A on resource: R because ..." in our words:
    who was refused, and why, without the action and the resource again."""
    match = _IAM_DENIAL.match(" ".join(e.detail.split()))
    if not match:
        return ""
    why = match["why"] or ""
    if why and e.action:
        why = why.replace(f"the {e.action} action", "this action")
    if match["deny"]:
        why = match["deny"].removeprefix("with ") + " refuses it"
    because = f"; {_clause(why)}" if why else ""
    return f" (Signed in as {match['caller']}{because}.)"


_SSO_CODES = {"UnauthorizedSSOTokenError", "SSOTokenLoadError", "TokenRetrievalError", "SSOError"}
_STATIC_KEYS = {"shared-credentials-file", "config-file", "static", "explicit", "boto-config"}


def _renewal(e: RegistryError) -> str:
    """How to get working credentials again, for the way this profile gets them."""
    p, method = e.profile, e.credentials
    if e.code in _SSO_CODES or method == "sso":
        return f"Sign in again with `aws sso login --profile {p}`, then try again."
    if method == "sandbox":
        return "Restart the sandbox: close Registry Desk and start it again with --sandbox."
    if method in ("assume-role", "registry-desk-assume-role"):
        return (
            "Sign in again: use the profile again to assume its role anew (with a new MFA code "
            "if the role asks for one); if its source profile's keys expired, refresh those."
        )
    if method == "assume-role-with-web-identity":
        return "Get a new web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), then try again."
    if method == "custom-process":
        return "Its credential_process handed out expired keys: run or fix that command, then try again."
    if method in ("iam-role", "container-role"):
        return "The role's credentials are renewed on their own: wait a moment and try again."
    if method == "env":
        return (
            "Set fresh keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, "
            "then restart Registry Desk."
        )
    if method == "registry-desk-keyring":
        return "Rotate its access keys in IAM and type the new ones with Edit in the Accounts view."
    if method in _STATIC_KEYS:
        return (
            f"Rotate or refresh its keys in the AWS credentials file (`aws configure --profile {p}`; "
            "temporary keys need a new aws_session_token), then try again."
        )
    return "Sign in again or refresh its keys, then try again."


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


def _reason(exc: BaseException) -> str:
    # botocore wraps the urllib3 error; its own text says which URL, the cause says why.
    kind = {
        "ConnectTimeoutError": "the connection timed out",
        "ReadTimeoutError": "no answer in time",
        "ConnectionClosedError": "the connection was closed",
        "ProxyConnectionError": "the proxy refused the connection",
        "SSLError": "the TLS certificate was not accepted",
    }.get(type(exc).__name__)
    if kind:
        return kind
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
            error.detail = f"gave no answer in {max(1, round(time.monotonic() - started))} s"
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
