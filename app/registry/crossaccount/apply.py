"""Apply a cross-account plan step by step, never over an edit made since the review.

Steps run in the plan's order (training account first, registry account last). Each step
re-reads its resource just before writing: when it no longer means what the plan read, the
step is refused (with the difference) and nothing after it runs. The first failure or
refusal stops the run; so does `should_stop`, checked between steps. Before our first write
to a resource its document goes into the rollback record (see record.py and rollback.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount import share
from app.registry.crossaccount.plan import (
    ECR,
    GROUP,
    KMS,
    RAM,
    S3,
    Plan,
    Step,
    find_our_grant,
    read_grants,
    read_policy_text,
    shown_grants,
)
from app.registry.crossaccount.record import RollbackRecord, Saved
from app.registry.crossaccount.semantic import DiffRow, diff_texts, grant_diff, same_grants, same_text
from app.registry.errors import RegistryError, aws_call
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined

WAITING, RUNNING, DONE, FAILED, UNCHANGED, RESTORED, REFUSED = (
    "waiting", "running", "done", "failed", "unchanged", "restored", "refused")
# What a DONE step's note says when there was nothing left to write.
EARLIER = Text(QT_TRANSLATE_NOOP("CrossAccount", "written earlier"))
ALREADY = Text(QT_TRANSLATE_NOOP("CrossAccount", "already in place"))


@dataclass(frozen=True)
class StepEvent:
    """What happened to step `index`: its new status and, on failure or refusal, why."""

    index: int
    status: str
    error: str = ""
    note: str = ""  # EARLIER or ALREADY for a step that needed no write this time


@dataclass(frozen=True)
class Refusal:
    """A resource changed since the plan read it: what the plan read against what is there now."""

    index: int
    title: str
    rows: list[DiffRow]
    now: str | None


@dataclass
class ApplyOutcome:
    plan: Plan
    record: RollbackRecord
    done: list[int] = field(default_factory=list)  # indexes written by this attempt, in order
    earlier: list[int] = field(default_factory=list)  # in place already: nothing to write
    failed: int | None = None
    error: RegistryError | None = None
    refused: Refusal | None = None
    stopped: bool = False  # the user stopped the run between two steps

    @property
    def ok(self) -> bool:
        return self.failed is None and self.refused is None and not self.stopped


Report = Callable[[StepEvent], None]


class ChangedSinceRead(Exception):
    """Raised by a step whose resource changed since it was read; carries the difference."""

    def __init__(self, rows: list[DiffRow], now: str | None):
        super().__init__("changed since it was read")
        self.rows = rows
        self.now = now


def put_policy(step: Step | Saved, text: str) -> None:
    session = session_for(step.connection)
    kind, resource = step.key
    if kind == ECR:
        with aws_call(session, "ecr:SetRepositoryPolicy", resource):
            session.client("ecr").set_repository_policy(repositoryName=resource, policyText=text)
    elif kind == S3:
        with aws_call(session, "s3:PutBucketPolicy", resource):
            session.client("s3").put_bucket_policy(Bucket=resource, Policy=text)
    elif kind == GROUP:
        with aws_call(session, "sagemaker:PutModelPackageGroupPolicy", resource):
            session.client("sagemaker").put_model_package_group_policy(
                ModelPackageGroupName=resource, ResourcePolicy=text)


def delete_policy(step: Step | Saved) -> None:
    session = session_for(step.connection)
    kind, resource = step.key
    if kind == ECR:
        with aws_call(session, "ecr:DeleteRepositoryPolicy", resource):
            session.client("ecr").delete_repository_policy(repositoryName=resource)
    elif kind == S3:
        with aws_call(session, "s3:DeleteBucketPolicy", resource):
            session.client("s3").delete_bucket_policy(Bucket=resource)
    elif kind == GROUP:
        with aws_call(session, "sagemaker:DeleteModelPackageGroupPolicy", resource):
            session.client("sagemaker").delete_model_package_group_policy(ModelPackageGroupName=resource)


def _grant_step(step: Step, record: RollbackRecord) -> str:
    """Create our grant unless it is there; refuse when the key's grants changed since the plan."""
    session = session_for(step.connection)
    spec = step.ours[0]
    grants = read_grants(session, step.resource)
    if find_our_grant(grants, spec) is not None:
        return EARLIER if record.find(step.key) else ALREADY
    read = json.loads(step.current or "[]")
    if not same_grants(shown_grants(grants), read):
        raise ChangedSinceRead(grant_diff(read, shown_grants(grants)), json.dumps(shown_grants(grants), indent=2))
    saved = record.find(step.key) or record.add(Saved(
        step.key, step.title, step.connection, json.dumps(shown_grants(grants), indent=2), grant=dict(spec),
        grants_before=tuple(g["GrantId"] for g in grants)))
    with aws_call(session, "kms:CreateGrant", step.resource):
        answer = session.client("kms").create_grant(
            KeyId=step.resource, GranteePrincipal=spec["GranteePrincipal"],
            Operations=spec["Operations"], Name=spec["Name"])
    saved.written = str(answer["GrantId"])
    return ""


