"""Names and policies the sandbox tests share."""

from __future__ import annotations

import json
from typing import Any

MAIN = "123456789012"
TRAINING = "210987654321"

SPEC = {
    "Containers": [{"Image": f"{MAIN}.dkr.ecr.us-east-1.amazonaws.com/churn-xgboost:1.7-1"}],
    "SupportedContentTypes": ["text/csv"],
    "SupportedResponseMIMETypes": ["text/csv"],
}


def group_arn(account: str, name: str) -> str:
    return f"arn:aws:sagemaker:us-east-1:{account}:model-package-group/{name}"


def package_arn(account: str, group: str, version: int) -> str:
    return f"arn:aws:sagemaker:us-east-1:{account}:model-package/{group}/{version}"


def share_policy(owner: str, group: str, reader: str, actions: list[str]) -> str:
    """A group policy granting ``reader`` ``actions`` on the group and its versions."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{reader}:root"},
                    "Action": actions,
                    "Resource": [
                        group_arn(owner, group),
                        f"arn:aws:sagemaker:us-east-1:{owner}:model-package/{group}/*",
                    ],
                }
            ],
        }
    )


def promote_shares(ram: Any, group: str, owner: str = MAIN) -> list[str]:
    """Promote the AWS RAM share(s) made from ``group``'s policy, as its owner; their ARNs."""
    associations = ram.get_resource_share_associations(
        associationType="RESOURCE", resourceArn=group_arn(owner, group)
    )["resourceShareAssociations"]
    arns = [a["resourceShareArn"] for a in associations]
    for arn in arns:
        promote_permissions(ram, arn, f"promoted-{group}")
        ram.promote_resource_share_created_from_policy(resourceShareArn=arn)
    return arns


def promote_permissions(ram: Any, share_arn: str, name: str) -> list[str]:
    """Promote the share's CREATED_FROM_POLICY permission(s); the new permissions' ARNs."""
    made = []
    for permission in ram.list_resource_share_permissions(resourceShareArn=share_arn)["permissions"]:
        if permission["featureSet"] == "CREATED_FROM_POLICY":
            made.append(ram.promote_permission_created_from_policy(
                permissionArn=permission["arn"], name=name)["permission"]["arn"])
    return made
