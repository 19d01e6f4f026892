"""What the group details do off the UI thread: read a group whole, change its tags.

Each function runs on a worker thread (it builds the session there: boto3 reads files) and
returns plain data the view applies on the UI thread. A part that cannot be read (tags, the
policy) carries its error in words; the rest of the group still shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from app.registry.accounts.sessions import known_account_id, session_for
from app.registry.aws import Connection
from app.registry.crossaccount.grants import GroupPolicy, read_group_policy
from app.registry.errors import RegistryError
from app.registry.governance.group_info import GroupInfo, read_group_info
from app.registry.governance.tags import TagEdit, edit_tags, list_tags
from app.registry.versions.groups import GroupSummary, account_of
from app.ui.texts import render

# What the policy part holds
POLICY_SHOWN, POLICY_NONE, POLICY_OWNER_ONLY, POLICY_FAILED = "shown", "none", "owner-only", "failed"


@dataclass(frozen=True)
class KnownProfile:
    """A profile of the connection picker, and the role it assumes (which names its account)."""

    name: str
    connection: Connection
    role_arn: str = ""


@dataclass(frozen=True)
class GroupDetails:
    info: GroupInfo
    shared: bool
    tags: dict[str, str] | None  # None when they could not be read
    tags_error: str
    policy_state: str  # one of POLICY_*
    policy: GroupPolicy | None
    policy_error: str
    profiles: dict[str, list[str]] = field(default_factory=dict)  # account id -> profile names
    own_account: str = ""


def profiles_by_account(current: Connection, own: str, known: Sequence[KnownProfile]) -> dict[str, list[str]]:
    """Which known profiles reach which account, from what is known without asking anyone new:
    the role a profile assumes, or what STS already said for it; `own` is the current one's."""
    found: dict[str, list[str]] = {}
    for profile in known:
        account = account_of(profile.role_arn) if profile.role_arn else ""
        if not account:
            account = own if profile.connection == current else known_account_id(profile.connection) or ""
        if account and profile.name not in found.setdefault(account, []):
            found[account].append(profile.name)
    if own and not found.get(own):
        found[own] = [current.display_name]
    return found


def read_group_details(connection: Connection, group: GroupSummary, known: Sequence[KnownProfile]) -> GroupDetails:
    """Worker thread: the group's description, tags and policy, and who is behind the accounts."""
    session = session_for(connection)
    info = read_group_info(session, group.arn if group.shared else group.name)
    tags: dict[str, str] | None = None
    tags_error = ""
    try:
        tags = list_tags(session, info.arn)
    except RegistryError as error:
        tags_error = render(error)
    policy: GroupPolicy | None = None
    policy_error = ""
    if group.shared:
        state = POLICY_OWNER_ONLY  # GetModelPackageGroupPolicy takes a name: only the owner can ask
    else:
        try:
            policy = read_group_policy(session, info.name)
            state = POLICY_SHOWN if policy is not None else POLICY_NONE
        except RegistryError as error:
            state, policy_error = POLICY_FAILED, render(error)
    try:
        own = session.account_id()
    except RegistryError:
        own = ""
    profiles = profiles_by_account(connection, own, known)
    return GroupDetails(info, group.shared, tags, tags_error, state, policy, policy_error, profiles, own)


def change_tags(connection: Connection, arn: str, edit: TagEdit, seen: Mapping[str, str]) -> dict[str, str]:
    """Worker thread: the edit, re-read first (TagConflict when a key moved); the tags after."""
    return edit_tags(session_for(connection), arn, edit, seen)
