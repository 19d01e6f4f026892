"""Reading versions: list one page at a time, describe one, many, or 100 at a batch."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call
from app.registry.versions.groups import aware
from app.registry.versions.records import (
    BATCH_LIMIT,
    BriefSpec,
    ContainerInfo,
    VersionDetails,
    VersionSummary,
    version_from_arn,
)

_log = logging.getLogger(__name__)

# Labels for the ModelMetrics members; the order is the one of the botocore model.
_METRIC_LABELS = {
    "ModelQuality": "Model quality",
    "ModelDataQuality": "Model data quality",
    "Bias": "Bias",
    "Explainability": "Explainability",
    "Statistics": "Statistics",
    "Constraints": "Constraints",
    "Report": "Report",
    "PreTrainingReport": "Pre-training report",
    "PostTrainingReport": "Post-training report",
    "PreTrainingConstraints": "Pre-training constraints",
    "PostTrainingConstraints": "Post-training constraints",
    "ConfigFile": "Configuration file",
}


def iter_version_pages(
    session: AccountSession,
    group: str,
    *,
    status: str | None = None,
    page_size: int = 100,
    sort_order: str = "Descending",
) -> Iterator[list[VersionSummary]]:
    """Yield a group's versions one API page at a time (newest first by default).

    A generator: the next page is requested only when the caller asks for it, so the caller
    can show the first rows at once and stop between pages. `group` is a name or an ARN.
    """
    token: str | None = None
    while True:
        page, token = list_page(
            session, group, status=status, page_size=page_size, sort_order=sort_order, token=token
        )
        yield page
        if not token:
            return


def list_page(
    session: AccountSession,
    group: str,
    *,
    status: str | None = None,
    page_size: int = 100,
    sort_order: str = "Descending",
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    token: str | None = None,
) -> tuple[list[VersionSummary], str | None]:
    """One ListModelPackages call, sorted by creation time; returns (versions, next token).

    `created_after` / `created_before` are the API's exclusive creation-time bounds.
    """
    request: dict[str, Any] = {
        "ModelPackageGroupName": group,
        "ModelPackageType": "Versioned",
        "SortBy": "CreationTime",
        "SortOrder": sort_order,
        "MaxResults": page_size,
    }
    if status:
        request["ModelApprovalStatus"] = status
    if created_after is not None:
        request["CreationTimeAfter"] = created_after
    if created_before is not None:
        request["CreationTimeBefore"] = created_before
    if token:
        request["NextToken"] = token
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:ListModelPackages", group):
        response = client.list_model_packages(**request)
    page = [_summary(item) for item in response.get("ModelPackageSummaryList", [])]
    return page, response.get("NextToken") or None


_NO_STAGE: dict[str, Any] = {}


def _summary(item: dict[str, Any]) -> VersionSummary:
    # 25,000 of these per account-region and refresh: positional, each lookup once.
    get = item.get
    arn = get("ModelPackageArn", "")
    created = get("CreationTime")
    if not (isinstance(created, datetime) and created.tzinfo is UTC):  # the application's clients read UTC
        created = aware(created).astimezone(UTC)  # botocore's own: a tzlocal() each, the same instant
    life = get("ModelLifeCycle") or _NO_STAGE
    intern = sys.intern  # the same few strings on every row of a group: one copy each, not one per row
    return VersionSummary(
        arn,
        intern(get("ModelPackageGroupName", "") or ""),
        int(get("ModelPackageVersion") or version_from_arn(arn) or 0),
        intern(get("ModelApprovalStatus", "") or ""),
        created,
        get("ModelPackageDescription", "") or "",
        intern(get("ModelPackageStatus", "") or ""),
        intern(life.get("Stage", "") or ""),
        intern(life.get("StageStatus", "") or ""),
    )


def batch_describe(
    session: AccountSession, arns: Sequence[str]
) -> tuple[dict[str, BriefSpec], dict[str, str]]:
    """Images and model data of many versions, 100 per call. Returns (specs, errors by ARN)."""
    unique = list(dict.fromkeys(arns))
    specs: dict[str, BriefSpec] = {}
    errors: dict[str, str] = {}
    client = session.client("sagemaker")
    for start in range(0, len(unique), BATCH_LIMIT):
        chunk = unique[start : start + BATCH_LIMIT]
        try:
            with aws_call(session, "sagemaker:BatchDescribeModelPackage"):
                response = client.batch_describe_model_package(ModelPackageArnList=chunk)
        except RegistryError as error:
            errors.update((arn, str(error)) for arn in chunk)
            continue
        for arn, summary in (response.get("ModelPackageSummaries") or {}).items():
            containers = (summary.get("InferenceSpecification") or {}).get("Containers") or []
            specs[arn] = BriefSpec(  # versions of a group mostly share their images
                images=tuple(sys.intern(c.get("Image", "") or "") for c in containers),
                model_data_urls=tuple(_model_data_url(c) for c in containers),
            )
        for arn, failure in (response.get("BatchDescribeModelPackageErrorMap") or {}).items():
            text = failure.get("ErrorResponse") or "unknown error"
            code = failure.get("ErrorCode")
            errors[arn] = f"{text} ({code})" if code else text
        for arn in chunk:
            if arn not in specs and arn not in errors:
                errors[arn] = "SageMaker returned no description for this version."
    return specs, errors


def _data_source(container: dict[str, Any]) -> dict[str, Any]:
    return dict((container.get("ModelDataSource") or {}).get("S3DataSource") or {})


def _model_data_url(container: dict[str, Any]) -> str:
    url = container.get("ModelDataUrl")
    if url:
        return str(url)
    return str(_data_source(container).get("S3Uri", ""))


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes | bytearray):
        return value.decode("utf-8", "replace")
    return value


def _metrics(
    model_metrics: dict[str, Any], model: Any, shape_name: str = "ModelMetrics"
) -> tuple[tuple[str, str], ...]:
    """(label, S3 URI) of each file of ModelMetrics or DriftCheckBaselines, in the model's order."""
    if not model_metrics:
        return ()
    shape = model.shape_for(shape_name)  # its member order is stable
    rows: list[tuple[str, str]] = []
    order = list(shape.members) + [k for k in model_metrics if k not in shape.members]
    for group_key in order:
        group = model_metrics.get(group_key) or {}
        sub_shape = shape.members.get(group_key)
        sub_order = list(sub_shape.members) if sub_shape is not None else []
        sub_order += [k for k in group if k not in sub_order]
        for key in sub_order:
            uri = (group.get(key) or {}).get("S3Uri")
            if uri:
                label = f"{_label(group_key)} / {_label(key)}"
                rows.append((label, str(uri)))
    return tuple(rows)


