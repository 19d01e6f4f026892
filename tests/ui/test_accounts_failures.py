"""Remove takes out what "Write to AWS config" wrote; Edit and the other accounts actions say when they fail."""

from __future__ import annotations

import keyring
import keyring.backend
import keyring.errors
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QPushButton

from app.registry.accounts import secrets
from app.registry.accounts.profiles import AppProfile, ProfileStore, shared_profiles
from app.registry.accounts.secrets import AccessKeys
from app.ui.accounts.profile_dialog import ProfileDialog
from tests.ui.helpers import find_by_name, when_modal
from tests.ui.test_accounts import KEY_ID, SECRET, TIMEOUT
from tests.ui.test_accounts_aws import aws_files, aws_window  # noqa: F401  (a fixture)


def write_to_config(qtbot, view, name: str) -> None:
    view.select(name)
    find_by_name(view, QPushButton, "Write to AWS config").click()
    qtbot.waitUntil(lambda: "now gets its credentials" in view.banner.text(), timeout=TIMEOUT)


def remove(qtbot, view, name: str, act) -> dict:
    """Press Remove on `name`; `act(box, seen)` answers the confirmation."""
    seen: dict = {}
    view.select(name)
    outcome = when_modal(qtbot, lambda box: act(box, seen))
    find_by_name(view, QPushButton, "Remove").click()
    qtbot.waitUntil(lambda: bool(outcome.seen) and QApplication.activeModalWidget() is None, timeout=TIMEOUT)
    outcome.check()
    return seen


def read_and_confirm(box, seen: dict) -> None:
    seen["text"] = f"{box.text()}\n{box.informativeText()}"
    check = box.checkBox()
    seen["offer"] = (check.text(), check.isChecked()) if isinstance(check, QCheckBox) else None
    box.button(QMessageBox.StandardButton.Yes).click()


def app_profile_with_keys(name: str) -> None:
    ProfileStore().put(AppProfile(name, region="us-east-1"))
    secrets.save_keys(name, AccessKeys(KEY_ID, SECRET))


def test_remove_takes_out_the_section_write_to_aws_config_wrote(qtbot, aws_files, qsettings):  # noqa: F811
    app_profile_with_keys("ci")
    before = aws_files.read_bytes()
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    write_to_config(qtbot, view, "ci")
    assert aws_files.read_bytes() != before

    seen = remove(qtbot, view, "ci", read_and_confirm)

    offer, checked = seen["offer"]
    assert "[profile ci]" in offer and checked
    assert str(aws_files) in seen["text"] and "credential_process = " in seen["text"]  # where, and what goes
    qtbot.waitUntil(lambda: view.model.row_for("ci") is None and not view.runner.active_count, timeout=TIMEOUT)
    assert aws_files.read_bytes() == before  # every other line and comment as it was
    assert "ci" not in {p.name for p in shared_profiles()}
    assert view.model.row_for("ci") is None  # not listed again as a broken credential_process profile
    window.close()


def test_a_section_edited_by_hand_is_shown_and_keeps_its_other_lines(qtbot, aws_files, qsettings):  # noqa: F811
    app_profile_with_keys("ci")
    before = aws_files.read_bytes()
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    write_to_config(qtbot, view, "ci")
    with aws_files.open("ab") as out:
        out.write(b"# mine\nregion = eu-west-1\n")

    seen = remove(qtbot, view, "ci", read_and_confirm)

    assert "region = eu-west-1" in seen["text"] and "# mine" in seen["text"]
    assert "credential_process line" in seen["offer"][0]
    qtbot.waitUntil(lambda: view.model.row_for("ci") is not None and view.model.row_for("ci").info.kind != "managed"
                    and not view.runner.active_count, timeout=TIMEOUT)
    assert aws_files.read_bytes().endswith(b"\n[profile ci]\n# mine\nregion = eu-west-1\n")
    assert aws_files.read_bytes().startswith(before)
    window.close()


