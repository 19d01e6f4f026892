"""Search everywhere (Ctrl+K) against the sandbox and a real local index, used as a person would."""

from __future__ import annotations

import dataclasses
import threading

import pytest
from PySide6.QtCore import Qt

from app.registry.accounts.sessions import session_for
from app.registry.index.records import place_of
from app.registry.versions.describe import describe_version, iter_version_pages
from app.registry.versions.groups import iter_group_pages
from app.ui.search.popup import SearchPopup
from app.ui.workspace import ConnectionChoice, connection_key
from tests.ui.helpers import spin_until
from tests.ui.test_main_window import TIMEOUT, close, make_window, wait_groups

MAIN, TRAINING = "123456789012", "210987654321"


def index_account(index, connection, *, described: tuple[str, ...] = ()) -> None:
    """What listing this connection's groups and versions (and describing the versions of the
    `described` groups) writes into the index."""
    session = session_for(connection)
    groups = [g for page in iter_group_pages(session) for g in page]
    account, region = place_of(groups[0].arn)
    index.record_groups(connection_key(connection), account, region, groups, complete=True)
    for group in groups:
        versions = [v for page in iter_version_pages(session, group.arn) for v in page]
        index.record_versions(versions)
        if group.name in described:
            index.record_details([describe_version(session, v.arn) for v in versions])


def training_choice(connection) -> ConnectionChoice:
    from app.sandbox.seed import training_credentials

    keys = training_credentials(connection.endpoint_url)
    training = dataclasses.replace(
        connection, access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-training")
    return ConnectionChoice("training", training)


def open_popup(qtbot, window) -> SearchPopup:
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    window.actions_by_name["search_everywhere"].trigger()
    popup = window.findChild(SearchPopup)
    assert popup is not None and popup.isVisible()
    return popup


def shown(popup: SearchPopup) -> list[tuple[str, str, int]]:
    """(heading, group, version) of every result row, in order."""
    rows = []
    for i, heading in enumerate(popup.tree.headings()):
        rows += [(heading, r.version.summary.group, r.version.summary.version) for r in popup.tree.results_under(i)]
    return rows


@pytest.fixture
def window(qtbot, connection, qsettings, sandbox):
    w = make_window(qtbot, connection, qsettings, [training_choice(connection)])
    wait_groups(qtbot, w)
    yield w
    close(w)


def test_ctrl_k_is_the_shortcut_and_the_empty_states_say_what_to_do(qtbot, window, connection):
    assert window.actions_by_name["search_everywhere"].shortcut().toString() == "Ctrl+K"
    popup = open_popup(qtbot, window)
    assert "Type to search" in popup.message.text()
    index_account(window.local_data.index, connection)
    qtbot.keyClicks(popup.field, "nothing-like-this")
    qtbot.waitUntil(lambda: "No version in the indexed accounts matches" in popup.message.text(), timeout=TIMEOUT)
    assert "“nothing-like-this”" in popup.message.text() and "Search AWS" in popup.message.text()
    assert popup.count_label.text() == "0 versions"
    popup.field.clear()
    assert "Type to search" in popup.message.text()


def test_an_empty_index_says_so_instead_of_no_match(qtbot, qsettings, sandbox, connection):
    from app.registry.aws import Connection

    unreachable = Connection(profile=None, region="us-east-1", endpoint_url="http://127.0.0.1:9",
                             access_key_id="x", secret_access_key="y", label="broken")
    window = make_window(qtbot, unreachable, qsettings)  # nothing is ever listed, so nothing indexed
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.field, "churn")
    qtbot.waitUntil(lambda: "holds no version yet" in popup.message.text(), timeout=TIMEOUT)
    close(window)


def test_a_metadata_value_finds_the_version_and_enter_opens_it(qtbot, window, connection):
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    index_account(window.local_data.index, connection, described=("fraud-detection",))
    popup = open_popup(qtbot, window)

    qtbot.keyClicks(popup.field, "RISK-313")

    qtbot.waitUntil(lambda: popup.tree.result_count() == 1, timeout=TIMEOUT)
    assert shown(popup) == [(f"{MAIN} › us-east-1  (sandbox)", "fraud-detection", 3)]
    assert popup.count_label.text() == "1 version · 1 account-region"
    row = popup.tree.topLevelItem(0).child(0)
    assert row.data(3, Qt.ItemDataRole.UserRole + 3).endswith("ticket = <b>RISK</b>-<b>313</b>")  # not JSON
    wanted = popup.tree.current_result().version.summary.arn

    qtbot.keyClick(popup.field, Qt.Key.Key_Return)

    assert not popup.isVisible()
    qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [wanted], timeout=TIMEOUT)
    assert window.groups_view.current_group().name == "fraud-detection"


