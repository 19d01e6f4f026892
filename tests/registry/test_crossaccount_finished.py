"""The cross-account setup finished: no key only knowingly, the AWS RAM share promoted (and
undone), and read access for deploying on request."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount import share
from app.registry.crossaccount.apply import DONE, FAILED, RESTORED, apply_plan
from app.registry.crossaccount.export import SCRIPT_NAME, export_files
from app.registry.crossaccount.plan import RAM, check_choice, make_plan
from app.registry.crossaccount.policies import DEPLOY_READ_ACTIONS, SID_GROUP_DEPLOY_READ
from app.registry.crossaccount.rollback import rollback
from app.registry.crossaccount.verify import verify
from app.registry.errors import RegistryError

from ..sandbox.sandbox_helpers import promote_shares
from . import test_crossaccount as setup
from .conftest import MAIN_ACCOUNT, OTHER_ACCOUNT
from .test_crossaccount import GROUP, _choice, _documents, _seed_unrelated

seeded, training = setup.seeded, setup.training  # the same two-account fixtures
GROUP_ARN = f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package-group/{GROUP}"


def _listed_for_training(training: Any) -> list[str]:
    found = session_for(training).client("sagemaker").list_model_package_groups(
        CrossAccountFilterOption="CrossAccount")["ModelPackageGroupSummaryList"]
    return [g["ModelPackageGroupArn"] for g in found]


def _group_policy(connection: Any) -> dict[str, Any]:
    text = session_for(connection).client("sagemaker").get_model_package_group_policy(
        ModelPackageGroupName=GROUP)["ResourcePolicy"]
    return json.loads(text)


# -- no KMS key -------------------------------------------------------------------------------


def test_no_key_is_refused_unless_chosen_knowingly(connection, training, seeded):
    silent = _choice(connection, training, seeded, kms=False, without_key=False)
    problems = check_choice(silent)
    assert any("KMS key" in p and "documented setup requires one" in p for p in problems)
    with pytest.raises(RegistryError) as refused:
        make_plan(silent)
    assert "customer-managed KMS key" in str(refused.value)
    assert _documents(connection, training) == {"ecr": None, "s3": None, "group": None}


def test_going_on_without_a_key_is_remembered_in_the_plan_and_the_export(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    assert plan.choice.without_key and "kms" not in [s.kind for s in plan.steps]
    script = export_files(plan)[SCRIPT_NAME]
    header = script.split('"""')[1]
    assert "No KMS key" in header and "deploying a" in header and "chosen knowingly" in header
    compile(script, SCRIPT_NAME, "exec")
    with_key = export_files(make_plan(_choice(connection, training, seeded)))[SCRIPT_NAME]
    assert "No KMS key" not in with_key


# -- the AWS RAM share ------------------------------------------------------------------------


def test_the_share_is_promoted_verified_discoverable_and_rolled_back(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded))
    step = plan.steps[-1]
    assert step.kind == RAM and step.changed and step.current is None  # no policy yet, so no share
    assert json.loads(step.proposed or "")["FeatureSet"] == "STANDARD"
    assert any("ram:DeleteResourceShare" in f.message for f in step.findings)
    assert GROUP_ARN not in _listed_for_training(training)

    events = []
    outcome = apply_plan(plan, events.append)

    assert outcome.ok and [(e.index, e.status) for e in events if e.status == DONE][-1] == (4, DONE)
    found = share.find_share(session_for(connection), GROUP_ARN)
    assert found is not None and found.feature_set == "STANDARD" and found.shares_with(OTHER_ACCOUNT)
    assert _listed_for_training(training) == [GROUP_ARN]
    # No managed permission matched the policy's: its permission was promoted first, and recorded.
    [permission] = outcome.record.find((RAM, GROUP_ARN)).created  # type: ignore[union-attr]
    assert permission.endswith(f":permission/{share.permission_name(GROUP_ARN)}")
    checks = verify(plan)
    assert all(c.ok for c in checks), [c.detail for c in checks if not c.ok]
    assert checks[-1].detail == "The training account lists the group among those shared with it."

    restored = rollback(outcome.record)

    assert restored.ok and [e.key[0] for e in restored.events][0] == "ram"
    assert {e.status for e in restored.events} == {RESTORED}
    assert share.find_share(session_for(connection), GROUP_ARN) is None
    assert _listed_for_training(training) == []
    assert _documents(connection, training) == {"ecr": None, "s3": None, "group": None}
    with pytest.raises(ClientError, match="UnknownResourceException"):  # the permission is gone too
        session_for(connection).client("ram").delete_permission(permissionArn=permission)


