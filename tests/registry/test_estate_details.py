"""After the estate's listing, what a listing cannot tell: approval comments, metadata, images.

The search finds a version by a metadata value or an approval comment only once a describe has
told the index; the estate reads them for a bounded number of versions per refresh (pending
first, then the newest), never twice for a version that did not change, and a refused describe
never costs the listing."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest

from app.registry.accounts.sessions import session_for
from app.registry.estate.details import GIVE_UP_AFTER
from app.registry.estate.fanout import DETAILS, DONE, STOPPED, Target, TargetProgress, refresh_estate
from app.registry.index.local import LocalIndex
from app.registry.index.search import search
from tests.registry.conftest import OTHER_ACCOUNT
from tests.registry.test_estate_fanout import Reports
from tests.ui.faults.proxy import DENIED, FaultProxy

MAIN = "123456789012"
IMAGE = f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn:1"
SPEC = {"Containers": [{"Image": IMAGE, "ModelDataUrl": "s3://models/churn/model.tar.gz"}],
        "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}


def target(connection) -> Target:
    return Target(f"{connection.display_name}@{connection.region}", connection)


def add(client: Any, group: str, status: str = "PendingManualApproval", **extra: Any) -> str:
    return str(client.create_model_package(ModelPackageGroupName=group, InferenceSpecification=SPEC,
                                           ModelApprovalStatus=status, **extra)["ModelPackageArn"])


class Described:
    """The versions each client was asked to describe, one by one, and its batch calls."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arns: Counter[str] = Counter()
        self.batches = 0

    def watch(self, client: Any) -> Described:
        client.meta.events.register("before-parameter-build.sagemaker.DescribeModelPackage", self._one)
        client.meta.events.register("before-parameter-build.sagemaker.BatchDescribeModelPackage", self._batch)
        return self

    def _one(self, params: dict[str, Any], **_: Any) -> None:
        with self.lock:
            self.arns[params["ModelPackageName"]] += 1

    def _batch(self, **_: Any) -> None:
        with self.lock:
            self.batches += 1

    def take(self) -> tuple[Counter[str], int]:
        with self.lock:
            taken, self.arns, batches, self.batches = self.arns, Counter(), self.batches, 0
        return taken, batches




@pytest.fixture
def two_accounts(connection, other_session):
    """The main account's churn models and the training account's experiments."""
    main = session_for(connection).client("sagemaker")
    main.create_model_package_group(ModelPackageGroupName="churn")
    churn = [add(main, "churn") for _ in range(3)]
    # A reviewer signs a version off in the console: the application never saw it happen.
    main.update_model_package(ModelPackageArn=churn[1], ModelApprovalStatus="Approved",
                              ApprovalDescription="Signed off by the Falkenberg review board")
    trained = other_session.client("sagemaker")
    trained.create_model_package_group(ModelPackageGroupName="trained")
    experiments = [add(trained, "trained", CustomerMetadataProperties={"experiment": name})
                   for name in ("baseline", "quokka-sweep-17")]
    return {"targets": [target(connection), target(other_session.connection)], "churn": churn,
            "experiments": experiments, "clients": (main, trained)}


def refresh(targets: list[Target], index: LocalIndex, **options: Any) -> tuple[Any, Reports]:
    reports = Reports()
    outcome = refresh_estate(targets, index, should_stop=lambda: False, report=reports, **options)
    return outcome, reports


def test_after_a_refresh_the_search_finds_versions_by_metadata_and_approval_comment_in_every_account(
        two_accounts, index):
    outcome, reports = refresh(two_accounts["targets"], index)

    assert [r.phase for r in outcome.results] == [DONE, DONE]
    by_metadata = search(index, "quokka")
    assert [(h.version.summary.arn, h.version.account, h.column) for h in by_metadata] == [
        (two_accounts["experiments"][1], OTHER_ACCOUNT, "metadata")]
    by_comment = search(index, "Falkenberg review")
    assert [(h.version.summary.arn, h.version.account, h.column) for h in by_comment] == [
        (two_accounts["churn"][1], MAIN, "comment")]
    assert by_comment[0].version.summary.status == "Approved"
    # Each version's images came with it; the progress told the reading as it went.
    assert index.version(two_accounts["churn"][0]).images == (IMAGE,)
    for result in outcome.results:
        assert (result.details_done, result.details_failed) == (result.details_total, 0)
        assert result.details_total in (2, 3)
    assert any(p.phase == DETAILS for p in reports.seen)


def test_at_most_the_limit_is_described_pending_first_then_newest_and_every_version_gets_its_images(
        connection, index):
    client = session_for(connection).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName="big")
    pending = [add(client, "big") for _ in range(3)]  # the oldest: newest-first alone would skip them
    approved = [add(client, "big", "Approved") for _ in range(9)]
    described = Described().watch(client)

    outcome, _reports = refresh([target(connection)], index, describe_limit=5)

    calls, _batches = described.take()
    assert set(calls) == {*pending, *approved[-2:]}
    assert sum(calls.values()) == 5
    versions = {v.summary.arn: v for v in index.versions_of(client.list_model_package_groups()[
        "ModelPackageGroupSummaryList"][0]["ModelPackageGroupArn"])}
    assert {arn for arn, v in versions.items() if v.comment is not None} == set(calls)
    assert all(v.images == (IMAGE,) for v in versions.values())  # the other seven, 100 to a call
    result = outcome.results[0]
    assert (result.details_total, result.details_done, result.details_failed) == (12, 12, 0)

    # The next refresh describes the next five, the rest of the approved ones, newest first.
    refresh([target(connection)], index, describe_limit=5)
    assert set(described.take()[0]) == set(approved[2:7])


