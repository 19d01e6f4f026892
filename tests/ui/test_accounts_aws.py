"""The accounts view against real-AWS-style configuration files (profiles pointing at the sandbox)."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime, timedelta
from hashlib import sha1

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from app.cli import aws_startup
from app.registry.accounts import secrets
from app.registry.accounts.profiles import AppProfile, ProfileStore
from app.registry.accounts.secrets import AccessKeys
from app.registry.aws import Connection
from app.sandbox.seed import MAIN_ACCOUNT_ID
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.workspace import Workspace
from tests.ui.helpers import find_by_name, spin_until, wait_complete, when_modal
from tests.ui.test_accounts import KEY_ID, SECRET, TIMEOUT, type_into

START_URL = "https://example.awsapps.com/start"
CONFIG = """# my own notes: keep them
[default]
region = eu-west-1 ; inline comment

[profile shared]
region = us-east-1
endpoint_url = {endpoint}

[profile dev-sso]
sso_start_url = {start_url}
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Admin
region = us-east-1
"""


@pytest.fixture
def aws_files(sandbox, tmp_path, monkeypatch):
    """AWS files with a key profile that reaches the sandbox, and an SSO profile; HOME is a tmp dir."""
    server, _summary = sandbox
    config = tmp_path / "config"
    config.write_text(CONFIG.format(endpoint=server.endpoint_url, start_url=START_URL))
    (tmp_path / "credentials").write_text(f"[shared]\naws_access_key_id = {KEY_ID}\n"
                                          f"aws_secret_access_key = {SECRET}\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return config


def aws_window(qtbot, qsettings) -> MainWindow:
    workspace = Workspace(Connection(profile="shared", region="us-east-1", label="shared"))
    window = MainWindow(workspace, Settings("aws", backing=qsettings),
                        startup=lambda: aws_startup("shared", "us-east-1"))
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    window.actions_by_name["accounts"].trigger()
    qtbot.waitUntil(lambda: window.accounts_view.snapshot is not None and bool(workspace.choices()),
                    timeout=TIMEOUT)
    return window


def status(view, name: str) -> str:
    return view.model.index(view.model.position_of(name), view.model.STATUS).data()


def test_without_a_keyring_key_profiles_are_disabled_and_shared_profiles_still_work(qtbot, aws_files, qsettings):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    ProfileStore().put(AppProfile("keys-profile", region="us-east-1"))
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    qtbot.waitUntil(lambda: "not usable" in window.banner.text(), timeout=TIMEOUT)
    assert "no keyring service was found" in window.banner.text()
    assert "Do not install keyrings.alt" in window.banner.text()

    view.select("keys-profile")
    assert status(view, "keys-profile") == "Disabled: no usable keyring"
    assert not find_by_name(view, QPushButton, "Check").isEnabled()
    assert not find_by_name(view, QPushButton, "Use").isEnabled()
    assert not any(window.connection_picker.itemText(i).startswith("keys-profile")
                   for i in range(window.connection_picker.count()))

    view.select("shared")
    find_by_name(view, QPushButton, "Check").click()
    qtbot.waitUntil(lambda: view.model.row_for("shared").identity is not None, timeout=TIMEOUT)
    assert view.model.row_for("shared").identity.account_id == MAIN_ACCOUNT_ID

    def try_keys(dialog) -> None:
        type_into(dialog, "Profile name", "new-keys")
        type_into(dialog, "Access key ID", KEY_ID)
        type_into(dialog, "Secret access key", SECRET)
        find_by_name(dialog, QPushButton, "Save profile").click()
        problem = find_by_name(dialog, QLabel, "Problem with Access key ID")
        assert spin_until(lambda: problem.isVisible())
        assert "No usable keyring" in problem.text() and dialog.isVisible()
        dialog.reject()

    outcome = when_modal(qtbot, try_keys)
    find_by_name(view, QPushButton, "Add").click()
    outcome.check()
    assert [p.name for p in ProfileStore().load()] == ["keys-profile"]
    window.close()


def test_write_to_aws_config_adds_one_credential_process_line_and_keeps_the_rest(qtbot, aws_files, qsettings):
    ProfileStore().put(AppProfile("ci", region="us-east-1"))
    secrets.save_keys("ci", AccessKeys(KEY_ID, SECRET))
    before = aws_files.read_text()
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    view.select("ci")
    find_by_name(view, QPushButton, "Write to AWS config").click()
    qtbot.waitUntil(lambda: "now gets its credentials" in view.banner.text(), timeout=TIMEOUT)

    after = aws_files.read_text()
    assert after.startswith(before)  # every line and comment kept
    added = after[len(before):].splitlines()
    assert added[-2] == "[profile ci]" and added[-1].startswith("credential_process = ")
    assert added[-1].endswith("credential-process --profile ci") and SECRET not in after
    assert [r.name for r in view.model.rows()].count("ci") == 1  # still one row, the application's
    window.close()


def fake_aws(bin_dir, argv_file, cache_file) -> None:
    """An `aws` program on PATH that records its arguments and signs in by writing a fresh token."""
    later = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    token = json.dumps({"startUrl": START_URL, "region": "us-east-1", "accessToken": "t", "expiresAt": later})
    bin_dir.mkdir()
    script = bin_dir / "aws"
    script.write_text(f"#!/bin/sh\necho \"$@\" > '{argv_file}'\necho '{token}' > '{cache_file}'\n")  # builtins only
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_an_expired_sso_profile_shows_the_login_command_and_runs_it_when_the_cli_is_there(
        qtbot, aws_files, qsettings, tmp_path, monkeypatch):
    cache = tmp_path / "home" / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    cache_file = cache / (sha1(START_URL.encode()).hexdigest() + ".json")
    cache_file.write_text(json.dumps({"startUrl": START_URL, "accessToken": "old",
                                      "expiresAt": "2020-01-01T00:00:00Z"}))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no AWS CLI
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    assert status(view, "dev-sso") == "SSO token expired or missing: run aws sso login --profile dev-sso"

    view.select("dev-sso")
    find_by_name(view, QPushButton, "SSO sign in").click()
    qtbot.waitUntil(lambda: "not installed" in view.banner.text(), timeout=TIMEOUT)
    assert view.banner.text().endswith("then run: aws sso login --profile dev-sso")

    argv_file = tmp_path / "argv"
    fake_aws(tmp_path / "bin", argv_file, cache_file)
    monkeypatch.setenv("PATH", str(tmp_path / "bin") + os.pathsep + str(tmp_path / "empty"))
    find_by_name(view, QPushButton, "SSO sign in").click()
    qtbot.waitUntil(lambda: status(view, "dev-sso").startswith("SSO token valid"), timeout=TIMEOUT)
    assert argv_file.read_text().split() == ["sso", "login", "--profile", "dev-sso"]
    window.close()


def test_a_selected_profile_stays_selected_when_the_connections_arrive(qtbot, aws_files, qsettings):
    window = aws_window(qtbot, qsettings)
    view = window.accounts_view
    view.select("dev-sso")
    assert view.selected_row().name == "dev-sso"

    window.workspace.set_choices(list(window.workspace.choices()))  # as when the window's startup finishes

    assert view.selected_row() is not None and view.selected_row().name == "dev-sso"
    assert find_by_name(view, QPushButton, "SSO sign in").isEnabled()
    window.close()