def _label(key: str) -> str:
    if key in _METRIC_LABELS:
        return _METRIC_LABELS[key]
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", key)
    return " ".join(words).capitalize() if words else key


def _details(response: dict[str, Any], model: Any) -> VersionDetails:
    """`model`: the client's own service model (a second copy of SageMaker's costs ~50 MB)."""
    raw = _jsonable({k: v for k, v in response.items() if k != "ResponseMetadata"})
    spec = response.get("InferenceSpecification") or {}
    containers = tuple(
        ContainerInfo(
            image=c.get("Image", ""),
            model_data_url=_model_data_url(c),
            environment=dict(c.get("Environment") or {}),
            hostname=c.get("ContainerHostname", "") or "",
            framework=c.get("Framework", "") or "",
            framework_version=c.get("FrameworkVersion", "") or "",
            data_type=str(_data_source(c).get("S3DataType") or ""),
            compression=str(_data_source(c).get("CompressionType") or ""),
            image_digest=c.get("ImageDigest", "") or "",
        )
        for c in spec.get("Containers") or []
    )
    arn = response.get("ModelPackageArn", "")
    modified = response.get("LastModifiedTime")
    return VersionDetails(
        arn=arn,
        group=response.get("ModelPackageGroupName", "") or "",
        version=int(response.get("ModelPackageVersion") or version_from_arn(arn) or 0),
        status=response.get("ModelApprovalStatus", "") or "",
        description=response.get("ModelPackageDescription", "") or "",
        created=aware(response.get("CreationTime")),
        modified=aware(modified) if modified else None,
        approval_comment=response.get("ApprovalDescription", "") or "",
        containers=containers,
        content_types=tuple(spec.get("SupportedContentTypes") or ()),
        response_types=tuple(spec.get("SupportedResponseMIMETypes") or ()),
        metrics=_metrics(response.get("ModelMetrics") or {}, model),
        customer_metadata=dict(response.get("CustomerMetadataProperties") or {}),
        domain=response.get("Domain", "") or "",
        task=response.get("Task", "") or "",
        sample_payload_url=response.get("SamplePayloadUrl", "") or "",
        raw=raw,
        drift_baselines=_metrics(response.get("DriftCheckBaselines") or {}, model, "DriftCheckBaselines"),
    )


def describe_version(session: AccountSession, arn: str) -> VersionDetails:
    """Everything about one version (describe_model_package)."""
    client = session.client("sagemaker")
    with aws_call(session, "sagemaker:DescribeModelPackage", arn):
        response = client.describe_model_package(ModelPackageName=arn)
    return _details(response, client.meta.service_model)


def describe_many(
    session: AccountSession,
    arns: Sequence[str],
    *,
    max_workers: int = 8,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[VersionDetails | None], None] | None = None,
) -> list[VersionDetails | None]:
    """Describe several versions in parallel (what the list call leaves out, such as comments).

    One result per ARN, in order; None where the describe failed or was skipped after
    `should_stop`. `on_result` is called from worker threads as each ends.
    """

    def one(arn: str) -> VersionDetails | None:
        try:
            return describe_version(session, arn)
        except RegistryError as error:
            _log.info("describe of %s failed: %s", arn, error)
            return None

    return each_in_parallel(arns, one, cancelled=lambda _arn: None, max_workers=max_workers,
                             should_stop=should_stop, on_result=on_result)


def each_in_parallel(
    items: Sequence[str],
    work: Callable[[str], Any],
    *,
    cancelled: Callable[[str], Any],
    max_workers: int,
    should_stop: Callable[[], bool] | None,
    on_result: Callable[[Any], None] | None,
) -> list[Any]:
    """`work(item)` for each item on a bounded pool; results in input order.

    `should_stop` is asked before each item starts; an item not started gets `cancelled(item)`.
    """

    def one(item: str) -> Any:
        result = cancelled(item) if should_stop is not None and should_stop() else work(item)
        if on_result is not None:
            try:
                on_result(result)
            except Exception:  # the caller's callback must not cost the other items
                _log.exception("on_result failed for %s", item)
        return result

    if not items:
        return []
    workers = max(1, min(max_workers, len(items)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="registry") as pool:
        return list(pool.map(one, items))


