"""The benchmarks' latency proxy passes every byte unchanged both ways, holds each request at
least its delay, and hands a whole answer on even when the server closes right after sending it
(as moto's server does after every answer)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from benchmarks.proxy import LatencyProxy

ANSWER = bytes(range(256)) * 4096  # 1 MB: more than a socket takes at once


class OneAnswerServer:
    """Reads one request (up to a blank line), answers it with ANSWER and closes, per connection."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.requests: list[bytes] = []
        self.connections = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            request = b""
            while not request.endswith(b"\r\n\r\n"):
                chunk = connection.recv(65536)
                if not chunk:
                    return
                request += chunk
            self.requests.append(request)
            connection.sendall(ANSWER)


@pytest.fixture
def proxied() -> Iterator[tuple[OneAnswerServer, int]]:
    server = OneAnswerServer()
    proxy = LatencyProxy(server.port, delay_s=0.05, max_connections=2, lifetime_s=60)
    port = proxy.start()
    yield server, port
    proxy.stop()
    server.listener.shutdown(socket.SHUT_RDWR)
    server.listener.close()
    server.thread.join()


def ask(port: int, request: bytes) -> tuple[bytes, float]:
    with socket.create_connection(("127.0.0.1", port)) as client:
        started = time.monotonic()
        client.sendall(request[:10])
        client.sendall(request[10:])
        first, answer = 0.0, b""
        while chunk := client.recv(65536):
            first = first or time.monotonic() - started
            answer += chunk
        return answer, first


def test_requests_and_answers_pass_unchanged_and_requests_wait_their_delay(proxied):
    server, port = proxied
    requests = [b"POST / HTTP/1.1\r\nHost: x\r\nX-N: %d\r\n\r\n" % n for n in range(6)]
    results: list[tuple[bytes, float]] = []
    threads = [threading.Thread(target=lambda r=r: results.append(ask(port, r))) for r in requests[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results += [ask(port, r) for r in requests[2:]]

    assert sorted(server.requests) == sorted(requests)  # each arrived whole, in one piece or more
    for answer, first in results:
        assert answer == ANSWER  # all of it, though the server closed at once
        assert first >= 0.05  # no byte of the answer before the request's delay


def test_connections_over_the_bound_are_refused(proxied):
    server, port = proxied
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        deadline = time.monotonic() + 10
        while server.connections < 2 and time.monotonic() < deadline:  # the proxy has taken both
            time.sleep(0.01)
        with socket.create_connection(("127.0.0.1", port)) as third:
            third.settimeout(5)
            assert third.recv(1) == b""  # closed without an answer
    finally:
        for sock in held:
            sock.close()
