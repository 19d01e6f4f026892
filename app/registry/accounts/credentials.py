"""Credentials of application profiles: keys from the keyring, roles assumed by us, MFA codes.

A role is assumed with our own STS call and wrapped in botocore's refreshable credentials, so
a session close to expiry assumes the role again (asking for a new MFA code if the role needs
one) instead of failing. The credentials of one profile are shared by every region's session.

MFA codes come from whoever installed an asker (the window asks on the UI thread). Several
threads needing a code for the same device at the same moment share one question.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text, text_of

# The window imports this module for `mfa_codes` alone: botocore, the profile store and the
# keyring are imported where they are used.
if TYPE_CHECKING:
    from botocore.credentials import Credentials

    from app.registry.accounts.profiles import AppProfile, ProfileStore

KEYRING_METHOD = "registry-desk-keyring"
ROLE_METHOD = "registry-desk-assume-role"
DEFAULT_SESSION_NAME = "registry-desk"

# (MFA device serial, profile name) -> the code typed, or None when the user cancelled.
MfaAsker = Callable[[str, str], "str | None"]


@dataclass
class _Question:
    done: threading.Event = field(default_factory=threading.Event)
    code: str | None = None
    error: BaseException | None = None
    waiters: int = 0  # threads that joined the question instead of asking again


class MfaCodes:
    """Asks for an MFA code once per device, however many threads need it at that moment."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open: dict[str, _Question] = {}
        self._asker: MfaAsker | None = None

    def set_asker(self, asker: MfaAsker | None) -> None:
        self._asker = asker

    def remove_asker(self, asker: MfaAsker) -> None:
        """Stop using `asker`, unless another one has replaced it already."""
        if self._asker == asker:
            self._asker = None

    def waiting(self, device: str) -> int:
        """How many more threads wait for the code of `device` being asked for now."""
        with self._lock:
            question = self._open.get(device)
            return question.waiters if question is not None else 0

    def code_for(self, device: str, profile: str) -> str:
        with self._lock:
            question = self._open.get(device)
            asking = question is None
            if question is None:
                question = self._open[device] = _Question()
            else:
                question.waiters += 1
        if asking:
            try:
                asker = self._asker
                question.code = asker(device, profile) if asker is not None else None
            except BaseException as exc:
                question.error = exc
            finally:
                with self._lock:
                    del self._open[device]
                question.done.set()
        else:
            question.done.wait()
        if question.error is not None:
            raise question.error
        if not question.code:
            raise RegistryError(
                "no_credentials",
                Text(QT_TRANSLATE_NOOP("Accounts", "No MFA code was entered for the profile '{profile}' (device "
                                       "{device}), so its role was not assumed. Check the profile again and type "
                                       "the 6-digit code from the device."), profile=profile, device=device),
                profile=profile,
            )
        return question.code


mfa_codes = MfaCodes()


def botocore_mfa_prompter(profile: str) -> Callable[[str], str]:
    """A prompter for botocore's own assume-role provider (shared-config profiles with mfa_serial)."""

    def prompt(text: str) -> str:
        match = re.search(r"Enter MFA code for (\S+?):", text)
        return mfa_codes.code_for(match.group(1) if match else text, profile)

    return prompt


@cache
def _given_provider() -> type:
    """The provider class that puts credentials we made first in a botocore session's resolver
    (a class built on first use, so importing this module does not import botocore)."""
    from botocore.credentials import CredentialProvider

    class Given(CredentialProvider):  # type: ignore[misc]  # botocore ships no types: its classes are Any
        METHOD = CANONICAL_NAME = "registry-desk"

        def __init__(self, credentials: Credentials):
            super().__init__()
            self._credentials = credentials

        def load(self) -> Credentials:
            return self._credentials

    return Given


def install(botocore_session: Any, credentials: Credentials) -> None:
    """Make `botocore_session` use `credentials` before anything else it would look for."""
    resolver = botocore_session.get_component("credential_provider")
    resolver.insert_before(resolver.providers[0].METHOD, _given_provider()(credentials))


def no_such_profile(name: str) -> RegistryError:
    return RegistryError(
        "no_credentials",
        Text(QT_TRANSLATE_NOOP("Accounts", "There is no application profile '{name}'. Add it in the Accounts view "
                               "(View > Accounts), or pick another profile."), name=name),
        code="ProfileNotFound", profile=name,
    )


_cache: dict[tuple[str, str | None], Credentials] = {}
_cache_lock = threading.Lock()


def forget_credentials() -> None:
    with _cache_lock:
        _cache.clear()


def managed_credentials(name: str, *, endpoint_url: str | None = None, region: str | None = None,
                        store: ProfileStore | None = None) -> Credentials:
    """The credentials of the application profile `name` (built once, then shared)."""
    from app.registry.accounts.profiles import ProfileStore

    key = (name, endpoint_url)
    with _cache_lock:
        cached = _cache.get(key)
    if cached is not None:
        return cached
    profile = (store or ProfileStore()).get(name)
    if profile is None:
        raise no_such_profile(name)
    built = _build(profile, endpoint_url, region, store or ProfileStore(), seen={name})
    with _cache_lock:
        return _cache.setdefault(key, built)


