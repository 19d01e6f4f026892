"""Reads the SageMaker SDK and Pipelines snippets back into a create_model_package request.

Written from the SageMaker Python SDK's source (2.257: `Model.register`, `PipelineModel.register`,
`session.get_model_package_args`, `get_create_model_package_request`, `container_def`, and the
`_to_request_dict` of its ModelMetrics, MetricsSource, FileSource, DriftCheckBaselines,
MetadataProperties, ModelLifeCycle and ContainerBaseModel), independently of the renderer: what
request would the SDK send for these arguments? The SDK itself is not installed.

The SDK sends a few fields of its own that a request may leave out, each the API's default:
Environment {} on every container, CertifyForMarketplace False, SkipModelValidation "None",
ModelApprovalStatus "PendingManualApproval", and ModelMetrics' Bias and Explainability as {} when
empty. `with_sdk_defaults` adds them to a request, for comparing.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from typing import Any

from app.registry.versions.renderings import CREATION_MARK, LATER_MARK, NOT_SET, NOT_SET_ITEM

# The parameters of the SDK's own signatures: an argument not listed here would be a TypeError.
MODEL_PARAMS = {"image_uri", "model_data", "role", "predictor_cls", "env", "name", "vpc_config",
                "sagemaker_session", "enable_network_isolation", "model_kms_key", "image_config",
                "source_dir", "code_location", "entry_point", "container_log_level", "dependencies",
                "git_config", "resources", "additional_model_data_sources", "model_reference_arn"}
PIPELINE_MODEL_PARAMS = {"models", "role", "predictor_cls", "name", "vpc_config", "sagemaker_session",
                         "enable_network_isolation"}
PIPELINE_REGISTER_PARAMS = {
    "content_types", "response_types", "inference_instances", "transform_instances", "model_package_name",
    "model_package_group_name", "image_uri", "model_metrics", "metadata_properties", "marketplace_cert",
    "approval_status", "description", "drift_check_baselines", "customer_metadata_properties", "domain",
    "sample_payload_url", "task", "framework", "framework_version", "nearest_model_name",
    "data_input_configuration", "skip_model_validation", "source_uri", "model_card",
    "model_package_registration_type", "base_model"}
MODEL_REGISTER_PARAMS = PIPELINE_REGISTER_PARAMS | {"validation_specification", "model_life_cycle",
                                                    "accept_eula", "model_type"}
MODULES = {"Model": "sagemaker.model", "PipelineModel": "sagemaker.pipeline",
           "ModelMetrics": "sagemaker.model_metrics", "MetricsSource": "sagemaker.model_metrics",
           "FileSource": "sagemaker.model_metrics", "DriftCheckBaselines": "sagemaker.drift_check_baselines",
           "MetadataProperties": "sagemaker.metadata_properties", "ModelPackageModelCard": "sagemaker.model_card",
           "ModelLifeCycle": "sagemaker.model_life_cycle", "ContainerBaseModel": "sagemaker.container_base_model",
           "ModelStep": "sagemaker.workflow.model_step", "Pipeline": "sagemaker.workflow.pipeline",
           "PipelineSession": "sagemaker.workflow.pipeline_context"}
# ModelMetrics(...) and DriftCheckBaselines(...) arguments -> (group, member) of the request.
METRICS = {"model_statistics": ("ModelQuality", "Statistics"), "model_constraints": ("ModelQuality", "Constraints"),
           "model_data_statistics": ("ModelDataQuality", "Statistics"),
           "model_data_constraints": ("ModelDataQuality", "Constraints"), "bias": ("Bias", "Report"),
           "bias_pre_training": ("Bias", "PreTrainingReport"), "bias_post_training": ("Bias", "PostTrainingReport"),
           "explainability": ("Explainability", "Report")}
BASELINES = {"model_statistics": ("ModelQuality", "Statistics"), "model_constraints": ("ModelQuality", "Constraints"),
             "model_data_statistics": ("ModelDataQuality", "Statistics"),
             "model_data_constraints": ("ModelDataQuality", "Constraints"),
             "bias_config_file": ("Bias", "ConfigFile"),
             "bias_pre_training_constraints": ("Bias", "PreTrainingConstraints"),
             "bias_post_training_constraints": ("Bias", "PostTrainingConstraints"),
             "explainability_constraints": ("Explainability", "Constraints"),
             "explainability_config_file": ("Explainability", "ConfigFile")}
SOURCE = {"content_type": "ContentType", "s3_uri": "S3Uri", "content_digest": "ContentDigest"}
PLAIN = {"model_package_group_name": "ModelPackageGroupName", "model_package_name": "ModelPackageName",
         "description": "ModelPackageDescription", "approval_status": "ModelApprovalStatus",
         "customer_metadata_properties": "CustomerMetadataProperties", "domain": "Domain", "task": "Task",
         "sample_payload_url": "SamplePayloadUrl", "skip_model_validation": "SkipModelValidation",
         "source_uri": "SourceUri", "marketplace_cert": "CertifyForMarketplace",
         "model_package_registration_type": "ModelPackageRegistrationType",
         "validation_specification": "ValidationSpecification"}
INFERENCE = {"content_types": "SupportedContentTypes", "response_types": "SupportedResponseMIMETypes",
             "inference_instances": "SupportedRealtimeInferenceInstanceTypes",
             "transform_instances": "SupportedTransformInstanceTypes"}


@dataclass
class Made:
    """A constructor call of the snippet: its class and keyword arguments, evaluated."""

    cls: str
    kwargs: dict[str, Any]


@dataclass
class Snippet:
    request: dict[str, Any]  # what the SDK sends for the snippet's arguments
    not_set: list[str]  # the paths the closing comment names
    later: dict[str, Any] = field(default_factory=dict)  # request fields the boto3 follow-ups set
    creation_only: dict[str, Any] = field(default_factory=dict)
    comment: str = ""


def _value(node: ast.AST) -> Any:
    if isinstance(node, ast.Call):
        assert not node.args, ast.unparse(node)
        return Made(ast.unparse(node.func), {k.arg: _value(k.value) for k in node.keywords})
    if isinstance(node, ast.List):
        return [_value(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {_value(k): _value(v) for k, v in zip(node.keys, node.values, strict=True)}
    if isinstance(node, ast.Name):
        return node.id
    return ast.literal_eval(node)


def _calls(tree: ast.Module) -> dict[str, Made]:
    """Each top-level `name = Call(...)` of the snippet."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            found[node.targets[0].id] = _value(node.value)  # type: ignore[attr-defined]
    return found


