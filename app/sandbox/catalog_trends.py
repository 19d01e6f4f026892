"""A group whose metrics have a history worth plotting: eighteen weekly versions of a lead
scoring classifier, each with a model-quality report in S3, getting better week by week, with
the setbacks a real history has.

Pure data, as ``catalog``. Every value is written out below, so every sandbox starts out
identical and a test can name the week something went wrong:
- v6: AUC slipped a little (0.833 -> 0.829); rejected.
- v9: recall fell from 0.812 to 0.621 while AUC barely moved (a threshold moved); rejected.
- v11: registered without a metrics report (superseded before anyone looked at it).
- v13: its report was cut off while uploading and is not valid JSON; rejected.
"""

from __future__ import annotations

import json
from typing import Any

from .catalog import REGION, GroupSpec, VersionSpec, _csv_spec, _tags, ecr_image

TREND_GROUP = "lead-scoring"
TREND_REPOSITORY = "lead-scoring"
TREND_IMAGE_TAG = "lightgbm-4.1"
TREND_VERSIONS = 18
AUC_DIP_VERSION = 6
RECALL_DROP_VERSION = 9
NO_REPORT_VERSION = 11
BROKEN_REPORT_VERSION = 13

APPROVED = "Approved"
REJECTED = "Rejected"
PENDING = "PendingManualApproval"

_MODEL_BYTES = b"\x1f\x8b\x08\x00sandbox-model-archive\x00"

# version: (auc, recall, precision, accuracy) on the fixed holdout; None: no readable report.
_HOLDOUT: dict[int, tuple[float, float, float, float] | None] = {
    1: (0.801, 0.702, 0.688, 0.781),
    2: (0.812, 0.721, 0.694, 0.788),
    3: (0.820, 0.735, 0.701, 0.794),
    4: (0.826, 0.748, 0.712, 0.799),
    5: (0.833, 0.762, 0.715, 0.803),
    6: (0.829, 0.766, 0.709, 0.800),
    7: (0.841, 0.789, 0.722, 0.809),
    8: (0.848, 0.812, 0.731, 0.815),
    9: (0.851, 0.621, 0.804, 0.806),
    10: (0.853, 0.815, 0.736, 0.818),
    NO_REPORT_VERSION: None,
    12: (0.860, 0.823, 0.742, 0.822),
    BROKEN_REPORT_VERSION: None,  # its report is not JSON: see _report
    14: (0.866, 0.829, 0.748, 0.826),
    15: (0.871, 0.834, 0.751, 0.829),
    16: (0.877, 0.838, 0.757, 0.833),
    17: (0.882, 0.842, 0.761, 0.836),
    18: (0.886, 0.846, 0.764, 0.839),
}

_DECISIONS: dict[int, tuple[str, str | None]] = {
    1: (APPROVED, "Approved as the first production scorer; AUC 0.80"),
    2: (REJECTED, "Leaks the opportunity stage into features"),
    3: (APPROVED, "Approved: AUC 0.82, calibration fine"),
    4: (REJECTED, "Trained on a stale CRM export"),
    5: (APPROVED, "Approved: AUC 0.83"),
    6: (REJECTED, "AUC below v5 (0.829 vs 0.833); keep v5"),
    7: (APPROVED, "Approved: recall 0.79"),
    8: (APPROVED, "Approved: recall 0.81, AUC 0.85"),
    9: (REJECTED, "Recall fell to 0.62 (v8: 0.81): decision threshold moved from 0.35 to 0.55"),
    10: (APPROVED, "Approved: threshold restored, recall 0.82"),
    11: (PENDING, None),  # superseded before anyone looked at it
    12: (APPROVED, "Approved: AUC 0.86"),
    13: (REJECTED, "Evaluation report unreadable (upload cut off); rerun the evaluation"),
    14: (APPROVED, "Approved: AUC 0.87"),
    15: (APPROVED, "Approved after the sales-ops review"),
    16: (APPROVED, "Approved: AUC 0.88, recall 0.84"),
    17: (PENDING, None),
    18: (PENDING, "Waiting for the quarter's pipeline review"),
}


def quality_report(auc: float, recall: float, precision: float, accuracy: float, version: int) -> bytes:
    """A model-quality statistics report as SageMaker Model Monitor writes it."""

    def metric(value: float, spread: float) -> dict[str, float]:
        return {"value": value, "standard_deviation": round(spread + 0.0002 * (version % 3), 4)}

    f1 = round(2 * precision * recall / (precision + recall), 4)
    report = {
        "version": 0.0,
        "binary_classification_metrics": {
            "auc": metric(auc, 0.0031),
            "recall": metric(recall, 0.0047),
            "precision": metric(precision, 0.0052),
            "f1": metric(f1, 0.0044),
            "accuracy": metric(accuracy, 0.0029),
        },
    }
    return json.dumps(report, indent=2).encode()


def _report(version: int) -> bytes | None:
    """The version's report; None when it has none."""
    if version == BROKEN_REPORT_VERSION:  # the upload stopped part way through
        return b'{\n  "version": 0.0,\n  "binary_classification_metrics": {\n    "auc": {"value": 0.86'
    holdout = _HOLDOUT[version]
    return None if holdout is None else quality_report(*holdout, version)


def lead_scoring_group(account: str, bucket: str, region: str = REGION) -> GroupSpec:
    group = GroupSpec(
        TREND_GROUP,
        "B2B lead conversion classifier (LightGBM) for the sales team, retrained weekly",
        _tags("revenue-ml", "cc-6140", domain="sales"),
    )
    for version in range(1, TREND_VERSIONS + 1):
        prefix = f"{TREND_GROUP}/v{version}"
        container = {
            "Image": ecr_image(account, TREND_REPOSITORY, TREND_IMAGE_TAG, region),
            "ModelDataUrl": f"s3://{bucket}/{prefix}/model.tar.gz",
            "Framework": "LIGHTGBM",
        }
        request: dict[str, Any] = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": f"LightGBM lead conversion model, weekly retrain #{version}",
            "InferenceSpecification": _csv_spec([container]),
            "CustomerMetadataProperties": {
                "git_commit": f"{(version * 97531 + 0x1ead) % 16**7:07x}",
                "crm_export": f"2024-w{version + 30:02d}",
            },
        }
        objects = {f"{prefix}/model.tar.gz": _MODEL_BYTES}
        report = _report(version)
        if report is not None:
            key = f"{prefix}/evaluation/model-quality-statistics.json"
            objects[key] = report
            request["ModelMetrics"] = {"ModelQuality": {"Statistics": {
                "ContentType": "application/json", "S3Uri": f"s3://{bucket}/{key}"}}}
        status, comment = _DECISIONS[version]
        group.versions.append(VersionSpec(request, status, comment, objects))
    return group


__all__ = [
    "AUC_DIP_VERSION",
    "BROKEN_REPORT_VERSION",
    "NO_REPORT_VERSION",
    "RECALL_DROP_VERSION",
    "TREND_GROUP",
    "TREND_IMAGE_TAG",
    "TREND_REPOSITORY",
    "TREND_VERSIONS",
    "lead_scoring_group",
    "quality_report",
]
