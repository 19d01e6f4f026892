"""The one way work leaves the UI thread.

A view owns a `TaskRunner`. `runner.run(fn, ...)` runs `fn` on a worker thread; when `fn` is a
generator, each value it yields reaches `on_yield` on the UI thread as soon as it is produced
(one page of a listing, say), and the generator is stopped between yields when the task is
cancelled. Results and errors come back through Qt signals, so every callback runs on the UI
thread and may touch widgets.

Each run may carry a `key`: starting a run with a key cancels the previous run with that key and
drops whatever it still delivers (its generation is superseded). Closing a view calls
`runner.shutdown()`, which cancels everything and waits, with a timeout.

Every run that is not cancelled ends with `on_finish`, after success or error alike, so no view
stays busy. A cancelled or superseded run delivers nothing at all: whoever cancelled it (a newer
load, a closing view) owns the view's state from then on.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)

# Anki's rule: a progress indicator only after this long, so fast work never flickers.
BUSY_DELAY_MS = 600


class Cancelled(Exception):
    """Raised inside a task when it notices it was cancelled."""


class _Signals(QObject):
    # Emitted from the worker thread; the receivers live on the UI thread, so Qt queues them.
    started = Signal()
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()


class Task(QRunnable):
    """One unit of background work. Create it through `TaskRunner.run`."""

    _ids = itertools.count(1)

    def __init__(
        self,
        fn: Callable[..., Any],
        args: tuple,
        kwargs: dict,
        pass_should_stop: bool = False,
        pass_report: bool = False,
    ):
        super().__init__()
        # The pool deletes the C++ side after run(); the runner keeps this wrapper until
        # `finished` has been delivered, so late signals always have a live sender.
        self.id = next(self._ids)
        self.signals = _Signals()
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._pass_should_stop = pass_should_stop
        self._pass_report = pass_report
        self._cancelled = threading.Event()
        self._done = threading.Event()
        self.connected: list[Any] = []  # the signals the runner connected callbacks to

    def cancel(self) -> None:
        """Ask the task to stop at its next yield (or its next `should_stop()` check)."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout_s: float) -> bool:
        return self._done.wait(timeout_s)

    def run(self) -> None:  # worker thread
        signals = self.signals
        try:
            signals.started.emit()
            kwargs = dict(self._kwargs)
            if self._pass_should_stop:
                kwargs["should_stop"] = self.is_cancelled
            if self._pass_report:
                kwargs["report"] = self._report
            result = self._fn(*self._args, **kwargs)
            if isinstance(result, Iterator) or inspect.isgenerator(result):
                result = self._drain(result)
            if not self.is_cancelled():
                signals.returned.emit(result)
        except Cancelled:
            pass
        except Exception as exc:  # every failure reaches the view as data
            if not self.is_cancelled():
                log.debug("task %s failed: %s", self.id, exc)
                signals.errored.emit(exc)
        finally:
            self._done.set()
            signals.finished.emit()

    def _report(self, value: Any) -> None:  # any thread
        if not self.is_cancelled():
            self.signals.yielded.emit(value)

    def _drain(self, generator: Iterator[Any]) -> Any:
        value = None
        try:
            for value in generator:
                if self.is_cancelled():
                    raise Cancelled
                self.signals.yielded.emit(value)
                if self.is_cancelled():
                    raise Cancelled
        finally:
            close = getattr(generator, "close", None)
            if close is not None:
                close()
        return value


class TaskRunner(QObject):
    """Owns the tasks of one view (or of the window): starts, supersedes, cancels, awaits."""

    busyChanged = Signal(bool)  # true once work has been running for BUSY_DELAY_MS

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 8):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._live: dict[int, Task] = {}
        self._by_key: dict[str, Task] = {}
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._closed = False

    # -- starting work -------------------------------------------------------------------

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        key: str | None = None,
        on_yield: Callable[[Any], None] | None = None,
        on_return: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_finish: Callable[[], None] | None = None,
        pass_should_stop: bool = False,
        pass_report: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run `fn(*args, **kwargs)` off the UI thread; callbacks run on the UI thread.

        With `key`, the previous task of that key is cancelled and its late results dropped.
        With `pass_should_stop`, `fn` receives `should_stop=` to check between its own steps.
        With `pass_report`, `fn` receives `report=`, a thread-safe callable whose argument
        reaches `on_yield` (for work that reports progress from several threads of its own).
        """
        task = Task(fn, args, kwargs, pass_should_stop, pass_report)
        if self._closed:
            # A view being torn down may still get a late timer or signal; its work is moot.
            log.debug("task %s refused: the runner has been shut down", task.id)
            task.cancel()
            return task
        if key is not None:
            self.cancel(key)
        signals = task.signals

        def live() -> bool:  # a cancelled or superseded task delivers nothing more
            return not task.is_cancelled()

        if on_yield is not None:
            signals.yielded.connect(lambda value: live() and on_yield(value))
            task.connected.append(signals.yielded)
        if on_return is not None:
            signals.returned.connect(lambda value: live() and on_return(value))
            task.connected.append(signals.returned)
        if on_error is not None:
            signals.errored.connect(lambda exc: live() and on_error(exc))
            task.connected.append(signals.errored)
        signals.finished.connect(lambda: self._finished(task, key, on_finish))
        task.connected.append(signals.finished)

        self._live[task.id] = task
        if key is not None:
            self._by_key[key] = task
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
        self._pool.start(task)
        return task

    # -- stopping work -------------------------------------------------------------------

    def cancel(self, key: str) -> None:
        """Cancel the task running under `key`, if any; what it still delivers is dropped."""
        task = self._by_key.pop(key, None)
        if task is not None:
            task.cancel()

    def cancel_all(self) -> None:
        for task in list(self._live.values()):
            task.cancel()
        self._by_key.clear()

    def is_running(self, key: str) -> bool:
        task = self._by_key.get(key)
        return task is not None and not task.is_done()

    @property
    def active_count(self) -> int:
        return len(self._live)

    @property
    def is_busy(self) -> bool:
        """True once work has been running for BUSY_DELAY_MS, until it all ends."""
        return self._busy

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel every task and wait for the threads; True when all stopped in time."""
        self._closed = True
        self.cancel_all()
        self._busy_timer.stop()
        stopped = self._pool.waitForDone(timeout_ms)
        if not stopped:
            log.warning("%d background task(s) still running at shutdown", self._pool.activeThreadCount())
        return stopped

    def wait_for_done(self, timeout_ms: int = 3000) -> bool:
        """Block until the pool is idle (tests and shutdown only, never from a slot)."""
        return self._pool.waitForDone(timeout_ms)

    # -- bookkeeping -----------------------------------------------------------------------

    def _finished(self, task: Task, key: str | None, on_finish: Callable[[], None] | None) -> None:
        self._live.pop(task.id, None)
        if key is not None and self._by_key.get(key) is task:
            del self._by_key[key]
        try:
            if on_finish is not None and not task.is_cancelled():
                on_finish()
        finally:
            # The callbacks hold the task and the task holds its signals: a cycle through Qt's
            # connections that Python's collector cannot see. `finished` comes last (queued in
            # order), so nothing is left to deliver: cut it, and the task and its view's
            # callbacks can be freed.
            for signal in task.connected:
                signal.disconnect()
            task.connected.clear()
            if not self._live:
                self._busy_timer.stop()
                if self._busy:
                    self._busy = False
                    self.busyChanged.emit(False)

    def _show_busy(self) -> None:
        if self._live and not self._busy:
            self._busy = True
            self.busyChanged.emit(True)
