"""A groups listing that fails keeps what was shown and says, in the pane, what failed."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from tests.ui.helpers import find_by_name
from tests.ui.test_main_window import TIMEOUT, close, make_window, open_group, wait_groups

LISTING = "before-call.sagemaker.ListModelPackageGroups"
NO_GROUPS = "No model package groups"


def answer_503(**_kwargs: Any):
    """The endpoint answers as an overloaded SageMaker does."""
    from botocore.awsrequest import AWSResponse

    return AWSResponse("https://api.sagemaker.us-east-1.amazonaws.com", 503, {}, None), {
        "Error": {"Code": "ServiceUnavailable", "Message": "Service Unavailable"},
        "ResponseMetadata": {"HTTPStatusCode": 503}}


def answer_access_denied(**_kwargs: Any):
    from botocore.awsrequest import AWSResponse

    message = ("User: arn:aws:sts::123456789012:assumed-role/Reader/s is not authorized to perform: "
               "sagemaker:ListModelPackageGroups")
    return AWSResponse("https://api.sagemaker.us-east-1.amazonaws.com", 403, {}, None), {
        "Error": {"Code": "AccessDeniedException", "Message": message},
        "ResponseMetadata": {"HTTPStatusCode": 403}}


class FailFrom:
    """Let the first `ok` listing calls through, then answer every later one with `answer`."""

    def __init__(self, ok: int, answer=answer_503):
        self.ok, self.answer, self.calls = ok, answer, 0

    def __call__(self, **kwargs: Any):
        self.calls += 1
        return None if self.calls <= self.ok else self.answer(**kwargs)


def problem_text(window) -> str:
    view = window.groups_view
    return view.problem.text() if hasattr(view, "problem") else view.table.empty_text()


def shown_names(window) -> set[str]:
    return {g.name for g in window.groups_view.model.rows()}


def test_a_failed_refresh_keeps_the_groups_the_selection_and_the_versions(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    open_group(qtbot, window, "churn-prediction")
    before = shown_names(window)
    versions = window.versions_view.model.rowCount()
    client = session_for(connection).client("sagemaker")
    client.meta.events.register(LISTING, answer_503)

    window.actions_by_name["refresh"].trigger()

    qtbot.waitUntil(lambda: bool(problem_text(window)), timeout=TIMEOUT)
    text = problem_text(window)
    assert "sagemaker:ListModelPackageGroups" in text and "'sandbox'" in text and "Service Unavailable" in text
    assert "us-east-1" in text  # the resource: which groups could not be listed
    qtbot.waitUntil(lambda: not window.groups_view.model.loading, timeout=TIMEOUT)
    assert shown_names(window) == before
    assert window.groups_view.current_group().name == "churn-prediction"
    assert window.versions_view.group().name == "churn-prediction"
    qtbot.waitUntil(lambda: window.versions_view.model.rowCount() == versions
                    and not window.versions_view.model.loading, timeout=TIMEOUT)
    assert NO_GROUPS not in window.groups_view.table.empty_text()
    assert "may be out of date" in window.groups_view.count_label.text()

    # Retry, once the endpoint is back: the problem goes, the groups stay.
    client.meta.events.unregister(LISTING, answer_503)
    find_by_name(window.groups_view, QPushButton, "Retry listing groups").click()
    qtbot.waitUntil(lambda: not problem_text(window) and not window.groups_view.model.loading, timeout=TIMEOUT)
    assert shown_names(window) == before
    assert window.groups_view.current_group().name == "churn-prediction"
    assert "out of date" not in window.groups_view.count_label.text()
    close(window)


def test_a_refresh_failing_half_way_keeps_the_groups_it_did_not_reach(qtbot, connection, qsettings, sandbox):
    window = make_window(qtbot, connection, qsettings)
    wait_groups(qtbot, window)
    shared = next(g for g in window.groups_view.model.rows() if g.shared)
    window.groups_view.select_arn(shared.arn)
    before = shown_names(window)
    # Our own groups come in one page; the listing of the shared ones then fails.
    session_for(connection).client("sagemaker").meta.events.register(LISTING, FailFrom(ok=1))

    window.actions_by_name["refresh"].trigger()

    qtbot.waitUntil(lambda: bool(problem_text(window)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.groups_view.model.loading, timeout=TIMEOUT)
    assert shown_names(window) == before
    assert window.groups_view.current_group().arn == shared.arn
    assert "shared" in problem_text(window)  # which part of the listing failed
    close(window)


def test_a_first_listing_failing_half_way_says_the_list_is_incomplete(qtbot, connection, qsettings, sandbox):
    session_for(connection).client("sagemaker").meta.events.register(LISTING, FailFrom(ok=1))
    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: bool(problem_text(window)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.groups_view.model.loading, timeout=TIMEOUT)
    own = window.groups_view.model.rowCount()
    assert own >= 4 and not any(g.shared for g in window.groups_view.model.rows())
    assert "incomplete" in problem_text(window) and "Service Unavailable" in problem_text(window)
    assert "incomplete" in window.groups_view.count_label.text()
    close(window)


def test_access_denied_at_start_shows_the_error_never_no_groups(qtbot, connection, qsettings, sandbox):
    session_for(connection).client("sagemaker").meta.events.register(LISTING, answer_access_denied)
    window = make_window(qtbot, connection, qsettings)
    qtbot.waitUntil(lambda: bool(problem_text(window)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.groups_view.model.loading, timeout=TIMEOUT)
    text = problem_text(window)
    assert text.count("Access denied") == 1 and "sagemaker:ListModelPackageGroups" in text
    assert window.groups_view.model.rowCount() == 0
    assert NO_GROUPS not in window.groups_view.table.empty_text()
    assert NO_GROUPS not in window.groups_view.count_label.text()
    close(window)


def test_no_credentials_at_start_shows_the_error_never_no_groups(qtbot, qsettings, sandbox, monkeypatch):
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                 "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        monkeypatch.delenv(name, raising=False)
    server, _summary = sandbox
    nobody = Connection(profile=None, region="us-east-1", endpoint_url=server.endpoint_url, label="nobody")
    window = make_window(qtbot, nobody, qsettings)
    qtbot.waitUntil(lambda: bool(problem_text(window)), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.groups_view.model.loading, timeout=TIMEOUT)
    assert "No credentials found for the profile 'nobody'" in problem_text(window)
    assert NO_GROUPS not in window.groups_view.table.empty_text()
    close(window)
