"""Delete Versions through the window: previewed, confirmed by the group's name when it matters, gone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton

from app.registry.accounts.sessions import session_for
from app.ui.versions.delete_dialog import DeleteVersionsDialog
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_approval_window import select
from tests.ui.test_groups_empty import scratch_group
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group, wait_groups


def texts(widget: QListWidget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def left_in_aws(connection, group: str) -> set[str]:
    listed = session_for(connection).client("sagemaker").list_model_packages(ModelPackageGroupName=group)
    return {s["ModelPackageArn"] for s in listed["ModelPackageSummaryList"]}


def typed_field(dialog) -> list[QLineEdit]:
    return [w for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "Group name to confirm"]


def test_deleting_approved_versions_needs_the_typed_name_and_a_wrong_one_deletes_nothing(
        qtbot, connection, qsettings, sandbox):
    arns = scratch_group(connection)  # 1 Approved, 2 in Production, 3 pending
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")
    select(qtbot, window.versions_view, arns)
    seen: dict = {}

    def type_wrong(dialog):
        assert isinstance(dialog, DeleteVersionsDialog)
        seen["preview"] = texts(find_by_name(dialog, QListWidget, "Changes"))
        seen["warning"] = find_by_name(dialog, QLabel, "Warning").text()
        apply = find_by_name(dialog, QPushButton, "Apply")
        seen["apply"] = apply.text()
        seen["enabled at first"] = apply.isEnabled()
        typed = find_by_name(dialog, QLineEdit, "Group name to confirm")
        seen["looks filled"] = bool(typed.text() or typed.placeholderText())  # the name must be typed, not seen
        typed.setText("Old-Experiments")
        seen["enabled when wrong"] = apply.isEnabled()
        seen["problem"] = find_by_name(dialog, QLabel, "Confirmation problem").text()
        dialog.apply()  # even pressed another way, a disabled Delete does nothing
        seen["ran"] = dialog.is_running() or bool(dialog.results())
        find_by_name(dialog, QPushButton, "Cancel").click()

    modal = when_modal(qtbot, type_wrong)
    window.actions_by_name["delete_versions"].trigger()
    modal.check()
    assert seen["preview"] == ["Version 3  Pending → deleted", "Version 2  Pending · Production → deleted",
                               "Version 1  Approved → deleted"]
    assert seen["warning"].startswith("Approved or in production: Version 2 is in Production; "
                                      "Version 1 is Approved.")
    assert seen["apply"] == "Delete 3 versions"
    assert not seen["enabled at first"] and not seen["enabled when wrong"] and not seen["ran"]
    assert not seen["looks filled"]
    assert seen["problem"] == "That is not the group's name: type 'old-experiments' exactly."
    assert left_in_aws(connection, "old-experiments") == set(arns)  # nothing deleted
    assert {v.arn for v in window.versions_view.model.rows()} == set(arns)

    def type_right(dialog):
        find_by_name(dialog, QLineEdit, "Group name to confirm").setText("old-experiments")
        apply = find_by_name(dialog, QPushButton, "Apply")
        assert apply.isEnabled()
        apply.click()
        assert spin_until(lambda: not dialog.is_running() and len(dialog.results()) == 3, TIMEOUT)
        seen["rows"] = {v.arn for v in window.versions_view.model.rows()}  # before the dialog closes
        seen["results"] = texts(find_by_name(dialog, QListWidget, "Results"))
        seen["summary"] = find_by_name(dialog, QLabel, "Summary").text()
        dialog.accept()

    select(qtbot, window.versions_view, arns)
    modal = when_modal(qtbot, type_right)
    window.actions_by_name["delete_versions"].trigger()
    modal.check()
    assert seen["results"] == ["✓ Version 3 → deleted", "✓ Version 2 → deleted", "✓ Version 1 → deleted"]
    assert seen["summary"] == "3 deleted"
    assert left_in_aws(connection, "old-experiments") == set()
    assert seen["rows"] == set() and not any(arn in window.store for arn in arns)
    close(window)


def test_the_delete_key_opens_the_dialog_where_enter_cancels_and_a_plain_delete_needs_no_name(
        qtbot, connection, qsettings, sandbox):
    arns = scratch_group(connection)
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")
    pending = arns[2]
    select(qtbot, window.versions_view, [pending])
    seen: dict = {}

    def delete_plainly(dialog):
        assert isinstance(dialog, DeleteVersionsDialog)
        seen["typed fields"] = len(typed_field(dialog))
        seen["warning"] = find_by_name(dialog, QLabel, "Warning").text()
        apply = find_by_name(dialog, QPushButton, "Apply")
        seen["apply"] = (apply.text(), apply.isEnabled())
        seen["before"] = left_in_aws(connection, "old-experiments")  # the key alone deleted nothing
        apply.click()
        assert spin_until(lambda: not dialog.is_running() and dialog.results(), TIMEOUT)
        dialog.accept()

    def press_enter(dialog):
        assert isinstance(dialog, DeleteVersionsDialog)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)  # Enter is Cancel here
        assert spin_until(lambda: not dialog.isVisible(), TIMEOUT)

    table = window.versions_view.table
    table.setFocus()
    modal = when_modal(qtbot, press_enter)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    modal.check()
    assert left_in_aws(connection, "old-experiments") == set(arns)  # Delete then Enter deleted nothing

    modal = when_modal(qtbot, delete_plainly)
    window.activateWindow()  # as the desktop does once a dialog closed (offscreen has no window manager)
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    modal.check()
    assert seen["before"] == set(arns)
    assert seen["typed fields"] == 0
    assert seen["warning"].startswith("This cannot be undone")
    assert seen["apply"] == ("Delete 1 version", True)
    assert left_in_aws(connection, "old-experiments") == set(arns[:2])
    assert pending not in {v.arn for v in window.versions_view.model.rows()}
    close(window)


def test_versions_of_a_shared_group_cannot_be_deleted(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    shared = next(g for g in window.groups_view.model.rows() if g.shared)
    open_group(qtbot, window, shared.name)
    rows = window.versions_view.model.rows()
    select(qtbot, window.versions_view, [rows[0].arn])
    action = window.actions_by_name["delete_versions"]
    assert not action.isEnabled()
    assert action.toolTip() == "Versions of a group shared from another account can only be deleted by that account"
    assert window.actions_by_name["set_lifecycle"].isEnabled()
    close(window)


def test_the_delete_key_deletes_nothing_outside_the_versions_list(qtbot, connection, qsettings, sandbox):
    arns = scratch_group(connection)
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "old-experiments")
    select(qtbot, window.versions_view, arns[2:])
    assert window.actions_by_name["delete_versions"].shortcut().toString() == "Del"
    assert window.actions_by_name["set_lifecycle"].shortcut().toString() == "Ctrl+Shift+L"
    opened = when_modal(qtbot, lambda dialog: dialog.reject(), timeout_ms=300)
    groups = window.groups_view.table
    groups.setFocus()
    qtbot.keyClick(groups, Qt.Key.Key_Delete)  # a dialog opened here would run inside this call
    qtbot.wait(400)  # let the watcher give up
    assert not opened.seen
    assert left_in_aws(connection, "old-experiments") == set(arns)
    close(window)
