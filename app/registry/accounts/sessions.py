"""One boto3 Session per account connection; clients built once and shared across threads.

boto3 Sessions are not thread-safe, clients are. So a Session is only touched under a lock,
to build each service's client once; after that every worker thread uses the same client.
"""

from __future__ import annotations

import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.registry.aws import (
    SANDBOX_DEFAULT_REGION,
    Connection,
    client_config_for,
    isolated_botocore_session,
    share_models,
    take_turns,
)
from app.registry.errors import RegistryError, aws_call, to_registry_error

# boto3 and botocore are imported where they are used: importing them takes longer than
# painting the window, and nothing before the first paint needs them.
if TYPE_CHECKING:
    import boto3.session
    import botocore.session


class AccountSession:
    """A boto3 Session for one connection, with its clients cached and shared."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._lock = threading.Lock()
        self._clients: dict[str, Any] = {}
        self._account_id: str | None = None
        self._session = self._build_session()
        region = self._session.region_name
        if not region:
            raise RegistryError("invalid", code="NoRegionError", profile=connection.display_name)
        self.region: str = region

    def _build_session(self) -> boto3.session.Session:
        import boto3.session
        import botocore.session
        from botocore.exceptions import BotoCoreError

        c = self.connection
        if c.managed:
            return self._managed_session()
        if c.is_isolated:
            return boto3.session.Session(
                aws_access_key_id=c.access_key_id,
                aws_secret_access_key=c.secret_access_key,
                aws_session_token=c.session_token,
                region_name=c.region or SANDBOX_DEFAULT_REGION,
                botocore_session=isolated_botocore_session(),
            )
        botocore_session = share_models(botocore.session.Session())
        try:
            session = boto3.session.Session(
                profile_name=c.profile, region_name=c.region, botocore_session=botocore_session
            )
            botocore_session.get_scoped_config()  # the profile exists and its files parse
        except BotoCoreError as exc:  # no such profile, or a config file that does not parse
            raise to_registry_error(
                exc, profile=c.display_name, action="", resource=c.profile
            ) from exc
        _ask_mfa_through_the_app(botocore_session, c.display_name)
        return session

    def _managed_session(self) -> boto3.session.Session:
        """An application profile: credentials we resolve, and no config file read at all."""
        import boto3.session

        from app.registry.accounts.credentials import install, managed_credentials, no_such_profile
        from app.registry.accounts.profiles import ProfileStore

        c = self.connection
        name = c.profile or ""
        profile = ProfileStore().get(name)
        if profile is None:
            raise no_such_profile(name)
        region = c.region or profile.region or None
        botocore_session = isolated_botocore_session()
        install(botocore_session, managed_credentials(name, endpoint_url=c.endpoint_url, region=region))
        return boto3.session.Session(region_name=region, botocore_session=botocore_session)

    def client(self, service: str) -> Any:
        """The client for `service`, built on first use and then shared (thread-safe)."""
        existing = self._clients.get(service)
        if existing is not None:
            return existing
        with self._lock:
            existing = self._clients.get(service)
            if existing is None:
                with aws_call(self, ""):
                    existing = take_turns(self._session.client(
                        service,
                        endpoint_url=self.connection.endpoint_url,
                        config=client_config_for(self.connection),
                    ))
                self._clients[service] = existing
            return existing

    def account_id(self) -> str:
        """The account these credentials belong to (STS GetCallerIdentity, cached)."""
        if self._account_id is None:
            sts = self.client("sts")
            with aws_call(self, "sts:GetCallerIdentity"):
                self._account_id = str(sts.get_caller_identity()["Account"])
        return self._account_id

    def frozen_credentials(self) -> Any:
        """The keys these credentials are now (access key, secret key, token), refreshed first
        when they are about to expire: for another process of ours, never for a file."""
        self.account_id()  # resolves them, with the usual messages when they cannot be
        credentials = self._session.get_credentials()
        if credentials is None:
            raise RegistryError("no_credentials", code="NoCredentialsError", profile=self.connection.display_name)
        with aws_call(self, ""):
            return credentials.get_frozen_credentials()

    def credential_details(self) -> tuple[datetime | None, str]:
        """When these credentials expire (None when they do not) and how botocore got them."""
        credentials = self._session.get_credentials()
        if credentials is None:
            return None, ""
        expiry = getattr(credentials, "_expiry_time", None)  # RefreshableCredentials only
        return (expiry if isinstance(expiry, datetime) else None), str(credentials.method or "")

    def __repr__(self) -> str:
        return f"AccountSession({self.connection.display_name!r}, region={self.region!r})"


_sessions: dict[Connection, AccountSession] = {}
_sessions_lock = threading.Lock()


def _ask_mfa_through_the_app(session: botocore.session.Session, profile: str) -> None:
    """botocore asks for MFA codes with getpass on a terminal; a window has none, so we ask."""
    from app.registry.accounts.credentials import botocore_mfa_prompter

    resolver = session.get_component("credential_provider")
    provider = resolver.get_provider("assume-role")
    if provider is not None and hasattr(provider, "_prompter"):
        provider._prompter = botocore_mfa_prompter(profile)  # botocore has no public setter


def known_account_id(connection: Connection) -> str | None:
    """The account of `connection` when a session already asked STS for it; never a call."""
    with _sessions_lock:
        session = _sessions.get(connection)
    return session._account_id if session is not None else None


def session_for(connection: Connection) -> AccountSession:
    """The shared AccountSession for `connection` (built once; thread-safe)."""
    with _sessions_lock:
        session = _sessions.get(connection)
        if session is None:
            session = AccountSession(connection)
            _sessions[connection] = session
        return session


def forget_sessions() -> None:
    """Drop every cached session (profile files changed, or between tests)."""
    from app.registry.accounts.credentials import forget_credentials

    with _sessions_lock:
        _sessions.clear()
    forget_credentials()


def available_profiles() -> list[str]:
    """Profile names from the config and credentials files (AWS_CONFIG_FILE etc. honoured).

    Raises RegistryError (kind "invalid") when a file does not parse.
    """
    import botocore.session
    from botocore.exceptions import ConfigParseError

    try:
        return sorted(botocore.session.Session().available_profiles)
    except ConfigParseError as exc:
        raise to_registry_error(exc, profile="default", action="") from exc


def sagemaker_regions() -> list[str]:
    """Every region botocore's endpoint data lists for SageMaker, across partitions."""
    session = isolated_botocore_session()
    regions: set[str] = set()
    for partition in session.get_available_partitions():
        regions.update(session.get_available_regions("sagemaker", partition_name=partition))
    return sorted(regions)


def default_region(profile: str | None) -> str | None:
    """The region a profile (or the default chain) would use, or None if none is set."""
    import botocore.session
    from botocore.exceptions import ConfigParseError, ProfileNotFound

    session = botocore.session.Session()
    if profile is not None:
        session.set_config_variable("profile", profile)
    try:
        region: str | None = session.get_config_variable("region")
    except (ProfileNotFound, ConfigParseError):
        return None
    return region
