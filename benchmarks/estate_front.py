"""The estate server's front: each request held `delay_s` (as `benchmarks.proxy.LatencyProxy`
holds it), and a listing request answered before answered again with the same bytes, here.

The estate's server keeps each SageMaker List* answer once made (`Remembered` in
benchmarks/estate_server.py), yet every request still went through moto's werkzeug server: a
thread and a connection of its own (it closes each connection after one answer), the request
parsed, the answer written, about 1 ms of CPU a call, on the CPUs of the application measured.
On AWS that work is the service's. Here the front keeps the raw bytes of every such answer
(status line, headers, body) and sends them again for the same request (same caller, same
operation, same body), as werkzeug would: only the Date header is the time of sending, as
werkzeug writes it. Anything else, and every request the front has not seen, goes to moto.

One request per connection (werkzeug's "Connection: close" ends each after one answer); one
thread for every connection.
"""

from __future__ import annotations

import email.utils
import heapq
import re
import selectors
import socket
import time
from dataclasses import dataclass, field

from benchmarks.proxy import LoopbackLoop

_CHUNK = 65536
_CALLER = re.compile(rb"Credential=([^/]+)/\d+/([^/]+)/")
_DATE = re.compile(rb"\r\nDate: [^\r]*\r\n")


@dataclass(eq=False)
class _Exchange:
    """One client connection: its request, and the answer on its way back."""

    client: socket.socket
    request: bytearray = field(default_factory=bytearray)
    key: tuple | None = None  # the request's key, when its answer may be kept
    upstream: socket.socket | None = None
    answer: bytearray = field(default_factory=bytearray)  # what moto answered, kept whole
    to_client: bytearray = field(default_factory=bytearray)
    complete: bool = False  # the request has arrived whole
    answered: bool = False  # nothing more comes back: close once `to_client` is written
    closed: bool = False


def request_key(request: bytes) -> tuple | None:
    """(caller, operation, body) of a SageMaker List* request, or None (always sent on to moto)."""
    head, _, body = request.partition(b"\r\n\r\n")
    target = caller = None
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"x-amz-target":
            target = value.strip()
        elif name == b"authorization":
            found = _CALLER.search(value)
            caller = found.groups() if found else None
    if target is None or not target.startswith(b"SageMaker.List"):
        return None
    return caller, target, body


def _whole(request: bytes) -> bool:
    """Whether `request` holds its headers and all of its body (Content-Length)."""
    head, found, body = request.partition(b"\r\n\r\n")
    if not found:
        return False
    length = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.IGNORECASE)
    return len(body) >= (int(length.group(1)) if length else 0)


def dated(answer: bytes) -> bytes:
    """`answer` with its Date header set to now, written as werkzeug writes it."""
    now = email.utils.formatdate(time.time(), usegmt=True).encode()
    return _DATE.sub(b"\r\nDate: " + now + b"\r\n", answer, count=1)


class RememberingFront(LoopbackLoop):
    thread_name = "estate-front"

    def __init__(self, upstream_port: int, *, delay_s: float = 0.05, max_connections: int = 512,
                 lifetime_s: float = 3600.0) -> None:
        super().__init__(upstream_port, delay_s=delay_s, max_connections=max_connections, lifetime_s=lifetime_s)
        self._kept: dict[tuple, bytes] = {}
        self._open: set[_Exchange] = set()
        self._due: list[tuple[float, int, _Exchange]] = []

    @property
    def kept(self) -> int:
        """How many answers the front can give itself."""
        return len(self._kept)

    def _serve(self) -> None:
        try:
            while not self._stopped.is_set():
                timeout = max(0.0, self._due[0][0] - time.monotonic()) if self._due else None
                for key, events in self._selector.select(timeout):
                    if key.fileobj is self._listener:
                        self._accept()
                    elif key.fileobj is self._wake_r:
                        self._wake_r.recv(64)
                    elif not key.data.closed:
                        self._ready(key.data, key.fileobj, events)  # type: ignore[arg-type]
                now = time.monotonic()
                while self._due and self._due[0][0] <= now:
                    self._answer(heapq.heappop(self._due)[2])
        finally:
            for exchange in list(self._open):
                self._close(exchange)
            if self._listener is not None:
                self._listener.close()
            for sock in (self._wake_r, self._wake_w):
                sock.close()
            self._selector.close()

    def _accept(self) -> None:
        assert self._listener is not None
        while True:
            try:
                client, _address = self._listener.accept()
            except OSError:  # none waiting (or the listener closed)
                return
            if len(self._open) >= self._max_connections:
                client.close()  # over the bound: refuse rather than queue without limit
                continue
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client.setblocking(False)
            exchange = _Exchange(client)
            self._open.add(exchange)
            self._selector.register(client, selectors.EVENT_READ, exchange)

    def _ready(self, exchange: _Exchange, sock: socket.socket, events: int) -> None:
        if events & selectors.EVENT_WRITE:
            self._flush(exchange)
        if exchange.closed or not events & selectors.EVENT_READ:
            return
        try:
            data = sock.recv(_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if sock is exchange.client:
            if not data:
                self._close(exchange)  # the client left
            elif not exchange.complete:
                exchange.request += data
                if _whole(exchange.request):  # held from the arrival of its last byte, as the proxy holds it
                    exchange.complete = True
                    heapq.heappush(self._due, (time.monotonic() + self._delay, next(self._order), exchange))
        elif data:  # moto's answer, passed straight back
            exchange.answer += data
            exchange.to_client += data
            self._flush(exchange)
        else:  # moto is done (it closes after each answer)
            self._selector.unregister(sock)
            exchange.answered = True
            if exchange.key is not None and exchange.answer.startswith(b"HTTP/1.1 200 "):
                self._kept[exchange.key] = bytes(exchange.answer)
            self._flush(exchange)

    def _answer(self, exchange: _Exchange) -> None:
        if exchange.closed:
            return
        request = bytes(exchange.request)
        exchange.key = request_key(request)
        kept = self._kept.get(exchange.key) if exchange.key is not None else None
        if kept is not None:
            exchange.answered = True
            exchange.to_client += dated(kept)
            self._flush(exchange)
            return
        try:
            upstream = socket.create_connection(self._upstream)
        except OSError:
            self._close(exchange)
            return
        upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        upstream.sendall(request)
        upstream.setblocking(False)
        exchange.upstream = upstream
        self._selector.register(upstream, selectors.EVENT_READ, exchange)

    def _flush(self, exchange: _Exchange) -> None:
        waiting = exchange.to_client
        try:
            while waiting:
                del waiting[:exchange.client.send(waiting)]
        except (BlockingIOError, InterruptedError):
            pass
        except OSError:
            self._close(exchange)
            return
        if exchange.answered and not waiting:
            self._close(exchange)
            return
        wanted = selectors.EVENT_READ | (selectors.EVENT_WRITE if waiting else 0)
        if self._selector.get_key(exchange.client).events != wanted:
            self._selector.modify(exchange.client, wanted, exchange)

    def _close(self, exchange: _Exchange) -> None:
        if exchange.closed:
            return
        exchange.closed = True
        self._open.discard(exchange)
        for sock in (exchange.client, exchange.upstream):
            if sock is None:
                continue
            if sock.fileno() >= 0 and sock in self._selector.get_map():
                self._selector.unregister(sock)
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
