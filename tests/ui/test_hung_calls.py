"""A call that hangs is visible: the status bar says what the window waits for and offers Cancel;
a task without an error handler still shows its error in the banner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.registry.accounts.sessions import forget_sessions
from app.registry.aws import CALL_TIMEOUT_ENV, Connection
from app.registry.errors import RegistryError
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.ui.workspace import ConnectionChoice, StartupResult, Workspace
from tests.hanging import HangingServer
from tests.ui.helpers import wait_complete

TIMEOUT = 15000


def make_window(qtbot, connection: Connection, qsettings) -> MainWindow:
    workspace = Workspace(connection)
    result = StartupResult(choices=[ConnectionChoice("hung", connection)], regions=["us-east-1"], current=connection)
    window = MainWindow(workspace, Settings("sandbox", backing=qsettings), startup=lambda: result)
    qtbot.addWidget(window)
    window.show()
    wait_complete(qtbot, window)
    return window


@pytest.fixture
def hung_window(qtbot, qsettings, monkeypatch):
    monkeypatch.setenv(CALL_TIMEOUT_ENV, "60")  # the call hangs for the whole test
    forget_sessions()
    with HangingServer() as server:
        connection = Connection(profile=None, region="us-east-1", endpoint_url=server.url,
                                access_key_id="AKIDEXAMPLE", secret_access_key="secret", label="hung")
        window = make_window(qtbot, connection, qsettings)
        yield window
        window.close()
    forget_sessions()


def test_a_hung_listing_says_what_it_waits_for_and_cancel_ends_the_wait(qtbot, hung_window):
    status = hung_window.status
    qtbot.waitUntil(lambda: status.waiting.isVisible(), timeout=TIMEOUT)
    assert status.waiting.text().startswith("Waiting for sagemaker:ListModelPackageGroups")
    assert status.cancel.isVisible() and status.cancel.accessibleName() == "Stop waiting"
    qtbot.mouseClick(status.cancel, Qt.MouseButton.LeftButton)
    assert not status.waiting.isVisible() and not status.cancel.isVisible()
    qtbot.waitUntil(lambda: not status.busy.isVisible(), timeout=TIMEOUT)
    shown = hung_window.groups_view.findChildren(type(status.waiting))
    said = [label.text() for label in shown if label.isVisible() and "Stopped waiting" in label.text()]
    assert said or "Stopped waiting" in hung_window.banner.text()
    assert not hung_window.groups_view.model.loading


def test_an_error_without_a_handler_shows_in_the_banner(qtbot, window):
    def fails():
        raise RegistryError("access_denied", profile="sandbox", action="sagemaker:DescribeModelPackage",
                            resource="churn-prediction/3")

    window.versions_view.runner.run(fails)  # no on_error, as the comments' reads had
    qtbot.waitUntil(lambda: bool(window.banner.text()), timeout=TIMEOUT)
    assert "Access denied" in window.banner.text() and "sagemaker:DescribeModelPackage" in window.banner.text()


@pytest.fixture
def window(qtbot, connection, qsettings):
    w = make_window(qtbot, connection, qsettings)
    yield w
    w.close()


def test_cancel_during_a_hung_write_asks_first_and_keep_waiting_keeps_it(qtbot, window, connection, monkeypatch):
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from app.registry.accounts.sessions import session_for
    from app.ui import status_bar
    from app.ui.groups.operations import delete_group
    from tests.ui.helpers import HeldCalls, find_by_name

    monkeypatch.setattr(status_bar, "STALLED_AFTER_S", 0.0)
    runner = window.groups_view.runner
    qtbot.waitUntil(lambda: window.groups_view.model.rowCount() > 0 and runner.active_count == 0, timeout=TIMEOUT)
    errors: list[str] = []
    client = session_for(connection).client("sagemaker")
    with HeldCalls(client, "DeleteModelPackageGroup") as held:
        runner.run(delete_group, connection, "sandbox-scratch", on_error=lambda error: errors.append(str(error)))
        qtbot.waitUntil(lambda: held.count() == 1, timeout=TIMEOUT)

        def question() -> QMessageBox | None:
            boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
            return boxes[0] if boxes else None

        window.status.stop_waiting()
        qtbot.waitUntil(lambda: question() is not None, timeout=TIMEOUT)
        box = question()
        assert "sagemaker:DeleteModelPackageGroup" in box.text() and "sandbox-scratch" in box.text()
        assert "may still make the change" in box.text()
        qtbot.mouseClick(find_by_name(box, QPushButton, "Keep waiting"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: question() is None, timeout=TIMEOUT)
        assert runner.active_count == 1 and errors == []  # still waiting

        window.status.stop_waiting()
        qtbot.waitUntil(lambda: question() is not None, timeout=TIMEOUT)
        qtbot.mouseClick(find_by_name(question(), QPushButton, "Stop waiting"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
        assert "Stopped waiting" in errors[0] and runner.active_count == 0
        held.release()
