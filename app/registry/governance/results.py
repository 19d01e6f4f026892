"""What one change to one version came to, for the per-version results of a bulk action."""

from __future__ import annotations

from dataclasses import dataclass

from app.registry.errors import RegistryError
from app.registry.texts import QT_TRANSLATE_NOOP, Text
from app.registry.versions.records import CANCELLED, version_from_arn


@dataclass(frozen=True)
class ChangeResult:
    arn: str
    version: int | None
    ok: bool
    before: str | None  # what the changed field read before ("Staging / Approved"), when known
    after: str | None  # what it reads now, when the change succeeded
    error: str | None = None  # RegistryError.text (a Text), or CANCELLED
    error_kind: str | None = None  # RegistryError.kind ("not_found": the version is gone)


def cancelled(arn: str) -> ChangeResult:
    return ChangeResult(arn, version_from_arn(arn), False, None, None, CANCELLED)


def failed(arn: str, error: RegistryError, before: str | None = None) -> ChangeResult:
    return ChangeResult(arn, version_from_arn(arn), False, before, None, error.text, error.kind)


def unexpected(error: BaseException) -> str:
    """What a result says when our own code failed (the traceback is in the log)."""
    return Text(QT_TRANSLATE_NOOP("Governance", "Unexpected error: {error}"), error=str(error))


def refuse(session_name: str, action: str, resource: str | None, message: str, kind: str = "invalid") -> RegistryError:
    """A request refused before any call, as a sentence naming what to type instead."""
    return RegistryError(kind, message, action=action, resource=resource, profile=session_name)
