"""The application's own files (icons, desktop entry, translations, schemas): where they are.

In a checkout they are the top-level `resources/` folder. Everything that reads one asks here,
with `path("schemas", "model-card.schema.json")`; nobody builds the path from `__file__`.
Qt-free, so the registry's code may use it too.
"""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parents[1] / "resources"


def folder() -> Path:
    """The folder holding icons/, i18n/, schemas/ and the desktop files."""
    return _CHECKOUT


def path(*parts: str) -> Path:
    return folder().joinpath(*parts)
