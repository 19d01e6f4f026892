"""The approval dialog against the sandbox: preview, comment checks, per-item results."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions.describe import describe_version, iter_version_pages
from app.registry.versions.records import APPROVED, PENDING, REJECTED, VersionDetails, VersionSummary
from app.ui.versions.approval import ApprovalDialog
from app.ui.widgets.formatting import format_count
from tests.ui.helpers import FailOnce, HeldCalls

TIMEOUT = 10000


def find_by_name(root, cls: type, accessible_name: str):
    found = [w for w in root.findChildren(cls) if w.accessibleName() == accessible_name]
    assert found, f"no {cls.__name__} named {accessible_name!r}"
    return found[0]


def churn(connection: Connection) -> dict[int, VersionSummary]:
    pages = iter_version_pages(session_for(connection), "churn-prediction")
    return {v.version: v for page in pages for v in page}


def describe(connection: Connection, arn: str) -> VersionDetails:
    return describe_version(session_for(connection), arn)


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


@pytest.fixture
def open_dialog(qtbot):
    opened: list[ApprovalDialog] = []

    def make(connection, versions, status) -> ApprovalDialog:
        dialog = ApprovalDialog(connection, versions, status)
        qtbot.addWidget(dialog)
        dialog.show()
        opened.append(dialog)
        return dialog

    yield make
    for dialog in opened:
        dialog.done(0)  # a dialog closed by its owner must still stop its work


def click_apply(qtbot, dialog: ApprovalDialog) -> None:
    apply = find_by_name(dialog, QPushButton, "Apply")
    assert apply.isEnabled()
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)


def wait_done(qtbot, dialog: ApprovalDialog) -> None:
    qtbot.waitUntil(lambda: find_by_name(dialog, QPushButton, "Close").isEnabled(), timeout=TIMEOUT)


def test_approve_one_with_a_comment(qtbot, connection, open_dialog):
    pending = next(v for v in churn(connection).values() if v.status == PENDING)
    dialog = open_dialog(connection, [pending], APPROVED)
    assert dialog.windowTitle() == f"Approve version {pending.version}"
    changes = find_by_name(dialog, QListWidget, "Changes")
    assert texts(changes) == [f"Version {pending.version}  Pending → Approved"]
    assert find_by_name(dialog, QPushButton, "Apply").text() == "Approve 1"
    assert not find_by_name(dialog, QLabel, "Warning").isVisible()

    comment = find_by_name(dialog, QPlainTextEdit, "Approval comment")
    qtbot.keyClicks(comment, "Shadow test passed")
    assert find_by_name(dialog, QLabel, "Comment length").text() == (
        f"{format_count(18)} / {format_count(1024)}"
    )
    updates = []
    dialog.versionUpdated.connect(updates.append)
    click_apply(qtbot, dialog)
    wait_done(qtbot, dialog)

    assert texts(find_by_name(dialog, QListWidget, "Results")) == [
        f"✓ Version {pending.version} → Approved"
    ]
    assert find_by_name(dialog, QLabel, "Summary").text() == "1 approved"
    progress = find_by_name(dialog, QProgressBar, "Progress")
    assert (progress.value(), progress.maximum()) == (1, 1)
    assert [(r.arn, r.new_status) for r in updates] == [(pending.arn, APPROVED)]
    assert dialog.results() == updates
    after = describe(connection, pending.arn)
    assert (after.status, after.approval_comment) == (APPROVED, "Shadow test passed")


def test_bulk_reject_of_three(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != REJECTED][:3]
    dialog = open_dialog(connection, chosen, REJECTED)
    assert dialog.windowTitle() == "Reject 3 versions"
    assert find_by_name(dialog, QPushButton, "Apply").text() == "Reject 3"
    click_apply(qtbot, dialog)
    wait_done(qtbot, dialog)

    results = texts(find_by_name(dialog, QListWidget, "Results"))
    assert sorted(results) == sorted(f"✓ Version {v.version} → Rejected" for v in chosen)
    assert find_by_name(dialog, QLabel, "Summary").text() == "3 rejected"
    for v in chosen:
        assert describe(connection, v.arn).status == REJECTED


def test_bulk_results_are_listed_in_the_preview_order(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != APPROVED][:20]
    dialog = open_dialog(connection, chosen, APPROVED)
    previewed = [text.split("  ")[0] for text in texts(find_by_name(dialog, QListWidget, "Changes"))]
    click_apply(qtbot, dialog)
    wait_done(qtbot, dialog)
    results = texts(find_by_name(dialog, QListWidget, "Results"))
    assert [text.removeprefix("✓ ").split(" →")[0] for text in results] == previewed


def test_a_comment_over_the_limit_blocks_apply_and_calls_nothing(qtbot, connection, open_dialog):
    pending = next(v for v in churn(connection).values() if v.status == PENDING)
    before = describe(connection, pending.arn)
    dialog = open_dialog(connection, [pending], APPROVED)
    find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText("x" * 1025)

    apply = find_by_name(dialog, QPushButton, "Apply")
    problem = find_by_name(dialog, QLabel, "Comment problem")
    assert not apply.isEnabled()
    assert problem.isVisible()
    assert problem.text() == (
        f"The comment is {format_count(1025)} characters; ApprovalDescription takes at most "
        f"{format_count(1024)}. Shorten it by 1."
    )
    assert find_by_name(dialog, QLabel, "Comment length").text() == (
        f"{format_count(1025)} / {format_count(1024)}"
    )
    qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)
    dialog.apply()  # even called directly, nothing is sent
    assert dialog.stack.currentIndex() == ApprovalDialog.PREVIEW
    assert describe(connection, pending.arn) == before

    find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText("x" * 1024)
    assert apply.isEnabled() and not problem.isVisible()


def test_a_line_break_in_the_comment_is_refused_before_the_call(qtbot, connection, open_dialog):
    pending = next(v for v in churn(connection).values() if v.status == PENDING)
    dialog = open_dialog(connection, [pending], APPROVED)
    qtbot.waitUntil(lambda: dialog._rules_loaded, timeout=TIMEOUT)
    find_by_name(dialog, QPlainTextEdit, "Approval comment").setPlainText("first\nsecond")
    assert not find_by_name(dialog, QPushButton, "Apply").isEnabled()
    assert "line break" in find_by_name(dialog, QLabel, "Comment problem").text()


def test_rejecting_an_approved_version_warns_first(qtbot, connection, open_dialog):
    approved = next(v for v in churn(connection).values() if v.status == APPROVED)
    dialog = open_dialog(connection, [approved], REJECTED)
    warning = find_by_name(dialog, QLabel, "Warning")
    assert warning.isVisible()
    assert f"Version {approved.version} is Approved." in warning.text()
    assert "CI/CD pipelines (deployment or rollback)" in warning.text()


def test_versions_already_in_the_target_status_are_skipped(qtbot, connection, open_dialog):
    versions = churn(connection)
    approved = next(v for v in versions.values() if v.status == APPROVED)
    pending = next(v for v in versions.values() if v.status == PENDING)
    dialog = open_dialog(connection, [approved, pending], APPROVED)
    changes = texts(find_by_name(dialog, QListWidget, "Changes"))
    assert f"Version {approved.version}  already Approved — skipped" in changes
    assert find_by_name(dialog, QPushButton, "Apply").text() == "Approve 1"

    only_skipped = open_dialog(connection, [approved], APPROVED)
    assert not find_by_name(only_skipped, QPushButton, "Apply").isEnabled()
    note = find_by_name(only_skipped, QLabel, "Nothing to change")
    assert note.isVisible() and "already Approved" in note.text()


def test_one_missing_version_fails_alone(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != REJECTED][:2]
    bogus_arn = chosen[0].arn.rsplit("/", 1)[0] + "/999"
    bogus = dataclasses.replace(chosen[0], arn=bogus_arn, version=999)
    dialog = open_dialog(connection, [*chosen, bogus], REJECTED)
    click_apply(qtbot, dialog)
    wait_done(qtbot, dialog)

    results = texts(find_by_name(dialog, QListWidget, "Results"))
    for v in chosen:
        assert f"✓ Version {v.version} → Rejected" in results
    (failure,) = [text for text in results if text.startswith("✗")]
    assert failure.startswith("✗ Version 999: ")
    assert "999" in failure[len("✗ Version 999: "):]  # the sentence names the missing version
    assert find_by_name(dialog, QLabel, "Summary").text() == "2 rejected, 1 failed"
    for v in chosen:
        assert describe(connection, v.arn).status == REJECTED


def test_a_version_deleted_behind_the_apps_back_is_reported_missing_and_not_retried(qtbot, connection,
                                                                                  open_dialog):
    chosen = [v for v in churn(connection).values() if v.status == PENDING][:3]
    gone = chosen[1]
    session_for(connection).client("sagemaker").delete_model_package(ModelPackageName=gone.arn)
    dialog = open_dialog(connection, chosen, APPROVED)
    updates, missing = [], []
    dialog.versionUpdated.connect(updates.append)
    dialog.versionMissing.connect(missing.append)
    click_apply(qtbot, dialog)
    wait_done(qtbot, dialog)

    assert missing == [gone.arn]  # it leaves the table
    assert {r.arn for r in updates} == {chosen[0].arn, chosen[2].arn}
    assert texts(find_by_name(dialog, QListWidget, "Results"))[1].startswith(f"✗ Version {gone.version}: ")
    assert find_by_name(dialog, QLabel, "Summary").text() == "2 approved, 1 failed"
    assert not find_by_name(dialog, QPushButton, "Retry the failed ones").isVisible()  # nothing to send again


def test_cancel_stops_the_items_not_started(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != APPROVED]
    dialog = open_dialog(connection, chosen, APPROVED)
    click_apply(qtbot, dialog)
    qtbot.waitUntil(lambda: len(dialog.results()) >= 1, timeout=TIMEOUT)
    cancel = find_by_name(dialog, QPushButton, "Cancel")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    wait_done(qtbot, dialog)

    results = dialog.results()
    assert len(results) == len(chosen)
    ok = [r for r in results if r.ok]
    cancelled = [r for r in results if not r.ok]
    assert ok and all(r.error == "Cancelled" for r in cancelled)
    expected = f"{len(ok)} approved" + (f", {len(cancelled)} cancelled" if cancelled else "")
    assert find_by_name(dialog, QLabel, "Summary").text() == expected
    shown = texts(find_by_name(dialog, QListWidget, "Results"))
    assert sum(text.endswith(": Cancelled") for text in shown) == len(cancelled)
    for r in results:
        before = next(v.status for v in chosen if v.arn == r.arn)
        assert describe(connection, r.arn).status == (APPROVED if r.ok else before)


def test_closing_by_its_owner_mid_run_never_waits_and_still_reports_what_lands(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != REJECTED]
    with HeldCalls(session_for(connection).client("sagemaker"), "UpdateModelPackage") as held:
        dialog = open_dialog(connection, chosen, REJECTED)
        updates = []
        dialog.versionUpdated.connect(updates.append)
        click_apply(qtbot, dialog)
        qtbot.waitUntil(lambda: held.count() >= 1, timeout=TIMEOUT)
        dialog.done(0)  # the window closes at once, with calls still out: nothing waits for them
        assert not dialog.isVisible()
        sent = held.count()
        held.release()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT)

    results = dialog.results()
    assert len(results) == len(chosen)  # every item is accounted for, done or cancelled
    assert len([r for r in results if r.ok]) == sent
    # What landed after the dialog closed still reached the table's owner.
    assert {r.arn for r in updates} == {r.arn for r in results if r.ok}
    for r in results:
        assert r.ok or r.error == "Cancelled"
        expected = REJECTED if r.ok else next(v.status for v in chosen if v.arn == r.arn)
        assert describe(connection, r.arn).status == expected


def question_of(dialog) -> QMessageBox:
    shown = [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]
    assert shown, "no question was asked"
    return shown[0]


def test_cancel_during_a_bulk_change_asks_then_stops_after_the_calls_already_sent(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != APPROVED]
    assert len(chosen) > 8
    with HeldCalls(session_for(connection).client("sagemaker"), "UpdateModelPackage") as held:
        dialog = open_dialog(connection, chosen, APPROVED)
        updates = []
        dialog.versionUpdated.connect(updates.append)
        click_apply(qtbot, dialog)
        qtbot.waitUntil(lambda: held.count() >= 1, timeout=TIMEOUT)
        qtbot.mouseClick(find_by_name(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)

        question = question_of(dialog)
        assert dialog.is_running()  # asked first: nothing stopped yet
        qtbot.mouseClick(find_by_name(question, QPushButton, "Keep going"), Qt.MouseButton.LeftButton)
        assert dialog.is_running() and not question.isVisible()

        qtbot.mouseClick(find_by_name(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(find_by_name(question_of(dialog), QPushButton, "Stop"), Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.is_running()  # waiting for the calls already sent
        assert "waiting for the calls already sent" in find_by_name(dialog, QLabel, "Summary").text()
        sent = {params["ModelPackageArn"] for params in held.entered}
        held.release()
        wait_done(qtbot, dialog)

    results = dialog.results()
    assert len(results) == len(chosen)
    assert {r.arn for r in results if r.ok} == sent  # no call went out after Stop
    assert {r.arn for r in updates} == sent
    cancelled = len(chosen) - len(sent)
    assert find_by_name(dialog, QLabel, "Summary").text() == f"{len(sent)} approved, {cancelled} cancelled"
    for r in results:
        before = next(v.status for v in chosen if v.arn == r.arn)
        assert describe(connection, r.arn).status == (APPROVED if r.ok else before)


def test_esc_during_a_bulk_change_asks_and_the_dialog_stays_until_what_was_sent_lands(qtbot, connection,
                                                                                      open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != REJECTED]
    with HeldCalls(session_for(connection).client("sagemaker"), "UpdateModelPackage") as held:
        dialog = open_dialog(connection, chosen, REJECTED)
        updates = []
        dialog.versionUpdated.connect(updates.append)
        click_apply(qtbot, dialog)
        qtbot.waitUntil(lambda: held.count() >= 1, timeout=TIMEOUT)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        qtbot.keyClick(question_of(dialog), Qt.Key.Key_Escape)  # Esc on the question: keep going
        assert dialog.isVisible() and dialog.is_running()

        dialog.close()  # the title bar's close button asks too
        qtbot.mouseClick(find_by_name(question_of(dialog), QPushButton, "Stop"), Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        held.release()
        wait_done(qtbot, dialog)

    landed = {r.arn for r in dialog.results() if r.ok}
    assert landed and {r.arn for r in updates} == landed  # every change that landed reached the table
    for r in dialog.results():
        before = next(v.status for v in chosen if v.arn == r.arn)
        assert describe(connection, r.arn).status == (REJECTED if r.ok else before)


def test_a_failure_keeps_the_comment_and_retries_the_failed_ones_with_it(qtbot, connection, open_dialog):
    chosen = [v for v in churn(connection).values() if v.status == PENDING][:3]
    with FailOnce(session_for(connection).client("sagemaker"), "UpdateModelPackage", chosen[1].arn):
        dialog = open_dialog(connection, chosen, APPROVED)
        qtbot.keyClicks(find_by_name(dialog, QPlainTextEdit, "Approval comment"), "Shadow test passed")
        click_apply(qtbot, dialog)
        wait_done(qtbot, dialog)
        assert find_by_name(dialog, QLabel, "Summary").text() == "2 approved, 1 failed"
        assert dialog.comment() == "Shadow test passed"
        retry = find_by_name(dialog, QPushButton, "Retry the failed ones")
        assert retry.isVisible() and retry.isEnabled()
        qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: find_by_name(dialog, QLabel, "Summary").text() == "3 approved", timeout=TIMEOUT)

    assert not retry.isVisible()
    assert sorted(texts(find_by_name(dialog, QListWidget, "Results"))) == sorted(
        f"✓ Version {v.version} → Approved" for v in chosen)
    after = describe(connection, chosen[1].arn)
    assert (after.status, after.approval_comment) == (APPROVED, "Shadow test passed")


def test_a_dialog_opened_with_a_kept_comment_shows_it(qtbot, connection, open_dialog):
    pending = next(v for v in churn(connection).values() if v.status == PENDING)
    dialog = ApprovalDialog(connection, [pending], APPROVED, comment="Shadow test passed")
    qtbot.addWidget(dialog)
    assert find_by_name(dialog, QPlainTextEdit, "Approval comment").toPlainText() == "Shadow test passed"
    assert find_by_name(dialog, QPushButton, "Apply").isEnabled()
    qtbot.waitUntil(lambda: dialog._rules_loaded, timeout=TIMEOUT)  # its task is done before it is deleted
    dialog.done(0)


def _on_dialog(widget: QWidget, dialog) -> QRect:
    return QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())


def test_the_counter_hint_and_problem_are_laid_out_below_the_comment_not_over_it(qtbot, connection,
                                                                                 open_dialog):
    chosen = [v for v in churn(connection).values() if v.status == PENDING][:3]
    dialog = open_dialog(connection, chosen, APPROVED)
    box = find_by_name(dialog, QPlainTextEdit, "Approval comment")
    box.setPlainText("x" * 1100)
    problem = find_by_name(dialog, QLabel, "Comment problem")
    qtbot.waitUntil(problem.isVisible, timeout=TIMEOUT)
    QApplication.processEvents()

    hint = next(label for label in dialog.findChildren(QLabel) if label.text().startswith("Leave it empty"))
    parts = [box, find_by_name(dialog, QLabel, "Comment length"), hint, problem,
             find_by_name(dialog, QPushButton, "Cancel")]
    for n, first in enumerate(parts):
        assert dialog.rect().contains(_on_dialog(first, dialog)), f"{first.accessibleName()} is cut off"
        for second in parts[n + 1:]:
            assert not _on_dialog(first, dialog).intersects(_on_dialog(second, dialog)), (
                f"{first.accessibleName() or first.text()!r} overlaps {second.accessibleName() or second.text()!r}")


def test_once_stopping_esc_closes_at_once_and_what_lands_later_still_reaches_the_table(qtbot, connection,
                                                                                     open_dialog):
    chosen = [v for v in churn(connection).values() if v.status != APPROVED]
    with HeldCalls(session_for(connection).client("sagemaker"), "UpdateModelPackage") as held:
        dialog = open_dialog(connection, chosen, APPROVED)
        updates = []
        dialog.versionUpdated.connect(updates.append)
        click_apply(qtbot, dialog)
        qtbot.waitUntil(lambda: held.count() >= 1, timeout=TIMEOUT)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        qtbot.mouseClick(find_by_name(question_of(dialog), QPushButton, "Stop"), Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a call may hang: no need to wait for it
        assert not dialog.isVisible() and dialog.is_running()
        held.release()
        qtbot.waitUntil(lambda: not dialog.is_running(), timeout=TIMEOUT)

    landed = {r.arn for r in dialog.results() if r.ok}
    assert landed and {r.arn for r in updates} == landed
    assert all(describe(connection, arn).status == APPROVED for arn in landed)
