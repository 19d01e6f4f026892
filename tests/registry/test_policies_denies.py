"""What would make our statements not work, or grant more than they seem to."""

from __future__ import annotations

import pytest

from app.registry.crossaccount import policies
from app.registry.crossaccount.denies import cancelling_denies, deny_findings, patterns_overlap

BUCKET = "b-1"
REGISTRY = "123456789012"
OURS = policies.s3_statements(BUCKET, "churn/", REGISTRY)


def _deny(**fields) -> dict:
    return {"Sid": "NoReads", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": f"arn:aws:s3:::{BUCKET}/*", **fields}


@pytest.mark.parametrize("fields", [
    {},
    {"Action": "s3:Get*"},
    {"Action": ["s3:PutObject", "S3:GETOBJECT"]},
    {"Principal": {"AWS": "*"}},
    {"Principal": {"AWS": REGISTRY}},
    {"Principal": {"AWS": f"arn:aws:iam::{REGISTRY}:root"}},
    {"Principal": {"AWS": [f"arn:aws:iam::{REGISTRY}:role/Deployer"]}},  # a role of the account we grant to
    {"Resource": f"arn:aws:s3:::{BUCKET}/churn/private/*"},
    {"Resource": "arn:aws:s3:::*/churn/*"},
    {"NotAction": "s3:PutObject"},
])
def test_a_deny_that_matches_our_principal_actions_and_resources_cancels_ours(fields):
    found = cancelling_denies({"Statement": [_deny(**fields)]}, OURS)
    assert [(d.sid, d.ours, d.conditional) for d in found] == [("NoReads", policies.SID_S3_READ_OBJECTS, False)]
    assert "s3:GetObject" in found[0].actions
    assert "explicit Deny always wins" in found[0].message


@pytest.mark.parametrize("fields", [
    {"Principal": {"AWS": "arn:aws:iam::999999999999:root"}},
    {"Principal": {"Service": "cloudtrail.amazonaws.com"}},
    {"Action": "s3:PutObject"},
    {"Action": "s3:List*"},
    {"Resource": f"arn:aws:s3:::{BUCKET}/reports/*"},
    {"Resource": "arn:aws:s3:::other-bucket/*"},
    {"NotAction": "s3:Get*"},
    {"Effect": "Allow"},
])
def test_a_deny_that_misses_ours_is_not_flagged(fields):
    assert cancelling_denies({"Statement": [_deny(**fields)]}, OURS) == []


def test_a_deny_under_a_condition_is_a_warning_of_its_own():
    deny = _deny(Condition={"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})
    found = cancelling_denies({"Statement": [deny]}, OURS)
    assert [d.conditional for d in found] == [True]
    assert "when its Condition holds" in found[0].message
    assert [f.blocking for f in deny_findings({"Statement": [deny]}, OURS)] == [False]


def test_a_repository_deny_without_resource_cancels_our_pull():
    ours = policies.ecr_statements(REGISTRY)
    deny = {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "ecr:BatchGetImage"}
    found = cancelling_denies({"Statement": [deny]}, ours)
    assert [(d.sid, d.actions) for d in found] == [("", ("ecr:BatchGetImage",))]
    assert found[0].message.startswith("A Deny statement without a Sid denies ecr:BatchGetImage")


def test_patterns_overlap_when_some_key_matches_both():
    assert patterns_overlap("arn:aws:s3:::b/runs/*", "arn:aws:s3:::b/*/private/*")
    assert patterns_overlap("a?c", "*c")
    assert not patterns_overlap("arn:aws:s3:::b/runs/*", "arn:aws:s3:::b/logs/*")
    assert not patterns_overlap("abc", "abd")


def test_a_prefix_without_a_trailing_slash_is_warned_about():
    message = policies.prefix_warning("runs/2026-11")
    assert message and "runs/2026-11-private/" in message and "'runs/2026-11/'" in message
    assert policies.prefix_warning("runs/2026-11/") is None
    assert policies.prefix_warning("") is None


def test_the_wildcard_principal_message_suggests_the_users_training_account():
    message = policies.check_principal("arn:aws:iam::*:root", "333344445555")
    assert "arn:aws:iam::333344445555:root" in message and "210987654321" not in message
    typed = policies.check_principal("arn:aws:iam::444455556666:role/*")
    assert "arn:aws:iam::444455556666:root" in typed and "210987654321" not in typed
    unknown = policies.check_principal("*")
    assert "210987654321" not in unknown and "arn:aws:iam::ACCOUNT:root" in unknown


def test_the_usual_refusal_of_plain_http_is_not_flagged():
    deny = _deny(Condition={"Bool": {"aws:SecureTransport": "false"}})
    assert cancelling_denies({"Statement": [deny]}, OURS) == []
    either = _deny(Condition={"Bool": {"aws:SecureTransport": "false", "aws:ViaAWSService": "false"}})
    assert [d.conditional for d in cancelling_denies({"Statement": [either]}, OURS)] == [True]
