"""What rollback restores: every resource as it was before our first write to it.

One record lives across every attempt (an apply that failed, the retry, a new plan after a
refusal), so whatever any attempt wrote stays restorable until the user rolls back or
finishes. A run owns the record while it is in flight; it is read only between runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.registry.aws import Connection

Key = tuple[str, str]  # (kind, resource), as Step.key


@dataclass
class Saved:
    key: Key
    title: str
    connection: Connection  # who wrote it, and who restores it
    original: str | None  # the document exactly as read before our first write; None = none
    written: str | None = None  # what we wrote last (policies); a grant's id (KMS)
    exact: bool = True  # False once a write carried someone else's later edit
    grant: dict[str, Any] = field(default_factory=dict)  # KMS: the grant we create
    grants_before: tuple[str, ...] = ()  # KMS: ids of the grants there before our first write
    created: tuple[str, ...] = ()  # RAM: the permissions our promotion made (ARNs)

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def resource(self) -> str:
        return self.key[1]


@dataclass
class RollbackRecord:
    saved: list[Saved] = field(default_factory=list)  # in the order first written

    def find(self, key: Key) -> Saved | None:
        return next((s for s in self.saved if s.key == key), None)

    def add(self, saved: Saved) -> Saved:
        self.saved.append(saved)
        return saved

    def discard(self, key: Key) -> None:
        self.saved = [s for s in self.saved if s.key != key]

    def keys(self) -> set[Key]:
        return {s.key for s in self.saved}

    def __len__(self) -> int:
        return len(self.saved)

    def __bool__(self) -> bool:
        return bool(self.saved)
