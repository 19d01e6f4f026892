"""What the groups pane does off the UI thread: list, create and delete groups, read the naming rules.

Every function runs on a worker thread (it builds the session there: boto3 reads files) and
returns plain data the view applies on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from app.registry.accounts.sessions import AccountSession, session_for
from app.registry.aws import Connection
from app.registry.governance.deletion import (
    GroupDeletionPlan,
    GroupDeletionResult,
    empty_and_delete_group,
    plan_group_deletion,
)
from app.registry.governance.results import ChangeResult
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


def plan_emptying(connection: Connection, group: str, *, report: Callable[[int], None]) -> GroupDeletionPlan:
    """Worker thread: everything that goes with the group; `report` is told how many versions
    are listed so far, page by page."""
    return plan_group_deletion(session_for(connection), group, on_listed=report)


def empty_group(
    session: AccountSession,
    _arns: list[str],
    *,
    plan: GroupDeletionPlan,
    typed: str,
    should_stop: Callable[[], bool],
    on_result: Callable[[ChangeResult], None],
    max_workers: int,
) -> GroupDeletionResult:
    """The bulk change dialog's change (run by `run_bulk` on a worker): delete what is left of
    the reviewed plan, then the group. Every version still there is sent, so a retry after a
    failure or a stop picks up exactly what remains."""
    return empty_and_delete_group(session, plan, typed, max_workers=max_workers, should_stop=should_stop,
                                  on_result=on_result)
