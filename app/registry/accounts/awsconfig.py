"""Minimal edits of the AWS config file: point one profile at `registry-desk credential-process`,
and take that out again when the profile is removed.

Reading profiles always goes through botocore; this module only writes, and only one line
(plus the section header when the profile is new). Every other line, comment, blank line and
line ending (LF or CRLF) is kept byte for byte, and AWS_CONFIG_FILE is honoured the way the CLI
honours it. Removing touches only a section whose credential_process runs Registry Desk for
that profile, and refuses when the section changed since it was shown to the user.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.registry.texts import QT_TRANSLATE_NOOP, Text

KEY = "credential_process"


def config_path() -> Path:
    return Path(os.path.expanduser(os.environ.get("AWS_CONFIG_FILE") or os.path.join("~", ".aws", "config")))


def credential_process_command(profile: str) -> str:
    """The command line the AWS CLI and SDKs run to get this profile's credentials."""
    script = Path(sys.executable).with_name("registry-desk")
    program = [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]
    return shlex.join([*program, "credential-process", "--profile", profile])


def is_our_command(value: str, profile: str) -> bool:
    """Whether a credential_process value runs Registry Desk for `profile` (from any install)."""
    try:
        words = shlex.split(value)
    except ValueError:
        return False
    if words[-3:] != ["credential-process", "--profile", profile] or len(words) < 4:
        return False
    program = words[:-3]
    return Path(program[0]).name.startswith("registry-desk") or program[1:] == ["-m", "app.cli"]


def _is_header_of(line: str, profile: str) -> bool:
    match = re.fullmatch(r"\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?", line.rstrip("\r\n"))
    if not match:
        return False
    words = match.group(1).split()
    return words == ["profile", profile] or (profile == "default" and words == ["default"])


def _is_header(line: str) -> bool:
    return line.lstrip().startswith("[")


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _section(lines: list[str], profile: str) -> tuple[int, int] | None:
    """(header line, next header or the end) of the profile's section."""
    start = next((i for i, line in enumerate(lines) if _is_header_of(line, profile)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _is_header(lines[i])), len(lines))
    return start, end


def _setting(lines: list[str], start: int, end: int) -> tuple[int, int] | None:
    """(first, after last) line of the section's credential_process, continuation lines included."""
    for i in range(start + 1, end):
        if re.match(rf"\s*{KEY}\s*=", lines[i]):
            stop = i + 1
            while stop < end and lines[stop][:1] in (" ", "\t") and lines[stop].strip():
                stop += 1  # an indented continuation belongs to the value
            return i, stop
    return None


def with_credential_process(text: str, profile: str, command: str) -> str:
    """`text` with the profile's credential_process set to `command`; nothing else changes."""
    lines = text.splitlines(keepends=True)
    newline = _newline(text)
    setting = f"{KEY} = {command}{newline}"
    found = _section(lines, profile)
    if found is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        separator = [newline] if lines and lines[-1].strip() else []
        return "".join([*lines, *separator, f"[profile {profile}]{newline}", setting])
    start, end = found
    existing = _setting(lines, start, end)
    if existing is not None:
        first, stop = existing
        return "".join([*lines[:first], setting, *lines[stop:]])
    last = max((i for i in range(start, end) if lines[i].strip()), default=start)
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    return "".join([*lines[: last + 1], setting, *lines[last + 1:]])


# -- reading and removing a section --------------------------------------------------------------


@dataclass(frozen=True)
class ConfigSection:
    """A profile's section of the AWS config, as it stands, for showing before it is changed."""

    path: Path
    profile: str
    text: str  # header to the next header, as in the file
    ours: bool  # its credential_process runs Registry Desk for this profile
    only_ours: bool  # nothing else in it but that line: the whole section is what we wrote


class ConfigChanged(Exception):
    """The section is no longer what was shown; nothing was changed."""

    def __init__(self, section: ConfigSection, now: str):
        self.shown = section.text
        self.now = now
        super().__init__(Text(QT_TRANSLATE_NOOP("Accounts", "The section [profile {profile}] of {path} changed since "
                                                "it was shown, so it was left as it is now. Look at it, and edit it "
                                                "by hand if it should go."), profile=section.profile,
                              path=str(section.path)))


def _read(path: Path) -> str:
    # Bytes, decoded: text mode would turn CRLF line endings into LF before we could see them.
    return path.read_bytes().decode("utf-8")


def section_in(text: str, profile: str, path: Path) -> ConfigSection | None:
    lines = text.splitlines(keepends=True)
    found = _section(lines, profile)
    if found is None:
        return None
    start, end = found
    setting = _setting(lines, start, end)
    ours = False
    if setting is not None:
        value = "".join(lines[setting[0]:setting[1]]).split("=", 1)[1].strip()
        ours = is_our_command(value, profile)
    others = [i for i in range(start + 1, end)
              if lines[i].strip() and not (setting is not None and setting[0] <= i < setting[1])]
    return ConfigSection(path, profile, "".join(lines[start:end]), ours, ours and not others)


def read_section(profile: str, path: Path | None = None) -> ConfigSection | None:
    """The profile's section of the AWS config file, or None when it has none (or no file)."""
    target = path or config_path()
    try:
        text = _read(target)
    except FileNotFoundError:
        return None
    return section_in(text, profile, target)


def without_credential_process(text: str, section: ConfigSection) -> str:
    """`text` without what "Write to AWS config" added: the whole section when nothing else is
    in it (with the blank line put before it), else only the credential_process line."""
    lines = text.splitlines(keepends=True)
    found = _section(lines, section.profile)
    if found is None:
        return text
    start, end = found
    if not section.only_ours:
        setting = _setting(lines, start, end)
        if setting is None:
            return text
        return "".join([*lines[:setting[0]], *lines[setting[1]:]])
    if end == len(lines) and start >= 2 and not lines[start - 1].strip() and lines[start - 2].strip():
        start -= 1  # the one blank line written to separate it from the section before
    return "".join([*lines[:start], *lines[end:]])


def _write(target: Path, text: str, mode: int) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".config-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_credential_process(profile: str, path: Path | None = None) -> Path:
    """Point `profile` in the AWS config file at Registry Desk; returns the file written."""
    target = path or config_path()
    try:
        text = _read(target)
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        text, mode = "", 0o600
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _write(target, with_credential_process(text, profile, credential_process_command(profile)), mode)
    return target


def check_unchanged(profile: str, shown: ConfigSection) -> str:
    """The file's text, after checking the section is still `shown` and runs Registry Desk:
    raises ConfigChanged when it changed, ValueError when it is not ours to remove."""
    if not shown.ours or shown.profile != profile:
        raise ValueError(Text(QT_TRANSLATE_NOOP("Accounts", "[profile {profile}] of {path} does not get its "
                                                "credentials from Registry Desk; it is left as it is."),
                              profile=profile, path=str(shown.path)))
    text = _read(shown.path)
    now = section_in(text, profile, shown.path)
    if now is None or now.text != shown.text:
        raise ConfigChanged(shown, now.text if now is not None else "")
    return text


def remove_credential_process(profile: str, shown: ConfigSection) -> Path:
    """Take out what was written for `profile`, re-reading the file first (see check_unchanged)."""
    text = check_unchanged(profile, shown)
    _write(shown.path, without_credential_process(text, shown), shown.path.stat().st_mode & 0o777)
    return shown.path
