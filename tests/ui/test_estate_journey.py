"""The issue's journey through the window, in the sandbox: a new user adds the three accounts and
two regions to the estate, finds a version by a metadata value in one debounced search, approves
two versions from the inbox, sees which endpoint serves a version, then closes the application and
reopens it to see everything at once, before the refresh."""

from __future__ import annotations

import dataclasses
import threading

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions.records import APPROVED, PENDING, group_arn_of
from app.sandbox.server import SANDBOX_REGIONS
from app.sandbox.session import (
    BUSINESS_UNIT_ACCOUNT_ID,
    MAIN_ACCOUNT_ID,
    TRAINING_ACCOUNT_ID,
    business_unit_credentials,
    training_credentials,
)
from app.ui.main_window import MainWindow
from app.ui.search.popup import SearchPopup
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.ui.helpers import wait_complete, when_modal
from tests.ui.test_deployed import deployed_to
from tests.ui.test_inbox import approve_from_inbox
from tests.ui.test_main_window import TIMEOUT

PROFILES = ("sandbox", "sandbox-training", "sandbox-bu")
METADATA_VALUE = "RISK-313"  # a fraud-detection version's metadata (ticket = RISK-313)


def _assumed(connection: Connection, keys: dict[str, str], label: str) -> Connection:
    return dataclasses.replace(connection, access_key_id=keys["aws_access_key_id"],
                               secret_access_key=keys["aws_secret_access_key"],
                               session_token=keys["aws_session_token"], label=label)


def _choices(connection: Connection) -> list[ConnectionChoice]:
    """The picker of the sandbox application: its three accounts."""
    endpoint = connection.endpoint_url or ""
    return [
        ConnectionChoice(f"sandbox — registry account {MAIN_ACCOUNT_ID}", connection),
        ConnectionChoice(f"sandbox-training — training account {TRAINING_ACCOUNT_ID}",
                         _assumed(connection, training_credentials(endpoint), "sandbox-training")),
        ConnectionChoice(f"sandbox-bu — business unit account {BUSINESS_UNIT_ACCOUNT_ID}",
                         _assumed(connection, business_unit_credentials(endpoint), "sandbox-bu")),
    ]


def _window(qtbot, connection: Connection, qsettings, gate: threading.Event | None = None) -> MainWindow:
    """The sandbox application's window; with `gate`, the sandbox is "starting" until it is set."""
    starting = Connection(profile=None, region=connection.region, label=connection.label)
    workspace = Workspace(starting if gate is not None else connection,
                          sandbox_endpoint="" if gate is not None else connection.endpoint_url)
    result = StartupResult(choices=_choices(connection), regions=list(SANDBOX_REGIONS), current=connection)

    def startup() -> StartupResult:
        if gate is not None:
            gate.wait(60)
            workspace.set_sandbox_endpoint(connection.endpoint_url or "")
        return result

    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=startup)
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    return window


def _accounts_in_tree(window: MainWindow) -> set[str]:
    model = window.estate.dock.model
    return {model.item(row, 0).text() for row in range(model.rowCount())}


def _add_the_whole_sandbox(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: len(window.workspace.choices()) == 3 and window.local_data.index is not None,
                    timeout=TIMEOUT)
    window.actions_by_name["estate"].trigger()
    dock = window.estate.dock
    qtbot.waitUntil(dock.isVisible, timeout=TIMEOUT)

    def choose(dialog) -> None:
        for profile in PROFILES:
            for region in SANDBOX_REGIONS:
                dialog.set_checked(profile, region)
        dialog.accept()

    chosen = when_modal(qtbot, choose)
    with qtbot.waitSignal(window.estate.refreshed, timeout=60000) as done:
        dock.choose_button.click()
    chosen.check()
    outcome = done.args[0]
    assert not outcome.failed, [r.error for r in outcome.results]
    assert sorted(r.key for r in outcome.results) == sorted(f"{p}@{r}" for p in PROFILES for r in SANDBOX_REGIONS)
    qtbot.waitUntil(lambda: len(_accounts_in_tree(window)) == 3, timeout=TIMEOUT)


