"""The bottom floor of the registry: botocore sessions, client settings and service models.

Everything that talks to AWS builds on this module and `errors.py`. A `Connection` says where
to talk to AWS and as whom; `client_config()` is what every client gets; every botocore session
reads its service models through one shared loader, so each model is parsed once per process.

A connection with static keys (the sandbox) runs on an isolated botocore session: no config
file, no credentials file, no AWS_* environment variable is read, so the user's real profiles,
SSO caches or a stray AWS_PROFILE can neither leak into it nor break it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

# boto3 and botocore are imported where they are used: importing them takes longer than
# painting the window, and nothing before the first paint needs them.
if TYPE_CHECKING:
    import botocore.session
    from botocore.config import Config


# How long one interactive call may take in all, retries included, before it fails with a
# sentence: botocore's defaults (60 s reads, 5 attempts) meant minutes of silence on a hung server.
CALL_TIMEOUT_ENV = "REGISTRY_DESK_CALL_TIMEOUT"
DEFAULT_CALL_TIMEOUT_S = 30.0


def call_timeout() -> float:
    """The total seconds one call may take (REGISTRY_DESK_CALL_TIMEOUT, default 30)."""
    try:
        value = float(os.environ.get(CALL_TIMEOUT_ENV, "") or DEFAULT_CALL_TIMEOUT_S)
    except ValueError:
        value = DEFAULT_CALL_TIMEOUT_S
    return value if value > 0 else DEFAULT_CALL_TIMEOUT_S


def timeouts(total_s: float) -> tuple[float, float, int]:
    """(connect timeout, read timeout, attempts) that keep one call within `total_s` seconds.

    Three attempts share the budget, less the standard mode's backoff between them (at most 1 s,
    then 2 s); a budget under 10 s (tests) gets one attempt."""
    attempts = 3 if total_s >= 10 else 1
    backoff = 3.0 if attempts == 3 else 0.0
    read = (total_s - backoff) / attempts
    return min(5.0, read), read, attempts


def client_config() -> Config:
    """What every client gets: standard retries (with backoff on throttling) within a total
    budget (`call_timeout`), a short connect timeout so an unreachable endpoint fails fast, and a
    pool big enough for bulk workers. Read each time a client is built (clients are cached per
    connection: `forget_sessions()` makes a new timeout apply)."""
    from botocore.config import Config

    connect, read, attempts = timeouts(call_timeout())
    return Config(
        # total_max_attempts counts the first try; botocore reads max_attempts as retries after it.
        retries={"mode": "standard", "total_max_attempts": attempts},
        connect_timeout=connect,
        read_timeout=read,
        max_pool_connections=32,
    )


SANDBOX_DEFAULT_REGION = "us-east-1"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class Connection:
    """Where to talk to AWS and as whom. Hashable: it keys the session cache."""

    profile: str | None  # None = boto3's default chain (AWS_PROFILE honoured by boto3 itself)
    region: str | None  # None = the profile's or environment's default region
    endpoint_url: str | None = None  # one endpoint for every service (the sandbox)
    access_key_id: str | None = field(default=None, repr=False)  # static keys: sandbox only
    secret_access_key: str | None = field(default=None, repr=False)
    session_token: str | None = field(default=None, repr=False)
    label: str = ""  # how messages name it: "sandbox", or the profile name
    managed: bool = False  # `profile` names an application profile (keys in the keyring)

    @property
    def display_name(self) -> str:
        return self.label or self.profile or "default"

    @property
    def is_isolated(self) -> bool:
        """Static keys given: never read the user's AWS configuration."""
        return self.access_key_id is not None


def isolated_botocore_session() -> botocore.session.Session:
    """A botocore session that reads no config file, credentials file or AWS_* variable."""
    import botocore.session

    probe = botocore.session.Session()
    neutral: dict[str, tuple[Any, Any, Any, Any]] = {}
    for name, (_config_key, _env, default, convert) in probe.session_var_map.items():
        neutral[name] = (None, None, default, convert)
    # A path that is never a file: botocore then treats the config as empty.
    neutral["config_file"] = (None, None, os.devnull, None)
    neutral["credentials_file"] = (None, None, os.devnull, None)
    return share_models(botocore.session.Session(session_vars=neutral))


@cache
def _shared_loader() -> Any:
    from botocore.loaders import create_loader

    return create_loader(os.environ.get("AWS_DATA_PATH"))


def share_models(session: botocore.session.Session) -> botocore.session.Session:
    """Every session reads botocore's service models through one loader, so each model is
    parsed once per process (SageMaker's is ~27 MB in memory), however many profiles are open.
    The loader caches per file; two threads loading the same model at once only parse it twice.
    Its clients read timestamps with `utc_timestamp`, and the listing's answers with the plans of
    `app.registry.answers`."""
    loader = _shared_loader()
    paths = loader.search_paths
    paths[:] = dict.fromkeys(paths)  # each boto3 Session appends its data folder again
    session.register_component("data_loader", loader)
    from app.registry import answers

    answers.install(session, timestamp_parser=utc_timestamp)
    return session


