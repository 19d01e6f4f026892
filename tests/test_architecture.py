"""The one-way arrows of DESIGN.md, checked by import-linter on every test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    # Each arrow of the design has its contract: a contract silently dropped fails here.
    for name in ("registry knows nothing of Qt", "registry floors", "the UI never talks to AWS directly",
                 "tasks run registry work", "the sandbox serves the registry"):
        assert f"{name}" in result.stdout


def test_registry_imports_without_qt():
    modules = ("app.registry.versions.groups", "app.registry.versions.describe", "app.registry.versions.approval",
               "app.registry.versions.requests", "app.registry.crossaccount.plan", "app.registry.accounts.credentials")
    code = f"import sys, {', '.join(modules)}; " \
           "print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
