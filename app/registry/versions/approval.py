"""Approving, rejecting and returning versions to pending: one, or many in parallel."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.versions.describe import describe_version, each_in_parallel
from app.registry.versions.records import (
    BATCH_LIMIT,
    CANCELLED,
    ApprovalResult,
    VersionDetails,
    version_from_arn,
)
from app.registry.versions.requests import check_approval_comment, check_approval_status

_log = logging.getLogger(__name__)


def _validate_approval(
    session: AccountSession, arn: str | None, status: str, comment: str | None
) -> None:
    problems = [check_approval_status(status)]
    if comment is not None:
        problems.append(check_approval_comment(comment))
    for problem in problems:
        if problem:
            raise RegistryError(
                "invalid",
                problem,
                action=UPDATE,
                resource=arn,
                profile=session.connection.display_name,
            )


UPDATE = "sagemaker:UpdateModelPackage"


def _update(session: AccountSession, arn: str, status: str, comment: str | None) -> None:
    request: dict[str, Any] = {"ModelPackageArn": arn, "ModelApprovalStatus": status}
    if comment is not None:
        request["ApprovalDescription"] = comment
    client = session.client("sagemaker")
    with aws_call(session, UPDATE, arn):
        client.update_model_package(**request)


def set_approval(
    session: AccountSession, arn: str, status: str, comment: str | None = None
) -> VersionDetails:
    """Approve, reject or reset one version; returns the version as AWS now describes it.

    The status and comment are checked before any call. The comment (ApprovalDescription) is
    sent only when given, so None leaves the existing comment alone.
    """
    _validate_approval(session, arn, status, comment)
    _update(session, arn, status, comment)
    return describe_version(session, arn)


def bulk_set_approval(
    session: AccountSession,
    arns: Sequence[str],
    status: str,
    comment: str | None = None,
    *,
    max_workers: int = 8,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[ApprovalResult], None] | None = None,
) -> list[ApprovalResult]:
    """Set the approval status of many versions in parallel; one result per ARN, in order.

    The status and comment are checked once, before any call (RegistryError "invalid").
    A failure never stops the others. `should_stop` is asked before each item starts; items
    not started report "Cancelled". `on_result` is called from worker threads as each ends.
    """
    _validate_approval(session, None, status, comment)
    known = _statuses(session, arns)  # one call per 100 instead of a describe per version
    return each_in_parallel(
        arns,
        lambda arn: _approve_one(session, arn, status, comment, known.get(arn)),
        cancelled=lambda arn: ApprovalResult(arn, version_from_arn(arn), False, None, None, CANCELLED),
        max_workers=max_workers, should_stop=should_stop, on_result=on_result,
    )


def _statuses(session: AccountSession, arns: Sequence[str]) -> dict[str, tuple[str, int]]:
    """(approval status, version) of each ARN from BatchDescribeModelPackage; {} if refused."""
    client = session.client("sagemaker")
    found: dict[str, tuple[str, int]] = {}
    for start in range(0, len(arns), BATCH_LIMIT):
        chunk = list(arns[start : start + BATCH_LIMIT])
        try:
            with aws_call(session, "sagemaker:BatchDescribeModelPackage"):
                response = client.batch_describe_model_package(ModelPackageArnList=chunk)
        except RegistryError as error:  # not allowed, say: each item is described instead
            _log.info("batch describe before approval failed: %s", error)
            return found
        for arn, summary in (response.get("ModelPackageSummaries") or {}).items():
            if summary.get("ModelApprovalStatus"):
                version = int(summary.get("ModelPackageVersion") or version_from_arn(arn) or 0)
                found[arn] = (summary["ModelApprovalStatus"], version)
    return found


def _approve_one(
    session: AccountSession, arn: str, status: str, comment: str | None,
    known: tuple[str, int] | None = None,
) -> ApprovalResult:
    old: str | None = None
    version = version_from_arn(arn)
    try:
        if known is not None:
            old, version = known[0], known[1] or version
        else:
            before = _before(session, arn)
            if before is not None:
                old, version = before.status or None, before.version or version
        _update(session, arn, status, comment)
    except RegistryError as error:
        return ApprovalResult(arn, version, False, old, None, str(error), error_kind=error.kind)
    except Exception as error:  # a bug must not stop the other items either
        _log.exception("approval of %s failed", arn)
        return ApprovalResult(arn, version, False, old, None, f"Unexpected error: {error}", error_kind="other")
    return ApprovalResult(arn, version, True, old, status, None, comment or None)


def _before(session: AccountSession, arn: str) -> VersionDetails | None:
    """The version as it is before the change, or None when it cannot be read.

    The user asked for the update, not for this read: a version that is gone fails as the
    update would (naming UpdateModelPackage), and a read that is refused (say, no permission
    to describe) does not stop the update, which then succeeds or fails on its own account.
    """
    try:
        return describe_version(session, arn)
    except RegistryError as error:
        if error.kind != "not_found":
            _log.info("read before the approval of %s failed: %s", arn, error)
            return None
        raise RegistryError(
            error.kind, error.message, code=error.code, action=UPDATE, resource=arn,
            profile=error.profile, detail=error.detail, endpoint=error.endpoint,
            credentials=error.credentials, region=error.region,
        ) from error
