"""A seeded sandbox kept in memory and put back in a few milliseconds, for the tests that each
want "a freshly reset and seeded sandbox": seeding takes about 0.6 s of CPU (seventy calls over
HTTP), restoring a copy of moto's backends about 0.03 s.

The copy is taken right after seeding. Restored, it is what a seed finishing at that moment
would leave: every time in it (registration times, pending ages, trail events, S3 objects,
images, keys, roles) moves forward by the time since the copy was taken, so a version seeded
as waiting five minutes still reads five minutes. tests/sandbox/test_seeded.py holds the
restored state to a fresh seed's.
"""

from __future__ import annotations

import copy
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from moto.core.base_backend import BackendDict, backend_lock
from moto.moto_api._internal.models import moto_api_backend
from moto.s3.utils import _VersionedKeyStore

from app.sandbox import trail
from app.sandbox.seed import SeedSummary, seed

_LOCK_TYPES = (type(threading.Lock()), type(threading.RLock()))


def _now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def _copying(shift: timedelta) -> Iterator[None]:
    """While copying: locks come out new (and free), datetimes come out ``shift`` later."""
    dispatch: dict[type, Any] = copy._deepcopy_dispatch  # type: ignore[attr-defined]
    added: dict[type, Any] = {kind: (lambda _lock, _memo, kind=kind: kind()) for kind in _LOCK_TYPES}
    added[datetime] = lambda moment, _memo: moment + shift
    added[_VersionedKeyStore] = _copy_key_store
    saved = {kind: dispatch.get(kind) for kind in added}
    dispatch.update(added)
    try:
        yield
    finally:
        for kind, before in saved.items():
            if before is None:
                dispatch.pop(kind, None)
            else:
                dispatch[kind] = before


def _copy_key_store(store: _VersionedKeyStore, memo: dict[int, Any]) -> _VersionedKeyStore:
    """A bucket's keys with every version of each (copying it as a dict keeps the last only)."""
    copied = memo[id(store)] = type(store)()
    copied.__dict__.update(copy.deepcopy(store.__dict__, memo))
    for name, versions in store.lists():
        dict.__setitem__(copied, name, copy.deepcopy(versions, memo))
    return copied


def _shift_other_times(backends: dict[str, dict[str, Any]], shift: timedelta) -> None:
    """The times kept other than as datetimes: KMS keys' creation dates (float seconds), ECR
    images' push times (whole seconds), and the time written in each trail event's JSON."""
    seconds = shift.total_seconds()
    for accounts in backends.get("kms", {}).values():
        for backend in accounts.values():
            for key in backend.keys.values():
                key.creation_date += seconds
    for accounts in backends.get("ecr", {}).values():
        for backend in accounts.values():
            for repository in backend.repositories.values():
                for image in repository.images:
                    image.image_pushed_at += round(seconds)
    for accounts in backends.get("cloudtrail", {}).values():
        for backend in accounts.values():
            recorded = trail.events(backend)
            recorded[:] = [replace(event, detail=event.detail.replace(
                f'"eventTime": "{_trail_time(event.time - shift)}"', f'"eventTime": "{_trail_time(event.time)}"'))
                for event in recorded]


def _trail_time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")  # as app/sandbox/trail.py writes it


def _untrack(copies: Any) -> None:
    """Moto lists every model it makes, and its reset disposes of the S3 objects listed (closes
    their buffers): the copy's own are not the server's, and must outlive a reset."""
    made = {id(made) for made in copies}
    for kind in {type(made) for made in copies if hasattr(type(made), "instances_tracked")}:
        kind.instances_tracked[:] = [one for one in kind.instances_tracked if id(one) not in made]


class SeededSandbox:
    """Moto's backends as ``seed`` left them, and the seed's summary."""

    def __init__(self, endpoint_url: str) -> None:
        self.summary: SeedSummary = seed(endpoint_url)
        self.taken_at = _now()
        with backend_lock, _copying(timedelta(0)):
            self._instances = list(BackendDict._instances)  # type: ignore[misc]
            memo = self._kept()
            self._saved = copy.deepcopy({bd.service_name: dict(bd) for bd in self._instances}, memo)
        _untrack(memo.values())

    def _kept(self) -> dict[int, Any]:
        """What copying must not copy: the services' dictionaries themselves, if a model holds one."""
        return {id(backends): backends for backends in self._instances}

    def restore(self, now: datetime | None = None) -> SeedSummary:
        """Put the seeded state back in place of whatever is there (as a reset would forget it
        all), as if the seed had just finished (at ``now``); returns a copy of the summary."""
        shift = (now or _now()) - self.taken_at
        moto_api_backend.reset()  # what the server's /moto-api/reset does
        with _copying(shift):
            restored = copy.deepcopy(self._saved, self._kept())
        _shift_other_times(restored, shift)
        with backend_lock:
            for backends in self._instances:
                backends.update(restored[backends.service_name])
                BackendDict._instances.append(backends)  # type: ignore[misc]
        return copy.deepcopy(self.summary)

    def places(self) -> set[tuple[str, str, str]]:
        """(service, account, region) of every backend in the copy."""
        return {(service, account, region) for service, accounts in self._saved.items()
                for account, regions in accounts.items() for region in regions}

    def keep(self) -> None:
        """Leave the copy out of every later collection (it lives until ``discard``): with it the
        heap holds three times as many objects, which each test's collection would scan."""
        moto_api_backend.reset()  # the seeded state itself: the first restore makes it anew
        gc.collect()
        gc.freeze()

    def discard(self) -> None:
        """Let the copy go while Python is whole (its S3 objects close their files when freed)."""
        gc.unfreeze()
        self._saved = {}
        gc.collect()
