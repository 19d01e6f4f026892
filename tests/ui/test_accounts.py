"""The accounts view on the sandbox: add a profile, check it, assume a role, browse that account."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton

from app.registry.accounts.profiles import ProfileStore, app_config_dir, app_data_dir
from app.sandbox.seed import MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID, training_credentials, training_role_arn
from app.ui.accounts.mfa_prompt import MfaDialog
from app.ui.accounts.profile_dialog import ProfileDialog
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.ui.helpers import find_by_name, spin_until, wait_complete, when_modal

TIMEOUT = 15000
KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
MFA = "arn:aws:iam::123456789012:mfa/alice"


def sandbox_choices(connection) -> list[ConnectionChoice]:
    """The sandbox's two connections, as the command line's sandbox startup builds them."""
    keys = training_credentials(connection.endpoint_url)
    training = dataclasses.replace(connection, access_key_id=keys["aws_access_key_id"],
                                   secret_access_key=keys["aws_secret_access_key"],
                                   session_token=keys["aws_session_token"], label="sandbox-training")
    return [ConnectionChoice("sandbox", connection),
            ConnectionChoice("sandbox-training", training, role_arn=training_role_arn(), source="sandbox")]


def make_window(qtbot, connection, qsettings) -> MainWindow:
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    result = StartupResult(choices=sandbox_choices(connection), regions=["us-east-1"], current=connection)
    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=lambda: result)
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    # Ready as a user sees it: the start-up task (after the first paint) has listed the connections.
    qtbot.waitUntil(lambda: bool(workspace.choices()), timeout=TIMEOUT)
    return window


def type_into(dialog, name: str, text: str) -> None:
    find_by_name(dialog, QLineEdit, name).setText(text)


def fill_and_save(values: dict[str, str], role: dict | None = None):
    def act(dialog: ProfileDialog) -> None:
        for name, text in values.items():
            type_into(dialog, name, text)
        if role is not None:
            dialog.role_group.setChecked(True)
            for name, text in role.items():
                if name == "Source profile":
                    dialog.source_box.setCurrentIndex(dialog.source_box.findData(text))
                else:
                    type_into(dialog, name, text)
        find_by_name(dialog, QPushButton, "Save profile").click()
        assert spin_until(lambda: not dialog.isVisible()), dialog.banner.text() or [
            label.text() for label in dialog.problems.values() if label.isVisible()]
    return act


def hint_of(dialog) -> dict[str, str]:
    """What the sandbox hint in the profile dialog suggests typing."""
    text = find_by_name(dialog, QLabel, "Sandbox hint").text()
    return {"key": re.search(r"AKIA[A-Z0-9]{16}", text).group(0),
            "secret": re.search(r"<code>([A-Za-z0-9/+]{40})</code>", text).group(1),
            "role": re.search(r"arn:aws:iam::\d{12}:role/[\w+=,.@/-]+", text).group(0)}


def read_hint(qtbot, window) -> dict[str, str]:
    """Open Add, read what the sandbox hint suggests, cancel."""
    hint: dict[str, str] = {}
    outcome = when_modal(qtbot, lambda dialog: (hint.update(hint_of(dialog)), dialog.reject()))
    find_by_name(window.accounts_view, QPushButton, "Add").click()
    outcome.check()
    return hint


def add_profile(qtbot, window, values, role=None) -> None:
    outcome = when_modal(qtbot, fill_and_save(values, role))
    find_by_name(window.accounts_view, QPushButton, "Add").click()
    outcome.check()
    qtbot.waitUntil(lambda: window.accounts_view.model.row_for(values["Profile name"]) is not None, timeout=TIMEOUT)


def select(window, name: str) -> None:
    window.accounts_view.select(name)


def test_bad_inputs_each_show_their_message_and_save_nothing(qtbot, in_memory_keyring):
    dialog = ProfileDialog(taken_names={"default"}, regions=["eu-west-1", "us-east-1"], source_profiles=["default"])
    qtbot.addWidget(dialog)
    type_into(dialog, "Profile name", "my profile")
    dialog.region_box.setCurrentText("mars-north-1")
    type_into(dialog, "Access key ID", "AKIA123")
    type_into(dialog, "Secret access key", "short")
    dialog.role_group.setChecked(True)
    type_into(dialog, "Role ARN", "arn:aws:iam::2109876543:role/X")
    dialog.duration_spin.setValue(60)
    type_into(dialog, "MFA device", "mfa")
    find_by_name(dialog, QPushButton, "Save profile").click()

    def problem(field: str) -> str:
        label = find_by_name(dialog, QLabel, f"Problem with {field}")
        return label.text() if label.isVisibleTo(dialog) else ""

    assert "letters, digits" in problem("Profile name")
    assert "pick one from the list" in problem("Region")
    assert "'AKIA' then 16" in problem("Access key ID")
    assert "40 characters" in problem("Secret access key")
    assert "12-digit account" in problem("Role ARN")
    assert "900" in problem("Duration in seconds")
    assert "MFA device" in problem("MFA device")
    assert ProfileStore().load() == [] and in_memory_keyring.items == {}
    # nothing typed is lost: fix one field, the others still hold what was typed
    type_into(dialog, "Profile name", "default")
    find_by_name(dialog, QPushButton, "Save profile").click()
    assert "exists already" in problem("Profile name")
    assert find_by_name(dialog, QLineEdit, "Secret access key").text() == "short"


def test_add_check_assume_a_role_and_browse_that_account_with_no_secret_on_disk(
        qtbot, connection, qsettings, sandbox, caplog, in_memory_keyring):
    caplog.set_level(logging.DEBUG)
    window = make_window(qtbot, connection, qsettings)
    window.actions_by_name["accounts"].trigger()
    assert window.accounts_dock.isVisible()
    view = window.accounts_view
    qtbot.waitUntil(lambda: view.snapshot is not None, timeout=TIMEOUT)

    # a new user types what the sandbox hint suggests: its example keys, then its role
    hint = read_hint(qtbot, window)
    assert hint == {"key": KEY_ID, "secret": SECRET, "role": training_role_arn()}
    add_profile(qtbot, window, {"Profile name": "registry", "Access key ID": hint["key"],
                                "Secret access key": hint["secret"]})
    select(window, "registry")
    find_by_name(view, QPushButton, "Check").click()
    qtbot.waitUntil(lambda: view.model.row_for("registry").identity is not None, timeout=TIMEOUT)
    assert view.model.row_for("registry").identity.account_id == MAIN_ACCOUNT_ID

    add_profile(qtbot, window, {"Profile name": "training"},
                role={"Role ARN": hint["role"], "Source profile": "registry"})
    select(window, "training")
    find_by_name(view, QPushButton, "Check").click()
    qtbot.waitUntil(lambda: view.model.row_for("training").identity is not None, timeout=TIMEOUT)
    row = view.model.row_for("training")
    assert row.identity.account_id == TRAINING_ACCOUNT_ID and "expires in" in view.model.index(
        view.model.position_of("training"), view.model.STATUS).data()

    find_by_name(view, QPushButton, "Use").click()
    assert window.workspace.connection.display_name == "training"
    qtbot.waitUntil(lambda: window.groups_view.model.rowCount() > 0 and not window.groups_view.model.loading,
                    timeout=TIMEOUT)
    own = [g for g in window.groups_view.model.rows() if not g.shared]
    assert own and all(f":{TRAINING_ACCOUNT_ID}:" in g.arn for g in own)
    assert window.connection_picker.currentText().startswith("training")

    # edit (new keys), then remove: the secret is never written anywhere we or AWS tools read
    new_secret = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFy"
    select(window, "registry")
    outcome = when_modal(qtbot, fill_and_save({"Access key ID": KEY_ID, "Secret access key": new_secret}))
    find_by_name(view, QPushButton, "Edit").click()  # the profile is read in a task, then the dialog opens
    qtbot.waitUntil(lambda: bool(outcome.seen) and QApplication.activeModalWidget() is None, timeout=TIMEOUT)
    outcome.check()
    qtbot.waitUntil(lambda: SECRET not in str(in_memory_keyring.items), timeout=TIMEOUT)
    select(window, "registry")
    confirm = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    find_by_name(view, QPushButton, "Remove").click()  # what it touches is read in a task, then it asks
    qtbot.waitUntil(lambda: bool(confirm.seen) and QApplication.activeModalWidget() is None, timeout=TIMEOUT)
    confirm.check()
    qtbot.waitUntil(lambda: view.model.row_for("registry") is None, timeout=TIMEOUT)
    assert [p.name for p in ProfileStore().load()] == ["training"]
    assert in_memory_keyring.items == {}
    window.close()

    places = [app_config_dir(), app_data_dir(), Path(os.environ["AWS_CONFIG_FILE"]).parent]
    files = [f for place in places if place.exists() for f in place.rglob("*") if f.is_file()]
    assert any(f.name == "sandbox-profiles.json" for f in files)
    for f in files:
        content = f.read_bytes()
        assert SECRET.encode() not in content and new_secret.encode() not in content, f
    assert SECRET not in caplog.text and new_secret not in caplog.text


def test_two_checks_needing_one_mfa_device_ask_once(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    window.show_accounts()
    view = window.accounts_view
    qtbot.waitUntil(lambda: view.snapshot is not None, timeout=TIMEOUT)
    add_profile(qtbot, window, {"Profile name": "registry", "Access key ID": KEY_ID, "Secret access key": SECRET})
    for name in ("role-a", "role-b"):
        add_profile(qtbot, window, {"Profile name": name},
                    role={"Role ARN": training_role_arn(), "Source profile": "registry", "MFA device": MFA})
    from app.registry.accounts.credentials import mfa_codes

    dialogs = []

    def answer(dialog):
        assert isinstance(dialog, MfaDialog)
        dialogs.append(dialog)
        assert spin_until(lambda: mfa_codes.waiting(MFA) == 1)  # the second check joined this question
        find_by_name(dialog, QLineEdit, "MFA code").setText("12")
        find_by_name(dialog, QPushButton, "Use code").click()
        assert "6 digits" in find_by_name(dialog, QLabel, "MFA code problem").text() and dialog.isVisible()
        find_by_name(dialog, QLineEdit, "MFA code").setText("123456")
        find_by_name(dialog, QPushButton, "Use code").click()

    outcome = when_modal(qtbot, answer)
    view.check("role-a")
    view.check("role-b")
    qtbot.waitUntil(lambda: all(view.model.row_for(n).identity is not None for n in ("role-a", "role-b")),
                    timeout=TIMEOUT)
    outcome.check()
    assert len(dialogs) == 1
    assert QApplication.activeModalWidget() is None
    window.close()
