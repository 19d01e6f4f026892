"""The cross-account wizard finished: no KMS key only knowingly, the AWS RAM share promoted,
verified and rolled back, and read access for deploying on request."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.crossaccount.policies import SID_GROUP_DEPLOY_READ
from app.ui.wizards.crossaccount.wizard import PageId

from . import test_crossaccount_wizard as base
from .helpers import find_by_name
from .test_crossaccount_wizard import _statuses, _to_review

wizard, training = base.wizard, base.training  # the same fixtures: two sandbox accounts

TIMEOUT = 15000
CHURN = "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/churn-prediction"


def _pick_no_key(wizard) -> None:
    picker = find_by_name(wizard, QComboBox, "KMS key")
    picker.setCurrentIndex(picker.findData(""))


def _shared_with_training(training) -> list[str]:
    found = session_for(training).client("sagemaker").list_model_package_groups(
        CrossAccountFilterOption="CrossAccount")["ModelPackageGroupSummaryList"]
    return [g["ModelPackageGroupArn"] for g in found]


def test_a_key_is_picked_and_no_key_warns_and_needs_a_knowing_choice(qtbot, wizard):
    picker = find_by_name(wizard, QComboBox, "KMS key")
    warning = find_by_name(wizard, QLabel, "KMS key warning")
    knowing = find_by_name(wizard, QCheckBox, "Go on without a KMS key")
    assert picker.currentData() and not warning.isVisible() and not knowing.isVisible()
    assert picker.itemText(picker.count() - 1).startswith("No KMS key (not the documented setup")

    _pick_no_key(wizard)
    assert warning.isVisible() and knowing.isVisible() and not knowing.isChecked()
    assert "requires a customer-managed KMS key" in warning.text()
    assert "deploying a version from the registry account fails" in warning.text()
    wizard.choose_page.group_picker.setCurrentText("churn-prediction")
    wizard.next()
    assert wizard.currentId() == PageId.CHOOSE and wizard.plan is None  # refused before any call
    assert "customer-managed KMS key" in wizard.choose_page.banner.text()

    knowing.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=TIMEOUT)
    assert wizard.plan.choice.without_key and wizard.plan.choice.kms_key_id == ""
    assert "kms" not in [s.kind for s in wizard.plan.steps]
    note = find_by_name(wizard, QLabel, "No KMS key")
    assert note.isVisible() and note.text().startswith("No KMS key, chosen knowingly")


def test_the_ram_share_is_promoted_verified_and_rolled_back(qtbot, wizard, training):
    assert CHURN not in _shared_with_training(training)
    _to_review(qtbot, wizard)
    kinds = [s.kind for s in wizard.plan.steps]
    assert kinds[-2:] == ["group", "ram"]
    wizard.review_page.steps.setCurrentRow(len(kinds) - 1)
    assert "AWS RAM share of churn-prediction: promote" in wizard.review_page.steps.currentItem().text()
    findings = find_by_name(wizard, QLabel, "Findings").text()
    assert "CREATED_FROM_POLICY" in findings and "ram:DeleteResourceShare" in findings
    assert json.loads(wizard.review_page.diff.proposed_text())["FeatureSet"] == "STANDARD"

    wizard.next()
    find_by_name(wizard, QPushButton, "Apply").click()
    qtbot.waitUntil(lambda: _statuses(wizard) == ["done"] * len(kinds), timeout=TIMEOUT)
    assert wizard.apply_page.detail_of(len(kinds) - 1).startswith("Promoted to a standard AWS RAM share")
    assert _shared_with_training(training) == [CHURN]

    wizard.next()
    qtbot.waitUntil(lambda: wizard.verify_page.results() is not None, timeout=TIMEOUT)
    checks = {c.title: c for c in wizard.verify_page.results()}
    listed = next(c for title, c in checks.items() if title.startswith("List groups shared with"))
    assert listed.ok and all(c.ok for c in checks.values())

    wizard.back()
    find_by_name(wizard, QPushButton, "Roll back").click()
    qtbot.waitUntil(lambda: _statuses(wizard) == ["rolled back"] * len(kinds), timeout=TIMEOUT)
    assert wizard.apply_page.detail_of(len(kinds) - 1) == "The promoted share was deleted."
    assert _shared_with_training(training) == []
    assert not wizard.record


def test_read_access_for_deploying_is_off_by_default_and_adds_its_statement(qtbot, wizard):
    read = find_by_name(wizard, QCheckBox, "Read access for deploying")
    assert not read.isChecked()
    assert "sagemaker:DescribeModelPackage" in read.toolTip()
    assert "Off by default" in find_by_name(wizard, QLabel, "Read access explanation").text()
    _to_review(qtbot, wizard)
    group = [s.kind for s in wizard.plan.steps].index("group")
    assert SID_GROUP_DEPLOY_READ not in (wizard.plan.steps[group].proposed or "")

    wizard.back()
    read.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=TIMEOUT)
    wizard.review_page.steps.setCurrentRow(group)
    proposed = json.loads(wizard.review_page.diff.proposed_text())
    statement = next(s for s in proposed["Statement"] if s["Sid"] == SID_GROUP_DEPLOY_READ)
    assert statement["Action"] == ["sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages"]
