"""The one record per version that every view shows: reads, local changes, removal, who is told."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from app.registry.versions.records import APPROVED, PENDING, REJECTED, VersionDetails, VersionSummary
from app.registry.versions.store import VersionStore

ARN = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/3"
OTHER = "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/4"
WHEN = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


def summary(arn: str = ARN, status: str = PENDING, description: str = "first") -> VersionSummary:
    return VersionSummary(arn=arn, group="churn", version=int(arn.rsplit("/", 1)[1]), status=status,
                          created=WHEN, description=description, package_status="Completed")


def details(arn: str = ARN, status: str = PENDING, comment: str = "", description: str = "first") -> VersionDetails:
    return VersionDetails(
        arn=arn, group="churn", version=int(arn.rsplit("/", 1)[1]), status=status, description=description,
        created=WHEN, modified=None, approval_comment=comment, containers=(), content_types=(),
        response_types=(), metrics=(), customer_metadata={}, domain="", task="", sample_payload_url="",
        raw={"ModelPackageArn": arn},
    )


class Told:
    def __init__(self, store: VersionStore):
        self.calls: list[set[str]] = []
        store.subscribe(lambda arns: self.calls.append(set(arns)))


def test_a_read_sent_before_a_change_is_refused_and_one_sent_after_is_applied():
    store = VersionStore()
    store.apply_read(summary(), store.read_stamp())
    before = store.read_stamp()  # a describe goes out...
    store.apply_change(ARN, status=APPROVED, comment="looks good")  # ...the approval lands first

    assert store.apply_read(details(status=PENDING), before) is False
    assert store.summary(ARN).status == APPROVED
    assert store.comment(ARN) == "looks good"
    assert store.details(ARN) is None

    after = store.read_stamp()
    assert store.apply_read(details(status=APPROVED, comment="looks good"), after) is True
    assert store.details(ARN).status == APPROVED


def test_a_listing_page_keeps_the_changed_version_and_takes_the_others():
    store = VersionStore()
    store.apply_reads([summary(ARN), summary(OTHER)], store.read_stamp())
    listing = store.read_stamp()
    store.apply_change(ARN, status=REJECTED)

    refused = store.apply_reads([summary(ARN, PENDING), summary(OTHER, APPROVED)], listing)

    assert refused == {ARN}
    assert store.summary(ARN).status == REJECTED
    assert store.summary(OTHER).status == APPROVED


def test_a_change_shows_in_the_summary_and_the_details_and_everyone_is_told_once():
    store = VersionStore()
    store.apply_read(summary(), store.read_stamp())
    store.apply_read(details(comment=""), store.read_stamp())
    told = Told(store)

    store.apply_change(ARN, status=APPROVED, comment="shadow test passed")

    assert told.calls == [{ARN}]
    assert store.summary(ARN).status == APPROVED
    assert (store.details(ARN).status, store.details(ARN).approval_comment) == (APPROVED, "shadow test passed")


def test_details_read_update_the_summary_and_a_newer_listing_drops_older_details():
    store = VersionStore()
    store.apply_read(summary(), store.read_stamp())
    store.apply_read(details(status=PENDING, description="second"), store.read_stamp())
    assert (store.summary(ARN).status, store.summary(ARN).description) == (PENDING, "second")

    # Someone else approved it; a later listing says so: the details no longer tell the truth.
    store.apply_reads([summary(status=APPROVED, description="second")], store.read_stamp())
    assert store.details(ARN) is None


def test_subscribers_hear_only_of_what_changed():
    store = VersionStore()
    told = Told(store)
    page = [summary(ARN), summary(OTHER)]
    store.apply_reads(page, store.read_stamp())
    store.apply_reads(page, store.read_stamp())  # the same answer again: nothing new
    store.apply_reads([summary(ARN), summary(OTHER, APPROVED)], store.read_stamp())

    assert told.calls == [{ARN, OTHER}, {OTHER}]


def test_removal_is_told_and_forgetting_is_not():
    store = VersionStore()
    store.apply_reads([summary(ARN), summary(OTHER)], store.read_stamp())
    told = Told(store)

    store.remove(ARN)
    store.forget([OTHER])
    store.remove("arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/99")  # never known

    assert told.calls == [{ARN}]
    assert ARN not in store and OTHER not in store


def test_comments_are_fresh_only_when_told_after_a_stamp():
    store = VersionStore()
    store.apply_read(details(comment="old"), store.read_stamp())
    reload = store.read_stamp()
    assert store.comment_since(ARN, reload) is None  # read before the reload: ask again
    store.apply_read(details(comment="new"), store.read_stamp())
    assert store.comment_since(ARN, reload) == "new"


def test_known_rows_never_replace_what_the_store_holds():
    store = VersionStore()
    store.apply_read(summary(status=APPROVED), store.read_stamp())
    store.know([summary(status=PENDING), summary(OTHER)])
    assert store.summary(ARN).status == APPROVED
    assert store.summary(OTHER) == summary(OTHER)


def test_an_unsubscribed_view_is_told_nothing():
    store = VersionStore()
    calls: list = []
    unsubscribe = store.subscribe(calls.append)
    unsubscribe()
    unsubscribe()  # twice is harmless (a view shut down twice)
    store.apply_read(summary(), store.read_stamp())
    assert calls == []


def test_forgetting_details_keeps_the_summary():
    store = VersionStore()
    store.apply_read(summary(), store.read_stamp())
    store.apply_read(details(), store.read_stamp())
    store.forget_details()
    assert store.details(ARN) is None and store.summary(ARN) == summary()


def test_a_write_read_back_shows_in_the_row_and_no_older_read_undoes_it():
    store = VersionStore()
    store.apply_read(summary(), store.read_stamp())
    told = Told(store)
    before = store.read_stamp()  # a listing goes out...
    written = dataclasses.replace(details(), raw={"ModelPackageArn": ARN, "ModelLifeCycle": {
        "Stage": "Production", "StageStatus": "Approved"}})
    store.apply_written(written)  # ...the lifecycle edit lands first

    assert told.calls == [{ARN}]
    assert (store.summary(ARN).stage, store.summary(ARN).stage_status) == ("Production", "Approved")
    assert store.details(ARN) is written
    assert store.apply_read(summary(), before) is False
    assert store.summary(ARN).stage == "Production"


def test_a_listing_that_tells_a_new_stage_drops_the_older_details():
    store = VersionStore()
    store.apply_read(details(), store.read_stamp())
    store.apply_read(summary(), store.read_stamp())
    staged = dataclasses.replace(summary(), stage="Staging", stage_status="InProgress")

    store.apply_read(staged, store.read_stamp())

    assert store.details(ARN) is None  # describe again when looked at
