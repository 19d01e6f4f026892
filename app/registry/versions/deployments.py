"""Deployed where? Which endpoints of one account and region serve which model package versions.

SageMaker keeps no link from a version to its endpoints; the link runs the other way:
endpoint -> endpoint config (ProductionVariants and ShadowProductionVariants, and the config an
update in progress moves to) -> model -> its containers (PrimaryContainer, or Containers[] for an
inference pipeline) -> each container's ModelPackageName, a versioned ARN or a name.

`scan_deployments` walks that chain for every endpoint: the endpoints are listed page by page,
then described in parallel (bounded), each config and each model described once however many
endpoints share it. The result maps each referenced version ARN to its `Deployment`s. An
endpoint, config or model deleted while the scan ran is skipped; any other failure is kept in
`DeploymentScan.problems`, so a caller never reads "not deployed" where the answer is unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from app.registry.accounts.sessions import AccountSession
from app.registry.errors import RegistryError, aws_call

DESCRIBE_WORKERS = 8  # describes in flight at once: bounded, as bulk approval
LIST_PAGE_SIZE = 100

_ARN = re.compile(r"^arn:(?P<partition>[^:]+):sagemaker:(?P<region>[^:]*):(?P<account>\d{12}):")


@dataclass(frozen=True)
class Deployment:
    """One endpoint variant whose model runs a version (in one of its containers)."""

    endpoint_name: str
    endpoint_arn: str
    status: str  # EndpointStatus: InService, Updating, Failed...
    variant: str
    config: str  # the endpoint config naming the variant
    model: str
    shadow: bool = False  # a shadow variant: receives a copy of the traffic
    pending: bool = False  # in the config an update in progress moves the endpoint to


@dataclass(frozen=True)
class DeploymentScan:
    """Every endpoint of one account-region, as far as it could be read."""

    versions: dict[str, tuple[Deployment, ...]]  # model package ARN -> where it is deployed
    endpoint_count: int
    problems: tuple[RegistryError, ...] = ()  # describes that failed: the answer is partial
    account: str = ""  # where the endpoints were looked for ("" when STS would not say)
    region: str = ""
    _folded: dict[str, tuple[Deployment, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for arn, deployments in self.versions.items():
            self._folded[arn.lower()] = self._folded.get(arn.lower(), ()) + deployments

    def serving(self, version_arn: str) -> list[Deployment]:
        """The deployments of one version. SageMaker writes names in ARNs in lower case, so the
        comparison ignores case."""
        return list(self._folded.get(version_arn.lower(), ()))

    @property
    def complete(self) -> bool:
        return not self.problems


def package_arn(reference: str, model_arn: str) -> str:
    """A container's ModelPackageName as an ARN: an ARN as it is; a name ("group/3", or an
    unversioned package's name) in the model's own partition, region and account."""
    if reference.startswith("arn:"):
        return reference
    found = _ARN.match(model_arn)
    if found is None:
        return reference
    return (f"arn:{found['partition']}:sagemaker:{found['region']}:{found['account']}:"
            f"model-package/{reference}")


def model_packages(model: dict[str, Any]) -> list[str]:
    """The model package ARNs a DescribeModel answer runs, in container order (a pipeline has
    several; a container built from an image and model data has none)."""
    containers = list(model.get("Containers") or [])
    primary = model.get("PrimaryContainer") or {}
    if primary:
        containers.insert(0, primary)
    arns = []
    for container in containers:
        name = str(container.get("ModelPackageName") or "")
        if name:
            arns.append(package_arn(name, str(model.get("ModelArn") or "")))
    return list(dict.fromkeys(arns))


def list_endpoint_names(session: AccountSession) -> list[tuple[str, str]]:
    """Every endpoint of the account-region: (name, ARN), all pages."""
    client = session.client("sagemaker")
    found: list[tuple[str, str]] = []
    token: str | None = None
    while True:
        request: dict[str, Any] = {"MaxResults": LIST_PAGE_SIZE, "SortBy": "Name"}
        if token:
            request["NextToken"] = token
        with aws_call(session, "sagemaker:ListEndpoints"):
            response = client.list_endpoints(**request)
        found += [(str(e.get("EndpointName") or ""), str(e.get("EndpointArn") or ""))
                  for e in response.get("Endpoints") or []]
        token = response.get("NextToken") or None
        if not token:
            return found


def scan_deployments(session: AccountSession, *, workers: int = DESCRIBE_WORKERS,
                     should_stop: Callable[[], bool] | None = None) -> DeploymentScan:
    """Worker thread: which endpoints serve which versions in the session's account-region.

    ListEndpoints failing raises (nothing is known); a describe failing is kept in `problems`."""
    endpoints = list_endpoint_names(session)
    client = session.client("sagemaker")
    problems: list[RegistryError] = []

    def describe(kind: str, action: str, names: Iterable[str]) -> dict[str, dict[str, Any]]:
        call = getattr(client, f"describe_{kind}")
        parameter = {"endpoint": "EndpointName", "endpoint_config": "EndpointConfigName",
                     "model": "ModelName"}[kind]

        def one(name: str) -> tuple[str, dict[str, Any] | None]:
            if should_stop is not None and should_stop():
                return name, None
            try:
                with aws_call(session, action, name):
                    return name, call(**{parameter: name})
            except RegistryError as error:
                if error.kind != "not_found":  # deleted since it was listed: nothing runs there
                    problems.append(error)
                return name, None

        unique = list(dict.fromkeys(n for n in names if n))
        if not unique:
            return {}
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(unique))),
                                thread_name_prefix="registry-deployed") as pool:
            return {name: answer for name, answer in pool.map(one, unique) if answer is not None}

    described = describe("endpoint", "sagemaker:DescribeEndpoint", (name for name, _arn in endpoints))
    configs_of = {name: _configs_of(answer) for name, answer in described.items()}
    configs = describe("endpoint_config", "sagemaker:DescribeEndpointConfig",
                       (config for pairs in configs_of.values() for config, _pending in pairs))
    variants = {name: _variants_of(answer) for name, answer in configs.items()}
    models = describe("model", "sagemaker:DescribeModel",
                      (model for rows in variants.values() for _v, model, _s in rows))
    packages = {name: model_packages(answer) for name, answer in models.items()}

    versions: dict[str, list[Deployment]] = {}
    for endpoint_name, endpoint_arn in endpoints:
        endpoint = described.get(endpoint_name)
        if endpoint is None:
            continue
        status = str(endpoint.get("EndpointStatus") or "")
        for config, pending in configs_of[endpoint_name]:
            for variant, model, shadow in variants.get(config, ()):
                deployment = Deployment(endpoint_name, str(endpoint.get("EndpointArn") or endpoint_arn),
                                        status, variant, config, model, shadow, pending)
                for arn in packages.get(model, ()):
                    versions.setdefault(arn, []).append(deployment)
    return DeploymentScan({arn: tuple(d) for arn, d in versions.items()}, len(endpoints), tuple(problems),
                          _account_of(session, endpoints), session.region)


def endpoints_serving(session: AccountSession, version_arn: str) -> list[Deployment]:
    """Worker thread: the endpoints of the session's account-region serving one version.

    Raises the first problem when the scan was partial and found nothing: "not deployed" would
    then be a guess."""
    scan = scan_deployments(session)
    found = scan.serving(version_arn)
    if not found and scan.problems:
        raise scan.problems[0]
    return found


def _account_of(session: AccountSession, endpoints: list[tuple[str, str]]) -> str:
    """The account scanned: read from an endpoint's ARN, else asked of STS (once per session);
    not knowing it never fails the scan."""
    for _name, arn in endpoints:
        found = _ARN.match(arn)
        if found is not None:
            return found["account"]
    try:
        return session.account_id()
    except RegistryError:
        return ""


def _configs_of(endpoint: dict[str, Any]) -> list[tuple[str, bool]]:
    """The endpoint's config, and the one an update in progress is moving it to."""
    configs = [(str(endpoint.get("EndpointConfigName") or ""), False)]
    pending = str((endpoint.get("PendingDeploymentSummary") or {}).get("EndpointConfigName") or "")
    if pending and pending != configs[0][0]:
        configs.append((pending, True))
    return [(name, is_pending) for name, is_pending in configs if name]


def _variants_of(config: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(variant, model, shadow) of a config. A variant of inference components names no model."""
    rows = []
    for key, shadow in (("ProductionVariants", False), ("ShadowProductionVariants", True)):
        for variant in config.get(key) or []:
            model = str(variant.get("ModelName") or "")
            if model:
                rows.append((str(variant.get("VariantName") or ""), model, shadow))
    return rows
