"""A large language model's group: uncompressed weights under an S3 prefix, every kind of
metrics, drift baselines, source metadata and an encryption key.

The versions use the request fields the other groups leave out, so every page of the register
wizard and every part of "New version from" has something real to show in the sandbox.
"""

from __future__ import annotations

import json

from .catalog import REGION, GroupSpec, VersionSpec, _tags, ecr_image

ASSISTANT_GROUP = "support-assistant"
ASSISTANT_REPOSITORY = "support-assistant"
ASSISTANT_IMAGE_TAG = "tgi-2.4"

# The files of one checkpoint, as a Hugging Face export writes them (small stand-ins).
_WEIGHT_FILES = {
    "config.json": json.dumps({"model_type": "mistral", "hidden_size": 4096}).encode(),
    "generation_config.json": json.dumps({"max_new_tokens": 512}).encode(),
    "model-00001-of-00003.safetensors": b"\x00" * 4096,
    "model-00002-of-00003.safetensors": b"\x00" * 4096,
    "model-00003-of-00003.safetensors": b"\x00" * 2048,
    "model.safetensors.index.json": json.dumps({"weight_map": {}}).encode(),
    "tokenizer.json": json.dumps({"version": "1.0"}).encode(),
    "tokenizer_config.json": json.dumps({"model_max_length": 32768}).encode(),
}

# ModelMetrics: every group and member botocore knows, and the file each points at.
_METRIC_FILES = {
    ("ModelQuality", "Statistics"): "evaluation/model-quality-statistics.json",
    ("ModelQuality", "Constraints"): "evaluation/model-quality-constraints.json",
    ("ModelDataQuality", "Statistics"): "evaluation/data-quality-statistics.json",
    ("ModelDataQuality", "Constraints"): "evaluation/data-quality-constraints.json",
    ("Bias", "Report"): "clarify/bias-report.json",
    ("Bias", "PreTrainingReport"): "clarify/bias-pre-training.json",
    ("Bias", "PostTrainingReport"): "clarify/bias-post-training.json",
    ("Explainability", "Report"): "clarify/explainability-report.json",
}
_BASELINE_FILES = {
    ("ModelQuality", "Statistics"): "baselines/model-quality-statistics.json",
    ("ModelQuality", "Constraints"): "baselines/model-quality-constraints.json",
    ("ModelDataQuality", "Statistics"): "baselines/data-quality-statistics.json",
    ("ModelDataQuality", "Constraints"): "baselines/data-quality-constraints.json",
    ("Bias", "ConfigFile"): "baselines/bias-config.json",
    ("Explainability", "ConfigFile"): "baselines/explainability-config.json",
}


def _report(kind: str, version: int) -> bytes:
    """A small report of the kind's shape; model quality carries the numbers a reviewer reads."""
    def metric(value: float, spread: float) -> dict[str, float]:
        return {"value": round(value, 4), "standard_deviation": spread}

    if kind == "ModelQuality.Statistics":
        body: dict[str, object] = {"text_generation_metrics": {
            "rouge_l": metric(0.38 + version * 0.02, 0.011),
            "bleu": metric(0.21 + version * 0.015, 0.009),
            "toxicity_rate": metric(0.004 - version * 0.001, 0.0007),
            "latency_p95_ms": metric(910 - version * 40, 35.0),
        }}
    else:
        body = {"report": kind, "checkpoint": version * 1000}
    return json.dumps(body, indent=2).encode()


def _sources(bucket: str, prefix: str, files: dict[tuple[str, str], str], version: int,
             objects: dict[str, bytes], *, content_type: bool) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for (group, member), name in files.items():
        key = f"{prefix}/{name}"
        objects[key] = _report(f"{group}.{member}", version)
        source = {"S3Uri": f"s3://{bucket}/{key}"}
        if content_type:
            source = {"ContentType": "application/json", **source}
        out.setdefault(group, {})[member] = source
    return out


def assistant_group(account: str, bucket: str, kms_key_arn: str, total: int = 3,
                    region: str = REGION) -> GroupSpec:
    """Three checkpoints of a support assistant: the first with weights only, the second with
    every metrics kind, the third also encrypted with the account's key (waiting for review)."""
    group = GroupSpec(
        ASSISTANT_GROUP,
        "Customer-support assistant (fine-tuned 7B), served with TGI from uncompressed weights",
        _tags("applied-llm", "cc-5120", data="customer-tickets"),
    )
    statuses = ["Approved", "Rejected", "PendingManualApproval"]
    for version in range(1, total + 1):
        prefix = f"support-assistant/checkpoint-{version * 1000}"
        objects = {f"{prefix}/weights/{name}": body for name, body in _WEIGHT_FILES.items()}
        container = {
            "Image": ecr_image(account, ASSISTANT_REPOSITORY, ASSISTANT_IMAGE_TAG, region),
            "ModelDataSource": {"S3DataSource": {
                "S3Uri": f"s3://{bucket}/{prefix}/weights/",
                "S3DataType": "S3Prefix",
                "CompressionType": "None",
            }},
            "Environment": {"HF_MODEL_ID": "/opt/ml/model", "SM_NUM_GPUS": "1",
                            "MAX_INPUT_TOKENS": "4096", "MAX_TOTAL_TOKENS": "8192"},
        }
        request: dict[str, object] = {
            "ModelPackageGroupName": group.name,
            "ModelPackageDescription": f"Checkpoint {version * 1000}: LoRA merged, 3 epochs on tickets",
            "InferenceSpecification": {
                "Containers": [container],
                "SupportedContentTypes": ["application/json"],
                "SupportedResponseMIMETypes": ["application/json"],
                "SupportedRealtimeInferenceInstanceTypes": ["ml.g5.2xlarge", "ml.g5.12xlarge"],
            },
            "Domain": "NATURAL_LANGUAGE_PROCESSING",
            "Task": "TEXT_GENERATION",
            "SourceUri": f"s3://{bucket}/{prefix}/",
            "MetadataProperties": {
                "CommitId": f"{0x5eed0000 + version * 0x1f3a:08x}c0ffee",
                "Repository": "https://git.example.com/applied-llm/support-assistant",
                "GeneratedBy": f"fine-tune-job-{version:03d}",
                "ProjectId": "support-assistant",
            },
            "CustomerMetadataProperties": {"base-model": "mistral-7b", "epochs": "3"},
        }
        if version >= 2:
            request["ModelMetrics"] = _sources(bucket, prefix, _METRIC_FILES, version, objects,
                                               content_type=True)
            request["DriftCheckBaselines"] = _sources(bucket, prefix, _BASELINE_FILES, version,
                                                      objects, content_type=True)
        if version >= 3:
            request["SecurityConfig"] = {"KmsKeyId": kms_key_arn}
        status = statuses[(version - 1) % len(statuses)]
        comment = {
            "Approved": "Approved: ROUGE-L 0.42, no toxic completions in red-team set",
            "Rejected": "Rejected: hallucinated refund policy in 3 of 200 transcripts",
        }.get(status)
        group.versions.append(VersionSpec(request, status, comment, objects))
    return group


__all__ = ["ASSISTANT_GROUP", "ASSISTANT_IMAGE_TAG", "ASSISTANT_REPOSITORY", "assistant_group"]
