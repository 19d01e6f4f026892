"""A registry's life after registration: lifecycle stages, model cards in every status,
metadata edits, by two people over the API, so CloudTrail and LastModifiedBy have a story.

Runs after ``seed`` registered the versions; every change goes through boto3 with an IAM
user's own keys, as it would on AWS, so the sandbox records each one as an event.
"""

from __future__ import annotations

import json
from typing import Any

from .session import MAIN_ACCOUNT_ID, sandbox_client

REVIEWER = "priya.shah"  # owns approvals and stages
ENGINEER = "marco.ruiz"  # writes cards and metadata

CHURN = "churn-prediction"
# churn-prediction versions (of 45) and their place in the lifecycle.
CHURN_PRODUCTION = 40  # the newest approved version
CHURN_ARCHIVED = (32, 36)
CHURN_STAGING = 44
CHURN_DEVELOPMENT = (43, 45)


def version_arn(group: str, version: int, region: str) -> str:
    return f"arn:aws:sagemaker:{region}:{MAIN_ACCOUNT_ID}:model-package/{group}/{version}"


def churn_card(version: int, auc: str) -> str:
    """A model card as the SageMaker model card schema lays it out."""
    return json.dumps(
        {
            "model_overview": {
                "model_description": f"Weekly XGBoost retrain #{version} of the churn classifier",
                "model_creator": "Growth ML",
                "problem_type": "Binary Classification",
                "algorithm_type": "XGBoost",
                "model_owner": "growth-ml@example.com",
            },
            "intended_uses": {
                "purpose_of_model": "Rank subscribers by 30-day churn risk for retention offers",
                "intended_uses": "Batch scoring of active subscribers every Monday",
                "factors_affecting_model_efficiency": "Seasonal promotions shift usage patterns",
                "risk_rating": "Low",
                "explanations_for_risk_rating": "Offers only; no account is closed by the model",
            },
            "business_details": {
                "business_problem": "Reduce monthly churn of paying subscribers",
                "business_stakeholders": "Subscriptions team, CRM",
                "line_of_business": "Consumer subscriptions",
            },
            "training_details": {
                "objective_function": {
                    "function": {"function": "Minimize", "facet": "Loss", "condition": "logloss"}
                },
                "training_observations": "Trained on 90 days of usage, 2.1M subscribers",
            },
            "evaluation_details": [
                {
                    "name": "holdout-2024",
                    "evaluation_observation": "Stable across regions",
                    "metric_groups": [
                        {
                            "name": "binary classification",
                            "metric_data": [{"name": "auc", "type": "number", "value": float(auc)}],
                        }
                    ],
                }
            ],
            "additional_information": {
                "ethical_considerations": "Age and region are not features",
                "caveats_and_recommendations": "Retrain after any pricing change",
            },
        }
    )


FRAUD = "fraud-detection"
FRAUD_TWO_STAGE, FRAUD_PIPELINE = 5, 6  # catalog.FRAUD_TWO_STAGE_VERSION, FRAUD_PIPELINE_VERSION


def fraud_card(version: int, algorithm: str, risk: str, observations: str) -> str:
    """The fraud pipelines' cards: the same sections, what changed between them filled in."""
    return json.dumps(
        {
            "model_overview": {
                "model_description": f"Card-not-present fraud scoring pipeline, build {version}",
                "model_creator": "Payments Risk",
                "problem_type": "Binary Classification",
                "algorithm_type": algorithm,
                "model_owner": "payments-risk@example.com",
            },
            "intended_uses": {
                "purpose_of_model": "Score card-not-present payments before authorisation",
                "risk_rating": risk,
                "explanations_for_risk_rating": "Declines payments in real time",
            },
            "training_details": {"training_observations": observations},
        }
    )


def _user_client(endpoint_url: str, region: str, name: str) -> Any:
    iam = sandbox_client(endpoint_url, "iam", region)
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    keys = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    return sandbox_client(endpoint_url, "sagemaker", region, keys)


def _stage(stage: str, status: str, description: str | None = None) -> dict[str, str]:
    life = {"Stage": stage, "StageStatus": status}
    if description:
        life["StageDescription"] = description
    return life