def test_a_second_refresh_describes_only_what_changed_behind_the_applications_back(two_accounts, index):
    main, trained = two_accounts["clients"]
    staged = add(main, "churn", ModelLifeCycle={"Stage": "Staging", "StageStatus": "InProgress"})
    watched = [Described().watch(main), Described().watch(trained)]
    refresh(two_accounts["targets"], index)
    first = [w.take() for w in watched]
    assert sum(len(calls) for calls, _ in first) == 6

    refresh(two_accounts["targets"], index)
    assert [w.take() for w in watched] == [(Counter(), 0), (Counter(), 0)]

    # Behind the application's back: one version approved with a comment, another promoted.
    changed = two_accounts["churn"][0]
    main.update_model_package(ModelPackageArn=changed, ModelApprovalStatus="Rejected",
                              ApprovalDescription="Leaks the cancellation date into the features")
    main.update_model_package(ModelPackageArn=staged,
                              ModelLifeCycle={"Stage": "Production", "StageStatus": "Approved"})
    refresh(two_accounts["targets"], index)

    assert [w.take()[0] for w in watched] == [Counter({changed: 1, staged: 1}), Counter()]
    assert [h.version.summary.arn for h in search(index, "cancellation")] == [changed]
    assert index.version(staged).summary.stage == "Production"


def test_a_describe_refused_for_one_version_costs_neither_the_listing_nor_the_others(
        two_accounts, index, sandbox_server, make_connection):
    refused = two_accounts["churn"][2]
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("DescribeModelPackage", DENIED, only=refused)
        through_proxy = target(make_connection(endpoint_url=proxy.url, label="guarded"))
        outcome, _reports = refresh([through_proxy, two_accounts["targets"][1]], index)
    finally:
        proxy.close()

    assert [(r.phase, r.error) for r in outcome.results] == [(DONE, None), (DONE, None)]
    result = outcome.results[0]
    assert (result.details_total, result.details_done, result.details_failed) == (3, 2, 1)
    listed = {v.summary.arn for g in index.estate_counts() if g.account == MAIN for v in index.versions_of(g.arn)}
    assert listed == set(two_accounts["churn"])
    assert index.version(refused).comment is None  # tried again next time
    assert index.version(refused).images == (IMAGE,)  # though its images came, 100 to a call
    assert [h.version.summary.arn for h in search(index, "Falkenberg")] == [two_accounts["churn"][1]]


def test_describes_refused_for_the_whole_account_stop_after_a_few(connection, index, sandbox_server,
                                                                  make_connection):
    client = session_for(connection).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName="churn")
    for _ in range(40):
        add(client, "churn")
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("DescribeModelPackage", DENIED)
        outcome, _reports = refresh([target(make_connection(endpoint_url=proxy.url, label="lister"))], index,
                                    detail_workers=2)
        tried = proxy.calls_of("DescribeModelPackage")
    finally:
        proxy.close()

    result = outcome.results[0]
    assert (result.phase, result.versions) == (DONE, 40)
    assert (result.details_total, result.details_failed) == (40, 40)
    assert GIVE_UP_AFTER <= tried <= GIVE_UP_AFTER + 2  # not forty refusals in the account's CloudTrail
    assert all(v.images == (IMAGE,) for g in index.estate_counts() for v in index.versions_of(g.arn))


def test_a_describe_limit_of_zero_only_lists(two_accounts, index):
    watched = [Described().watch(c) for c in two_accounts["clients"]]
    outcome, reports = refresh(two_accounts["targets"], index, describe_limit=0)

    assert [r.phase for r in outcome.results] == [DONE, DONE]
    assert [w.take() for w in watched] == [(Counter(), 0), (Counter(), 0)]
    assert not any(p.phase == DETAILS for p in reports.seen)
    assert search(index, "quokka") == []


def test_the_index_picks_pending_then_newest_across_more_groups_than_one_query_takes(index):
    """An account with 1,200 groups: the versions due for a describe are chosen across all of them."""
    from datetime import UTC, datetime, timedelta

    from app.registry.versions.records import VersionSummary

    start = datetime(2024, 1, 1, tzinfo=UTC)
    summaries = [VersionSummary(arn=f"arn:aws:sagemaker:us-east-1:{MAIN}:model-package/g{n}/1", group=f"g{n}",
                                version=1, status="PendingManualApproval" if n in (3, 1150) else "Approved",
                                created=start + timedelta(minutes=n), description="", package_status="Completed")
                 for n in range(1200)]
    index.record_versions(summaries)
    groups = [f"arn:aws:sagemaker:us-east-1:{MAIN}:model-package-group/g{n}" for n in range(1200)]

    due = index.versions_needing_details(groups, 4)

    assert due == [summaries[1150].arn, summaries[3].arn, summaries[1199].arn, summaries[1198].arn]
    assert len(index.versions_lacking_images(groups)) == 1200
    assert index.versions_needing_details(groups[:10], 0) == []


def test_stopping_while_details_are_read_ends_the_reading_between_calls(connection, index):
    client = session_for(connection).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName="churn")
    for _ in range(30):
        add(client, "churn")
    described = Described().watch(client)
    stop = threading.Event()

    def report(progress: TargetProgress) -> None:
        if progress.phase == DETAILS:
            stop.set()

    outcome = refresh_estate([target(connection)], index, should_stop=stop.is_set, report=report, detail_workers=2)

    assert outcome.stopped and outcome.results[0].phase == STOPPED
    assert sum(described.take()[0].values()) <= 2  # those already under way when the stop came
