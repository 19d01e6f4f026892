"""The one way the window shows a message of app/registry: `render(text_or_error)`.

A registry message is a `Text` (app/registry/texts.py): a template from the messages catalogue
and its parameters. `render` translates the template with Qt's installed translators, then fills
each parameter, itself rendered: a Text inside a Text, a number or a date through QLocale, a
name, an ARN or the server's own words as they are. An error shows its `.text`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from app.registry.texts import CLAUSE, Text, english_forms, fill, text_of


def render(value: Any) -> str:
    """What the user reads for `value`, in their language."""
    if isinstance(value, BaseException):
        return render(text_of(value))
    if isinstance(value, Text):
        count = value.amount
        template = QCoreApplication.translate(value.context, value.template, None,
                                              -1 if count is None else count)
        if count is not None and template == value.template.replace("%n", str(count)):
            # No catalogue knows it: English, from the "(s)" of the source
            one, many = english_forms(value.template)
            template = (one if count == 1 else many).replace("%n", str(count))
        filled = fill(template, value.params, render)
        return filled.strip().rstrip(".") if value.source is CLAUSE else filled
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool) or value is None:
        return str(value)
    if isinstance(value, int):
        return QLocale().toString(value)
    if isinstance(value, float):
        return QLocale().toString(value, "g", 6)
    if isinstance(value, dt.datetime):
        return QLocale().toString(QDateTime(value), QLocale.FormatType.ShortFormat)
    if isinstance(value, dt.date):
        return QLocale().toString(QDate(value), QLocale.FormatType.ShortFormat)
    if isinstance(value, dt.time):
        return QLocale().toString(QTime(value), QLocale.FormatType.ShortFormat)
    return str(value)


def render_all(values: Any) -> list[str]:
    """Each of `values`, rendered."""
    return [render(value) for value in values]
