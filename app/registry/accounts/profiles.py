"""Every profile a user can work with: the AWS config files' (read through botocore) and our own.

Shared-config profiles are read only through botocore (`available_profiles`, `full_config`,
`get_scoped_config`), so every setting botocore honours (AWS_CONFIG_FILE, credentials file,
sso-session sections) is honoured here too. Application profiles live in a JSON file in the
platform's config directory, without secrets: their keys are in the OS keyring (secrets.py).
The sandbox keeps its own application profiles (another file, another keyring service), so a
sandbox session never shows or changes the real ones, nor the real ones the sandbox's.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.registry.accounts import secrets
from app.registry.accounts.secrets import AccessKeys
from app.registry.aws import constraint
from app.registry.errors import to_registry_error
from app.registry.texts import QT_TRANSLATE_NOOP, Text

APP_DIR_NAME = "registry-desk"
PROFILES_FILE = "profiles.json"
SANDBOX_PROFILES_FILE = "sandbox-profiles.json"

ACCESS_KEYS = "access keys"
SSO = "SSO"
ASSUME_ROLE = "assume role"
CREDENTIAL_PROCESS = "credential_process"
WEB_IDENTITY = "web identity"
MANAGED = "application-managed"
NO_CREDENTIALS = "region only"
SANDBOX = "sandbox"  # a connection of the embedded sandbox server (read-only in the accounts view)

_sandbox_profiles = False


def use_sandbox_profiles(sandbox: bool) -> None:
    """Choose the sandbox's application profiles or the real ones (once, when the window starts)."""
    global _sandbox_profiles
    _sandbox_profiles = sandbox
    secrets.use_service(secrets.SANDBOX_SERVICE if sandbox else secrets.SERVICE)


def profiles_file() -> Path:
    """The application profiles file of the current mode (real AWS or sandbox)."""
    return app_config_dir() / (SANDBOX_PROFILES_FILE if _sandbox_profiles else PROFILES_FILE)


def app_config_dir() -> Path:
    """Where the application's own settings live (XDG_CONFIG_HOME on Linux)."""
    import platformdirs  # here: the window paints before any profile is read

    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def app_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


@dataclass(frozen=True)
class ProfileInfo:
    """One row of the accounts view: a profile and how it gets credentials (never a secret)."""

    name: str
    kind: str
    region: str | None = None
    source_profile: str | None = None
    role_arn: str | None = None
    mfa_serial: str | None = None
    sso_start_url: str | None = None
    sso_session: str | None = None
    credential_process: str | None = None
    managed: bool = False


def _kind(scoped: dict[str, Any]) -> str:
    if scoped.get("role_arn"):
        return WEB_IDENTITY if scoped.get("web_identity_token_file") else ASSUME_ROLE
    if scoped.get("sso_start_url") or scoped.get("sso_session"):
        return SSO
    if scoped.get("credential_process"):
        return CREDENTIAL_PROCESS
    if scoped.get("aws_access_key_id"):
        return ACCESS_KEYS
    return NO_CREDENTIALS


def shared_profiles() -> list[ProfileInfo]:
    """The profiles of the AWS config and credentials files, sorted by name.

    Raises RegistryError (kind "invalid") when a file does not parse.
    """
    import botocore.session  # here, not at import: the window paints without botocore
    from botocore.exceptions import ConfigParseError

    session = botocore.session.Session()
    try:
        names = sorted(session.available_profiles)
        sso_sessions = session.full_config.get("sso_sessions", {})
        found = []
        for name in names:
            session.set_config_variable("profile", name)
            scoped = session.get_scoped_config()
            sso_session = scoped.get("sso_session")
            start_url = scoped.get("sso_start_url") or sso_sessions.get(sso_session or "", {}).get("sso_start_url")
            found.append(ProfileInfo(
                name=name,
                kind=_kind(scoped),
                region=scoped.get("region"),
                source_profile=scoped.get("source_profile") or scoped.get("credential_source"),
                role_arn=scoped.get("role_arn"),
                mfa_serial=scoped.get("mfa_serial"),
                sso_start_url=start_url,
                sso_session=sso_session,
                credential_process=scoped.get("credential_process"),
            ))
        return found
    except ConfigParseError as exc:
        raise to_registry_error(exc, profile="default", action="") from exc