def _find_by_metadata(qtbot, window: MainWindow) -> str:
    window.actions_by_name["search_everywhere"].trigger()
    popup = window.findChild(SearchPopup)
    assert popup is not None and popup.isVisible()
    qtbot.keyClicks(popup.field, METADATA_VALUE)  # one search, after the typing pauses
    qtbot.waitUntil(lambda: popup.tree.result_count() == 1, timeout=TIMEOUT)
    found = popup.tree.current_result().version.summary
    assert (found.group, found.version) == ("fraud-detection", 3)
    qtbot.keyClick(popup.field, "\r")
    qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [found.arn],
                    timeout=TIMEOUT)
    return found.arn


def test_the_whole_estate_at_a_glance_then_again_at_once_after_a_restart(qtbot, connection, qsettings, sandbox):
    _server, summary = sandbox
    window = _window(qtbot, connection, qsettings)
    try:
        _add_the_whole_sandbox(qtbot, window)
        assert _accounts_in_tree(window) == {f"{p} — {a}" for p, a in zip(
            PROFILES, (MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID, BUSINESS_UNIT_ACCOUNT_ID), strict=True)}

        _find_by_metadata(qtbot, window)

        window.actions_by_name["inbox"].trigger()
        view = window.inbox.view
        qtbot.waitUntil(lambda: view.model.rowCount() >= 4 and all(r.profile for r in view.model.rows()),
                        timeout=TIMEOUT)
        waiting = [r.arn for r in view.model.rows()]
        accounts = {r.version.account for r in view.model.rows()}
        assert {MAIN_ACCOUNT_ID, BUSINESS_UNIT_ACCOUNT_ID} <= accounts  # across the estate, oldest first
        created = [r.version.summary.created for r in view.model.rows()]
        assert created == sorted(created)
        chosen = [r.arn for r in view.model.rows()
                  if (r.version.account, r.version.region) == (BUSINESS_UNIT_ACCOUNT_ID, "us-east-1")][:2]
        assert len(chosen) == 2
        view.select_arns(chosen)
        seen = approve_from_inbox(qtbot, window, "Approved from the inbox", 2)
        assert seen["finished"] and all(r.ok for r in seen["results"]), seen["lines"]
        bu = session_for(_choices(connection)[2].connection).client("sagemaker")
        assert [bu.describe_model_package(ModelPackageName=arn)["ModelApprovalStatus"] for arn in chosen] == [
            APPROVED, APPROVED]
        qtbot.waitUntil(lambda: [r.arn for r in view.model.rows()] == [a for a in waiting if a not in chosen],
                        timeout=TIMEOUT)

        production = summary.production_version_arn
        window.navigator.open(connection, group_arn_of(production), production)
        qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [production],
                        timeout=TIMEOUT)
        qtbot.waitUntil(lambda: "churn-scoring-prod" in deployed_to(window).text(), timeout=TIMEOUT)
        last_group = window.versions_view.group()
        assert last_group is not None
        shown_versions = {v.arn for v in window.versions_view.model.rows()}
        tree_keys = set(window.estate.dock.model.keys("group"))
    finally:
        window.close()

    gate = threading.Event()  # the sandbox "starts" only when the test says so
    again = _window(qtbot, connection, qsettings, gate)
    try:
        # Everything at once, from the index, before any call could be made.
        qtbot.waitUntil(lambda: {v.arn for v in again.versions_view.model.rows()} == shown_versions,
                        timeout=TIMEOUT)
        assert again.groups_view.current_group().arn == last_group.arn
        assert "as of" in again.groups_view.as_of.text()
        assert again.estate.dock.isVisible() and again.inbox.dock.isVisible()
        qtbot.waitUntil(lambda: set(again.estate.dock.model.keys("group")) == tree_keys, timeout=TIMEOUT)
        assert len(_accounts_in_tree(again)) == 3
        inbox = again.inbox.view
        qtbot.waitUntil(lambda: [r.arn for r in inbox.model.rows()] == [a for a in waiting if a not in chosen],
                        timeout=TIMEOUT)
        assert all(r.version.summary.status == PENDING for r in inbox.model.rows())
        assert not again.estate.is_refreshing()
    finally:
        gate.set()
    qtbot.waitUntil(lambda: again.groups_view.as_of.isHidden(), timeout=TIMEOUT)  # the refresh landed
    again.close()
