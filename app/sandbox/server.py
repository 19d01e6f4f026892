"""The embedded moto server the sandbox talks to, on the loopback interface only."""

from __future__ import annotations

import logging
import urllib.request
from types import TracebackType

from moto.server import ThreadedMotoServer

from .patches import install

SANDBOX_ACCESS_KEY_ID = "testing"
SANDBOX_SECRET_ACCESS_KEY = "testing"
SANDBOX_REGION = "us-east-1"
SECOND_REGION = "eu-west-1"  # every sandbox account has groups here too
SANDBOX_REGIONS = (SANDBOX_REGION, SECOND_REGION)

_HOST = "127.0.0.1"

# Endpoints of the servers running in this process: their state is moto's backends here.
_in_process: set[str] = set()


def serves_here(endpoint_url: str) -> bool:
    """Whether ``endpoint_url`` is a SandboxServer of this very process."""
    return endpoint_url.rstrip("/") in _in_process


def _quiet_request_log() -> None:
    """werkzeug logs every request at INFO to stderr; keep warnings and errors only."""
    logger = logging.getLogger("werkzeug")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)


class SandboxServer:
    """An embedded moto server on 127.0.0.1, port chosen by the OS."""

    def __init__(self) -> None:
        self._server: ThreadedMotoServer | None = None
        self._port: int | None = None

    def start(self) -> str:
        """Patch moto, serve on a free loopback port and return the endpoint URL."""
        if self._server is not None:
            return self.endpoint_url
        install()
        _quiet_request_log()
        server = ThreadedMotoServer(ip_address=_HOST, port=0, verbose=False)
        server.start()
        # Given port 0, the werkzeug server holds the port the OS picked.
        _host, self._port = server.get_host_and_port()
        self._server = server
        _in_process.add(self.endpoint_url)
        return self.endpoint_url

    def stop(self) -> None:
        """Stop serving and release the port; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        _in_process.discard(self.endpoint_url)
        server.stop()
        # serve_forever() closes the socket on its way out; make sure regardless.
        werkzeug_server = getattr(server, "_server", None)
        if werkzeug_server is not None:
            werkzeug_server.server_close()

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the sandbox server has not been started")
        return self._port

    @property
    def bound_address(self) -> tuple[str, int]:
        """The address the listening socket is actually bound to."""
        werkzeug_server = getattr(self._server, "_server", None)
        if werkzeug_server is None:
            raise RuntimeError("the sandbox server is not running")
        host, port = werkzeug_server.socket.getsockname()[:2]
        return str(host), int(port)

    @property
    def endpoint_url(self) -> str:
        return f"http://{_HOST}:{self.port}"

    def reset(self) -> None:
        """Forget every resource in every account, keeping the server up."""
        request = urllib.request.Request(f"{self.endpoint_url}/moto-api/reset", method="POST")
        # No proxy from the environment may stand between us and the loopback.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            response.read()

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
