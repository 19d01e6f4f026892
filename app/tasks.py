"""The one way work leaves the UI thread.

A view owns a `TaskRunner`. `runner.run(fn, ...)` runs `fn` on a worker thread; when `fn` is a
generator, each value it yields reaches `on_yield` on the UI thread as soon as it is produced
(one page of a listing, say), and the generator is stopped between yields when the task is
cancelled. Results and errors come back through a queued Qt signal (one application-wide hub), so every
callback runs on the UI thread and may touch widgets.

Stale results, one mechanism: a run is current until it is cancelled, and only the runner decides
that. Starting a run with a `key` cancels the previous run of that key (it is superseded), and
`cancel(key)`, `cancel_all()` and `shutdown()` cancel explicitly. A cancelled run delivers nothing
at all, not even `on_finish`: whoever cancelled it (a newer load, a closing view) owns the view's
state from then on. Views need no generation counters of their own for this.

Callbacks are tied to a context object (by default the runner's parent, usually the view or the
dialog that started the run): once it is deleted, nothing more is delivered, so the results of a
closed dialog never reach its dead widgets.

Every run that is not cancelled ends with `on_finish`, after success or error alike, so no view
stays busy. An error with no `on_error` goes to the application's error sink (the window's
banner, see `set_error_sink`), so no failure is silent.

Lifetimes: workers are daemon threads owned by this module, not by a view. `shutdown()` never
waits: it cancels, and a call still blocked (a server that never answers) is abandoned, its result
dropped. `shutdown_all()` does this for every runner when the window closes; `wait_for_threads`
gives the abandoned calls a bounded time to end once the window is gone (cli.py), and tests use
`running_threads()` / `live_runners()` to fail a test that leaves work behind.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import Shiboken

log = logging.getLogger(__name__)

# Anki's rule: a progress indicator only after this long, so fast work never flickers.
BUSY_DELAY_MS = 600

_YIELD, _RETURN, _ERROR, _FINISH = range(4)


class Cancelled(Exception):
    """Raised inside a task when it notices it was cancelled."""


class Abandoned(Exception):
    """Given to `on_error` when the person stopped waiting for a run (`TaskRunner.give_up`).

    The call itself may still end later (a request already sent may even succeed); whatever it
    delivers then is dropped."""


# -- the application-wide parts -----------------------------------------------------------

_runners: weakref.WeakSet[TaskRunner] = weakref.WeakSet()
_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()
_thread_ids = itertools.count(1)
_error_sink: Callable[[BaseException], None] | None = None
_expected_errors: tuple[type[BaseException], ...] = ()


def set_error_sink(sink: Callable[[BaseException], None] | None) -> None:
    """Where the error of a run without `on_error` goes (on the UI thread): the window's banner."""
    global _error_sink
    _error_sink = sink


def error_sink() -> Callable[[BaseException], None] | None:
    return _error_sink


def set_expected_errors(*types: type[BaseException]) -> None:
    """Errors that are part of the job (AWS refusing, say): logged without a traceback. Any other
    exception in a task is a programming error and is logged with its traceback."""
    global _expected_errors
    _expected_errors = tuple(types)


def live_runners() -> list[TaskRunner]:
    return [r for r in list(_runners) if Shiboken.isValid(r)]


def running_threads() -> list[threading.Thread]:
    """The worker threads still alive (running a task, or abandoned in a blocked call)."""
    with _threads_lock:
        return [t for t in _threads if t.is_alive()]


def shutdown_all() -> None:
    """Cancel every run of every runner, without waiting (the window is closing)."""
    for runner in live_runners():
        runner.shutdown()


def wait_for_threads(timeout_s: float) -> bool:
    """Block until every worker thread has ended or `timeout_s` passed; True when all ended.
    Never from a slot: for after the event loop has ended, and for tests."""
    end = time.monotonic() + timeout_s
    for thread in running_threads():
        thread.join(max(0.0, end - time.monotonic()))
    return not running_threads()


# -- one run ------------------------------------------------------------------------------


class _Hub(QObject):
    """One object for the whole application, made on the UI thread and never deleted: workers emit
    on it, Qt queues each event to the UI thread, and the event goes to its task's runner if that
    still exists. No QObject per task, so none is ever destroyed on a worker thread."""

    delivered = Signal(object, int, object)  # (task, kind, value)

    def __init__(self) -> None:
        super().__init__()
        self.delivered.connect(self._dispatch)

    def _dispatch(self, task: Task, kind: int, value: Any) -> None:
        runner = task._runner() if task._runner is not None else None
        if runner is not None and Shiboken.isValid(runner):
            runner._deliver(task, kind, value)


_hub: _Hub | None = None


def _the_hub() -> _Hub:
    global _hub
    if _hub is None:
        _hub = _Hub()  # from TaskRunner.__init__, on the UI thread
    return _hub


