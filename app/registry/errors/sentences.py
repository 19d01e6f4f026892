"""The sentence a RegistryError reads as: who, which action, on what, and what to do.

The resource is named once; the server's own words are quoted only when they add something.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.registry.errors.codes import _BAD_KEYS, _SERVICE_NAMES

if TYPE_CHECKING:
    from app.registry.errors import RegistryError


def _service(action: str) -> str:
    prefix = action.split(":", 1)[0] if action else ""
    return _SERVICE_NAMES.get(prefix, prefix.upper() or "AWS")


def sentence(e: RegistryError) -> str:
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
