"""What the register wizard's pages share: page ids, problem labels, and the work they send off."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions import artifacts, groups, registration
from app.registry.versions.artifacts import ObjectInfo
from app.registry.versions.groups import GroupSummary
from app.registry.versions.registration import RegistrationSpec

ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "color: palette(placeholder-text);"


class PageId(IntEnum):
    TARGET = 0
    CONTAINERS = 1
    INFERENCE = 2
    DETAILS = 3
    REVIEW = 4
    RESULT = 5


class ProblemLabel(QLabel):
    """A red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def problems_by_field(found: list[registration.Problem]) -> dict[str, str]:
    """The first message for each field."""
    out: dict[str, str] = {}
    for problem in found:
        out.setdefault(problem.where, problem.message)
    return out


# -- work for worker threads --------------------------------------------------------------


def list_groups(connection: Connection) -> list[GroupSummary]:
    """Every group of the account (own ones; shared ones are picked by ARN)."""
    session = session_for(connection)
    found: list[GroupSummary] = []
    for page in groups.iter_group_pages(session, include_shared=False):
        found.extend(page)
    return sorted(found, key=lambda g: g.name.lower())


def check_object(connection: Connection, url: str) -> ObjectInfo:
    return artifacts.head_object(session_for(connection), url)


def submit(connection: Connection, spec: RegistrationSpec, new_group_description: str | None) -> str:
    """Register the version (creating its group first when it is new); returns the ARN."""
    return registration.register(session_for(connection), spec, new_group=new_group_description)


def write_spec(path: str, spec: RegistrationSpec) -> str:
    registration.save_spec(path, spec)
    return path


def read_spec(path: str) -> RegistrationSpec:
    return registration.load_spec(Path(path))
