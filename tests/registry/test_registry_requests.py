"""Validation before the call: limits read from botocore's model, messages that say what to do."""

from __future__ import annotations

import re
import string
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.registry.aws import constraint, service_model
from app.registry.versions.javaregex import compile_java, translate
from app.registry.versions.requests import (
    check_approval_comment,
    check_approval_status,
    check_group_description,
    check_group_name,
    prepare,
)

SAGEMAKER = service_model("sagemaker")
NAME = SAGEMAKER.shape_for("CreateModelPackageGroupInput").members["ModelPackageGroupName"]
NAME_PATTERN = NAME.metadata["pattern"]
ALLOWED = set(string.ascii_letters + string.digits + "-")


def test_constraints_come_from_the_botocore_model():
    assert constraint("CreateModelPackageGroupInput.ModelPackageGroupName") == {
        "min": 1,
        "max": 63,
        "pattern": NAME_PATTERN,
    }
    assert constraint("UpdateModelPackageInput.ApprovalDescription")["max"] == 1024
    assert constraint("UpdateModelPackageInput.ModelApprovalStatus")["enum"] == [
        "Approved",
        "Rejected",
        "PendingManualApproval",
    ]
    # A list is walked into its element.
    image = constraint("CreateModelPackageInput.InferenceSpecification.Containers.Image")
    assert image["max"] == 255
    with pytest.raises(KeyError):
        constraint("CreateModelPackageGroupInput.NoSuchMember")


@pytest.mark.parametrize(
    "name", ["churn", "a", "Churn-Model-2", "a--b", "0day", "x" * 63, "A1-b2-C3"]
)
def test_good_group_names(name):
    assert check_group_name(name) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "Type a name. Use 1–63 characters"),
        ("churn_model", "(got 'churn_model' which contains '_')"),
        ("churn model", "which contains a space"),
        ("modèle", "which contains 'è'"),
        ("-churn", "which starts with a hyphen"),
        ("churn-", "which ends with a hyphen"),
        ("x" * 64, "(got 64 characters; remove 1)"),
        ("a.b/c", "which contains '.', '/'"),
    ],
)
def test_bad_group_names_say_what_to_type(name, expected):
    message = check_group_name(name)
    assert message is not None
    assert message.startswith("Use 1–63 characters: letters a–z or A–Z, digits and hyphens; ") or (
        message.startswith("Type a name.")
    )
    assert expected in message


@given(st.from_regex(NAME_PATTERN, fullmatch=True).filter(lambda s: 1 <= len(s) <= 63))
def test_every_name_the_model_allows_is_accepted(name):
    assert check_group_name(name) is None


@given(
    st.text(min_size=1, max_size=62),
    st.characters().filter(lambda c: c not in ALLOWED),
    st.data(),
)
def test_any_character_outside_letters_digits_hyphen_is_refused(text, bad, data):
    at = data.draw(st.integers(min_value=0, max_value=len(text)))
    name = text[:at] + bad + text[at:]
    assert check_group_name(name) is not None


def test_descriptions():
    assert check_group_description("Churn – prédiction ✓ 日本語 (v2), 50% off!") is None
    assert check_group_description("") is None
    assert "at most 1024 characters (it has 1030; remove 6)" in check_group_description("d" * 1030)
    assert check_group_description("two\nlines") == (
        "The description may not contain a line break; remove it."
    )
    assert "U+0007" in check_group_description("bell\x07")


def test_approval_comments():
    assert check_approval_comment("x" * 1024) is None
    assert check_approval_comment("") is None
    assert check_approval_comment("x" * 1025) == (
        "Shorten the comment to at most 1024 characters (it has 1025; remove 1)."
    )
    # AWS matches ".*" the Java way: a line break is outside it.
    assert "line break" in check_approval_comment("approved\nby me")


def test_approval_statuses():
    for status in ("Approved", "Rejected", "PendingManualApproval"):
        assert check_approval_status(status) is None
    assert check_approval_status("approved") == (
        "Pick an approval status from Approved, Rejected, PendingManualApproval (got 'approved')."
    )


def _all_patterns() -> list[str]:
    patterns = set()
    for name in SAGEMAKER.shape_names:
        pattern = SAGEMAKER.shape_for(name).metadata.get("pattern")
        if pattern:
            patterns.add(pattern)
    return sorted(patterns)


def test_every_sagemaker_pattern_compiles():
    patterns = _all_patterns()
    assert len(patterns) > 100
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "possible nested set" or similar either
        for pattern in patterns:
            compile_java(pattern)


def test_java_regex_translation():
    categories = compile_java(r"[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]*")
    assert categories.fullmatch("Ünïcødé – 42 € ✓ 日本")
    assert not categories.fullmatch("tab\there")
    alnum = compile_java(r"[\p{Alnum}\-]+")  # POSIX classes are ASCII in Java
    assert alnum.fullmatch("us-east-1") and not alnum.fullmatch("é")
    dot = compile_java(".*")
    assert dot.fullmatch("anything at all é") and not dot.fullmatch("a\rb")
    assert not dot.fullmatch("a\u2028b")
    pair = compile_java(r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*")
    assert pair.fullmatch("emoji 😀\t") and not pair.fullmatch("\n")
    anchored = compile_java(r"([\p{L}\p{Z}\p{N}_.:\/=+\-@]*)${1,128}")
    assert anchored.fullmatch("team: ml") and not anchored.fullmatch("a#b")
    assert compile_java(r"\d+").fullmatch("123") and not compile_java(r"\d+").fullmatch("١٢٣")
    assert compile_java(r"\Qa.b\E").fullmatch("a.b") and not compile_java(r"\Qa.b\E").fullmatch(
        "axb"
    )
    assert re.compile(translate("[a-z]{1,3}")).fullmatch("abc")
    assert compile_java(r"ab\z").fullmatch("ab")
    assert compile_java(r"ab\Z\n").fullmatch("ab\n")  # Java: \Z may stand before a final break
    assert compile_java("a\\hb").fullmatch("a\u00a0b")
    with pytest.raises(ValueError):
        translate(r"\p{NoSuchThing}")


def test_prepare_loads_everything_the_checks_need():
    prepare()
    assert check_group_description("ready") is None
