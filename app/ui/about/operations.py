"""Worker-thread side of the About dialog: versions read from the installed packages' metadata
(files on disk) and the folders Registry Desk writes to. Plain data out."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from app import __version__, logs
from app.registry.index.schema import index_path


@dataclass(frozen=True)
class AboutFacts:
    versions: list[tuple[str, str]]  # (what, version), in the order shown
    log_file: Path
    index_file: Path


def installed_version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def about_facts(scope: str, qt_version: str) -> AboutFacts:
    """Worker thread: what the About dialog shows (`qt_version` is the running Qt's, from the UI)."""
    import PySide6

    pyside = getattr(PySide6, "__version__", "") or installed_version("PySide6-Essentials")
    return AboutFacts(
        versions=[
            ("Registry Desk", __version__),
            ("PySide6", pyside),
            ("Qt", qt_version),
            ("boto3", installed_version("boto3")),
            ("botocore", installed_version("botocore")),
            ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ],
        log_file=logs.log_path(),
        index_file=index_path(scope),
    )
