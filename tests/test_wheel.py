"""The wheel, as a person installing it gets it: built from this checkout, it carries every file of
resources/ with the translations compiled, and installed into a fresh virtual environment outside
the checkout, `registry-desk --version` answers and the sandbox starts and lists its groups.

Slow (about a minute: the dependencies come from pip's cache), and run by CI like every test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]


def resource_files() -> set[str]:
    """Every file the wheel must carry, relative to resources/: each one there (the checkout's
    compiled .qm aside), and a .qm for each .ts."""
    files = {p.relative_to(RESOURCES).as_posix() for p in RESOURCES.rglob("*")
             if p.is_file() and p.suffix != ".qm" and "__pycache__" not in p.parts}
    return files | {f.removesuffix(".ts") + ".qm" for f in files if f.endswith(".ts")}


# What the wheel is built from (as the source distribution carries it, MANIFEST.in).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "app", "resources", "scripts/buildsystem")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: no build/ folder left over in the checkout (whose stale files a build
    # would pack), and test workers building at once do not share one.
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.qm", "_resources"))
        else:
            shutil.copy2(ROOT / name, source / name)
    # This environment's setuptools and PySide6 (for lrelease) build it: what `python -m build`
    # does in an isolated environment, without downloading them again.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(out), str(source)], check=True, timeout=300, cwd=out)
    [built] = out.glob("registry_desk-*.whl")
    return built


def test_the_wheel_carries_every_resource_and_the_compiled_translations(wheel):
    assert wheel.name == f"registry_desk-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        packaged = {n.removeprefix("app/_resources/") for n in names if n.startswith("app/_resources/")}
        assert packaged == resource_files()
        assert all(archive.getinfo(f"app/_resources/{n}").file_size > 0 for n in packaged)
        entry_points = archive.read(f"registry_desk-{__version__}.dist-info/entry_points.txt").decode()
    assert "registry-desk = app.cli:main" in entry_points
    assert not any(n.startswith(("tests/", "benchmarks/", "scripts/")) for n in names)


def test_installed_outside_the_checkout_it_answers_and_starts_the_sandbox(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python, command = venv / "bin" / "python", venv / "bin" / "registry-desk"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    # This environment's pip installs into it (no pip of its own to set up); no byte-compiling of
    # botocore's thousands of files: the first start does it for what it imports.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-compile",
                    f"{wheel}[sandbox]"], check=True, timeout=500, env=env, cwd=tmp_path)

    where = subprocess.run([str(python), "-c", "import app, app.resources as r; print(app.__file__); "
                            "print(r.folder())"], capture_output=True, text=True, check=True, env=env, cwd=tmp_path)
    module, folder = where.stdout.split()
    assert Path(module).is_relative_to(venv) and Path(folder).is_relative_to(venv)
    assert Path(folder, "i18n", "registry-desk_en.qm").is_file()

    version = subprocess.run([str(command), "--version"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.strip() == f"registry-desk {__version__}"

    started = subprocess.run([str(command), "--sandbox", "--quit-when-ready"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, timeout=180)
    assert started.returncode == 0, started.stderr
    assert "ready, 7 groups listed" in started.stdout
    assert "no compiled translations" not in started.stderr  # the plural forms came with the wheel