def _imported(tree: ast.Module) -> dict[str, str]:
    return {alias.name: node.module or "" for node in tree.body if isinstance(node, ast.ImportFrom)
            for alias in node.names}


def _sources(made: Made, table: dict[str, tuple[str, str]], cls: str) -> dict[str, Any]:
    assert made.cls == cls and set(made.kwargs) <= set(table), made
    out: dict[str, Any] = {"Bias": {}, "Explainability": {}} if cls == "ModelMetrics" else {}
    for arg, source in made.kwargs.items():
        group, member = table[arg]
        assert source.cls == ("FileSource" if member == "ConfigFile" else "MetricsSource")
        assert set(source.kwargs) <= set(SOURCE)
        if source.cls == "MetricsSource":
            assert {"content_type", "s3_uri"} <= set(source.kwargs)  # its required parameters
        # MetricsSource sends ContentType always; both leave out a ContentDigest (FileSource a
        # ContentType) that is None.
        out.setdefault(group, {})[member] = {SOURCE[k]: v for k, v in source.kwargs.items()
                                             if v is not None or k == "content_type" and source.cls == "MetricsSource"}
    return out


def _truthy(made: Made, cls: str, names: dict[str, str]) -> dict[str, Any]:
    """MetadataProperties and ModelLifeCycle send only the values that are truthy."""
    assert made.cls == cls and (not names or set(made.kwargs) <= set(names)), made
    return {names.get(k, k): v for k, v in made.kwargs.items() if v}


