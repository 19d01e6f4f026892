"""The log: a rotating file in the platform's log directory, and no secret ever in it.

`setup()` sends every record to `registry-desk.log` (INFO unless a level is asked for) and to
stderr (WARNING, or the level asked for). A filter on each handler rewrites the record before it
is written: anything shaped like an access key id, a secret access key or a session token, and
every secret the keyring handed us (`remember_secret`), becomes "[redacted]". app/crashes.py
writes what escapes (uncaught exceptions, faults) to the same log.

Plain Python: the registry registers its secrets here, so nothing here may import Qt.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import threading
import traceback
from functools import cache
from pathlib import Path

APP_NAME = "registry-desk"
LOG_NAME = "registry-desk.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
REDACTED = "[redacted]"

_B64 = r"A-Za-z0-9/+"
# After a word that names it, in any notation: key=…, "key": "…", 'key': b'…', <Key>…</Key>.
_NAMED = r"""["']?\s*(?:[:=]|=>|>|\s)\s*b?["']?"""


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled on the first record, not on import: the window's first paint does not wait."""
    return (
        # An access key id: AKIA (long-term) or ASIA (temporary), then 16 more.
        re.compile(r"\b(AKIA|ASIA)[A-Z0-9]{16}\b"),
        # A secret access key after a word that names it.
        re.compile(rf"(?i:(secret[_ -]?(?:access[_ -]?)?key|secret)){_NAMED}([{_B64}]{{40}})(?![{_B64}=])"),
        # Any quoted 40-character base64 value in JSON or a repr (but not a 40-digit hex hash).
        re.compile(rf"""(["'])(?![0-9a-f]{{40}}\1)([{_B64}]{{40}})\1"""),
        # A session token after a word that names it.
        re.compile(rf"(?i:((?:session|security)[_ -]?token|x-amz-security-token|aws_session_token)){_NAMED}"
                   rf"([{_B64}]{{16,}}=*)"),
        # A session token without its name still gives itself away: hundreds of base64 characters.
        re.compile(rf"[{_B64}]{{100,}}=*"),
    )


_SHORTEST_SECRET = 8  # shorter "secrets" (the sandbox's "testing") would blank ordinary words

_known: set[str] = set()
_known_lock = threading.Lock()


def remember_secret(secret: str | None) -> None:
    """Never write `secret` to the log (the keyring's secrets are registered as they are read)."""
    if secret and len(secret) >= _SHORTEST_SECRET:
        with _known_lock:
            _known.add(secret)


def redact(text: str) -> str:
    """`text` with every secret in it replaced by [redacted]."""
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, REDACTED)
    key_id, secret_key, quoted_secret, token, long_blob = _patterns()
    text = key_id.sub(lambda m: m.group(1) + REDACTED, text)
    text = secret_key.sub(_keep_name, text)
    text = quoted_secret.sub(lambda m: m.group(1) + REDACTED + m.group(1), text)
    text = token.sub(_keep_name, text)
    return long_blob.sub(REDACTED, text)


def _keep_name(match: re.Match[str]) -> str:
    """The word that named the secret and what joined them stay; the secret goes."""
    return match.group(0)[: match.start(2) - match.start(0)] + REDACTED


# botocore's DEBUG records of what went over the wire: the request body ("Making request ...
# with params") and the response's headers and body. They carry what a version holds (metadata
# values, model card content, which the API marks sensitive), so they never reach the log;
# botocore's other DEBUG records (events, retries, endpoints) and urllib3's still do.
_WIRE_LOGGERS = frozenset({"botocore.endpoint", "botocore.parsers"})


class RedactingFilter(logging.Filter):
    """Rewrites each record's message, traceback and stack with their secrets taken out, and
    drops botocore's records of request and response bodies."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name in _WIRE_LOGGERS and record.levelno < logging.INFO:
            return False
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not hide the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg, record.args = redact(message), None
        # Another handler may have formatted the traceback already (Formatter caches it on the record).
        if record.exc_info:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.FileHandler):
    """A file only its owner may read, started afresh when it grows past `max_bytes`, keeping
    `backups` older files (.1 the newest). logging.handlers has one too, but importing it takes
    longer than the window's first paint may spend."""

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS) -> None:
        self.max_bytes = max_bytes
        self.backups = backups
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.chmod(self.baseFilename, 0o600)  # a file from an older version may be wider
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        if self.stream is not None:
            self.stream.close()
        self.stream = None
        base = self.baseFilename
        for n in range(self.backups - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        if self.backups:
            os.replace(base, f"{base}.1")
        else:
            os.remove(base)
        self.stream = self._open()


def log_dir() -> Path:
    """Where the log files are: the platform's log directory for Registry Desk."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


class LogSetup:
    """The handlers `setup` installed, so they can be taken out again (tests, a second setup);
    `path` is the log file, or None when it could not be opened."""

    def __init__(self, path: Path | None, handlers: list[logging.Handler], previous_level: int) -> None:
        self.path = path
        self.handlers = handlers
        self._previous_level = previous_level

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(self._previous_level)


def level_asked(option: str | None) -> str | None:
    """The level the user asked for: --log-level, else REGISTRY_DESK_LOG, else None."""
    return option or os.environ.get("REGISTRY_DESK_LOG") or None


def setup(asked: str | None = None, *, directory: Path | None = None) -> LogSetup:
    """Log to the rotating file (INFO, or the level asked for) and to stderr (WARNING, or the level
    asked for). The directory is made readable by its owner only. A log that cannot be written
    (a read-only home) or a level that does not exist is said on stderr, never fatal."""
    problems: list[str] = []
    level = logging.getLevelName(asked.upper()) if asked else logging.INFO
    if not isinstance(level, int):
        problems.append(f"Unknown log level {asked!r}: use DEBUG, INFO, WARNING or ERROR. Logging at INFO.")
        asked, level = None, logging.INFO
    redacting = RedactingFilter()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = []
    folder = directory or log_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handlers.append(PrivateRotatingFileHandler(folder / LOG_NAME))
        handlers[0].setLevel(level)
    except OSError as exc:
        problems.append(f"No log file: {exc}")
    to_stderr = logging.StreamHandler(sys.stderr)
    to_stderr.setLevel(level if asked else logging.WARNING)
    handlers.append(to_stderr)
    root = logging.getLogger()
    previous = root.level
    for handler in handlers:
        handler.addFilter(redacting)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(min(h.level for h in handlers))
    for problem in problems:
        logging.getLogger(__name__).warning("%s", problem)
    return LogSetup(folder / LOG_NAME if len(handlers) == 2 else None, handlers, previous)
