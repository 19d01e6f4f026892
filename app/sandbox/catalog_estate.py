"""The rest of the sandbox's estate: the registry account's second region, the training
account's, and a second business unit's account in both regions.

Pure data, as ``catalog``. Each version here has an age of its own, so what waits for
review has waited minutes, hours, days or weeks, as in a registry people actually use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .catalog import GroupSpec, VersionSpec, _csv_spec, _tags, ecr_image

_MODEL_BYTES = b"\x1f\x8b\x08\x00sandbox-model-archive\x00"

APPROVED = "Approved"
REJECTED = "Rejected"
PENDING = "PendingManualApproval"


@dataclass(frozen=True)
class Release:
    """One version of a group: its decision, how long ago it came, and the reviewer's words."""

    status: str
    age: timedelta
    comment: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


def _weeks(n: float) -> timedelta:
    return timedelta(weeks=n)


@dataclass(frozen=True)
class Model:
    """What the versions of one group run: an image of the account's repository, and how they
    are described."""

    repository: str
    tag: str
    description: str  # per version; {n} is the version number
    framework: str = ""


def _group(name: str, description: str, tags: list[dict[str, str]], model: Model, releases: list[Release],
           account: str, bucket: str, region: str, **metadata: str) -> GroupSpec:
    group = GroupSpec(name, description, tags)
    for number, release in enumerate(releases, start=1):
        key = f"{name}/v{number}/model.tar.gz"
        container: dict[str, Any] = {
            "Image": ecr_image(account, model.repository, model.tag, region),
            "ModelDataUrl": f"s3://{bucket}/{key}",
        }
        if model.framework:
            container["Framework"] = model.framework
        request: dict[str, Any] = {
            "ModelPackageGroupName": name,
            "ModelPackageDescription": model.description.format(n=number),
            "InferenceSpecification": _csv_spec([container]),
            "CustomerMetadataProperties": {
                "git_commit": f"{(number * 40503 + len(name) * 2654435761) % 16**7:07x}",
                **metadata,
                **dict(release.metadata),
            },
        }
        group.versions.append(VersionSpec(request, release.status, release.comment, {key: _MODEL_BYTES},
                                          age=release.age))
    return group


# The registry account in eu-west-1 ----------------------------------------------------------------

MAIN_EU_IMAGES = {"churn-xgboost": ["1.7-1"], "customer-ltv": ["lightgbm-4.1"]}


def churn_eu_group(account: str, bucket: str, region: str) -> GroupSpec:
    """The EU's own churn model: same name as in us-east-1, its own versions and data."""
    releases = [
        Release(APPROVED, _weeks(8), "Approved for the EU launch; AUC 0.88"),
        Release(REJECTED, _weeks(7), "Recall on the DACH cohort below 0.75"),
        Release(APPROVED, _weeks(6), "Approved after the GDPR feature review"),
        Release(REJECTED, _weeks(5), "Drift in payment_method after the SEPA change"),
        Release(APPROVED, _weeks(4), "Meets latency SLO in eu-west-1 (p99 44 ms)"),
        Release(PENDING, _weeks(3)),  # superseded before anyone looked at it
        Release(PENDING, timedelta(days=2, hours=3)),
        Release(PENDING, timedelta(minutes=40), metadata=(("ticket", "GROW-2291"),)),
    ]
    return _group(
        "churn-prediction",
        "Customer churn classifier (XGBoost) for EU subscribers, trained and served in eu-west-1",
        _tags("growth-ml", "cc-4471", domain="retention", residency="eu"),
        Model("churn-xgboost", "1.7-1", "XGBoost churn model (EU data), weekly retrain #{n}", "XGBOOST"),
        releases, account, bucket, region, dataset_version="eu-2024-11", data_residency="eu-west-1",
    )


def ltv_group(account: str, bucket: str, region: str) -> GroupSpec:
    releases = [
        Release(APPROVED, _weeks(9), "Approved: MAPE 0.21 on the 2023 cohort"),
        Release(REJECTED, _weeks(5), "Overestimates value of annual plans by 30%"),
        Release(PENDING, timedelta(days=16)),
    ]
    return _group(
        "customer-lifetime-value",
        "12-month customer lifetime value regression (LightGBM) for EU marketing",
        _tags("growth-ml", "cc-4480", domain="marketing"),
        Model("customer-ltv", "lightgbm-4.1", "LightGBM lifetime value regressor, run {n}"),
        releases, account, bucket, region, owner="growth-ml",
    )


