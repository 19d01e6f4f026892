"""A fault-injecting HTTP proxy on 127.0.0.1 in front of the sandbox's moto server.

Every request is forwarded untouched, except those of the action a test chose to break (the
JSON protocol names it in `X-Amz-Target`: `SageMaker.<Action>`, KMS's `TrentService.<Action>`;
S3's ListObjectsV2 is a GET with `list-type=2`), which get the fault:
AWS's own error answers, a 503 once or always, a connection reset in the middle of a response,
or no answer at all. A dead network is the whole endpoint gone: nothing listens on the port and
every open connection is dropped. `heal()` ends any fault; the port stays the same, so the
application's connection keeps working, as after a real outage.
"""

from __future__ import annotations

import http.client
import json
import socket
import struct
import threading
from urllib.parse import urlparse

THROTTLED = "throttled"
ONE_5XX = "one 5xx"
PERSISTENT_5XX = "persistent 5xx"
RESET = "connection reset"
EXPIRED = "expired token"
DENIED = "access denied"
DEAD = "dead network"
HANG = "hanging server"
FAULTS = (THROTTLED, ONE_5XX, PERSISTENT_5XX, RESET, EXPIRED, DENIED, DEAD, HANG)

_AWS_ANSWERS = {  # fault -> (status, error code, message) as SageMaker sends them
    THROTTLED: (400, "ThrottlingException", "Rate exceeded"),
    ONE_5XX: (503, "ServiceUnavailable", "Service Unavailable"),
    PERSISTENT_5XX: (503, "ServiceUnavailable", "Service Unavailable"),
    EXPIRED: (400, "ExpiredTokenException", "The security token included in the request is expired"),
    DENIED: (400, "AccessDeniedException", "User: arn:aws:iam::123456789012:user/desk is not authorized "
                                           "to perform this action"),
}
# The same faults as S3 answers them (REST-XML); S3 names its action by method and query only.
_S3_ANSWERS = {
    THROTTLED: (503, "SlowDown", "Please reduce your request rate."),
    ONE_5XX: (503, "ServiceUnavailable", "Service Unavailable"),
    PERSISTENT_5XX: (503, "ServiceUnavailable", "Service Unavailable"),
    EXPIRED: (400, "ExpiredToken", "The provided token has expired."),
    DENIED: (403, "AccessDenied", "Access Denied"),
}
S3_LIST_OBJECTS = "ListObjectsV2"
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"}


