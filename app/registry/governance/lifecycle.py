"""A version's lifecycle (ModelLifeCycle: Stage, StageStatus, StageDescription): check, set, bulk.

The limits come from botocore's model of UpdateModelPackage's ModelLifeCycle shape, so they
follow AWS without retyping. Checks return None or a sentence that says what to type instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.governance.results import ChangeResult, cancelled, failed, refuse, unexpected
from app.registry.texts import joined
from app.registry.versions.describe import describe_version, each_in_parallel
from app.registry.versions.records import VersionDetails, version_from_arn
from app.registry.versions.requests_advanced import check_stage, check_stage_description, check_stage_status

_log = logging.getLogger(__name__)

UPDATE = "sagemaker:UpdateModelPackage"
# Stage names that mean "serving real traffic": deleting such a version asks for the typed name.
PRODUCTION_WORDS = ("prod", "live")


@dataclass(frozen=True)
class LifeCycle:
    stage: str
    status: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.stage} / {self.status}"


def lifecycle_of(raw: Mapping[str, Any]) -> LifeCycle | None:
    """The lifecycle in a describe response (or VersionDetails.raw), None when it has none."""
    found = raw.get("ModelLifeCycle") or {}
    if not found.get("Stage"):
        return None
    return LifeCycle(
        str(found.get("Stage", "")), str(found.get("StageStatus", "")), str(found.get("StageDescription", "") or "")
    )


def is_production_like(stage: str | None) -> bool:
    """Whether a stage name reads as production (Production, prod-eu, Live...)."""
    lowered = (stage or "").lower()
    return any(word in lowered for word in PRODUCTION_WORDS)


def lifecycle_problems(lifecycle: LifeCycle) -> dict[str, str]:
    """Field ("Stage", "StageStatus", "StageDescription") -> what to type instead."""
    checks = {
        "Stage": check_stage(lifecycle.stage),
        "StageStatus": check_stage_status(lifecycle.status),
        "StageDescription": check_stage_description(lifecycle.description),
    }
    return {field: problem for field, problem in checks.items() if problem}


def lifecycle_request(arn: str, lifecycle: LifeCycle) -> dict[str, Any]:
    """The UpdateModelPackage request that sets `lifecycle`; an empty description is not sent."""
    body: dict[str, Any] = {"Stage": lifecycle.stage, "StageStatus": lifecycle.status}
    if lifecycle.description:
        body["StageDescription"] = lifecycle.description
    return {"ModelPackageArn": arn, "ModelLifeCycle": body}


def _validate(session: AccountSession, arn: str | None, lifecycle: LifeCycle) -> None:
    problems = lifecycle_problems(lifecycle)
    if problems:
        raise refuse(session.connection.display_name, UPDATE, arn, joined(problems.values()))


def _update(session: AccountSession, arn: str, lifecycle: LifeCycle) -> None:
    client = session.client("sagemaker")
    with aws_call(session, UPDATE, arn):
        client.update_model_package(**lifecycle_request(arn, lifecycle))


def set_lifecycle(session: AccountSession, arn: str, lifecycle: LifeCycle) -> VersionDetails:
    """Set one version's lifecycle (checked before the call); the version as AWS now has it."""
    _validate(session, arn, lifecycle)
    _update(session, arn, lifecycle)
    return describe_version(session, arn)


def bulk_set_lifecycle(
    session: AccountSession,
    arns: Sequence[str],
    lifecycle: LifeCycle,
    *,
    max_workers: int = 8,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[ChangeResult], None] | None = None,
) -> list[ChangeResult]:
    """Set the lifecycle of many versions in parallel (bulk approval's runner); one result per
    ARN, in order. Checked once before any call; one failure never stops the others."""
    _validate(session, None, lifecycle)
    return each_in_parallel(
        arns,
        lambda arn: _set_one(session, arn, lifecycle),
        cancelled=cancelled,
        max_workers=max_workers, should_stop=should_stop, on_result=on_result,
    )


def _set_one(session: AccountSession, arn: str, lifecycle: LifeCycle) -> ChangeResult:
    before: str | None = None
    version = version_from_arn(arn)
    try:
        try:
            details = describe_version(session, arn)
            old = lifecycle_of(details.raw)
            before, version = (str(old) if old else ""), details.version or version
        except RegistryError as error:  # a refused read does not stop the update; a gone one fails as it would
            if error.kind != "not_found":
                _log.info("read before the lifecycle change of %s failed: %s", arn, error)
        _update(session, arn, lifecycle)
    except RegistryError as error:
        return failed(arn, error, before)
    except Exception as error:  # a bug must not stop the other items either
        _log.exception("lifecycle change of %s failed", arn)
        return ChangeResult(arn, version, False, before, None, unexpected(error), "other")
    return ChangeResult(arn, version, True, before, str(lifecycle))


def stages_in_use(versions: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[str]]:
    """(stages, statuses) already used by these describe responses, most used first."""
    from collections import Counter

    stages: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    for raw in versions:
        found = lifecycle_of(raw)
        if found:
            stages[found.stage] += 1
            statuses[found.status] += 1
    return [s for s, _ in stages.most_common()], [s for s, _ in statuses.most_common()]
