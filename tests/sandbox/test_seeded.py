"""The UI tests' sandbox comes back from a copy taken after one seeding (tests/seeded.py): it must
be exactly what a fresh seed gives, every resource and field, with every time as old as a
fresh seed's."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime, timedelta
from typing import Any

from moto.core.base_backend import BackendDict
from moto.s3.utils import _VersionedKeyStore

from app.sandbox.seed import main_client, seed
from app.sandbox.server import SandboxServer
from tests.seeded import SeededSandbox

# What differs between two seedings by design: random key ids, temporary credentials, share ids.
_RANDOM = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # KMS keys, RAM shares
    r"|(?:ASIA|AKIA|AROA|AIDA)[A-Z0-9]{12,20}"  # access key and role ids
    r"|\b[A-Za-z0-9/+]{40}\b"  # secret keys
    r"|FQoGZXIvYXdzE[A-Za-z0-9/+=]+"  # session tokens
    r"|\b[a-z0-9]{20}\b"  # user ids
    r"| object at 0x[0-9a-f]+"  # private keys
)
_RANDOM_FIELDS = ("[key_material]", "[session_token]", "[secret_access_key]")  # made at random
_TRAIL_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # in trail events' JSON
_EPOCHS = (1.5e9, 2.5e9)  # numbers that are times: KMS creation dates, ECR push times


def _state() -> dict[str, Any]:
    return {backends.service_name: dict(backends) for backends in BackendDict._instances}


def _leaves(value: Any, now: datetime, path: str, out: dict[str, Any], parents: tuple[int, ...] = ()) -> None:
    """Every field of ``value`` by path; times as ages at ``now``, random ids masked."""
    if isinstance(value, datetime):
        out[path] = ("age", now - value if value.tzinfo else now.replace(tzinfo=None) - value)
    elif isinstance(value, bool) or value is None:
        out[path] = value
    elif isinstance(value, int | float):
        epoch = _EPOCHS[0] < value < _EPOCHS[1]
        out[path] = ("age", round(now.timestamp() - value, 3)) if epoch else value
    elif path.endswith(_RANDOM_FIELDS):
        out[path] = "<random>"
    elif isinstance(value, bytes):
        out[path] = value
    elif isinstance(value, str):
        for n, written in enumerate(_TRAIL_TIME.findall(value)):
            moment = datetime.strptime(written, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
            out[f"{path}#{n}"] = ("age", now - moment)
        out[path] = _RANDOM.sub("<random>", _TRAIL_TIME.sub("<time>", value))
    elif isinstance(value, tempfile.SpooledTemporaryFile):
        out[path] = value._file.getvalue()  # type: ignore[attr-defined]
    elif id(value) in parents or type(value).__name__ in ("lock", "RLock", "type", "function", "method"):
        out[path] = type(value).__name__
    elif isinstance(value, dict):
        for key, item in (value.lists() if isinstance(value, _VersionedKeyStore) else value.items()):
            _leaves(item, now, f"{path}[{_RANDOM.sub('<random>', str(key))}]", out, (*parents, id(value)))
    elif isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        for n, item in enumerate(items):
            _leaves(item, now, f"{path}[{n}]", out, (*parents, id(value)))
    elif hasattr(value, "__dict__"):
        _leaves(vars(value), now, f"{path}<{type(value).__name__}>", out, parents)
    else:
        out[path] = _RANDOM.sub("<random>", repr(value))


def _places() -> set[tuple[str, str, str]]:
    return {(backends.service_name, account, region) for backends in BackendDict._instances
            for account, regions in backends.items() for region in regions}


def _fields(now: datetime, places: set[tuple[str, str, str]] = frozenset()) -> dict[str, Any]:
    """Every field of every backend. Moto makes a service's backend for an account and region on
    first use, in its initial state (and its server makes the main account's on a process's
    first call to a service): ``places`` are made so before reading, so the two sides compare."""
    by_name = {backends.service_name: backends for backends in BackendDict._instances}
    for service, account, region in places:
        by_name[service][account][region]
    out: dict[str, Any] = {}
    _leaves(_state(), now, "", out)
    return out


def test_a_restored_sandbox_is_a_fresh_seed(sandbox_server: SandboxServer) -> None:
    """Same resources, same fields, same contents; times within the seeding's own duration."""
    endpoint = sandbox_server.endpoint_url
    sandbox_server.reset()
    seeded = SeededSandbox(endpoint)
    sm = main_client(endpoint, "sagemaker")
    sm.create_model_package_group(ModelPackageGroupName="made-by-a-test")  # undone below
    sm.delete_model_package_group(ModelPackageGroupName="sandbox-scratch")

    sandbox_server.reset()
    fresh = seed(endpoint)
    fresh_places = _places()
    fresh_fields = _fields(datetime.now(UTC), seeded.places())
    restored = seeded.restore()
    restored_fields = _fields(datetime.now(UTC), fresh_places)

    assert set(restored_fields) == set(fresh_fields)
    assert any("made-by-a-test" in path for path in fresh_fields) is False
    slack = timedelta(seconds=fresh.seconds + seeded.summary.seconds + 5)
    ages = 0
    for path, value in fresh_fields.items():
        mine = restored_fields[path]
        if isinstance(value, tuple) and value[0] == "age":
            ages += 1
            gap = abs(value[1] - mine[1])
            assert gap <= (slack if isinstance(gap, timedelta) else slack.total_seconds()), path
        else:
            assert mine == value, path
    assert ages > 500  # versions, groups, objects, images, keys, roles, trail events
    assert restored.pending_ages == fresh.pending_ages
    assert restored.places == fresh.places and restored.groups == fresh.groups
    assert restored.production_version_arn == fresh.production_version_arn
    seeded.discard()


def test_a_copy_restored_an_hour_later_is_an_hour_younger(sandbox_server: SandboxServer) -> None:
    """A worker restores its copy minutes after taking it: every time moves with the clock, so
    what waited five minutes at seeding still waits five minutes."""
    sandbox_server.reset()
    seeded = SeededSandbox(sandbox_server.endpoint_url)
    at_seeding = _fields(seeded.taken_at)

    seeded.restore(now=seeded.taken_at + timedelta(hours=1))

    assert _fields(seeded.taken_at + timedelta(hours=1)) == at_seeding
    seeded.discard()
