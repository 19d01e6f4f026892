"""Policy documents: merge by Sid keeping other statements exactly, checks, side-by-side rows."""

from __future__ import annotations

import json

import pytest

from app.registry.crossaccount import policies
from app.registry.crossaccount.policies import MalformedPolicy

OTHER = {"Sid": "Other", "Effect": "Deny", "Principal": "*", "Action": "s3:DeleteObject",
         "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}


def test_merge_keeps_other_statements_in_place_and_replaces_ours_by_sid():
    ours = policies.s3_statements("bucket-a", "models/", "123456789012")
    stale = dict(ours[0], Action="s3:GetObject")
    current = {"Version": "2012-10-17", "Id": "keep-this-id", "Statement": [OTHER, stale]}
    merged = policies.merge(current, ours)
    assert merged["Id"] == "keep-this-id"
    assert merged["Statement"] == [OTHER, ours[0], ours[1]]
    assert policies.merge(merged, ours) == merged  # a second merge changes nothing


def test_merge_accepts_a_single_statement_object_and_collapses_duplicates_of_ours():
    ours = policies.ecr_statements("123456789012")
    current = {"Version": "2008-10-17", "Statement": OTHER}
    assert policies.merge(current, ours)["Statement"] == [OTHER, ours[0]]
    twice = {"Version": "2012-10-17", "Statement": [ours[0], OTHER, ours[0]]}
    assert policies.merge(twice, ours)["Statement"] == [ours[0], OTHER]


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '{"Statement": 3}'])
def test_a_malformed_policy_is_refused_with_the_reason(text):
    with pytest.raises(MalformedPolicy):
        policies.parse(text)


def test_s3_resources_are_valid_arns():
    objects, bucket = policies.s3_statements("my-bucket", "team/churn/", "123456789012")
    assert objects["Resource"] == "arn:aws:s3:::my-bucket/team/churn/*"
    assert bucket["Resource"] == "arn:aws:s3:::my-bucket"
    assert set(objects["Action"]) == {"s3:GetObject", "s3:GetObjectAcl"}


def test_group_statements_cover_every_version_and_the_group():
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
    register, describe = policies.group_statements(arn, "arn:aws:iam::210987654321:root")
    assert register["Resource"] == "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/*"
    assert register["Action"] == "sagemaker:CreateModelPackage"
    assert describe["Resource"] == arn


@pytest.mark.parametrize("principal", ["*", "arn:aws:iam::*:root", "arn:aws:iam::210987654321:role/*"])
def test_wildcard_principals_are_refused_with_what_to_type(principal):
    message = policies.check_principal(principal)
    assert message and "wildcard" in message and "arn:aws:iam::" in message
    statements = [dict(policies.ecr_statements("123456789012")[0], Principal={"AWS": principal})]
    assert [f.blocking for f in policies.wildcard_findings(statements)] == [True]


def test_wildcard_actions_are_refused():
    statement = dict(policies.ecr_statements("123456789012")[0], Action=["ecr:*"])
    findings = policies.wildcard_findings([statement])
    assert findings and "ecr:*" in findings[0].message and findings[0].blocking


def test_bucket_and_prefix_checks_say_what_to_type():
    assert "folder only" in policies.check_bucket("my-bucket", "models/*")
    assert "'models/'" in policies.check_bucket("my-bucket", "/models/")
    assert policies.check_bucket("My_Bucket", "") is not None
    assert policies.check_bucket("my-bucket", "models/") is None


def test_a_role_principal_or_condition_is_flagged_for_discoverability():
    arn = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn"
    by_role = {"Statement": policies.group_statements(arn, "arn:aws:iam::210987654321:role/Trainer")}
    findings = policies.discoverability_findings(by_role)
    assert findings and not any(f.blocking for f in findings)
    assert "arn:aws:iam::210987654321:root" in findings[0].message
    by_account = {"Statement": policies.group_statements(arn, "arn:aws:iam::210987654321:root")}
    assert policies.discoverability_findings(by_account) == []


def test_missing_statements_names_absent_or_altered_sids():
    ours = policies.s3_statements("b-1", "", "123456789012")
    document = {"Statement": [ours[0], dict(ours[1], Action="s3:GetBucketPolicy")]}
    assert policies.missing_statements(document, ours) == [policies.SID_S3_READ_BUCKET_ACL]
    assert policies.missing_statements(None, ours) == [s["Sid"] for s in ours]


def test_side_by_side_aligns_unchanged_lines_and_marks_additions():
    current = json.dumps({"Statement": [OTHER]}, indent=2)
    proposed = policies.render(policies.merge(json.loads(current), policies.ecr_statements("123456789012")))
    rows = policies.side_by_side(current, proposed)
    assert rows[0] == ("{", "{", "equal")
    assert any(tag == "insert" and policies.SID_ECR_PULL in right for _left, right, tag in rows)
    assert all(left == right for left, right, tag in rows if tag == "equal")
