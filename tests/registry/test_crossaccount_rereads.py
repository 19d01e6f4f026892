"""Apply and rollback re-read before they write: an edit made meanwhile is never erased, and
whatever any attempt wrote stays restorable."""

from __future__ import annotations

import json
from typing import Any

from botocore.awsrequest import AWSResponse

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.crossaccount.apply import DONE, EARLIER, FAILED, REFUSED, RESTORED, apply_plan
from app.registry.crossaccount.plan import make_plan
from app.registry.crossaccount.record import RollbackRecord
from app.registry.crossaccount.rollback import rollback
from app.registry.crossaccount.semantic import ADDED, KEPT
from app.sandbox.seed import TRAINING_BUCKET, training_credentials
from app.sandbox.session import sandbox_client

from . import test_crossaccount as setup
from .test_crossaccount import GROUP, REPOSITORY, _choice, _documents, _seed_unrelated

seeded, training = setup.seeded, setup.training  # the same two-account fixtures

FOREIGN = {
    "Sid": "AddedAfterReview",
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
    "Action": "s3:GetObject",
    "Resource": f"arn:aws:s3:::{TRAINING_BUCKET}/reports/*",
}


def _someone_else(endpoint: str, service: str) -> Any:
    """A client of the training account that is not the application's: another person's."""
    return sandbox_client(endpoint, service, credentials=training_credentials(endpoint))


def _add_foreign_statement(endpoint: str) -> None:
    s3 = _someone_else(endpoint, "s3")
    document = json.loads(s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"])
    document["Statement"].append(FOREIGN)
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=json.dumps(document))


def _statement_sids(text: str | None) -> list[str]:
    return [s.get("Sid", "") for s in json.loads(text)["Statement"]] if text else []


def test_a_statement_added_after_the_review_is_never_erased(connection, training, seeded, endpoint):
    before = _seed_unrelated(connection, training)
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    assert [s.kind for s in plan.steps] == ["ecr", "s3", "group", "ram"]
    _add_foreign_statement(endpoint)

    events = []
    outcome = apply_plan(plan, events.append)

    assert [(e.index, e.status) for e in events if e.status != "running"] == [(0, DONE), (1, REFUSED)]
    assert not outcome.ok and outcome.refused.index == 1
    after = _documents(connection, training)
    assert "AddedAfterReview" in _statement_sids(after["s3"]), "their statement was erased"
    assert after["group"] == before["group"], "a step after the refused one ran"
    rows = {row.label: row.status for row in outcome.refused.rows}
    assert rows["AddedAfterReview"] == ADDED and rows["KeepMe"] == KEPT
    # The step before stays restorable.
    assert [s.key for s in outcome.record.saved] == [("ecr", REPOSITORY)]
    rollback(outcome.record)
    assert _documents(connection, training)["ecr"] == before["ecr"]


def test_the_same_statements_reformatted_count_as_unchanged(connection, training, seeded, endpoint):
    _seed_unrelated(connection, training)
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    s3 = _someone_else(endpoint, "s3")
    document = json.loads(s3.get_bucket_policy(Bucket=TRAINING_BUCKET)["Policy"])
    statement = document["Statement"][0]
    # Keys reordered, a one-element list for a string, pretty-printed: the same policy.
    reordered = {"Statement": [dict(reversed(list(statement.items())), Action=[statement["Action"]])],
                 "Version": document["Version"]}
    s3.put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=json.dumps(reordered, indent=4))
    outcome = apply_plan(plan)
    assert outcome.ok, outcome.refused


def test_a_grant_added_after_the_review_refuses_the_kms_step(connection, training, seeded, endpoint):
    plan = make_plan(_choice(connection, training, seeded))
    key_id = seeded.kms_key_ids["210987654321"]
    _someone_else(endpoint, "kms").create_grant(
        KeyId=key_id, GranteePrincipal="arn:aws:iam::444455556666:root", Operations=["Decrypt"], Name="audit")
    outcome = apply_plan(plan)
    assert outcome.refused is not None and plan.steps[outcome.refused.index].kind == "kms"
    assert [(r.label, r.status) for r in outcome.refused.rows] == [
        ("audit (arn:aws:iam::444455556666:root)", ADDED)]
    grants = session_for(training).client("kms").list_grants(KeyId=key_id)["Grants"]
    assert [g["Name"] for g in grants] == ["audit"], "our grant was created anyway"