# -- SSO -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SsoStatus:
    valid: bool
    expires_at: datetime | None
    login_command: str  # what to run to sign in again


def sso_default_cache_dir() -> Path:
    return Path(os.path.expanduser(os.path.join("~", ".aws", "sso", "cache")))


def sso_status(profile: ProfileInfo, cache_dir: Path | None = None, now: datetime | None = None) -> SsoStatus:
    """Whether botocore's cached SSO token for `profile` is still valid."""
    from botocore.utils import JSONFileCache, SSOTokenLoader

    command = f"aws sso login --profile {profile.name}"
    loader = SSOTokenLoader(cache=JSONFileCache(str(cache_dir or sso_default_cache_dir())))
    try:
        token = loader(profile.sso_start_url or "", session_name=profile.sso_session)
    except Exception:  # botocore raises SSOTokenLoadError when there is no cached token
        return SsoStatus(False, None, command)
    expires_at = _parse_time(str(token.get("expiresAt", "")))
    valid = expires_at is not None and expires_at > (now or datetime.now(UTC))
    return SsoStatus(valid, expires_at, command)


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# -- application profiles --------------------------------------------------------------------


@dataclass(frozen=True)
class AppProfile:
    """An application-managed profile. Its access keys, if any, are in the keyring only."""

    name: str
    region: str = ""
    has_keys: bool = True
    role_arn: str = ""
    source_profile: str = ""  # "" with a role: assume it with this profile's own keys
    external_id: str = ""
    role_session_name: str = ""
    duration_seconds: int = 3600
    mfa_serial: str = ""

    def info(self) -> ProfileInfo:
        return ProfileInfo(
            name=self.name, kind=MANAGED, region=self.region or None,
            source_profile=self.source_profile or None, role_arn=self.role_arn or None,
            mfa_serial=self.mfa_serial or None, managed=True,
        )


class ProfileStore:
    """The application profiles file: read and written whole, atomically, owner-only."""

    def __init__(self, path: Path | None = None):
        self.path = path or profiles_file()

    def load(self) -> list[AppProfile]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        known = {f.name for f in fields(AppProfile)}
        return [AppProfile(**{k: v for k, v in item.items() if k in known}) for item in data.get("profiles", [])]

    def get(self, name: str) -> AppProfile | None:
        return next((p for p in self.load() if p.name == name), None)

    def save_all(self, profiles: list[AppProfile]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "profiles": [asdict(p) for p in profiles]}, indent=2)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".profiles-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def put(self, profile: AppProfile, *, replacing: str | None = None) -> None:
        """Add `profile`, or replace the one named `replacing` (a rename keeps its place)."""
        profiles = self.load()
        old = replacing or profile.name
        for position, existing in enumerate(profiles):
            if existing.name == old:
                profiles[position] = profile
                break
        else:
            profiles.append(profile)
        self.save_all(profiles)

    def remove(self, name: str) -> None:
        self.save_all([p for p in self.load() if p.name != name])


# -- validation --------------------------------------------------------------------------------

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
ROLE_ARN_PATTERN = re.compile(r"arn:aws[a-z-]*:iam::(\d{12}):role/[\w+=,.@/-]{1,512}")
SECRET_PATTERN = re.compile(r"[A-Za-z0-9/+]{40}")


def _sts(member: str) -> dict[str, Any]:
    return constraint(f"AssumeRoleRequest.{member}", "sts")


def _matches(text: str, c: dict[str, Any]) -> bool:
    pattern = c.get("pattern")
    ok = pattern is None or re.fullmatch(pattern.replace("\\/", "/"), text) is not None
    return ok and c.get("min", 0) <= len(text) <= c.get("max", len(text))


