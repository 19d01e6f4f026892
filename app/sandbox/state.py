"""Registry state moto does not keep, stored on each SageMaker backend instance.

It lives in the backend's ``__dict__`` so moto's reset (which empties that dict and
re-runs ``__init__``) forgets it together with the groups and packages it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_ATTRIBUTE = "_sandbox_registry_extras"


@dataclass
class RegistryExtras:
    # Resource policy text per model package group name, byte-for-byte as put.
    policies: dict[str, str] = field(default_factory=dict)
    # Highest version number ever assigned per group, so deleted numbers stay retired.
    version_high_water: dict[str, int] = field(default_factory=dict)


def extras(backend: Any) -> RegistryExtras:
    """The extras of one account/region SageMaker backend, created on first use."""
    found = backend.__dict__.get(_ATTRIBUTE)
    if found is None:
        found = RegistryExtras()
        backend.__dict__[_ATTRIBUTE] = found
    return found


def next_version(backend: Any, group_name: str) -> int:
    """The version number the next package in ``group_name`` gets (not reserved)."""
    existing = [
        p.model_package_version or 0
        for p in backend.model_packages.values()
        if p.model_package_group_name == group_name
    ]
    high = max([extras(backend).version_high_water.get(group_name, 0), *existing])
    return high + 1


def record_version(backend: Any, group_name: str, version: int) -> None:
    marks = extras(backend).version_high_water
    marks[group_name] = max(marks.get(group_name, 0), version)


def forget_group(backend: Any, group_name: str) -> None:
    """Drop the policy and version counter of a deleted group."""
    state = extras(backend)
    state.policies.pop(group_name, None)
    state.version_high_water.pop(group_name, None)
