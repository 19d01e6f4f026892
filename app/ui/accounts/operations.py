"""What the accounts view does off the UI thread: read profiles, check them, edit, save, remove.

Every function here runs on a worker thread (files, keyring and AWS calls); results are
plain data the view applies on the UI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from app.registry.accounts import awsconfig, secrets
from app.registry.accounts.awsconfig import ConfigSection
from app.registry.accounts.identity import CallerIdentity, caller_identity
from app.registry.accounts.profiles import (
    SSO,
    AppProfile,
    ProfileInfo,
    ProfileStore,
    SsoStatus,
    shared_profiles,
    sso_status,
)
from app.registry.accounts.secrets import AccessKeys, KeyringStatus, SecretStoreError
from app.registry.accounts.sessions import forget_sessions, sagemaker_regions, session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.ui.texts import render
from app.ui.workspace import ConnectionChoice


@dataclass(frozen=True)
class ProfilesSnapshot:
    profiles: list[ProfileInfo]
    keyring: KeyringStatus
    sso: dict[str, SsoStatus] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    problem: str = ""  # the shared config could not be read


class ProfilesUnreadable(Exception):
    """The application's profiles file cannot be read (damaged, or not readable)."""

    def __init__(self, path: str, detail: str):
        self.path, self.detail = path, detail
        super().__init__(f"{path}: {detail}")


def _app_profiles() -> list[AppProfile]:
    store = ProfileStore()
    try:
        return store.load()
    except (OSError, ValueError, TypeError) as error:  # a damaged or unreadable file
        raise ProfilesUnreadable(str(store.path), render(error)) from error


def load_profiles(include_shared: bool = True) -> ProfilesSnapshot:
    problem = ""
    shared: list[ProfileInfo] = []
    if include_shared:
        try:
            shared = shared_profiles()
        except RegistryError as error:
            problem = render(error)
    managed = [p.info() for p in _app_profiles()]
    # "Write to AWS config" gives an application profile a section of the same name: one row, ours.
    shared = [p for p in shared if p.name not in {m.name for m in managed}]
    sso = {p.name: sso_status(p) for p in shared if p.kind == SSO}
    return ProfilesSnapshot(shared + managed, secrets.keyring_status(), sso, sagemaker_regions(), problem)


def connection_for(info: ProfileInfo, region: str | None, endpoint_url: str | None = None) -> Connection:
    return Connection(profile=info.name, region=region or info.region, endpoint_url=endpoint_url,
                      label=info.name, managed=info.managed)


def check_profile(connection: Connection) -> CallerIdentity:
    return caller_identity(session_for(connection))


@dataclass(frozen=True)
class EditTarget:
    """What the Edit dialog starts from: the profile, and whether the keyring still holds its keys."""

    profile: AppProfile | None  # None: no longer among the application's profiles
    keys: str = "none"  # "none" (it has none), "kept", "missing" (gone from the keyring), "unreadable"
    keyring_problem: str = ""  # why the keyring could not be read


def edit_target(name: str) -> EditTarget:
    profile = next((p for p in _app_profiles() if p.name == name), None)
    if profile is None or not profile.has_keys:
        return EditTarget(profile)
    try:
        keys = secrets.load_keys(name)
    except SecretStoreError as error:
        return EditTarget(profile, "unreadable", render(error))
    return EditTarget(profile, "kept" if keys is not None else "missing")


def save_profile(profile: AppProfile, keys: AccessKeys | None, replacing: str | None) -> AppProfile:
    """Keys into the keyring first: when the keyring fails, no file changes."""
    if keys is not None:
        secrets.save_keys(profile.name, keys)
    elif replacing and replacing != profile.name and profile.has_keys:
        moved = secrets.load_keys(replacing)
        if moved is not None:
            secrets.save_keys(profile.name, moved)
    ProfileStore().put(profile, replacing=replacing)
    if replacing and replacing != profile.name:
        secrets.delete_keys(replacing)
    if not profile.has_keys and keys is None:
        secrets.delete_keys(profile.name)
    forget_sessions()  # sessions built from the old settings must not be reused
    return profile


@dataclass(frozen=True)
class RemovalPlan:
    """What Remove will touch besides the profile and its keys: its AWS config section, if any."""

    name: str
    path: str  # the AWS config file
    section: ConfigSection | None  # the profile's section there, as it stands
    problem: str = ""  # the file could not be read: its section, if any, stays


def plan_removal(name: str) -> RemovalPlan:
    path = awsconfig.config_path()
    try:
        return RemovalPlan(name, str(path), awsconfig.read_section(name, path))
    except (OSError, UnicodeDecodeError) as error:
        return RemovalPlan(name, str(path), None, render(error))


@dataclass(frozen=True)
class Removal:
    name: str
    config_problem: str = ""  # the AWS config section could not be taken out after all


def remove_profile(name: str, section: ConfigSection | None = None) -> Removal:
    """Remove the profile and its keys; with `section`, also what "Write to AWS config" put in
    the AWS config. When that section changed since it was shown, nothing is removed."""
    if section is not None:
        awsconfig.check_unchanged(name, section)
    secrets.delete_keys(name)
    ProfileStore().remove(name)
    forget_sessions()
    if section is None:
        return Removal(name)
    try:
        awsconfig.remove_credential_process(name, section)
    except (awsconfig.ConfigChanged, OSError, ValueError) as error:  # changed in the last instant, or unwritable
        return Removal(name, render(error))
    return Removal(name)


def write_to_aws_config(name: str) -> str:
    return str(awsconfig.write_credential_process(name))


def sso_login(profile: str) -> bool:
    """Run `aws sso login` (it opens the browser and waits); False when the AWS CLI is not installed."""
    program = shutil.which("aws")
    if program is None:
        return False
    result = subprocess.run([program, "sso", "login", "--profile", profile], capture_output=True, text=True,
                            timeout=600)
    if result.returncode != 0:
        raise RuntimeError((result.stderr or result.stdout).strip() or f"aws sso login exited {result.returncode}")
    return True


def application_profile_choices(region: str | None, endpoint_url: str | None = None) -> list[ConnectionChoice]:
    """Worker thread: a picker entry per usable application profile (keys need a keyring)."""
    from app.registry.accounts.secrets import keyring_status

    usable_keys = keyring_status().usable
    return [
        ConnectionChoice(
            f"{p.name} (application)",
            Connection(profile=p.name, region=region or p.region or None, endpoint_url=endpoint_url,
                       label=p.name, managed=True),
        )
        for p in _app_profiles()
        if usable_keys or (p.role_arn and p.source_profile)
    ]

