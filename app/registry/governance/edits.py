"""An edit of a map of keys and values someone else may also write: metadata, tags."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyValueEdit:
    """Keys to set (added, or a new value for a key) and keys to remove."""

    set: Mapping[str, str] = field(default_factory=dict)
    remove: tuple[str, ...] = ()

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys([*self.set, *self.remove]))

    def applied_to(self, current: Mapping[str, str]) -> dict[str, str]:
        result = {k: v for k, v in current.items() if k not in self.remove}
        result.update(self.set)
        return result
