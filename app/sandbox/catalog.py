"""What the sandbox registry holds: realistic groups, versions and their artifacts.

Pure data, no AWS calls; ``seed`` turns it into requests. Everything is derived from
the version number, so every sandbox starts out identical.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

REGION = "us-east-1"


def ecr_image(account: str, repository: str, tag: str, region: str = REGION) -> str:
    return f"{account}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"


@dataclass
class VersionSpec:
    """One CreateModelPackage call, plus the optional approval comment after it."""

    request: dict[str, Any]
    status: str
    comment: str | None = None
    # S3 objects (key -> body) this version points at.
    objects: dict[str, bytes] = field(default_factory=dict)
    # How long ago it was registered; None: on the group's weekly release cadence.
    age: timedelta | None = None


@dataclass
class GroupSpec:
    name: str
    description: str
    tags: list[dict[str, str]]
    versions: list[VersionSpec] = field(default_factory=list)


def _tags(team: str, cost_center: str, **extra: str) -> list[dict[str, str]]:
    pairs = {"team": team, "cost-center": cost_center, **extra}
    return [{"Key": key, "Value": value} for key, value in pairs.items()]


def _csv_spec(containers: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "Containers": containers,
        "SupportedContentTypes": ["text/csv"],
        "SupportedResponseMIMETypes": ["text/csv"],
        "SupportedRealtimeInferenceInstanceTypes": ["ml.m5.large", "ml.m5.xlarge"],
        "SupportedTransformInstanceTypes": ["ml.m5.large"],
    }


def binary_metrics(auc: float, f1: float, precision: float, recall: float) -> bytes:
    """An evaluation report in the shape SageMaker Clarify/Model Monitor writes."""

    def metric(value: float, spread: float) -> dict[str, float]:
        return {"value": round(value, 8), "standard_deviation": spread}

    report = {
        "version": 0.0,
        "binary_classification_metrics": {
            "auc": metric(auc, 0.0031),
            "f1": metric(f1, 0.0044),
            "precision": metric(precision, 0.0052),
            "recall": metric(recall, 0.0047),
        },
    }
    return json.dumps(report, indent=2).encode()


_MODEL_BYTES = b"\x1f\x8b\x08\x00sandbox-model-archive\x00"

_CHURN_COMMENTS = {
    "Approved": [
        "Passed shadow test, AUC {auc:.2f}",
        "Approved after A/B week 2: retention uplift +1.8%",
        "Meets latency SLO (p99 41 ms); approved for prod",
        "Signed off by risk review; AUC {auc:.2f}",
    ],
    "Rejected": [
        "Recall regression on EU cohort ({recall:.2f} vs 0.78)",
        "Feature drift in tenure_months; retrain requested",
        "Calibration off on low-usage segment; rejected",
    ],
    "PendingManualApproval": ["Waiting for shadow traffic results"],
}


def _churn_status(version: int, total: int) -> str:
    """Every fourth build shipped, some were turned down, the rest were superseded
    before anyone reviewed them; the newest ones await review."""
    if version > total - 3:
        return "PendingManualApproval"
    if version % 4 == 0:
        return "Approved"
    if version % 3 == 0:
        return "Rejected"
    return "PendingManualApproval"


def churn_group(account: str, bucket: str, total: int = 45, region: str = REGION) -> GroupSpec:
    group = GroupSpec(
        "churn-prediction",
        "Customer churn classifier (XGBoost) for the subscriptions team",
        _tags("growth-ml", "cc-4471", domain="retention"),
    )
    for version in range(1, total + 1):
        auc = 0.842 + 0.0016 * version + (0.003 if version % 2 else -0.002)
        f1, precision, recall = auc - 0.12, auc - 0.09, auc - 0.14
        prefix = f"churn-prediction/v{version}"
        tag = "1.7-1" if version > 20 else "1.5-1"
        request: dict[str, Any] = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": f"XGBoost churn model, weekly retrain #{version}",
            "InferenceSpecification": _csv_spec(
                [
                    {
                        "Image": ecr_image(account, "churn-xgboost", tag, region),
                        "ModelDataUrl": f"s3://{bucket}/{prefix}/model.tar.gz",
                        "Framework": "XGBOOST",
                        "FrameworkVersion": tag.split("-")[0],
                    }
                ]
            ),
            "CustomerMetadataProperties": {
                "git_commit": f"{(version * 2654435761) % 16**7:07x}",
                "training_job": f"churn-xgb-2024-{(version - 1) // 4 + 1:02d}-w{version}",
                "dataset_version": f"2024-{(version - 1) % 12 + 1:02d}-01",
            },
        }
        objects = {f"{prefix}/model.tar.gz": _MODEL_BYTES}
        if version % 3 == 0 or version > total - 6:
            metrics_key = f"{prefix}/evaluation/metrics.json"
            objects[metrics_key] = binary_metrics(auc, f1, precision, recall)
            request["ModelMetrics"] = {
                "ModelQuality": {
                    "Statistics": {
                        "ContentType": "application/json",
                        "S3Uri": f"s3://{bucket}/{metrics_key}",
                    }
                }
            }
        status = _churn_status(version, total)
        comment = None
        if status != "PendingManualApproval" or version == total:
            comments = _CHURN_COMMENTS[status]
            comment = comments[version % len(comments)].format(auc=auc, recall=recall)
        group.versions.append(VersionSpec(request, status, comment, objects))
    return group


def _script_env(
    bucket: str, prefix: str, program: str, region: str, **extra: str
) -> dict[str, str]:
    return {
        "SAGEMAKER_PROGRAM": program,
        "SAGEMAKER_SUBMIT_DIRECTORY": f"s3://{bucket}/{prefix}/sourcedir.tar.gz",
        "SAGEMAKER_CONTAINER_LOG_LEVEL": "20",
        "SAGEMAKER_REGION": region,
        **extra,
    }


# The fraud group's two inference pipelines, stage by stage: (hostname, image tag, program,
# framework, framework version, environment beyond the script's). v5 ran the estimator inside
# the sklearn preprocess container; v6 moved it into an XGBoost container between the two,
# upgraded sklearn, raised the threshold and names its feature set.
FRAUD_TWO_STAGE_VERSION = 5
FRAUD_PIPELINE_VERSION = 6
_FRAUD_STAGES: dict[int, list[tuple[str, str, str, str, str, dict[str, str]]]] = {
    FRAUD_TWO_STAGE_VERSION: [
        ("preprocess", "sklearn-preprocess-1.0-1", "preprocess.py", "SKLEARN", "1.0-1",
         {"SKLEARN_ESTIMATOR": "logistic-regression"}),
        ("postprocess", "postprocess-1.0", "postprocess.py", "SKLEARN", "1.2-1",
         {"FRAUD_SCORE_THRESHOLD": "0.78"}),
    ],
    FRAUD_PIPELINE_VERSION: [
        ("preprocess", "sklearn-preprocess-1.2-1", "preprocess.py", "SKLEARN", "1.2-1",
         {"FEATURE_SET": "cnp-v3"}),
        ("xgboost", "xgboost-1.7-1", "inference.py", "XGBOOST", "1.7", {}),
        ("postprocess", "postprocess-1.0", "postprocess.py", "SKLEARN", "1.2-1",
         {"FRAUD_SCORE_THRESHOLD": "0.82"}),
    ],
}
_FRAUD_DESCRIPTIONS = {
    FRAUD_TWO_STAGE_VERSION: "Inference pipeline: sklearn preprocess with logistic regression -> postprocess",
    FRAUD_PIPELINE_VERSION: "Inference pipeline: sklearn preprocess -> XGBoost -> postprocess",
}
# The pipelines' holdout results (auc, f1, precision, recall): v6 catches more fraud, at a
# little precision.
_FRAUD_METRICS = {FRAUD_TWO_STAGE_VERSION: (0.931, 0.787, 0.881, 0.711),
                  FRAUD_PIPELINE_VERSION: (0.948, 0.824, 0.862, 0.789)}


def fraud_pipeline_containers(
    account: str, bucket: str, version: int, region: str = REGION
) -> list[dict[str, Any]]:
    """The inference pipeline of ``version`` (5: preprocess -> postprocess; 6: preprocess ->
    xgboost -> postprocess), each image with its digest as SageMaker records it."""
    base = f"fraud-detection/v{version}"
    containers = []
    for hostname, tag, program, framework, framework_version, extra in _FRAUD_STAGES[version]:
        prefix = f"{base}/{hostname}"
        containers.append(
            {
                "ContainerHostname": hostname,
                "Image": ecr_image(account, "fraud-inference", tag, region),
                "ImageDigest": image_digest("fraud-inference", tag),
                "ModelDataUrl": f"s3://{bucket}/{prefix}/model.tar.gz",
                "Environment": _script_env(bucket, prefix, program, region, **extra),
                "Framework": framework,
                "FrameworkVersion": framework_version,
            }
        )
    return containers


def _quality(bucket: str, key: str) -> dict[str, Any]:
    return {"ModelQuality": {"Statistics": {"ContentType": "application/json", "S3Uri": f"s3://{bucket}/{key}"}}}


def fraud_group(account: str, bucket: str, total: int = 8, region: str = REGION) -> GroupSpec:
    group = GroupSpec(
        "fraud-detection",
        "Card-not-present fraud scoring; v5 ran as a 2-stage inference pipeline, v6 as a 3-stage one",
        _tags("payments-risk", "cc-2210", compliance="pci"),
    )
    statuses = [
        "Rejected",
        "Approved",
        "Rejected",
        "Approved",
        "Rejected",
        "Approved",
        "PendingManualApproval",
        "PendingManualApproval",
    ]
    for version in range(1, total + 1):
        prefix = f"fraud-detection/v{version}"
        metadata = {"owner": "payments-risk", "ticket": f"RISK-{310 + version}"}
        if version in _FRAUD_STAGES:
            containers = fraud_pipeline_containers(account, bucket, version, region)
            description = _FRAUD_DESCRIPTIONS[version]
            metadata["pipeline_stages"] = str(len(containers))
        else:
            containers = [
                {
                    "Image": ecr_image(account, "fraud-inference", "xgboost-1.7-1", region),
                    "ModelDataUrl": f"s3://{bucket}/{prefix}/model.tar.gz",
                    "Environment": _script_env(bucket, prefix, "inference.py", region),
                }
            ]
            description = f"Single-container XGBoost fraud scorer, build {version}"
        objects = {c["ModelDataUrl"].split(f"{bucket}/", 1)[1]: _MODEL_BYTES for c in containers}
        spec = _csv_spec(containers)
        if version == FRAUD_TWO_STAGE_VERSION:  # two light containers fit the smaller instance
            spec["SupportedRealtimeInferenceInstanceTypes"] = ["ml.m5.large"]
        request: dict[str, Any] = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": description,
            "InferenceSpecification": spec,
            "CustomerMetadataProperties": metadata,
        }
        if version in _FRAUD_METRICS:
            key = f"{prefix}/evaluation/metrics.json"
            objects[key] = binary_metrics(*_FRAUD_METRICS[version])
            request["ModelMetrics"] = _quality(bucket, key)
        status = statuses[(version - 1) % len(statuses)]
        comment = {
            "Approved": "Approved: precision@1% FPR within target",
            "Rejected": "Rejected: chargeback recall below baseline",
        }.get(status)
        group.versions.append(VersionSpec(request, status, comment, objects))
    return group


def demand_group(account: str, bucket: str, total: int = 4, region: str = REGION) -> GroupSpec:
    group = GroupSpec(
        "demand-forecast",
        "Weekly SKU demand forecast (DeepAR) for replenishment planning",
        _tags("supply-chain-ds", "cc-3302"),
    )
    statuses = ["Approved", "Rejected", "Approved", "PendingManualApproval"]
    for version in range(1, total + 1):
        prefix = f"demand-forecast/v{version}"
        request = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": f"DeepAR, 52-week context, horizon 8 (run {version})",
            "InferenceSpecification": {
                "Containers": [
                    {
                        "Image": ecr_image(account, "demand-forecast", "deepar-2.0", region),
                        "ModelDataUrl": f"s3://{bucket}/{prefix}/model.tar.gz",
                    }
                ],
                "SupportedContentTypes": ["application/jsonlines"],
                "SupportedResponseMIMETypes": ["application/jsonlines"],
            },
        }
        status = statuses[version - 1]
        comment = "Approved: wMAPE 0.118 on holdout" if status == "Approved" else None
        objects = {f"{prefix}/model.tar.gz": _MODEL_BYTES}
        group.versions.append(VersionSpec(request, status, comment, objects))
    return group


def training_group(account: str, bucket: str, total: int = 3, region: str = REGION) -> GroupSpec:
    group = GroupSpec(
        "training-experiments",
        "Candidate models from the training account, shared for review",
        _tags("ml-platform", "cc-9001", environment="training"),
    )
    for version in range(1, total + 1):
        job = f"churn-xgb-exp-{version:03d}"
        key = f"training-output/{job}/output/model.tar.gz"
        request = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": f"Experiment {job}: deeper trees, lr 0.05",
            "InferenceSpecification": _csv_spec(
                [
                    {
                        "Image": ecr_image(account, "churn-training", "train-1.7-1", region),
                        "ModelDataUrl": f"s3://{bucket}/{key}",
                    }
                ]
            ),
            "CustomerMetadataProperties": {"training_job": job, "tracking_run": f"run-{version * 7919:05d}"},
        }
        group.versions.append(
            VersionSpec(request, "PendingManualApproval", None, {key: _MODEL_BYTES})
        )
    return group


def sharing_policy(owner: str, group: str, reader: str, region: str = REGION) -> str:
    """The group policy AWS documents for sharing a group with another account."""
    prefix = f"arn:aws:sagemaker:{region}:{owner}"
    principal = {"AWS": f"arn:aws:iam::{reader}:root"}
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ShareGroup",
                "Effect": "Allow",
                "Principal": principal,
                "Action": ["sagemaker:DescribeModelPackageGroup"],
                "Resource": f"{prefix}:model-package-group/{group}",
            },
            {
                "Sid": "ShareVersions",
                "Effect": "Allow",
                "Principal": principal,
                "Action": ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"],
                "Resource": f"{prefix}:model-package/{group}/*",
            },
        ],
    }
    return json.dumps(document, indent=2)


def image_manifest(repository: str, tag: str) -> str:
    """A small Docker v2 manifest; its content differs per image so digests do too."""
    seed = sum(map(ord, f"{repository}:{tag}"))
    return json.dumps(
        {
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {
                "mediaType": "application/vnd.docker.container.image.v1+json",
                "size": 7023 + seed % 97,
                "digest": f"sha256:{seed:064x}",
            },
            "layers": [
                {
                    "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                    "size": 32654 + seed,
                    "digest": f"sha256:{seed * 7919:064x}",
                }
            ],
        }
    )


def image_digest(repository: str, tag: str) -> str:
    """The digest the sandbox's registry gives the image ``image_manifest`` describes (moto
    hashes the manifest's layer digests)."""
    layers = json.loads(image_manifest(repository, tag))["layers"]
    return "sha256:" + hashlib.sha256("".join(layer["digest"] for layer in layers).encode()).hexdigest()
