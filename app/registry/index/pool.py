"""The local index's connections: borrowed for one call and given back, so the connections open
are as many as the threads using the index at once, never every thread that ever did (the estate
refresh runs in fresh threads each time, and each connection holds its own page cache)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_log = logging.getLogger(__name__)

KEEP_IDLE = 4  # connections kept open between calls; more threads at once open more, closed after


class ConnectionPool:
    def __init__(self, connect: Callable[[], sqlite3.Connection], first: sqlite3.Connection | None = None,
                 *, keep_idle: int = KEEP_IDLE):
        self._connect = connect
        self._keep_idle = keep_idle
        self._idle = [] if first is None else [first]  # open, used by no call
        self._borrowed = 0  # open (or opening), used by a call in some thread
        self._lock = threading.Condition(threading.Lock())
        self.closed = False

    @contextmanager
    def borrow(self) -> Iterator[sqlite3.Connection]:
        """A connection for one call (an idle one, or a new one); sqlite3.ProgrammingError once closed."""
        with self._lock:
            if self.closed:
                raise sqlite3.ProgrammingError("the local index is closed")
            connection = self._idle.pop() if self._idle else None
            self._borrowed += 1
        try:
            if connection is None:
                connection = self._connect()
            yield connection
        finally:
            self._give_back(connection)

    def _give_back(self, connection: sqlite3.Connection | None) -> None:
        if connection is not None and not connection.in_transaction:
            try:
                # An idle connection keeps no page cache: no memory held between calls, and the
                # next call reads the file as it is now (a file damaged meanwhile is noticed).
                connection.execute("PRAGMA shrink_memory")
            except sqlite3.Error as error:
                _log.debug("releasing a connection's cache: %s", error)
        with self._lock:
            self._borrowed -= 1
            keep = (connection is not None and not connection.in_transaction  # a failed call's: not reused
                    and not self.closed and len(self._idle) < self._keep_idle)
            if keep and connection is not None:
                self._idle.append(connection)
            self._lock.notify_all()
        if connection is not None and not keep:
            _close_quietly(connection)

    def close(self, *, own: int = 0) -> None:
        """Close every connection: calls in flight finish first (`own`: those of the calling
        thread, which cannot be waited for; they are closed when given back)."""
        with self._lock:
            self.closed = True
            self._lock.wait_for(lambda: self._borrowed <= own)
            connections, self._idle = self._idle, []
        for connection in connections:
            _close_quietly(connection)

    def count(self) -> int:
        """Connections open now, in use or idle."""
        with self._lock:
            return self._borrowed + len(self._idle)


def _close_quietly(connection: sqlite3.Connection) -> None:
    try:
        connection.close()
    except sqlite3.Error as error:
        _log.debug("closing a connection of the local index: %s", error)
