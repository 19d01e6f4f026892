"""A server on 127.0.0.1 that accepts connections and never answers (a hung AWS endpoint)."""

from __future__ import annotations

import socket
import threading


class HangingServer:
    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.accepted: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, name="hanging-server", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> HangingServer:
        self._thread.start()
        return self

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _address = self._listener.accept()
            except OSError:
                return
            self.accepted.append(conn)  # read nothing, answer nothing

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below; close() alone may not
        except OSError:
            pass
        self._listener.close()
        for conn in self.accepted:
            conn.close()
        self._thread.join(5)
