"""The build backend: setuptools', plus Qt's translation compiler for the wheel.

A wheel must carry the compiled translations (.qm), and only Qt's `lrelease` compiles them; it
ships inside PySide6. So building a wheel (`python -m build`, `pipx install .`) asks for
PySide6-Essentials in its build environment. An editable install (`pip install -e .`, the test
command's) reads the checkout's resources/ and does not: it stays as quick as before.
"""

from __future__ import annotations

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the rest of the backend, unchanged)

QT_TOOLS = ["PySide6-Essentials>=6.7,<6.12"]


def get_requires_for_build_wheel(config_settings: dict[str, str] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *QT_TOOLS]
