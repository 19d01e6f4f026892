"""The cross-account setup against two sandbox accounts (the training one through assume_role)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.crossaccount.apply import DONE, FAILED, RESTORED, UNCHANGED, apply_plan
from app.registry.crossaccount.export import SCRIPT_NAME, export_files, write_export
from app.registry.crossaccount.plan import Choice, make_plan
from app.registry.crossaccount.policies import SID_S3_READ_OBJECTS
from app.registry.crossaccount.rollback import rollback
from app.registry.crossaccount.verify import check_cross_account, verify
from app.registry.errors import RegistryError
from app.sandbox.seed import TRAINING_BUCKET, seed, training_credentials

from .conftest import MAIN_ACCOUNT, OTHER_ACCOUNT, sandbox_connection

GROUP = "cross-account-target"
REPOSITORY = "churn-training"

UNRELATED = {
    "Sid": "KeepMe",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
    "Action": "s3:ListBucket",
    "Resource": f"arn:aws:s3:::{TRAINING_BUCKET}",
}


@pytest.fixture
def seeded(endpoint: str) -> Any:
    summary = seed(endpoint)
    session_for(sandbox_connection(endpoint)).client("sagemaker").create_model_package_group(
        ModelPackageGroupName=GROUP)
    return summary


@pytest.fixture
def training(endpoint: str, seeded: Any) -> Connection:
    keys = training_credentials(endpoint)
    return sandbox_connection(
        endpoint, access_key_id=keys["aws_access_key_id"], secret_access_key=keys["aws_secret_access_key"],
        session_token=keys["aws_session_token"], label="sandbox-training")


def _choice(connection: Connection, training: Connection, seeded: Any, *, kms: bool = True, **extra: Any) -> Choice:
    fields: dict[str, Any] = {
        "registry": connection, "training": training, "group_name": GROUP,
        "repositories": (REPOSITORY,), "bucket": TRAINING_BUCKET, "prefix": "churn/",
        "kms_key_id": seeded.kms_key_ids[OTHER_ACCOUNT] if kms else "", "without_key": not kms,
    }
    fields.update(extra)
    return Choice(**fields)


def _documents(connection: Connection, training: Connection) -> dict[str, str | None]:
    """Every document as stored, byte for byte (None when there is none)."""
    t, r = session_for(training), session_for(connection)
    found: dict[str, str | None] = {}
    for name, read in (
        ("ecr", lambda: t.client("ecr").get_repository_policy(repositoryName=REPOSITORY)["policyText"]),
        ("s3", lambda: t.client("s3").get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"]),
        ("group", lambda: r.client("sagemaker").get_model_package_group_policy(
            ModelPackageGroupName=GROUP)["ResourcePolicy"]),
    ):
        try:
            found[name] = read()
        except Exception as error:  # botocore's "no policy" errors differ per service
            assert "olicy" in str(error), error
            found[name] = None
    return found


def _grants(training: Connection, key_id: str) -> list[dict[str, Any]]:
    return session_for(training).client("kms").list_grants(KeyId=key_id)["Grants"]


def _seed_unrelated(connection: Connection, training: Connection) -> dict[str, str]:
    t, r = session_for(training), session_for(connection)
    documents = {
        "s3": json.dumps({"Version": "2012-10-17", "Statement": [UNRELATED]}),
        "ecr": json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "CiPush", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": ["ecr:PutImage"]}]}),
        "group": json.dumps({"Version": "2012-10-17", "Statement": [{
            "Sid": "AuditRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "sagemaker:DescribeModelPackageGroup",
            "Resource": f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/{GROUP}"}]}),
    }
    t.client("s3").put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=documents["s3"])
    t.client("ecr").set_repository_policy(repositoryName=REPOSITORY, policyText=documents["ecr"])
    r.client("sagemaker").put_model_package_group_policy(ModelPackageGroupName=GROUP, ResourcePolicy=documents["group"])
    return documents


def test_unrelated_statements_are_kept_in_bucket_repository_and_group_policies(connection, training, seeded):
    before = _seed_unrelated(connection, training)
    plan = make_plan(_choice(connection, training, seeded))
    assert [s.kind for s in plan.steps] == ["ecr", "s3", "kms", "group", "ram"]  # training first, registry last
    outcome = apply_plan(plan)
    assert outcome.ok and outcome.done == [0, 1, 2, 3, 4]
    after = _documents(connection, training)
    for name, text in before.items():
        kept = json.loads(text)["Statement"][0]
        statements = json.loads(after[name])["Statement"]
        assert statements[0] == kept, f"the {name} policy lost or changed its own statement"
        assert any(s.get("Sid", "").startswith("RegistryDesk") for s in statements)
    s3 = json.loads(after["s3"])["Statement"]
    resources = {s["Sid"]: s["Resource"] for s in s3}
    assert resources[SID_S3_READ_OBJECTS] == f"arn:aws:s3:::{TRAINING_BUCKET}/churn/*"
    assert resources["RegistryDeskCrossAccountReadBucketAcl"] == f"arn:aws:s3:::{TRAINING_BUCKET}"


def test_applying_twice_changes_nothing_the_second_time(connection, training, seeded):
    choice = _choice(connection, training, seeded)
    first = apply_plan(make_plan(choice))
    assert first.ok
    documents = _documents(connection, training)
    second_plan = make_plan(choice)
    assert second_plan.changes == []
    events = []
    second = apply_plan(second_plan, events.append)
    assert second.done == [] and {e.status for e in events} == {UNCHANGED}
    assert _documents(connection, training) == documents
    ours = [g for g in _grants(training, choice.kms_key_id) if g["Name"] == "registry-desk-cross-account"]
    assert len(ours) == 1, "a second run must not add a second grant"


def test_failure_at_the_third_step_rolls_back_steps_one_and_two_exactly(connection, training, seeded):
    ecr_before = _seed_unrelated(connection, training)["ecr"]
    t = session_for(training)
    t.client("s3").delete_bucket_policy(Bucket=TRAINING_BUCKET)  # step two starts from no policy
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    assert [s.kind for s in plan.steps] == ["ecr", "s3", "group", "ram"]
    # A real cause: someone deletes the group between review and apply.
    session_for(connection).client("sagemaker").delete_model_package_group(ModelPackageGroupName=GROUP)
    events = []
    outcome = apply_plan(plan, events.append)
    assert outcome.failed == 2 and outcome.done == [0, 1]
    assert [(e.index, e.status) for e in events if e.status in (DONE, FAILED)] == [(0, DONE), (1, DONE), (2, FAILED)]
    assert events[-1].error.startswith(f"Not found: {GROUP} does not exist")
    assert _documents(connection, training)["s3"] is not None
    restored = rollback(outcome.record)
    assert [(e.key[0], e.status) for e in restored.events] == [("s3", RESTORED), ("ecr", RESTORED)]
    after = _documents(connection, training)
    assert after["ecr"] == ecr_before  # byte for byte
    assert after["s3"] is None  # it did not exist before, so it is gone again


def deny(client: Any, operation: str) -> None:
    """The account answers `operation` as AWS does for a role without that permission (moto
    checks no IAM policy), so what the user reads is what AWS would make them read."""
    from botocore.awsrequest import AWSResponse

    def answer(**_kwargs: Any) -> tuple[AWSResponse, dict[str, Any]]:
        message = f"User: arn:aws:sts::{OTHER_ACCOUNT}:assumed-role/Deployer/s is not authorized to perform: " \
                  f"s3:PutBucketPolicy on resource: arn:aws:s3:::{TRAINING_BUCKET}"
        return AWSResponse("https://s3.amazonaws.com", 403, {}, None), {
            "Error": {"Code": "AccessDenied", "Message": message}, "ResponseMetadata": {"HTTPStatusCode": 403}}

    client.meta.events.register(f"before-call.{client.meta.service_model.service_id.hyphenize()}.{operation}",
                                answer)


def test_a_missing_permission_names_the_action_stops_and_rolls_back(connection, training, seeded):
    before = _seed_unrelated(connection, training)
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    assert [s.kind for s in plan.steps] == ["ecr", "s3", "group", "ram"]
    deny(session_for(training).client("s3"), "PutBucketPolicy")

    events = []
    outcome = apply_plan(plan, events.append)

    assert outcome.failed == 1 and outcome.done == [0]
    assert [(e.index, e.status) for e in events if e.status in (DONE, FAILED)] == [(0, DONE), (1, FAILED)]
    message = events[-1].error
    assert message.startswith(f"Access denied: the profile '{training.display_name}' may not call "
                              f"s3:PutBucketPolicy on {TRAINING_BUCKET}. Ask for that permission")
    assert _documents(connection, training)["group"] == before["group"]  # the registry step never ran
    rollback(outcome.record)
    assert _documents(connection, training)["ecr"] == before["ecr"]


def test_rollback_revokes_the_grant_we_created(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded))
    session_for(connection).client("sagemaker").delete_model_package_group(ModelPackageGroupName=GROUP)
    outcome = apply_plan(plan)
    assert outcome.failed == 3
    assert any(g["Name"] == "registry-desk-cross-account" for g in _grants(training, plan.choice.kms_key_id))
    rollback(outcome.record)
    assert _grants(training, plan.choice.kms_key_id) == []
    assert _documents(connection, training) == {"ecr": None, "s3": None, "group": None}


def test_training_account_can_describe_and_register_only_after_apply(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded))
    before = check_cross_account(plan)
    assert not before.ok and "sagemaker:DescribeModelPackageGroup" in before.detail
    assert apply_plan(plan).ok
    assert all(check.ok for check in verify(plan)), verify(plan)
    sagemaker = session_for(training).client("sagemaker")
    created = sagemaker.create_model_package(
        ModelPackageGroupName=plan.group_arn,
        InferenceSpecification={
            "Containers": [{"Image": f"{OTHER_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{REPOSITORY}:train-1.7-1",
                            "ModelDataUrl": f"s3://{TRAINING_BUCKET}/churn/model.tar.gz"}],
            "SupportedContentTypes": ["text/csv"], "SupportedResponseMIMETypes": ["text/csv"]},
    )["ModelPackageArn"]
    assert created.startswith(f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package/{GROUP}/")


def test_verify_names_a_statement_that_went_missing(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded))
    assert apply_plan(plan).ok
    s3 = session_for(training).client("s3")
    document = json.loads(s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"])
    document["Statement"] = [s for s in document["Statement"] if s["Sid"] != SID_S3_READ_OBJECTS]
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=json.dumps(document))
    checks = {check.title: check for check in verify(plan)}
    bucket = checks[f"S3 bucket policy of {TRAINING_BUCKET}"]
    assert not bucket.ok and SID_S3_READ_OBJECTS in bucket.detail
    assert all(c.ok for title, c in checks.items() if title != bucket.title)


def test_a_malformed_existing_policy_is_reported_and_never_overwritten(connection, training, seeded):
    s3 = session_for(training).client("s3")
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy="{not json")
    plan = make_plan(_choice(connection, training, seeded))
    step = next(s for s in plan.steps if s.kind == "s3")
    assert step.blocked and "not valid JSON" in step.findings[0].message
    assert "will not overwrite" in step.findings[0].message
    with pytest.raises(RegistryError, match="not valid JSON"):
        apply_plan(plan)
    assert s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"] == "{not json"


def test_a_wildcard_principal_is_refused_before_any_call(connection, training, seeded):
    with pytest.raises(RegistryError, match="wildcard"):
        make_plan(_choice(connection, training, seeded, training_principal="arn:aws:iam::*:root"))


def test_a_role_principal_is_flagged_as_not_discoverable(connection, training, seeded):
    role = f"arn:aws:iam::{OTHER_ACCOUNT}:role/RegistryDeskTraining"
    plan = make_plan(_choice(connection, training, seeded, training_principal=role))
    group = plan.steps[-1]
    messages = [f.message for f in group.findings]
    assert any("not be discoverable" in m and "ram:PromoteResourceShareCreatedFromPolicy" in m for m in messages)
    assert not group.blocked  # usable by that role, so a warning, not a refusal


def test_exported_script_applies_the_same_plan(connection, training, seeded, tmp_path, endpoint):
    plan = make_plan(_choice(connection, training, seeded))
    written = write_export(plan, str(tmp_path / "export"))
    assert sorted(os.path.basename(p) for p in written) == sorted(export_files(plan))
    assert len(written) == len(plan.steps) + 1
    credentials = tmp_path / "credentials"
    t = training
    credentials.write_text(
        f"[registry]\naws_access_key_id = {connection.access_key_id}\n"
        f"aws_secret_access_key = {connection.secret_access_key}\n"
        f"[training]\naws_access_key_id = {t.access_key_id}\naws_secret_access_key = {t.secret_access_key}\n"
        f"aws_session_token = {t.session_token}\n")
    env = {**os.environ, "AWS_SHARED_CREDENTIALS_FILE": str(credentials), "NO_PROXY": "127.0.0.1,localhost"}
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env.pop(proxy, None)
    script = tmp_path / "export" / SCRIPT_NAME
    run = subprocess.run(
        [sys.executable, str(script), "--registry-profile", "registry", "--training-profile", "training",
         "--endpoint-url", endpoint], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    assert all(check.ok for check in verify(plan)), verify(plan)
    assert make_plan(plan.choice).changes == []


def test_verify_does_not_say_in_place_when_a_deny_cancels_ours(connection, training, seeded):
    s3 = session_for(training).client("s3")
    deny = {"Sid": "NoOutsideReads", "Effect": "Deny", "Principal": "*", "Action": "s3:Get*",
            "Resource": f"arn:aws:s3:::{TRAINING_BUCKET}/*"}
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [deny]}))
    plan = make_plan(_choice(connection, training, seeded))
    bucket = next(s for s in plan.steps if s.kind == "s3")
    assert any("NoOutsideReads" in f.message and not f.blocking for f in bucket.findings)
    assert apply_plan(plan).ok
    checks = {check.title: check for check in verify(plan)}
    check = checks[f"S3 bucket policy of {TRAINING_BUCKET}"]
    assert not check.ok and "NoOutsideReads" in check.detail and "s3:GetObject" in check.detail


def test_a_prefix_without_a_trailing_slash_is_a_finding_of_the_plan(connection, training, seeded):
    from app.registry.crossaccount.plan import choice_warnings

    choice = _choice(connection, training, seeded, prefix="runs/2026-11")
    assert any("runs/2026-11-private/" in w for w in choice_warnings(choice))
    bucket = next(s for s in make_plan(choice).steps if s.kind == "s3")
    assert [f.blocking for f in bucket.findings if "runs/2026-11-private/" in f.message] == [False]
