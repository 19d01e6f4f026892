"""Apply a cross-account plan step by step, and roll back exactly what was done.

Steps run in the plan's order (training account first, registry account last). The first
failure stops the run; `rollback` then restores the documents captured when planning, byte
for byte: a policy that did not exist is deleted again, a grant we created is revoked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount.plan import ECR, GROUP, KMS, S3, Plan, Step, find_our_grant, read_grants
from app.registry.errors import RegistryError, aws_call

WAITING, RUNNING, DONE, FAILED, UNCHANGED, RESTORED = (
    "waiting", "running", "done", "failed", "unchanged", "restored")


@dataclass(frozen=True)
class StepEvent:
    """What happened to step `index`: its new status and, on failure, why."""

    index: int
    status: str
    error: str = ""


@dataclass
class ApplyOutcome:
    plan: Plan
    done: list[int] = field(default_factory=list)  # indexes actually written, in order
    grant_ids: dict[int, str] = field(default_factory=dict)  # step index -> grant we created
    failed: int | None = None
    error: RegistryError | None = None

    @property
    def ok(self) -> bool:
        return self.failed is None


Report = Callable[[StepEvent], None]


def _put_policy(step: Step, text: str) -> None:
    session = session_for(step.connection)
    if step.kind == ECR:
        with aws_call(session, "ecr:SetRepositoryPolicy", step.resource):
            session.client("ecr").set_repository_policy(repositoryName=step.resource, policyText=text)
    elif step.kind == S3:
        with aws_call(session, "s3:PutBucketPolicy", step.resource):
            session.client("s3").put_bucket_policy(Bucket=step.resource, Policy=text)
    elif step.kind == GROUP:
        with aws_call(session, "sagemaker:PutModelPackageGroupPolicy", step.resource):
            session.client("sagemaker").put_model_package_group_policy(
                ModelPackageGroupName=step.resource, ResourcePolicy=text)


def _delete_policy(step: Step) -> None:
    session = session_for(step.connection)
    if step.kind == ECR:
        with aws_call(session, "ecr:DeleteRepositoryPolicy", step.resource):
            session.client("ecr").delete_repository_policy(repositoryName=step.resource)
    elif step.kind == S3:
        with aws_call(session, "s3:DeleteBucketPolicy", step.resource):
            session.client("s3").delete_bucket_policy(Bucket=step.resource)
    elif step.kind == GROUP:
        with aws_call(session, "sagemaker:DeleteModelPackageGroupPolicy", step.resource):
            session.client("sagemaker").delete_model_package_group_policy(ModelPackageGroupName=step.resource)


def _create_grant(step: Step) -> str | None:
    """Our grant, unless one with our name and grantee is already there (then None)."""
    session = session_for(step.connection)
    spec = step.ours[0]
    if find_our_grant(read_grants(session, step.resource), spec) is not None:
        return None
    with aws_call(session, "kms:CreateGrant", step.resource):
        answer = session.client("kms").create_grant(
            KeyId=step.resource, GranteePrincipal=spec["GranteePrincipal"],
            Operations=spec["Operations"], Name=spec["Name"])
    return str(answer["GrantId"])


def _revoke_grant(step: Step, grant_id: str) -> None:
    session = session_for(step.connection)
    with aws_call(session, "kms:RevokeGrant", step.resource):
        session.client("kms").revoke_grant(KeyId=step.resource, GrantId=grant_id)


def run_step(outcome: ApplyOutcome, index: int) -> None:
    """Write one step's proposed document (or grant); records what rollback must undo."""
    step = outcome.plan.steps[index]
    if step.kind == KMS:
        grant_id = _create_grant(step)
        if grant_id is not None:
            outcome.grant_ids[index] = grant_id
    else:
        assert step.proposed is not None
        _put_policy(step, step.proposed)


def apply_plan(plan: Plan, report: Report | None = None,
               run: Callable[[ApplyOutcome, int], None] = run_step) -> ApplyOutcome:
    """Run every changed step in order; stop at the first failure (worker thread)."""
    tell = report or (lambda _event: None)
    outcome = ApplyOutcome(plan)
    if plan.blocking:
        raise RegistryError("invalid", "The plan has problems to fix first: " + " ".join(
            f.message for f in plan.blocking))
    for index, step in enumerate(plan.steps):
        if not step.changed:
            tell(StepEvent(index, UNCHANGED))
            continue
        tell(StepEvent(index, RUNNING))
        try:
            run(outcome, index)
        except RegistryError as error:
            outcome.failed, outcome.error = index, error
            tell(StepEvent(index, FAILED, str(error)))
            return outcome
        outcome.done.append(index)
        tell(StepEvent(index, DONE))
    return outcome


def rollback(outcome: ApplyOutcome, report: Report | None = None) -> list[StepEvent]:
    """Undo the done steps, last first; every step is attempted even if one fails."""
    tell = report or (lambda _event: None)
    events = []
    for index in reversed(outcome.done):
        step = outcome.plan.steps[index]
        tell(StepEvent(index, RUNNING))
        try:
            if step.kind == KMS:
                if index in outcome.grant_ids:
                    _revoke_grant(step, outcome.grant_ids[index])
            elif step.current is None:
                _delete_policy(step)
            else:
                _put_policy(step, step.current)
            event = StepEvent(index, RESTORED)
        except RegistryError as error:
            event = StepEvent(index, FAILED, str(error))
        tell(event)
        events.append(event)
    return events

