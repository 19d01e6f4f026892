"""The estate's listing in worker processes, so parsing 100,000 versions never competes with the
window for the interpreter lock, and uses every CPU rather than one.

A listing is mostly waiting, then pure Python: each page's answer is parsed and written to the
index. Threads of the window's own process did that while holding the interpreter lock, so the
window waited behind them (a freeze of 75 ms with a busy CPU beside), and four account-regions
listed at once took 1.75 x the time of one: they shared one CPU's worth of Python. Here a few
processes, started once and kept, each list some of the targets with `refresh_estate` into the
same index file (SQLite in WAL mode: writers take turns), and send their progress back.

Credentials never reach a file: a target's connection goes to its process through a pipe, with
the keys its session resolved here (assume-role, MFA and single sign-on stay with this process,
which may ask the user). When processes cannot be used, the listing runs here, as before.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import wait as wait_for
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.registry.accounts.sessions import session_for
from app.registry.estate.fanout import (
    FAILED,
    WAITING,
    EstateOutcome,
    Report,
    Target,
    TargetProgress,
    failure_message,
    progress_of,
    refresh_estate,
    safe_report,
)
from app.registry.index.local import LocalIndex

_log = logging.getLogger(__name__)

MAX_PROCESSES = 4
WORKER_NICENESS = 10  # added to the processes' niceness (Unix): they give way to the window and the user
PROCESSES_VARIABLE = "REGISTRY_DESK_ESTATE_PROCESSES"  # "0": list in this process
THREAD_NAME = "estate-processes"  # this process's threads that serve the worker processes
_STOP_SLOTS = 256  # a refresh's stop flag is slot id % 256: far more than ever run at once
_context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt and threads


def process_count() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_PROCESSES))


class ListingProcesses:
    """A few worker processes that list targets into an index file; started once, reused."""

    def __init__(self, processes: int | None = None) -> None:
        self.size = processes or process_count()
        self._messages: Any = _context.Queue()
        self._stops: Any = _context.Array("b", _STOP_SLOTS, lock=False)
        self._writes: Any = _context.RLock()  # the processes write the index in turn
        self._pool = ProcessPoolExecutor(self.size, mp_context=_context, initializer=_child_started,
                                         initargs=(self._messages, self._stops, self._writes))
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._listeners: dict[int, Report] = {}
        self._finished: dict[int, list[tuple[TargetProgress, ...]]] = {}
        self._arrived = threading.Condition(self._lock)
        self._closed = False
        self._reader = threading.Thread(target=self._read_messages, name=THREAD_NAME, daemon=True)
        self._reader.start()
        self.warm()

    def warm(self) -> None:
        """Start every process now (each imports boto3 once), so a refresh does not wait for it;
        the pool's own threads here then exist, and are named so tests and logs tell them from
        a leak."""
        for future in [self._pool.submit(_ready) for _ in range(self.size)]:
            future.result()
        manager = getattr(self._pool, "_executor_manager_thread", None)
        feeder = getattr(getattr(self._pool, "_call_queue", None), "_thread", None)
        for thread, role in ((manager, "manager"), (feeder, "feeder")):
            if isinstance(thread, threading.Thread):
                thread.name = f"{THREAD_NAME}-{role}"

    def refresh(self, targets: Sequence[Target], index: LocalIndex, *, should_stop: Callable[[], bool],
                report: Report, **limits: int) -> EstateOutcome:
        """`refresh_estate`, the listing done in the processes; the same reports and outcome."""
        unique = list({t.key: t for t in targets}.values())
        for target in unique:
            safe_report(report, progress_of(target, WAITING))
        ready: list[Target] = []
        results: dict[str, TargetProgress] = {}
        for target in unique:  # keys resolved here, where the user can be asked for a code
            try:
                ready.append(replace(target, connection=_with_resolved_keys(target)))
            except Exception as error:
                results[target.key] = progress_of(target, FAILED, error=failure_message(error))
                safe_report(report, results[target.key])
        chunks = [ready[i::self.size] for i in range(min(self.size, len(ready)))]
        refresh_id = next(self._ids)
        slot = refresh_id % _STOP_SLOTS
        with self._lock:
            self._listeners[refresh_id] = report
            self._finished[refresh_id] = []
        self._stops[slot] = 1 if should_stop() else 0
        try:
            futures: list[Future[None]] = [
                self._pool.submit(_list_in_child, refresh_id, chunk, str(index.path), limits) for chunk in chunks]
            with self._lock:
                while len(self._finished[refresh_id]) < len(chunks):
                    if should_stop():
                        self._stops[slot] = 1
                    broken = [f for f in futures if f.done() and f.exception() is not None]
                    if broken:
                        raise broken[0].exception()  # type: ignore[misc]
                    self._arrived.wait(timeout=0.05)
                done = self._finished[refresh_id]
            wait_for(futures)
        finally:
            with self._lock:
                self._listeners.pop(refresh_id, None)
                self._finished.pop(refresh_id, None)
        for chunk_results in done:
            for result in chunk_results:
                results[result.key] = result
        return EstateOutcome(tuple(results[t.key] for t in unique if t.key in results), stopped=should_stop())

    def _read_messages(self) -> None:
        while not self._closed:
            try:
                kind, refresh_id, payload = self._messages.get(timeout=0.2)
            except queue.Empty:
                continue
            except (EOFError, OSError, ValueError):
                return  # the queue was closed: shut down
            with self._lock:
                listener = self._listeners.get(refresh_id)
                if kind == "done" and refresh_id in self._finished:
                    self._finished[refresh_id].append(payload)
                    self._arrived.notify_all()
            if kind == "report" and listener is not None:
                safe_report(listener, payload)

    @property
    def closed(self) -> bool:
        return self._closed

    def shutdown(self) -> None:
        """End the processes now, listing or not (closing the window waits for nothing)."""
        if self._closed:
            return
        self._closed = True
        for slot in range(_STOP_SLOTS):
            self._stops[slot] = 1
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=1)
        self._reader.join(timeout=1)


def _with_resolved_keys(target: Target) -> Any:
    """The target's connection with the keys its session holds now (for another process)."""
    connection = target.connection
    if connection.is_isolated:
        return connection
    session = session_for(connection)
    credentials = session.frozen_credentials()
    return replace(connection, profile=None, managed=False, region=session.region, label=connection.display_name,
                   access_key_id=credentials.access_key, secret_access_key=credentials.secret_key,
                   session_token=credentials.token)


