"""A minimal edit of the AWS config file: point one profile at `registry-desk credential-process`.

Reading profiles always goes through botocore; this module only writes, and only one line
(plus the section header when the profile is new). Every other line, comment and blank line
is kept as it was, and AWS_CONFIG_FILE is honoured the way the CLI honours it.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

KEY = "credential_process"


def config_path() -> Path:
    return Path(os.path.expanduser(os.environ.get("AWS_CONFIG_FILE") or os.path.join("~", ".aws", "config")))


def credential_process_command(profile: str) -> str:
    """The command line the AWS CLI and SDKs run to get this profile's credentials."""
    script = Path(sys.executable).with_name("registry-desk")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
    return shlex.join([*program, "credential-process", "--profile", profile])


def _is_header_of(line: str, profile: str) -> bool:
    match = re.fullmatch(r"\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?", line.rstrip("\r\n"))
    if not match:
        return False
    words = match.group(1).split()
    return words == ["profile", profile] or (profile == "default" and words == ["default"])


def _is_header(line: str) -> bool:
    return line.lstrip().startswith("[")


def with_credential_process(text: str, profile: str, command: str) -> str:
    """`text` with the profile's credential_process set to `command`; nothing else changes."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    setting = f"{KEY} = {command}{newline}"
    start = next((i for i, line in enumerate(lines) if _is_header_of(line, profile)), None)
    if start is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        separator = [newline] if lines and lines[-1].strip() else []
        return "".join([*lines, *separator, f"[profile {profile}]{newline}", setting])
    end = next((i for i in range(start + 1, len(lines)) if _is_header(lines[i])), len(lines))
    for i in range(start + 1, end):
        if re.match(rf"\s*{KEY}\s*=", lines[i]):
            stop = i + 1
            while stop < end and lines[stop][:1] in (" ", "\t") and lines[stop].strip():
                stop += 1  # an indented continuation belongs to the old value
            return "".join([*lines[:i], setting, *lines[stop:]])
    last = max((i for i in range(start, end) if lines[i].strip()), default=start)
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    return "".join([*lines[: last + 1], setting, *lines[last + 1:]])


def write_credential_process(profile: str, path: Path | None = None) -> Path:
    """Point `profile` in the AWS config file at Registry Desk; returns the file written."""
    target = path or config_path()
    try:
        text = target.read_text(encoding="utf-8")
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    updated = with_credential_process(text, profile, credential_process_command(profile))
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".config-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(updated)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