def utc_timestamp(value: Any) -> datetime:
    """botocore's timestamp parser, without its cost: an epoch number (every timestamp of a JSON
    service such as SageMaker) becomes a UTC datetime at once. botocore's own gives each one a
    tzlocal() of its own, whose conversions took a fifth of the CPU of listing 100,000 versions.
    The same instant either way; anything else goes to botocore's parser."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OSError, OverflowError, ValueError):
            pass  # out of range here: botocore knows what to do
    from botocore.utils import parse_timestamp

    parsed: datetime = parse_timestamp(value)
    return parsed


def client_config_for(connection: Connection) -> Config:
    from botocore.config import Config

    host = urlparse(connection.endpoint_url or "").hostname
    if host in _LOOPBACK:
        # A local endpoint must never go through HTTP(S)_PROXY from the environment.
        return client_config().merge(Config(proxies={}))
    return client_config()



_model_lock = threading.Lock()



@cache
def service_model(service: str = "sagemaker") -> Any:
    """botocore's model of `service`, loaded once (under a lock: the loader is not thread-safe)."""
    with _model_lock:
        # Isolated: a broken AWS_PROFILE or config file must not break validation.
        return isolated_botocore_session().get_service_model(service)


def constraint(shape_path: str, service: str = "sagemaker") -> dict[str, Any]:
    """Constraints of a member, e.g. "CreateModelPackageGroupInput.ModelPackageGroupName".

    Returns the member shape's "min", "max", "pattern" and "enum" (those it has). A list is
    walked into its element: "InferenceSpecification.Containers.Image".
    """
    return dict(_constraint(shape_path, service))


@cache
def _constraint(shape_path: str, service: str) -> dict[str, Any]:
    root, *steps = shape_path.split(".")
    shape = service_model(service).shape_for(root)
    for step in steps:
        while shape.type_name == "list":
            shape = shape.member
        if step == "member":
            continue
        members = getattr(shape, "members", None) or {}
        if step not in members:
            raise KeyError(f"{shape_path}: {shape.name} has no member {step!r}")
        shape = members[step]
    wanted = ("min", "max", "pattern", "enum")
    return {k: v for k, v in shape.metadata.items() if k in wanted}




# -- turns: one worker at a time parses an answer -------------------------------------------
#
# A listing keeps 16 calls in flight, and the rows' briefs 8 more. Each call is mostly network
# wait (no interpreter lock held), then pure Python: parsing the answer takes 10-30 ms for a
# page of 100 versions. When a dozen answers land together, a dozen threads want the
# interpreter lock at once; CPython hands it to any of them, so the UI thread, which needs it
# for every event it handles, waited behind all of them: the window froze 60-250 ms while
# 10,000 rows loaded, more with a busy CPU beside. With turns, the threads waiting to parse
# wait on a plain lock (which needs no interpreter lock), so one parser at most competes with
# the UI thread, which gets the interpreter lock back within one switch interval. Parsing is
# no slower: the interpreter lock let only one of them run at a time anyway.
#
# A turn covers the parsing only, which never waits for another thread, so a turn is always
# given back (a credential refresh, which other threads may wait for, is never inside one). A
# thread that waits longer than TURN_WAIT_S parses anyway: turns may slow, never stop, a call.

CPU_TURNS = 1  # answers parsed at once
TURN_WAIT_S = 2.0
_turns = threading.BoundedSemaphore(CPU_TURNS)
_holding = threading.local()


def _take_turn(**_kwargs: Any) -> None:
    if not getattr(_holding, "turn", False):
        _holding.turn = _turns.acquire(timeout=TURN_WAIT_S)


def _give_turn(**_kwargs: Any) -> None:
    if getattr(_holding, "turn", False):
        _holding.turn = False
        _turns.release()


def take_turns(client: Any) -> Any:
    """Make `client` parse its answers in turns with every other client's (see above). No turn
    is kept past the call, whatever happens (a parse that fails, a retry)."""
    events = client.meta.events
    events.register("before-parse", _take_turn)
    events.register("response-received", _give_turn)
    call = client._make_api_call

    def in_turns(operation_name: str, api_params: dict[str, Any]) -> Any:
        try:
            return call(operation_name, api_params)
        finally:
            _give_turn()

    client._make_api_call = in_turns  # the generated methods call self._make_api_call
    return client


def turns_free() -> bool:
    """Whether no thread holds a turn now (tests: nothing is left held after a call)."""
    if not _turns.acquire(blocking=False):
        return False
    _turns.release()
    return True
