"""Access keys of application profiles, held in the OS keyring and nowhere else.

One keyring item per profile, under one service name (another for the sandbox's profiles).
Every call has a timeout, because a locked keyring can wait forever for a password prompt
nobody sees. Backends that cannot keep a secret (keyring's `fail` and `null`) or would keep it
in plaintext (keyrings.alt) are refused: we never fall back to writing secrets anywhere else.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from app.logs import remember_secret
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined

# keyring is imported where it is used: it is slow to import and the window paints without it.
if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "registry-desk"
SANDBOX_SERVICE = "registry-desk-sandbox"
TIMEOUT_S = 10.0

T = TypeVar("T")

_service = SERVICE


def use_service(name: str) -> None:
    """The keyring service the profile keys are kept under (profiles.use_sandbox_profiles sets it)."""
    global _service
    _service = name


def service() -> str:
    return _service


class SecretStoreError(Exception):
    """The keyring refused, failed or did not answer in time; the text says what to do."""


@dataclass(frozen=True)
class AccessKeys:
    access_key_id: str
    secret_access_key: str = field(repr=False)


@dataclass(frozen=True)
class KeyringStatus:
    usable: bool
    backend: str  # e.g. "SecretService Keyring"
    problem: str = ""  # what is wrong, for a banner
    remedy: str = ""  # how to fix it on this platform


def _backends(backend: KeyringBackend) -> list[KeyringBackend]:
    return list(getattr(backend, "backends", None) or [backend])


def _refusal(backend: KeyringBackend) -> str:
    """Why `backend` may not hold our secrets, or "" when it may."""
    module = type(backend).__module__
    if module.startswith("keyrings.alt"):
        return Text(QT_TRANSLATE_NOOP("Accounts", "it stores secrets in a plain file"))
    if module in ("keyring.backends.fail", "keyring.backends.null") or (
            module == "keyring.backends.chainer" and not _backends(backend)):
        return Text(QT_TRANSLATE_NOOP("Accounts", "no keyring service was found"))
    return ""


def _remedy() -> str:
    if sys.platform == "darwin":
        return Text(QT_TRANSLATE_NOOP("Accounts", "Allow Registry Desk to use the login keychain (Keychain Access), "
                                      "then restart it."))
    if sys.platform == "win32":
        return Text(QT_TRANSLATE_NOOP("Accounts", "Make sure the Windows Credential Manager service is running, then "
                                      "restart Registry Desk."))
    return Text(QT_TRANSLATE_NOOP(
        "Accounts", "Install and start a Secret Service keyring (GNOME Keyring or KWallet), e.g. "
        "`sudo apt-get install gnome-keyring`, unlock it at login, then restart Registry Desk. "
        "Do not install keyrings.alt: it stores secrets in plaintext."))


def keyring_status() -> KeyringStatus:
    """Whether the active keyring can hold secrets safely (no keyring call is made)."""
    import keyring

    backend = keyring.get_keyring()
    name = getattr(backend, "name", type(backend).__name__)
    for part in _backends(backend):
        reason = _refusal(part)
        if reason:
            return KeyringStatus(False, name, Text(QT_TRANSLATE_NOOP("Accounts", "The keyring backend '{name}' is not "
                                                                     "usable: {reason}."), name=name, reason=reason),
                                 _remedy())
    return KeyringStatus(True, name)


def _with_timeout(action: str, fn: Callable[[], T], timeout_s: float) -> T:
    """Run one keyring call on a daemon thread and give up after `timeout_s` seconds."""
    import keyring.errors

    status = keyring_status()
    if not status.usable:
        raise SecretStoreError(joined([status.problem, status.remedy]))
    box: dict[str, Any] = {}

    def call() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the waiting thread
            box["error"] = exc

    worker = threading.Thread(target=call, name=f"keyring-{action}", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise SecretStoreError(Text(QT_TRANSLATE_NOOP(
            "Accounts", "The keyring did not answer within {seconds} s while trying to {action}. "
            "It may be locked: unlock it (your desktop's keyring or password manager) and try again."),
            seconds=f"{timeout_s:.0f}", action=action))
    if "error" in box:
        error = box["error"]
        if isinstance(error, keyring.errors.KeyringError):
            raise SecretStoreError(Text(QT_TRANSLATE_NOOP(
                "Accounts", "The keyring refused to {action}: {error}. Unlock the keyring and try again."),
                action=action, error=str(error) or type(error).__name__)) from error
        raise error
    return box.get("value")  # type: ignore[return-value]


def load_keys(profile: str, *, timeout_s: float = TIMEOUT_S) -> AccessKeys | None:
    """The keys of `profile`, or None when the keyring holds none for it."""
    import keyring

    where = _service
    stored = _with_timeout(Text(QT_TRANSLATE_NOOP("Accounts", "read the keys")),
                           lambda: keyring.get_password(where, profile), timeout_s)
    if not stored:
        return None
    try:
        data = json.loads(stored)
        keys = AccessKeys(str(data["aws_access_key_id"]), str(data["aws_secret_access_key"]))
    except (ValueError, KeyError, TypeError):
        raise SecretStoreError(Text(QT_TRANSLATE_NOOP(
            "Accounts", "The keyring entry for the profile '{profile}' is damaged. Edit the profile and type its keys "
            "again."), profile=profile)) from None
    remember_secret(keys.secret_access_key)  # whatever happens next, the log never shows it
    return keys


def save_keys(profile: str, keys: AccessKeys, *, timeout_s: float = TIMEOUT_S) -> None:
    import keyring

    remember_secret(keys.secret_access_key)
    payload = json.dumps({"aws_access_key_id": keys.access_key_id, "aws_secret_access_key": keys.secret_access_key})
    where = _service
    _with_timeout(Text(QT_TRANSLATE_NOOP("Accounts", "save the keys")),
                  lambda: keyring.set_password(where, profile, payload), timeout_s)


def delete_keys(profile: str, *, timeout_s: float = TIMEOUT_S) -> None:
    """Remove the keys of `profile`; nothing happens when there are none."""
    import keyring.errors

    where = _service

    def delete() -> None:
        try:
            keyring.delete_password(where, profile)
        except keyring.errors.PasswordDeleteError:
            pass

    _with_timeout(Text(QT_TRANSLATE_NOOP("Accounts", "delete the keys")), delete, timeout_s)
