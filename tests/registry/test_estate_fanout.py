"""The estate fan-out: several account-regions listed at once into the local index, each on its
own; the index then holds exactly what boto3 lists, and a failing account never stops the rest."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from app.registry.accounts.sessions import session_for
from app.registry.estate.elsewhere import refresh_estate_elsewhere
from app.registry.estate.fanout import DONE, FAILED, STOPPED, Target, TargetProgress, refresh_estate
from app.registry.index.local import LocalIndex
from tests.registry.conftest import OTHER_ACCOUNT
from tests.ui.faults.proxy import DENIED, EXPIRED, FaultProxy

MAIN = "123456789012"
SPEC = {"Containers": [{"Image": f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn:1"}],
        "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}


def target(connection, region: str | None = None) -> Target:
    if region is not None:
        from dataclasses import replace

        connection = replace(connection, region=region)
    return Target(f"{connection.display_name}@{connection.region}", connection)


def fill(client: Any, groups: dict[str, int]) -> None:
    for name, versions in groups.items():
        client.create_model_package_group(ModelPackageGroupName=name)
        for _ in range(versions):
            client.create_model_package(ModelPackageGroupName=name, InferenceSpecification=SPEC,
                                        ModelApprovalStatus="PendingManualApproval")


def boto3_listing(client: Any) -> dict[str, set[str]]:
    """Every own group's ARN -> its version ARNs, as boto3's paginators list them."""
    listing: dict[str, set[str]] = {}
    for page in client.get_paginator("list_model_package_groups").paginate():
        for group in page["ModelPackageGroupSummaryList"]:
            arns = listing.setdefault(group["ModelPackageGroupArn"], set())
            for versions in client.get_paginator("list_model_packages").paginate(
                    ModelPackageGroupName=group["ModelPackageGroupName"], ModelPackageType="Versioned"):
                arns.update(v["ModelPackageArn"] for v in versions["ModelPackageSummaryList"])
    return listing


def indexed(index: LocalIndex, account: str, region: str) -> dict[str, set[str]]:
    return {g.arn: {v.summary.arn for v in index.versions_of(g.arn)}
            for g in index.estate_counts() if (g.account, g.region) == (account, region)}


class Reports:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.seen: list[TargetProgress] = []

    def __call__(self, progress: TargetProgress) -> None:
        with self.lock:
            self.seen.append(progress)

    def of(self, key: str) -> list[TargetProgress]:
        with self.lock:
            return [p for p in self.seen if p.key == key]



@pytest.fixture(params=[refresh_estate, refresh_estate_elsewhere], ids=["threads here", "worker processes"])
def refresh(request):
    """The listing by this process's threads, and the application's: by its worker processes."""
    return request.param


@pytest.fixture
def estate(connection, other_session):
    """The main account in two regions and a second account: groups of 0 to 130 versions."""
    fill(session_for(connection).client("sagemaker"), {"churn": 130, "fraud": 3, "empty": 0})
    west = target(connection, "eu-west-1")
    fill(session_for(west.connection).client("sagemaker"), {"churn-eu": 2})
    fill(other_session.client("sagemaker"), {"trained": 4})
    return [target(connection), west, target(other_session.connection)]


def test_several_account_regions_are_listed_into_the_index_as_boto3_lists_them(estate, index, refresh):
    reports = Reports()
    outcome = refresh(estate, index, should_stop=lambda: False, report=reports)

    assert [r.phase for r in outcome.results] == [DONE, DONE, DONE]
    assert not outcome.failed and not outcome.stopped
    places = [(MAIN, "us-east-1"), (MAIN, "eu-west-1"), (OTHER_ACCOUNT, "us-east-1")]
    for t, (account, region) in zip(estate, places, strict=True):
        expected = boto3_listing(session_for(t.connection).client("sagemaker"))
        assert indexed(index, account, region) == expected, t.key
        assert index.groups_seen_by(t.key)[1] is not None  # the group listing is complete
        last = reports.of(t.key)[-1]
        assert (last.account, last.region, last.phase) == (account, region, DONE)
        assert last.groups_done == last.groups_total == len(expected)
        assert last.versions == sum(len(v) for v in expected.values())
    # Each group's end is reported with its ARN, once per group.
    finished = [p.group for p in reports.of(estate[0].key) if p.group and p.groups_done]
    assert len({p.group for p in reports.of(estate[0].key) if p.group}) == 3
    assert finished


def test_a_refresh_after_changes_behind_the_applications_back_leaves_no_ghost(estate, index, refresh):
    refresh(estate, index, should_stop=lambda: False, report=lambda _p: None)
    client = session_for(estate[0].connection).client("sagemaker")
    fraud = client.list_model_packages(ModelPackageGroupName="fraud")["ModelPackageSummaryList"]
    client.delete_model_package(ModelPackageName=fraud[0]["ModelPackageArn"])
    fill(client, {"new-group": 2})

    refresh(estate, index, should_stop=lambda: False, report=lambda _p: None)

    assert indexed(index, MAIN, "us-east-1") == boto3_listing(client)
    assert index.version(fraud[0]["ModelPackageArn"]) is None


def test_one_failing_account_never_stops_the_others(estate, index, refresh, sandbox_server, make_connection):
    denied_proxy = FaultProxy(sandbox_server.endpoint_url).start()
    expired_proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        denied_proxy.fail("ListModelPackageGroups", DENIED)
        expired_proxy.fail("ListModelPackageGroups", EXPIRED)
        broken = [target(make_connection(endpoint_url=denied_proxy.url, label="denied")),
                  target(make_connection(endpoint_url=expired_proxy.url, label="expired")),
                  target(make_connection(endpoint_url="http://127.0.0.1:9", label="unreachable"))]
        reports = Reports()
        outcome = refresh([broken[0], *estate, broken[1], broken[2]], index,
                                 should_stop=lambda: False, report=reports)
    finally:
        denied_proxy.close()
        expired_proxy.close()

    phases = {r.key: r.phase for r in outcome.results}
    assert phases == {broken[0].key: FAILED, estate[0].key: DONE, estate[1].key: DONE, estate[2].key: DONE,
                      broken[1].key: FAILED, broken[2].key: FAILED}
    errors = {r.key: r.error or "" for r in outcome.failed}
    assert "denied" in errors[broken[0].key] and "ListModelPackageGroups" in errors[broken[0].key]
    assert "expired" in errors[broken[1].key]
    assert "reach" in errors[broken[2].key].lower()
    assert all(r.error is None for r in outcome.results if r.phase == DONE)
    # Each failure was reported for its own target only, as it happened.
    for t in broken:
        assert reports.of(t.key)[-1].phase == FAILED
    for t in estate:
        assert all(p.error is None for p in reports.of(t.key))
        account, region = reports.of(t.key)[-1].account, reports.of(t.key)[-1].region
        assert indexed(index, account, region) == boto3_listing(session_for(t.connection).client("sagemaker"))


def test_at_most_four_account_regions_are_listed_at_once(connection, index):
    regions = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1"]
    targets = [target(connection, r) for r in regions]
    release = threading.Event()
    lock = threading.Lock()
    inside: list[str] = []
    most = [0]

    def hold(**_kwargs: Any) -> None:
        with lock:
            inside.append("x")
            most[0] = max(most[0], len(inside))
        release.wait(30)
        with lock:
            inside.pop()

    for t in targets:
        session_for(t.connection).client("sagemaker").meta.events.register(
            "before-call.sagemaker.ListModelPackageGroups", hold)
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.append(refresh_estate(
        targets, index, should_stop=lambda: False, report=lambda _p: None)))
    worker.start()
    try:
        # Four listings are under way at once, the other two wait for a free place.
        deadline = threading.Event()
        for _ in range(1500):
            with lock:
                if len(inside) >= 4:
                    break
            deadline.wait(0.02)
        with lock:
            assert len(inside) == 4
    finally:
        release.set()
        worker.join(60)
    assert most[0] == 4
    assert [r.phase for r in result[0].results] == [DONE] * 6


def test_stopping_between_pages_removes_nothing_from_the_index(estate, index):
    refresh_estate(estate, index, should_stop=lambda: False, report=lambda _p: None)
    client = session_for(estate[0].connection).client("sagemaker")
    churn = client.list_model_packages(ModelPackageGroupName="churn", MaxResults=1)["ModelPackageSummaryList"][0]
    client.delete_model_package(ModelPackageName=churn["ModelPackageArn"])
    stop = threading.Event()

    def report(progress: TargetProgress) -> None:
        if progress.versions:  # the first page of versions has landed
            stop.set()

    outcome = refresh_estate(estate, index, should_stop=stop.is_set, report=report)

    assert outcome.stopped
    assert {r.phase for r in outcome.results} <= {STOPPED, DONE}
    # A listing cut short cannot tell what is gone: the deleted version is still indexed.
    assert index.version(churn["ModelPackageArn"]) is not None


def test_a_group_whose_versions_are_refused_is_reported_and_the_targets_other_work_goes_on(
        estate, index, refresh, sandbox_server, make_connection):
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("ListModelPackages", DENIED)
        refused = target(make_connection(endpoint_url=proxy.url, label="refused", region="us-west-2"))
        fill(session_for(make_connection(region="us-west-2")).client("sagemaker"), {"west-a": 2, "west-b": 1})
        reports = Reports()
        outcome = refresh([refused, *estate], index, should_stop=lambda: False, report=reports)
    finally:
        proxy.close()

    result = outcome.results[0]
    assert (result.phase, result.error) == (DONE, None)  # the groups were listed: the target itself is fine
    assert (result.groups_done, result.groups_total, result.groups_failed) == (2, 2, 2)
    refusals = {p.group: p.group_error for p in reports.of(refused.key) if p.group_error}
    assert set(refusals) == {g.arn for g in index.groups_seen_by(refused.key)[0]}
    assert all("sagemaker:ListModelPackages" in text for text in refusals.values())
    assert [r.phase for r in outcome.results[1:]] == [DONE, DONE, DONE]