def test_a_second_run_finds_the_share_promoted_and_verify_notices_when_it_is_gone(connection, training, seeded):
    choice = _choice(connection, training, seeded)
    assert apply_plan(make_plan(choice)).ok
    again = make_plan(choice)
    ram_step = again.steps[-1]
    assert ram_step.kind == RAM and not ram_step.changed
    assert json.loads(ram_step.current or "")["FeatureSet"] == "STANDARD"
    found = share.find_share(session_for(connection), GROUP_ARN)
    share.delete(session_for(connection), found.arn)  # type: ignore[union-attr]
    checks = {c.title: c for c in verify(again)}
    assert not checks[ram_step.title].ok
    listed = next(c for title, c in checks.items() if title.startswith("List groups shared with"))
    assert not listed.ok and "does not list the group" in listed.detail


def test_a_policy_ram_cannot_promote_fails_the_step_and_says_why(connection, training, seeded):
    before = _seed_unrelated(connection, training)
    conditional = json.loads(before["group"])
    conditional["Statement"][0]["Condition"] = {"Bool": {"aws:SecureTransport": "true"}}
    session_for(connection).client("sagemaker").put_model_package_group_policy(
        ModelPackageGroupName=GROUP, ResourcePolicy=json.dumps(conditional))
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    events = []
    outcome = apply_plan(plan, events.append)
    assert outcome.failed == len(plan.steps) - 1 and events[-1].status == FAILED
    assert events[-1].error.startswith("AWS RAM refused to promote the share made from the group policy")
    assert "no Condition" in events[-1].error
    assert _listed_for_training(training) == []
    assert rollback(outcome.record).ok  # the policy and the rest come back; nothing was promoted


def test_a_role_principal_gets_no_promotion_step_but_is_told_why(connection, training, seeded):
    role = f"arn:aws:iam::{OTHER_ACCOUNT}:role/Trainer"
    plan = make_plan(_choice(connection, training, seeded, training_principal=role))
    assert RAM not in [s.kind for s in plan.steps]
    group_step = plan.steps[-1]
    assert any("will not be discoverable" in f.message and "PromoteResourceShareCreatedFromPolicy" in f.message
               for f in group_step.findings)


# -- read access for deploying ----------------------------------------------------------------


def _versions_as_training(training: Any) -> Any:
    return session_for(training).client("sagemaker").list_model_packages(ModelPackageGroupName=GROUP_ARN)


def test_read_access_is_off_by_default(connection, training, seeded):
    assert apply_plan(make_plan(_choice(connection, training, seeded))).ok
    sids = [s["Sid"] for s in _group_policy(connection)["Statement"]]
    assert SID_GROUP_DEPLOY_READ not in sids
    with pytest.raises(Exception, match="not authorized to perform: sagemaker:ListModelPackages"):
        _versions_as_training(training)


def test_read_access_adds_its_statement_and_keeps_the_existing_ones(connection, training, seeded):
    before = json.loads(_seed_unrelated(connection, training)["group"])["Statement"]
    plan = make_plan(_choice(connection, training, seeded, deploy_read=True))
    assert apply_plan(plan).ok
    statements = _group_policy(connection)["Statement"]
    assert statements[0] == before[0]  # AuditRead, exactly as it was
    read = next(s for s in statements if s["Sid"] == SID_GROUP_DEPLOY_READ)
    assert read["Action"] == list(DEPLOY_READ_ACTIONS)
    assert read["Principal"] == {"AWS": f"arn:aws:iam::{OTHER_ACCOUNT}:root"}
    assert read["Resource"] == [GROUP_ARN, f"arn:aws:sagemaker:us-east-1:{MAIN_ACCOUNT}:model-package/{GROUP}/*"]
    assert _versions_as_training(training)["ModelPackageSummaryList"] == []  # allowed now, and empty
    assert all(c.ok for c in verify(plan))
    rollback(apply_plan(make_plan(plan.choice)).record)  # nothing left to write: nothing recorded
    assert SID_GROUP_DEPLOY_READ in [s["Sid"] for s in _group_policy(connection)["Statement"]]


def test_a_group_already_shared_through_another_standard_share_is_said_not_promoted(connection, training, seeded):
    before = _seed_unrelated(connection, training)  # AuditRead: account 111122223333
    ram = session_for(connection).client("ram")
    promote_shares(ram, GROUP, MAIN_ACCOUNT)  # someone shared the group with that account only
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    assert plan.steps[-1].changed  # promoted, but not for the training account
    events = []
    outcome = apply_plan(plan, events.append)
    assert events[-1].status == FAILED and "does not list account 210987654321" in events[-1].error
    assert _listed_for_training(training) == []
    assert rollback(outcome.record).ok
    assert _documents(connection, training)["group"] == before["group"]


def test_a_profile_that_may_not_read_ram_can_still_plan(connection, training, seeded):
    from .test_crossaccount import deny

    deny(session_for(connection).client("ram"), "GetResourceShareAssociations")
    plan = make_plan(_choice(connection, training, seeded))
    ram_step = plan.steps[-1]
    assert ram_step.kind == RAM and ram_step.changed and not plan.blocking
    assert any(f.message.startswith("The AWS RAM shares could not be read (Access denied")
               for f in ram_step.findings)
