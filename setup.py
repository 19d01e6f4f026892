"""The wheel carries the top-level resources/ folder as the package data app/_resources/.

The icons, desktop entry, metainfo, schemas and translation sources are copied as they are; the
translations are compiled (.ts -> .qm, with PySide6's lrelease) into the copy, so no wheel is
ever built without them. app/resources.py looks for app/_resources first, then for the
checkout's resources/. Everything else about the project is in pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
RESOURCES = ROOT / "resources"
PACKAGED = Path("app") / "_resources"  # keep in step with app/resources.py


def lrelease() -> Path:
    """Qt's compiler of translations, inside the PySide6 of the build environment."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        raise SystemExit("Building the wheel needs PySide6 (for lrelease, the translation compiler).")
    for name in ("lrelease", "lrelease.exe"):
        candidate = Path(spec.origin).parent / name
        if candidate.exists():
            return candidate
    raise SystemExit(f"lrelease is not in {Path(spec.origin).parent}; the wheel needs it for the translations.")


def package_resources(target: Path) -> list[Path]:
    """Copy resources/ into `target` and compile its translations there; returns the .qm files."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(RESOURCES, target, ignore=shutil.ignore_patterns("*.qm", "__pycache__"))
    sources = sorted((target / "i18n").glob("*.ts"))
    compiled = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        subprocess.run([str(lrelease()), "-silent", str(ts), "-qm", str(qm)], check=True)
        if not qm.is_file():
            raise SystemExit(f"lrelease wrote no {qm.name}")
        compiled.append(qm)
    if not sources:
        raise SystemExit(f"no translations in {RESOURCES / 'i18n'}")
    return compiled


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads the checkout's resources/ in place
            package_resources(Path(self.build_lib) / PACKAGED)


setup(cmdclass={"build_py": BuildWithResources})
