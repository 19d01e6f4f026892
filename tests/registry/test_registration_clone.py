""""New version from": a version's request read back from its description, field by field."""

from __future__ import annotations

from app.registry.versions import registration

from .conftest import MAIN_ACCOUNT

IMAGE = f"{MAIN_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/llm:2"
PREFIX_SOURCE = {"S3DataSource": {"S3Uri": "s3://models/llm/v2/", "S3DataType": "S3Prefix",
                                  "CompressionType": "None"}}


def test_new_version_from_keeps_a_model_data_source(sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    arn = sagemaker.create_model_package(
        ModelPackageGroupName="llm", ModelApprovalStatus="PendingManualApproval",
        InferenceSpecification={"Containers": [{"Image": IMAGE, "ModelDataSource": PREFIX_SOURCE}]},
    )["ModelPackageArn"]
    source = sagemaker.describe_model_package(ModelPackageName=arn)
    request = registration.build_request(registration.spec_from_describe(source))
    assert request["InferenceSpecification"]["Containers"] == [
        {"Image": IMAGE, "ModelDataSource": PREFIX_SOURCE}]
