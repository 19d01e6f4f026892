"""Small helpers for driving real widgets the way a person would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def find_by_name(root: QWidget, cls: type, accessible_name: str):
    """The one child of `cls` whose accessibleName is `accessible_name`."""
    found = [w for w in root.findChildren(cls) if w.accessibleName() == accessible_name]
    assert found, f"no {cls.__name__} named {accessible_name!r}"
    return found[0]


def when_modal(qtbot, act: Callable[[QWidget], None], timeout_ms: int = 10000) -> list[QWidget]:
    """Run `act(dialog)` on the next modal dialog, from inside its own exec() loop.

    Call `.check()` on the result after the dialog closed: it re-raises what failed inside.
    """
    seen: list[QWidget] = []
    failures: list[BaseException] = []
    waited = [0]

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            seen.append(dialog)
            try:
                act(dialog)
            except BaseException as exc:  # an assertion inside the dialog's loop: close, report
                failures.append(exc)
                # done(), not close(): a dialog that asks before closing would wait for an answer.
                if isinstance(dialog, QDialog):
                    dialog.done(0)
                else:
                    dialog.close()
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return ModalOutcome(seen, failures)


class ModalOutcome:
    def __init__(self, seen: list[QWidget], failures: list[BaseException]):
        self.seen = seen
        self.failures = failures

    def check(self) -> None:
        """Re-raise, in the test, what went wrong inside the dialog."""
        if self.failures:
            raise self.failures[0]
        assert self.seen, "the dialog never opened"


def spin_until(condition: Callable[[], bool], timeout_ms: int = 10000) -> bool:
    """Process events until `condition()` holds (for use inside a modal loop)."""
    import time

    end = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < end:
        QApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def wait_complete(qtbot, window, timeout_ms: int = 15000) -> None:
    """Until the window's second stage (details, docks, features) is built: it follows the first
    rows painted, a moment after the window shows."""
    qtbot.waitUntil(lambda: window.is_complete, timeout=timeout_ms)


def image_of(name: str) -> str:
    return f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{name}:1"


def version_spec(image: str) -> dict:
    return {"Containers": [{"Image": image}],
            "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]}


def make_group(connection, name: str, count: int, image: str):
    """A group of `count` versions of one image in the sandbox's main account, as the views see it."""
    from app.registry.accounts.sessions import session_for
    from app.registry.versions.groups import GroupSummary, aware

    client = session_for(connection).client("sagemaker")
    client.create_model_package_group(ModelPackageGroupName=name)
    for _ in range(count):
        client.create_model_package(ModelPackageGroupName=name, InferenceSpecification=version_spec(image))
    return GroupSummary(name=name, arn=f"arn:aws:sagemaker:us-east-1:123456789012:model-package-group/{name}",
                        description="", created=aware(None), status="Completed",
                        account_id="123456789012", shared=False)



def _sent(request: dict) -> dict:
    """The API parameters in a before-call event's request (SageMaker speaks JSON)."""
    import json

    body = request.get("body") or b"{}"
    return json.loads(body.decode() if isinstance(body, bytes) else body)


class HeldCalls:
    """Holds every `operation` call a botocore client makes until `release()` (a hook waiting
    on an Event), so a test decides when a read or a write lands. stage="before-call" holds the
    request before it is sent; "after-call" holds AWS's answer on its way back (a late read)."""

    def __init__(self, client, operation: str, hold_s: float = 30.0, stage: str = "before-call"):
        import threading

        self._client = client
        self._event = f"{stage}.{client.meta.service_model.endpoint_prefix}.{operation}"
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._hold_s = hold_s
        self.entered: list[dict] = []  # each call's parameters (or answer), as it reached the hook
        self._holding = True
        client.meta.events.register(self._event, self._hold)

    def _hold(self, params=None, parsed=None, **_kwargs):
        with self._lock:  # before-call: the request's parameters; after-call: AWS's answer
            if not self._holding:
                return
            self.entered.append(_sent(params) if params is not None else dict(parsed or {}))
        self._released.wait(self._hold_s)

    def count(self) -> int:
        with self._lock:
            return len(self.entered)

    def release(self) -> None:
        self._released.set()

    def stop_holding(self) -> None:
        """Calls from now on go through; the ones already held stay held until `release()`."""
        with self._lock:
            self._holding = False

    def close(self) -> None:
        self._released.set()
        self._client.meta.events.unregister(self._event, self._hold)

    def __enter__(self) -> HeldCalls:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


class FailOnce:
    """The first `operation` call for `arn` fails with `code` (a before-call hook answering in
    AWS's place); the calls after it go through."""

    def __init__(self, client, operation: str, arn: str, code: str = "ThrottlingException", status: int = 400):
        self._client = client
        self._event = f"before-call.{client.meta.service_model.endpoint_prefix}.{operation}"
        self._arn, self._code, self._status = arn, code, status
        self.failed = 0
        client.meta.events.register(self._event, self._answer)

    def _answer(self, params, **_kwargs):
        if self.failed or self._arn not in _sent(params).values():
            return None
        self.failed += 1

        class Response:
            status_code = self._status
            headers: dict = {}
            content = b""

        return Response(), {"Error": {"Code": self._code, "Message": "Rate exceeded"},
                            "ResponseMetadata": {"HTTPStatusCode": self._status}}

    def close(self) -> None:
        self._client.meta.events.unregister(self._event, self._answer)

    def __enter__(self) -> FailOnce:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()
