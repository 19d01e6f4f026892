"""botocore exceptions -> one error type whose text a person can act on.

Every call into AWS goes through `aws_call`, so the rest of the application only ever sees
`RegistryError`. Its `kind` lets the UI pick an icon or a remedy; its `str()` is one
plain-English sentence naming the profile, the IAM action and the resource.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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
    `endpoint` is where the call went, for "cannot reach" messages.
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
    on = f" on {e.resource}" if e.resource else ""
    calling = e.action or "AWS"
    server = f" ({e.code}: {e.detail})" if e.code else (f" ({e.detail})" if e.detail else "")
    if e.kind == "no_credentials":
        if e.code in _BAD_KEYS:
            return (
                f"AWS does not accept the keys of {who}. Check the access key and secret, "
                f"or sign in again.{server}"
            )
        if e.code == "ProfileNotFound":
            return (
                f"The profile '{e.profile}' is not in the AWS config files. Pick another "
                f"profile or add it with `aws configure --profile {e.profile}`."
            )
        if e.code == "PartialCredentialsError":
            return (
                f"The credentials of {who} are incomplete: {e.detail}. Run `aws configure` "
                "or pick another profile."
            )
        if e.code == "CredentialRetrievalError":
            return (
                f"Could not get credentials for {who}: {e.detail}. Check the profile's "
                "credential_process or role settings, or pick another profile."
            )
        return f"No credentials found for {who}. Run `aws configure` or pick another profile."
    if e.kind == "expired_token":
        return (
            f"The security token of {who} has expired. Sign in again "
            f"(aws sso login --profile {e.profile}) or refresh the keys.{server}"
        )
    if e.kind == "access_denied":
        return (
            f"Access denied: {who} may not call {calling}{on}. Ask for that permission "
            f"or switch profile.{server}"
        )
    if e.kind == "unreachable":
        where = f" ({e.endpoint})" if e.endpoint else ""
        reason = e.detail or "no answer"
        return (
            f"Cannot reach the {_service(e.action)} endpoint for {who}{where}: {reason}. "
            "Check the network, proxy or the endpoint setting."
        )
    if e.kind == "throttled":
        return f"AWS is throttling {who} on {calling}. Wait a moment and try again."
    if e.kind == "not_found":
        what = e.resource or "the resource"
        return (
            f"Not found: {what} does not exist or is not visible to {who} ({calling}{on}). "
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
            f"AWS refused {calling}{on} for {who}: {e.detail or e.code}. "
            "Correct the request and try again."
        )
    if e.kind == "conflict":
        return (
            f"Conflict: {calling}{on} clashes with the current state for {who}. Refresh and "
            f"try again.{server}"
        )
    return f"The call {calling}{on} failed for {who}: {e.detail or e.code or 'unknown error'}."


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


def to_registry_error(
    exc: BaseException, *, profile: str, action: str, resource: str | None = None
) -> RegistryError:
    """Map any exception raised around an AWS call to a RegistryError."""
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
    ):
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
    cause = getattr(exc, "kwargs", {}).get("error")
    if cause is not None:
        text = str(cause)
        # urllib3 puts the useful part after the last colon ("... [Errno 111] Connection refused")
        return text.rsplit(": ", 1)[-1].strip() or text
    return str(exc)


def _profile_of(session_or_connection: Any) -> tuple[str, str | None]:
    connection = getattr(session_or_connection, "connection", session_or_connection)
    name = getattr(connection, "display_name", None) or "default"
    endpoint = getattr(connection, "endpoint_url", None) or getattr(
        session_or_connection, "region", None
    )
    return name, endpoint


@contextmanager
def aws_call(
    session_or_connection: Any, action: str, resource: str | None = None
) -> Iterator[None]:
    """`with aws_call(s, "sagemaker:ListModelPackages", group): ...` -> RegistryError on failure."""
    try:
        yield
    except RegistryError:
        raise
    except Exception as exc:
        profile, where = _profile_of(session_or_connection)
        error = to_registry_error(exc, profile=profile, action=action, resource=resource)
        if error.kind == "unreachable" and not error.endpoint:
            error.endpoint = where
        raise error from exc
