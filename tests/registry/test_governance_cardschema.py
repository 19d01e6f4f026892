"""The model card schema check: the field named, nothing quoted, every verdict jsonschema's."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.registry.governance.cards import card_text, content_problems
from app.registry.governance.cardschema import ANNOTATIONS, CHECKED, INERT, card_problems, load_schema
from app.sandbox.history import churn_card, fraud_card

SCHEMA = load_schema()
REFERENCE = jsonschema.Draft7Validator(SCHEMA)
SECRET = "confidential-figure-5521"


def card() -> dict[str, Any]:
    return json.loads(churn_card(40, "0.906"))


def full_card() -> dict[str, Any]:
    """A card with something in every part of the schema."""
    content = card()
    content["model_overview"]["model_artifact"] = ["s3://models/churn/40/model.tar.gz"]
    content["training_details"]["training_job_details"] = {
        "training_arn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/churn-40",
        "training_datasets": ["s3://data/churn/train.csv"],
        "training_environment": {"container_image": ["xgboost:1.7-1"]},
        "training_metrics": [{"name": "train:logloss", "value": 0.21, "notes": "last epoch"}],
        "user_provided_training_metrics": [{"name": "drift", "value": 1}],
        "hyper_parameters": [{"name": "eta", "value": "0.2"}],
        "user_provided_hyper_parameters": [{"name": "note", "value": ""}],
    }
    evaluation = content["evaluation_details"][0]
    evaluation.update({"evaluation_job_arn": "arn:aws:sagemaker:us-east-1:123456789012:processing-job/e",
                       "datasets": ["s3://data/churn/holdout.csv"], "metadata": {"split": "time"}})
    evaluation["metric_groups"][0]["metric_data"] += [
        {"name": "roc", "type": "linear_graph", "value": [[0, 0], [0.5, 0.8]], "x_axis_name": "fpr",
         "y_axis_name": "tpr"},
        {"name": "lift", "type": "bar_chart", "value": [1.2, 3.4], "x_axis_name": ["a", "b"]},
        {"name": "confusion", "type": "matrix", "value": [[10, 2], [3, 40]], "x_axis_name": ["n", "p"],
         "y_axis_name": ["n", "p"]},
        {"name": "calibrated", "type": "boolean", "value": True, "notes": "isotonic"},
    ]
    content["additional_information"]["custom_details"] = {"cadence": "weekly"}
    return content


def messages(content: Any) -> list[str]:
    return [p.message for p in card_problems(content, SCHEMA)]


def test_the_shipped_schema_uses_only_keywords_the_check_knows():
    """A schema update that brings a keyword this check ignores fails here, not silently."""
    seen: set[str] = set()

    def walk(node: Any, in_map: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if not in_map:
                    seen.add(key)
                # "properties" and "definitions" map names to schemas: their keys are names
                walk(value, in_map=key in ("properties", "definitions") and not in_map)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(SCHEMA)
    # objective_function's "function" and "notes" sit where no keyword is expected: the schema
    # as AWS publishes it leaves training_details.objective_function unconstrained.
    unknown = seen - CHECKED - ANNOTATIONS - INERT - {"function", "notes"}
    assert unknown == set(), unknown
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert list(SCHEMA["properties"]) == ["model_overview", "intended_uses", "business_details",
                                          "training_details", "evaluation_details", "additional_information"]


def test_the_seeded_cards_follow_the_schema():
    assert card_problems(card(), SCHEMA) == []
    assert REFERENCE.is_valid(card())
    assert card_problems(full_card(), SCHEMA) == [] and REFERENCE.is_valid(full_card())
    assert card_problems({}, SCHEMA) == []
    fraud = json.loads(fraud_card(6, "XGBoost", "High", "Nine months of authorisations"))
    assert card_problems(fraud, SCHEMA) == [] and REFERENCE.is_valid(fraud)


def test_a_wrong_risk_rating_names_the_field_and_the_choices():
    content = card()
    content["intended_uses"]["risk_rating"] = "Severe"
    assert messages(content) == ["intended_uses.risk_rating must be one of High, Medium, Low, Unknown"]


def test_each_kind_of_mistake_names_its_field():
    content = card()
    content["model_overview"]["model_owner"] = "o" * 1030
    content["model_overview"]["model_colour"] = "blue"
    content["evaluation_details"].append({"evaluation_observation": "no name"})
    content["evaluation_details"][0]["metric_groups"][0]["metric_data"][0]["value"] = [1, 2]
    content["business_details"] = "a sentence"
    content["extra_section"] = {}
    assert messages(content) == [
        "model_overview.model_owner must be at most 1024 characters (it has 1030; remove 6)",
        "model_overview.model_colour is not a field of the model card schema",
        "business_details must be a group of fields (a JSON object)",
        "evaluation_details[0].metric_groups[0].metric_data[0].value must be a number or text or true or false",
        "evaluation_details[1].name is missing; it is required",
        "extra_section is not a section of the model card schema",
    ]


def test_a_metric_is_judged_by_the_shape_its_type_names():
    content = card()
    content["evaluation_details"][0]["metric_groups"][0]["metric_data"] = [
        {"name": "roc", "type": "linear_graph", "value": [[0, 0], [1]]},
        {"name": "", "type": "number", "value": 1},
    ]
    assert messages(content) == [
        "evaluation_details[0].metric_groups[0].metric_data[0].value[1] must have at least 2 items",
        "evaluation_details[0].metric_groups[0].metric_data[1].name must not be empty",
    ]


def test_no_message_quotes_a_value_and_chosen_keys_are_hidden_where_it_may_be_logged():
    content = card()
    content["intended_uses"]["risk_rating"] = SECRET
    content["additional_information"]["custom_details"] = {SECRET: "x" * 1025}
    content[SECRET] = 1
    problems = card_problems(content, SCHEMA)
    assert len(problems) == 3
    assert all(SECRET not in p.rule and SECRET not in p.safe_message for p in problems)
    assert "additional_information.custom_details.* must be at most 1024" in problems[1].safe_message
    assert problems[1].where == f"additional_information.custom_details.{SECRET}"  # the editor names it


def test_the_saved_text_is_one_line_and_its_length_is_the_apis():
    content = {"additional_information": {"caveats_and_recommendations": "a\u2028b\nc é"}}
    text = card_text(content)
    assert "\n" not in text and "\u2028" not in text and "é" in text
    assert json.loads(text) == content
    big = {"additional_information": {"custom_details": {f"k{i}": "v" * 1000 for i in range(101)}}}
    (problem,) = content_problems(big, SCHEMA)
    assert problem.where == "The card" and "at most 100000" in problem.rule


# -- every verdict is jsonschema's ------------------------------------------------------------

PROBES: list[Any] = [None, True, 0, -1, 2.5, "", "\n", "x", "x" * 64, "x" * 256, "x" * 1025, "x" * 2049,
                     "x" * 2097, "High", "Maximize", "number", "matrix", [], [1], [[1, 2]], ["x" * 64],
                     ["s"] * 11, [[1] * 21], {}, {"name": "n"}, {"k": "x" * 1025}]


def _agree(content: Any) -> None:
    assert (card_problems(content, SCHEMA) == []) == REFERENCE.is_valid(content), (
        messages(content), [e.message[:100] for e in REFERENCE.iter_errors(content)])


def test_every_field_given_every_kind_of_value_gets_jsonschemas_verdict():
    base = full_card()
    for path in [p for p in _paths(base) if p]:
        for probe in [*PROBES, "delete", "add"]:
            content = copy.deepcopy(base)
            parent = content
            for step in path[:-1]:
                parent = parent[step]
            if probe == "delete" and isinstance(parent, dict):
                del parent[path[-1]]
            elif probe == "add" and isinstance(parent, dict):
                parent["unexpected"] = "x"
            else:
                parent[path[-1]] = probe
            _agree(content)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "\n", "High", "Minimize", "number", "linear_graph", "x" * 70, "y" * 3000]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["name", "type", "value", "notes", "function", "k"]), inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, at: tuple = ()) -> list[tuple]:
    found = [at]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*at, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*at, i))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_verdict_agrees_with_jsonschema(data):
    content = full_card()
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(content) if p]
        path = data.draw(st.sampled_from(paths))
        parent = content
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["name", "value", "type", "extra", "notes"]))] = data.draw(JSON_VALUES)
        else:
            parent[path[-1]] = data.draw(JSON_VALUES)
    _agree(content)
