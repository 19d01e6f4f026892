"""What a person registers, as plain data: the spec the wizard edits and a saved file holds.

Every request field of create_model_package has a place here, or a reason in
`registration_request` (its table of all 25 fields) for being left out or carried in `extra`.
Empty strings and empty tuples mean "not sent".
"""

from __future__ import annotations

from dataclasses import dataclass

PENDING = "PendingManualApproval"
METRICS_CONTENT_TYPE = "application/json"

Pairs = tuple[tuple[str, str], ...]

# S3ModelDataSource.S3DataType and CompressionType (botocore's enums).
S3_PREFIX, S3_OBJECT = "S3Prefix", "S3Object"
NO_COMPRESSION, GZIP = "None", "Gzip"


@dataclass(frozen=True)
class ModelDataSourceSpec:
    """ModelDataSource.S3DataSource: uncompressed artifacts under a prefix, or one object."""

    s3_uri: str = ""
    s3_data_type: str = S3_PREFIX
    compression_type: str = NO_COMPRESSION
    accept_eula: bool | None = None  # ModelAccessConfig.AcceptEula; None leaves it out
    extra: str = ""  # JSON object of S3DataSource members the wizard does not edit, sent as they are


@dataclass(frozen=True)
class ContainerSpec:
    image: str = ""
    model_data_url: str = ""  # a .tar.gz object; exclusive with model_data_source
    environment: Pairs = ()  # in the order typed; duplicates are kept so they can be flagged
    hostname: str = ""
    framework: str = ""
    framework_version: str = ""
    # New fields go last: specs are built positionally in places.
    model_data_source: ModelDataSourceSpec | None = None
    image_digest: str = ""  # sha256:…, when the ECR picker knows it
    extra: str = ""  # JSON object of container members the wizard does not edit, sent as they are


@dataclass(frozen=True)
class MetricSpec:
    """One metrics or baseline file. `kind` is "Group.Member" of ModelMetrics (for metrics) or of
    DriftCheckBaselines (for drift baselines), for example "Bias.PreTrainingReport"."""

    kind: str
    s3_uri: str
    content_type: str = METRICS_CONTENT_TYPE
    content_digest: str = ""  # sha256:…, optional


@dataclass(frozen=True)
class InferenceSpec:
    """One AdditionalInferenceSpecifications entry: a named alternative to the main one."""

    name: str = ""
    description: str = ""
    containers: tuple[ContainerSpec, ...] = (ContainerSpec(),)
    content_types: tuple[str, ...] = ()
    response_types: tuple[str, ...] = ()
    realtime_instance_types: tuple[str, ...] = ()
    transform_instance_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceMetadata:
    """MetadataProperties: where the model came from."""

    commit_id: str = ""
    repository: str = ""
    generated_by: str = ""
    project_id: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.commit_id or self.repository or self.generated_by or self.project_id)


@dataclass(frozen=True)
class LifeCycleSpec:
    stage: str = ""
    stage_status: str = ""
    stage_description: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.stage or self.stage_status or self.stage_description)


@dataclass(frozen=True)
class RegistrationSpec:
    group: str = ""  # a group name, or a group ARN (possibly in another account)
    containers: tuple[ContainerSpec, ...] = (ContainerSpec(),)
    content_types: tuple[str, ...] = ()
    response_types: tuple[str, ...] = ()
    realtime_instance_types: tuple[str, ...] = ()
    transform_instance_types: tuple[str, ...] = ()
    description: str = ""
    approval_status: str = PENDING
    customer_metadata: Pairs = ()
    metrics: tuple[MetricSpec, ...] = ()  # ModelMetrics, every kind
    sample_payload_url: str = ""
    domain: str = ""
    task: str = ""
    # -- the advanced fields
    kms_key_id: str = ""  # SecurityConfig.KmsKeyId
    source_uri: str = ""
    source_metadata: SourceMetadata = SourceMetadata()  # MetadataProperties
    drift_baselines: tuple[MetricSpec, ...] = ()  # DriftCheckBaselines
    skip_model_validation: str = ""  # "", "All" or "None"
    additional_specs: tuple[InferenceSpec, ...] = ()  # AdditionalInferenceSpecifications
    model_card_content: str = ""  # ModelCard.ModelCardContent: JSON text
    model_card_status: str = ""  # ModelCard.ModelCardStatus
    life_cycle: LifeCycleSpec = LifeCycleSpec()  # ModelLifeCycle
    tags: Pairs = ()  # Tags of the new version
    extra: str = ""  # JSON object of request fields the wizard does not edit, sent as they are

    @property
    def is_pipeline(self) -> bool:
        return len(self.containers) > 1


__all__ = [
    "GZIP",
    "METRICS_CONTENT_TYPE",
    "NO_COMPRESSION",
    "PENDING",
    "S3_OBJECT",
    "S3_PREFIX",
    "ContainerSpec",
    "InferenceSpec",
    "LifeCycleSpec",
    "MetricSpec",
    "ModelDataSourceSpec",
    "Pairs",
    "RegistrationSpec",
    "SourceMetadata",
]
