"""An unexpected error in the window: logged, shown with the log's path, and the window goes on."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, qWarning
from PySide6.QtWidgets import QApplication

from app import __version__, crashes, logs
from app.ui.error_dialog import ErrorDialog
from app.ui.error_reporter import ErrorReporter
from tests.ui.test_main_window import make_window, wait_groups

ROOT = Path(__file__).resolve().parents[2]
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TIMEOUT = 15000


@pytest.fixture
def reporting(tmp_path):
    """The log, the crash hooks and the reporter, as `registry-desk` installs them."""
    setup = logs.setup(directory=tmp_path)
    hooks = crashes.install(tmp_path, faults=False)
    reporter = ErrorReporter(setup.path)
    yield setup, reporter
    reporter.close()
    hooks.uninstall()
    setup.close()


def dialog_shown(reporter: ErrorReporter) -> ErrorDialog | None:
    dialog = reporter.dialog
    return dialog if dialog is not None and dialog.isVisible() else None


def log_text(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    return setup.path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture  # the application's own hook must see the exception
def test_an_error_in_a_slot_shows_the_log_and_the_window_keeps_working(qtbot, connection, qsettings, reporting):
    setup, reporter = reporting
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)

    def broken_slot() -> None:
        raise ZeroDivisionError(f"division by zero near secret_key={SECRET}")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: dialog_shown(reporter) is not None, timeout=TIMEOUT)
    dialog = dialog_shown(reporter)

    assert dialog.summary.text() == "ZeroDivisionError: division by zero near secret_key=[redacted]"
    assert dialog.log_path.text() == str(setup.path)
    assert not dialog.isModal()
    text = log_text(setup)
    assert "ZeroDivisionError" in text and "in broken_slot" in text and SECRET not in text

    # The window still answers: searching filters the groups, a refresh loads them again.
    qtbot.keyClicks(window.groups_view.search, "churn")
    qtbot.waitUntil(lambda: 0 < window.groups_view.proxy.rowCount() < window.groups_view.model.rowCount(),
                    timeout=TIMEOUT)
    window.actions_by_name["refresh"].trigger()
    qtbot.waitUntil(lambda: not window.groups_view.model.loading and window.groups_view.model.rowCount() >= 5,
                    timeout=TIMEOUT)

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"Registry Desk {__version__}\nPython ")
    assert "PySide6 " in copied and "Thread: MainThread" in copied
    assert "Traceback (most recent call last)" in copied and "in broken_slot" in copied
    assert "ZeroDivisionError: division by zero near secret_key=[redacted]" in copied and SECRET not in copied

    dialog.close_button.click()
    assert dialog_shown(reporter) is None
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_errors_from_other_threads_reach_the_same_dialog_counted(qtbot, reporting):
    _setup, reporter = reporting
    for n in (1, 2):
        thread = threading.Thread(target=lambda n=n: [][n], name=f"worker-{n}")
        thread.start()
        thread.join()
    qtbot.waitUntil(lambda: dialog_shown(reporter) is not None and reporter.dialog.count.isVisible(),
                    timeout=TIMEOUT)
    assert reporter.dialog.summary.text() == "IndexError: list index out of range"
    assert reporter.dialog.count.text().startswith("2 unexpected errors in a row")
    assert "Thread: worker-2" in reporter.dialog.details()
    reporter.dialog.close()


def test_qt_messages_go_to_the_log(reporting):
    setup, _reporter = reporting
    qWarning("a warning from Qt")
    assert "WARNING qt [MainThread]: a warning from Qt" in log_text(setup)


def test_the_command_sets_up_the_log_and_shows_an_error_in_a_slot(tmp_path):
    """`registry-desk` itself: the log file, the fault file, and an error in a slot logged."""
    driver = (
        "import sys\n"
        "from app import cli\n"
        "real = cli.create_window\n"
        "def create_window(args):\n"
        "    window, runtime = real(args)\n"
        "    from PySide6.QtCore import QTimer\n"
        "    def broken(): raise ValueError('broken slot')\n"
        "    QTimer.singleShot(300, broken)\n"
        "    QTimer.singleShot(1500, window.close)\n"
        "    return window, runtime\n"
        "cli.create_window = create_window\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path / "state"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
               AWS_EC2_METADATA_DISABLED="true", QT_QPA_PLATFORM="offscreen")
    env.pop("REGISTRY_DESK_LOG", None)
    result = subprocess.run([sys.executable, "-c", driver, "--region", "us-east-1"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "state" / "registry-desk" / "log"
    text = (folder / "registry-desk.log").read_text()
    assert f"INFO app.cli [MainThread]: Registry Desk {__version__} starting" in text
    assert "Unexpected error in thread MainThread: ValueError: broken slot" in text
    assert (folder / "faults.log").read_text().startswith(f"--- Registry Desk {__version__}")
    assert "broken slot" in result.stderr  # an error is a warning or worse: stderr shows it too
    assert not [r for r in logging.getLogger().handlers if getattr(r, "baseFilename", "").startswith(str(folder))]
