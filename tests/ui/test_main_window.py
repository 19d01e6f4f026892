"""The main window against the sandbox, used as a person would: pick, look, approve."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QPlainTextEdit, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions.describe import describe_version
from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.ui.groups.model import GroupsModel
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.versions.model import PLACEHOLDER, VersionsModel
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.ui.helpers import find_by_name, spin_until, wait_complete, when_modal

TIMEOUT = 15000


def make_window(qtbot, connection: Connection, qsettings, extra_choices=()) -> MainWindow:
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    choices = [ConnectionChoice("sandbox", connection), *extra_choices]
    result = StartupResult(choices=choices, regions=["us-east-1"], current=connection)
    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=lambda: result)
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    return window


def wait_groups(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.groups_view.model.rowCount() >= 5 and not window.groups_view.model.loading,
                    timeout=TIMEOUT)


def open_group(qtbot, window: MainWindow, name: str) -> None:
    wait_groups(qtbot, window)
    arn = next(g.arn for g in window.groups_view.model.rows() if g.name == name)
    assert window.groups_view.select_arn(arn)
    qtbot.waitUntil(lambda: window.versions_view.group() is not None
                    and window.versions_view.group().name == name
                    and window.versions_view.model.rowCount() > 0
                    and not window.versions_view.model.loading, timeout=TIMEOUT)


def close(window: MainWindow) -> None:
    window.close()


@pytest.fixture
def window(qtbot, connection, qsettings):
    w = make_window(qtbot, connection, qsettings)
    yield w
    close(w)


def test_window_lists_own_and_shared_groups(qtbot, window, sandbox):
    wait_groups(qtbot, window)
    rows = {g.name: g for g in window.groups_view.model.rows()}
    assert {"churn-prediction", "fraud-detection", "demand-forecast", "sandbox-scratch"} <= set(rows)
    shared = [g for g in rows.values() if g.shared]
    assert shared, "the group shared from the training account is listed"
    model = window.groups_view.model
    position = model.position_of(shared[0].arn)
    owner = model.index(position, GroupsModel.OWNER).data()
    assert owner == "Shared from 210987654321"
    assert "SANDBOX" in window.windowTitle()


def test_pick_a_group_and_its_versions_stream_in_with_images(qtbot, window, sandbox):
    _server, summary = sandbox
    open_group(qtbot, window, "churn-prediction")
    model = window.versions_view.model
    qtbot.waitUntil(lambda: model.rowCount() == summary.version_counts["churn-prediction"], timeout=TIMEOUT)
    # Images and model data arrive from the batch describe, replacing the placeholder.
    qtbot.waitUntil(lambda: all(model.index(r, VersionsModel.IMAGES).data() != PLACEHOLDER
                                for r in range(model.rowCount())), timeout=TIMEOUT)
    assert "churn" in model.index(0, VersionsModel.IMAGES).data()
    assert model.index(0, VersionsModel.MODEL_DATA).data().startswith("s3://")
    statuses = {v.status for v in model.rows()}
    assert statuses == {APPROVED, REJECTED, PENDING}


def test_approval_comments_fill_in_for_the_rows_on_screen(qtbot, window, sandbox):
    """The list call carries no comments; the rows a person can see get them without a click."""
    open_group(qtbot, window, "churn-prediction")
    model = window.versions_view.model
    view = window.versions_view
    qtbot.waitUntil(lambda: len(view._visible_arns()) > 5
                    and all(model.comment_for(arn) is not None for arn in view._visible_arns()),
                    timeout=TIMEOUT)
    shown = [model.index(model.position_of(arn), VersionsModel.COMMENT).data() for arn in view._visible_arns()]
    assert any(shown), "the seeded comments of visible versions are on screen"
    # Rows far below the fold are not described until scrolled to.
    assert any(model.comment_for(v.arn) is None for v in model.rows())


def test_a_comment_changed_elsewhere_shows_after_a_refresh(qtbot, window, sandbox, connection):
    open_group(qtbot, window, "churn-prediction")
    model, view = window.versions_view.model, window.versions_view
    qtbot.waitUntil(lambda: len(view._visible_arns()) > 5
                    and all(model.comment_for(arn) is not None for arn in view._visible_arns()),
                    timeout=TIMEOUT)
    top = view._visible_arns()[0]
    session_for(connection).client("sagemaker").update_model_package(
        ModelPackageArn=top, ModelApprovalStatus="Rejected", ApprovalDescription="Rolled back by the on-call")

    window.actions_by_name["refresh"].trigger()

    def comment() -> str:
        return model.index(model.position_of(top), VersionsModel.COMMENT).data()
    assert comment() != ""  # the old comment stays on screen while the refresh runs
    qtbot.waitUntil(lambda: comment() == "Rolled back by the on-call", timeout=TIMEOUT)


def test_status_filter_shows_only_that_status_and_is_remembered(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "churn-prediction")
    view = window.versions_view
    view.status_filter.setCurrentIndex(view.status_filter.findText("Rejected"))
    proxy = view.proxy
    assert 0 < proxy.rowCount() < view.model.rowCount()
    for row in range(proxy.rowCount()):
        assert proxy.index(row, VersionsModel.STATUS).data() == "Rejected"
    chosen_group = window.groups_view.current_group().arn
    close(window)

    again = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: again.versions_view.group() is not None, timeout=TIMEOUT)
    assert again.versions_view.group().arn == chosen_group  # the last group comes back
    assert again.versions_view.status_filter.currentText() == "Rejected"
    close(again)


def test_pipeline_version_shows_its_three_containers_in_order(qtbot, window, sandbox):
    _server, summary = sandbox
    open_group(qtbot, window, "fraud-detection")
    assert window.versions_view.select_arn(summary.pipeline_version_arn)
    pane = window.details_pane
    qtbot.waitUntil(lambda: pane.current_details() is not None
                    and pane.current_details().arn == summary.pipeline_version_arn, timeout=TIMEOUT)
    details = pane.current_details()
    assert len(details.containers) == 3
    # What the person sees: each container's environment in its own table, in order.
    for n, container in enumerate(details.containers, 1):
        assert container.environment, f"container {n} has environment variables"
        table = find_by_name(pane, QAbstractItemView, f"Container {n} environment")
        shown = {table.model().index(r, 0).data(): table.model().index(r, 1).data()
                 for r in range(table.model().rowCount())}
        assert shown == container.environment
    texts = " ".join(label.text() for label in pane.findChildren(QLabel))
    assert "Inference pipeline of 3 containers" in texts


def approve_via_dialog(qtbot, window: MainWindow, status_action: str, comment: str, expected: int):
    outcome = {}

    def act(dialog):
        find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText(comment)
        apply_button = find_by_name(dialog, QPushButton, "Apply")
        assert apply_button.isEnabled()
        apply_button.click()
        outcome["finished"] = spin_until(lambda: len(dialog.results()) == expected, 20000)
        outcome["results"] = list(dialog.results())
        outcome["summary behind"] = window.details_pane.message.text()  # seen while the dialog is open
        dialog.done(0)

    modal = when_modal(qtbot, act)
    window.actions_by_name[status_action].trigger()
    modal.check()
    return outcome


def test_approve_one_version_updates_the_cell_and_the_server(qtbot, window, sandbox, connection):
    open_group(qtbot, window, "churn-prediction")
    pending = next(v for v in window.versions_view.model.rows() if v.status == PENDING)
    assert window.versions_view.select_arn(pending.arn)
    qtbot.waitUntil(lambda: window.actions_by_name["approve"].isEnabled(), timeout=TIMEOUT)
    outcome = approve_via_dialog(qtbot, window, "approve", "Shadow test passed", 1)
    assert outcome["finished"] and outcome["results"][0].ok
    model = window.versions_view.model
    assert model.index(model.position_of(pending.arn), VersionsModel.STATUS).data() == "Approved"
    on_server = describe_version(session_for(connection), pending.arn)
    assert on_server.status == APPROVED
    assert on_server.approval_comment == "Shadow test passed"


def test_bulk_reject_three(qtbot, window, sandbox, connection):
    open_group(qtbot, window, "churn-prediction")
    view = window.versions_view
    targets = [v for v in view.model.rows() if v.status == PENDING][:3]
    assert len(targets) == 3
    selection = view.table.selectionModel()
    for v in targets:
        index = view.proxy.mapFromSource(view.model.index(view.model.position_of(v.arn), 0))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: len(view.selected_versions()) == 3, timeout=TIMEOUT)
    outcome = approve_via_dialog(qtbot, window, "reject", "Drift too high", 3)
    assert outcome["finished"] and all(r.ok for r in outcome["results"])
    assert outcome["summary behind"] == "3 versions selected: 3 rejected"
    assert window.details_pane.message.text() == "3 versions selected: 3 rejected"
    session = session_for(connection)
    for v in targets:
        assert view.model.row_for(v.arn).status == REJECTED
        assert view.model.index(view.model.position_of(v.arn), VersionsModel.COMMENT).data() == "Drift too high"
        assert describe_version(session, v.arn).status == REJECTED


def test_search_filters_groups_after_a_pause(qtbot, window, sandbox):
    wait_groups(qtbot, window)
    qtbot.keyClicks(window.groups_view.search, "fraud")
    qtbot.waitUntil(lambda: window.groups_view.proxy.rowCount() == 1, timeout=TIMEOUT)
    assert window.groups_view.proxy.index(0, GroupsModel.NAME).data() == "fraud-detection"
    assert "1 of" in window.groups_view.count_label.text()


def test_switching_to_the_training_account_shows_only_its_groups(qtbot, connection, qsettings, sandbox):
    from app.sandbox.seed import training_credentials

    keys = training_credentials(connection.endpoint_url)
    training = dataclasses.replace(
        connection, access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-training")
    window = make_window(qtbot, connection, qsettings, [ConnectionChoice("training", training)])
    wait_groups(qtbot, window)
    window.connection_picker.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not window.groups_view.model.loading
                    and window.groups_view.model.rowCount() > 0
                    and all(g.account_id == "210987654321" for g in window.groups_view.model.rows()),
                    timeout=TIMEOUT)
    names = {g.name for g in window.groups_view.model.rows()}
    assert "churn-prediction" not in names
    close(window)


def test_an_unreachable_endpoint_is_explained_and_the_window_keeps_working(qtbot, qsettings, sandbox, connection):
    broken = Connection(profile=None, region="us-east-1", endpoint_url="http://127.0.0.1:9",
                        access_key_id="x", secret_access_key="y", label="broken")
    window = make_window(qtbot, broken, qsettings, [ConnectionChoice("sandbox", connection)])
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=30000)
    text = window.banner.text()
    assert "broken" in text and "reach" in text.lower()
    # The window keeps working: switch to a good connection and groups load.
    window.connection_picker.setCurrentIndex(1)
    wait_groups(qtbot, window)
    close(window)


def test_copy_arn_puts_the_selected_versions_on_the_clipboard(qtbot, window, sandbox):
    open_group(qtbot, window, "demand-forecast")
    first = window.versions_view.model.rows()[0]
    window.versions_view.select_arn(first.arn)
    qtbot.waitUntil(lambda: window.actions_by_name["copy_arn"].isEnabled(), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(window.versions_view.selected_versions()), timeout=TIMEOUT)
    window.actions_by_name["copy_arn"].trigger()
    assert QApplication.clipboard().text() == first.arn


def test_every_item_model_passes_the_model_tester(qtbot, qtmodeltester, window, sandbox):
    open_group(qtbot, window, "churn-prediction")
    qtmodeltester.check(window.groups_view.model)
    qtmodeltester.check(window.groups_view.proxy)
    qtmodeltester.check(window.versions_view.model)
    qtmodeltester.check(window.versions_view.proxy)


def test_shortcuts_are_the_documented_ones(window):
    keys = {name: action.shortcut().toString() for name, action in window.actions_by_name.items()}
    assert keys["refresh"] == "F5"
    assert keys["find"] == "Ctrl+F"
    assert keys["approve"] == "Ctrl+Shift+A"
    assert keys["reject"] == "Ctrl+Shift+R"
    assert keys["copy_arn"] == "Ctrl+Shift+C"
    assert Qt.Key.Key_F5  # the refresh key exists on this platform


def test_switching_profile_clears_the_previous_profiles_error(qtbot, qsettings, sandbox, connection):
    broken = Connection(profile=None, region="us-east-1", endpoint_url="http://127.0.0.1:9",
                        access_key_id="x", secret_access_key="y", label="broken")
    window = make_window(qtbot, broken, qsettings, [ConnectionChoice("sandbox", connection)])
    qtbot.waitUntil(lambda: "broken" in window.statusBar().currentMessage(), timeout=30000)

    window.connection_picker.setCurrentIndex(1)

    assert "broken" not in window.statusBar().currentMessage()
    assert "broken" not in window.banner.text()
    wait_groups(qtbot, window)
    assert "broken" not in window.statusBar().currentMessage()
    assert not window.groups_view.problem.text()
    close(window)


def test_a_comment_read_sent_before_a_refresh_never_lands_after_it(qtbot, window, sandbox, connection):
    from tests.ui.helpers import HeldCalls

    open_group(qtbot, window, "churn-prediction")
    model, view = window.versions_view.model, window.versions_view
    client = session_for(connection).client("sagemaker")
    with HeldCalls(client, "DescribeModelPackage", stage="after-call") as old_reads:
        view.table.scrollToBottom()  # these rows' comments are read; the answers are held
        qtbot.waitUntil(lambda: old_reads.count() >= 1, timeout=TIMEOUT)
        row = old_reads.entered[0]["ModelPackageArn"]
        client.update_model_package(ModelPackageArn=row, ModelApprovalStatus="Rejected",
                                    ApprovalDescription="Rolled back by the on-call")
        old_reads.stop_holding()
        window.actions_by_name["refresh"].trigger()  # F5 reads the comments again

        def comment() -> str:
            return model.index(model.position_of(row), VersionsModel.COMMENT).data()
        qtbot.waitUntil(lambda: comment() == "Rolled back by the on-call", timeout=TIMEOUT)
        old_reads.release()  # the answers from before F5 arrive last
        qtbot.waitUntil(lambda: view.runner.active_count == 0, timeout=TIMEOUT)
    assert comment() == "Rolled back by the on-call"
    assert model.row_for(row).status == REJECTED


def test_the_checks_are_ready_before_a_dialog_needs_them(qtbot, connection, qsettings):
    """The card schema (a file) is read by a worker at start-up, never by the first keystroke."""
    import threading

    from app.registry.versions import cardschema

    cardschema.load_schema.cache_clear()
    readers: list[str] = []
    original = cardschema.SCHEMA_PATH.read_text

    class Watched(type(cardschema.SCHEMA_PATH)):  # the same path, noting which thread reads it
        def read_text(self, *args, **kwargs):
            readers.append(threading.current_thread().name)
            return original(*args, **kwargs)

    path = cardschema.SCHEMA_PATH
    cardschema.SCHEMA_PATH = Watched(path)
    try:
        w = make_window(qtbot, connection, qsettings)
        qtbot.waitUntil(lambda: cardschema.load_schema.cache_info().currsize == 1, timeout=TIMEOUT)
        close(w)
    finally:
        cardschema.SCHEMA_PATH = path
    assert readers and threading.main_thread().name not in readers
