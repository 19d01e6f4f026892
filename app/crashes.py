"""What escapes: an exception nobody caught, on any thread, and a fault that kills the interpreter.

Each uncaught exception is logged with its traceback and handed to the listeners (the window
shows a dialog). A fatal fault (a segfault in Qt, a deadlock dumped by a signal) cannot be
logged by Python any more, so faulthandler writes it to `faults.log` beside the log, a file kept
open from the start for that moment. Plain Python, like app/logs.py.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from app import __version__
from app.logs import redact

if TYPE_CHECKING:  # sys.UnraisableHookArgs exists only for the type checker
    # sys.excepthook, threading.excepthook and sys.unraisablehook, as they were before ours
    _Hooks = tuple[
        Callable[[type[BaseException], BaseException, TracebackType | None], object],
        Callable[[threading.ExceptHookArgs], object],
        Callable[[sys.UnraisableHookArgs], object],
    ]

FAULTS_NAME = "faults.log"
FAULTS_MAX_BYTES = 1_000_000
SUMMARY_CHARS = 300

log = logging.getLogger("registry_desk.crash")

# (one-line summary, details to copy) of an unexpected error, from whichever thread raised it.
Listener = Callable[[str, str], None]
_listeners: list[Listener] = []
_listeners_lock = threading.Lock()


def listen(listener: Listener) -> Callable[[], None]:
    """Call `listener` for every unexpected error; returns the function that stops it."""
    with _listeners_lock:
        _listeners.append(listener)

    def stop() -> None:
        with _listeners_lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return stop


def summary(error: BaseException) -> str:
    """One line a person can read: the exception's type and the first line of its message."""
    text = str(error).strip().splitlines()
    line = f"{type(error).__name__}: {text[0]}" if text else type(error).__name__
    line = redact(line)
    return line if len(line) <= SUMMARY_CHARS else line[: SUMMARY_CHARS - 1] + "…"


def environment() -> str:
    """The version, platform and toolkit, for a report (Qt's only when it is loaded already)."""
    import platform

    lines = [f"Registry Desk {__version__}",
             f"Python {platform.python_version()} ({platform.python_implementation()}) on {platform.platform()}"]
    pyside = sys.modules.get("PySide6")
    qtcore = sys.modules.get("PySide6.QtCore")
    if pyside is not None:
        qt = qtcore.qVersion() if qtcore is not None else "?"
        lines.append(f"PySide6 {getattr(pyside, '__version__', '?')}, Qt {qt}")
    return "\n".join(lines)


def details(kind: type[BaseException], error: BaseException, tb: TracebackType | None,
            *, thread: str | None = None) -> str:
    """What "Copy details" copies: where it ran, and the traceback, every secret taken out."""
    where = f"Thread: {thread or threading.current_thread().name}"
    trace = "".join(traceback.format_exception(kind, error, tb)).rstrip("\n")
    return redact(f"{environment()}\n{where}\n\n{trace}\n")


def _report(kind: type[BaseException], error: BaseException, tb: TracebackType | None, thread: str) -> None:
    log.critical("Unexpected error in thread %s: %s", thread, summary(error), exc_info=(kind, error, tb))
    text = (summary(error), details(kind, error, tb, thread=thread))
    with _listeners_lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(*text)
        except Exception:  # a listener gone (the window closed) must not raise from a hook
            log.debug("an error listener failed", exc_info=True)


class CrashHooks:
    """sys.excepthook, threading.excepthook, sys.unraisablehook and faulthandler, writing to the
    log; `uninstall` puts back what was there before."""

    def __init__(self, directory: Path | None, *, faults: bool = True) -> None:
        self.faults_path = directory / FAULTS_NAME if directory is not None and faults else None
        self._faults_file: IO[str] | None = None
        self._previous: _Hooks | None = None

    def install(self) -> CrashHooks:
        self._previous = (sys.excepthook, threading.excepthook, sys.unraisablehook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook
        sys.unraisablehook = self._unraisablehook
        if self.faults_path is not None:
            self._enable_faulthandler(self.faults_path)
        return self

    def uninstall(self) -> None:
        if self._previous:
            sys.excepthook, threading.excepthook, sys.unraisablehook = self._previous
            self._previous = None
        if self._faults_file is not None:
            faulthandler.disable()
            self._faults_file.close()
            self._faults_file = None

    def _excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        _report(kind, error, tb, threading.current_thread().name)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # as threading's own hook: a thread that exits is no error
        name = args.thread.name if args.thread is not None else "unknown"
        _report(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _unraisablehook(self, unraisable: sys.UnraisableHookArgs) -> None:
        # An exception in __del__ or a finalizer: worth a line in the log, not a dialog.
        log.error("Ignored exception in %r: %s", unraisable.object, unraisable.err_msg or "",
                  exc_info=unraisable.exc_value)

    def _enable_faulthandler(self, path: Path) -> None:
        try:
            too_big = path.exists() and path.stat().st_size > FAULTS_MAX_BYTES
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if too_big else os.O_APPEND), 0o600)
            self._faults_file = open(descriptor, "a", encoding="utf-8")
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            self._faults_file.write(f"--- Registry Desk {__version__}, process {os.getpid()}, started {stamp}\n")
            self._faults_file.flush()
            faulthandler.enable(file=self._faults_file, all_threads=True)
        except OSError as exc:
            log.warning("No fault log at %s: %s", path, exc)


def install(directory: Path | None, *, faults: bool = True) -> CrashHooks:
    """Install the hooks; faults go to `directory`/faults.log (None: no fault file)."""
    return CrashHooks(directory, faults=faults).install()
