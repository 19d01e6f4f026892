"""The local index's file: private, without secrets or model cards, and a damaged or newer file
is moved aside and rebuilt with a note, never a crash, with nothing else lost."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from app.registry.accounts.profiles import AppProfile, ProfileStore, profiles_file
from app.registry.errors import RegistryError
from app.registry.index import schema
from app.registry.index.local import IndexUnusable, LocalIndex
from app.registry.index.recording import record_details, recorded_version_pages
from app.registry.versions.describe import describe_version
from app.registry.versions.listing import iter_version_ranges
from app.registry.versions.records import VersionSummary
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY

from .conftest import MAIN_ACCOUNT

GROUP_ARN = f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/churn"


def a_summary(n: int) -> VersionSummary:
    from datetime import UTC, datetime

    return VersionSummary(arn=f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package/churn/{n}", group="churn",
                          version=n, status="PendingManualApproval", created=datetime(2026, 1, n, tzinfo=UTC),
                          description=f"retrain {n}", package_status="Completed")


def other_files() -> dict[Path, bytes]:
    """The application's other files: its settings (QSettings' file) and the profiles file."""
    ProfileStore().put(AppProfile(name="registry", region="eu-west-1", has_keys=False,
                                  role_arn=f"arn:aws:iam::{MAIN_ACCOUNT}:role/Admin"))
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "RegistryDesk" / "registry-desk.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[aws]\nlast_profile=registry\n", encoding="utf-8")
    return {path: path.read_bytes() for path in (settings, profiles_file())}


def an_index_with_rows(path: Path) -> None:
    index = LocalIndex.open(path)
    index.record_versions([a_summary(1), a_summary(2)])
    index.close()


@pytest.fixture
def path() -> Path:
    return schema.index_path("sandbox")


def test_the_index_lives_in_the_cache_directory_private_to_the_user(path):
    index = LocalIndex.open(path)
    index.record_versions([a_summary(1)])
    try:
        assert path.is_relative_to(Path(os.environ["XDG_CACHE_HOME"]))
        if sys.platform != "win32":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
            for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                if companion.exists():
                    assert stat.S_IMODE(companion.stat().st_mode) & 0o077 == 0
    finally:
        index.close()


def test_a_corrupted_file_is_moved_aside_and_rebuilt_and_nothing_else_is_lost(path):
    kept = other_files()
    an_index_with_rows(path)
    damaged = b"this is no database " * 300
    path.write_bytes(damaged)

    index = LocalIndex.open(path)
    try:
        assert "could not be read" in index.note
        moved = next(path.parent.glob("index.sqlite.damaged-*"))
        assert str(moved) in index.note
        assert moved.read_bytes() == damaged  # kept as it was, for whoever wants to look
        assert index.version_count() == 0
        index.record_versions([a_summary(3)])  # and the new one works
        assert index.version_count() == 1
        assert {p: p.read_bytes() for p in kept} == kept
    finally:
        index.close()
    assert LocalIndex.open(path).note == ""  # the next start finds nothing to say


def test_a_file_of_a_newer_schema_is_moved_aside_untouched_and_a_new_one_is_built(path):
    kept = other_files()
    an_index_with_rows(path)
    newer = sqlite3.connect(path)
    newer.execute(f"PRAGMA user_version={schema.SCHEMA_VERSION + 1}")
    newer.execute("CREATE TABLE future(x)")
    newer.close()

    index = LocalIndex.open(path)
    try:
        assert f"schema {schema.SCHEMA_VERSION + 1}" in index.note and "newer version" in index.note
        moved = next(path.parent.glob("index.sqlite.newer-*"))
        assert str(moved) in index.note
        old = sqlite3.connect(moved)
        assert old.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION + 1
        assert old.execute("SELECT count(*) FROM versions").fetchone()[0] == 2  # the newer version's rows stay
        old.close()
        assert index.version_count() == 0
        assert {p: p.read_bytes() for p in kept} == kept
    finally:
        index.close()


def test_a_file_damaged_while_open_fails_with_a_sentence_and_is_rebuilt_at_the_next_start(path):
    an_index_with_rows(path)
    index = LocalIndex.open(path)
    assert index.version_count() == 2
    size = path.stat().st_size
    with open(path, "r+b") as file:  # another program scribbles over the pages
        file.seek(100)
        file.write(os.urandom(size - 100))

    def a_listing_writes() -> None:  # a worker thread: its own connection reads the pages
        index.record_versions([a_summary(3)])

    with ThreadPoolExecutor(1) as worker, pytest.raises(IndexUnusable) as failed:
        worker.submit(a_listing_writes).result()
    assert isinstance(failed.value, RegistryError)  # a view shows it as any failed call
    assert "next start" in str(failed.value) and index.failure == str(failed.value)
    with pytest.raises(IndexUnusable):
        index.version_count()  # and the damaged file is not touched again
    index.close()

    reopened = LocalIndex.open(path)
    try:
        assert "failed while in use" in reopened.note
        assert reopened.version_count() == 0
        assert next(path.parent.glob("index.sqlite.damaged-*")).exists()
    finally:
        reopened.close()


def test_the_file_holds_no_secret_and_no_model_card(path, session, sagemaker, add_group):
    add_group("churn")
    card_words = "Rank subscribers by their appetite for pineapple pizza"
    card = {"model_overview": {"model_description": "a card"}, "intended_uses": {"purpose_of_model": card_words}}
    arn = sagemaker.create_model_package(
        ModelPackageGroupName="churn", ModelPackageDescription="weekly retrain",
        ModelApprovalStatus="PendingManualApproval",
        CustomerMetadataProperties={"team": "growth-analytics"},
        InferenceSpecification={"Containers": [{"Image": f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:7",
                                                "ModelDataUrl": "s3://models/churn/7/model.tar.gz"}],
                                "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
        ModelCard={"ModelCardContent": json.dumps(card), "ModelCardStatus": "Draft"},
    )["ModelPackageArn"]
    details = describe_version(session, arn)
    assert card_words in json.dumps(details.raw)  # the describe did read the card

    index = LocalIndex.open(path)
    group_arn = GROUP_ARN
    list(recorded_version_pages(index, group_arn, iter_version_ranges(session, "churn")))
    record_details(index, [details])
    indexed = index.version(arn)
    assert indexed is not None and indexed.metadata == {"team": "growth-analytics"}
    assert indexed.images == (f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:7",)
    index.close()  # checkpoints the WAL into the file

    stored = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.is_file())
    assert b"growth-analytics" in stored  # the bytes are readable as text: a search for the card would find it
    for secret in (card_words, "pineapple", SANDBOX_SECRET_ACCESS_KEY, SANDBOX_ACCESS_KEY_ID):
        assert secret.encode() not in stored


def test_closing_while_workers_write_waits_for_their_call_and_never_crashes(path):
    """The window closes (its index with it) while listings still write from their threads."""
    index = LocalIndex.open(path)
    index.record_versions([a_summary(1)])
    started, outcomes = threading.Barrier(5), []
    batch = [replace(a_summary(n % 28 + 1), arn=f"{a_summary(1).arn[:-2]}/{n}", version=n) for n in range(1, 400)]

    def write_until_closed(worker: int) -> None:
        started.wait()
        try:
            for _ in range(100_000):
                index.record_versions(batch)  # long statements: the close lands in the middle of one
                index.versions_of(GROUP_ARN)
        except IndexUnusable as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=write_until_closed, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    started.wait()
    index.close()
    for thread in threads:
        thread.join(60)

    assert len(outcomes) == 4 and all("closed" in text for text in outcomes)
    assert index.failure == ""  # closed is not damaged: the next start finds nothing to say
    assert LocalIndex.open(path).note == ""
