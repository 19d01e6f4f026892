"""The application's own files (icons, desktop entry, translations, schemas): where they are.

In a checkout they are the top-level `resources/` folder. An installed wheel carries them as the
package data `app/_resources/` (setup.py copies the folder there and compiles the translations),
so they live next to the code whichever way it was installed (pip, pipx, a bundle). Everything
that reads one asks here, with `path("schemas", "model-card.schema.json")`; nobody builds the
path from `__file__`. Qt-free, so the registry's code may use it too.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_PACKAGED = _HERE / "_resources"  # in a wheel (keep in step with setup.py's PACKAGED)
_CHECKOUT = _HERE.parent / "resources"  # in a checkout, and an editable install of it


@cache
def folder() -> Path:
    """The folder holding icons/, i18n/, schemas/ and the desktop files."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def path(*parts: str) -> Path:
    return folder().joinpath(*parts)
