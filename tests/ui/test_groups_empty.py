"""Empty and Delete Group through the window, as a person would: listed, confirmed by name, gone."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.versions import groups as registry_groups
from app.ui.groups.empty_dialog import EmptyAndDeleteDialog
from tests.ui.helpers import HeldCalls, find_by_name, image_of, make_group, spin_until, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group, wait_groups


def own_group_names(connection) -> set[str]:
    pages = registry_groups.iter_group_pages(session_for(connection), include_shared=False)
    return {g.name for page in pages for g in page}


def scratch_group(connection, name: str = "old-experiments") -> list[str]:
    """Three versions: one Approved, one in Production, one pending. Their ARNs, oldest first."""
    make_group(connection, name, 3, image_of("churn-xgboost"))
    sagemaker = session_for(connection).client("sagemaker")
    arns = sorted((s["ModelPackageArn"] for s in sagemaker.list_model_packages(
        ModelPackageGroupName=name)["ModelPackageSummaryList"]), key=lambda a: int(a.rsplit("/", 1)[1]))
    sagemaker.update_model_package(ModelPackageArn=arns[0], ModelApprovalStatus="Approved")
    sagemaker.update_model_package(ModelPackageArn=arns[1],
                                   ModelLifeCycle={"Stage": "Production", "StageStatus": "Approved"})
    return arns


def wait_planned(dialog: EmptyAndDeleteDialog) -> None:
    assert spin_until(lambda: dialog.plan is not None, TIMEOUT), "the listing never ended"


def typed_name_and_delete(dialog: EmptyAndDeleteDialog, wrong: str, right: str) -> None:
    delete = find_by_name(dialog, QPushButton, "Apply")
    typed = find_by_name(dialog, QLineEdit, "Group name to confirm")
    assert not delete.isEnabled()  # nothing typed yet
    typed.setText(wrong)
    assert not delete.isEnabled()
    assert find_by_name(dialog, QLabel, "Confirmation problem").isVisible()
    typed.setText(right)
    assert delete.isEnabled()
    delete.click()
    assert spin_until(lambda: not dialog.is_running() and dialog.deletion is not None, TIMEOUT)


def test_empty_and_delete_lists_everything_asks_for_the_name_and_removes_the_group(
        qtbot, connection, qsettings, sandbox):
    arns = scratch_group(connection)
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")
    assert window.actions_by_name["empty_delete_group"].isEnabled()
    seen: dict = {}

    def review_then_delete(dialog):
        assert isinstance(dialog, EmptyAndDeleteDialog)
        wait_planned(dialog)
        seen["what"] = find_by_name(dialog, QLabel, "What goes").text()
        seen["changes"] = [find_by_name(dialog, QListWidget, "Changes").item(i).text() for i in range(3)]
        typed_name_and_delete(dialog, "old-experiment", "old-experiments")
        seen["outcome"] = find_by_name(dialog, QLabel, "Outcome").text()
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.accept()

    modal = when_modal(qtbot, review_then_delete)
    window.actions_by_name["empty_delete_group"].trigger()
    modal.check()

    assert seen["changes"] == ["Version 3  Pending → deleted", "Version 2  Pending · Production → deleted",
                               "Version 1  Approved → deleted"]
    assert "3 versions go:" in seen["what"]
    assert "by approval status: 2 Pending, 1 Approved" in seen["what"]
    assert "by stage: 2 no stage, 1 Production" in seen["what"]
    assert seen["summary"] == "3 deleted"
    assert seen["outcome"] == "The group 'old-experiments' was deleted."
    # Gone from AWS, from the groups list, and its versions from the table.
    assert "old-experiments" not in own_group_names(connection)
    assert all(g.name != "old-experiments" for g in window.groups_view.model.rows())
    assert not any(arn in window.store for arn in arns)
    assert all(v.group != "old-experiments" for v in window.versions_view.model.rows())
    close(window)


def test_a_wrong_name_deletes_nothing(qtbot, connection, qsettings, sandbox):
    arns = scratch_group(connection)
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")

    def type_wrong_then_cancel(dialog):
        wait_planned(dialog)
        typed = find_by_name(dialog, QLineEdit, "Group name to confirm")
        assert not typed.text() and not typed.placeholderText()  # the name must be typed, not seen there
        typed.setText("Old-Experiments")
        assert not find_by_name(dialog, QPushButton, "Apply").isEnabled()
        dialog.apply()  # even pressed another way, a disabled Delete does nothing
        assert not dialog.is_running() and not dialog.results()
        find_by_name(dialog, QPushButton, "Cancel").click()

    modal = when_modal(qtbot, type_wrong_then_cancel)
    window.actions_by_name["empty_delete_group"].trigger()
    modal.check()
    sagemaker = session_for(connection).client("sagemaker")
    left = sagemaker.list_model_packages(ModelPackageGroupName="old-experiments")["ModelPackageSummaryList"]
    assert sorted(s["ModelPackageArn"] for s in left) == sorted(arns)
    assert window.groups_view.current_group().name == "old-experiments"
    close(window)


def test_delete_group_on_a_group_with_versions_offers_to_empty_it(qtbot, connection, qsettings, sandbox,
                                                                   monkeypatch):
    scratch_group(connection)
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    later: dict = {}

    def delete_all(dialog):
        wait_planned(dialog)
        typed_name_and_delete(dialog, "x", "old-experiments")
        dialog.accept()

    def offered(box):
        assert isinstance(box, QMessageBox)
        assert box.text() == "The group 'old-experiments' still has versions."
        later["modal"] = when_modal(qtbot, delete_all)
        find_by_name(box, QPushButton, "Empty and Delete Group…").click()

    modal = when_modal(qtbot, offered)
    window.actions_by_name["delete_group"].trigger()
    qtbot.waitUntil(lambda: "modal" in later and bool(later["modal"].seen), timeout=TIMEOUT)
    modal.check()
    qtbot.waitUntil(lambda: all(g.name != "old-experiments" for g in window.groups_view.model.rows()),
                    timeout=TIMEOUT)
    later["modal"].check()
    assert "old-experiments" not in own_group_names(connection)
    close(window)


def test_a_shared_group_cannot_be_emptied(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    shared = next(g for g in window.groups_view.model.rows() if g.shared)
    window.groups_view.select_arn(shared.arn)
    qtbot.waitUntil(lambda: window.groups_view.current_group() == shared, timeout=TIMEOUT)
    assert not window.actions_by_name["empty_delete_group"].isEnabled()
    close(window)


def test_stopping_mid_run_keeps_the_group_and_retry_deletes_what_is_left(qtbot, connection, qsettings, sandbox):
    make_group(connection, "big-scratch", 12, image_of("churn-xgboost"))  # more than the calls in flight at once
    sagemaker = session_for(connection).client("sagemaker")

    def left() -> int:
        return len(sagemaker.list_model_packages(ModelPackageGroupName="big-scratch")["ModelPackageSummaryList"])

    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "big-scratch")
    seen: dict = {}

    def stop_then_retry(dialog):
        wait_planned(dialog)
        find_by_name(dialog, QLineEdit, "Group name to confirm").setText("big-scratch")
        with HeldCalls(sagemaker, "DeleteModelPackage") as held:
            find_by_name(dialog, QPushButton, "Apply").click()
            assert spin_until(lambda: held.count() >= 1, TIMEOUT)
            find_by_name(dialog, QPushButton, "Cancel").click()
            question = next(b for b in dialog.findChildren(QMessageBox) if b.isVisible())
            assert question.text() == "Stop after the calls already sent?"
            assert dialog.is_running()  # asked first
            find_by_name(question, QPushButton, "Stop").click()
            held.release()
            assert spin_until(lambda: not dialog.is_running() and dialog.deletion is not None, TIMEOUT)
            seen["sent"] = held.count()
        seen["outcome"] = find_by_name(dialog, QLabel, "Outcome").text()
        seen["left"] = left()
        retry = find_by_name(dialog, QPushButton, "Retry the failed ones")
        assert retry.isVisible()
        retry.click()
        assert spin_until(lambda: not dialog.is_running() and dialog.deletion.group_deleted, TIMEOUT)
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.accept()

    modal = when_modal(qtbot, stop_then_retry)
    window.actions_by_name["empty_delete_group"].trigger()
    modal.check()
    assert 0 < seen["sent"] < 12 and seen["left"] == 12 - seen["sent"]  # nothing went out after Stop
    assert seen["outcome"].startswith("The group 'big-scratch' stays:")
    assert seen["summary"] == "12 deleted"
    assert "big-scratch" not in own_group_names(connection)
    qtbot.waitUntil(lambda: all(g.name != "big-scratch" for g in window.groups_view.model.rows()), timeout=TIMEOUT)
    close(window)
