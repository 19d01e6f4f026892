"""How the SageMaker Python SDK (v2) sends a create_model_package request: the plan of arguments.

`plan(request)` maps each field of the request to the argument of `Model(...)`,
`PipelineModel(...)` or `register(...)` that sends it (the SDK's own ModelMetrics, MetricsSource,
FileSource, DriftCheckBaselines, MetadataProperties, ModelPackageModelCard, ModelLifeCycle and
ContainerBaseModel classes), and lists what the SDK cannot send, with how to send it instead: a
boto3 call once the version exists (add_tags, update_model_package), or, for what only creation
can set, the create call itself. `renderings` writes the plan as code.

What the SDK sends was read from its source (sagemaker 2.257: `Model.register`,
`PipelineModel.register`, `session.get_model_package_args`, `get_create_model_package_request`,
`container_def` and the `_to_request_dict` of each class).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.registry.versions.pyliteral import Call, Code

# ModelMetrics "Group.Member" -> ModelMetrics(...) argument; all MetricsSource.
METRICS_ARGS = {
    "ModelQuality.Statistics": "model_statistics",
    "ModelQuality.Constraints": "model_constraints",
    "ModelDataQuality.Statistics": "model_data_statistics",
    "ModelDataQuality.Constraints": "model_data_constraints",
    "Bias.Report": "bias",
    "Bias.PreTrainingReport": "bias_pre_training",
    "Bias.PostTrainingReport": "bias_post_training",
    "Explainability.Report": "explainability",
}
# DriftCheckBaselines "Group.Member" -> DriftCheckBaselines(...) argument; ConfigFiles are FileSource.
BASELINE_ARGS = {
    "ModelQuality.Statistics": "model_statistics",
    "ModelQuality.Constraints": "model_constraints",
    "ModelDataQuality.Statistics": "model_data_statistics",
    "ModelDataQuality.Constraints": "model_data_constraints",
    "Bias.ConfigFile": "bias_config_file",
    "Bias.PreTrainingConstraints": "bias_pre_training_constraints",
    "Bias.PostTrainingConstraints": "bias_post_training_constraints",
    "Explainability.Constraints": "explainability_constraints",
    "Explainability.ConfigFile": "explainability_config_file",
}
METADATA_ARGS = {"CommitId": "commit_id", "Repository": "repository", "GeneratedBy": "generated_by",
                 "ProjectId": "project_id"}
LIFE_CYCLE_ARGS = {"Stage": "stage", "StageStatus": "stage_status", "StageDescription": "stage_description"}
BASE_MODEL_ARGS = {"HubContentName": "hub_content_name", "HubContentVersion": "hub_content_version",
                   "RecipeName": "recipe_name"}
# Request fields that become one register() argument as they are.
PLAIN_ARGS = {
    "ModelPackageGroupName": "model_package_group_name",
    "ModelPackageName": "model_package_name",
    "ModelPackageDescription": "description",
    "ModelApprovalStatus": "approval_status",
    "CustomerMetadataProperties": "customer_metadata_properties",
    "Domain": "domain",
    "Task": "task",
    "SamplePayloadUrl": "sample_payload_url",
    "SkipModelValidation": "skip_model_validation",
    "SourceUri": "source_uri",
    "CertifyForMarketplace": "marketplace_cert",
    "ModelPackageRegistrationType": "model_package_registration_type",
    "ValidationSpecification": "validation_specification",
}
INFERENCE_ARGS = {
    "SupportedContentTypes": "content_types",
    "SupportedResponseMIMETypes": "response_types",
    "SupportedRealtimeInferenceInstanceTypes": "inference_instances",
    "SupportedTransformInstanceTypes": "transform_instances",
}
# Container members register() sets on every container of the model (one value for all).
SHARED_CONTAINER_ARGS = {"Framework": "framework", "FrameworkVersion": "framework_version",
                         "NearestModelName": "nearest_model_name"}
# What PipelineModel.register() lacks that Model.register() has.
NOT_IN_PIPELINE_REGISTER = ("ValidationSpecification", "ModelLifeCycle")
# Set after creation by update_model_package (its argument name), or by add_tags.
LATER = {"ModelLifeCycle": "ModelLifeCycle", "ModelCard": "ModelCard",
         "AdditionalInferenceSpecifications": "AdditionalInferenceSpecificationsToAdd"}

@dataclass
class Plan:
    model: Call | None = None  # Model(...) or PipelineModel(...)
    register: list[tuple[str, Any]] = field(default_factory=list)
    not_set: list[str] = field(default_factory=list)  # request paths the SDK leaves out
    later: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # boto3 method, its arguments
    creation_only: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # why the SDK code would fail
    notes: list[str] = field(default_factory=list)  # what the SDK sends differently, to the same effect

    def classes(self) -> set[str]:
        found: set[str] = set()

        def walk(value: Any) -> None:
            if isinstance(value, Call):
                found.add(value.name)
                for _k, v in value.keywords:
                    walk(v)
            elif isinstance(value, list | tuple):
                for v in value:
                    walk(v)

        walk(self.model)
        walk([v for _k, v in self.register])
        return found


def _source(cls: str, source: dict[str, Any]) -> Call | None:
    """MetricsSource/FileSource for a request's source; None when it has members they lack."""
    names = {"ContentType": "content_type", "S3Uri": "s3_uri", "ContentDigest": "content_digest"}
    required = ("ContentType", "S3Uri") if cls == "MetricsSource" else ("S3Uri",)
    if not isinstance(source, dict) or set(source) - set(names) or any(k not in source for k in required):
        return None
    return Call(cls, tuple((names[k], source[k]) for k in names if k in source))


