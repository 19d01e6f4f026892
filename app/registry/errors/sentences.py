"""The sentence a RegistryError reads as: who, which action, on what, and what to do.

The resource is named once; the server's own words are quoted only when they add something.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.registry.errors.codes import _BAD_KEYS, _SERVICE_NAMES
from app.registry.texts import QT_TRANSLATE_NOOP, Text

if TYPE_CHECKING:
    from app.registry.errors import RegistryError


def _service(action: str) -> str:
    prefix = action.split(":", 1)[0] if action else ""
    return _SERVICE_NAMES.get(prefix, prefix.upper() or "AWS")


def sentence(e: RegistryError) -> Text:
    who = Text(QT_TRANSLATE_NOOP("Errors", "the profile '{profile}'"), profile=e.profile)
    calling = e.action or "AWS"
    denial = _denial(e) if e.kind == "access_denied" else ""
    said = "" if denial else _server_says(e)
    # The resource is named once: by us, or by the server's words when we quote them anyway.
    named = bool(said) and _mentions(said, e.resource)
    on: str = ""
    if e.resource and not named:
        on = Text(QT_TRANSLATE_NOOP("Errors", " on {resource}"), resource=e.resource)
    if not e.resource and e.region:
        on = Text(QT_TRANSLATE_NOOP("Errors", " in {region}"), region=e.region)
    server: str = ""
    if said and e.code:
        server = Text(QT_TRANSLATE_NOOP("Errors", " ({code}: {said})"), code=e.code, said=said)
    elif said:
        server = Text(QT_TRANSLATE_NOOP("Errors", " ({said})"), said=said)
    to_call: str = ""
    if e.action:
        to_call = Text(QT_TRANSLATE_NOOP("Errors", " to call {action}{on}"), action=e.action, on=on)
    common = {"who": who, "calling": calling, "on": on, "server": server, "to_call": to_call,
              "profile": e.profile}
    if e.kind == "no_credentials":
        return _no_credentials(e, common)
    if e.kind == "expired_token":
        refused: str = ""
        if e.action:
            refused = Text(QT_TRANSLATE_NOOP("Errors", ": {calling}{on} could not be called"),
                           calling=calling, on=on)
        return Text(QT_TRANSLATE_NOOP("Errors", "The credentials of {who} have expired{refused}. {renewal}{server}"),
                    who=who, refused=refused, renewal=_renewal(e), server=server)
    if e.kind == "access_denied":
        return Text(QT_TRANSLATE_NOOP("Errors", "Access denied: {who} may not call {calling}{on}. "
                                      "Ask for that permission or switch profile.{server}"),
                    who=who, calling=calling, on=on, server=denial or server)
    if e.kind == "unreachable":
        return _unreachable(e, common)
    if e.kind == "throttled":
        return Text(QT_TRANSLATE_NOOP("Errors", "AWS is throttling {who} on {calling}{on}. Wait a moment "
                                      "and try again."),
                    who=who, calling=calling, on=on)
    if e.kind == "not_found":
        if not e.resource:
            return Text(QT_TRANSLATE_NOOP("Errors", "Not found: {calling}{on} for {who} found nothing.{server}"),
                        calling=calling, on=on, who=who, server=server)
        return Text(QT_TRANSLATE_NOOP("Errors", "Not found: {resource} does not exist or is not visible to {who} "
                                      "({calling}). It may have been deleted, or it lives in another account "
                                      "or region.{server}"),
                    resource=e.resource, who=who, calling=calling, server=server)
    if e.kind == "invalid":
        return _invalid(e, said, common)
    if e.kind == "conflict":
        return Text(QT_TRANSLATE_NOOP("Errors", "Conflict: {calling}{on} clashes with the current state for {who}. "
                                      "Refresh and try again.{server}"),
                    calling=calling, on=on, who=who, server=server)
    reason = _clause(said or e.code or "") or Text(QT_TRANSLATE_NOOP("Errors", "unknown error"))
    return Text(QT_TRANSLATE_NOOP("Errors", "The call {calling}{on} failed for {who}: {reason}."),
                calling=calling, on=on, who=who, reason=reason)


def _no_credentials(e: RegistryError, common: dict[str, Any]) -> Text:
    who, to_call, server = common["who"], common["to_call"], common["server"]
    if e.code in _BAD_KEYS:
        return Text(QT_TRANSLATE_NOOP("Errors", "AWS does not accept the keys of {who}{to_call}. Check the "
                                      "access key and secret, or sign in again.{server}"),
                    who=who, to_call=to_call, server=server)
    if e.code == "ProfileNotFound":
        return Text(QT_TRANSLATE_NOOP("Errors", "The profile '{profile}' is not in the AWS config files. Pick "
                                      "another profile or add it with `aws configure --profile {profile}`."),
                    profile=e.profile)
    if e.code == "PartialCredentialsError":
        return Text(QT_TRANSLATE_NOOP("Errors", "The credentials of {who} are incomplete{to_call}: {detail}. "
                                      "Run `aws configure` or pick another profile."),
                    who=who, to_call=to_call, detail=_clause(e.detail))
    if e.code == "CredentialRetrievalError":
        return Text(QT_TRANSLATE_NOOP("Errors", "Could not get credentials for {who}{to_call}: {detail}. Check "
                                      "the profile's credential_process or role settings, or pick another "
                                      "profile."),
                    who=who, to_call=to_call, detail=_clause(e.detail))
    return Text(QT_TRANSLATE_NOOP("Errors", "No credentials found for {who}{to_call}. Run `aws configure` or "
                                  "pick another profile."),
                who=who, to_call=to_call)


def _unreachable(e: RegistryError, common: dict[str, Any]) -> Text:
    where: str = ""
    if e.endpoint:
        where = Text(QT_TRANSLATE_NOOP("Errors", " ({endpoint})"), endpoint=e.endpoint)
    if e.code == "ReadTimeoutError":
        late = e.detail or Text(QT_TRANSLATE_NOOP("Errors", "gave no answer in time"))
        return Text(QT_TRANSLATE_NOOP("Errors", "{calling}{on} timed out for {who}: the {service} endpoint"
                                      "{where} {detail}. Check the network or proxy, then try again."),
                    calling=common["calling"], on=common["on"], who=common["who"],
                    service=_service(e.action), where=where, detail=late)
    reason = e.detail or Text(QT_TRANSLATE_NOOP("Errors", "no answer"))
    return Text(QT_TRANSLATE_NOOP("Errors", "Cannot reach the {service} endpoint{where}{to_call} for {who}: "
                                  "{reason}. Check the network, proxy or the endpoint setting."),
                service=_service(e.action), where=where, to_call=common["to_call"], who=common["who"],
                reason=reason)


def _invalid(e: RegistryError, said: str, common: dict[str, Any]) -> Text:
    who = common["who"]
    if e.code == "NoRegionError":
        return Text(QT_TRANSLATE_NOOP("Errors", "No region is set for {who}. Pick a region, or set one with "
                                      "`aws configure set region <region> --profile {profile}`."),
                    who=who, profile=e.profile)
    if e.code == "ConfigParseError":
        return Text(QT_TRANSLATE_NOOP("Errors", "The AWS config files cannot be read ({detail}). Fix the file, "
                                      "or point AWS_CONFIG_FILE at another one."),
                    detail=e.detail)
    if e.code == "InvalidRegionError":
        return Text(QT_TRANSLATE_NOOP("Errors", "The region set for {who} is not a valid region name ({detail}). "
                                      "Pick a region from the list."),
                    who=who, detail=e.detail)
    reason = _clause(said or e.code or "") or Text(QT_TRANSLATE_NOOP("Errors", "the request was not accepted"))
    return Text(QT_TRANSLATE_NOOP("Errors", "AWS refused {calling}{on} for {who}: {reason}. Correct the request "
                                  "and try again."),
                calling=common["calling"], on=common["on"], who=who, reason=reason)


def _clause(text: str) -> str:
    """A server's sentence inside ours: no full stop of its own."""
    if isinstance(text, Text):
        return text  # ours: no full stop to take off
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


