"""What a bulk change dialog previews and reports: one line per version (bulk_change.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class PlannedChange:
    """One line of the preview: what the version reads now, and what it will read."""

    arn: str
    version: int | None
    before: str  # "Development / InProgress"; "" when it has nothing yet
    after: str  # "Production / Approved", or "deleted"


@dataclass(frozen=True)
class Skipped:
    arn: str
    version: int | None
    reason: str  # "already Production / Approved"


class ItemResult(Protocol):
    """What the dialog reads of one version's result: a ChangeResult, or an ApprovalResult."""

    @property
    def arn(self) -> str: ...
    @property
    def version(self) -> int | None: ...
    @property
    def ok(self) -> bool: ...
    @property
    def error(self) -> str | None: ...  # str(RegistryError), or "Cancelled"
    @property
    def error_kind(self) -> str | None: ...  # "not_found": the version is gone
