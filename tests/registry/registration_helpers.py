"""A registration spec with every field of CreateModelPackage set, for the round-trip tests."""

from __future__ import annotations

import json

from app.registry.versions.spec import (
    GZIP,
    S3_OBJECT,
    S3_PREFIX,
    ContainerSpec,
    InferenceSpec,
    LifeCycleSpec,
    MetricSpec,
    ModelDataSourceSpec,
    RegistrationSpec,
    SourceMetadata,
)

from .conftest import MAIN_ACCOUNT

ECR = f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"
DIGEST = "sha256:" + "3f" * 32
CARD = {
    "model_overview": {"model_description": "Answers support questions from the help centre"},
    "intended_uses": {"purpose_of_model": "Drafting replies for agents", "risk_rating": "Low"},
}
METRICS = tuple(
    MetricSpec(kind, f"s3://models/llm/v2/metrics/{kind.lower()}.json",
               content_digest=DIGEST if kind == "ModelQuality.Statistics" else "")
    for kind in ("ModelQuality.Statistics", "ModelQuality.Constraints", "ModelDataQuality.Statistics",
                 "ModelDataQuality.Constraints", "Bias.Report", "Bias.PreTrainingReport",
                 "Bias.PostTrainingReport", "Explainability.Report")
)
DRIFT = tuple(
    # The config files are FileSources: their content type is optional, and left out here.
    MetricSpec(kind, f"s3://models/llm/v2/drift/{kind.lower()}.json",
               "" if kind.endswith("ConfigFile") else "application/json")
    for kind in ("Bias.ConfigFile", "Bias.PreTrainingConstraints", "Bias.PostTrainingConstraints",
                 "Explainability.Constraints", "Explainability.ConfigFile", "ModelQuality.Statistics",
                 "ModelQuality.Constraints", "ModelDataQuality.Statistics", "ModelDataQuality.Constraints")
)


def full_spec(group: str = "llm") -> RegistrationSpec:
    """Every field set: a prefix, an object and a URL for model data, every metrics and drift
    kind, KMS, source, card, lifecycle, tags and members sent as typed."""
    return RegistrationSpec(
        group=group,
        containers=(
            ContainerSpec(
                f"{ECR}/llm-serving:2", "", (("OPTION_MAX_MODEL_LEN", "4096"),), "model", "PYTORCH", "2.1",
                model_data_source=ModelDataSourceSpec(
                    "s3://models/llm/v2/weights/", S3_PREFIX, "None", accept_eula=True,
                    extra=json.dumps({"ManifestS3Uri": "s3://models/llm/v2/manifest.json"})),
                image_digest=DIGEST,
                extra=json.dumps({
                    "NearestModelName": "llama-2-7b",
                    "ModelInput": {"DataInputConfig": '{"input_ids": [1, 512]}'},
                    "AdditionalModelDataSources": [{"ChannelName": "draft-model", "S3DataSource": {
                        "S3Uri": "s3://models/llm/draft/", "S3DataType": S3_PREFIX, "CompressionType": "None"}}],
                }),
            ),
            ContainerSpec(f"{ECR}/tokenizer:1", "", (), "tokenizer",
                          model_data_source=ModelDataSourceSpec("s3://models/llm/v2/tokenizer.tar.gz",
                                                                S3_OBJECT, GZIP)),
            ContainerSpec(f"{ECR}/post:1", "s3://models/llm/v2/post.tar.gz", (), "post"),
        ),
        content_types=("application/json",),
        response_types=("application/json",),
        realtime_instance_types=("ml.g5.2xlarge",),
        transform_instance_types=("ml.g5.2xlarge",),
        description="support assistant, fine-tuned on the March tickets",
        customer_metadata=(("team", "support"),),
        metrics=METRICS,
        sample_payload_url="s3://models/llm/v2/payload.tar.gz",
        domain="NATURAL_LANGUAGE_PROCESSING",
        task="TEXT_GENERATION",
        kms_key_id=f"arn:aws:kms:us-east-1:{MAIN_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        source_uri="arn:aws:sagemaker:us-east-1:123456789012:training-job/llm-v2",
        source_metadata=SourceMetadata("9fceb02", "https://git.example.com/support/llm.git",
                                       "arn:aws:sagemaker:us-east-1:123456789012:pipeline/llm", "p-abc123"),
        drift_baselines=DRIFT,
        skip_model_validation="All",
        additional_specs=(
            InferenceSpec("cpu", "a smaller build for CPUs",
                          (ContainerSpec(f"{ECR}/llm-cpu:2", model_data_source=ModelDataSourceSpec(
                              "s3://models/llm/v2/cpu/", S3_PREFIX, "None")),),
                          ("application/json",), ("application/json",), ("ml.c5.xlarge",), ("ml.c5.xlarge",)),
            InferenceSpec("batch", "", (ContainerSpec(f"{ECR}/llm-batch:2", "s3://models/llm/v2/batch.tar.gz"),),
                          transform_instance_types=("ml.m5.large",)),
        ),
        model_card_content=json.dumps(CARD),
        model_card_status="Draft",
        life_cycle=LifeCycleSpec("Development", "InProgress", "first evaluation round"),
        tags=(("cost-center", "cc-4471"), ("owner", "support-ml")),
        extra=json.dumps({"ModelPackageRegistrationType": "Logged", "CertifyForMarketplace": True}),
    )