def test_results_are_grouped_by_account_and_region_and_arrows_move_through_them(qtbot, window, connection):
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    index = window.local_data.index
    index_account(index, connection)
    index_account(index, training_choice(connection).connection)
    popup = open_popup(qtbot, window)

    qtbot.keyClicks(popup.field, "churn")

    qtbot.waitUntil(lambda: popup.tree.place_count() == 2, timeout=TIMEOUT)
    headings = popup.tree.headings()
    assert sorted(headings) == [f"{MAIN} › us-east-1  (sandbox)", f"{TRAINING} › us-east-1  (sandbox-training)"]
    for i, heading in enumerate(headings):
        account = heading.split(" ", 1)[0]
        assert {r.version.account for r in popup.tree.results_under(i)} == {account}
    first = popup.tree.current_result()
    qtbot.keyClick(popup.field, Qt.Key.Key_Down)
    second = popup.tree.current_result()
    assert second is not None and second != first
    qtbot.keyClick(popup.field, Qt.Key.Key_Up)
    assert popup.tree.current_result() == first


def test_enter_on_a_training_account_version_switches_to_its_profile(qtbot, window, connection):
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    index_account(window.local_data.index, training_choice(connection).connection)
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.field, "experiments")
    qtbot.waitUntil(lambda: popup.tree.result_count() == 3, timeout=TIMEOUT)
    wanted = popup.tree.current_result().version

    qtbot.keyClick(popup.field, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: [v.arn for v in window.versions_view.selected_versions()] == [wanted.summary.arn],
                    timeout=TIMEOUT)
    assert window.workspace.connection.display_name == "sandbox-training"
    assert window.groups_view.current_group().arn == wanted.group_arn


def test_a_stale_querys_results_never_replace_a_newer_ones(qtbot, window, connection):
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    index_account(window.local_data.index, connection)
    popup = open_popup(qtbot, window)
    gate, stale_done = threading.Event(), threading.Event()
    real = popup.query

    def held_when_fraud(index, text):  # the real search; the "fraud" one answers late
        if text == "fraud":
            gate.wait(10)
            try:
                return real(index, text)
            finally:
                stale_done.set()
        return real(index, text)

    popup.query = held_when_fraud
    qtbot.keyClicks(popup.field, "fraud")
    popup.run_query()  # the pause in typing is over: the "fraud" query is on its way
    popup.field.selectAll()
    qtbot.keyClicks(popup.field, "demand")
    qtbot.waitUntil(lambda: popup.tree.result_count() == 4, timeout=TIMEOUT)

    gate.set()
    assert stale_done.wait(10)
    assert spin_until(lambda: popup.runner.active_count == 0, TIMEOUT)  # the late answer was delivered

    assert {group for _h, group, _v in shown(popup)} == {"demand-forecast"}
    assert popup.tree.result_count() == 4


def test_search_aws_finds_a_version_the_index_has_not_seen_and_then_the_index_does(qtbot, window, connection):
    qtbot.waitUntil(lambda: window.local_data.index is not None, timeout=TIMEOUT)
    index = window.local_data.index
    index_account(index, connection)
    sm = session_for(connection).client("sagemaker")
    sm.create_model_package_group(ModelPackageGroupName="anomaly-scorer")
    arn = sm.create_model_package(
        ModelPackageGroupName="anomaly-scorer", ModelPackageDescription="Isolation forest <v2> over card events",
        InferenceSpecification={"Containers": [{"Image": f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/iforest:1"}],
                                "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
    )["ModelPackageArn"]
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.field, "anomaly")
    qtbot.waitUntil(lambda: "No version in the indexed accounts matches" in popup.message.text(), timeout=TIMEOUT)

    qtbot.mouseClick(popup.aws_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: popup.tree.result_count() == 1 and popup.aws_button.isEnabled(), timeout=TIMEOUT)
    assert shown(popup) == [(f"{MAIN} › us-east-1  (sandbox)", "anomaly-scorer", 1)]
    assert "found 1 version" in popup.message.text()
    assert popup.tree.topLevelItem(0).child(0).data(3, Qt.ItemDataRole.UserRole + 3) == "<b>anomaly</b>-scorer"
    assert index.version(arn) is not None
    popup.field.clear()
    qtbot.keyClicks(popup.field, "isolation")
    qtbot.waitUntil(lambda: popup.tree.result_count() == 1, timeout=TIMEOUT)
    assert not popup.tree.current_result().from_aws  # the index found it this time
    assert popup.tree.current_result().version.summary.arn == arn
    matched = popup.tree.topLevelItem(0).child(0).data(3, Qt.ItemDataRole.UserRole + 3)
    assert matched.startswith("<b>Isolation</b> forest &lt;v2&gt;")  # escaped, the match in bold


def test_a_search_aws_failure_names_the_profile_and_the_action(qtbot, qsettings, sandbox, connection):
    from app.registry.aws import Connection

    broken = Connection(profile=None, region="us-east-1", endpoint_url="http://127.0.0.1:9",
                        access_key_id="x", secret_access_key="y", label="broken")
    window = make_window(qtbot, broken, qsettings, [ConnectionChoice("sandbox", connection)])
    popup = open_popup(qtbot, window)
    qtbot.keyClicks(popup.field, "churn")

    qtbot.mouseClick(popup.aws_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "sagemaker:Search" in popup.message.text(), timeout=30000)
    assert "'broken'" in popup.message.text()
    assert popup.aws_button.isEnabled()
    close(window)
