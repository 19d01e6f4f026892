"""What the wizard shows before and after writing: the review's diff, warnings, verify's verdict."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.sandbox.seed import TRAINING_BUCKET
from app.sandbox.session import TRAINING_ACCOUNT_ID, main_client
from app.ui.settings import Settings
from app.ui.wizards.crossaccount.wizard import CrossAccountWizard, PageId
from app.ui.workspace import ConnectionChoice

from . import test_crossaccount_wizard as base
from .helpers import find_by_name
from .test_crossaccount_wizard import _to_review

wizard, training = base.wizard, base.training  # the same fixtures: two sandbox accounts

TIMEOUT = 15000
LONG_SID = "AuditReadForTheQuarterlyComplianceReviewOfEveryTrainingArtifactInThisBucketAndItsPrefixes2026"
MINIFIED = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Sid": LONG_SID, "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
     "Action": ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectTagging", "s3:ListBucket"],
     "Resource": [f"arn:aws:s3:::{TRAINING_BUCKET}", f"arn:aws:s3:::{TRAINING_BUCKET}/*"]},
    {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": [f"arn:aws:s3:::{TRAINING_BUCKET}", f"arn:aws:s3:::{TRAINING_BUCKET}/*"],
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
]}, separators=(",", ":"))


def test_the_review_compares_a_minified_policy_statement_by_statement(qtbot, wizard, training):
    session_for(training).client("s3").put_bucket_policy(Bucket=TRAINING_BUCKET, Policy=MINIFIED)
    _to_review(qtbot, wizard)
    review = wizard.review_page
    review.steps.setCurrentRow(1)
    diff = review.diff
    assert diff.statuses() == [
        ("Document", "kept"), (LONG_SID, "kept"), ("DenyInsecureTransport", "kept"),
        ("RegistryDeskCrossAccountReadArtifacts", "added"), ("RegistryDeskCrossAccountReadBucketAcl", "added")]
    assert find_by_name(diff, QLabel, "Difference summary").text() == "Statements: 2 added, 2 kept."
    assert review.steps.item(1).text().endswith("will change: 2 added")
    review.steps.setCurrentRow(0)  # a new repository policy: one statement, no count for its fields
    assert review.steps.item(0).text().endswith("will change: 1 added")
    review.steps.setCurrentRow(1)
    assert not any(LONG_SID in line for line in diff.column_lines(0)), "kept statements start folded"
    assert any(heading.startswith(f"= kept: {LONG_SID}") for heading in diff.headings())
    find_by_name(diff, QCheckBox, "Show kept statements").setChecked(True)
    left, right = diff.column_lines(0), diff.column_lines(1)
    assert max(map(len, left)) < 120, "the minified policy shows as one long line"
    kept_lines = [line for line in left if line]
    assert kept_lines == right[:len(kept_lines)], "kept statements are formatted alike on both sides"
    heading = next(r for r in range(diff.table.rowCount()) if LONG_SID in diff.table.item(r, 0).text())
    assert diff.table.columnSpan(heading, 0) == 2, "a long Sid gets the whole width"
    assert LONG_SID in diff.table.item(heading, 0).toolTip()
    assert find_by_name(diff, QPushButton, "Copy current JSON").isEnabled()


def test_a_prefix_without_a_trailing_slash_is_warned_about_while_typing(qtbot, wizard):
    warning = find_by_name(wizard, QLabel, "Key prefix warning")
    prefix = find_by_name(wizard, QLineEdit, "Key prefix")
    prefix.setText("runs/2026-11")
    assert warning.isVisible() and "runs/2026-11-private/" in warning.text()
    assert "Type 'runs/2026-11/' to grant that folder only" in warning.text()  # what to type instead
    prefix.setText("runs/2026-11/")
    assert not warning.isVisible()
    prefix.setText("runs/2026-11")
    wizard.next()  # a warning, not a refusal
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=TIMEOUT)
    wizard.review_page.steps.setCurrentRow(1)
    assert "runs/2026-11-private/" in find_by_name(wizard, QLabel, "Findings").text()


def test_verify_does_not_say_everything_is_in_place_when_a_deny_cancels_ours(qtbot, wizard, training):
    deny = {"Sid": "NoReadsFromOutside", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:Get*",
            "Resource": f"arn:aws:s3:::{TRAINING_BUCKET}/*"}
    session_for(training).client("s3").put_bucket_policy(
        Bucket=TRAINING_BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [deny]}))
    _to_review(qtbot, wizard)
    wizard.review_page.steps.setCurrentRow(1)
    assert "NoReadsFromOutside" in find_by_name(wizard, QLabel, "Findings").text()
    wizard.next()
    find_by_name(wizard, QPushButton, "Apply").click()
    result = find_by_name(wizard, QLabel, "Apply result")
    qtbot.waitUntil(lambda: result.text().startswith("Every step is done"), timeout=TIMEOUT)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.verify_page.results() is not None, timeout=TIMEOUT)
    verdict = find_by_name(wizard, QLabel, "Verify result").text()
    assert not verdict.startswith("Everything is in place"), verdict
    checks = wizard.verify_page.checks
    texts = [checks.item(i).text() for i in range(checks.count())]
    assert any(text.startswith("✗") and "NoReadsFromOutside" in text for text in texts), texts


def test_the_wildcard_refusal_suggests_the_training_account_chosen(qtbot, connection, qsettings):
    # A training profile in an account of its own (not the sandbox's seeded training account).
    issued = main_client(connection.endpoint_url, "sts").assume_role(
        RoleArn="arn:aws:iam::333344445555:role/Trainer", RoleSessionName="registry-desk")["Credentials"]
    training = Connection(
        profile=None, region=connection.region, endpoint_url=connection.endpoint_url,
        access_key_id=issued["AccessKeyId"], secret_access_key=issued["SecretAccessKey"],
        session_token=issued["SessionToken"], label="ml-training")
    wizard = CrossAccountWizard(
        [ConnectionChoice("sandbox — registry", connection), ConnectionChoice("ml-training", training)],
        registry=connection, hand_off=lambda _c, _arn: None, settings=Settings("sandbox", qsettings))
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.choose_page
    qtbot.waitUntil(lambda: page.training_account.text() == "333344445555", timeout=TIMEOUT)
    find_by_name(wizard, QLineEdit, "Training principal").setText("arn:aws:iam::*:root")
    wizard.next()
    assert wizard.currentId() == PageId.CHOOSE
    message = page.banner.text()
    assert "wildcard" in message and "arn:aws:iam::333344445555:root" in message, message
    assert TRAINING_ACCOUNT_ID not in message
    assert find_by_name(wizard, QLineEdit, "Training principal").text() == "arn:aws:iam::*:root"
    wizard.runner.shutdown()
