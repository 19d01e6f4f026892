"""A loopback TCP proxy that adds a fixed delay to every request, as a distant AWS would.

Each client connection gets its own upstream connection, so HTTP keep-alive works exactly as
against AWS: the delay is paid per request, not per connection setup. Bytes from the client
are held `delay_s` after they arrive (so pipelined chunks are not delayed twice); answers pass
straight back. Bounded (at most `max_connections` at once; more are refused) and
self-stopping (after `lifetime_s`, or `stop()`).
"""

from __future__ import annotations

import queue
import socket
import threading
import time

LOOPBACK = "127.0.0.1"


class LatencyProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        delay_s: float = 0.05,
        max_connections: int = 64,
        lifetime_s: float = 3600.0,
    ) -> None:
        self._upstream = (LOOPBACK, upstream_port)
        self._delay = delay_s
        self._slots = threading.BoundedSemaphore(max_connections)
        self._lifetime = lifetime_s
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def start(self) -> int:
        """Listen on a free loopback port; returns it."""
        listener = socket.create_server((LOOPBACK, 0))
        self._listener = listener
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()
        timer = threading.Timer(self._lifetime, self.stop)
        timer.daemon = True
        timer.start()
        return int(listener.getsockname()[1])

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            for sock in list(self._open):
                _close(sock)
            self._open.clear()

    def _accept(self) -> None:
        assert self._listener is not None
        while not self._stopped.is_set():
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            if not self._slots.acquire(blocking=False):
                _close(client)  # over the bound: refuse rather than queue without limit
                continue
            try:
                upstream = socket.create_connection(self._upstream)
            except OSError:
                self._slots.release()
                _close(client)
                continue
            for sock in (client, upstream):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with self._lock:
                self._open.update((client, upstream))
            self._serve(client, upstream)

    def _serve(self, client: socket.socket, upstream: socket.socket) -> None:
        held: queue.Queue[tuple[float, bytes]] = queue.Queue()
        ended = threading.Event()
        once = threading.Lock()  # both directions may end at once: the slot is released once

        def finish() -> None:
            if not once.acquire(blocking=False):
                return
            ended.set()
            held.put((0.0, b""))
            with self._lock:
                self._open.discard(client)
                self._open.discard(upstream)
            _close(client)
            _close(upstream)
            self._slots.release()

        def hold() -> None:  # client -> queue, stamped with when it may go on
            while not ended.is_set():
                data = _recv(client)
                if not data:
                    break
                held.put((time.monotonic() + self._delay, data))
            finish()

        def release() -> None:  # queue -> upstream, each chunk at its time
            while True:
                due, data = held.get()
                if not data:
                    return
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    upstream.sendall(data)
                except OSError:
                    finish()
                    return

        def answer() -> None:  # upstream -> client, undelayed
            while not ended.is_set():
                data = _recv(upstream)
                if not data:
                    break
                try:
                    client.sendall(data)
                except OSError:
                    break
            finish()

        for target in (hold, release, answer):
            threading.Thread(target=target, name="proxy-conn", daemon=True).start()


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
