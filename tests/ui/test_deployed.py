"""Deployed where? The details' "Deployed to", the Endpoints column, and the reject and delete
warnings, against the seeded sandbox (four endpoints; see app/sandbox/endpoints.py)."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.registry.accounts.sessions import session_for
from app.registry.versions.records import REJECTED
from app.sandbox.history import CHURN, CHURN_PRODUCTION, version_arn
from app.ui.versions.approval import ApprovalDialog
from app.ui.versions.model import VersionsModel
from tests.ui.helpers import find_by_name, spin_until, when_modal
from tests.ui.test_approval_window import cell, select
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group
from tests.ui.test_versions_columns import toggle

PRODUCTION = version_arn(CHURN, CHURN_PRODUCTION, "us-east-1")
PIPELINE = version_arn("fraud-detection", 6, "us-east-1")
UNDEPLOYED = version_arn(CHURN, 39, "us-east-1")


@contextmanager
def refused_listing(connection):
    """ListEndpoints answers AccessDenied, as AWS does for a profile without the permission."""
    client = session_for(connection).client("sagemaker")
    event = "before-call.sagemaker.ListEndpoints"

    def refuse(**_kwargs):
        class Response:
            status_code = 400
            headers: dict = {}
            content = b""

        return Response(), {"Error": {"Code": "AccessDeniedException", "Message": "not authorized"},
                            "ResponseMetadata": {"HTTPStatusCode": 400}}

    client.meta.events.register(event, refuse)
    try:
        yield
    finally:
        client.meta.events.unregister(event, refuse)


def deployed_to(window) -> QLabel:
    return find_by_name(window.details_pane, QLabel, "Deployed to")


def test_the_details_name_the_endpoint_serving_a_version_and_say_when_none_does(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        select(qtbot, window.versions_view, [PRODUCTION])
        qtbot.waitUntil(lambda: "churn-scoring-prod" in deployed_to(window).text(), timeout=TIMEOUT)
        assert deployed_to(window).text() == "churn-scoring-prod · InService · variant AllTraffic"

        select(qtbot, window.versions_view, [version_arn(CHURN, 44, "us-east-1")])
        qtbot.waitUntil(lambda: "staging" in deployed_to(window).text(), timeout=TIMEOUT)
        assert deployed_to(window).text().splitlines() == [
            "churn-scoring-prod · InService · variant Shadow (shadow)",
            "churn-scoring-staging · InService · variant AllTraffic"]

        select(qtbot, window.versions_view, [UNDEPLOYED])
        qtbot.waitUntil(lambda: deployed_to(window).text().startswith("Not deployed"), timeout=TIMEOUT)
        assert deployed_to(window).text() == "Not deployed to any endpoint in 123456789012 us-east-1"
    finally:
        close(window)


def test_the_pipeline_version_lists_both_endpoints_its_containers_serve(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "fraud-detection")
        select(qtbot, window.versions_view, [PIPELINE])
        qtbot.waitUntil(lambda: "fraud-scoring" in deployed_to(window).text(), timeout=TIMEOUT)
        assert sorted(deployed_to(window).text().splitlines()) == [
            "fraud-scoring-prod · InService · variant Candidate",
            "fraud-scoring-staging · InService · variant AllTraffic"]
    finally:
        close(window)


def test_a_refused_listing_is_shown_with_the_profile_and_the_action(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        with refused_listing(connection):
            select(qtbot, window.versions_view, [PRODUCTION])
            qtbot.waitUntil(lambda: deployed_to(window).text().startswith("Could not"), timeout=TIMEOUT)
        text = deployed_to(window).text()
        assert text.startswith("Could not check the endpoints: Access denied: the profile 'sandbox' may not "
                               "call sagemaker:ListEndpoints")
        assert "Not deployed" not in text
    finally:
        close(window)


def test_the_endpoints_column_is_hidden_until_chosen_then_one_scan_fills_it(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        view = window.versions_view
        assert view.table.isColumnHidden(VersionsModel.ENDPOINTS)
        assert cell(view, PRODUCTION, VersionsModel.ENDPOINTS) == "…"  # nothing asked while hidden
        toggle(view, "endpoints")
        assert not view.table.isColumnHidden(VersionsModel.ENDPOINTS)
        header = view.table.horizontalHeader()  # on screen beside the stage, not off at the far right
        assert header.visualIndex(VersionsModel.ENDPOINTS) == header.visualIndex(VersionsModel.STAGE_STATUS) + 1
        qtbot.waitUntil(lambda: cell(view, PRODUCTION, VersionsModel.ENDPOINTS) == "churn-scoring-prod",
                        timeout=TIMEOUT)
        assert cell(view, UNDEPLOYED, VersionsModel.ENDPOINTS) == ""
        assert cell(view, version_arn(CHURN, 44, "us-east-1"), VersionsModel.ENDPOINTS) == (
            "churn-scoring-prod, churn-scoring-staging")  # a shadow variant of production, and staging

        open_group(qtbot, window, "fraud-detection")  # the same account-region: the same scan
        qtbot.waitUntil(lambda: cell(view, PIPELINE, VersionsModel.ENDPOINTS) != "…", timeout=TIMEOUT)
        assert cell(view, PIPELINE, VersionsModel.ENDPOINTS) == "fraud-scoring-prod, fraud-scoring-staging"
    finally:
        close(window)


def test_rejecting_a_deployed_version_names_its_endpoints_before_the_user_confirms(
        qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    seen: dict = {}
    try:
        open_group(qtbot, window, CHURN)
        select(qtbot, window.versions_view, [PRODUCTION])

        def look(dialog):
            warning = find_by_name(dialog, QLabel, "Deployed versions")
            seen["landed"] = spin_until(lambda: "serves" in warning.text(), TIMEOUT)
            seen["warning"] = warning.text()
            dialog.reject()

        modal = when_modal(qtbot, look)
        window.flows.change_approval(REJECTED)
        modal.check()
        assert seen["landed"]
        assert seen["warning"].startswith("⚠ Version 40 serves churn-scoring-prod. Rejecting it leaves")
    finally:
        close(window)


def test_deleting_the_pipeline_version_names_both_endpoints(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    seen: dict = {}
    try:
        open_group(qtbot, window, "fraud-detection")
        select(qtbot, window.versions_view, [PIPELINE])

        def look(dialog):
            warning = find_by_name(dialog, QLabel, "Deployed versions")
            seen["landed"] = spin_until(lambda: "serves" in warning.text(), TIMEOUT)
            seen["warning"] = warning.text()
            dialog.reject()

        modal = when_modal(qtbot, look)
        window.actions_by_name["delete_versions"].trigger()
        modal.check()
        assert seen["landed"]
        assert seen["warning"].startswith(
            "⚠ Version 6 serves fraud-scoring-prod, fraud-scoring-staging. Deleting it does not stop")
    finally:
        close(window)


def test_a_failed_check_in_the_reject_dialog_says_so_instead_of_allowing_silently(qtbot, connection, sandbox):
    window_version = next(v for v in _versions(connection) if v.arn == PRODUCTION)
    with refused_listing(connection):
        dialog = ApprovalDialog(connection, [window_version], REJECTED)
        qtbot.addWidget(dialog)
        warning = find_by_name(dialog, QLabel, "Deployed versions")
        qtbot.waitUntil(lambda: warning.text().startswith("Could not"), timeout=TIMEOUT)
    assert warning.text().startswith("Could not check whether these versions serve any endpoint: Access denied: "
                                     "the profile 'sandbox' may not call sagemaker:ListEndpoints")
    dialog.reject()


def _versions(connection):
    from app.registry.versions.describe import iter_version_pages

    return [v for page in iter_version_pages(session_for(connection), CHURN) for v in page]


def test_a_refused_listing_leaves_the_column_unavailable_and_says_why(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    errors: list[str] = []
    try:
        open_group(qtbot, window, CHURN)
        view = window.versions_view
        view.errorOccurred.connect(errors.append)
        with refused_listing(connection):
            toggle(view, "endpoints")
            qtbot.waitUntil(lambda: cell(view, PRODUCTION, VersionsModel.ENDPOINTS) != "…", timeout=TIMEOUT)
        assert cell(view, PRODUCTION, VersionsModel.ENDPOINTS) == "(unavailable)"
        tooltip = view.model.index(view.model.position_of(PRODUCTION), VersionsModel.ENDPOINTS).data(
            Qt.ItemDataRole.ToolTipRole)
        assert "the profile 'sandbox' may not call sagemaker:ListEndpoints" in tooltip
        assert errors and errors[-1].startswith("The Endpoints column could not be filled: Access denied")
    finally:
        close(window)


def test_the_endpoints_column_stays_hidden_for_a_user_whose_column_choice_predates_it(
        qtbot, connection, qsettings, sandbox):
    """Saved before the column existed: the hidden list cannot name it, and it must not appear
    (and scan every account-region the user opens) on its own."""
    qsettings.setValue("sandbox/columns/versions/hidden", "package_status,created_by")  # modified_by shown
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, CHURN)
        table = window.versions_view.table
        assert table.isColumnHidden(VersionsModel.ENDPOINTS)
        assert not table.isColumnHidden(VersionsModel.MODIFIED_BY)  # the user's own choice stays
        toggle(window.versions_view, "endpoints")
    finally:
        close(window)
    again = make_window(qtbot, connection, qsettings)  # shown on purpose: it stays shown
    try:
        open_group(qtbot, again, CHURN)
        assert not again.versions_view.table.isColumnHidden(VersionsModel.ENDPOINTS)
        qtbot.waitUntil(lambda: cell(again.versions_view, PRODUCTION, VersionsModel.ENDPOINTS) == "churn-scoring-prod",
                        timeout=TIMEOUT)
    finally:
        close(again)


def test_a_shared_version_says_which_account_was_looked_in_not_its_owners(qtbot, connection, qsettings, sandbox):
    """Endpoints of the account the window is signed in to were scanned, not the training account's."""
    window = make_window(qtbot, connection, qsettings)
    try:
        open_group(qtbot, window, "training-experiments")
        shared = window.versions_view.model.rows()[0]
        assert ":210987654321:" in shared.arn
        select(qtbot, window.versions_view, [shared.arn])
        qtbot.waitUntil(lambda: deployed_to(window).text().startswith("Not deployed"), timeout=TIMEOUT)
        assert deployed_to(window).text() == "Not deployed to any endpoint in 123456789012 us-east-1"
    finally:
        close(window)
