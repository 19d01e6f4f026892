"""The local index of what the application has seen: written by every listing and describe,
read at start (before any network call), by the estate tree, the search and the inbox.

Holds no secret and no model card content: groups, version summaries, images and model data
URIs, approval comments and metadata. Thread-safe: each call borrows a connection from a small
pool and gives it back when it returns, so the connections open are as many as the threads using
the index at once, not every thread that ever did (the estate refresh runs in fresh threads each
time). WAL lets readers run beside the one writer; writes are short IMMEDIATE transactions, so two
windows (two processes) take turns instead of corrupting the file.
"""

from __future__ import annotations

import functools
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from app.registry.errors import RegistryError
from app.registry.index import readings, schema
from app.registry.index.changes import changed_rows
from app.registry.index.pool import ConnectionPool
from app.registry.index.readings import StoredReading
from app.registry.index.records import ConnectionSeen, GroupCounts, IndexedVersion, from_micros, place_of, to_micros
from app.registry.index.records import group_arn_of as _group_arn
from app.registry.index.records import indexed_version as indexed_version
from app.registry.versions.groups import GroupSummary
from app.registry.versions.records import PENDING, BriefSpec, VersionDetails, VersionSummary

_log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_R = TypeVar("_R")


class IndexUnusable(RegistryError):
    """The index could not be read or written (damaged while open, busy too long, closed).

    A RegistryError, so a view's task shows it as a sentence; the listing that wanted to write
    it still succeeds (see `app.registry.index.recording`)."""

    def __init__(self, message: str):
        super().__init__("other", message)


