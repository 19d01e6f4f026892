"""What every fault case checks, whatever the operation: the message, the threads, the window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.tasks import TaskRunner
from tests.ui.faults.conftest import PROFILE
from tests.ui.faults.proxy import DEAD, FAULTS, ONE_5XX

TIMEOUT = 20000
# A fault that happens once is retried by the client and the user sees nothing but success.
FAILING = tuple(f for f in FAULTS if f != ONE_5XX)


def assert_names(message: str, action: str, resource: str) -> None:
    """A message a person can act on: whose call, which call, on what."""
    assert f"'{PROFILE}'" in message, message
    assert action in message, message
    assert resource in message, message


def runners_of(*roots: QWidget) -> list[TaskRunner]:
    found: list[TaskRunner] = []
    for root in roots:
        found.extend(root.findChildren(TaskRunner))
    return found


def wait_idle(qtbot, *roots: QWidget) -> None:
    """No task left running in any runner of these widgets (the window, a dialog)."""
    qtbot.waitUntil(lambda: all(r.active_count == 0 for r in runners_of(*roots)), timeout=TIMEOUT)


def assert_alive(qtbot, window) -> None:
    """The window is there and answers: its event loop runs and a key press reaches it."""
    assert window.isVisible()
    seen = []
    qtbot.waitUntil(lambda: seen.append(window.isVisible()) or bool(seen), timeout=TIMEOUT)
    window.groups_view.search.setText("")  # typing still works, the widgets are enabled
    assert window.groups_view.isEnabled() and window.versions_view.isEnabled()


def expected_calls(fault: str) -> bool:
    """Whether the faulty action is expected to be reached at all (a dead network is never)."""
    return fault != DEAD
