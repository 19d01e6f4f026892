"""What a listing cannot tell, read after it: images, model data, approval comments, metadata.

ListModelPackages tells a version's status, stage and description; its images and model data
come from BatchDescribeModelPackage (100 versions a call), its approval comment and metadata
only from DescribeModelPackage (one version a call). After a target's groups are listed,
`read_details` fills the index with both, within bounds, so a large estate stays cheap:

- full describes only for versions no describe has told about, or whose status or stage changed
  since (`LocalIndex.versions_needing_details`): at most `limit` per target and refresh, pending
  versions first, then the newest; the rest come in later refreshes;
- images and model data, 100 a call, for every other version that lacks them (once per version:
  a version's containers do not change);
- at most `workers` calls at once, `should_stop()` asked before each.

A failed read never fails the listing: it is counted (`DetailsTally.failed`), the version still
gets its images 100 a call, and its describe is tried again next time. When the first describes
are all refused (access denied, an expired token), the rest are not tried: they would be refused
too, and each refusal is an entry in the account's CloudTrail.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError
from app.registry.index.local import LocalIndex
from app.registry.versions.describe import batch_describe, describe_version
from app.registry.versions.records import BATCH_LIMIT, VersionDetails

_log = logging.getLogger(__name__)

DESCRIBE_LIMIT = 200  # full describes per account-region and refresh
DETAIL_WORKERS = 4  # detail calls at once per account-region
WRITE_EVERY = 20  # describes written to the index together
GIVE_UP_AFTER = 5  # refusals in a row, before any describe succeeded, that end the describes
_REFUSALS = ("access_denied", "expired_token", "no_credentials", "unreachable")


@dataclass
class DetailsTally:
    """How far the reading got: versions read, out of `total`; `failed` could not be read."""

    total: int = 0
    done: int = 0
    failed: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)


Progress = Callable[[int, int, int], object]  # (done, total, failed), in order, one report at a time


def read_details(session: AccountSession, group_arns: Sequence[str], index: LocalIndex, *,
                 should_stop: Callable[[], bool], limit: int = DESCRIBE_LIMIT, workers: int = DETAIL_WORKERS,
                 progress: Progress | None = None) -> DetailsTally:
    """Worker thread: fill the index with what the listing of `group_arns` could not tell.
    Never raises: what could not be read is counted in the result."""
    tally = DetailsTally()
    if limit <= 0 or not group_arns:
        return tally
    try:
        _read(session, group_arns, index, should_stop, limit, workers, progress, tally)
    except RegistryError as error:  # the index cannot be read: the listing itself is still good
        _log.warning("the details of %s were not read: %s", session.region, error)
    except Exception:
        _log.exception("reading the details of %s failed unexpectedly", session.region)
    return tally


def _read(session: AccountSession, group_arns: Sequence[str], index: LocalIndex, should_stop: Callable[[], bool],
          limit: int, workers: int, progress: Progress | None, tally: DetailsTally) -> None:
    describe = index.versions_needing_details(group_arns, limit)
    lacking = index.versions_lacking_images(group_arns)
    chosen = set(describe)
    brief = [arn for arn in lacking if arn not in chosen]
    tally.total = len(describe) + len(brief)
    if not tally.total:
        return
    reader = _Reader(session, index, should_stop, tally, progress)
    _report(progress, tally)
    chunks = [brief[at:at + BATCH_LIMIT] for at in range(0, len(brief), BATCH_LIMIT)]
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(describe) + len(chunks))),
                            thread_name_prefix="estate-details") as pool:
        futures = [pool.submit(reader.describe, arn) for arn in describe]
        futures += [pool.submit(reader.brief, chunk) for chunk in chunks]
        for future in futures:
            future.result()
    reader.flush()
    # A version whose describe failed still gets its images and model data, 100 a call.
    missing = set(lacking)
    fallback = [arn for arn in reader.failed if arn in missing]
    for at in range(0, len(fallback), BATCH_LIMIT):
        if should_stop():
            return
        specs, _errors = batch_describe(session, fallback[at:at + BATCH_LIMIT])
        reader.write(functools.partial(index.record_briefs, specs))


def _report(progress: Progress | None, tally: DetailsTally) -> None:
    """Tell how far the reading got; under the tally's lock, so reports never go backwards."""
    if progress is None:
        return
    with tally.lock:
        try:
            progress(tally.done, tally.total, tally.failed)
        except Exception:  # a broken listener must not stop the reading
            _log.exception("the details' progress report failed")


class _Reader:
    """The calls of one target's reading, from its pool's threads."""

    def __init__(self, session: AccountSession, index: LocalIndex, should_stop: Callable[[], bool],
                 tally: DetailsTally, progress: Progress | None):
        self._session = session
        self._index = index
        self._should_stop = should_stop
        self._tally = tally
        self._progress = progress
        self._lock = threading.Lock()
        self._described: list[VersionDetails] = []
        self._refused = 0
        self._succeeded = False
        self.failed: list[str] = []  # versions whose describe failed or was not tried

    def _counted(self, done: int, failed: int) -> None:
        with self._tally.lock:
            self._tally.done += done
            self._tally.failed += failed
            _report(self._progress, self._tally)

    def _giving_up(self) -> bool:
        with self._lock:
            return not self._succeeded and self._refused >= GIVE_UP_AFTER

    def describe(self, arn: str) -> None:
        if self._should_stop():
            return
        if self._giving_up():
            with self._lock:
                self.failed.append(arn)
            self._counted(0, 1)
            return
        try:
            details = describe_version(self._session, arn)
        except Exception as error:  # one version: the others, and the listing, go on
            refused = isinstance(error, RegistryError) and error.kind in _REFUSALS
            if not isinstance(error, RegistryError):
                _log.exception("describing %s failed unexpectedly", arn)
            with self._lock:
                self._refused += refused
                self.failed.append(arn)
            self._counted(0, 1)
            return
        with self._lock:
            self._succeeded = True
            self._described.append(details)
            ready = self._described if len(self._described) >= WRITE_EVERY else []
            if ready:
                self._described = []
        self.write(lambda: self._index.record_details(ready) if ready else None)
        self._counted(1, 0)

    def brief(self, arns: list[str]) -> None:
        if self._should_stop():
            return
        try:
            specs, _errors = batch_describe(self._session, arns)
        except Exception:  # batch_describe reports refusals per version; anything else is a bug
            _log.exception("reading the images of %d versions failed unexpectedly", len(arns))
            self._counted(0, len(arns))
            return
        self.write(lambda: self._index.record_briefs(specs))
        self._counted(len(specs), len(arns) - len(specs))  # the others are in `errors`

    def flush(self) -> None:
        with self._lock:
            ready, self._described = self._described, []
        if ready:
            self.write(lambda: self._index.record_details(ready))

    def write(self, write: Callable[[], object]) -> None:
        try:
            write()
        except RegistryError as error:  # the index failed: what was read is lost, the listing is not
            _log.warning("the local index was not written: %s", error)
