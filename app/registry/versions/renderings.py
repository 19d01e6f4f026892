"""The same registration as SageMaker Python SDK (v2) code and as a SageMaker Pipelines step.

Both work from the create_model_package request (what `registration.build_request` returns), so
every field of it is accounted for (see `sdkplan`): each goes to the SDK argument that sends it,
or, when the SDK has none, to a closing comment that names it and shows the boto3 call that sets
it afterwards (or, for what only creation can set, says to register with the boto3 snippet).
Nothing is left out silently.
"""

from __future__ import annotations

import re
from typing import Any

from app.registry.versions import sdkplan
from app.registry.versions.pyliteral import Call, Code, commented, render

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

NOT_SET = "# Not sent by this SDK code (register() cannot send them as they are):"
NOT_SET_ITEM = "#   - "
LATER_MARK = "# Set these once the version exists, with boto3:"
CREATION_MARK = "# Only the create call itself can send these, and register() cannot:"


def _comment(plan: sdkplan.Plan, client: str, arn: str) -> str:
    """The closing comment: what is not set, and how to set it."""
    if not plan.not_set and not plan.warnings and not plan.notes:
        return ""
    lines = ["", ""]
    lines += [f"# Warning: {warning}" for warning in plan.warnings]
    lines += [f"# Note: {note}" for note in plan.notes]
    if plan.not_set:
        lines.append(NOT_SET)
        lines += [f"{NOT_SET_ITEM}{path}" for path in plan.not_set]
        lines.append("# Everything else in the request is sent as shown above (with the SDK's defaults")
        lines.append("# where the request has none, such as CertifyForMarketplace=False).")
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


def _imports(plan: sdkplan.Plan, modules: list[str], classes: set[str]) -> str:
    """`import x` lines for `modules`, then one `from m import A, B` line per module used."""
    by_module: dict[str, set[str]] = {}
    for name in classes | plan.classes():
        if name in MODULES:
            by_module.setdefault(MODULES[name], set()).add(name)
    lines = [f"import {m}" for m in modules]
    lines += [f"from {m} import {', '.join(sorted(names))}" for m, names in sorted(by_module.items())]
    return "\n".join(lines)


def _model_source(plan: sdkplan.Plan, variable: str, session: str) -> str:
    assert plan.model is not None
    model = Call(plan.model.name, (*plan.model.keywords, ("sagemaker_session", Code(session))))
    return f"{variable} = {render(model)}\n"


def sdk_snippet(request: dict[str, Any], *, region: str | None, profile: str | None = None) -> str:
    """SageMaker Python SDK v2 code registering the same version: Model(...).register(...), or
    PipelineModel(models=[...]).register(...) for 2 or more containers."""
    plan = sdkplan.plan(request)
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
    plan = sdkplan.plan(request)
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
    return list(sdkplan.plan(request).not_set)


__all__ = ["not_set_by_sdk", "pipeline_step_snippet", "sdk_snippet", "step_name"]
