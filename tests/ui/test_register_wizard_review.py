"""The register review: what its Copy buttons put on the clipboard is the exact request."""

from __future__ import annotations

import ast
import json
import shlex

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from app.registry.versions import registration, renderings
from app.registry.versions.registration import ContainerSpec, RegistrationSpec
from app.ui.wizards.register import PageId
from tests.registry import snippet_reader
from tests.ui.helpers import find_by_name
from tests.ui.test_register_wizard import ECR, go_next, open_wizard  # noqa: F401 (a fixture)

# A no-break space, both Unicode line/paragraph separators and non-ASCII letters: the text box
# shows them, but its plain text turns the first into a space and the others into newlines.
TRICKY = "équipe\u00a0risque\u2028ligne 2\u2029paragraphe — 日本"


def tricky_spec() -> RegistrationSpec:
    return RegistrationSpec(
        group="churn-prediction",
        containers=(ContainerSpec(f"{ECR}/churn-xgboost:1.7-1", "",
                                  (("NOTE", TRICKY), ("LOG_LEVEL", "20"))),),
        content_types=("text/csv",),
        response_types=("text/csv",),
        description=TRICKY,
        customer_metadata=(("équipe", "risque\u00a0élevé"),),
    )


def copied(qtbot, wizard, name: str) -> str:
    QGuiApplication.clipboard().clear()
    button = find_by_name(wizard, QPushButton, f"Copy {name}")
    wizard.review_page.tabs.setCurrentWidget(button.parentWidget())
    button.click()
    return QGuiApplication.clipboard().text()


def request_in_snippet(snippet: str) -> dict:
    """The `request = {...}` literal of the boto3 snippet, as Python reads it."""
    tree = ast.parse(snippet)
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "request":
            return ast.literal_eval(node.value)
    raise AssertionError("the snippet has no request")


@pytest.fixture
def review(qtbot, open_wizard):  # noqa: F811
    wizard = open_wizard(source=tricky_spec())
    qtbot.waitUntil(lambda: wizard.target_page.group() == "churn-prediction", timeout=10000)
    for _page in range(4):
        go_next(qtbot, wizard)
    assert wizard.currentId() == PageId.REVIEW
    return wizard


def test_copied_json_parses_and_is_the_request(qtbot, review):
    expected = registration.build_request(tricky_spec())
    assert registration.build_request(review.spec()) == expected
    text = copied(qtbot, review, "Request JSON")
    assert json.loads(text) == expected


def test_copied_boto3_snippet_compiles_and_sends_the_request(qtbot, review):
    text = copied(qtbot, review, "boto3 snippet")
    compile(text, "register.py", "exec")  # a SyntaxError fails the test
    assert request_in_snippet(text) == registration.build_request(tricky_spec())


def test_copied_cli_command_carries_the_request_as_valid_json(qtbot, review):
    text = copied(qtbot, review, "AWS CLI command")
    words = shlex.split(text)
    assert words[:3] == ["aws", "sagemaker", "create-model-package"]
    argument = words[words.index("--cli-input-json") + 1]
    assert json.loads(argument) == registration.build_request(tricky_spec())


@pytest.mark.parametrize("title, name, render", [
    ("SageMaker SDK", "SageMaker SDK code", renderings.sdk_snippet),
    ("Pipelines step", "Pipelines step code", renderings.pipeline_step_snippet),
])
def test_the_sdk_and_pipelines_tabs_show_and_copy_the_code_for_the_spec(qtbot, review, title, name, render):
    tabs = review.review_page.tabs
    assert title in [tabs.tabText(i) for i in range(tabs.count())]
    connection = review.connection
    expected = render(registration.build_request(tricky_spec()), region=connection.region,
                      profile=connection.profile)
    shown = find_by_name(review, QPlainTextEdit, name)
    assert shown.toPlainText() == expected  # nothing hidden: invisible characters are escapes
    text = copied(qtbot, review, name)
    assert text == expected
    # and the copied code registers what the wizard would: read back, it is the request
    request = registration.build_request(tricky_spec())
    assert snippet_reader.read(text).request == snippet_reader.with_sdk_defaults(request)
