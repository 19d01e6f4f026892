"""What the local index costs over a long session: its open connections stay as many as the
threads using it at once however many refreshes ran in fresh threads, and a refresh that finds
nothing new leaves the full-text index untouched (while a change is searchable at once)."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.registry.index import schema
from app.registry.index.local import IndexUnusable, LocalIndex
from app.registry.index.search import search
from app.registry.versions.records import ContainerInfo, VersionDetails, VersionSummary

from .conftest import MAIN_ACCOUNT

WORKERS = 6
REFRESHES = 5
OLD_UPDATE_TRIGGER = """
CREATE TRIGGER version_text_update AFTER UPDATE ON versions BEGIN
    INSERT INTO version_text(version_text, rowid, group_name, description, images, model_data, comment, stage,
                             status, metadata)
    VALUES ('delete', old.id, old.group_name, old.description, old.images, old.model_data, old.comment, old.stage,
            old.status, old.metadata);
    INSERT INTO version_text(rowid, group_name, description, images, model_data, comment, stage, status, metadata)
    VALUES (new.id, new.group_name, new.description, new.images, new.model_data, new.comment, new.stage,
            new.status, new.metadata);
END"""


def a_summary(group: str, n: int, **changes: object) -> VersionSummary:
    summary = VersionSummary(
        arn=f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package/{group}/{n}", group=group, version=n,
        status="PendingManualApproval", created=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n),
        description=f"weekly retrain {n}", package_status="Completed", stage="Staging", stage_status="Approved")
    return replace(summary, **changes)  # type: ignore[arg-type]


def details_of(summary: VersionSummary, comment: str) -> VersionDetails:
    container = ContainerInfo(image=f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/churn:{summary.version}",
                              model_data_url=f"s3://models/churn/{summary.version}/model.tar.gz", environment={},
                              hostname="", framework="", framework_version="")
    raw = {"ModelLifeCycle": {"Stage": summary.stage, "StageStatus": summary.stage_status}}
    return VersionDetails(arn=summary.arn, group=summary.group, version=summary.version, status=summary.status,
                          description=summary.description, created=summary.created, modified=None,
                          approval_comment=comment, containers=(container,), content_types=(), response_types=(),
                          metrics=(), customer_metadata={"team": "growth-analytics"}, domain="", task="",
                          sample_payload_url="", raw=raw)


def full_text_blocks(path: Path) -> list[tuple[int, bytes]]:
    """The full-text index as stored, read by another connection (as another window would)."""
    reader = sqlite3.connect(path)
    try:
        return reader.execute("SELECT id, block FROM version_text_data ORDER BY id").fetchall()
    finally:
        reader.close()


@pytest.fixture
def path() -> Path:
    return schema.index_path("sandbox")


def test_refreshes_in_fresh_threads_leave_no_more_connections_open_than_threads_at_once(path):
    index = LocalIndex.open(path)
    most_at_once, lock = [0], threading.Lock()

    def list_a_group(refresh: int, worker: int) -> None:  # what one listing thread of a refresh does
        group = f"group-{worker}"
        index.record_versions([a_summary(group, n, description=f"refresh {refresh}") for n in range(1, 21)])
        assert len(index.versions_of(f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/{group}")) == 20
        with lock:
            most_at_once[0] = max(most_at_once[0], index.connection_count())

    try:
        for refresh in range(REFRESHES):  # the background refresh: a fresh pool of threads each time
            with ThreadPoolExecutor(WORKERS) as pool:
                for _ in range(3):
                    list(pool.map(list_a_group, [refresh] * WORKERS, range(WORKERS)))
            assert index.connection_count() <= WORKERS, f"after refresh {refresh + 1}"
        assert most_at_once[0] <= WORKERS

        assert index.version_count() == WORKERS * 20  # and everything reads back exactly
        for worker in range(WORKERS):
            rows = index.versions_of(f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/group-{worker}")
            assert [r.summary.version for r in rows] == list(range(20, 0, -1))
            assert {r.summary.description for r in rows} == {f"refresh {REFRESHES - 1}"}
        assert len(search(index, f"refresh {REFRESHES - 1}", limit=1000)) == WORKERS * 20
    finally:
        index.close()
    assert index.connection_count() == 0


def test_a_refresh_that_finds_nothing_new_leaves_the_full_text_index_untouched(path):
    index = LocalIndex.open(path)
    summaries = [a_summary("churn", n) for n in range(1, 51)]
    try:
        index.record_versions(summaries)
        index.record_details([details_of(s, "looks good") for s in summaries])
        before = full_text_blocks(path)

        index.record_versions(summaries)  # the next refresh lists the same versions
        index.record_details([details_of(s, "looks good") for s in summaries])  # and describes them again

        assert full_text_blocks(path) == before
        assert len(search(index, "growth analytics")) == 50
    finally:
        index.close()


def test_a_changed_status_stage_or_comment_is_found_by_the_new_words_and_not_the_old(path):
    index = LocalIndex.open(path)
    first, second, third, fourth = (a_summary("churn", n) for n in range(1, 5))
    try:
        index.record_versions([first, second, third, fourth])
        assert len(search(index, "PendingManualApproval")) == 4

        index.record_versions([replace(first, status="Approved"), second, replace(third, stage="Production"), fourth])
        index.record_approval(second.arn, "Rejected", None)  # one change at a time: each must be searchable
        index.record_approval(fourth.arn, fourth.status, "drifted on holdout")

        assert [h.version.summary.arn for h in search(index, "Approved")] == [first.arn]
        assert [h.version.summary.arn for h in search(index, "Rejected")] == [second.arn]
        assert [h.version.summary.arn for h in search(index, "Production")] == [third.arn]
        assert [h.version.summary.arn for h in search(index, "drifted holdout")] == [fourth.arn]
        assert sorted(h.version.summary.arn for h in search(index, "PendingManualApproval")) == [third.arn, fourth.arn]
        assert sorted(h.version.summary.arn for h in search(index, "Staging")) == [first.arn, second.arn, fourth.arn]
    finally:
        index.close()


def test_a_file_of_the_first_schema_is_upgraded_in_place_with_its_rows_kept(path):
    index = LocalIndex.open(path)
    index.record_versions([a_summary("churn", n) for n in range(1, 4)])
    index.close()
    old = sqlite3.connect(path)  # as the first release left it
    old.execute("DROP TRIGGER version_text_update")
    old.execute(OLD_UPDATE_TRIGGER)
    old.execute("PRAGMA user_version=1")
    old.close()

    index = LocalIndex.open(path)
    try:
        assert index.note == ""  # nothing moved aside, nothing to tell
        assert not list(path.parent.glob("index.sqlite.*-*"))
        assert index.version_count() == 3
        assert len(search(index, "weekly retrain")) == 3
        check = sqlite3.connect(path)
        assert check.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 3
        trigger = check.execute("SELECT sql FROM sqlite_master WHERE name = 'version_text_update'").fetchone()[0]
        check.close()
        assert "WHEN" in trigger

        before = full_text_blocks(path)
        index.record_versions([a_summary("churn", n) for n in range(1, 4)])
        assert full_text_blocks(path) == before
        index.record_versions([a_summary("churn", 1, status="Approved")])
        assert [h.version.summary.version for h in search(index, "Approved")] == [1]
    finally:
        index.close()


def test_a_file_damaged_between_two_calls_is_noticed_by_the_next_even_when_it_read_the_same_rows(path):
    index = LocalIndex.open(path)
    index.record_versions([a_summary("churn", n) for n in range(1, 4)])
    index.close()  # everything in the file itself
    index = LocalIndex.open(path)
    group = f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/churn"
    try:
        assert len(index.versions_of(group)) == 3  # the connection kept for the next call has read these pages
        size = path.stat().st_size
        with open(path, "r+b") as file:  # another program scribbles over the pages
            file.seek(100)
            file.write(b"\xa5" * (size - 100))

        with pytest.raises(IndexUnusable):
            index.versions_of(group)
        assert "next start" in index.failure
    finally:
        index.close()


@pytest.mark.parametrize("change", [
    {"status": "Approved"}, {"package_status": "Failed"}, {"stage": "Production"}, {"stage_status": "Rejected"},
    {"description": "retrained on fresh data"}, {"description": ""}])
def test_each_thing_a_listing_tells_that_changed_is_written_and_an_unchanged_version_is_left_as_it_was(
        path, change):
    index = LocalIndex.open(path)
    try:
        first = [a_summary("churn", n) for n in range(1, 4)]
        index.record_versions(first)
        seen = {s.arn: index.version(s.arn).seen_at for s in first}  # type: ignore[union-attr]

        index.record_versions([replace(first[0], **change), *first[1:]])  # type: ignore[arg-type]

        changed = index.version(first[0].arn)
        assert changed is not None and changed.summary == replace(first[0], **change)  # type: ignore[arg-type]
        assert [index.version(s.arn).seen_at for s in first[1:]] == [seen[s.arn] for s in first[1:]]  # type: ignore[union-attr]
    finally:
        index.close()
