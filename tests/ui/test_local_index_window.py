"""The window and the local index: it opens on last time's rows before any network call, marked
"as of", until the live listing replaces them; a damaged index is said in the banner; Preferences
shows and clears the local data and keeps the background refresh settings."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from app.registry.accounts import sessions
from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.index.schema import index_path
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.ui.helpers import wait_complete, when_modal

TIMEOUT = 20000


def make_window(qtbot, connection: Connection, qsettings, gate: threading.Event | None = None) -> MainWindow:
    """The sandbox window; with `gate`, its startup (the sandbox getting ready) waits for it, and
    until then the window has the connection the application starts with: no address, no keys."""
    starting = Connection(profile=None, region=connection.region, label=connection.label)
    workspace = Workspace(starting if gate is not None else connection,
                          sandbox_endpoint="" if gate is not None else connection.endpoint_url)
    result = StartupResult(choices=[ConnectionChoice("sandbox", connection)], regions=["us-east-1"],
                           current=connection)

    def startup() -> StartupResult:
        if gate is not None:
            gate.wait(60)
            workspace.set_sandbox_endpoint(connection.endpoint_url)
        return result

    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=startup)
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    return window


def listed(window: MainWindow) -> bool:
    return (window.versions_view.group() is not None and window.versions_view.model.rowCount() > 0
            and not window.versions_view.model.loading and not window.groups_view.model.loading
            and window.groups_view.model.rowCount() > 0)


def arns(window: MainWindow) -> set[str]:
    return {v.arn for v in window.versions_view.model.rows()}


def test_the_window_opens_on_last_runs_rows_before_the_sandbox_is_ready_then_the_listing_replaces_them(
        qtbot, connection, qsettings):
    first = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: listed(first), timeout=TIMEOUT)
    group = first.versions_view.group()
    seen_groups = {g.arn for g in first.groups_view.model.rows()}
    seen = arns(first)
    qtbot.waitUntil(lambda: first.local_data.index is not None and len(first.local_data.index.versions_of(
        group.arn)) == len(seen), timeout=TIMEOUT)
    first.close()

    sagemaker = session_for(connection).client("sagemaker")  # behind the application's back
    gone = sorted(seen)[0]
    sagemaker.delete_model_package(ModelPackageName=gone)
    spec = sagemaker.describe_model_package(ModelPackageName=sorted(seen)[1])
    added = sagemaker.create_model_package(
        ModelPackageGroupName=group.name, ModelApprovalStatus="PendingManualApproval",
        InferenceSpecification={k: spec["InferenceSpecification"][k] for k in (
            "Containers", "SupportedContentTypes", "SupportedResponseMIMETypes")})["ModelPackageArn"]

    gate = threading.Event()
    second = make_window(qtbot, connection, qsettings, gate)
    try:
        qtbot.waitUntil(lambda: arns(second) == seen, timeout=TIMEOUT)  # no listing could have run
        assert {g.arn for g in second.groups_view.model.rows()} == seen_groups
        assert second.groups_view.current_group().arn == group.arn
        assert not second.groups_view.as_of.isHidden()
        assert "as of" in second.groups_view.as_of.text() and "before the refresh" in second.groups_view.as_of.text()
        assert "as of" in second.versions_view.title.text()
        assert second.details_area.group_details.details() is None  # nothing read before the sandbox is ready
        assert not second.banner.isVisible()
        second.versions_view.select_arn(sorted(seen)[2])  # a version picked: not described yet either
        qtbot.waitUntil(lambda: len(second.versions_view.selected_versions()) == 1, timeout=TIMEOUT)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: second.workspace.connection == connection, timeout=TIMEOUT)
    # The connection the window starts with never got a session: it would read the user's own AWS files.
    assert not [c for c in sessions._sessions if c.endpoint_url is None]  # noqa: SLF001
    qtbot.waitUntil(lambda: added in arns(second) and gone not in arns(second) and listed(second), timeout=TIMEOUT)
    assert arns(second) == (seen - {gone}) | {added}
    assert second.groups_view.as_of.isHidden()
    assert "as of" not in second.versions_view.title.text()
    assert second.versions_view.group().arn == group.arn
    qtbot.waitUntil(lambda: second.details_area.group_details.details() is not None, timeout=TIMEOUT)
    assert second.details_area.group_details.details().info.arn == group.arn
    assert not second.banner.isVisible()
    index = second.local_data.index
    qtbot.waitUntil(lambda: {r.summary.arn for r in index.versions_of(group.arn)} == arns(second), timeout=TIMEOUT)
    second.close()


def test_a_damaged_index_is_said_in_the_banner_and_the_window_works(qtbot, connection, qsettings):
    path = index_path("sandbox")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database at all " * 100)
    qsettings.setValue("sandbox/kept", "yes")

    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: window.banner.isVisible() and "moved to" in window.banner.text(), timeout=TIMEOUT)
    assert "could not be read" in window.banner.text()
    qtbot.waitUntil(lambda: listed(window), timeout=TIMEOUT)
    assert next(path.parent.glob("index.sqlite.damaged-*")).exists()
    assert qsettings.value("sandbox/kept") == "yes"
    window.close()


def test_preferences_show_and_clear_the_local_data_and_keep_the_refresh_settings(qtbot, connection, qsettings):
    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: listed(window) and window.local_data.index is not None
                    and window.local_data.index.version_count() > 0, timeout=TIMEOUT)
    shown = arns(window)

    window.actions_by_name["preferences"].trigger()
    dialog = window.preferences.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.path_label.text() == str(index_path("sandbox"))
    qtbot.waitUntil(lambda: "on disk" in dialog.size_label.text(), timeout=TIMEOUT)

    changes = []
    window.preferences.changed.connect(lambda: changes.append(1))
    dialog.interval.setValue(0)
    assert dialog.interval.text() == "Off"
    dialog.notifications.setChecked(False)
    assert window.settings.inbox_refresh_minutes() == 0 and not window.settings.notifications_enabled()
    assert len(changes) == 2

    answered = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.clear_button.click()
    answered.check()
    qtbot.waitUntil(lambda: "0 versions" in dialog.size_label.text(), timeout=TIMEOUT)
    assert window.local_data.index.version_count() == 0
    assert arns(window) == shown  # the live rows stay
    dialog.close()
    window.close()


def test_a_group_picked_while_the_sandbox_starts_is_listed_once_it_is_ready(qtbot, connection, qsettings):
    first = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: listed(first), timeout=TIMEOUT)
    shown = first.versions_view.group()
    qtbot.waitUntil(lambda: first.local_data.index is not None
                    and first.local_data.index.groups_seen_by("sandbox@us-east-1")[1] is not None, timeout=TIMEOUT)
    first.close()

    gate = threading.Event()
    second = make_window(qtbot, connection, qsettings, gate)
    try:
        qtbot.waitUntil(lambda: second.versions_view.model.rowCount() > 0, timeout=TIMEOUT)
        sagemaker = session_for(connection).client("sagemaker")
        other = next(g for g in second.groups_view.model.rows() if g.arn != shown.arn and not g.shared
                     and sagemaker.list_model_packages(ModelPackageGroupName=g.name)["ModelPackageSummaryList"])
        assert second.groups_view.select_arn(other.arn)
        qtbot.waitUntil(lambda: second.versions_view.group() is not None
                        and second.versions_view.group().arn == other.arn, timeout=TIMEOUT)
        assert "as of" not in second.versions_view.title.text()
        assert not second.banner.isVisible()  # nothing was sent anywhere before the sandbox was ready
    finally:
        gate.set()
    truth = sagemaker.list_model_packages(
        ModelPackageGroupName=other.name, MaxResults=100)["ModelPackageSummaryList"]
    qtbot.waitUntil(lambda: listed(second) and arns(second) == {v["ModelPackageArn"] for v in truth}, timeout=TIMEOUT)
    assert second.versions_view.group().arn == other.arn
    second.close()


def test_an_index_damaged_while_the_window_uses_it_is_said_once_and_the_listings_go_on(qtbot, connection, qsettings):
    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: listed(window) and window.local_data.index is not None
                    and window.local_data.index.groups_seen_by("sandbox@us-east-1")[1] is not None, timeout=TIMEOUT)
    shown = arns(window)
    path = index_path("sandbox")
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(100)
        file.write(b"\xa5" * (size - 100))
    for suffix in ("-wal",):  # what the open connections still read from the log goes too
        log = path.with_name(path.name + suffix)
        if log.exists():
            log.write_bytes(b"")

    window.refresh()
    qtbot.waitUntil(lambda: window.banner.isVisible() and "failed while in use" in window.banner.text(),
                    timeout=TIMEOUT)
    qtbot.waitUntil(lambda: listed(window), timeout=TIMEOUT)
    assert arns(window) == shown  # the listing itself went on
    assert "next start" in window.banner.text()
    window.close()


def test_an_approval_and_a_deletion_from_the_window_reach_the_index(qtbot, connection, qsettings):
    from PySide6.QtWidgets import QPushButton

    from app.registry.versions.records import APPROVED, PENDING
    from tests.ui.helpers import find_by_name, spin_until
    from tests.ui.test_approval_window import run_dialog, select

    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: listed(window) and window.local_data.index is not None, timeout=TIMEOUT)
    index = window.local_data.index
    group = window.versions_view.group()
    qtbot.waitUntil(lambda: len(index.versions_of(group.arn)) == len(arns(window)), timeout=TIMEOUT)
    pending = [v.arn for v in window.versions_view.model.rows() if v.status == PENDING][:2]
    assert len(pending) == 2
    approved, deleted = pending

    select(qtbot, window.versions_view, [approved])
    seen = run_dialog(qtbot, window, "approve", "fits the holdout", expected=1)
    assert seen["finished"]
    qtbot.waitUntil(lambda: index.version(approved).summary.status == APPROVED, timeout=TIMEOUT)
    assert index.version(approved).comment == "fits the holdout"

    select(qtbot, window.versions_view, [deleted])

    def delete(dialog):
        find_by_name(dialog, QPushButton, "Apply").click()
        assert spin_until(lambda: not dialog.is_running() and dialog.results(), TIMEOUT)
        dialog.accept()

    modal = when_modal(qtbot, delete)
    window.flows.delete_versions()
    modal.check()
    qtbot.waitUntil(lambda: index.version(deleted) is None, timeout=TIMEOUT)
    assert {r.summary.arn for r in index.versions_of(group.arn)} == arns(window)
    window.close()
