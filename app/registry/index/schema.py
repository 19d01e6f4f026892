"""The local index's file: where it lives, its schema, and what happens when it cannot be read.

One SQLite file per scope ("aws", "sandbox") in the platform's cache directory, readable by the
user only. WAL mode, so a reader never waits for a writer and two windows may write in turn.
A file that is not a database, is damaged, or was written by a newer version of the application
is moved aside (never deleted) and a fresh one is built; the caller shows the note. A file of
an older schema is upgraded in place, its rows kept (`_MIGRATIONS`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 3
# What turns a file of version N into one of N + 1 before _TABLES creates what is missing.
# 1 -> 2: the full-text row is rewritten only when an indexed text changed (not on every listing).
# 2 -> 3: metric readings are kept (the new table only: _TABLES creates it, every row stays).
_MIGRATIONS: dict[int, tuple[str, ...]] = {1: ("DROP TRIGGER IF EXISTS version_text_update",), 2: ()}
FILE_NAME = "index.sqlite"
BUSY_TIMEOUT_MS = 10_000  # another window writing: wait for it rather than fail

_TABLES = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS connections(
    key TEXT PRIMARY KEY,          -- "profile@region": how the application named the listing
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    groups_listed_at REAL          -- epoch seconds of the last complete group listing
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS groups(
    arn TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL,      -- microseconds since the epoch, UTC
    status TEXT NOT NULL DEFAULT '',
    seen_at REAL NOT NULL,
    versions_listed_at REAL        -- the last complete listing of its versions
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_listings(
    connection TEXT NOT NULL,      -- connections.key
    group_arn TEXT NOT NULL,
    shared INTEGER NOT NULL,       -- another account's group, shared with this one
    PRIMARY KEY(connection, group_arn)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions(
    id INTEGER PRIMARY KEY,
    arn TEXT NOT NULL UNIQUE,
    group_arn TEXT NOT NULL,
    group_name TEXT NOT NULL,
    account TEXT NOT NULL,
    region TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    package_status TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT '',
    stage_status TEXT NOT NULL DEFAULT '',
    created INTEGER NOT NULL,      -- microseconds since the epoch, UTC
    description TEXT NOT NULL DEFAULT '',
    images TEXT,                   -- one per line, NULL until a describe told them
    model_data TEXT,               -- one per line, NULL until a describe told them
    comment TEXT,                  -- the approval comment, NULL until a describe told it
    metadata TEXT,                 -- CustomerMetadataProperties as JSON, NULL until told
    described_at REAL,
    seen_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_group ON versions(group_arn, version DESC);
CREATE INDEX IF NOT EXISTS versions_by_status ON versions(status, created);
CREATE INDEX IF NOT EXISTS versions_by_place ON versions(account, region);
CREATE VIRTUAL TABLE IF NOT EXISTS version_text USING fts5(
    group_name, description, images, model_data, comment, stage, status, metadata,
    content='versions', content_rowid='id', tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER IF NOT EXISTS version_text_insert AFTER INSERT ON versions BEGIN
    INSERT INTO version_text(rowid, group_name, description, images, model_data, comment, stage, status, metadata)
    VALUES (new.id, new.group_name, new.description, new.images, new.model_data, new.comment, new.stage,
            new.status, new.metadata);
END;
CREATE TRIGGER IF NOT EXISTS version_text_delete AFTER DELETE ON versions BEGIN
    INSERT INTO version_text(version_text, rowid, group_name, description, images, model_data, comment, stage,
                             status, metadata)
    VALUES ('delete', old.id, old.group_name, old.description, old.images, old.model_data, old.comment, old.stage,
            old.status, old.metadata);
END;
CREATE TRIGGER IF NOT EXISTS version_text_update AFTER UPDATE ON versions
WHEN old.group_name IS NOT new.group_name OR old.description IS NOT new.description OR old.images IS NOT new.images
     OR old.model_data IS NOT new.model_data OR old.comment IS NOT new.comment OR old.stage IS NOT new.stage
     OR old.status IS NOT new.status OR old.metadata IS NOT new.metadata
BEGIN
    INSERT INTO version_text(version_text, rowid, group_name, description, images, model_data, comment, stage,
                             status, metadata)
    VALUES ('delete', old.id, old.group_name, old.description, old.images, old.model_data, old.comment, old.stage,
            old.status, old.metadata);
    INSERT INTO version_text(rowid, group_name, description, images, model_data, comment, stage, status, metadata)
    VALUES (new.id, new.group_name, new.description, new.images, new.model_data, new.comment, new.stage,
            new.status, new.metadata);
END;
CREATE TABLE IF NOT EXISTS notified(arn TEXT PRIMARY KEY, at REAL NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_readings(
    arn TEXT PRIMARY KEY,          -- the version
    group_arn TEXT NOT NULL,
    created INTEGER NOT NULL,      -- the version's creation, microseconds: a version made anew is read anew
    source TEXT NOT NULL,          -- its model-quality statistics report's S3 URI, '' when it has none
    metric_values TEXT,            -- {name: number} as JSON; NULL when not read for good (only the URI is known)
    problem TEXT NOT NULL DEFAULT '', -- why there are no values, when that lasts (not JSON, no number...)
    read_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS metric_readings_by_group ON metric_readings(group_arn);
"""


