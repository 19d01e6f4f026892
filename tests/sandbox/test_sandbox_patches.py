"""Which operations the sandbox adds to moto, so a moto upgrade that brings one is noticed."""

from __future__ import annotations

import json
import subprocess
import sys

import boto3
from moto import mock_aws
from moto.cloudtrail.models import CloudTrailBackend
from moto.cloudtrail.responses import CloudTrailResponse
from moto.ram.models import ResourceAccessManagerBackend
from moto.ram.responses import ResourceAccessManagerResponse
from moto.sagemaker.models import SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse

from app.sandbox import patches

SIX = {
    "put_model_package_group_policy",
    "get_model_package_group_policy",
    "delete_model_package_group_policy",
    "delete_model_package",
    "delete_model_package_group",
    "batch_describe_model_package",
}
CLOUDTRAIL = {"lookup_events"}
RAM = {
    "promote_resource_share_created_from_policy",
    "list_resource_share_permissions",
    "promote_permission_created_from_policy",
    "delete_permission",
}

# Run in a fresh interpreter: this session's fixtures may have installed already.
_FIRST_INSTALL = """
import json
from moto.sagemaker.models import SageMakerModelBackend
from moto.sagemaker.responses import SageMakerResponse
from moto.cloudtrail.models import CloudTrailBackend
from moto.cloudtrail.responses import CloudTrailResponse
from moto.ram.models import ResourceAccessManagerBackend
from moto.ram.responses import ResourceAccessManagerResponse
from app.sandbox import patches
missing = [n for n in patches.ADDED_OPERATIONS
           if not hasattr(SageMakerResponse, n) and not hasattr(SageMakerModelBackend, n)]
missing += [n for n in patches.ADDED_CLOUDTRAIL_OPERATIONS
            if not hasattr(CloudTrailResponse, n) and not hasattr(CloudTrailBackend, n)]
missing += [n for n in patches.ADDED_RAM_OPERATIONS
            if not hasattr(ResourceAccessManagerResponse, n) and not hasattr(ResourceAccessManagerBackend, n)]
first = patches.install()
second = patches.install()
print(json.dumps({"missing": missing, "first": first, "second": second}))
"""


def _fresh_install() -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_INSTALL], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_added_operations_are_exactly_the_eleven_moto_lacks() -> None:
    assert set(patches.ADDED_OPERATIONS) == SIX
    assert set(patches.ADDED_CLOUDTRAIL_OPERATIONS) == CLOUDTRAIL
    assert set(patches.ADDED_RAM_OPERATIONS) == RAM
    result = _fresh_install()
    # moto 5.2.5 has none of them; if this fails, moto now ships one: drop ours.
    assert set(result["missing"]) == SIX | CLOUDTRAIL | RAM
    first = set(result["first"])
    assert first & (SIX | CLOUDTRAIL | RAM) == SIX | CLOUDTRAIL | RAM
    assert first - SIX - CLOUDTRAIL - RAM == set(patches.PATCHED_OPERATIONS)


def test_install_is_idempotent() -> None:
    result = _fresh_install()
    assert result["second"] == []
    patches.install()
    assert patches.install() == []


def test_every_added_operation_exists_on_motos_classes_after_install() -> None:
    patches.install()
    for name in SIX:
        assert callable(getattr(SageMakerResponse, name))
        assert callable(getattr(SageMakerModelBackend, name))
    for name in CLOUDTRAIL:
        assert callable(getattr(CloudTrailResponse, name))
        assert callable(getattr(CloudTrailBackend, name))
    for name in RAM:
        assert callable(getattr(ResourceAccessManagerResponse, name))
        assert callable(getattr(ResourceAccessManagerBackend, name))


def test_the_same_install_serves_mock_aws_in_process() -> None:
    patches.install()
    with mock_aws():
        sm = boto3.client(
            "sagemaker",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        sm.create_model_package_group(ModelPackageGroupName="churn-prediction")
        sm.put_model_package_group_policy(
            ModelPackageGroupName="churn-prediction", ResourcePolicy='{"Statement": []}'
        )
        policy = sm.get_model_package_group_policy(ModelPackageGroupName="churn-prediction")
        assert policy["ResourcePolicy"] == '{"Statement": []}'
        sm.delete_model_package_group_policy(ModelPackageGroupName="churn-prediction")
        sm.delete_model_package_group(ModelPackageGroupName="churn-prediction")
        assert sm.list_model_package_groups()["ModelPackageGroupSummaryList"] == []
