"""The Estate dock: every chosen profile and region at once, in a tree account › region › group,
each account-region with its own progress and its own error, selected groups opening as today."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.sandbox.session import training_credentials
from app.ui.estate.model import (
    APPROVED_COLUMN,
    NAME,
    PENDING_COLUMN,
    REJECTED_COLUMN,
    VERSIONS_COLUMN,
)
from app.ui.workspace import ConnectionChoice
from tests.ui.faults.proxy import DENIED, FaultProxy
from tests.ui.helpers import HeldCalls, version_spec, when_modal
from tests.ui.test_main_window import make_window

MAIN, TRAINING = "123456789012", "210987654321"
TIMEOUT = 30000


@pytest.fixture
def training(connection) -> Connection:
    keys = training_credentials(connection.endpoint_url)
    return dataclasses.replace(connection, access_key_id=keys["aws_access_key_id"],
                               secret_access_key=keys["aws_secret_access_key"],
                               session_token=keys["aws_session_token"], label="sandbox-training")


@pytest.fixture
def west(connection) -> Connection:
    """The main account in a second region, with a group of three versions."""
    there = dataclasses.replace(connection, region="eu-west-1")
    client = session_for(there).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName="churn-eu")
    for status in (APPROVED, PENDING, PENDING):
        client.create_model_package(ModelPackageGroupName="churn-eu", ModelApprovalStatus=status,
                                    InferenceSpecification=version_spec("churn"))
    return there


def counts_in_aws(connection: Connection) -> dict[str, tuple[int, int, int, int]]:
    """Group ARN -> (versions, approved, pending, rejected), as boto3 lists them."""
    client = session_for(connection).client("sagemaker")
    counts = {}
    for group in client.list_model_package_groups(MaxResults=100)["ModelPackageGroupSummaryList"]:
        statuses = [v["ModelApprovalStatus"] for page in client.get_paginator("list_model_packages").paginate(
            ModelPackageGroupName=group["ModelPackageGroupName"], ModelPackageType="Versioned")
            for v in page["ModelPackageSummaryList"]]
        counts[group["ModelPackageGroupArn"]] = (len(statuses), statuses.count(APPROVED), statuses.count(PENDING),
                                                 statuses.count(REJECTED))
    return counts


def shown_counts(window, arn: str) -> tuple[int, ...]:
    item = window.estate.dock.model.item_of(arn)
    assert item is not None, arn
    parent = item.parent()
    return tuple(int(parent.child(item.row(), c).text())
                 for c in (VERSIONS_COLUMN, APPROVED_COLUMN, PENDING_COLUMN, REJECTED_COLUMN))


def open_estate(qtbot, window):
    dock = window.estate.dock
    if not dock.isVisible():  # a new window shows it again when the last one did
        window.actions_by_name["estate"].trigger()
    qtbot.waitUntil(lambda: dock.isVisible() and window.local_data.index is not None, timeout=TIMEOUT)
    return dock


def refresh_and_wait(qtbot, window):
    with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT) as done:
        assert window.estate.refresh()
    return done.args[0]


def region_text(window, account: str, region: str) -> str:
    item = window.estate.dock.model.item_of(f"{account}|{region}")
    assert item is not None, (account, region, window.estate.dock.model.keys())
    return item.text()


def test_the_estate_lists_accounts_and_regions_with_counts_per_status(qtbot, connection, training, west, qsettings,
                                                                     qtmodeltester):
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training)])
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
    window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox", "eu-west-1"),
                              ("sandbox-training", "us-east-1")])
    dock = open_estate(qtbot, window)
    qtmodeltester.check(dock.model, force_py=True)  # from here on, every change of the tree is checked

    outcome = refresh_and_wait(qtbot, window)

    assert not outcome.failed and len(outcome.results) == 3
    expected = {**counts_in_aws(connection), **counts_in_aws(west), **counts_in_aws(training)}
    qtbot.waitUntil(lambda: set(expected) <= set(dock.model.keys("group")), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: all(shown_counts(window, arn) == n for arn, n in expected.items()), timeout=TIMEOUT)
    accounts = {dock.model.item(row, NAME).text() for row in range(dock.model.rowCount())}
    assert accounts == {f"sandbox — {MAIN}", f"sandbox-training — {TRAINING}"}
    assert region_text(window, MAIN, "eu-west-1") == "eu-west-1"
    main = dock.model.item_of(MAIN)
    assert int(dock.model.item(main.row(), VERSIONS_COLUMN).text()) == sum(
        n[0] for arn, n in expected.items() if f":{MAIN}:" in arn)


def test_one_failing_account_shows_its_error_while_the_others_load(qtbot, connection, training, qsettings,
                                                                   sandbox_server, qtmodeltester):
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("ListModelPackageGroups", DENIED)
        denied = dataclasses.replace(connection, endpoint_url=proxy.url, label="denied")
        unreachable = dataclasses.replace(connection, endpoint_url="http://127.0.0.1:9", label="unreachable")
        window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training),
                                                           ConnectionChoice("denied", denied),
                                                           ConnectionChoice("unreachable", unreachable)])
        qtbot.waitUntil(lambda: len(window.workspace.choices()) == 4, timeout=TIMEOUT)
        window.estate.set_chosen([("denied", "eu-west-2"), ("unreachable", "us-east-1"), ("sandbox", "us-east-1"),
                                  ("sandbox-training", "us-east-1")])
        dock = open_estate(qtbot, window)
        qtmodeltester.check(dock.model, force_py=True)
        outcome = refresh_and_wait(qtbot, window)
    finally:
        proxy.close()

    assert {r.key for r in outcome.failed} == {"denied@eu-west-2", "unreachable@us-east-1"}
    expected = {**counts_in_aws(connection), **counts_in_aws(training)}
    qtbot.waitUntil(lambda: all(dock.model.item_of(arn) is not None and shown_counts(window, arn) == n
                                for arn, n in expected.items()), timeout=TIMEOUT)
    unreachable_node = dock.model.item_of("?unreachable@us-east-1|us-east-1")
    assert unreachable_node is not None
    assert unreachable_node.text() == "us-east-1 — failed" and not unreachable_node.icon().isNull()
    assert "Cannot reach" in unreachable_node.toolTip()
    assert unreachable_node.child(0).text().startswith("Cannot reach")  # the reason, on its own row
    assert dock.model.item(dock.model.item_of("?unreachable@us-east-1").row(), VERSIONS_COLUMN).text() == ""
    assert dock.model.item_of("?unreachable@us-east-1").text() == "unreachable — account not known yet"
    denied_node = dock.model.item_of(f"{MAIN}|eu-west-2")
    assert denied_node.text() == "eu-west-2 — failed" and not denied_node.icon().isNull()
    assert "sagemaker:ListModelPackageGroups" in denied_node.toolTip()
    assert dock.model.item_of(MAIN).text() == f"denied, sandbox — {MAIN}"
    # The healthy account-regions show no error.
    assert region_text(window, TRAINING, "us-east-1") == "us-east-1"
    assert region_text(window, MAIN, "us-east-1") == "us-east-1"
    assert dock.model.item_of(f"{MAIN}|us-east-1").icon().isNull()


def test_selecting_a_group_opens_it_through_its_own_profile(qtbot, connection, training, qsettings):
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training)])
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
    window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox-training", "us-east-1")])
    dock = open_estate(qtbot, window)
    refresh_and_wait(qtbot, window)
    own = [arn for arn in counts_in_aws(training) if f":{TRAINING}:" in arn]
    qtbot.waitUntil(lambda: dock.model.item_of(own[0]) is not None, timeout=TIMEOUT)

    assert dock.select_key(own[0])

    qtbot.waitUntil(lambda: window.workspace.connection.display_name == "sandbox-training"
                    and window.versions_view.group() is not None and window.versions_view.group().arn == own[0]
                    and window.versions_view.model.rowCount() > 0, timeout=TIMEOUT)
    window.close()


def test_the_chosen_targets_and_the_tree_are_there_in_a_new_window_before_any_refresh(qtbot, connection, west,
                                                                                      qsettings):
    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: window.workspace.choices() != [], timeout=TIMEOUT)
    dock = open_estate(qtbot, window)
    assert window.estate.chosen() == []  # at first, the current connection only
    window.region_picker.addItem("eu-west-1", "eu-west-1")

    def choose(dialog) -> None:
        dialog.set_checked("sandbox", "eu-west-1")
        dialog.accept()

    outcome = when_modal(qtbot, choose)
    with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT):
        dock.choose_button.click()
    outcome.check()
    assert window.estate.chosen() == [("sandbox", "us-east-1"), ("sandbox", "eu-west-1")]
    window.close()

    again = make_window(qtbot, connection, qsettings)
    assert again.estate.dock.isVisible()
    dock = open_estate(qtbot, again)
    assert again.estate.chosen() == [("sandbox", "us-east-1"), ("sandbox", "eu-west-1")]
    expected = counts_in_aws(west)
    qtbot.waitUntil(lambda: all(dock.model.item_of(arn) is not None and shown_counts(again, arn) == n
                                for arn, n in expected.items()), timeout=TIMEOUT)
    assert not again.estate.is_refreshing() and again.estate.last_outcome is None
    assert dock.status.text().startswith("As of ")  # what the index remembers, until F5

    # F5 in the tree lists the estate again (the window's F5 reloads the main views).
    dock.tree.setFocus()
    with qtbot.waitSignal(again.estate.refreshed, timeout=TIMEOUT):
        qtbot.keyClick(dock.tree, Qt.Key.Key_F5)
    assert [r.key for r in again.estate.last_outcome.results] == ["sandbox@us-east-1", "sandbox@eu-west-1"]
    again.close()


@pytest.mark.usefixtures("listing_in_this_process")  # its calls are held in this process
def test_each_account_region_shows_its_own_progress_while_another_is_slow(qtbot, connection, training, qsettings):
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training)])
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
    window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox-training", "us-east-1")])
    dock = open_estate(qtbot, window)
    expected = counts_in_aws(connection)
    with HeldCalls(session_for(training).client("sagemaker"), "ListModelPackages") as held:
        with qtbot.waitSignal(window.estate.refreshed, timeout=TIMEOUT):
            window.estate.refresh()
            qtbot.waitUntil(lambda: held.count() > 0 and dock.model.item_of(f"{TRAINING}|us-east-1") is not None
                            and "listing… 0 of 1 groups" in region_text(window, TRAINING, "us-east-1")
                            and all(dock.model.item_of(arn) is not None and shown_counts(window, arn) == n
                                    for arn, n in expected.items())
                            # done, its versions' details read too, while training still lists
                            and region_text(window, MAIN, "us-east-1") == "us-east-1", timeout=TIMEOUT)
            assert "Listing… 1 of 2 account-regions done" in dock.status.text()
            held.release()
    qtbot.waitUntil(lambda: region_text(window, TRAINING, "us-east-1") == "us-east-1", timeout=TIMEOUT)
    window.close()


def test_a_group_whose_versions_cannot_be_listed_says_so_on_its_own_node(qtbot, connection, training, qsettings,
                                                                         sandbox_server):
    proxy = FaultProxy(sandbox_server.endpoint_url).start()
    try:
        proxy.fail("ListModelPackages", DENIED)
        denied = dataclasses.replace(training, endpoint_url=proxy.url)
        window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", denied)])
        qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
        window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox-training", "us-east-1")])
        dock = open_estate(qtbot, window)
        outcome = refresh_and_wait(qtbot, window)
    finally:
        proxy.close()

    assert not outcome.failed  # the groups were listed; one group's versions were not
    own = next(arn for arn in counts_in_aws(training) if f":{TRAINING}:" in arn)
    qtbot.waitUntil(lambda: dock.model.item_of(own) is not None and not dock.model.item_of(own).icon().isNull(),
                    timeout=TIMEOUT)
    assert "sagemaker:ListModelPackages" in dock.model.item_of(own).toolTip()
    region = dock.model.item_of(f"{TRAINING}|us-east-1")
    assert not region.icon().isNull() and "1 group could not be listed" in region.toolTip()
    # The registry account listed the same group (shared with it) and everything of its own.
    assert shown_counts(window, own) == counts_in_aws(training)[own]
    assert all(dock.model.item_of(arn).icon().isNull() for arn in counts_in_aws(connection))
    assert dock.model.item_of(f"{MAIN}|us-east-1").icon().isNull()
    window.close()


@pytest.mark.usefixtures("listing_in_this_process")  # its calls are held in this process
def test_closing_the_window_while_the_estate_lists_leaves_nothing_behind(qtbot, connection, training, qsettings):
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training)])
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 2, timeout=TIMEOUT)
    window.estate.set_chosen([("sandbox", "us-east-1"), ("sandbox-training", "us-east-1")])
    open_estate(qtbot, window)
    delivered: list[object] = []
    window.estate.refreshed.connect(delivered.append)
    with HeldCalls(session_for(training).client("sagemaker"), "ListModelPackages") as held:
        window.estate.refresh()
        qtbot.waitUntil(lambda: held.count() > 0, timeout=TIMEOUT)
        window.close()  # returns at once, whatever is held
        assert not window.estate.is_refreshing()
    # Released: the listing notices it was stopped between pages; its threads end (checked by the
    # fixtures) and nothing reaches the closed window.
    from app import tasks

    assert tasks.wait_for_threads(10)
    qtbot.wait(50)
    assert delivered == []
