"""Approvals from the main window: what the table shows after the dialog, whatever else was in flight."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.versions.describe import describe_version
from app.registry.versions.records import APPROVED, PENDING, REJECTED
from app.ui.versions.model import VersionsModel
from tests.ui.helpers import FailOnce, HeldCalls, find_by_name, image_of, make_group, spin_until, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group


def select(qtbot, view, arns: list[str]) -> None:
    selection = view.table.selectionModel()
    selection.clearSelection()
    for arn in arns:
        index = view.proxy.mapFromSource(view.model.index(view.model.position_of(arn), 0))
        selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: {v.arn for v in view.selected_versions()} == set(arns), timeout=TIMEOUT)


def run_dialog(qtbot, window, action: str, comment: str | None, expected: int) -> dict:
    """Trigger `action`, type `comment` (None: leave what the dialog shows), apply, wait, close."""
    seen: dict = {}

    def act(dialog):
        box = find_by_name(dialog, QPlainTextEdit, "Approval comment")
        seen["comment shown"] = box.toPlainText()
        if comment is not None:
            box.setPlainText(comment)
        find_by_name(dialog, QPushButton, "Apply").click()
        seen["finished"] = spin_until(lambda: len(dialog.results()) == expected and not dialog.is_running(), 20000)
        seen["results"] = list(dialog.results())
        seen["lines"] = [find_by_name(dialog, QListWidget, "Results").item(i).text()
                         for i in range(find_by_name(dialog, QListWidget, "Results").count())]
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.done(0)

    modal = when_modal(qtbot, act)
    window.actions_by_name[action].trigger()
    modal.check()
    return seen


def cell(view, arn: str, column: int) -> str:
    return view.model.index(view.model.position_of(arn), column).data()


def test_a_late_read_never_undoes_an_approval_on_screen(qtbot, connection, qsettings, sandbox):
    make_group(connection, "late-reads", 60, image_of("late"))
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    try:
        open_group(qtbot, window, "late-reads")
        view = window.versions_view
        qtbot.waitUntil(lambda: view._visible_arns() and all(
            view.model.comment_for(arn) is not None for arn in view._visible_arns()), timeout=TIMEOUT)
        # AWS answers the comment reads at once (Pending); the answers are held on their way back.
        with HeldCalls(client, "DescribeModelPackage", stage="after-call") as reads:
            view.table.scrollToBottom()  # new rows ask for their comments
            qtbot.waitUntil(lambda: reads.count() >= 2, timeout=TIMEOUT)
            in_flight = [answer["ModelPackageArn"] for answer in reads.entered[:2]]
            assert {answer["ModelApprovalStatus"] for answer in reads.entered[:2]} == {PENDING}
            assert all(view.model.row_for(arn).status == PENDING for arn in in_flight)
            select(qtbot, view, in_flight)
            seen = run_dialog(qtbot, window, "approve", "Shadow test passed", 2)
            assert seen["finished"] and all(r.ok for r in seen["results"])
            assert [cell(view, arn, VersionsModel.STATUS) for arn in in_flight] == ["Approved"] * 2
            reads.release()  # the reads sent before the approval land now
            qtbot.waitUntil(lambda: view.runner.active_count == 0, timeout=TIMEOUT)

        for arn in in_flight:
            assert describe_version(session_for(connection), arn).status == APPROVED
            assert cell(view, arn, VersionsModel.STATUS) == "Approved"
            assert cell(view, arn, VersionsModel.COMMENT) == "Shadow test passed"
    finally:
        close(window)


def test_a_version_deleted_behind_our_back_leaves_the_table(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "churn-prediction")
        view = window.versions_view
        targets = [v.arn for v in view.model.rows() if v.status == PENDING][:3]
        before = view.model.rowCount()
        select(qtbot, view, targets)
        session_for(connection).client("sagemaker").delete_model_package(ModelPackageName=targets[1])

        seen = run_dialog(qtbot, window, "reject", "Drift too high", 3)
        assert seen["summary"] == "2 rejected, 1 failed"
        assert any(line.startswith("✗") and "Not found" in line for line in seen["lines"])

        assert view.model.row_for(targets[1]) is None  # gone from the table, as from AWS
        assert view.model.rowCount() == before - 1
        assert view.count_label.text().startswith(f"{before - 1} versions")
        for arn in (targets[0], targets[2]):
            assert cell(view, arn, VersionsModel.STATUS) == "Rejected"
        assert {v.arn for v in view.selected_versions()} == {targets[0], targets[2]}
    finally:
        close(window)


def test_reopening_after_a_failure_shows_the_comment_typed_before(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "churn-prediction")
        view = window.versions_view
        targets = [v.arn for v in view.model.rows() if v.status == PENDING][:2]
        select(qtbot, view, targets)
        with FailOnce(session_for(connection).client("sagemaker"), "UpdateModelPackage", targets[0]):
            first = run_dialog(qtbot, window, "approve", "Shadow test passed", 2)
        assert first["summary"] == "1 approved, 1 failed"

        second = run_dialog(qtbot, window, "approve", None, 1)  # the one approved is skipped
        assert second["comment shown"] == "Shadow test passed"
        assert second["summary"] == "1 approved, 1 skipped"
        third = run_dialog(qtbot, window, "reject", None, 2)  # a reject does not inherit it
        assert third["comment shown"] == ""
        assert all(describe_version(session_for(connection), arn).status == REJECTED for arn in targets)
    finally:
        close(window)


def wait_comments(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view._visible_arns() and all(
        view.model.comment_for(arn) is not None for arn in view._visible_arns()), timeout=TIMEOUT)


def test_a_late_details_read_never_undoes_an_approval_on_screen(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    try:
        open_group(qtbot, window, "churn-prediction")
        view, pane = window.versions_view, window.details_pane
        wait_comments(qtbot, view)
        # Not one of the rows on screen: their comment reads described them already, into the store.
        target = next(v.arn for v in view.model.rows() if v.status == PENDING and pane.store.details(v.arn) is None)
        seen: dict = {}
        with HeldCalls(client, "DescribeModelPackage", stage="after-call") as reads:
            select(qtbot, view, [target])  # the details pane reads it; the answer (Pending) is held
            qtbot.waitUntil(lambda: reads.count() >= 1, timeout=TIMEOUT)

            def act(dialog):
                find_by_name(dialog, QPushButton, "Apply").click()
                seen["finished"] = spin_until(lambda: not dialog.is_running() and dialog.results(), 20000)
                reads.release()  # the read sent before the approval lands behind the dialog
                spin_until(lambda: pane.runner.active_count == 0, 20000)
                seen["status behind"] = cell(view, target, VersionsModel.STATUS)
                dialog.done(0)

            modal = when_modal(qtbot, act)
            window.actions_by_name["approve"].trigger()
            modal.check()
        assert seen["finished"] and seen["status behind"] == "Approved"
        qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
        assert pane.current_details().status == APPROVED and cell(view, target, VersionsModel.STATUS) == "Approved"
    finally:
        close(window)


def test_a_refresh_sent_before_an_approval_never_undoes_it(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    client = session_for(connection).client("sagemaker")
    try:
        open_group(qtbot, window, "churn-prediction")
        view = window.versions_view
        wait_comments(qtbot, view)
        target = next(arn for arn in view._visible_arns() if view.model.row_for(arn).status == PENDING)
        select(qtbot, view, [target])
        with HeldCalls(client, "ListModelPackages", stage="after-call") as listing:
            window.actions_by_name["refresh"].trigger()  # F5: its answers (Pending) are held
            qtbot.waitUntil(lambda: listing.count() >= 1, timeout=TIMEOUT)
            seen = run_dialog(qtbot, window, "approve", "Shadow test passed", 1)
            assert seen["finished"] and cell(view, target, VersionsModel.STATUS) == "Approved"
            with qtbot.waitSignal(view.loadFinished, timeout=TIMEOUT):
                listing.release()
        assert cell(view, target, VersionsModel.STATUS) == "Approved"
        assert describe_version(session_for(connection), target).status == APPROVED
    finally:
        close(window)