def _build(profile: AppProfile, endpoint_url: str | None, region: str | None, store: ProfileStore,
           seen: set[str]) -> Credentials:
    if not profile.role_arn:
        return _keyring_credentials(profile.name)
    source = _source_credentials(profile, endpoint_url, region, store, seen)
    return assume_role_credentials(profile, source, endpoint_url=endpoint_url, region=region or profile.region)


def _keyring_credentials(name: str) -> Credentials:
    from botocore.credentials import Credentials

    from app.registry.accounts.secrets import SecretStoreError, load_keys

    try:
        keys = load_keys(name)
    except SecretStoreError as exc:
        raise RegistryError("no_credentials", text_of(exc), profile=name) from exc
    if keys is None:
        raise RegistryError(
            "no_credentials",
            Text(QT_TRANSLATE_NOOP("Accounts", "The keyring holds no keys for the profile '{name}'. Edit the profile "
                                   "and type its access keys."), name=name),
            profile=name,
        )
    return Credentials(keys.access_key_id, keys.secret_access_key, method=KEYRING_METHOD)


def _source_credentials(profile: AppProfile, endpoint_url: str | None, region: str | None, store: ProfileStore,
                        seen: set[str]) -> Credentials:
    source_name = profile.source_profile
    if not source_name:
        return _keyring_credentials(profile.name)
    if source_name in seen:
        raise RegistryError("invalid", Text(QT_TRANSLATE_NOOP("Accounts", "The profiles {names} name each other as "
                                                              "source; edit one so the chain ends at a profile with "
                                                              "keys."), names=", ".join(sorted(seen))),
                            profile=profile.name)
    source = store.get(source_name)
    if source is not None:
        return _build(source, endpoint_url, region, store, seen | {source_name})
    import boto3.session

    with aws_call(_Named(source_name), ""):
        credentials = boto3.session.Session(profile_name=source_name).get_credentials()
    if credentials is None:
        raise RegistryError("no_credentials", profile=source_name)
    return credentials


@dataclass(frozen=True)
class _Named:
    display_name: str


def assume_role_parameters(profile: AppProfile) -> dict[str, Any]:
    params: dict[str, Any] = {
        "RoleArn": profile.role_arn,
        "RoleSessionName": profile.role_session_name or DEFAULT_SESSION_NAME,
        "DurationSeconds": profile.duration_seconds,
    }
    if profile.external_id:
        params["ExternalId"] = profile.external_id
    return params


def assume_role_credentials(profile: AppProfile, source: Credentials, *, endpoint_url: str | None = None,
                            region: str | None = None) -> Credentials:
    """Credentials of `profile`'s role, assumed with `source` now and again before they expire."""
    from botocore.credentials import DeferredRefreshableCredentials

    from app.registry.aws import client_config, isolated_botocore_session

    def refresh() -> dict[str, str]:
        frozen = source.get_frozen_credentials()
        sts = isolated_botocore_session().create_client(
            "sts", region_name=region or "us-east-1", endpoint_url=endpoint_url, config=client_config(),
            aws_access_key_id=frozen.access_key, aws_secret_access_key=frozen.secret_key,
            aws_session_token=frozen.token,
        )
        params = assume_role_parameters(profile)
        if profile.mfa_serial:
            params["SerialNumber"] = profile.mfa_serial
            params["TokenCode"] = mfa_codes.code_for(profile.mfa_serial, profile.name)
        with aws_call(_Named(profile.name), "sts:AssumeRole", profile.role_arn):
            answer = sts.assume_role(**params)["Credentials"]
        return {
            "access_key": answer["AccessKeyId"],
            "secret_key": answer["SecretAccessKey"],
            "token": answer["SessionToken"],
            "expiry_time": answer["Expiration"].isoformat(),
        }

    return DeferredRefreshableCredentials(refresh_using=refresh, method=ROLE_METHOD)


def credential_process_output(name: str, *, endpoint_url: str | None = None) -> dict[str, Any]:
    """The AWS `credential_process` document (Version 1) for the application profile `name`."""
    credentials = managed_credentials(name, endpoint_url=endpoint_url)
    with aws_call(_Named(name), "sts:AssumeRole"):
        frozen = credentials.get_frozen_credentials()
    document: dict[str, Any] = {
        "Version": 1,
        "AccessKeyId": frozen.access_key,
        "SecretAccessKey": frozen.secret_key,
    }
    if frozen.token:
        document["SessionToken"] = frozen.token
    expiry = getattr(credentials, "_expiry_time", None)  # refreshable credentials only
    if expiry is not None:
        document["Expiration"] = expiry.isoformat()
    return document