# -- in the worker processes ------------------------------------------------------------------

_child: dict[str, Any] = {}


def _child_started(messages: Any, stops: Any, writes: Any) -> None:
    try:  # background work: whatever the user does meanwhile, the window included, comes first
        os.nice(WORKER_NICENESS)
    except (AttributeError, OSError):
        pass  # not on this platform
    _child["messages"] = messages
    _child["stops"] = stops
    _child["indexes"] = {}
    _child["writes"] = writes
    import boto3  # noqa: F401  (imported once, while the process is idle)


def _ready() -> int:
    return os.getpid()


def _list_in_child(refresh_id: int, targets: list[Target], index_path: str, limits: dict[str, int]) -> None:
    messages, stops = _child["messages"], _child["stops"]
    slot = refresh_id % _STOP_SLOTS
    indexes: dict[str, LocalIndex] = _child["indexes"]
    results: tuple[TargetProgress, ...] = ()
    try:
        index = indexes.get(index_path)
        if index is None:
            index = indexes[index_path] = LocalIndex.open(Path(index_path))
            index.share_write_lock(_child["writes"])
        outcome = refresh_estate(targets, index, should_stop=lambda: bool(stops[slot]),
                                 report=lambda progress: messages.put(("report", refresh_id, progress)), **limits)
        results = outcome.results
    except Exception as error:  # never leave the caller waiting: each target ends as failed
        _log.exception("listing in a worker process failed")
        results = tuple(progress_of(t, FAILED, error=failure_message(error)) for t in targets)
    finally:
        messages.put(("done", refresh_id, results))


# -- one set of processes per application ----------------------------------------------------

_shared: ListingProcesses | None = None
_shared_lock = threading.Lock()


def listing_processes() -> ListingProcesses | None:
    """The application's processes (started on first use), or None when they cannot start or
    REGISTRY_DESK_ESTATE_PROCESSES=0 asks for the listing in this process."""
    global _shared
    if os.environ.get(PROCESSES_VARIABLE, "").strip() == "0":
        return None
    with _shared_lock:
        if _shared is None:
            try:
                _shared = ListingProcesses()
            except (OSError, ImportError, RuntimeError, BrokenProcessPool):
                _log.exception("the estate's worker processes could not start: listing in this process")
                return None
        return _shared


def stop_listing_processes() -> None:
    global _shared
    with _shared_lock:
        shared, _shared = _shared, None
    if shared is not None:
        shared.shutdown()


def refresh_estate_elsewhere(targets: Sequence[Target], index: LocalIndex, *, should_stop: Callable[[], bool],
                             report: Report, **limits: int) -> EstateOutcome:
    """Worker thread: `refresh_estate` in the worker processes, or here when they cannot run."""
    processes = listing_processes()
    if processes is not None:
        try:
            return processes.refresh(targets, index, should_stop=should_stop, report=report, **limits)
        except BrokenProcessPool:
            if processes.closed:  # ended on purpose, the application quitting: nothing more to list
                return refresh_estate(targets, index, should_stop=lambda: True, report=report, **limits)
            # A process died (killed, out of memory): this refresh here, new processes next time.
            _log.exception("an estate worker process ended: listing in this process")
            stop_listing_processes()
    return refresh_estate(targets, index, should_stop=should_stop, report=report, **limits)
