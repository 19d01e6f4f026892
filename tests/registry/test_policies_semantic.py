"""Documents compared by meaning: the review's diff, and apply's "changed since the plan"."""

from __future__ import annotations

import json

from app.registry.crossaccount import policies
from app.registry.crossaccount.semantic import (
    ADDED,
    CHANGED,
    DOCUMENT_LABEL,
    KEPT,
    REMOVED,
    diff_texts,
    grant_diff,
    same_document,
    same_grants,
    same_text,
    semantic_diff,
)

BUCKET = "registry-desk-training-210987654321"
AUTHOR = {  # the author's own key order: Effect before Sid
    "Effect": "Deny",
    "Sid": "DenyInsecureTransport",
    "Principal": "*",
    "Action": "s3:*",
    "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"],
    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}
NO_SID = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{BUCKET}"}


def _minified(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)}, separators=(",", ":"))


def test_a_minified_policy_is_compared_statement_by_statement():
    current = _minified(AUTHOR, NO_SID)
    assert "\n" not in current and len(current) > 300
    proposed = policies.render(policies.merge(policies.parse(current), policies.s3_statements(BUCKET, "churn/",
                                                                                             "123456789012")))
    rows = diff_texts(current, proposed)
    assert [(r.label, r.status) for r in rows] == [
        (DOCUMENT_LABEL, KEPT), ("DenyInsecureTransport", KEPT), ("", KEPT),
        (policies.SID_S3_READ_OBJECTS, ADDED), (policies.SID_S3_READ_BUCKET_ACL, ADDED)]
    kept = rows[1]
    assert kept.current == kept.proposed, "both sides formatted the same way"
    assert kept.current.splitlines()[1] == '  "Effect": "Deny",', "the author's key order, two-space indent"
    assert rows[3].current == "" and '"Sid": "RegistryDeskCrossAccountReadArtifacts"' in rows[3].proposed


def test_a_statement_of_ours_that_changed_is_marked_changed():
    ours = policies.s3_statements(BUCKET, "churn/", "123456789012")
    stale = dict(ours[0], Resource=f"arn:aws:s3:::{BUCKET}/old/*")
    rows = semantic_diff({"Statement": [stale, ours[1]]}, {"Statement": ours})
    assert [(r.label, r.status) for r in rows] == [
        (policies.SID_S3_READ_OBJECTS, CHANGED), (policies.SID_S3_READ_BUCKET_ACL, KEPT)]
    assert "old/*" in rows[0].current and "churn/*" in rows[0].proposed


def test_removed_statements_show_where_they_stood():
    first, second = dict(NO_SID, Sid="First"), dict(NO_SID, Sid="Second")
    rows = semantic_diff({"Statement": [first, AUTHOR, second]}, {"Statement": [second]})
    assert [(r.label, r.status) for r in rows] == [
        ("First", REMOVED), ("DenyInsecureTransport", REMOVED), ("Second", KEPT)]
    assert rows[0].proposed == ""


def test_a_new_policy_is_all_added():
    rows = semantic_diff(None, {"Version": "2012-10-17", "Statement": policies.ecr_statements("123456789012")})
    assert [r.status for r in rows] == [ADDED, ADDED] and rows[0].current == ""


def test_statements_without_a_sid_are_matched_by_content():
    moved = dict(reversed(list(NO_SID.items())), Action=["s3:ListBucket"])
    rows = semantic_diff({"Statement": [NO_SID]}, {"Statement": [AUTHOR, moved]})
    assert [(r.label, r.status) for r in rows] == [("DenyInsecureTransport", ADDED), ("", KEPT)]


def test_same_meaning_in_any_formatting_is_the_same_document():
    one = {"Version": "2012-10-17", "Statement": [AUTHOR, NO_SID]}
    other = {"Statement": [dict(NO_SID, Action=["s3:ListBucket"], Principal={"AWS": ["111122223333"]}),
                           dict(AUTHOR, Resource=list(reversed(AUTHOR["Resource"])))],
             "Version": "2012-10-17"}
    assert same_document(one, other)
    assert same_text(json.dumps(one, indent=4), _minified(NO_SID, AUTHOR))
    assert not same_document(one, {"Version": "2012-10-17", "Statement": [AUTHOR]})
    assert not same_document(one, dict(one, Id="new-id"))
    assert not same_document(one, None) and same_document(None, None)
    assert not same_text("{not json", _minified(AUTHOR)) and same_text("{not json", "{not json")


def test_grants_are_compared_by_grantee_and_operations():
    ours = {"Name": "registry-desk-cross-account", "GranteePrincipal": "arn:aws:iam::123456789012:root",
            "Operations": ["Decrypt", "GenerateDataKey"]}
    assert same_grants([ours], [dict(ours, Operations=["GenerateDataKey", "Decrypt"])])
    assert not same_grants([ours], [])
    rows = grant_diff([], [ours])
    assert [(r.label, r.status) for r in rows] == [
        ("registry-desk-cross-account (arn:aws:iam::123456789012:root)", ADDED)]