@dataclass(frozen=True)
class Opened:
    """A ready connection, and what the user should be told about the file (or "")."""

    connection: sqlite3.Connection
    note: str = ""
    moved_to: Path | None = None


def index_path(scope: str) -> Path:
    """The index file of `scope` ("aws" or "sandbox") under the platform's cache directory."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("registry-desk", appauthor=False)) / scope / FILE_NAME


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the house settings: autocommit (transactions are explicit), WAL, a
    generous busy timeout. Usable from any thread, one thread at a time."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                 check_same_thread=False)
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")  # WAL: durable enough, and far fewer fsyncs
        connection.execute("PRAGMA foreign_keys=OFF")
    except BaseException:
        connection.close()  # not a database: let the caller move the file aside
        raise
    return connection


def damage_mark(path: Path) -> Path:
    """The file that says the index at `path` failed while open: the next start rebuilds it."""
    return path.with_name(path.name + ".damaged")


def mark_damaged(path: Path, why: str) -> None:
    """Any thread: the index failed while in use; it is moved aside and rebuilt at the next open."""
    with contextlib.suppress(OSError):
        descriptor = os.open(damage_mark(path), os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as mark:
            mark.write(why)


def open_file(path: Path) -> Opened:
    """Open (creating when absent) the index at `path`; a bad or newer file is moved aside."""
    _private_directory(path.parent)
    mark = damage_mark(path)
    if mark.exists():
        try:
            why = mark.read_text(encoding="utf-8", errors="replace").strip()[:200]
        except OSError:
            why = ""
        moved = _move_aside(path, "damaged") if path.exists() else None
        with contextlib.suppress(OSError):
            mark.unlink()
        where = f" It was moved to {moved} and a new one is being built." if moved else ""
        return Opened(_open_checked(path), note=(
            f"The local index failed while in use last time ({why or 'damaged'}).{where} What the next "
            "listings show fills it again."), moved_to=moved)
    try:
        return Opened(_open_checked(path))
    except _NewerSchema as newer:
        moved = _move_aside(path, "newer")
        return Opened(_open_checked(path), note=(
            f"The local index was written by a newer version of Registry Desk (schema {newer.found}, "
            f"this one reads {SCHEMA_VERSION}). It was moved to {moved} and a new one is being built."),
            moved_to=moved)
    except sqlite3.DatabaseError as error:
        moved = _move_aside(path, "damaged")
        return Opened(_open_checked(path), note=(
            f"The local index could not be read ({error}). It was moved to {moved} and a new one is "
            "being built from what the next listings show."), moved_to=moved)


class _NewerSchema(Exception):
    def __init__(self, found: int):
        super().__init__(found)
        self.found = found


def _open_checked(path: Path) -> sqlite3.Connection:
    fresh = not path.exists()
    if fresh:
        # Created private before SQLite opens it; its -wal and -shm files take the same mode.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    connection = connect(path)
    try:
        found = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if found > SCHEMA_VERSION:
            raise _NewerSchema(found)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # not a database: raises
        if found < SCHEMA_VERSION:
            connection.execute("BEGIN IMMEDIATE")
            try:
                # Read the version again under the write lock: another window may have built it.
                found = int(connection.execute("PRAGMA user_version").fetchone()[0])
                if found < SCHEMA_VERSION:
                    for older in range(max(found, 1), SCHEMA_VERSION):  # 0: a new file, nothing to migrate
                        for statement in _MIGRATIONS.get(older, ()):
                            connection.execute(statement)
                    for statement in _statements(_TABLES):
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
    except BaseException:
        connection.close()
        raise
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
    return connection


def _statements(script: str) -> list[str]:
    """The script's statements, one by one (executescript would commit the open transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _private_directory(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)


def _move_aside(path: Path, why: str) -> Path:
    """Rename the file (and its WAL companions) to <name>.<why>-<time>; never delete it."""
    target = path.with_name(f"{path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{why}-{time.strftime('%Y%m%d-%H%M%S')}-{counter}")
        counter += 1
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            with contextlib.suppress(OSError):
                os.replace(companion, target.with_name(target.name + suffix))
    return target
