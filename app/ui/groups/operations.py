"""What the groups pane does off the UI thread: list, create and delete groups, read the naming rules.

Every function runs on a worker thread (it builds the session there: boto3 reads files) and
returns plain data the view applies on the UI thread.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.versions import groups as registry_groups
from app.registry.versions.groups import GroupSummary
from app.registry.versions.requests import check_group_description, check_group_name


def list_group_pages(connection: Connection) -> Iterator[list[GroupSummary]]:
    """Runs on a worker thread: builds the session there (boto3 reads files) and pages."""
    yield from registry_groups.iter_group_pages(session_for(connection))


def create_group(connection: Connection, name: str, description: str, tags: dict[str, str]) -> str:
    return registry_groups.create_group(session_for(connection), name, description, tags)


def delete_group(connection: Connection, name: str) -> str:
    registry_groups.delete_group(session_for(connection), name)
    return name



def load_group_rules() -> None:
    """Read the group naming rules from botocore's SageMaker model (cached for the process), so
    the New Group dialog checks names without parsing the model on the UI thread."""
    check_group_name("a")
    check_group_description("")
