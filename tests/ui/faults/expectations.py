"""What every fault case checks, whatever the operation: the message, the window, the threads."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.tasks import TaskRunner
from tests.ui.faults.conftest import PROFILE

TIMEOUT = 20000


def assert_names(message: str, action: str, resource: str) -> None:
    """A message a person can act on: whose call, which call, on what."""
    assert f"'{PROFILE}'" in message, message
    assert action in message, message
    assert resource in message, message


def assert_alive(qtbot, window) -> None:
    """The window is open, usable, and its event loop turns (nothing waits on the UI thread)."""
    assert window.isVisible() and window.isEnabled()
    assert window.groups_view.isEnabled() and window.versions_view.isEnabled()
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    qtbot.waitUntil(lambda: bool(turned), timeout=TIMEOUT)


def runners_of(*roots: QWidget) -> list[TaskRunner]:
    found: list[TaskRunner] = []
    for root in roots:
        found.extend(root.findChildren(TaskRunner))
    return found


def wait_idle(qtbot, *roots: QWidget) -> None:
    """No task left running in any runner of these widgets (the window, a dialog)."""
    qtbot.waitUntil(lambda: all(r.active_count == 0 for r in runners_of(*roots)), timeout=TIMEOUT)
