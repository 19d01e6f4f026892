"""The estate benchmark's front answers a listing request it has seen with the very bytes moto
answered (only the Date header is the time of sending), after the request's delay; everything
else goes to moto."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest

from app.sandbox.server import SandboxServer
from benchmarks.estate_front import RememberingFront

DELAY_S = 0.05


def raw_request(target: str, body: bytes, key: str = "testing") -> bytes:
    return (f"POST / HTTP/1.1\r\nHost: sagemaker\r\nX-Amz-Target: SageMaker.{target}\r\n"
            "Content-Type: application/x-amz-json-1.1\r\n"
            f"Authorization: AWS4-HMAC-SHA256 Credential={key}/20260101/us-east-1/sagemaker/aws4_request, "
            f"SignedHeaders=host, Signature=0\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body


def exchange(port: int, request: bytes) -> tuple[bytes, float]:
    """The whole answer (read to the close) and the seconds to its first byte."""
    with socket.create_connection(("127.0.0.1", port)) as client:
        started = time.monotonic()
        client.sendall(request)
        answer, first = b"", 0.0
        while chunk := client.recv(65536):
            first = first or time.monotonic() - started
            answer += chunk
    return answer, first


def undated(answer: bytes) -> bytes:
    assert re.search(rb"\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\r\n", answer)
    return re.sub(rb"\r\nDate: [^\r]*\r\n", b"\r\nDate: -\r\n", answer)


@pytest.fixture
def moto() -> Iterator[SandboxServer]:
    server = SandboxServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def front(moto: SandboxServer) -> Iterator[tuple[RememberingFront, int]]:
    front = RememberingFront(moto.port, delay_s=DELAY_S, lifetime_s=60)
    port = front.start()
    yield front, port
    front.stop()


def test_a_listing_asked_again_gets_the_same_bytes_from_the_front(moto, front):
    front_, port = front
    create = raw_request("CreateModelPackageGroup", b'{"ModelPackageGroupName": "churn"}')
    assert exchange(port, create)[0].startswith(b"HTTP/1.1 200 ")
    listing = raw_request("ListModelPackageGroups", b'{"MaxResults": 10}')

    from_moto, first_wait = exchange(port, listing)
    from_front, second_wait = exchange(port, listing)

    assert front_.kept == 1  # the listing's answer (the group's creation is never kept)
    assert b'"churn"' in from_moto and from_moto.endswith(b"}")
    assert undated(from_front) == undated(from_moto)  # status line, every header, the body
    assert min(first_wait, second_wait) >= DELAY_S  # each request held its delay
    direct, _ = exchange(moto.port, listing)  # moto itself: the same but for its request id
    request_id = re.compile(rb"x-amzn-requestid: \w+")
    assert request_id.sub(b"", undated(direct)) == request_id.sub(b"", undated(from_front))


def test_another_caller_body_or_operation_goes_to_moto(front):
    front_, port = front
    exchange(port, raw_request("ListModelPackageGroups", b'{"MaxResults": 10}'))
    exchange(port, raw_request("ListModelPackageGroups", b'{"MaxResults": 10}', key="other"))
    exchange(port, raw_request("ListModelPackageGroups", b'{"MaxResults": 5}'))
    for _ in range(2):
        answer, _wait = exchange(port, raw_request("DescribeModelPackageGroup", b'{"ModelPackageGroupName": "x"}'))
        assert answer.startswith(b"HTTP/1.1 400 ")  # no such group: never kept

    assert front_.kept == 3