def test_rollback_refuses_to_overwrite_an_edit_made_after_apply_unless_confirmed(
        connection, training, seeded, endpoint):
    before = _seed_unrelated(connection, training)
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    outcome = apply_plan(plan)
    assert outcome.ok
    _add_foreign_statement(endpoint)

    first = rollback(outcome.record)

    assert {e.key[0]: e.status for e in first.events} == {"ram": RESTORED, "group": RESTORED, "s3": REFUSED,
                                                           "ecr": RESTORED}
    refused = first.refused[0]
    assert {row.label: row.status for row in refused.rows}["AddedAfterReview"] == ADDED
    assert "AddedAfterReview" in _statement_sids(_documents(connection, training)["s3"])
    assert [s.key for s in outcome.record.saved] == [("s3", TRAINING_BUCKET)]

    second = rollback(outcome.record, confirmed={("s3", TRAINING_BUCKET)})
    assert [e.status for e in second.events] == [RESTORED] and second.ok
    assert _documents(connection, training) == before


def expire(client: Any, operation: str) -> Any:
    """`operation` answers as AWS does once the session's token has expired; returns the hook."""
    def answer(**_kwargs: Any) -> tuple[AWSResponse, dict[str, Any]]:
        return AWSResponse("https://aws.amazon.com", 400, {}, None), {
            "Error": {"Code": "ExpiredTokenException", "Message": "The security token included in the "
                      "request is expired"}, "ResponseMetadata": {"HTTPStatusCode": 400}}

    event = f"before-call.{client.meta.service_model.service_id.hyphenize()}.{operation}"
    client.meta.events.register(event, answer)
    return lambda: client.meta.events.unregister(event, answer)


def test_every_attempt_stays_restorable(connection, training: Connection, seeded):
    ecr_before = _seed_unrelated(connection, training)["ecr"]
    session_for(training).client("s3").delete_bucket_policy(Bucket=TRAINING_BUCKET)
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    sagemaker = session_for(connection).client("sagemaker")
    sagemaker.delete_model_package_group(ModelPackageGroupName=GROUP)
    record = RollbackRecord()
    first = apply_plan(plan, record=record)
    assert first.failed == 2 and first.done == [0, 1]

    sagemaker.create_model_package_group(ModelPackageGroupName=GROUP)  # the user fixes the cause
    restore_session = expire(session_for(training).client("ecr"), "GetRepositoryPolicy")
    events = []
    second = apply_plan(plan, events.append, record=record)
    assert second.failed == 0 and events[-1].status == FAILED
    assert [s.key[0] for s in record.saved] == ["ecr", "s3"], "the first attempt's writes were forgotten"

    restore_session()  # signed in again
    # The recreated group lost its policy since the plan: that step is refused, so plan again.
    assert apply_plan(plan, record=record).refused.index == 2
    third = apply_plan(make_plan(plan.choice), record=record)
    assert third.ok and third.done == [2, 3]
    assert [s.key[0] for s in record.saved] == ["ecr", "s3", "group", "ram"]
    rolled = rollback(record)
    assert rolled.ok and not record
    assert _documents(connection, training) == {"ecr": ecr_before, "s3": None, "group": None}


def test_a_retry_notes_what_an_earlier_attempt_wrote(connection, training, seeded):
    plan = make_plan(_choice(connection, training, seeded, kms=False))
    sagemaker = session_for(connection).client("sagemaker")
    sagemaker.delete_model_package_group(ModelPackageGroupName=GROUP)
    record = RollbackRecord()
    apply_plan(plan, record=record)
    sagemaker.create_model_package_group(ModelPackageGroupName=GROUP)
    events = []
    assert apply_plan(plan, events.append, record=record).ok
    assert [(e.index, e.note) for e in events if e.status == DONE] == [(0, EARLIER), (1, EARLIER), (2, ""), (3, "")]


def test_rollback_after_a_new_plan_keeps_an_edit_made_between_attempts(connection, training, seeded, endpoint):
    """Someone adds a statement between two attempts and the user plans again: the second
    write carries their statement, so rollback takes out only ours."""
    _seed_unrelated(connection, training)
    choice = _choice(connection, training, seeded, kms=False)
    record = RollbackRecord()
    assert apply_plan(make_plan(choice), record=record).ok
    _add_foreign_statement(endpoint)
    # Our statement is replaced too (a second run with another prefix), over their edit.
    replanned = make_plan(_choice(connection, training, seeded, kms=False, prefix="churn/v2/"))
    assert apply_plan(replanned, record=record).ok
    assert rollback(record).ok
    sids = _statement_sids(_documents(connection, training)["s3"])
    assert sids == ["KeepMe", "AddedAfterReview"]
