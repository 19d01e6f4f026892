"""Endpoints in the sandbox's main account, so "Deployed to" has something to show.

Models reference registry versions the ways real ones do: by versioned ARN, by "group/version"
name, and an inference pipeline model whose three containers each name the fraud pipeline
version; churn's Staging version runs as a shadow variant of the production endpoint (the
sandbox teaches moto to keep shadow variants). moto keeps each container's ModelPackageName as
sent; it reports every endpoint InService. Twelve calls in all: seeding stays quick.
"""

from __future__ import annotations

from typing import Any

from .history import CHURN, CHURN_PRODUCTION, CHURN_STAGING, version_arn
from .session import MAIN_ACCOUNT_ID, main_client

FRAUD = "fraud-detection"
FRAUD_PIPELINE = 6  # catalog.FRAUD_PIPELINE_VERSION: three containers
FRAUD_CURRENT = 4  # the approved single-container scorer in production
EXECUTION_ROLE = f"arn:aws:iam::{MAIN_ACCOUNT_ID}:role/SageMakerExecution"
PIPELINE_HOSTS = ("preprocess", "xgboost", "postprocess")

# endpoint -> [(variant, model, traffic weight)]
ENDPOINTS: dict[str, list[tuple[str, str, float]]] = {
    "churn-scoring-prod": [("AllTraffic", "churn-v40", 1.0)],
    "churn-scoring-staging": [("AllTraffic", "churn-v44", 1.0)],
    "fraud-scoring-staging": [("AllTraffic", "fraud-pipeline-v6", 1.0)],
    "fraud-scoring-prod": [("Current", "fraud-v4", 0.9), ("Candidate", "fraud-pipeline-v6", 0.1)],
}
# endpoint -> [(shadow variant, model)]: churn's Staging version sees a copy of production's traffic
SHADOWS: dict[str, list[tuple[str, str]]] = {"churn-scoring-prod": [("Shadow", "churn-v44")]}


def _models(region: str) -> dict[str, dict[str, Any]]:
    pipeline = version_arn(FRAUD, FRAUD_PIPELINE, region)
    return {
        "churn-v40": {"PrimaryContainer": {"ModelPackageName": version_arn(CHURN, CHURN_PRODUCTION, region)}},
        # a name, not an ARN: SageMaker resolves it in the model's account and region
        "churn-v44": {"PrimaryContainer": {"ModelPackageName": f"{CHURN}/{CHURN_STAGING}"}},
        "fraud-v4": {"PrimaryContainer": {"ModelPackageName": version_arn(FRAUD, FRAUD_CURRENT, region)}},
        "fraud-pipeline-v6": {"Containers": [
            {"ContainerHostname": host, "ModelPackageName": pipeline} for host in PIPELINE_HOSTS]},
    }


def seed_endpoints(endpoint_url: str, region: str) -> list[str]:
    """Create the models, configs and endpoints; the endpoints' names."""
    sagemaker = main_client(endpoint_url, "sagemaker", region)
    for name, definition in _models(region).items():
        sagemaker.create_model(ModelName=name, ExecutionRoleArn=EXECUTION_ROLE,
                               Tags=[{"Key": "team", "Value": "ml-platform"}], **definition)
    for endpoint, variants in ENDPOINTS.items():
        shadows = [{"VariantName": variant, "ModelName": model, "InstanceType": "ml.m5.large",
                    "InitialInstanceCount": 1} for variant, model in SHADOWS.get(endpoint, [])]
        sagemaker.create_endpoint_config(EndpointConfigName=f"{endpoint}-config", ProductionVariants=[
            {"VariantName": variant, "ModelName": model, "InstanceType": "ml.m5.large",
             "InitialInstanceCount": 1, "InitialVariantWeight": weight}
            for variant, model, weight in variants], **({"ShadowProductionVariants": shadows} if shadows else {}))
        sagemaker.create_endpoint(EndpointName=endpoint, EndpointConfigName=f"{endpoint}-config")
    return list(ENDPOINTS)
