"""A model card's content as a readable page: its six sections, each field under a plain label.

A section the card leaves out says so; fields the page has no label for show under their own
name, so nothing in the card is hidden. Metrics read as "auc: 0.906"; graphs and matrices are
named with their size (the JSON tab has every number).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.ui import palette
from app.ui.versions.details_parts import form_layout, selectable
from app.ui.widgets.formatting import format_number

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


def section_titles() -> dict[str, str]:
    return {
        "model_overview": translate("CardSections", "Model overview"),
        "intended_uses": translate("CardSections", "Intended uses"),
        "business_details": translate("CardSections", "Business details"),
        "training_details": translate("CardSections", "Training details"),
        "evaluation_details": translate("CardSections", "Evaluation details"),
        "additional_information": translate("CardSections", "Additional information"),
    }


def field_labels() -> dict[str, str]:
    return {
        "model_description": translate("CardSections", "Description"),
        "model_owner": translate("CardSections", "Owner"),
        "model_creator": translate("CardSections", "Creator"),
        "problem_type": translate("CardSections", "Problem type"),
        "algorithm_type": translate("CardSections", "Algorithm type"),
        "model_artifact": translate("CardSections", "Model artifacts"),
        "purpose_of_model": translate("CardSections", "Purpose"),
        "intended_uses": translate("CardSections", "Intended uses"),
        "factors_affecting_model_efficiency": translate("CardSections", "Factors affecting efficiency"),
        "risk_rating": translate("CardSections", "Risk rating"),
        "explanations_for_risk_rating": translate("CardSections", "Why this risk rating"),
        "business_problem": translate("CardSections", "Business problem"),
        "business_stakeholders": translate("CardSections", "Stakeholders"),
        "line_of_business": translate("CardSections", "Line of business"),
        "objective_function": translate("CardSections", "Objective function"),
        "training_observations": translate("CardSections", "Observations"),
        "training_job_details": translate("CardSections", "Training job"),
        "training_arn": translate("CardSections", "Training job ARN"),
        "training_datasets": translate("CardSections", "Datasets"),
        "training_environment": translate("CardSections", "Environment"),
        "container_image": translate("CardSections", "Container images"),
        "training_metrics": translate("CardSections", "Metrics"),
        "user_provided_training_metrics": translate("CardSections", "Metrics added by hand"),
        "hyper_parameters": translate("CardSections", "Hyperparameters"),
        "user_provided_hyper_parameters": translate("CardSections", "Hyperparameters added by hand"),
        "evaluation_observation": translate("CardSections", "Observations"),
        "evaluation_job_arn": translate("CardSections", "Evaluation job ARN"),
        "datasets": translate("CardSections", "Datasets"),
        "metadata": translate("CardSections", "Metadata"),
        "metric_groups": translate("CardSections", "Metrics"),
        "ethical_considerations": translate("CardSections", "Ethical considerations"),
        "caveats_and_recommendations": translate("CardSections", "Caveats and recommendations"),
        "custom_details": translate("CardSections", "Custom details"),
    }


def card_page(content: Mapping[str, Any]) -> QWidget:
    """The page the Card tab shows for `content` (a parsed card): one form, so labels line up."""
    page = QWidget()
    layout = QVBoxLayout(page)
    form = form_layout()
    labels = field_labels()
    titles = section_titles()
    for section, title in titles.items():
        form.addRow(_heading(title))
        value = content.get(section)
        if value in (None, {}, [], ""):
            missing = QLabel(translate("CardSections", "Not filled in."))
            missing.setAccessibleName(translate("CardSections", "%1: not filled in").replace("%1", title))
            missing.setStyleSheet(palette.text_style(palette.MUTED_TEXT))
            form.addRow(missing)
        elif section == "evaluation_details" and isinstance(value, list):
            for i, evaluation in enumerate(value):
                name = evaluation.get("name") if isinstance(evaluation, dict) else None
                form.addRow(_heading(translate("CardSections",
                                               "Evaluation: %1").replace("%1", str(name or i + 1)), minor=True))
                rows = ({k: v for k, v in evaluation.items() if k != "name"} if isinstance(evaluation, dict)
                        else {"": evaluation})
                _add_rows(form, "", rows, labels)
        else:
            _add_rows(form, "", value if isinstance(value, dict) else {"": value}, labels)
    others = [key for key in content if key not in titles]
    if others:
        form.addRow(_heading(translate("CardSections", "Other fields")))
        _add_rows(form, "", {key: content[key] for key in others}, labels)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


def _heading(text: str, *, minor: bool = False) -> QLabel:
    label = QLabel(text)
    font = label.font()
    if minor:
        font.setItalic(True)
    else:
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    label.setContentsMargins(0, 4 if minor else 10, 0, 2)
    return label


def _add_rows(form: QFormLayout, prefix: str, fields: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    for key, value in fields.items():
        label = labels.get(key, key)
        if prefix:
            label = f"{prefix} › {label}" if label else prefix
        if key in ("metric_groups",) and isinstance(value, list):
            for group in value:
                group_name = group.get("name", "") if isinstance(group, dict) else ""
                data = group.get("metric_data", []) if isinstance(group, dict) else group
                _row(form, f"{label} › {group_name}" if group_name else label, _metrics_text(data))
        elif key in ("training_metrics", "user_provided_training_metrics", "hyper_parameters",
                     "user_provided_hyper_parameters") and isinstance(value, list):
            _row(form, label, _metrics_text(value))
        elif key == "objective_function" and isinstance(value, dict):
            _row(form, label, _objective_text(value))
        elif isinstance(value, dict) and value:
            _add_rows(form, label, value, labels)
        else:
            _row(form, label, _plain(value))


def _row(form: QFormLayout, label: str, text: str) -> None:
    value = selectable(QLabel(text))
    value.setAccessibleName(label)
    form.addRow(label, value)


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(value)
    if isinstance(value, bool):
        return translate("CardSections", "Yes") if value else translate("CardSections", "No")
    if isinstance(value, (int, float)):
        return format_number(value, significant=12)  # the card's figure, in the user's locale
    return json.dumps(value, ensure_ascii=False)


def _objective_text(value: Mapping[str, Any]) -> str:
    inner = value.get("function")
    parts: list[str] = []
    if isinstance(inner, dict):
        parts.append(" ".join(str(inner[k]) for k in ("function", "facet", "condition") if inner.get(k)))
    elif inner:
        parts.append(str(inner))
    if value.get("notes"):
        parts.append(str(value["notes"]))
    return "\n".join(p for p in parts if p) or _plain(value)


def _metrics_text(data: Any) -> str:
    if not isinstance(data, list):
        return _plain(data)
    return "\n".join(_metric_line(m) for m in data)


def _metric_line(metric: Any) -> str:
    if not isinstance(metric, dict):
        return _plain(metric)
    name, kind, value = str(metric.get("name", "")), metric.get("type"), metric.get("value")
    if kind == "linear_graph" and isinstance(value, list):
        shown = translate("CardSections", "line graph of %1 points").replace("%1", str(len(value)))
    elif kind == "bar_chart" and isinstance(value, list):
        shown = translate("CardSections", "bar chart of %1 bars").replace("%1", str(len(value)))
    elif kind == "matrix" and isinstance(value, list):
        columns = len(value[0]) if value and isinstance(value[0], list) else 0
        shown = translate("CardSections", "%1 × %2 matrix").replace("%1", str(len(value))).replace("%2", str(columns))
    else:
        shown = _plain(value)
    notes = f" ({metric['notes']})" if metric.get("notes") else ""
    return f"{name}: {shown}{notes}"
