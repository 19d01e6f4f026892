"""Metric values side by side: each with its delta and whether it moved the good way."""

from __future__ import annotations

import pytest

from app.registry.versions.compare import Change, Direction, Section, compare_versions, metric_direction

from .compare_helpers import response, snapshot


@pytest.mark.parametrize("name", [
    "accuracy", "binary_classification_metrics / auc", "AUC", "roc_auc", "ROC AUC", "f1", "f1_score", "F1Score",
    "weighted_f1", "precision", "Recall", "balanced_accuracy", "multiclass_classification_metrics / weighted_recall",
    "validation:accuracy",
])
def test_names_that_should_go_up(name):
    assert metric_direction(name) is Direction.BETTER


@pytest.mark.parametrize("name", [
    "rmse", "regression_metrics / mse", "MAE", "log loss", "log_loss", "LogLoss", "logloss", "cross_entropy",
    "p50_latency", "latency_ms", "ModelLatency", "p99 latency", "validation:rmse",
])
def test_names_that_should_go_down(name):
    assert metric_direction(name) is Direction.WORSE


@pytest.mark.parametrize("name", [
    "rows", "version", "notes", "binary_classification_metrics / confusion_matrix / 0 / 1", "auc / threshold",
])
def test_names_without_a_good_way_are_neutral(name):
    assert metric_direction(name) is Direction.NEUTRAL


def _metric_lines(left, right, left_problem="", right_problem=""):
    comparison = compare_versions(snapshot(response(1), left, left_problem),
                                  snapshot(response(2), right, right_problem))
    return {line.label: line for line in comparison.lines if line.section is Section.METRICS}


def test_deltas_and_directions():
    lines = _metric_lines(
        {"m / auc": 0.91, "m / rmse": 0.30, "m / recall": 0.8, "p50_latency": 120.0, "rows": 1000.0, "model": "xgb"},
        {"m / auc": 0.93, "m / rmse": 0.25, "m / recall": 0.7, "p50_latency": 150.0, "rows": 1200.0, "model": "xgb"})

    found = {label[0]: (line.left, line.right, line.delta is not None and round(line.delta, 6), line.direction)
             for label, line in lines.items()}
    assert found == {
        "m / auc": ("0.91", "0.93", 0.02, Direction.BETTER),
        "m / rmse": ("0.3", "0.25", -0.05, Direction.BETTER),  # lower error: better
        "m / recall": ("0.8", "0.7", -0.1, Direction.WORSE),
        "p50_latency": ("120", "150", 30.0, Direction.WORSE),
        "rows": ("1000", "1200", 200.0, Direction.NEUTRAL),  # no good way for an unknown name
        "model": ("xgb", "xgb", False, Direction.NEUTRAL),  # text: no delta
    }


def test_an_unchanged_metric_is_neutral_and_not_a_difference():
    line = _metric_lines({"auc": 0.9}, {"auc": 0.9})[("auc",)]
    assert (line.change, line.delta, line.direction) == (Change.SAME, 0.0, Direction.NEUTRAL)


def test_a_metric_only_one_side_has_has_no_delta():
    lines = _metric_lines({"auc": 0.9}, {"auc": 0.9, "recall": 0.7})
    assert (lines[("recall",)].change, lines[("recall",)].delta) == (Change.ADDED, None)


def test_a_side_whose_report_could_not_be_read_says_why_instead_of_values():
    problem = "The metrics file s3://metrics/3.json is not JSON, so it cannot be shown as a table."
    lines = _metric_lines({}, {"auc": 0.9}, left_problem=problem)

    assert lines[("metrics",)].left == problem
    assert lines[("metrics",)].right is None
    assert lines[("auc",)].left is None  # nothing invented for the side that could not be read
    assert lines[("auc",)].delta is None
