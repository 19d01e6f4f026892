"""What the main views are looking at: which AWS connection, and how to name it.

A `Workspace` holds the current `Connection`. Switching it tells every view (`connectionChanged`)
to cancel its loads and start again. Building sessions and clients happens inside tasks, never
here, because boto3 reads files when it builds a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.registry.accounts.profiles import use_sandbox_profiles
from app.registry.aws import Connection

if TYPE_CHECKING:
    from app.ui.local_data import LocalData


def connection_key(connection: Connection) -> str:
    """"profile@region": how settings and the local index name what a connection listed."""
    return f"{connection.display_name}@{connection.region or 'default'}"


@dataclass(frozen=True)
class ConnectionChoice:
    """One entry of the connection picker."""

    title: str  # what the picker shows
    connection: Connection
    role_arn: str = ""  # the role assumed to reach this account, if any
    source: str = ""  # whose credentials assumed it


class Workspace(QObject):
    connectionChanged = Signal(object)  # the new Connection
    choicesChanged = Signal()

    def __init__(self, connection: Connection, *, sandbox_endpoint: str | None = None, parent=None):
        super().__init__(parent)
        self._connection = connection
        self._sandbox_endpoint = sandbox_endpoint
        self._choices: list[ConnectionChoice] = []
        # The local index of what was seen (app.ui.local_data.LocalData), set by the window.
        self.local: LocalData | None = None
        use_sandbox_profiles(self.is_sandbox)  # the sandbox never shows or touches the real profiles

    @property
    def connection(self) -> Connection:
        return self._connection

    @property
    def is_sandbox(self) -> bool:
        return self._sandbox_endpoint is not None

    @property
    def sandbox_endpoint(self) -> str | None:
        return self._sandbox_endpoint

    @property
    def settings_scope(self) -> str:
        return "sandbox" if self.is_sandbox else "aws"

    @property
    def connection_key(self) -> str:
        """Stable name for remembering things per connection (never contains secrets)."""
        return connection_key(self._connection)

    @property
    def is_ready(self) -> bool:
        """Whether a call may be sent: the sandbox's address is known only once it has started
        (before, its connection would reach for the user's own AWS configuration)."""
        return not self.is_sandbox or bool(self._sandbox_endpoint)

    def set_sandbox_endpoint(self, endpoint: str) -> None:
        """The sandbox server starts in the background; its address is known only then."""
        self._sandbox_endpoint = endpoint

    def choices(self) -> list[ConnectionChoice]:
        return list(self._choices)

    def set_choices(self, choices: list[ConnectionChoice]) -> None:
        self._choices = list(choices)
        self.choicesChanged.emit()

    def set_connection(self, connection: Connection) -> None:
        if connection == self._connection:
            return
        self._connection = connection
        self.connectionChanged.emit(connection)


@dataclass(frozen=True)
class StartupResult:
    """What the window learns in the background before its first load."""

    choices: list[ConnectionChoice]
    regions: list[str]
    current: Connection | None = None  # replaces the initial connection when set
    note: str = ""  # shown in the status bar, e.g. how the sandbox was seeded