def validate(
    profile: AppProfile,
    keys: AccessKeys | None,
    *,
    taken_names: set[str],
    regions: list[str],
) -> dict[str, str]:
    """Field name -> what to type instead; empty when the profile may be saved.

    `keys` are the newly typed keys (None: keep the stored ones, or none); `taken_names` are the
    names of every other profile; `regions` the regions botocore knows.
    """
    problems: dict[str, str] = {}
    if not NAME_PATTERN.fullmatch(profile.name):
        problems["name"] = Text(QT_TRANSLATE_NOOP("Accounts", "Type a profile name of 1–64 letters, digits, '.', '_' "
                                                  "or '-', starting with a letter or digit, e.g. training-admin."))
    elif profile.name in taken_names:
        problems["name"] = Text(QT_TRANSLATE_NOOP("Accounts", "A profile named '{name}' exists already; type another "
                                                  "name."), name=profile.name)
    if profile.region and profile.region not in regions:
        problems["region"] = Text(QT_TRANSLATE_NOOP("Accounts", "'{region}' is not a region AWS knows; pick one from "
                                                    "the list, e.g. eu-west-1."), region=profile.region)
    if keys is not None:
        if not re.fullmatch(r"AKIA[A-Z0-9]{16}", keys.access_key_id):
            problems["access_key_id"] = Text(QT_TRANSLATE_NOOP("Accounts", "An access key ID is 20 characters: 'AKIA' "
                                                               "then 16 capital letters or digits, e.g. "
                                                               "AKIAIOSFODNN7EXAMPLE."))
        if not SECRET_PATTERN.fullmatch(keys.secret_access_key):
            problems["secret_access_key"] = Text(QT_TRANSLATE_NOOP(
                "Accounts", "A secret access key is 40 characters of letters, digits, '/' and '+'; paste it from the "
                "IAM console or the keys file."))
    needs_own_keys = not profile.role_arn or not profile.source_profile
    if needs_own_keys and not profile.has_keys and keys is None:
        problems.setdefault("access_key_id", Text(QT_TRANSLATE_NOOP("Accounts", "Type an access key ID and secret, or "
                                                                    "assume a role from a source profile.")))
    if profile.role_arn:
        _validate_role(profile, taken_names, problems)
    return problems


def _validate_role(profile: AppProfile, taken_names: set[str], problems: dict[str, str]) -> None:
    if not ROLE_ARN_PATTERN.fullmatch(profile.role_arn):
        problems["role_arn"] = Text(QT_TRANSLATE_NOOP("Accounts", "Type a role ARN with a 12-digit account, e.g. "
                                                      "arn:aws:iam::210987654321:role/ModelRegistryAdmin."))
    if profile.source_profile == profile.name:
        problems["source_profile"] = Text(QT_TRANSLATE_NOOP("Accounts", "A profile cannot be its own source; pick "
                                                            "another profile, or none."))
    elif profile.source_profile and profile.source_profile not in taken_names:
        problems["source_profile"] = Text(QT_TRANSLATE_NOOP("Accounts", "There is no profile '{name}'; pick one from "
                                                            "the list."), name=profile.source_profile)
    if profile.external_id and not _matches(profile.external_id, _sts("ExternalId")):
        problems["external_id"] = Text(QT_TRANSLATE_NOOP("Accounts", "An external ID is 2–1224 letters, digits or "
                                                         "+ = , . @ : / -; type the one the role's owner gave you."))
    if profile.role_session_name and not _matches(profile.role_session_name, _sts("RoleSessionName")):
        problems["role_session_name"] = Text(QT_TRANSLATE_NOOP("Accounts", "A session name is 2–64 letters, digits or "
                                                               "+ = , . @ -, e.g. registry-desk."))
    duration = _sts("DurationSeconds")
    if not duration["min"] <= profile.duration_seconds <= duration["max"]:
        problems["duration_seconds"] = Text(QT_TRANSLATE_NOOP("Accounts", "Type a duration from {low} to {high} "
                                                              "seconds (15 minutes to 12 hours)."),
                                            low=duration["min"], high=duration["max"])
    if profile.mfa_serial and not _matches(profile.mfa_serial, _sts("SerialNumber")):
        problems["mfa_serial"] = Text(QT_TRANSLATE_NOOP("Accounts", "Type the MFA device's ARN, e.g. "
                                                        "arn:aws:iam::123456789012:mfa/alice, or a hardware token's "
                                                        "serial number."))
