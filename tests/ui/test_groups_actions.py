"""Creating and deleting groups through the window, as a person would."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QTableWidgetItem

from app.registry.accounts.sessions import session_for
from app.registry.versions import groups as registry_groups
from app.ui.groups.create_dialog import CreateGroupDialog, set_tags
from app.ui.groups.operations import load_group_rules
from tests.ui.helpers import find_by_name, when_modal
from tests.ui.test_main_window import TIMEOUT, close, make_window, wait_groups


def test_create_dialog_refuses_a_bad_name_before_any_call(qtbot):
    load_group_rules()  # what the window does in a worker before the dialog opens
    dialog = CreateGroupDialog(rules_ready=True)
    qtbot.addWidget(dialog)
    name = find_by_name(dialog, QLineEdit, "Group name")
    assert not dialog.create_button.isEnabled()  # nothing typed yet
    qtbot.keyClicks(name, "churn_model v2")
    problem = find_by_name(dialog, QLabel, "Group name problem")
    assert not dialog.create_button.isEnabled()
    assert problem.isVisibleTo(dialog) and problem.text()
    name.clear()
    qtbot.keyClicks(name, "churn-model-v2")
    assert dialog.create_button.isEnabled()
    assert not problem.isVisibleTo(dialog)


def test_create_dialog_flags_duplicate_tag_keys(qtbot):
    load_group_rules()
    dialog = CreateGroupDialog(rules_ready=True)
    qtbot.addWidget(dialog)
    find_by_name(dialog, QLineEdit, "Group name").setText("ok-name")
    set_tags(dialog, {"team": "risk"})
    dialog.tags_table.setItem(1, 0, QTableWidgetItem("team"))
    dialog.tags_table.setItem(1, 1, QTableWidgetItem("fraud"))
    assert not dialog.create_button.isEnabled()
    assert "twice" in dialog.tags_error.text()


def test_create_a_group_through_the_window(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)

    def fill(dialog):
        find_by_name(dialog, QLineEdit, "Group name").setText("credit-risk")
        find_by_name(dialog, QPlainTextEdit, "Group description").setPlainText("Credit risk scorer")
        set_tags(dialog, {"team": "risk"})
        dialog.accept()

    modal = when_modal(qtbot, fill)
    window.actions_by_name["new_group"].trigger()
    modal.check()
    qtbot.waitUntil(lambda: window.groups_view.current_group() is not None
                    and window.groups_view.current_group().name == "credit-risk", timeout=TIMEOUT)
    described = registry_groups.describe_group(session_for(connection), "credit-risk")
    assert described["ModelPackageGroupDescription"] == "Credit risk scorer"
    close(window)


def test_delete_an_empty_group_after_confirmation(qtbot, connection, qsettings, sandbox, monkeypatch):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    scratch = next(g for g in window.groups_view.model.rows() if g.name == "sandbox-scratch")
    window.groups_view.select_arn(scratch.arn)
    qtbot.waitUntil(lambda: window.actions_by_name["delete_group"].isEnabled(), timeout=TIMEOUT)
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.actions_by_name["delete_group"].trigger()
    assert asked and "sandbox-scratch" in asked[0]
    qtbot.waitUntil(lambda: window.groups_view.model.position_of(scratch.arn) is None, timeout=TIMEOUT)
    names = {g.name for page in registry_groups.iter_group_pages(session_for(connection), include_shared=False)
             for g in page}
    assert "sandbox-scratch" not in names
    close(window)


def test_deleting_a_group_with_versions_is_refused_explained_and_emptying_offered(qtbot, connection, qsettings,
                                                                                  sandbox, monkeypatch):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    busy = next(g for g in window.groups_view.model.rows() if g.name == "demand-forecast")
    window.groups_view.select_arn(busy.arn)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    offer = {}

    def decline(box):
        offer["text"] = box.text()
        offer["buttons"] = [b.text() for b in box.buttons()]
        find_by_name(box, QPushButton, "Cancel").click()

    modal = when_modal(qtbot, decline)
    window.actions_by_name["delete_group"].trigger()
    qtbot.waitUntil(lambda: "text" in offer, timeout=TIMEOUT)
    modal.check()
    assert offer["text"] == "The group 'demand-forecast' still has versions."
    assert "Empty and Delete Group…" in offer["buttons"]  # not a dead end
    assert window.groups_view.model.position_of(busy.arn) is not None  # nothing shown is lost
    assert "demand-forecast" in {g.name for page in registry_groups.iter_group_pages(
        session_for(connection), include_shared=False) for g in page}
    close(window)