class Task:
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
        self.id = next(self._ids)
        self._emit = _the_hub().delivered.emit
        self._runner: weakref.ref[TaskRunner] | None = None
        self.key: str | None = None
        self.started_at: float | None = None  # time.monotonic() when a worker took it
        self._fn = fn
        self._args = args
        self._kwargs = kwargs
        self._pass_should_stop = pass_should_stop
        self._pass_report = pass_report
        self._cancelled = threading.Event()
        self._done = threading.Event()
        self._context: QObject | None = None
        self._callbacks: tuple[Any, ...] = (None, None, None, None)

    def cancel(self) -> None:
        """Ask the task to stop at its next yield (or its next `should_stop()` check)."""
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout_s: float) -> bool:
        return self._done.wait(timeout_s)

    def name(self) -> str:
        return getattr(self._fn, "__qualname__", None) or repr(self._fn)

    def run(self) -> None:  # worker thread
        self.started_at = time.monotonic()
        emit = self._emit
        try:
            if self.is_cancelled():
                raise Cancelled
            kwargs = dict(self._kwargs)
            if self._pass_should_stop:
                kwargs["should_stop"] = self.is_cancelled
            if self._pass_report:
                kwargs["report"] = self._report
            result = self._fn(*self._args, **kwargs)
            if isinstance(result, Iterator) or inspect.isgenerator(result):
                result = self._drain(result)
            if not self.is_cancelled():
                emit(self, _RETURN, result)
        except Cancelled:
            pass
        except Exception as exc:  # every failure reaches the view as data
            if isinstance(exc, _expected_errors):
                log.info("task %s (%s) failed: %s", self.id, self.name(), exc)
            else:
                log.error("task %s (%s) failed with an unexpected error", self.id, self.name(), exc_info=exc)
            if not self.is_cancelled():
                emit(self, _ERROR, exc)
        finally:
            self._done.set()
            emit(self, _FINISH, None)

    def _report(self, value: Any) -> None:  # any thread
        if not self.is_cancelled():
            self._emit(self, _YIELD, value)

    def _drain(self, generator: Iterator[Any]) -> Any:
        value = None
        try:
            for value in generator:
                if self.is_cancelled():
                    raise Cancelled
                self._emit(self, _YIELD, value)
                if self.is_cancelled():
                    raise Cancelled
        finally:
            close = getattr(generator, "close", None)
            if close is not None:
                close()
        return value


class _Lane:
    """The worker threads of one runner: at most `limit` at once, the rest queued. Plain Python,
    so a worker never touches the runner (which may be deleted while the worker still runs)."""

    def __init__(self, name: str, limit: int):
        self._name = name
        self._limit = max(1, limit)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._pending: deque[Task] = deque()
        self._running = 0

    def submit(self, task: Task) -> None:
        with self._lock:
            if self._running >= self._limit:
                self._pending.append(task)
                return
            self._running += 1
        thread = threading.Thread(target=self._work, args=(task,), daemon=True,
                                  name=f"task-{self._name}-{next(_thread_ids)}")
        with _threads_lock:
            _threads.add(thread)
        thread.start()

    def _work(self, task: Task | None) -> None:
        try:
            while task is not None:
                task.run()
                with self._lock:
                    task = self._pending.popleft() if self._pending else None
                    if task is None:
                        self._running -= 1
                        self._idle.notify_all()
        finally:
            with _threads_lock:
                _threads.discard(threading.current_thread())

    def drop_pending(self) -> None:
        with self._lock:
            dropped, self._pending = list(self._pending), deque()
            if not self._running:
                self._idle.notify_all()
        for task in dropped:
            task.cancel()
            task._done.set()

    def wait_idle(self, timeout_s: float) -> bool:
        with self._lock:
            return self._idle.wait_for(lambda: not self._running and not self._pending, timeout_s)