def _sources(cls: str, value: Any, args: dict[str, str]) -> Call | None:
    """ModelMetrics(...)/DriftCheckBaselines(...) for a request's value; None if it cannot."""
    if not isinstance(value, dict):
        return None
    keywords = []
    for group, members in value.items():
        if not isinstance(members, dict):
            return None
        for member, source in members.items():
            arg = args.get(f"{group}.{member}")
            kind = "FileSource" if member == "ConfigFile" else "MetricsSource"
            call = _source(kind, source) if arg else None
            if arg is None or call is None:
                return None
            keywords.append((arg, call))
    return Call(cls, tuple(keywords))


def _named(cls: str, value: Any, args: dict[str, str], empty: list[str] | None = None) -> Call | None:
    """`cls(arg=value, ...)` for a request structure; None when it has members `cls` lacks. With
    `empty`, values the SDK would leave out for being empty are left out and their names put there
    (MetadataProperties and ModelLifeCycle send only non-empty values); None if all are empty."""
    if not isinstance(value, dict) or set(value) - set(args):
        return None
    keys = [k for k in args if k in value]
    if empty is not None:
        if not any(value[k] for k in keys):
            return None
        empty += [k for k in keys if not value[k]]
        keys = [k for k in keys if value[k]]
    return Call(cls, tuple((args[k], value[k]) for k in keys))


def _dropping_empty(cls: str, args: dict[str, str], key: str, plan: Plan) -> Callable[[Any], Call | None]:
    def build(value: Any) -> Call | None:
        empty: list[str] = []
        call = _named(cls, value, args, empty)
        if call is not None:
            plan.not_set.extend(f"{key}.{k}" for k in empty)
        return call
    return build


def _noting_card_spacing(value: Any, plan: Plan) -> Call | None:
    call = _model_card(value)
    if call is not None and json.dumps(call.keywords[0][1]) != value["ModelCardContent"]:
        plan.notes.append("ModelPackageModelCard sends the card content as json.dumps() of the dict: "
                          "the same JSON as the request's, spaced and escaped its own way.")
    return call


def _model_card(value: Any) -> Call | None:
    """ModelPackageModelCard(...): it always sends both members, the content as json.dumps of a dict."""
    if not isinstance(value, dict) or set(value) != {"ModelCardContent", "ModelCardStatus"}:
        return None
    try:
        content = json.loads(value["ModelCardContent"])
    except (TypeError, ValueError):
        return None
    if not isinstance(content, dict):
        return None
    return Call("ModelPackageModelCard", (("model_card_content", content),
                                          ("model_card_status", value["ModelCardStatus"])))


def _model_call(container: dict[str, Any], at: str, plan: Plan, *, single: bool, versioned: bool) -> Call:
    """Model(...) for one container; what Model() cannot carry goes to plan.not_set."""
    keywords: list[tuple[str, Any]] = []
    if "Image" in container:
        keywords.append(("image_uri", container["Image"]))
    if not versioned:  # an unversioned package gets Image and ModelDataUrl, nothing else
        if "ModelDataUrl" in container:
            keywords.append(("model_data", container["ModelDataUrl"]))
        plan.not_set.extend(f"{at}.{key}" for key in container if key not in ("Image", "ModelDataUrl"))
        return Call("Model", tuple(keywords))
    if "ModelDataSource" in container:
        keywords.append(("model_data", container["ModelDataSource"]))
    elif "ModelDataUrl" in container:
        keywords.append(("model_data", container["ModelDataUrl"]))
    if "Environment" in container:
        keywords.append(("env", container["Environment"]))
    if "AdditionalModelDataSources" in container:
        keywords.append(("additional_model_data_sources", container["AdditionalModelDataSources"]))
    handled = {"Image", "ModelDataSource", "Environment", "AdditionalModelDataSources", *SHARED_CONTAINER_ARGS,
               "ModelInput"}
    if "ModelDataSource" not in container:
        handled.add("ModelDataUrl")
    if single:
        handled.add("BaseModel")
    for key in container:
        if key not in handled:
            plan.not_set.append(f"{at}.{key}")
    return Call("Model", tuple(keywords))


