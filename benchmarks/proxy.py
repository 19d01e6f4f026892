"""A loopback TCP proxy that adds a fixed delay to every request, as a distant AWS would.

Each client connection gets its own upstream connection, so HTTP keep-alive works exactly as
against AWS: the delay is paid per request, not per connection setup. Bytes from the client
are held `delay_s` after they arrive (so pipelined chunks are not delayed twice); answers pass
straight back. Bounded (at most `max_connections` at once; more are refused) and
self-stopping (after `lifetime_s`, or `stop()`).

One thread serves every connection (a selector, and a heap of the bytes held until their
time). The network costs the client nothing here: a proxy that started three threads per
connection (and moto's server closes each connection after one answer) took a third of the
benchmark server's CPU, on the same CPUs as the application it measures.
"""

from __future__ import annotations

import heapq
import itertools
import selectors
import socket
import threading
import time

LOOPBACK = "127.0.0.1"
_CHUNK = 65536


class _Pair:
    """A client connection and its upstream one; bytes waiting to be written either way."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client = client
        self.upstream = upstream
        self.to_upstream = bytearray()  # held bytes whose time has come, not yet written
        self.to_client = bytearray()
        self.answered = False  # the upstream ended: the client gets what is left, then ends too
        self.closed = False


class LoopbackLoop:
    """One thread serving a loopback port through a selector: listening, waking and stopping
    (after `lifetime_s`, or `stop()`). Subclasses serve the connections in `_serve`."""

    thread_name = "loopback"

    def __init__(self, upstream_port: int, *, delay_s: float, max_connections: int, lifetime_s: float) -> None:
        self._upstream = (LOOPBACK, upstream_port)
        self._delay = delay_s
        self._max_connections = max_connections
        self._lifetime = lifetime_s
        self._listener: socket.socket | None = None
        self._selector = selectors.DefaultSelector()
        self._order = itertools.count()
        self._stopped = threading.Event()
        self._wake_r, self._wake_w = socket.socketpair()
        self._thread: threading.Thread | None = None
        self._timer: threading.Timer | None = None

    def start(self) -> int:
        """Listen on a free loopback port; returns it."""
        listener = socket.create_server((LOOPBACK, 0))
        listener.setblocking(False)
        self._listener = listener
        self._selector.register(listener, selectors.EVENT_READ, None)
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, None)
        self._thread = threading.Thread(target=self._serve, name=self.thread_name, daemon=True)
        self._thread.start()
        self._timer = threading.Timer(self._lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return int(listener.getsockname()[1])

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._timer is not None:
            self._timer.cancel()
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _serve(self) -> None:
        raise NotImplementedError


class LatencyProxy(LoopbackLoop):
    thread_name = "proxy"

    def __init__(
        self,
        upstream_port: int,
        *,
        delay_s: float = 0.05,
        max_connections: int = 64,
        lifetime_s: float = 3600.0,
    ) -> None:
        super().__init__(upstream_port, delay_s=delay_s, max_connections=max_connections, lifetime_s=lifetime_s)
        self._pairs: set[_Pair] = set()
        self._held: list[tuple[float, int, _Pair, bytes]] = []  # (due, order, pair, bytes)

    # -- the one thread ----------------------------------------------------------------------

    def _serve(self) -> None:
        try:
            while not self._stopped.is_set():
                timeout = None
                if self._held:
                    timeout = max(0.0, self._held[0][0] - time.monotonic())
                for key, events in self._selector.select(timeout):
                    self._ready(key, events)
                self._release_due()
        finally:
            self._close_all()

    def _ready(self, key: selectors.SelectorKey, events: int) -> None:
        sock = key.fileobj
        if sock is self._listener:
            self._accept()
        elif sock is self._wake_r:
            try:
                self._wake_r.recv(64)
            except OSError:
                pass
        else:
            pair: _Pair = key.data
            if pair.closed or (pair.answered and sock is pair.upstream):
                return
            if events & selectors.EVENT_WRITE:
                self._flush(pair, sock)  # type: ignore[arg-type]
            if events & selectors.EVENT_READ and not pair.closed:
                self._read(pair, sock)  # type: ignore[arg-type]

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                client, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if len(self._pairs) >= self._max_connections:
                _close(client)  # over the bound: refuse rather than queue without limit
                continue
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                _close(client)
                continue
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                sock.setblocking(False)
            pair = _Pair(client, upstream)
            self._pairs.add(pair)
            self._selector.register(client, selectors.EVENT_READ, pair)
            self._selector.register(upstream, selectors.EVENT_READ, pair)

    def _read(self, pair: _Pair, sock: socket.socket) -> None:
        try:
            data = sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data and sock is pair.upstream and pair.to_client:
            pair.answered = True  # the rest of the answer first, then both end
            self._selector.unregister(sock)
        elif not data:  # either side ended: both end, as a TCP proxy does
            self._finish(pair)
        elif sock is pair.client:  # held until its time
            heapq.heappush(self._held, (time.monotonic() + self._delay, next(self._order), pair, data))
        else:  # answers pass straight back
            pair.to_client += data
            self._flush(pair, pair.client)

    def _release_due(self) -> None:
        now = time.monotonic()
        while self._held and self._held[0][0] <= now:
            _due, _order, pair, data = heapq.heappop(self._held)
            if not pair.closed and not pair.answered:
                pair.to_upstream += data
                self._flush(pair, pair.upstream)

    def _flush(self, pair: _Pair, sock: socket.socket) -> None:
        """Write what waits for `sock`; what it cannot take now waits for it to be writable."""
        waiting = pair.to_client if sock is pair.client else pair.to_upstream
        try:
            while waiting:
                sent = sock.send(waiting)
                del waiting[:sent]
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._finish(pair)
            return
        if pair.answered and not pair.to_client:
            self._finish(pair)
            return
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if waiting else 0)
        if self._selector.get_key(sock).events != wanted:
            self._selector.modify(sock, wanted, pair)

    def _finish(self, pair: _Pair) -> None:
        if pair.closed:
            return
        pair.closed = True
        self._pairs.discard(pair)
        for sock in (pair.client, pair.upstream):
            if sock.fileno() >= 0 and sock in self._selector.get_map():
                self._selector.unregister(sock)
            _close(sock)

    def _close_all(self) -> None:
        for pair in list(self._pairs):
            self._finish(pair)
        if self._listener is not None:
            try:
                self._selector.unregister(self._listener)
            except (KeyError, ValueError):
                pass
            self._listener.close()
        for sock in (self._wake_r, self._wake_w):
            sock.close()
        self._selector.close()


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
