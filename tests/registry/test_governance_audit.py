"""The audit timeline: CloudTrail events parsed into who did what, the fallback, the CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

from botocore.stub import Stubber

from app.registry.governance.audit import (
    CLOUDTRAIL,
    CSV_COLUMNS,
    DESCRIBE,
    deleted_version_arns,
    group_timelines,
    parse_event,
    timeline_csv,
    version_timeline,
)

ACCOUNT = "123456789012"
ARN = f"arn:aws:sagemaker:us-east-1:{ACCOUNT}:model-package/churn/3"
ROLE_ALICE = {
    "type": "AssumedRole",
    "principalId": "AROAEXAMPLEROLEID:alice",
    "arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/MLOpsEngineer/alice",
    "accountId": ACCOUNT,
    "accessKeyId": "ASIAEXAMPLEKEYID1234",
    "sessionContext": {
        "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLEROLEID",
                          "arn": f"arn:aws:iam::{ACCOUNT}:role/MLOpsEngineer",
                          "accountId": ACCOUNT, "userName": "MLOpsEngineer"},
        "attributes": {"creationDate": "2026-11-02T09:00:00Z", "mfaAuthenticated": "false"},
    },
}
USER_BOB = {
    "type": "IAMUser", "principalId": "AIDAEXAMPLEUSERID", "arn": f"arn:aws:iam::{ACCOUNT}:user/bob",
    "accountId": ACCOUNT, "accessKeyId": "AKIAEXAMPLEKEYID1234", "userName": "bob",
}


def cloudtrail_event(n: int, name: str, when: datetime, identity: dict, parameters: dict, **extra) -> dict:
    """One event as LookupEvents returns it: CloudTrailEvent is the record as a JSON string."""
    record = {
        "eventVersion": "1.09", "userIdentity": identity,
        "eventTime": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "eventSource": "sagemaker.amazonaws.com",
        "eventName": name, "awsRegion": "us-east-1", "sourceIPAddress": "203.0.113.7",
        "userAgent": "Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux",
        "requestParameters": parameters, "responseElements": {"modelPackageArn": ARN},
        "requestID": f"0000000{n}-1111-2222-3333-444444444444", "eventID": f"evt-{n}",
        "readOnly": False, "eventType": "AwsApiCall", "managementEvent": True,
        "recipientAccountId": ACCOUNT, "eventCategory": "Management", **extra,
    }
    return {
        "EventId": f"evt-{n}", "EventName": name, "ReadOnly": "false",
        "AccessKeyId": identity["accessKeyId"], "EventTime": when,
        "EventSource": "sagemaker.amazonaws.com", "Username": identity.get("userName", "alice"),
        "Resources": [{"ResourceType": "AWS::SageMaker::ModelPackage", "ResourceName": ARN}],
        "CloudTrailEvent": json.dumps(record),
    }


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


# A scripted history of one version, newest first as LookupEvents answers.
HISTORY = [
    cloudtrail_event(6, "DeleteModelPackage", at(9), USER_BOB, {"modelPackageName": ARN}),
    cloudtrail_event(5, "UpdateModelPackage", at(8), USER_BOB, {
        "modelPackageArn": ARN,
        "modelCard": {"modelCardContent": "HIDDEN_DUE_TO_SECURITY_REASONS", "modelCardStatus": "Approved"},
    }),
    cloudtrail_event(4, "UpdateModelPackage", at(7), ROLE_ALICE, {
        "modelPackageArn": ARN,
        "customerMetadataProperties": {"owner": "secret-owner-value"},
        "customerMetadataPropertiesToRemove": ["temp"],
    }),
    cloudtrail_event(3, "UpdateModelPackage", at(6), ROLE_ALICE, {
        "modelPackageArn": ARN,
        "modelLifeCycle": {"stage": "Production", "stageStatus": "Approved", "stageDescription": "go"},
    }),
    cloudtrail_event(2, "UpdateModelPackage", at(5), USER_BOB, {
        "modelPackageArn": ARN, "modelApprovalStatus": "Approved", "approvalDescription": "AUC 0.91",
    }),
    cloudtrail_event(7, "UpdateModelPackage", at(4, 12), USER_BOB, {
        "modelPackageArn": ARN, "modelApprovalStatus": "Approved",
    }, errorCode="AccessDenied", errorMessage="not allowed"),
    cloudtrail_event(1, "CreateModelPackage", at(4), ROLE_ALICE, {
        "modelPackageGroupName": "churn", "modelApprovalStatus": "PendingManualApproval",
    }),
]


def lookup_request(token: str | None = None) -> dict:
    request = {"LookupAttributes": [{"AttributeKey": "ResourceName", "AttributeValue": ARN}], "MaxResults": 50}
    if token:
        request["NextToken"] = token
    return request


def test_a_cloudtrail_event_reads_as_who_did_what():
    event = parse_event(HISTORY[3])
    assert event.actor == "MLOpsEngineer/alice"
    assert event.action == "UpdateModelPackage"
    assert event.changes == ("stage: Production / Approved",)
    assert event.time == at(6) and event.event_id == "evt-3"
    assert parse_event(HISTORY[4]).changes == ("approval: Approved", "approval comment: AUC 0.91")
    assert parse_event(HISTORY[5]).summary == "approval: Approved (failed: AccessDenied)"


def test_metadata_values_and_card_content_never_enter_an_event():
    metadata, card = parse_event(HISTORY[2]), parse_event(HISTORY[1])
    assert metadata.changes == ("metadata set: owner", "metadata removed: temp")
    assert "secret-owner-value" not in repr(metadata)
    assert card.changes == ("model card: Approved", "model card content changed")
    assert "HIDDEN" not in repr(card)


def test_the_timeline_of_a_scripted_history_is_in_order_with_its_actors(session):
    client = session.client("cloudtrail")
    with Stubber(client) as stub:
        stub.add_response("lookup_events", {"Events": HISTORY[:4], "NextToken": "page-2"}, lookup_request())
        stub.add_response("lookup_events", {"Events": HISTORY[4:]}, lookup_request("page-2"))
        timeline = version_timeline(session, ARN)
        stub.assert_no_pending_responses()

    assert timeline.source == CLOUDTRAIL and timeline.reason == ""
    assert [(e.action, e.actor) for e in timeline.events] == [
        ("CreateModelPackage", "MLOpsEngineer/alice"),
        ("UpdateModelPackage", "bob"),  # the denied approval
        ("UpdateModelPackage", "bob"),
        ("UpdateModelPackage", "MLOpsEngineer/alice"),
        ("UpdateModelPackage", "MLOpsEngineer/alice"),
        ("UpdateModelPackage", "bob"),
        ("DeleteModelPackage", "bob"),
    ]
    assert [e.changes[0] for e in timeline.events] == [
        "created as PendingManualApproval", "approval: Approved", "approval: Approved",
        "stage: Production / Approved", "metadata set: owner", "model card: Approved", "deleted",
    ]


def test_without_cloudtrail_the_timeline_comes_from_the_version_and_says_so(session, add_group):
    (arn,) = add_group("churn", versions=1)
    client = session.client("cloudtrail")
    with Stubber(client) as stub:
        stub.add_client_error(
            "lookup_events", service_error_code="AccessDeniedException",
            service_message="User is not authorized to perform: cloudtrail:LookupEvents", http_status_code=400,
        )
        timeline = version_timeline(session, arn)

    assert timeline.source == DESCRIBE
    assert "cloudtrail:LookupEvents" in timeline.reason and "sandbox" in timeline.reason
    (created,) = timeline.events  # never modified yet
    assert created.action == "CreateModelPackage" and created.changes == ("created",)
    assert created.actor == "root"  # the sandbox's CreatedBy: the account's own keys, as CloudTrail names them


def test_the_csv_has_a_header_and_one_row_per_event(session):
    client = session.client("cloudtrail")
    with Stubber(client) as stub:
        stub.add_response("lookup_events", {"Events": HISTORY}, lookup_request())
        timeline = version_timeline(session, ARN)
    rows = list(csv.reader(io.StringIO(timeline_csv([timeline, timeline]))))
    assert rows[0] == list(CSV_COLUMNS)
    assert len(rows) == 1 + 2 * len(HISTORY)
    assert rows[1] == [ARN, "2026-11-04T09:00:00+00:00", "MLOpsEngineer/alice", "CreateModelPackage",
                       "created as PendingManualApproval", "cloudtrail"]
    assert rows[5][4] == "metadata set: owner; metadata removed: temp"


def test_a_groups_timelines_export_as_one_csv_without_cloudtrail(session, add_group):
    arns = add_group("churn", versions=2)
    client = session.client("cloudtrail")
    with Stubber(client) as stub:
        for _ in arns:
            stub.add_client_error("lookup_events", service_error_code="AccessDeniedException", http_status_code=400)
        timelines = group_timelines(session, arns)
    assert [t.arn for t in timelines] == arns and {t.source for t in timelines} == {DESCRIBE}
    rows = list(csv.reader(io.StringIO(timeline_csv(timelines))))
    assert [r[0] for r in rows[1:]] == arns and {r[5] for r in rows[1:]} == {"describe"}


def test_stopping_a_group_export_keeps_what_was_read(session):
    asked = iter([False, True])
    with Stubber(session.client("cloudtrail")) as stub:
        stub.add_response("lookup_events", {"Events": HISTORY[:1]}, lookup_request())
        timelines = group_timelines(session, [ARN, ARN.replace("/3", "/4")], should_stop=lambda: next(asked))
    assert [t.arn for t in timelines] == [ARN]


def test_a_version_cloudtrail_knows_nothing_of_reads_from_the_version_and_says_so(session, add_group):
    (arn,) = add_group("churn", versions=1)
    with Stubber(session.client("cloudtrail")) as stub:
        stub.add_response("lookup_events", {"Events": []})
        timeline = version_timeline(session, arn)
    assert timeline.source == DESCRIBE and "90 days" in timeline.reason
    assert [e.action for e in timeline.events] == ["CreateModelPackage"]


def test_without_cloudtrail_a_group_has_no_deleted_versions_to_tell(session):
    with Stubber(session.client("cloudtrail")) as stub:
        stub.add_client_error("lookup_events", service_error_code="AccessDeniedException", http_status_code=400)
        assert deleted_version_arns(session, ARN.replace(":model-package/", ":model-package-group/")[:-2]) == []


def test_a_version_created_before_the_trail_begins_still_starts_with_who_created_it(session, add_group):
    (arn,) = add_group("churn", versions=1)
    client = session.client("cloudtrail")
    request = {"LookupAttributes": [{"AttributeKey": "ResourceName", "AttributeValue": arn}], "MaxResults": 50}
    approval = cloudtrail_event(2, "UpdateModelPackage", datetime.now(UTC) + timedelta(hours=1), USER_BOB, {
        "modelPackageArn": arn, "modelApprovalStatus": "Approved"})
    with Stubber(client) as stub:  # the trail keeps 90 days: only a later approval is in it
        stub.add_response("lookup_events", {"Events": [approval]}, request)
        timeline = version_timeline(session, arn)

    assert timeline.source == CLOUDTRAIL
    assert [(e.action, e.actor, e.changes[0]) for e in timeline.events] == [
        ("CreateModelPackage", "root", "created"),  # from the version's CreatedBy
        ("UpdateModelPackage", "bob", "approval: Approved"),
    ]
