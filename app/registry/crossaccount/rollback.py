"""Roll back what any attempt wrote, never over an edit made since our write.

Each resource in the record is re-read first. When it still holds what we wrote, the
original document comes back byte for byte (a policy that did not exist is deleted again).
When someone changed it since, that resource is refused, with the difference, unless its key
is in `confirmed` (the user saw the difference and chose to restore anyway). Our grants are
revoked when they are still there. A promoted AWS RAM share is deleted (it no longer follows
the group policy, so restoring the policy alone would leave the group shared), unless its
principals or resources changed since the promotion, and so is the permission its promotion
made; a share never promoted goes away with the policy. Restored resources leave the record; the rest stay in it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount import policies, share
from app.registry.crossaccount.apply import (
    FAILED,
    REFUSED,
    RESTORED,
    RUNNING,
    ChangedSinceRead,
    delete_policy,
    put_policy,
)
from app.registry.crossaccount.plan import KMS, RAM, read_grants, read_policy_text
from app.registry.crossaccount.record import Key, RollbackRecord, Saved
from app.registry.crossaccount.semantic import CHANGED, DiffRow, diff_texts, pretty, same_text
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text, text_of


@dataclass(frozen=True)
class RestoreEvent:
    key: Key
    title: str
    status: str  # RUNNING, RESTORED, FAILED or REFUSED
    error: str = ""
    rows: tuple[DiffRow, ...] = ()  # REFUSED: what we wrote against what is there now
    written: str | None = None  # REFUSED: the document we wrote, and the one there now
    now: str | None = None


@dataclass
class RollbackOutcome:
    record: RollbackRecord  # what is still to restore
    events: list[RestoreEvent] = field(default_factory=list)  # the final event of each resource
    stopped: bool = False

    @property
    def refused(self) -> list[RestoreEvent]:
        return [e for e in self.events if e.status == REFUSED]

    @property
    def failed(self) -> list[RestoreEvent]:
        return [e for e in self.events if e.status == FAILED]

    @property
    def ok(self) -> bool:
        return not self.record


def _revoke_ours(saved: Saved) -> None:
    """Revoke every grant of ours on the key that was not there before our first write."""
    session = session_for(saved.connection)
    for grant in read_grants(session, saved.resource):
        if (grant["Name"] == saved.grant.get("Name") and grant["GranteePrincipal"] == saved.grant.get(
                "GranteePrincipal") and grant["GrantId"] not in saved.grants_before):
            with aws_call(session, "kms:RevokeGrant", saved.resource):
                session.client("kms").revoke_grant(KeyId=saved.resource, GrantId=grant["GrantId"])


def _delete_promoted(saved: Saved, confirmed: bool) -> None:
    """Delete the share we promoted, unless someone shared more through it since; then the
    permissions our promotion made."""
    written = json.loads(saved.written or "{}")
    session = session_for(saved.connection)
    now = share.share_by_arn(session, written.get("ResourceShare", ""))
    if now is not None and now.promoted:
        _delete_share(saved, now, written, confirmed)
    for permission in saved.created:
        share.delete_permission(session, permission)
        saved.created = tuple(p for p in saved.created if p != permission)


def _delete_share(saved: Saved, now: share.Share, written: dict[str, Any], confirmed: bool) -> None:
    session = session_for(saved.connection)
    same = (sorted(now.principals) == sorted(written.get("Principals", []))
            and sorted(now.resources) == sorted(written.get("Resources", [])))
    if not same and not confirmed:
        shown = now.document()
        raise ChangedSinceRead([DiffRow(CHANGED, "Resource share", pretty(written), pretty(shown))],
                               share.render(shown))
    share.delete(session, now.arn)


def _restore_policy(saved: Saved, confirmed: bool) -> None:
    now = read_policy_text(session_for(saved.connection), saved.kind, saved.resource)
    if same_text(now, saved.original):
        return  # as it was already (our write never landed, or someone restored it)
    if not confirmed and not same_text(now, saved.written):
        raise ChangedSinceRead(diff_texts(saved.written, now), now)
    if saved.exact:
        target = saved.original
    else:  # someone's edit went into our write: take only our statements out
        document = policies.unmerge(policies.parse(now), policies.parse(saved.original))
        target = None if document is None else policies.render(document)
    if target is None:
        delete_policy(saved)
    else:
        put_policy(saved, target)


def rollback(record: RollbackRecord, report: Callable[[RestoreEvent], None] | None = None, *,
             confirmed: Collection[Key] = (), should_stop: Callable[[], bool] | None = None) -> RollbackOutcome:
    """Restore every resource in `record`, last written first; each is attempted even if one
    fails (worker thread). `should_stop` is checked between resources."""
    tell = report or (lambda _event: None)
    stop = should_stop or (lambda: False)
    outcome = RollbackOutcome(record)
    for saved in list(reversed(record.saved)):
        if stop():
            outcome.stopped = True
            break
        tell(RestoreEvent(saved.key, saved.title, RUNNING))
        try:
            if saved.kind == KMS:
                _revoke_ours(saved)
            elif saved.kind == RAM:
                _delete_promoted(saved, saved.key in confirmed)
            else:
                _restore_policy(saved, saved.key in confirmed)
        except ChangedSinceRead as changed:
            event = RestoreEvent(saved.key, saved.title, REFUSED, Text(QT_TRANSLATE_NOOP(
                "CrossAccount", "Changed since we wrote it: not restored, so that change is kept.")),
                tuple(changed.rows),
                saved.written, changed.now)
        except (RegistryError, policies.MalformedPolicy) as error:
            event = RestoreEvent(saved.key, saved.title, FAILED, text_of(error))
        else:
            record.discard(saved.key)
            event = RestoreEvent(saved.key, saved.title, RESTORED)
        tell(event)
        outcome.events.append(event)
    return outcome