def test_remove_refuses_when_the_section_changed_after_it_was_shown(qtbot, aws_files, qsettings):  # noqa: F811
    app_profile_with_keys("ci")
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    write_to_config(qtbot, view, "ci")

    def change_then_confirm(box, seen: dict) -> None:
        with aws_files.open("a") as out:
            out.write("output = json\n")
        read_and_confirm(box, seen)

    remove(qtbot, view, "ci", change_then_confirm)

    qtbot.waitUntil(lambda: "Nothing was removed" in view.banner.text(), timeout=TIMEOUT)
    assert "output = json" in view.banner.text()
    assert [p.name for p in ProfileStore().load()] == ["ci"] and secrets.load_keys("ci") is not None
    assert aws_files.read_text().endswith("output = json\n")
    window.close()


class LockedKeyring(keyring.backend.KeyringBackend):
    """A keyring that is locked: it refuses every read, as a locked Secret Service collection does."""

    priority = 1

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("the collection is locked")

    def delete_password(self, service, username):
        raise keyring.errors.KeyringLocked("the collection is locked")


def test_edit_says_when_the_keyring_cannot_be_read(qtbot, aws_files, qsettings):  # noqa: F811
    ProfileStore().put(AppProfile("ci", region="us-east-1"))
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    keyring.set_keyring(LockedKeyring())
    view.select("ci")
    seen = {}

    def look(dialog) -> None:
        assert isinstance(dialog, ProfileDialog)
        seen["notice"] = dialog.banner.text()
        dialog.reject()

    outcome = when_modal(qtbot, look)
    find_by_name(view, QPushButton, "Edit").click()
    qtbot.waitUntil(lambda: bool(outcome.seen) and QApplication.activeModalWidget() is None, timeout=TIMEOUT)
    outcome.check()
    notice = seen["notice"]
    assert "'ci'" in notice and "keyring" in notice and "locked" in notice  # the profile, what failed
    assert "unlock the keyring" in notice  # what to do
    window.close()


def test_edit_of_a_profile_removed_elsewhere_says_so(qtbot, aws_files, qsettings):  # noqa: F811
    ProfileStore().put(AppProfile("ci", region="us-east-1", has_keys=False, role_arn="arn:aws:iam::210987654321:role/R",
                                  source_profile="shared"))
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    view.select("ci")
    ProfileStore().remove("ci")  # another window removed it meanwhile

    find_by_name(view, QPushButton, "Edit").click()

    qtbot.waitUntil(lambda: "no longer among the application's profiles" in view.banner.text(), timeout=TIMEOUT)
    assert "'ci'" in view.banner.text()
    qtbot.waitUntil(lambda: view.model.row_for("ci") is None, timeout=TIMEOUT)
    window.close()


def test_edit_says_when_the_profiles_file_cannot_be_read(qtbot, aws_files, qsettings):  # noqa: F811
    ProfileStore().put(AppProfile("ci", region="us-east-1"))
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    view.select("ci")
    ProfileStore().path.write_text("{ half written")

    find_by_name(view, QPushButton, "Edit").click()

    qtbot.waitUntil(lambda: "Cannot edit the profile 'ci'" in view.banner.text(), timeout=TIMEOUT)
    assert str(ProfileStore().path) in view.banner.text() and "Restore or remove" in view.banner.text()
    window.close()


def test_a_failed_reload_with_rows_on_screen_is_said(qtbot, aws_files, qsettings):  # noqa: F811
    app_profile_with_keys("ci")
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    ProfileStore().path.write_text("{ half written")

    view.select("ci")
    find_by_name(view, QPushButton, "Write to AWS config").click()  # then the list is read again

    qtbot.waitUntil(lambda: "Could not read the profiles" in view.banner.text(), timeout=TIMEOUT)
    assert view.model.row_for("ci") is not None  # what was shown stays
    window.close()


def test_the_window_says_when_the_application_profiles_cannot_be_listed(qtbot, aws_files, qsettings):  # noqa: F811
    app_profile_with_keys("ci")
    window = aws_window(qtbot, qsettings)
    ProfileStore().path.write_text("{ half written")

    window.accounts_dock.profilesChanged.emit()  # as after Add, Edit or Remove

    qtbot.waitUntil(lambda: "profiles" in window.banner.text(), timeout=TIMEOUT)
    assert str(ProfileStore().path) in window.banner.text()
    window.close()
