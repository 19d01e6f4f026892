"""Who is calling, whose resource an ARN names, and whether its group policy lets them.

moto picks the account of a request from its access key: keys handed out by
``sts.assume_role`` belong to the account of the assumed role's ARN. The group owner's
resource policy is the only thing consulted across accounts, as with a resource-based
policy on AWS; within one account nothing is checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from moto.iam.models import iam_backends
from moto.sagemaker.exceptions import SagemakerClientError
from moto.sagemaker.models import ModelPackageGroup, SageMakerModelBackend, sagemaker_backends
from moto.sts.models import sts_backends
from moto.utilities.utils import get_partition

from .policy import allows
from .state import extras

_ARN = re.compile(r"^arn:(aws[a-z-]*):sagemaker:([a-z0-9-]+):(\d{12}):([a-z-]+)/(.+)$")


class AccessDeniedException(SagemakerClientError):
    code = "AccessDeniedException"


@dataclass(frozen=True)
class SageMakerArn:
    partition: str
    region: str
    account: str
    resource_type: str
    resource: str  # everything after "type/", e.g. "churn-prediction/3"

    @property
    def group_name(self) -> str:
        """The group part of a group ARN or versioned package ARN."""
        return self.resource.split("/")[0]


def parse_arn(value: Any) -> SageMakerArn | None:
    """The parts of a SageMaker ARN, or None for a plain name."""
    match = _ARN.match(value) if isinstance(value, str) else None
    return SageMakerArn(*match.groups()) if match else None


def local_name(backend: SageMakerModelBackend, value: str) -> str:
    """A name for ``backend``: its own group ARNs become names, anything else stays."""
    arn = parse_arn(value)
    if arn and arn.account == backend.account_id and arn.resource_type == "model-package-group":
        return arn.resource
    return value


def owner_backend(arn: SageMakerArn) -> SageMakerModelBackend:
    return sagemaker_backends[arn.account][arn.region]


def find_group(backend: SageMakerModelBackend, name: str) -> ModelPackageGroup | None:
    """A group by name; package ARNs carry the group name lower-cased."""
    group = backend.model_package_groups.get(name)
    if group is None:
        lowered = name.lower()
        for candidate in backend.model_package_groups.values():
            if candidate.model_package_group_name.lower() == lowered:
                return candidate
    return group


def caller_arn(account_id: str, access_key: str, region: str) -> str:
    """The identity behind an access key, as AWS names it in AccessDenied messages."""
    partition = get_partition(region)
    role = sts_backends[account_id][partition].get_assumed_role_from_access_key(access_key)
    if role is not None:
        return role.arn
    user = iam_backends[account_id][partition].get_user_from_access_key_id(access_key)
    if user is not None:
        return user.arn
    return f"arn:{partition}:iam::{account_id}:root"


@dataclass(frozen=True)
class Caller:
    account: str
    arn: str

    @classmethod
    def of(cls, response: Any) -> Caller:
        """The caller of a moto response handler's current request."""
        account = response.current_account
        return cls(account, caller_arn(account, response.access_key, response.region))


def require(
    caller: Caller,
    owner: SageMakerModelBackend,
    group: ModelPackageGroup | None,
    action: str,
    resources: list[str],
) -> None:
    """Raise AccessDenied unless the group's policy allows ``action`` on a resource."""
    policy = extras(owner).policies.get(group.model_package_group_name) if group else None
    if allows(policy, caller.account, action, resources, caller.arn):
        return
    raise AccessDeniedException(
        f"User: {caller.arn} is not authorized to perform: {action} on resource: "
        f"{resources[0]} because no resource-based policy allows the {action} action"
    )


def package_wildcard(owner: SageMakerModelBackend, group_name: str) -> str:
    """The resource pattern AWS documents for all versions of a group."""
    partition = get_partition(owner.region_name)
    return (
        f"arn:{partition}:sagemaker:{owner.region_name}:{owner.account_id}:"
        f"model-package/{group_name.lower()}/*"
    )


def package_arn(owner: SageMakerModelBackend, group_name: str, version: int) -> str:
    return package_wildcard(owner, group_name)[:-1] + str(version)
