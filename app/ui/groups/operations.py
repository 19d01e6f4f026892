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
from app.registry.index import recording
from app.registry.index.recording import IndexSource
from app.registry.versions import groups as registry_groups
from app.registry.versions.groups import GroupSummary
from app.registry.versions.requests import check_group_description, check_group_name


def list_group_pages(connection: Connection, index: IndexSource = None,
                     connection_key: str = "") -> Iterator[list[GroupSummary]]:
    """Runs on a worker thread: builds the session there (boto3 reads files) and pages. With
    `index`, each page is recorded under `connection_key`, and a listing that completed makes
    the index forget this account's groups it no longer shows."""
    session = session_for(connection)
    pages = registry_groups.iter_group_pages(session)
    if index is None or not connection_key:
        yield from pages
        return
    yield from recording.recorded_group_pages(index, connection_key, session.region, pages, session.account_id)


def create_group(connection: Connection, name: str, description: str, tags: dict[str, str]) -> str:
    return registry_groups.create_group(session_for(connection), name, description, tags)


def delete_group(connection: Connection, name: str, index: IndexSource = None, arn: str = "") -> str:
    registry_groups.delete_group(session_for(connection), name)
    if arn:
        recording.forget_group(index, arn)
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


empty_group.removes_versions = True  # type: ignore[attr-defined]  # run_bulk: each success leaves the index