def _shared_container_args(containers: list[dict[str, Any]], plan: Plan) -> None:
    """framework=, framework_version=, nearest_model_name=, data_input_configuration=, base_model=:
    register() sets each on every container, so only a value all containers share is sent."""
    single = len(containers) == 1
    for key, arg in (*SHARED_CONTAINER_ARGS.items(), ("ModelInput", "data_input_configuration"),
                     ("BaseModel", "base_model")):
        values = [c.get(key) for c in containers]
        if key == "BaseModel" and not single:
            continue  # PipelineModel.register cannot send one (it indexes the container list)
        if all(v is None for v in values):
            continue
        first = values[0]
        if key == "ModelInput":
            ok = isinstance(first, dict) and set(first) == {"DataInputConfig"}
            argument: Any = first["DataInputConfig"] if isinstance(first, dict) and ok else None
        elif key == "BaseModel":
            argument = _named("ContainerBaseModel", first, BASE_MODEL_ARGS)
            ok = argument is not None
        else:
            ok, argument = True, first
        if ok and all(v == first for v in values):
            plan.register.append((arg, argument))
        else:
            plan.not_set.extend(f"InferenceSpecification.Containers[{i}].{key}"
                                for i, v in enumerate(values) if v is not None)


def plan(request: dict[str, Any]) -> Plan:
    plan = Plan()
    inference = request.get("InferenceSpecification")
    containers = list((inference or {}).get("Containers") or [])
    single = len(containers) <= 1
    versioned = "ModelPackageGroupName" in request or "ModelPackageName" not in request
    models = [_model_call(c, f"InferenceSpecification.Containers[{i}]", plan, single=single, versioned=versioned)
              for i, c in enumerate(containers)]
    if not versioned and not ((inference or {}).get("SupportedRealtimeInferenceInstanceTypes")
                              and (inference or {}).get("SupportedTransformInstanceTypes")):
        plan.warnings.append("For a package without a group, register() needs both the real-time and the "
                             "transform instance types: register this one with the boto3 snippet instead.")
    if single:
        plan.model = models[0] if models else Call("Model")
    else:
        plan.model = Call("PipelineModel", (("models", models),))
        missing = [str(i + 1) for i, c in enumerate(containers)
                   if "ModelDataUrl" not in c and "ModelDataSource" not in c]
        if missing:
            plan.warnings.append(
                f"PipelineModel.register() refuses a container without model data (container "
                f"{', '.join(missing)} has none): register this version with the boto3 snippet instead.")
    if inference is None:
        plan.warnings.append("The request has no InferenceSpecification; register() always sends one.")
    for key, value in (inference or {}).items():
        if key in INFERENCE_ARGS:
            plan.register.append((INFERENCE_ARGS[key], value))
        elif key != "Containers":
            plan.not_set.append(f"InferenceSpecification.{key}")
    if versioned:
        _shared_container_args(containers, plan)
    builders: dict[str, tuple[str, Callable[[Any], Call | None]]] = {
        "ModelMetrics": ("model_metrics", lambda v: _sources("ModelMetrics", v, METRICS_ARGS)),
        "DriftCheckBaselines": ("drift_check_baselines",
                                lambda v: _sources("DriftCheckBaselines", v, BASELINE_ARGS)),
        "MetadataProperties": ("metadata_properties",
                               _dropping_empty("MetadataProperties", METADATA_ARGS, "MetadataProperties", plan)),
        "ModelCard": ("model_card", lambda v: _noting_card_spacing(v, plan)),
        "ModelLifeCycle": ("model_life_cycle",
                           _dropping_empty("ModelLifeCycle", LIFE_CYCLE_ARGS, "ModelLifeCycle", plan)),
    }
    for key, value in request.items():
        if key == "InferenceSpecification":
            continue
        if not single and key in NOT_IN_PIPELINE_REGISTER:
            plan.not_set.append(key)
        elif key in PLAIN_ARGS:
            plan.register.append((PLAIN_ARGS[key], value))
        elif key in builders:
            arg, build = builders[key]
            call = build(value)
            if call is None:
                plan.not_set.append(key)
            else:
                plan.register.append((arg, call))
        else:
            plan.not_set.append(key)
    plan.not_set.sort(key=_by_container)
    _follow_ups(request, plan)
    return plan


def _by_container(path: str) -> tuple[int, int]:
    """Container fields first, container by container (a stable sort keeps the rest in order)."""
    found = re.match(r"InferenceSpecification\.Containers\[(\d+)\]", path)
    return (0, int(found.group(1))) if found else (1, 0)


def _follow_ups(request: dict[str, Any], plan: Plan) -> None:
    """How to set what the SDK leaves out: later with boto3, or only by creating with boto3."""
    update: dict[str, Any] = {}
    for path in plan.not_set:
        top = path.split(".", 1)[0]
        if top == "InferenceSpecification":
            update["InferenceSpecification"] = request["InferenceSpecification"]
        elif top == "Tags":
            plan.later.append(("add_tags", {"ResourceArn": Code("version_arn"), "Tags": request["Tags"]}))
        elif top in LATER:
            update[LATER[top]] = request[top]
        else:
            plan.creation_only[top] = request[top]
    if update:
        plan.later.append(("update_model_package", {"ModelPackageArn": Code("version_arn"), **update}))


__all__ = ["BASELINE_ARGS", "METRICS_ARGS", "Plan", "plan"]
