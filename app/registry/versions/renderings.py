"""The same registration as SageMaker Python SDK (v2) code and as a SageMaker Pipelines step.

Both work from the create_model_package request (what `registration.build_request` returns), so
every field of it is accounted for: each goes to the argument of `Model(...)`,
`PipelineModel(...)` or `register(...)` that sends it (the SDK's own ModelMetrics, MetricsSource,
FileSource, DriftCheckBaselines, MetadataProperties, ModelPackageModelCard, ModelLifeCycle and
ContainerBaseModel classes), or, when the SDK has no argument for it, to a comment that names it
and shows the boto3 call that sets it afterwards (or, for what only creation can set, says to
register with the boto3 snippet). Nothing is left out silently.

What the SDK sends was read from its source (sagemaker 2.257: `Model.register`,
`PipelineModel.register`, `session.get_model_package_args`, `container_def`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.registry.versions.pyliteral import Call, Code, commented, render

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

# Where each SDK class used here lives (sagemaker 2.x).
MODULES = {
    "Model": "sagemaker.model",
    "PipelineModel": "sagemaker.pipeline",
    "ModelMetrics": "sagemaker.model_metrics",
    "MetricsSource": "sagemaker.model_metrics",
    "FileSource": "sagemaker.model_metrics",
    "DriftCheckBaselines": "sagemaker.drift_check_baselines",
    "MetadataProperties": "sagemaker.metadata_properties",
    "ModelPackageModelCard": "sagemaker.model_card",
    "ModelLifeCycle": "sagemaker.model_life_cycle",
    "ContainerBaseModel": "sagemaker.container_base_model",
    "ModelStep": "sagemaker.workflow.model_step",
    "Pipeline": "sagemaker.workflow.pipeline",
    "PipelineSession": "sagemaker.workflow.pipeline_context",
}

NOT_SET = "# Not set by the SDK (register() has no argument for them):"
NOT_SET_ITEM = "#   - "
LATER_MARK = "# Set these once the version exists, with boto3:"
CREATION_MARK = "# Only the create call itself can send these, and register() cannot:"


@dataclass
class _Plan:
    model: Call | None = None  # Model(...) or PipelineModel(...)
    register: list[tuple[str, Any]] = field(default_factory=list)
    not_set: list[str] = field(default_factory=list)  # request paths the SDK leaves out
    later: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # boto3 method, its arguments
    creation_only: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

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


def _named(cls: str, value: Any, args: dict[str, str]) -> Call | None:
    if not isinstance(value, dict) or set(value) - set(args):
        return None
    return Call(cls, tuple((args[k], value[k]) for k in args if k in value))


def _model_card(value: Any) -> Call | None:
    if not isinstance(value, dict) or set(value) - {"ModelCardContent", "ModelCardStatus"}:
        return None
    keywords: list[tuple[str, Any]] = []
    if "ModelCardContent" in value:
        try:
            content = json.loads(value["ModelCardContent"])
        except (TypeError, ValueError):
            return None
        if not isinstance(content, dict):
            return None
        keywords.append(("model_card_content", content))
    if "ModelCardStatus" in value:
        keywords.append(("model_card_status", value["ModelCardStatus"]))
    return Call("ModelPackageModelCard", tuple(keywords))


def _model_call(container: dict[str, Any], at: str, plan: _Plan, *, single: bool) -> Call:
    """Model(...) for one container; what Model() cannot carry goes to plan.not_set."""
    keywords: list[tuple[str, Any]] = []
    if "Image" in container:
        keywords.append(("image_uri", container["Image"]))
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


def _shared_container_args(containers: list[dict[str, Any]], plan: _Plan) -> None:
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


def _plan(request: dict[str, Any]) -> _Plan:
    plan = _Plan()
    inference = request.get("InferenceSpecification")
    containers = list((inference or {}).get("Containers") or [])
    single = len(containers) <= 1
    models = [_model_call(c, f"InferenceSpecification.Containers[{i}]", plan, single=single)
              for i, c in enumerate(containers)]
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
    _shared_container_args(containers, plan)
    builders: dict[str, tuple[str, Callable[[Any], Call | None]]] = {
        "ModelMetrics": ("model_metrics", lambda v: _sources("ModelMetrics", v, METRICS_ARGS)),
        "DriftCheckBaselines": ("drift_check_baselines",
                                lambda v: _sources("DriftCheckBaselines", v, BASELINE_ARGS)),
        "MetadataProperties": ("metadata_properties", lambda v: _named("MetadataProperties", v, METADATA_ARGS)),
        "ModelCard": ("model_card", _model_card),
        "ModelLifeCycle": ("model_life_cycle", lambda v: _named("ModelLifeCycle", v, LIFE_CYCLE_ARGS)),
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


def _follow_ups(request: dict[str, Any], plan: _Plan) -> None:
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


def _comment(plan: _Plan, client: str, arn: str) -> str:
    """The closing comment: what is not set, and how to set it."""
    if not plan.not_set and not plan.warnings:
        return ""
    lines = ["", ""]
    for warning in plan.warnings:
        lines.append(f"# Warning: {warning}")
    if plan.not_set:
        lines.append(NOT_SET)
        lines += [f"{NOT_SET_ITEM}{path}" for path in plan.not_set]
        lines.append("# Everything else in the request is sent as shown above.")
    if plan.later:
        code = [f"sagemaker_client = {client}", f"version_arn = {arn}"]
        for method, arguments in plan.later:
            code.append(render(Call(f"sagemaker_client.{method}", tuple(arguments.items()))))
        lines += ["#", LATER_MARK, commented("\n".join(code))]
    if plan.creation_only:
        keywords = "\n".join(f"{key}={render(value)}," for key, value in plan.creation_only.items())
        lines += ["#", CREATION_MARK,
                  "# to send them, register with the boto3 snippet instead (these are the request's values):",
                  commented(keywords)]
    return "\n".join(lines) + "\n"


def _session_args(region: str | None, profile: str | None) -> str:
    args = []
    if profile:
        args.append(f"profile_name={render(profile)}")
    if region:
        args.append(f"region_name={render(region)}")
    return ", ".join(args)


def _imports(plan: _Plan, modules: list[str], classes: set[str]) -> str:
    """`import x` lines for `modules`, then one `from m import A, B` line per module used."""
    by_module: dict[str, set[str]] = {}
    for name in classes | plan.classes():
        if name in MODULES:
            by_module.setdefault(MODULES[name], set()).add(name)
    lines = [f"import {m}" for m in modules]
    lines += [f"from {m} import {', '.join(sorted(names))}" for m, names in sorted(by_module.items())]
    return "\n".join(lines)


def _model_source(plan: _Plan, variable: str, session: str) -> str:
    assert plan.model is not None
    model = Call(plan.model.name, (*plan.model.keywords, ("sagemaker_session", Code(session))))
    return f"{variable} = {render(model)}\n"


def sdk_snippet(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """SageMaker Python SDK v2 code registering the same version: Model(...).register(...), or
    PipelineModel(models=[...]).register(...) for 2 or more containers."""
    plan = _plan(request)
    variable = "pipeline_model" if plan.model is not None and plan.model.name == "PipelineModel" else "model"
    header = _imports(plan, ["boto3", "sagemaker"], set())
    return (
        "# The same registration with the SageMaker Python SDK (v2).\n\n"
        f"{header}\n\n"
        f"session = sagemaker.Session(boto_session=boto3.Session({_session_args(region, profile)}))\n"
        f"{_model_source(plan, variable, 'session')}"
        f"model_package = {render(Call(f'{variable}.register', tuple(plan.register)))}\n"
        "print(model_package.model_package_arn)\n"
        + _comment(plan, "session.sagemaker_client", "model_package.model_package_arn")
    )


def step_name(group: str) -> str:
    """A step name from the group's name (or ARN): letters, digits, '-' and '_' only."""
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", group.rsplit("/", 1)[-1]).strip("-")[:40]
    return f"Register-{name}" if name else "RegisterModelVersion"


