"""A version's model card: saved and read back exactly, refused before any call, moved through
its statuses, never overwritten unseen."""

from __future__ import annotations

import json

import pytest

from app.registry.errors import RegistryError
from app.registry.governance.cards import (
    APPROVED,
    ARCHIVED,
    DRAFT,
    PENDING_REVIEW,
    ModelCard,
    card_of,
    card_text,
    check_move,
    pretty_card,
    set_model_card,
)
from app.registry.versions.describe import describe_version
from app.sandbox.history import churn_card

from .governance_helpers import Sent


def a_card() -> dict:
    content = json.loads(churn_card(7, "0.91"))
    content["additional_information"]["caveats_and_recommendations"] = "Retrain après chaque\u2028changement"
    return content


def test_a_card_saved_reads_back_with_exactly_the_json_the_user_saw(session, sagemaker, add_group, add_version):
    add_group("churn")
    arn = add_version("churn")
    content = a_card()
    shown = pretty_card(content)  # what the editor's JSON tab showed when Save was pressed

    details = set_model_card(session, arn, shown, DRAFT, seen=None)

    raw = sagemaker.describe_model_package(ModelPackageName=arn)["ModelCard"]
    assert raw["ModelCardStatus"] == DRAFT
    assert json.loads(raw["ModelCardContent"]) == json.loads(shown) == content
    assert raw["ModelCardContent"] == card_text(content)  # the text sent, character for character
    assert pretty_card(json.loads(raw["ModelCardContent"])) == shown  # and shown again as it was
    assert card_of(details.raw) == ModelCard(DRAFT, raw["ModelCardContent"])


def test_a_card_against_the_schema_is_refused_naming_the_field_before_any_call(
    session, add_group, add_version, calls
):
    add_group("churn")
    arn = add_version("churn")
    content = a_card()
    content["intended_uses"]["risk_rating"] = "Severe"
    before = len(calls.names)
    with pytest.raises(RegistryError) as refused:
        set_model_card(session, arn, content, DRAFT, seen=None)
    assert "intended_uses.risk_rating must be one of High, Medium, Low, Unknown" in str(refused.value)
    assert "Severe" not in str(refused.value)
    assert calls.names[before:] == []  # not even the read
    with pytest.raises(RegistryError, match="line 1, column 2"):
        set_model_card(session, arn, "{oops", DRAFT, seen=None)
    assert calls.names[before:] == []
    assert card_of(describe_version(session, arn).raw) is None


def test_the_card_moves_through_its_statuses_and_each_move_reads_back(session, sagemaker, add_group, add_version):
    add_group("churn")
    arn = add_version("churn")
    sent = Sent(sagemaker)
    card = card_of(set_model_card(session, arn, a_card(), DRAFT, seen=None).raw)
    text = card.text
    for status in (PENDING_REVIEW, DRAFT, PENDING_REVIEW, APPROVED, ARCHIVED):
        card = card_of(set_model_card(session, arn, None, status, seen=card).raw)
        raw = sagemaker.describe_model_package(ModelPackageName=arn)["ModelCard"]
        assert (raw["ModelCardStatus"], raw["ModelCardContent"]) == (status, text)
        assert card == ModelCard(status, text)
    assert sent.requests[-1]["ModelCard"] == {"ModelCardStatus": ARCHIVED}  # a move sends no content
    with pytest.raises(RegistryError, match="archived"):
        set_model_card(session, arn, a_card(), ARCHIVED, seen=card)
    with pytest.raises(RegistryError, match="archived"):
        set_model_card(session, arn, None, DRAFT, seen=card)
    assert len(sent.requests) == 6


def test_moves_the_docs_do_not_describe_are_refused():
    assert check_move(None, DRAFT) is None
    assert "starts as a Draft" in check_move(None, APPROVED)
    assert check_move(DRAFT, PENDING_REVIEW) is None and check_move(PENDING_REVIEW, DRAFT) is None
    assert check_move(PENDING_REVIEW, APPROVED) is None and check_move(APPROVED, ARCHIVED) is None
    assert "not to Approved" in check_move(DRAFT, APPROVED)
    assert "archived" in check_move(ARCHIVED, DRAFT)
    assert "one of Draft" in check_move(DRAFT, "Final")


def test_a_card_changed_since_it_was_read_is_not_overwritten(session, sagemaker, add_group, add_version):
    add_group("churn")
    arn = add_version("churn")
    seen = card_of(set_model_card(session, arn, a_card(), DRAFT, seen=None).raw)
    theirs = a_card()
    theirs["model_overview"]["model_owner"] = "someone-else@example.com"
    sagemaker.update_model_package(ModelPackageArn=arn, ModelCard={"ModelCardContent": json.dumps(theirs)})
    with pytest.raises(RegistryError) as refused:
        set_model_card(session, arn, a_card(), DRAFT, seen=seen)
    assert refused.value.kind == "conflict"
    raw = sagemaker.describe_model_package(ModelPackageName=arn)["ModelCard"]
    assert json.loads(raw["ModelCardContent"]) == theirs