def _steps(region: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(who, version ARN, UpdateModelPackage fields), in the order they happened."""

    def churn(version: int) -> str:
        return version_arn(CHURN, version, region)

    production = churn(CHURN_PRODUCTION)
    steps: list[tuple[str, str, dict[str, Any]]] = []
    for old in CHURN_ARCHIVED:
        steps.append((ENGINEER, churn(old), {"ModelCard": {
            "ModelCardContent": churn_card(old, "0.90"), "ModelCardStatus": "Approved"}}))
        steps.append((REVIEWER, churn(old), {"ModelLifeCycle": _stage(
            "Archived", "Approved", f"Replaced by a newer version than v{old}"),
            "ModelCard": {"ModelCardStatus": "Archived"}}))
    steps += [
        (REVIEWER, production, {"ModelLifeCycle": _stage(
            "Staging", "InReview", "Shadow traffic against the production model")}),
        (ENGINEER, production, {"ModelCard": {
            "ModelCardContent": churn_card(CHURN_PRODUCTION, "0.906"), "ModelCardStatus": "Draft"}}),
        (ENGINEER, production, {"ModelCard": {"ModelCardStatus": "PendingReview"}}),
        (REVIEWER, production, {
            "ModelLifeCycle": _stage("Production", "Approved", "Serving all scoring jobs"),
            "ModelCard": {"ModelCardStatus": "Approved"}}),
        (ENGINEER, production, {
            "CustomerMetadataProperties": {"endpoint": "churn-scoring-prod", "owner": "growth-ml"},
            "CustomerMetadataPropertiesToRemove": ["dataset_version"],
            "SourceUri": f"s3://registry-desk-models-{MAIN_ACCOUNT_ID}/{CHURN}/v40/source.tar.gz"}),
        (ENGINEER, churn(CHURN_STAGING), {
            "ModelLifeCycle": _stage("Staging", "InProgress", "Load test on the staging endpoint"),
            "ModelCard": {"ModelCardContent": churn_card(CHURN_STAGING, "0.912"),
                          "ModelCardStatus": "Draft"}}),
        (ENGINEER, churn(CHURN_DEVELOPMENT[0]), {"ModelLifeCycle": _stage(
            "Development", "InProgress")}),
        (ENGINEER, churn(CHURN_DEVELOPMENT[1]), {
            "ModelLifeCycle": _stage("Development", "InProgress", "Feature set 2025-01"),
            "ModelCard": {"ModelCardContent": churn_card(45, "0.913"),
                          "ModelCardStatus": "PendingReview"}}),
        (ENGINEER, version_arn(FRAUD, FRAUD_TWO_STAGE, region), {
            "ModelCard": {"ModelCardContent": fraud_card(
                FRAUD_TWO_STAGE, "Logistic regression", "Medium", "Six months of authorisations, 41M payments"),
                "ModelCardStatus": "Archived"},
            "SourceUri": f"https://git.example.com/payments-risk/fraud-scoring/tree/r{FRAUD_TWO_STAGE}"}),
        (REVIEWER, version_arn(FRAUD, FRAUD_TWO_STAGE, region), {
            "ModelLifeCycle": _stage("Development", "Rejected", "Recall below the single-model baseline")}),
        (ENGINEER, version_arn(FRAUD, FRAUD_PIPELINE, region), {
            "ModelCard": {"ModelCardContent": fraud_card(
                FRAUD_PIPELINE, "XGBoost", "High", "Nine months of authorisations, 63M payments"),
                "ModelCardStatus": "PendingReview"},
            "SourceUri": f"https://git.example.com/payments-risk/fraud-scoring/tree/r{FRAUD_PIPELINE}"}),
        (REVIEWER, version_arn(FRAUD, FRAUD_PIPELINE, region), {
            "ModelLifeCycle": _stage("Staging", "PendingApproval", "Three-stage pipeline")}),
        (REVIEWER, version_arn("demand-forecast", 1, region), {
            "ModelLifeCycle": _stage("Production", "Approved")}),
    ]
    return steps


def live_a_while(endpoint_url: str, region: str) -> str:
    """Play the main account's history; the ARN of the version now in Production."""
    clients = {who: _user_client(endpoint_url, region, who) for who in (REVIEWER, ENGINEER)}
    for who, arn, fields in _steps(region):
        clients[who].update_model_package(ModelPackageArn=arn, **fields)
    return version_arn(CHURN, CHURN_PRODUCTION, region)