def _container(model: Made, register: dict[str, Any]) -> dict[str, Any]:
    assert model.cls == "Model" and set(model.kwargs) <= MODEL_PARAMS, model
    c: dict[str, Any] = {"Image": model.kwargs["image_uri"]}
    data = model.kwargs.get("model_data")
    if "model_package_name" in register:  # unversioned: Image and ModelDataUrl, nothing else
        assert not isinstance(data, dict), "the SDK refuses ModelDataSource for an unversioned package"
        if data is not None:
            c["ModelDataUrl"] = data
        return c
    if isinstance(data, dict):
        c["ModelDataSource"] = data
    elif data is not None:
        c["ModelDataUrl"] = data
    c["Environment"] = model.kwargs.get("env") or {}  # container_def sends {} for no env
    if "additional_model_data_sources" in model.kwargs:
        c["AdditionalModelDataSources"] = model.kwargs["additional_model_data_sources"]
    for arg, key in (("framework", "Framework"), ("framework_version", "FrameworkVersion"),  # on every container
                     ("nearest_model_name", "NearestModelName")):
        if arg in register:
            c[key] = register[arg]
    if "data_input_configuration" in register:
        c["ModelInput"] = {"DataInputConfig": register["data_input_configuration"]}
    if "base_model" in register:
        base = register["base_model"]
        assert base.cls == "ContainerBaseModel"
        names = {"hub_content_name": "HubContentName", "hub_content_version": "HubContentVersion",
                 "recipe_name": "RecipeName"}
        c["BaseModel"] = {names[k]: v for k, v in base.kwargs.items()}
    return c


def sdk_request(model: Made, register: dict[str, Any]) -> dict[str, Any]:
    """The create_model_package request the SDK makes for `model` and these register() arguments."""
    pipeline = model.cls == "PipelineModel"
    allowed = (PIPELINE_MODEL_PARAMS if pipeline else MODEL_PARAMS)
    assert set(model.kwargs) <= allowed, set(model.kwargs) - allowed
    accepted = PIPELINE_REGISTER_PARAMS if pipeline else MODEL_REGISTER_PARAMS
    assert set(register) <= accepted, set(register) - accepted
    models = model.kwargs["models"] if pipeline else [model]
    inference: dict[str, Any] = {"Containers": [_container(m, register) for m in models]}
    if pipeline:
        assert all(m.kwargs.get("model_data") is not None for m in models), "the SDK refuses it"
    request: dict[str, Any] = {"InferenceSpecification": inference, "CertifyForMarketplace": False,
                               "ModelApprovalStatus": "PendingManualApproval", "SkipModelValidation": "None"}
    for arg, value in register.items():
        if arg in INFERENCE:
            inference[INFERENCE[arg]] = value
        elif arg in PLAIN:
            request[PLAIN[arg]] = value
        elif arg == "model_metrics":
            request["ModelMetrics"] = _sources(value, METRICS, "ModelMetrics")
        elif arg == "drift_check_baselines":
            request["DriftCheckBaselines"] = _sources(value, BASELINES, "DriftCheckBaselines")
        elif arg == "metadata_properties" and _truthy(value, "MetadataProperties", {}):
            request["MetadataProperties"] = _truthy(value, "MetadataProperties", {
                "commit_id": "CommitId", "repository": "Repository", "generated_by": "GeneratedBy",
                "project_id": "ProjectId"})
        elif arg == "model_life_cycle":
            request["ModelLifeCycle"] = _truthy(value, "ModelLifeCycle", {
                "stage": "Stage", "stage_status": "StageStatus", "stage_description": "StageDescription"})
        elif arg == "model_card":
            assert value.cls == "ModelPackageModelCard"
            # Both always sent; the content as json.dumps(model_card_content).
            request["ModelCard"] = {"ModelCardStatus": value.kwargs.get("model_card_status"),
                                    "ModelCardContent": json.dumps(value.kwargs.get("model_card_content"))}
    return request