# The training account in eu-west-1 ---------------------------------------------------------------

TRAINING_EU_IMAGES = {"churn-training": ["train-1.7-1"]}


def training_eu_group(account: str, bucket: str, region: str) -> GroupSpec:
    releases = [
        Release(PENDING, timedelta(days=4, hours=2), metadata=(("experiment", "eu-deeper-trees"),)),
        Release(PENDING, timedelta(hours=7), metadata=(("experiment", "eu-monotone-tenure"),)),
    ]
    return _group(
        "training-experiments",
        "Candidate models trained on EU data, for review before the EU registry takes them",
        _tags("ml-platform", "cc-9001", environment="training"),
        Model("churn-training", "train-1.7-1", "EU experiment {n}: churn on EU-only features"),
        releases, account, bucket, region,
    )


# The business unit's account ----------------------------------------------------------------------

BUSINESS_UNIT_IMAGES = {"credit-risk": ["lightgbm-4.1"], "pricing": ["catboost-1.2"]}
BUSINESS_UNIT_EU_IMAGES = {"credit-risk": ["lightgbm-4.1"]}

_CREDIT_MODEL = Model("credit-risk", "lightgbm-4.1", "LightGBM probability of default, challenger {n}")


def credit_risk_group(account: str, bucket: str, region: str) -> GroupSpec:
    releases = [
        Release(APPROVED, _weeks(10), "Approved by the model risk committee (MRC-2024-11)"),
        Release(REJECTED, _weeks(9), "Gini below the champion's on the Q3 holdout"),
        Release(APPROVED, _weeks(8), "Approved by the model risk committee (MRC-2024-17)"),
        Release(REJECTED, _weeks(6), "Adverse impact ratio 0.76 for ages 60+, below 0.8"),
        Release(PENDING, _weeks(3)),  # waiting for the committee since before the last one came
        Release(PENDING, timedelta(days=2), metadata=(("risk_tier", "tier-2"),)),
        Release(PENDING, timedelta(minutes=8), metadata=(("risk_tier", "tier-1"),)),
    ]
    return _group(
        "credit-risk-scoring",
        "Probability of default for consumer loans (LightGBM), lending business unit",
        _tags("lending-analytics", "cc-5120", compliance="model-risk"),
        _CREDIT_MODEL, releases, account, bucket, region, portfolio="us-consumer-loans",
    )


def pricing_group(account: str, bucket: str, region: str) -> GroupSpec:
    releases = [
        Release(APPROVED, _weeks(7), "Approved: holdout revenue lift +2.4%"),
        Release(APPROVED, _weeks(4), "Approved for the spring catalogue"),
        Release(REJECTED, _weeks(3), "Elasticity sign flipped for 4 product families"),
        Release(PENDING, timedelta(days=6)),
        Release(PENDING, timedelta(hours=5), metadata=(("ticket", "PRICE-118"),)),
    ]
    return _group(
        "pricing-elasticity",
        "Price elasticity per product family (CatBoost) for the pricing desk",
        _tags("pricing-science", "cc-5310", domain="pricing"),
        Model("pricing", "catboost-1.2", "CatBoost elasticity model, run {n}"),
        releases, account, bucket, region, owner="pricing-science",
    )


def credit_risk_eu_group(account: str, bucket: str, region: str) -> GroupSpec:
    releases = [
        Release(APPROVED, _weeks(6), "Approved under the EBA loan origination guidelines"),
        Release(REJECTED, _weeks(3), "Missing the Irish mortgage segment"),
        Release(APPROVED, timedelta(days=10), "Approved by the EU model risk committee"),
        Release(PENDING, timedelta(hours=14), metadata=(("risk_tier", "tier-1"),)),
    ]
    return _group(
        "credit-risk-scoring",
        "Probability of default for EU consumer loans (LightGBM), trained and served in eu-west-1",
        _tags("lending-analytics", "cc-5120", compliance="model-risk", residency="eu"),
        _CREDIT_MODEL, releases, account, bucket, region, portfolio="eu-consumer-loans",
    )
