"""What the accounts view does off the UI thread: read profiles, check them, save, remove.

Every function here runs on a worker thread (files, keyring and AWS calls); results are
plain data the view applies on the UI thread.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field

from app.registry.accounts import awsconfig, secrets
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
from app.registry.accounts.secrets import AccessKeys, KeyringStatus
from app.registry.accounts.sessions import forget_sessions, sagemaker_regions, session_for
from app.registry.aws import Connection
from app.registry.errors import RegistryError
from app.ui.workspace import ConnectionChoice


@dataclass(frozen=True)
class ProfilesSnapshot:
    profiles: list[ProfileInfo]
    keyring: KeyringStatus
    sso: dict[str, SsoStatus] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    problem: str = ""  # the shared config could not be read


def load_profiles(include_shared: bool = True) -> ProfilesSnapshot:
    problem = ""
    shared: list[ProfileInfo] = []
    if include_shared:
        try:
            shared = shared_profiles()
        except RegistryError as error:
            problem = str(error)
    managed = [p.info() for p in ProfileStore().load()]
    # "Write to AWS config" gives an application profile a section of the same name: one row, ours.
    shared = [p for p in shared if p.name not in {m.name for m in managed}]
    sso = {p.name: sso_status(p) for p in shared if p.kind == SSO}
    return ProfilesSnapshot(shared + managed, secrets.keyring_status(), sso, sagemaker_regions(), problem)


def connection_for(info: ProfileInfo, region: str | None, endpoint_url: str | None = None) -> Connection:
    return Connection(profile=info.name, region=region or info.region, endpoint_url=endpoint_url,
                      label=info.name, managed=info.managed)


def check_profile(connection: Connection) -> CallerIdentity:
    return caller_identity(session_for(connection))


def app_profile(name: str) -> AppProfile | None:
    return ProfileStore().get(name)


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


def remove_profile(name: str) -> str:
    secrets.delete_keys(name)
    ProfileStore().remove(name)
    forget_sessions()
    return name


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
    from app.registry.accounts.profiles import ProfileStore
    from app.registry.accounts.secrets import keyring_status

    usable_keys = keyring_status().usable
    return [
        ConnectionChoice(
            f"{p.name} (application)",
            Connection(profile=p.name, region=region or p.region or None, endpoint_url=endpoint_url,
                       label=p.name, managed=True),
        )
        for p in ProfileStore().load()
        if usable_keys or (p.role_arn and p.source_profile)
    ]