def _policy_step(step: Step, record: RollbackRecord) -> str:
    """Write the proposed document if the resource still holds what the plan read."""
    assert step.proposed is not None
    now = read_policy_text(session_for(step.connection), step.kind, step.resource)
    saved = record.find(step.key)
    if not same_text(now, step.current):
        if same_text(now, step.proposed):  # our statements are there already
            return EARLIER if saved is not None else ALREADY
        raise ChangedSinceRead(diff_texts(step.current, now), now)
    if saved is None:
        saved = record.add(Saved(step.key, step.title, step.connection, now))
    elif not same_text(now, saved.written):
        saved.exact = False  # someone's edit since our last write: rollback must keep it
    # Recorded before the call: a write that lands although its answer is lost stays restorable.
    saved.written = step.proposed
    put_policy(step, step.proposed)
    return ""


def _promote_step(step: Step, record: RollbackRecord) -> str:
    """Promote the share RAM made from the group policy (written by the step before)."""
    session = session_for(step.connection)
    found = share.wait_for_share(session, step.resource)
    if found is None:
        raise RegistryError("not_found", Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "AWS RAM has made no resource share from the policy of {group} yet, so there "
            "is nothing to promote. Apply again in a minute; if it is still missing, check that the "
            "policy names the training account as a whole account."), group=step.resource), code="NoResourceShare",
            action=share.PROMOTE_ACTION, resource=step.resource)
    training = str(step.ours[0].get("Principal", ""))
    if found.promoted and training and not found.shares_with(training):
        raise RegistryError("invalid", Text(QT_TRANSLATE_NOOP(
            "CrossAccount", "The group is already in the standard AWS RAM share {share}, which does not list "
            "account {account}, so there is nothing to promote. Add the account to that share in "
            "AWS RAM (ram:AssociateResourceShare), or ask its owner to."), share=found.arn, account=training),
            code="SharedElsewhere",
            action=share.PROMOTE_ACTION, resource=step.resource)
    if found.promoted:
        return EARLIER if record.find(step.key) else ALREADY
    saved = record.find(step.key) or record.add(Saved(
        step.key, step.title, step.connection, share.render(found.document())))
    # Recorded before the call: a promotion that lands although its answer is lost is undone too.
    saved.written = share.render({**found.document(), "FeatureSet": share.STANDARD})

    def made(arns: list[str]) -> None:
        saved.created = (*saved.created, *arns)

    share.promote(session, found, step.resource, made)
    return ""


def run_step(step: Step, record: RollbackRecord) -> str:
    """One step; "" when it wrote, else the note saying why nothing needed writing."""
    if step.kind == KMS:
        return _grant_step(step, record)
    if step.kind == RAM:
        return _promote_step(step, record)
    return _policy_step(step, record)


def apply_plan(plan: Plan, report: Report | None = None, *, record: RollbackRecord | None = None,
               should_stop: Callable[[], bool] | None = None) -> ApplyOutcome:
    """Run every changed step in order; stop at the first failure or refusal (worker thread).

    `record` (kept by the caller across attempts) gains every resource this run writes."""
    tell = report or (lambda _event: None)
    stop = should_stop or (lambda: False)
    outcome = ApplyOutcome(plan, record if record is not None else RollbackRecord())
    if plan.blocking:
        raise RegistryError("invalid", Text(QT_TRANSLATE_NOOP("CrossAccount", "The plan has problems to fix "
                                                              "first: {problems}"),
                                            problems=joined(f.message for f in plan.blocking)))
    for index, step in enumerate(plan.steps):
        if not step.changed:
            tell(StepEvent(index, UNCHANGED))
            continue
        if stop():
            outcome.stopped = True
            return outcome
        tell(StepEvent(index, RUNNING))
        try:
            note = run_step(step, outcome.record)
        except ChangedSinceRead as changed:
            outcome.refused = Refusal(index, step.title, changed.rows, changed.now)
            tell(StepEvent(index, REFUSED, Text(QT_TRANSLATE_NOOP(
                "CrossAccount", "Changed since the review: nothing was written to it. Plan again to see the "
                "change and keep it."))))
            return outcome
        except RegistryError as error:
            outcome.failed, outcome.error = index, error
            tell(StepEvent(index, FAILED, error.text))
            return outcome
        (outcome.earlier if note else outcome.done).append(index)
        tell(StepEvent(index, DONE, note=note))
    return outcome