def pipeline_step_snippet(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """A SageMaker Pipelines step registering the same version: ModelStep(name=...,
    step_args=model.register(...)) with a PipelineSession, in a pipeline of its own."""
    plan = _plan(request)
    variable = "pipeline_model" if plan.model is not None and plan.model.name == "PipelineModel" else "model"
    header = _imports(plan, ["boto3"], {"ModelStep", "Pipeline", "PipelineSession"})
    name = step_name(str(request.get("ModelPackageGroupName") or request.get("ModelPackageName") or ""))
    pipeline_name = re.sub(r"[^A-Za-z0-9-]+", "-", name).strip("-")[:80]
    session = _session_args(region, profile)
    return (
        "# The same registration as a step of a SageMaker Pipelines pipeline (SDK v2).\n"
        "# With a PipelineSession, register() makes the step's arguments and calls nothing.\n"
        "# ModelStep replaces the older RegisterModel step (sagemaker.workflow.step_collections),\n"
        "# which takes the same arguments as register() plus the model.\n\n"
        f"{header}\n\n"
        f"session = PipelineSession(boto_session=boto3.Session({session}))\n"
        f"{_model_source(plan, variable, 'session')}"
        f"register_args = {render(Call(f'{variable}.register', tuple(plan.register)))}\n"
        f"step = ModelStep(name={render(name)}, step_args=register_args)\n"
        f"pipeline = Pipeline(name={render(pipeline_name)}, steps=[step], sagemaker_session=session)\n"
        "# Add `step` to your own pipeline's steps, or create this one and run it:\n"
        "# pipeline.upsert(role_arn=\"arn:aws:iam::<account>:role/<pipeline execution role>\")\n"
        "# pipeline.start()\n"
        + _comment(plan, f"boto3.Session({session}).client(\"sagemaker\")",
                   "\"...\"  # the ARN of the version the step registered")
    )


def not_set_by_sdk(request: dict[str, Any]) -> list[str]:
    """The request paths the SDK snippets leave out (named in their closing comment)."""
    return list(_plan(request).not_set)


__all__ = ["not_set_by_sdk", "pipeline_step_snippet", "sdk_snippet", "step_name"]