def _denial(e: RegistryError) -> Text | str:
    """IAM's "User: X is not authorized to perform: A on resource: R because ..." in our words:
    who was refused, and why, without the action and the resource again."""
    match = _IAM_DENIAL.match(" ".join(e.detail.split()))
    if not match:
        return ""
    why = match["why"] or ""
    if why and e.action:
        why = why.replace(f"the {e.action} action", "this action")
    if match["deny"]:
        why = Text(QT_TRANSLATE_NOOP("Errors", "{deny} refuses it"), deny=match["deny"].removeprefix("with "))
    because = Text(QT_TRANSLATE_NOOP("Errors", "; {why}"), why=_clause(why)) if why else ""
    return Text(QT_TRANSLATE_NOOP("Errors", " (Signed in as {caller}{because}.)"),
                caller=match["caller"], because=because)


_SSO_CODES = {"UnauthorizedSSOTokenError", "SSOTokenLoadError", "TokenRetrievalError", "SSOError"}
_STATIC_KEYS = {"shared-credentials-file", "config-file", "static", "explicit", "boto-config"}


def _renewal(e: RegistryError) -> Text:
    """How to get working credentials again, for the way this profile gets them."""
    p, method = e.profile, e.credentials
    if e.code in _SSO_CODES or method == "sso":
        return Text(QT_TRANSLATE_NOOP("Errors", "Sign in again with `aws sso login --profile {profile}`, then "
                                      "try again."), profile=p)
    if method == "sandbox":
        return Text(QT_TRANSLATE_NOOP("Errors", "Restart the sandbox: close Registry Desk and start it again "
                                      "with --sandbox."))
    if method in ("assume-role", "registry-desk-assume-role"):
        return Text(QT_TRANSLATE_NOOP("Errors", "Sign in again: use the profile again to assume its role anew "
                                      "(with a new MFA code if the role asks for one); if its source profile's "
                                      "keys expired, refresh those."))
    if method == "assume-role-with-web-identity":
        return Text(QT_TRANSLATE_NOOP("Errors", "Get a new web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), "
                                      "then try again."))
    if method == "custom-process":
        return Text(QT_TRANSLATE_NOOP("Errors", "Its credential_process handed out expired keys: run or fix "
                                      "that command, then try again."))
    if method in ("iam-role", "container-role"):
        return Text(QT_TRANSLATE_NOOP("Errors", "The role's credentials are renewed on their own: wait a moment "
                                      "and try again."))
    if method == "env":
        return Text(QT_TRANSLATE_NOOP("Errors", "Set fresh keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and "
                                      "AWS_SESSION_TOKEN, then restart Registry Desk."))
    if method == "registry-desk-keyring":
        return Text(QT_TRANSLATE_NOOP("Errors", "Rotate its access keys in IAM and type the new ones with Edit "
                                      "in the Accounts view."))
    if method in _STATIC_KEYS:
        return Text(QT_TRANSLATE_NOOP("Errors", "Rotate or refresh its keys in the AWS credentials file (`aws "
                                      "configure --profile {profile}`; temporary keys need a new "
                                      "aws_session_token), then try again."), profile=p)
    return Text(QT_TRANSLATE_NOOP("Errors", "Sign in again or refresh its keys, then try again."))