class TaskRunner(QObject):
    """Owns the tasks of one view (or of the window): starts, supersedes, cancels, gives up."""

    busyChanged = Signal(bool)  # true once work has been running for BUSY_DELAY_MS

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 8, name: str = ""):
        super().__init__(parent)
        self._lane = _Lane(name or (type(parent).__name__ if parent is not None else "runner"), max_threads)
        self._live: dict[int, Task] = {}
        self._by_key: dict[str, Task] = {}
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self._closed = False
        _the_hub()
        _runners.add(self)

    # -- starting work -------------------------------------------------------------------

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        key: str | None = None,
        context: QObject | None = None,
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
        `context` is the object the callbacks belong to (default: the runner's parent); once it
        is deleted, nothing is delivered. Without `on_error`, an error goes to the error sink.
        With `pass_should_stop`, `fn` receives `should_stop=` to check between its own steps.
        With `pass_report`, `fn` receives `report=`, a thread-safe callable whose argument
        reaches `on_yield` (for work that reports progress from several threads of its own).
        """
        task = Task(fn, args, kwargs, pass_should_stop, pass_report)
        if self._closed:
            # A view being torn down may still get a late timer or signal; its work is moot.
            log.debug("task %s refused: the runner has been shut down", task.id)
            task.cancel()
            task._done.set()
            return task
        if key is not None:
            self.cancel(key)
        task.key = key
        task._context = context if context is not None else self.parent()
        task._callbacks = (on_yield, on_return, on_error, on_finish)
        task._runner = weakref.ref(self)  # what it sends is dropped once the runner is gone
        self._live[task.id] = task
        if key is not None:
            self._by_key[key] = task
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
        self._lane.submit(task)
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

    def give_up(self, message: str = "", older_than_s: float = 0.0) -> int:
        """Stop waiting for the runs that have been running longer than `older_than_s`: each ends
        now with `Abandoned(message)` (to `on_error`, or the sink) and `on_finish`; whatever the call
        delivers later is dropped. Returns how many were given up."""
        now = time.monotonic()
        stalled = [t for t in list(self._live.values())
                   if not t.is_cancelled() and t.started_at is not None and now - t.started_at >= older_than_s]
        for task in stalled:
            task.cancel()
            if task.key is not None and self._by_key.get(task.key) is task:
                del self._by_key[task.key]
            self._live.pop(task.id, None)
            _on_yield, _on_return, on_error, on_finish = task._callbacks
            if self._context_alive(task):
                self._error(on_error, Abandoned(message or f"stopped waiting for {task.name()}"))
                if on_finish is not None:
                    on_finish()
            self._forget(task)
        self._update_busy()
        return len(stalled)

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

    def running_since(self) -> float | None:
        """time.monotonic() at which the oldest run still awaited started (None: none started)."""
        starts = [t.started_at for t in self._live.values() if t.started_at is not None and not t.is_cancelled()]
        return min(starts) if starts else None

    def shutdown(self) -> bool:
        """Cancel every task, now; never waits. True when no worker of this runner is still
        running (a call blocked in the network is abandoned: its result is dropped)."""
        self._closed = True
        self.cancel_all()
        self._lane.drop_pending()
        self._busy_timer.stop()
        for task in self._live.values():
            self._forget(task)
        self._live.clear()
        if self._busy:
            self._busy = False
            self.busyChanged.emit(False)
        return self._lane.wait_idle(0)

    def wait_for_done(self, timeout_ms: int = 3000) -> bool:
        """Block until this runner's workers are idle (tests only, never from a slot), then
        deliver what they sent; True when they ended in time."""
        idle = self._lane.wait_idle(timeout_ms / 1000)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.sendPostedEvents(_the_hub())
        return idle

    # -- delivery (UI thread) ----------------------------------------------------------------

    def _context_alive(self, task: Task) -> bool:
        return task._context is None or Shiboken.isValid(task._context)

    def _deliver(self, task: Task, kind: int, value: Any) -> None:
        if kind == _FINISH:
            self._finished(task)
            return
        if task.is_cancelled() or not self._context_alive(task):
            return  # superseded, cancelled, or its dialog is gone
        on_yield, on_return, on_error, _on_finish = task._callbacks
        if kind == _YIELD and on_yield is not None:
            on_yield(value)
        elif kind == _RETURN and on_return is not None:
            on_return(value)
        elif kind == _ERROR:
            self._error(on_error, value)

    def _error(self, on_error: Callable[[BaseException], None] | None, error: BaseException) -> None:
        if on_error is not None:
            on_error(error)
        elif _error_sink is not None:
            _error_sink(error)
        else:
            log.error("a task failed and nobody handles its error: %s", error)

    def _finished(self, task: Task) -> None:
        if self._live.pop(task.id, None) is None:
            return  # given up, or the runner was shut down: already accounted for
        if task.key is not None and self._by_key.get(task.key) is task:
            del self._by_key[task.key]
        on_finish = task._callbacks[3]
        try:
            if on_finish is not None and not task.is_cancelled() and self._context_alive(task):
                on_finish()
        finally:
            self._forget(task)
            self._update_busy()

    def _forget(self, task: Task) -> None:
        # The callbacks hold views: drop them, so a long-lived view does not keep every load it
        # ran (the worker may hold the task a while longer). Nothing is delivered after `_FINISH`.
        task._callbacks = (None, None, None, None)
        task._context = None

    def _update_busy(self) -> None:
        if not self._live:
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.busyChanged.emit(False)

    def _show_busy(self) -> None:
        if self._live and not self._busy:
            self._busy = True
            self.busyChanged.emit(True)
