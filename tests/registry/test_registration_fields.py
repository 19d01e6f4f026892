"""Every CreateModelPackage field: entered, sent, stored and read back exactly; in files too."""

from __future__ import annotations

import json
import shlex
from dataclasses import replace

import pytest

from app.registry.errors import RegistryError
from app.registry.versions import registration
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.registry.versions.registration_request import CARRIED
from app.sandbox.server import SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY

from .registration_helpers import CARD, full_spec

# What a clone does not repeat, and why (registration_request.py): a new version starts pending,
# without the source's lifecycle stage, and tags belong to the source's ARN.
NOT_CLONED = ("ModelApprovalStatus", "ModelLifeCycle", "Tags")


def test_a_spec_with_every_field_passes_the_checks_without_a_warning():
    assert registration.problems(full_spec()) == []
    assert registration.warnings(full_spec()) == []


def test_every_field_is_stored_exactly_as_entered(session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    request = registration.build_request(full_spec())
    arn = registration.register(session, full_spec())
    stored = sagemaker.describe_model_package(ModelPackageName=arn)
    for key, value in request.items():
        if key != "Tags":  # describe does not return tags; list_tags does
            assert stored.get(key) == value, key
    tags = sagemaker.list_tags(ResourceArn=arn)["Tags"]
    assert tags == request["Tags"]
    containers = stored["InferenceSpecification"]["Containers"]
    assert containers[0]["ModelDataSource"]["S3DataSource"]["S3Uri"] == "s3://models/llm/v2/weights/"
    assert json.loads(stored["ModelCard"]["ModelCardContent"]) == CARD


def test_new_version_from_a_version_with_every_field_makes_the_same_request(session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    arn = registration.register(session, full_spec())
    sagemaker.update_model_package(ModelPackageArn=arn, ModelApprovalStatus="Approved")
    source = sagemaker.describe_model_package(ModelPackageName=arn)
    clone = registration.build_request(registration.spec_from_describe(source))
    expected = {k: v for k, v in registration.build_request(full_spec()).items() if k not in NOT_CLONED}
    assert {k: v for k, v in clone.items() if k != "ModelApprovalStatus"} == expected
    assert clone["ModelApprovalStatus"] == "PendingManualApproval"


def test_a_clone_keeps_the_card_content_and_starts_its_review_as_a_draft(session, sagemaker):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    arn = registration.register(session, full_spec())
    sagemaker.update_model_package(ModelPackageArn=arn, ModelCard={"ModelCardStatus": "Approved"},
                                   ModelLifeCycle={"Stage": "Production", "StageStatus": "Approved"})
    spec = registration.spec_from_describe(sagemaker.describe_model_package(ModelPackageName=arn))
    assert json.loads(spec.model_card_content) == CARD
    assert spec.model_card_status == "Draft"
    assert spec.life_cycle.is_empty and spec.tags == ()


def test_describe_output_members_never_reach_the_clone(sagemaker, session):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    arn = registration.register(session, full_spec())
    source = sagemaker.describe_model_package(ModelPackageName=arn)
    assert {"ModelPackageArn", "CreationTime", "ModelPackageStatus", "CreatedBy"} <= set(source)
    spec = registration.spec_from_describe(source)
    assert set(json.loads(spec.extra)) == {"ModelPackageRegistrationType", "CertifyForMarketplace"}
    assert set(json.loads(spec.extra)) <= set(CARRIED)
    # A plain version: Registered and not certified are AWS's defaults, so nothing is carried.
    plain = registration.register(session, RegistrationSpec("llm", (ContainerSpec("img:1"),)))
    assert registration.spec_from_describe(sagemaker.describe_model_package(ModelPackageName=plain)).extra == ""


def test_a_spec_file_carries_every_field(tmp_path):
    path = tmp_path / "spec.json"
    registration.save_spec(path, full_spec())
    assert json.loads(path.read_text())["version"] == 2
    assert registration.load_spec(path) == full_spec()


def test_a_version_1_file_still_reads(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"format": "registry-desk/registration-spec", "version": 1, "spec": {
        "group": "fraud",
        "containers": [{"image": "img:1", "model_data_url": "s3://m/model.tar.gz",
                        "environment": [["A", "1"]], "hostname": "h", "framework": "", "framework_version": ""}],
        "content_types": ["text/csv"], "response_types": [], "realtime_instance_types": [],
        "transform_instance_types": [], "description": "old", "approval_status": "Approved",
        "customer_metadata": [["team", "risk"]],
        "metrics": [{"kind": "Bias.Report", "s3_uri": "s3://m/bias.json", "content_type": "application/json"}],
        "sample_payload_url": "", "domain": "", "task": "",
    }}))
    spec = registration.load_spec(path)
    assert spec.containers == (ContainerSpec("img:1", "s3://m/model.tar.gz", (("A", "1"),), "h"),)
    assert spec.metrics[0].content_digest == "" and spec.kms_key_id == "" and spec.additional_specs == ()
    assert spec.approval_status == "Approved" and spec.customer_metadata == (("team", "risk"),)


def test_the_cli_command_parsed_back_is_exactly_the_request():
    request = registration.build_request(full_spec())
    words = shlex.split(registration.cli_command(request, region="us-east-1", profile="ml"))
    sent = json.loads(words[words.index("--cli-input-json") + 1])
    assert sent == request
    source = sent["InferenceSpecification"]["Containers"][0]["ModelDataSource"]["S3DataSource"]
    assert source["ModelAccessConfig"] == {"AcceptEula": True}  # a JSON true, not "True"
    assert sent["CertifyForMarketplace"] is True


def test_the_boto3_snippet_registers_every_field(sagemaker, endpoint, monkeypatch, capsys):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    request = registration.build_request(full_spec())
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", SANDBOX_ACCESS_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SANDBOX_SECRET_ACCESS_KEY)
    exec(compile(registration.boto3_snippet(request, region="us-east-1"), "snippet.py", "exec"), {})
    stored = sagemaker.describe_model_package(ModelPackageName=capsys.readouterr().out.strip())
    assert {k: stored.get(k) for k in request if k != "Tags"} == {k: v for k, v in request.items() if k != "Tags"}


def test_nothing_is_sent_while_an_advanced_field_has_a_problem(session, sagemaker, calls):
    sagemaker.create_model_package_group(ModelPackageGroupName="llm")
    bad = replace(full_spec(), kms_key_id="alias/with space")
    with pytest.raises(RegistryError) as caught:
        registration.register(session, bad)
    assert "KMS key may not contain a space" in str(caught.value)
    assert calls.count("CreateModelPackage") == 0