class FaultProxy:
    """Start with `start()`, stop with `close()`; `url` is the endpoint to give a connection."""

    def __init__(self, upstream_url: str) -> None:
        parsed = urlparse(upstream_url)
        self._upstream = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self._lock = threading.Lock()
        self._fault: tuple[str, str] | None = None  # (action, fault)
        self._only: bytes = b""  # when set, only requests whose body holds it meet the fault
        self._failed_once = False
        self._healed = threading.Event()
        self._closing = False
        self._listener: socket.socket | None = None
        self._port = 0
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self.calls: dict[str, int] = {}  # action -> requests seen (faulty or not)

    # -- control ------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> FaultProxy:
        self._listen()
        return self

    def fail(self, action: str, fault: str, *, only: str = "") -> None:
        """From now on, `action` meets `fault` (a dead network takes every action down); with
        `only`, just the requests that name it (one version's ARN: a resource policy's refusal)."""
        assert fault in FAULTS, fault
        with self._lock:
            self._fault = (action, fault)
            self._only = only.encode()
            self._failed_once = False
            self._healed = threading.Event()
        if fault == DEAD:
            self._go_dead()

    def heal(self) -> None:
        """The fault is gone: hanging requests are dropped, a dead endpoint listens again."""
        with self._lock:
            fault, self._fault = self._fault, None
            self._healed.set()
        if fault is not None and fault[1] == DEAD and not self._closing:
            self._listen()

    def calls_of(self, action: str) -> int:
        with self._lock:
            return self.calls.get(action, 0)

    def close(self) -> None:
        self._closing = True
        self._healed.set()
        self._go_dead()
        for thread in list(self._threads):
            thread.join(5)

    # -- listening ----------------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self._port))
        listener.listen(64)
        self._port = listener.getsockname()[1]
        self._listener = listener
        self._spawn(self._accept, listener)

    def _go_dead(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            _drop(client)

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, name="fault-proxy", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed: the network is dead, or the test is over
            with self._lock:
                self._clients.add(client)
            self._spawn(self._serve, client)

    # -- one client connection ----------------------------------------------------------------

    def _serve(self, client: socket.socket) -> None:
        upstream: http.client.HTTPConnection | None = None
        reader = client.makefile("rb")
        try:
            while True:
                request = _read_request(reader)
                if request is None:
                    return
                method, path, headers, body = request
                action = _action_of(method, path, headers)
                fault = self._fault_for(action, body)
                if fault is None:
                    upstream = upstream or http.client.HTTPConnection(*self._upstream, timeout=30)
                    self._forward(client, upstream, method, path, headers, body)
                elif fault in _AWS_ANSWERS and action == S3_LIST_OBJECTS:
                    _answer_xml(client, *_S3_ANSWERS[fault])
                elif fault in _AWS_ANSWERS:
                    status, code, message = _AWS_ANSWERS[fault]
                    _answer(client, status, {"__type": code, "message": message})
                elif fault == RESET:
                    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                            b"Content-Length: 4096\r\n\r\n{\"ModelPackage")
                    client.sendall(head)
                    _drop(client, reset=True)
                    return
                elif fault == HANG:
                    self._healed.wait()
                    return
                else:  # DEAD: a request that slipped in as the endpoint went down
                    _drop(client, reset=True)
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self._clients.discard(client)
            reader.close()
            _drop(client)
            if upstream is not None:
                upstream.close()

    def _fault_for(self, action: str, body: bytes = b"") -> str | None:
        with self._lock:
            if action:
                self.calls[action] = self.calls.get(action, 0) + 1
            if self._fault is None:
                return None
            wanted, fault = self._fault
            if fault == DEAD:
                return DEAD
            if action != wanted or (self._only and self._only not in body):
                return None
            if fault == ONE_5XX:
                if self._failed_once:
                    return None
                self._failed_once = True
            return fault

    @staticmethod
    def _forward(client, upstream, method, path, headers, body) -> None:
        sent = {k: v for k, v in headers.items() if k not in _HOP_BY_HOP}
        upstream.request(method, path, body=body, headers=sent)
        response = upstream.getresponse()
        payload = response.read()
        lines = [f"HTTP/1.1 {response.status} {response.reason}"]
        for name, value in response.getheaders():
            if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                lines.append(f"{name}: {value}")
        lines.append(f"Content-Length: {len(payload)}")
        client.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + payload)


def _action_of(method: str, path: str, headers: dict[str, str]) -> str:
    target = headers.get("x-amz-target", "")
    if "." in target:  # SageMaker.X, TrentService.X
        return target.split(".", 1)[1]
    if method == "GET" and "list-type=2" in path:
        return S3_LIST_OBJECTS
    return ""


def _answer_xml(client: socket.socket, status: int, code: str, message: str) -> None:
    payload = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
               f"<Message>{message}</Message><RequestId>0000000000000000</RequestId></Error>").encode()
    reason = {400: "Bad Request", 403: "Forbidden", 503: "Slow Down"}.get(status, "Error")
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/xml\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n")
    client.sendall(head.encode("latin-1") + payload)


def _read_request(reader) -> tuple[str, str, dict[str, str], bytes] | None:
    line = reader.readline()
    if not line or not line.strip():
        return None
    method, path, _version = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        header = reader.readline()
        if not header or header in (b"\r\n", b"\n"):
            break
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    body = reader.read(length) if length else b""
    return method, path, headers, body


def _answer(client: socket.socket, status: int, document: dict[str, str]) -> None:
    payload = json.dumps(document).encode()
    reason = {400: "Bad Request", 503: "Service Unavailable"}.get(status, "Error")
    head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/x-amz-json-1.1\r\n"
            f"x-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n")
    client.sendall(head.encode("latin-1") + payload)


def _drop(client: socket.socket, *, reset: bool = False) -> None:
    try:
        if reset:  # linger 0: the peer sees a reset, not an orderly close
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            client.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    client.close()
