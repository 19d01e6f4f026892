"""The accounts view in the sandbox: its two accounts listed read-only, its own profiles apart."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.registry.accounts import secrets
from app.registry.accounts.profiles import AppProfile, ProfileStore, profiles_file, use_sandbox_profiles
from app.registry.accounts.secrets import AccessKeys
from app.sandbox.seed import MAIN_ACCOUNT_ID, TRAINING_ACCOUNT_ID
from tests.ui.helpers import find_by_name
from tests.ui.test_accounts import KEY_ID, SECRET, TIMEOUT, add_profile, make_window

REAL_KEYS = AccessKeys("AKIAREALREALREAL0001", "r" * 40)


def cell(view, name: str, column: int) -> str:
    return view.model.index(view.model.position_of(name), column).data()


def test_the_sandbox_lists_its_two_accounts_read_only_and_each_can_be_checked(qtbot, connection, qsettings):
    window = make_window(qtbot, connection, qsettings)
    window.actions_by_name["accounts"].trigger()
    view = window.accounts_view
    qtbot.waitUntil(lambda: view.model.row_for("sandbox-training") is not None, timeout=TIMEOUT)
    assert [r.name for r in view.model.rows()] == ["sandbox", "sandbox-training"]
    assert cell(view, "sandbox", view.model.KIND) == "sandbox (built in, read-only)"
    assert ":role/" in cell(view, "sandbox-training", view.model.ROLE)
    assert cell(view, "sandbox-training", view.model.SOURCE) == "sandbox"

    for name, account in (("sandbox", MAIN_ACCOUNT_ID), ("sandbox-training", TRAINING_ACCOUNT_ID)):
        view.select(name)
        for button in ("Edit", "Remove", "Write to AWS config"):
            assert not find_by_name(view, QPushButton, button).isEnabled(), button
        find_by_name(view, QPushButton, "Check").click()
        qtbot.waitUntil(lambda n=name: view.model.row_for(n).identity is not None, timeout=TIMEOUT)
        assert cell(view, name, view.model.ACCOUNT) == account
        assert f":{account}:" in cell(view, name, view.model.ARN)
    assert cell(view, "sandbox-training", view.model.STATUS).startswith("OK")
    window.close()


def test_the_sandbox_never_shows_or_changes_the_real_profiles(qtbot, connection, qsettings, in_memory_keyring):
    ProfileStore().put(AppProfile("prod", region="eu-west-1"))
    secrets.save_keys("prod", REAL_KEYS)
    real_file = profiles_file()
    real_text = real_file.read_text()

    window = make_window(qtbot, connection, qsettings)
    window.show_accounts()
    view = window.accounts_view
    qtbot.waitUntil(lambda: view.snapshot is not None, timeout=TIMEOUT)
    assert view.model.row_for("prod") is None
    add_profile(qtbot, window, {"Profile name": "play", "Access key ID": KEY_ID, "Secret access key": SECRET})
    qtbot.waitUntil(lambda: any(window.connection_picker.itemText(i).startswith("play")
                                for i in range(window.connection_picker.count())), timeout=TIMEOUT)
    assert not any(window.connection_picker.itemText(i).startswith("prod")
                   for i in range(window.connection_picker.count()))
    window.close()

    assert real_file.read_text() == real_text
    assert ("registry-desk-sandbox", "play") in in_memory_keyring.items
    use_sandbox_profiles(False)  # as the real application starts: the sandbox's profile is not there
    assert [p.name for p in ProfileStore().load()] == ["prod"]
    assert secrets.load_keys("prod") == REAL_KEYS and secrets.load_keys("play") is None
