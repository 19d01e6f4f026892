"""The embedded server: loopback only, an OS-chosen port, and the port given back."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from app.sandbox.server import SandboxServer, serves_here
from app.sandbox.session import main_client


def _listening_on(port: int) -> list[str]:
    """Local addresses of IPv4 listening sockets on ``port``, read from the kernel."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("needs Linux /proc/net/tcp")
    found = []
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # TCP_LISTEN
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_binds_loopback_only_on_an_os_chosen_port() -> None:
    with SandboxServer() as server:
        assert server.port > 0
        assert server.endpoint_url == f"http://127.0.0.1:{server.port}"
        assert server.bound_address == ("127.0.0.1", server.port)
        assert _listening_on(server.port) == ["127.0.0.1"]


def test_two_servers_get_different_ports() -> None:
    with SandboxServer() as first, SandboxServer() as second:
        assert first.port != second.port


def test_stop_frees_the_port_and_is_idempotent() -> None:
    server = SandboxServer()
    server.start()
    port = server.port
    assert serves_here(server.endpoint_url)
    server.stop()
    server.stop()
    assert not server.running
    assert not serves_here(f"http://127.0.0.1:{port}")
    assert _listening_on(port) == []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", port))


def test_port_before_start_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        _ = SandboxServer().port


def test_reset_forgets_everything(sandbox_server: SandboxServer) -> None:
    sm = main_client(sandbox_server.endpoint_url, "sagemaker")
    sm.create_model_package_group(ModelPackageGroupName="to-forget")
    sandbox_server.reset()
    assert sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []


def test_the_sandbox_package_never_names_the_wildcard_address() -> None:
    package = Path(__file__).parents[2] / "app" / "sandbox"
    wildcard = ".".join(["0"] * 4)
    for source in package.glob("*.py"):
        assert wildcard not in source.read_text(), source.name


def test_seeding_again_reuses_the_clients_it_built_and_keeps_a_bounded_number(sandbox_server: SandboxServer) -> None:
    """Each test's sandbox is seeded anew: the clients (thread-safe, ~8 ms each to build) are
    reused, and the assumed-role keys that change with every sandbox never pile up."""
    from app.sandbox import session

    endpoint = sandbox_server.endpoint_url
    assert main_client(endpoint, "s3") is main_client(endpoint, "s3")
    assert main_client(endpoint, "s3") is not main_client(endpoint, "s3", "eu-west-1")
    first = session.sandbox_client(endpoint, "sts", credentials={"aws_access_key_id": "AKIA0",
                                                                 "aws_secret_access_key": "x"})
    for n in range(1, 100):
        session.sandbox_client(endpoint, "sts", credentials={"aws_access_key_id": f"AKIA{n}",
                                                             "aws_secret_access_key": "x"})
    assert len(session._clients) <= session._MOST_CLIENTS
    again = session.sandbox_client(endpoint, "sts", credentials={"aws_access_key_id": "AKIA0",
                                                                 "aws_secret_access_key": "x"})
    assert again is not first  # the oldest went first
    assert main_client(endpoint, "sts").get_caller_identity()["Account"] == "123456789012"  # still serves
