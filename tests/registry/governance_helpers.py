"""What the governance tests share: the requests a real client sends."""

from __future__ import annotations

import json
import threading
from typing import Any


class Sent:
    """The body of each UpdateModelPackage the real client sends (botocore's before-call event,
    after its own validation and serialisation): what AWS would receive."""

    def __init__(self, client: Any) -> None:
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        client.meta.events.register("before-call.sagemaker.UpdateModelPackage", self)

    def __call__(self, params: dict[str, Any], **_: Any) -> None:
        with self._lock:
            self.requests.append(json.loads(params["body"]))
