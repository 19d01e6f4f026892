"""The window shows its groups and versions first and builds the rest a moment later: what the
user does in that moment still happens."""

from __future__ import annotations

from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.ui.helpers import wait_complete


def shown_window(qtbot, connection, qsettings) -> MainWindow:
    """The sandbox window, just shown: nothing has run yet, so its second stage is not built."""
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    result = StartupResult(choices=[ConnectionChoice("sandbox", connection)], regions=["us-east-1"],
                           current=connection)
    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=lambda: result)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_dock_shortcut_pressed_before_the_dock_exists_shows_it(qtbot, connection, qsettings, sandbox):
    window = shown_window(qtbot, connection, qsettings)
    assert not window.is_complete
    window.actions_by_name["accounts"].trigger()  # Ctrl+Shift+U, at once
    wait_complete(qtbot, window)
    qtbot.waitUntil(lambda: window.accounts_dock.isVisible(), timeout=5000)
    assert window.actions_by_name["accounts"].isChecked()
    window.close()


def test_docks_left_open_come_back_where_they_were(qtbot, connection, qsettings, sandbox):
    window = shown_window(qtbot, connection, qsettings)
    wait_complete(qtbot, window)
    window.show_accounts(True)
    qtbot.waitUntil(lambda: window.accounts_dock.isVisible(), timeout=5000)
    window.close()

    again = shown_window(qtbot, connection, qsettings)
    wait_complete(qtbot, again)
    assert again.accounts_dock.isVisible()
    again.close()
