"""What a model package version is, as plain data: summaries, details, approval results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.registry.texts import QT_TRANSLATE_NOOP, Text

APPROVED, REJECTED, PENDING = "Approved", "Rejected", "PendingManualApproval"
APPROVAL_STATUSES = (PENDING, APPROVED, REJECTED)
BATCH_LIMIT = 100  # BatchDescribeModelPackage takes at most 100 ARNs
CANCELLED = Text(QT_TRANSLATE_NOOP("Governance", "Cancelled"))

@dataclass(frozen=True, slots=True)  # 10,000 of them per group: no __dict__ each
class VersionSummary:
    arn: str
    group: str
    version: int
    status: str  # approval status
    created: datetime
    description: str
    package_status: str  # Pending, InProgress, Completed, Failed, Deleting
    stage: str = ""  # ModelLifeCycle.Stage ("Production"), "" when the version has no lifecycle
    stage_status: str = ""  # ModelLifeCycle.StageStatus ("Approved")


@dataclass(frozen=True)
class ContainerInfo:
    image: str
    model_data_url: str
    environment: dict[str, str]
    hostname: str
    framework: str
    framework_version: str
    # ModelDataSource's S3DataType and CompressionType ("S3Prefix", "None"); "" for a ModelDataUrl.
    data_type: str = ""
    compression: str = ""
    image_digest: str = ""


@dataclass(frozen=True, slots=True)
class BriefSpec:
    """What batch_describe tells about a version, for the list columns."""

    images: tuple[str, ...]
    model_data_urls: tuple[str, ...]


@dataclass(frozen=True)
class VersionDetails:
    arn: str
    group: str
    version: int
    status: str
    description: str
    created: datetime
    modified: datetime | None
    approval_comment: str
    containers: tuple[ContainerInfo, ...]
    content_types: tuple[str, ...]
    response_types: tuple[str, ...]
    metrics: tuple[tuple[str, str], ...]  # ("Model quality / Statistics", "s3://...")
    customer_metadata: dict[str, str]
    domain: str
    task: str
    sample_payload_url: str
    raw: dict[str, Any] = field(repr=False)  # the response, JSON-serialisable
    drift_baselines: tuple[tuple[str, str], ...] = ()  # ("Model quality / Statistics", "s3://...")

    @property
    def is_pipeline(self) -> bool:
        return len(self.containers) > 1

    @property
    def stage(self) -> str:
        return str((self.raw.get("ModelLifeCycle") or {}).get("Stage") or "")

    @property
    def stage_status(self) -> str:
        return str((self.raw.get("ModelLifeCycle") or {}).get("StageStatus") or "")


@dataclass(frozen=True)
class ApprovalResult:
    arn: str
    version: int | None
    ok: bool
    old_status: str | None
    new_status: str | None
    error: str | None  # str(RegistryError), or "Cancelled"
    comment: str | None = None  # the approval comment now on the version, when this call set one
    error_kind: str | None = None  # RegistryError.kind of a failure ("not_found": the version is gone)


def version_from_arn(arn: str) -> int | None:
    """3 for "arn:aws:sagemaker:...:model-package/churn/3", None if it has no version."""
    match = re.search(r":model-package/[^/]+/(\d+)$", arn)
    return int(match.group(1)) if match else None




def group_arn_of(version_arn: str) -> str:
    """The group's ARN for a version's: ...:model-package/churn/3 -> ...:model-package-group/churn."""
    return version_arn.replace(":model-package/", ":model-package-group/", 1).rsplit("/", 1)[0]


def is_version_of(version_arn: str, group_arn: str) -> bool:
    """Whether `version_arn` names a version of the group `group_arn`."""
    return version_from_arn(version_arn) is not None and group_arn_of(version_arn) == group_arn