def _block(lines: list[str], mark: str, skip: int = 0) -> str:
    """The commented code under `mark`: its "#     " lines, uncommented."""
    if mark not in lines:
        return ""
    start = lines.index(mark) + 1 + skip
    code = []
    for line in lines[start:]:
        if not line.startswith("#     "):
            break
        code.append(line[6:])
    return "\n".join(code)


def read(snippet: str) -> Snippet:
    """Everything `snippet` registers, read with ast: the SDK part as the SDK would send it, the
    comment's follow-up calls and its creation-only values."""
    compile(snippet, "snippet.py", "exec")
    tree = ast.parse(snippet)
    imported = _imported(tree)
    calls = _calls(tree)
    register = next(m for m in calls.values() if m.cls.endswith(".register"))
    model = calls[register.cls.removesuffix(".register")]

    def check_imports(value: Any) -> None:
        if isinstance(value, Made):
            if "." not in value.cls:
                assert imported.get(value.cls) == MODULES[value.cls], value.cls
            for v in value.kwargs.values():
                check_imports(v)
        elif isinstance(value, list):
            for v in value:
                check_imports(v)

    for made in calls.values():
        check_imports(made)
    kwargs = {k: v for k, v in model.kwargs.items() if k != "sagemaker_session"}
    result = Snippet(sdk_request(Made(model.cls, kwargs), register.kwargs), [])
    lines = snippet.split("\n")
    if NOT_SET in lines:
        start = lines.index(NOT_SET)
        result.comment = "\n".join(lines[start:])
        for line in lines[start + 1:]:
            if not line.startswith(NOT_SET_ITEM):
                break
            result.not_set.append(line.removeprefix(NOT_SET_ITEM))
    for node in ast.parse(_block(lines, LATER_MARK)).body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            made = _value(node.value)
            args = {k: v for k, v in made.kwargs.items() if k not in ("ResourceArn", "ModelPackageArn")}
            assert made.cls in ("sagemaker_client.add_tags", "sagemaker_client.update_model_package")
            for key, value in args.items():
                result.later[key.removesuffix("ToAdd")] = value
    creation = _block(lines, CREATION_MARK, skip=1)
    if creation:
        result.creation_only = _value(ast.parse(f"f({creation})", mode="eval").body).kwargs
    return result


def without(request: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """A copy of `request` without the fields at `paths` ("Tags", "InferenceSpecification.Containers[1].X")."""
    out = json.loads(json.dumps(request))
    for path in paths:
        parts = [p for p in re.split(r"\.|\[(\d+)\]", path) if p]
        node = out
        for part in parts[:-1]:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[parts[-1]]
    return out


def card_as_json(request: dict[str, Any]) -> dict[str, Any]:
    """`request` with ModelCard.ModelCardContent parsed: the SDK re-serializes the card's JSON."""
    out = json.loads(json.dumps(request))
    if "ModelCard" in out and "ModelCardContent" in out["ModelCard"]:
        out["ModelCard"]["ModelCardContent"] = json.loads(out["ModelCard"]["ModelCardContent"])
    return out


def with_sdk_defaults(request: dict[str, Any]) -> dict[str, Any]:
    """`request` with what the SDK sends of its own where the request has nothing (see above)."""
    out = json.loads(json.dumps(request))
    out.setdefault("CertifyForMarketplace", False)
    out.setdefault("ModelApprovalStatus", "PendingManualApproval")
    out.setdefault("SkipModelValidation", "None")
    if "ModelPackageGroupName" in out:
        for container in (out.get("InferenceSpecification") or {}).get("Containers") or []:
            container.setdefault("Environment", {})
    if "ModelMetrics" in out:
        out["ModelMetrics"].setdefault("Bias", {})
        out["ModelMetrics"].setdefault("Explainability", {})
    return out
