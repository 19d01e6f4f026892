"""What escapes reaches the log: uncaught exceptions on any thread, and faults that kill the process."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app import __version__, crashes, logs

ROOT = Path(__file__).resolve().parents[1]
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture
def hooked(tmp_path):
    """The log and the crash hooks as the application installs them (no fault file in-process:
    pytest's own faulthandler must stay as it is)."""
    setup = logs.setup(directory=tmp_path)
    before = (sys.excepthook, threading.excepthook)
    hooks = crashes.install(tmp_path, faults=False)
    heard: list[tuple[str, str]] = []
    stop = crashes.listen(lambda summary, details: heard.append((summary, details)))
    yield setup, heard
    stop()
    hooks.uninstall()
    setup.close()
    assert (sys.excepthook, threading.excepthook) == before


def read(setup: logs.LogSetup) -> str:
    for handler in setup.handlers:
        handler.flush()
    return setup.path.read_text(encoding="utf-8")


def test_an_exception_that_ends_a_thread_is_logged_with_its_traceback_and_reported(hooked):
    setup, heard = hooked

    def work() -> None:
        raise LookupError(f"no row for secret_key={SECRET}")

    thread = threading.Thread(target=work, name="loader")
    thread.start()
    thread.join()

    text = read(setup)
    assert "CRITICAL registry_desk.crash [loader]: Unexpected error in thread loader: LookupError: no row" in text
    assert 'line' in text and "in work" in text and "LookupError" in text
    assert SECRET not in text
    [(summary, details)] = heard
    assert summary == "LookupError: no row for secret_key=[redacted]"
    assert details.startswith(f"Registry Desk {__version__}\nPython ")
    assert "Thread: loader" in details and "Traceback (most recent call last)" in details
    assert SECRET not in details


def test_an_uncaught_exception_on_the_main_thread_is_logged(hooked):
    setup, heard = hooked
    try:
        {}["missing"]
    except KeyError:
        sys.excepthook(*sys.exc_info())  # what the interpreter (or PySide6, for a slot) calls
    assert "Unexpected error in thread MainThread: KeyError: 'missing'" in read(setup)
    assert heard[0][0] == "KeyError: 'missing'"


def test_a_thread_that_exits_is_no_error(hooked):
    setup, heard = hooked
    thread = threading.Thread(target=sys.exit)
    thread.start()
    thread.join()
    assert heard == [] and "Unexpected" not in read(setup)


def test_a_long_message_is_summarised_on_one_line():
    summary = crashes.summary(ValueError("first line " + "word " * 100 + "\nsecond line"))
    assert "\n" not in summary and len(summary) <= crashes.SUMMARY_CHARS and summary.endswith("…")


CHILD = """
import sys
from app import crashes, logs
setup = logs.setup()
crashes.install(setup.path.parent)
if sys.argv[1] == "fault":
    import faulthandler
    faulthandler._sigsegv()
raise RuntimeError("nobody caught this")
"""


def run_child(tmp_path: Path, what: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_STATE_HOME=str(tmp_path))
    return subprocess.run([sys.executable, "-c", CHILD, what], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


def test_a_process_ending_in_an_exception_leaves_it_in_the_log(tmp_path):
    result = run_child(tmp_path, "raise")
    assert result.returncode == 1
    text = (tmp_path / "registry-desk" / "log" / "registry-desk.log").read_text()
    assert "Unexpected error in thread MainThread: RuntimeError: nobody caught this" in text
    assert "Traceback (most recent call last)" in text


def test_a_fatal_fault_is_written_beside_the_log(tmp_path):
    result = run_child(tmp_path, "fault")
    assert result.returncode != 0
    faults = tmp_path / "registry-desk" / "log" / "faults.log"
    text = faults.read_text()
    assert text.startswith(f"--- Registry Desk {__version__}, process ")
    assert "Fatal Python error: Segmentation fault" in text
    assert "<string>" in text  # the Python stack of the thread that crashed
    assert oct(faults.stat().st_mode & 0o777) == oct(0o600)
