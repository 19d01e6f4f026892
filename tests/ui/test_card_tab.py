"""The Card tab and its editor against the seeded sandbox: what a person sees and saves."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton

from app import logs
from app.registry.accounts.sessions import session_for
from app.registry.governance.cards import card_text, pretty_card
from app.registry.versions.describe import iter_version_pages
from app.sandbox.history import CHURN, CHURN_ARCHIVED, CHURN_DEVELOPMENT, CHURN_PRODUCTION, CHURN_STAGING
from app.ui.settings import Settings
from app.ui.versions.details import DetailsPane
from app.ui.workspace import Workspace
from tests.registry.governance_helpers import Sent
from tests.ui.helpers import find_by_name, when_modal

TIMEOUT = 10000


@pytest.fixture
def pane(qtbot, connection, qsettings):
    workspace = Workspace(connection, sandbox_endpoint=connection.endpoint_url)
    pane = DetailsPane(workspace, Settings("sandbox", backing=qsettings))
    qtbot.addWidget(pane)
    pane.resize(1000, 800)
    pane.show()
    pane.tabs.setCurrentIndex(DetailsPane.CARD)
    yield pane
    pane.shutdown()


@pytest.fixture
def churn(connection):
    return {v.version: v for page in iter_version_pages(session_for(connection), CHURN) for v in page}


def show(qtbot, pane: DetailsPane, version) -> None:
    pane.show_versions([version])
    qtbot.waitUntil(lambda: pane.current_details() is not None and pane.card_tab.schema is not None,
                    timeout=TIMEOUT)


def card_read_back(connection, arn: str) -> dict:
    return session_for(connection).client("sagemaker").describe_model_package(ModelPackageName=arn)["ModelCard"]


def shown(tab, name: str) -> str:
    return find_by_name(tab.pages, QLabel, name).text()


def test_the_seeded_cards_in_every_status_render_with_their_moves(qtbot, pane, churn):
    tab = pane.card_tab
    expected = {
        CHURN_PRODUCTION: ("Approved", {"Archive card", "Return card to draft"}),
        CHURN_STAGING: ("Draft", {"Submit card for review", "Archive card"}),
        CHURN_DEVELOPMENT[1]: ("Pending review", {"Approve card", "Return card to draft", "Archive card"}),
        CHURN_ARCHIVED[0]: ("Archived", set()),
    }
    for version, (badge, moves) in expected.items():
        show(qtbot, pane, churn[version])
        assert tab.stack.currentIndex() == 1
        assert tab.badge.text() == badge
        assert {b.accessibleName() for b in tab.move_buttons.values() if not b.isHidden()} == moves
        assert tab.edit_button.isEnabled() == (badge != "Archived")
        assert shown(tab, "Risk rating") == "Low"
        assert shown(tab, "Owner") == "growth-ml@example.com"
        assert shown(tab, "Objective function") == "Minimize Loss logloss"
        assert "auc: 0.9" in shown(tab, "Metrics › binary classification")
        assert tab.note.isHidden()  # the seeded cards follow the schema


def test_a_version_without_a_card_offers_to_create_one_and_the_new_card_is_a_draft(qtbot, pane, churn, connection):
    tab = pane.card_tab
    show(qtbot, pane, churn[CHURN_DEVELOPMENT[0]])
    assert tab.stack.currentIndex() == 0 and tab.header.isHidden()
    assert "no model card" in tab.empty_text.text()
    find_by_name(tab, QPushButton, "Create card").click()
    editor = tab.editor
    owner = find_by_name(editor.form, QLineEdit, "Owner")
    owner.setText("ana@example.com")
    owner.textEdited.emit(owner.text())  # as typing does
    saw = editor.json_text.toPlainText()
    editor.save_button.click()
    qtbot.waitUntil(lambda: tab.editor is None, timeout=TIMEOUT)
    raw = card_read_back(connection, churn[CHURN_DEVELOPMENT[0]].arn)
    assert raw == {"ModelCardStatus": "Draft",
                   "ModelCardContent": '{"model_overview":{"model_owner":"ana@example.com"}}'}
    assert pretty_card(json.loads(raw["ModelCardContent"])) == saw  # shown again exactly as it was
    assert tab.badge.text() == "Draft" and shown(tab, "Owner") == "ana@example.com"
    assert find_by_name(tab.pages, QLabel, "Intended uses: not filled in").text() == "Not filled in."


def test_an_edited_card_reads_back_with_exactly_the_json_the_user_saw(qtbot, pane, churn, connection):
    tab = pane.card_tab
    arn = churn[CHURN_STAGING].arn
    show(qtbot, pane, churn[CHURN_STAGING])
    tab.edit_button.click()
    editor = tab.editor
    owner = find_by_name(editor.form, QLineEdit, "Owner")
    owner.setText("retention-ml@example.com")
    owner.textEdited.emit(owner.text())
    find_by_name(editor.form, QComboBox, "Risk rating").setCurrentIndex(1)  # High
    caveats = find_by_name(editor.form, QPlainTextEdit, "Caveats and recommendations")
    caveats.setPlainText("Retrain après tout changement de prix")
    text = json.loads(editor.json_text.toPlainText())  # the JSON tab followed the form
    assert text["model_overview"]["model_owner"] == "retention-ml@example.com"
    assert text["intended_uses"]["risk_rating"] == "High"
    text["additional_information"]["custom_details"] = {"cadence": "weekly"}
    editor.json_text.setPlainText(json.dumps(text, indent=4, ensure_ascii=False))  # typed in the JSON tab
    assert editor.form.custom_details_rows() == [("cadence", "weekly")]  # and the form followed it
    saw = editor.json_text.toPlainText()
    assert editor.problems.isHidden() and editor.save_button.isEnabled()

    editor.save_button.click()
    qtbot.waitUntil(lambda: tab.editor is None, timeout=TIMEOUT)

    raw = card_read_back(connection, arn)
    assert json.loads(raw["ModelCardContent"]) == json.loads(saw)
    assert raw["ModelCardContent"] == card_text(json.loads(saw))
    assert raw["ModelCardStatus"] == "Draft"  # saving keeps the status
    assert pretty_card(json.loads(raw["ModelCardContent"])) == pretty_card(json.loads(saw))
    assert shown(tab, "Owner") == "retention-ml@example.com"  # shown at once
    assert shown(tab, "Risk rating") == "High" and shown(tab, "Custom details › cadence") == "weekly"
    assert json.loads(pane.json_tab.json_text.toPlainText())["ModelCard"]["ModelCardContent"] == raw["ModelCardContent"]


def test_a_card_against_the_schema_names_the_field_as_it_is_typed_and_cannot_be_saved(qtbot, pane, churn, connection):
    tab = pane.card_tab
    show(qtbot, pane, churn[CHURN_STAGING])
    sent = Sent(session_for(connection).client("sagemaker"))
    tab.edit_button.click()
    editor = tab.editor
    content = json.loads(editor.json_text.toPlainText())
    content["intended_uses"]["risk_rating"] = "Severe"
    editor.json_text.setPlainText(pretty_card(content))
    assert editor.problems.text() == "intended_uses.risk_rating must be one of High, Medium, Low, Unknown"
    assert not editor.save_button.isEnabled()
    assert find_by_name(editor.form, QComboBox, "Risk rating").currentText() == "Severe"
    editor.json_text.setPlainText('{"model_overview": ')
    assert "not valid JSON: line 1" in editor.problems.text() and not editor.form.isEnabled()
    editor.save()
    assert sent.requests == []
    editor.reject()


def test_a_failed_save_keeps_the_edit_and_says_why_and_logs_no_content(qtbot, pane, churn, connection, tmp_path):
    log = logs.setup("DEBUG", directory=tmp_path)  # the log as --log-level DEBUG writes it
    tab = pane.card_tab
    arn = churn[CHURN_STAGING].arn
    show(qtbot, pane, churn[CHURN_STAGING])
    tab.edit_button.click()
    editor = tab.editor
    line = find_by_name(editor.form, QLineEdit, "Line of business")
    line.setText("Enterprise-7731")
    line.textEdited.emit("Enterprise-7731")
    typed = editor.json_text.toPlainText()
    session_for(connection).client("sagemaker").update_model_package(  # someone else, meanwhile
        ModelPackageArn=arn, ModelCard={"ModelCardStatus": "PendingReview"})
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.error.isVisible(), timeout=TIMEOUT)
    assert "changed this version's model card since you read it" in editor.error.text()
    assert tab.editor is editor and editor.isVisible()
    assert editor.json_text.toPlainText() == typed and line.text() == "Enterprise-7731"
    assert card_read_back(connection, arn)["ModelCardStatus"] == "PendingReview"
    editor.reject()
    for handler in log.handlers:
        handler.flush()
    log.close()
    text = log.path.read_text(encoding="utf-8")
    assert "save_card" in text and "changed this version's model card" in text  # the refusal was logged
    assert "Enterprise-7731" not in text and "growth-ml@example.com" not in text


def test_the_card_moves_on_after_confirming_and_reads_back(qtbot, pane, churn, connection):
    tab = pane.card_tab
    version = churn[CHURN_DEVELOPMENT[1]]
    show(qtbot, pane, version)
    outcome = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    tab.move_buttons["Approved"].click()
    outcome.check()
    assert card_read_back(connection, version.arn)["ModelCardStatus"] == "PendingReview"

    outcome = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Ok).click())
    tab.move_buttons["Approved"].click()
    outcome.check()
    draft = tab.move_buttons["Draft"]  # enabled again once the move's call has ended
    qtbot.waitUntil(lambda: tab.badge.text() == "Approved" and draft.isEnabled(), timeout=TIMEOUT)
    assert card_read_back(connection, version.arn)["ModelCardStatus"] == "Approved"
    draft.click()  # no question for a step back
    qtbot.waitUntil(lambda: tab.badge.text() == "Draft", timeout=TIMEOUT)
    assert card_read_back(connection, version.arn)["ModelCardStatus"] == "Draft"
    assert {s for s, b in tab.move_buttons.items() if not b.isHidden()} == {"PendingReview", "Archived"}


def test_custom_details_a_card_cannot_hold_are_named_in_the_form(qtbot, pane, churn):
    tab = pane.card_tab
    show(qtbot, pane, churn[CHURN_STAGING])
    tab.edit_button.click()
    editor = tab.editor
    table = editor.form.custom
    find_by_name(editor.form, QPushButton, "Add custom detail").click()
    table.item(0, 0).setText("cadence")
    table.item(0, 1).setText("weekly")
    assert json.loads(editor.json_text.toPlainText())["additional_information"]["custom_details"] == {
        "cadence": "weekly"}
    find_by_name(editor.form, QPushButton, "Add custom detail").click()
    table.item(1, 0).setText("cadence")
    assert editor.problems.text() == "Two custom details are named 'cadence'; rename or remove one."
    assert not editor.save_button.isEnabled()
    table.item(1, 0).setText("")
    table.item(1, 1).setText("monthly")
    assert "has a value but no name" in editor.problems.text()
    table.setCurrentCell(1, 0)
    find_by_name(editor.form, QPushButton, "Remove custom detail").click()
    assert editor.problems.isHidden() and editor.save_button.isEnabled()
    editor.reject()


def test_the_card_is_drawn_when_its_tab_is_opened_and_not_before(qtbot, pane, churn):
    tab = pane.card_tab
    pane.tabs.setCurrentIndex(DetailsPane.OVERVIEW)
    pane.show_versions([churn[CHURN_PRODUCTION]])
    qtbot.waitUntil(lambda: pane.current_details() is not None, timeout=TIMEOUT)
    assert tab.schema is None and tab.badge.text() == ""  # nothing read or drawn for a hidden tab
    pane.tabs.setCurrentIndex(DetailsPane.CARD)
    qtbot.waitUntil(lambda: tab.schema is not None, timeout=TIMEOUT)
    assert tab.badge.text() == "Approved" and shown(tab, "Risk rating") == "Low"
    assert tab.edit_button.isEnabled()