def _guarded(method: Callable[Concatenate[LocalIndex, _P], _R]) -> Callable[Concatenate[LocalIndex, _P], _R]:
    """Every SQLite error becomes IndexUnusable; a damaged file is marked for rebuilding at the
    next start and is not touched again by this process."""

    @functools.wraps(method)
    def guarded(self: LocalIndex, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        if self.failure:
            raise IndexUnusable(self.failure)
        try:
            # The connection is this thread's for the whole call: close() waits for it.
            with self._in_use():
                return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise self._unusable(error) from error

    return guarded  # type: ignore[return-value]  # wraps() keeps the signature


_VERSION_COLUMNS = ("arn, group_arn, group_name, account, region, version, status, package_status, stage, "
                    "stage_status, created, description, images, model_data, comment, metadata, seen_at")


class LocalIndex:
    def __init__(self, path: Path, opened: schema.Opened):
        self.path = path
        self.note = opened.note  # what the user should be told about the file, or ""
        self.failure = ""  # set when the file failed while open: what the user should be told
        self._pool = ConnectionPool(lambda: schema.connect(path), opened.connection)
        self._local = threading.local()  # .connection: the one this thread borrowed for its call
        # Writers wait here, in turn, rather than in SQLite's busy handler, which sleeps up to 100 ms
        # between tries: a lock is handed on the moment it is free.
        self._write_lock: Any = threading.RLock()

    @classmethod
    def open(cls, path: Path) -> LocalIndex:
        """Worker thread: open or build the index at `path` (a bad file is moved aside)."""
        return cls(path, schema.open_file(path))

    # -- plumbing --------------------------------------------------------------------------

    @property
    def _closed(self) -> bool:
        return self._pool.closed

    def _db(self) -> sqlite3.Connection:
        """The connection this thread borrowed for the call it is in (see `_in_use`)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            raise sqlite3.ProgrammingError("the local index was used outside a call")
        return connection

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        """A connection borrowed for this call (a call inside a call uses the same one) and given
        back after it: close() waits for it (closing a connection in use would crash the process)."""
        if getattr(self._local, "connection", None) is not None:
            yield
            return
        with self._pool.borrow() as connection:
            self._local.connection = connection
            try:
                yield
            finally:
                self._local.connection = None

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """Rows of a read-only statement of the index's own package (search)."""
        return self._query(sql, parameters)

    @_guarded
    def _query(self, sql: str, parameters: Sequence[Any]) -> list[Any]:
        return self._db().execute(sql, parameters).fetchall()

    def share_write_lock(self, lock: Any) -> None:
        """Take turns writing with other processes that hold the same lock (a multiprocessing RLock)."""
        self._write_lock = lock

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        with self._write_lock:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    try:
                        db.execute("ROLLBACK")
                    except sqlite3.Error as error:  # the file failed: the first error says why
                        _log.debug("rollback failed: %s", error)
                raise

    def _unusable(self, error: sqlite3.Error) -> IndexUnusable:
        text = str(error)
        if self._closed or isinstance(error, sqlite3.ProgrammingError):
            return IndexUnusable(f"The local index is closed ({text}).")
        if isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
            return IndexUnusable(f"The local index is busy in another window ({text}); what this listing "
                                 "showed was not remembered.")
        self.failure = (f"The local index failed while in use ({text}). What the window shows is not "
                        "remembered until the next start, which moves the file aside and builds a new one.")
        _log.warning("local index %s: %s", self.path, text)
        schema.mark_damaged(self.path, text)
        return IndexUnusable(self.failure)

    def close(self) -> None:
        """Close every connection; a worker in the middle of a call finishes it first, later
        calls fail with IndexUnusable ("closed")."""
        self._pool.close(own=0 if getattr(self._local, "connection", None) is None else 1)

    def size_on_disk(self) -> int:
        """Bytes of the file and its WAL companions."""
        total = 0
        for suffix in ("", "-wal", "-shm"):
            candidate = self.path.with_name(self.path.name + suffix)
            if candidate.exists():
                total += candidate.stat().st_size
        return total

    @_guarded
    def clear(self) -> None:
        """Forget everything ("Clear local data"); the file stays, empty and private."""
        with self._writing() as db:
            for table in ("versions", "group_listings", "groups", "connections", "notified", "meta", "metric_readings"):
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed names
        self._db().execute("VACUUM")

    # -- writing ---------------------------------------------------------------------------

    @_guarded
    def record_groups(self, connection_key: str, account: str, region: str, groups: Sequence[GroupSummary],
                      *, complete: bool) -> None:
        """A page (or, with `complete`, the whole) of a group listing seen through `connection_key`.

        A complete listing also forgets this account's own groups (and their versions) in this
        region that it did not show, and the shared groups this connection no longer sees."""
        now = time.time()
        with self._writing() as db:
            db.execute("INSERT INTO connections(key, account, region) VALUES (?, ?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET account=excluded.account, region=excluded.region",
                       (connection_key, account, region))
            db.executemany(
                "INSERT INTO groups(arn, name, account, region, description, created, status, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(arn) DO UPDATE SET name=excluded.name, "
                "description=excluded.description, created=excluded.created, status=excluded.status, "
                "seen_at=excluded.seen_at",
                [(g.arn, g.name, g.account_id, place_of(g.arn)[1] or region, g.description, to_micros(g.created),
                  g.status, now) for g in groups])
            db.executemany("INSERT OR REPLACE INTO group_listings(connection, group_arn, shared) VALUES (?, ?, ?)",
                           [(connection_key, g.arn, int(g.shared)) for g in groups])
            if complete:
                db.execute("CREATE TEMP TABLE IF NOT EXISTS listed(arn TEXT PRIMARY KEY) WITHOUT ROWID")
                db.execute("DELETE FROM temp.listed")
                db.executemany("INSERT OR IGNORE INTO temp.listed VALUES (?)", [(g.arn,) for g in groups])
                db.execute("DELETE FROM group_listings WHERE connection = ? AND group_arn NOT IN temp.listed",
                           (connection_key,))
                gone = [row[0] for row in db.execute(
                    "SELECT arn FROM groups WHERE account = ? AND region = ? AND arn NOT IN temp.listed",
                    (account, region))]
                self._forget_groups(db, gone)
                db.execute("UPDATE connections SET groups_listed_at = ? WHERE key = ?", (now, connection_key))

    @_guarded
    def forget_group(self, group_arn: str) -> None:
        """A group deleted here: it and its versions leave the index."""
        with self._writing() as db:
            self._forget_groups(db, [group_arn])

    @staticmethod
    def _forget_groups(db: sqlite3.Connection, arns: Sequence[str]) -> None:
        for arn in arns:
            db.execute("DELETE FROM versions WHERE group_arn = ?", (arn,))
            db.execute("DELETE FROM metric_readings WHERE group_arn = ?", (arn,))
            db.execute("DELETE FROM group_listings WHERE group_arn = ?", (arn,))
            db.execute("DELETE FROM groups WHERE arn = ?", (arn,))

    @_guarded
    def record_versions(self, summaries: Sequence[VersionSummary]) -> None:
        """A page of a version listing: new versions added, known ones updated (only what the listing
        tells: what describes told is kept; a changed status or stage makes it due for a new one)."""
        if not summaries:
            return
        # Read first: a page that changes nothing takes no write lock (the other listing process
        # writes meanwhile); the insert below checks each row again.
        rows = changed_rows(self._db(), summaries, time.time())
        if not rows:
            return
        with self._writing() as db:
            db.executemany(
                "INSERT INTO versions(arn, group_arn, group_name, account, region, version, status, package_status,"
                " stage, stage_status, created, description, seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(arn) DO UPDATE SET status=excluded.status, package_status=excluded.package_status, "
                "stage=excluded.stage, stage_status=excluded.stage_status, description=excluded.description, "
                "seen_at=excluded.seen_at, described_at=CASE WHEN (versions.status, versions.stage, "
                "versions.stage_status) = (excluded.status, excluded.stage, excluded.stage_status) "
                "THEN versions.described_at END WHERE status IS NOT excluded.status OR package_status IS NOT "
                "excluded.package_status OR stage IS NOT excluded.stage OR stage_status IS NOT excluded.stage_status "
                "OR description IS NOT excluded.description",
                rows)

    @_guarded
    def finish_version_listing(self, group_arn: str, seen: Iterable[str]) -> int:
        """A complete listing of the group showed exactly `seen`: every other version of it
        leaves the index (deleted in AWS). Returns how many left."""
        with self._writing() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS seen(arn TEXT PRIMARY KEY) WITHOUT ROWID")
            db.execute("DELETE FROM temp.seen")
            db.executemany("INSERT OR IGNORE INTO temp.seen VALUES (?)", ((arn,) for arn in seen))
            removed = db.execute("DELETE FROM versions WHERE group_arn = ? AND arn NOT IN temp.seen",
                                 (group_arn,)).rowcount
            db.execute("DELETE FROM metric_readings WHERE group_arn = ? AND arn NOT IN temp.seen", (group_arn,))
            db.execute("UPDATE groups SET versions_listed_at = ? WHERE arn = ?", (time.time(), group_arn))
            db.execute("DELETE FROM temp.seen")
        return int(removed)

    @_guarded
    def record_briefs(self, briefs: dict[str, BriefSpec]) -> None:
        if not briefs:
            return
        with self._writing() as db:
            db.executemany("UPDATE versions SET images = ?, model_data = ? WHERE arn = ?",
                           [("\n".join(b.images), "\n".join(b.model_data_urls), arn) for arn, b in briefs.items()])

    @_guarded
    def record_details(self, details: Sequence[VersionDetails]) -> None:
        """Describes: everything the index keeps about a version (never the model card)."""
        if not details:
            return
        now = time.time()
        with self._writing() as db:
            db.executemany(
                "UPDATE versions SET status = ?, description = ?, images = ?, model_data = ?, comment = ?, "
                "metadata = ?, stage = ?, stage_status = ?, described_at = ? WHERE arn = ?",
                [(d.status, d.description or "", "\n".join(c.image for c in d.containers),
                  "\n".join(c.model_data_url for c in d.containers), d.approval_comment or "",
                  json.dumps(d.customer_metadata, sort_keys=True, ensure_ascii=False), d.stage, d.stage_status,
                  now, d.arn) for d in details])
            readings.record(db, readings.sources_of(details, _group_arn))  # the report's URI never changes

    @_guarded
    def record_approval(self, arn: str, status: str, comment: str | None) -> None:
        with self._writing() as db:
            if comment is None:
                db.execute("UPDATE versions SET status = ? WHERE arn = ?", (status, arn))
            else:
                db.execute("UPDATE versions SET status = ?, comment = ? WHERE arn = ?", (status, comment, arn))

    @_guarded
    def forget_versions(self, arns: Iterable[str]) -> None:
        with self._writing() as db:
            gone = [(arn,) for arn in arns]
            db.executemany("DELETE FROM versions WHERE arn = ?", gone)
            db.executemany("DELETE FROM metric_readings WHERE arn = ?", gone)

    @_guarded
    def mark_notified(self, arns: Iterable[str]) -> list[str]:
        """Record that these versions were announced; returns those announced for the first time."""
        now = time.time()
        fresh = []
        with self._writing() as db:
            for arn in dict.fromkeys(arns):
                if db.execute("INSERT OR IGNORE INTO notified(arn, at) VALUES (?, ?)", (arn, now)).rowcount:
                    fresh.append(arn)
        return fresh

    # -- reading ---------------------------------------------------------------------------

    @_guarded
    def connections(self) -> list[ConnectionSeen]:
        return [ConnectionSeen(*row) for row in self._db().execute(
            "SELECT key, account, region, groups_listed_at FROM connections ORDER BY key")]

    @_guarded
    def groups_seen_by(self, connection_key: str) -> tuple[list[GroupSummary], float | None]:
        """The groups the last listing through `connection_key` showed, newest first, and when
        that listing completed (None: never, or only part of it)."""
        db = self._db()
        row = db.execute("SELECT account, groups_listed_at FROM connections WHERE key = ?",
                         (connection_key,)).fetchone()
        if row is None:
            return [], None
        groups = [
            GroupSummary(name=name, arn=arn, description=description, created=from_micros(created), status=status,
                         account_id=account, shared=bool(shared))
            for arn, name, description, created, status, account, shared in db.execute(
                "SELECT g.arn, g.name, g.description, g.created, g.status, g.account, l.shared FROM group_listings l "
                "JOIN groups g ON g.arn = l.group_arn WHERE l.connection = ? ORDER BY l.shared, g.created DESC",
                (connection_key,))]
        return groups, row[1]

    @_guarded
    def versions_listed_at(self, group_arn: str) -> float | None:
        row = self._db().execute("SELECT versions_listed_at FROM groups WHERE arn = ?", (group_arn,)).fetchone()
        return None if row is None else row[0]

    @_guarded
    def versions_of(self, group_arn: str, *, limit: int | None = None, offset: int = 0) -> list[IndexedVersion]:
        """The group's versions, newest first (`limit` rows from `offset`)."""
        sql = f"SELECT {_VERSION_COLUMNS} FROM versions WHERE group_arn = ? ORDER BY version DESC"
        parameters: tuple[object, ...] = (group_arn,)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            parameters += (limit, offset)
        return [indexed_version(row) for row in self._db().execute(sql, parameters)]

    @_guarded
    def version(self, arn: str) -> IndexedVersion | None:
        row = self._db().execute(f"SELECT {_VERSION_COLUMNS} FROM versions WHERE arn = ?", (arn,)).fetchone()
        return None if row is None else indexed_version(row)

    @_guarded
    def waiting(self, *, status: str | None = PENDING, stage: str | None = None,
                places: Iterable[tuple[str, str]] | None = None, limit: int = 5000) -> list[IndexedVersion]:
        """Versions with this approval status (and stage, when given), oldest first: the inbox.
        `places`: only these (account, region) pairs."""
        clauses, parameters = [], []
        if status is not None:
            clauses.append("status = ?")
            parameters.append(status)
        if stage is not None:
            clauses.append("stage = ?")
            parameters.append(stage)
        if places is not None:
            pairs = list(places)
            if not pairs:
                return []
            clauses.append("(" + " OR ".join("(account = ? AND region = ?)" for _ in pairs) + ")")
            parameters.extend(value for pair in pairs for value in pair)
        where = " AND ".join(clauses) or "1"
        return [indexed_version(row) for row in self._db().execute(
            f"SELECT {_VERSION_COLUMNS} FROM versions WHERE {where} ORDER BY created, arn LIMIT ?",  # noqa: S608
            (*parameters, limit))]

    @_guarded
    def estate_counts(self) -> list[GroupCounts]:
        """Every indexed group with its versions counted by status and by stage."""
        db = self._db()
        counts: dict[str, tuple[dict[str, int], dict[str, int], int]] = {}
        for group_arn, status, stage, number in db.execute(
                "SELECT group_arn, status, stage, count(*) FROM versions GROUP BY group_arn, status, stage"):
            by_status, by_stage, total = counts.get(group_arn, ({}, {}, 0))
            by_status[status] = by_status.get(status, 0) + number
            by_stage[stage] = by_stage.get(stage, 0) + number
            counts[group_arn] = (by_status, by_stage, total + number)
        result = []
        for arn, name, account, region, listed_at in db.execute(
                "SELECT arn, name, account, region, versions_listed_at FROM groups ORDER BY account, region, name"):
            by_status, by_stage, total = counts.get(arn, ({}, {}, 0))
            result.append(GroupCounts(arn, name, account, region, total, by_status, by_stage, listed_at))
        return result

    @_guarded
    def versions_needing_details(self, group_arns: Iterable[str], limit: int) -> list[str]:
        """ARNs of these groups' versions that no describe has told about, or whose status or
        stage changed since: at most `limit`, pending first, then newest."""
        found = self._in_groups("SELECT status = ?, created, arn FROM versions WHERE described_at IS NULL AND {} "
                                "ORDER BY status = ? DESC, created DESC LIMIT ?", group_arns, PENDING, PENDING, limit)
        return [arn for _pending, _created, arn in sorted(found, reverse=True)[:max(0, limit)]]

    @_guarded
    def versions_lacking_images(self, group_arns: Iterable[str]) -> list[str]:
        """ARNs of these groups' versions whose images and model data no describe has told yet."""
        return [row[0] for row in self._in_groups("SELECT arn FROM versions WHERE images IS NULL AND {}", group_arns)]

    def _in_groups(self, sql: str, group_arns: Iterable[str], first: object = None, *rest: object) -> list[Any]:
        """`sql`'s rows ({} is the group condition), 500 groups at a time (SQLite limits parameters);
        `first` goes before the groups' parameters, `rest` after them."""
        arns, rows, before = list(dict.fromkeys(group_arns)), [], () if first is None else (first,)
        for chunk in (arns[at:at + 500] for at in range(0, len(arns), 500)):
            rows += self._db().execute(sql.format(f"group_arn IN ({','.join('?' * len(chunk))})"),
                                       (*before, *chunk, *rest)).fetchall()
        return rows

    @_guarded
    def version_count(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM versions").fetchone()[0])

    def connection_count(self) -> int:
        """Connections open now, in use or idle: at most the threads using the index at once."""
        return self._pool.count()

    @_guarded
    def record_metric_readings(self, stored: Sequence[StoredReading]) -> None:
        """Worker thread: readings of versions' metric reports (see `readings`)."""
        if stored:
            with self._writing() as db:
                readings.record(db, stored)

    @_guarded
    def metric_readings(self, arns: Iterable[str]) -> dict[str, StoredReading]:
        """What is kept of these versions' metric reports, by ARN (versions never read are absent)."""
        return readings.read(self._db(), arns)


VERSION_COLUMNS = _VERSION_COLUMNS
