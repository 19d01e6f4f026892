"""Dates and numbers as the user's locale writes them (QLocale), never by hand."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, QTimeZone


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    qdt = QDateTime.fromMSecsSinceEpoch(int(value.timestamp() * 1000), QTimeZone.systemTimeZone())
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        # The C locale's short format reads "25 11 2026 10:56"; ISO is clearer to everyone.
        return qdt.toString("yyyy-MM-dd HH:mm")
    return locale.toString(qdt, QLocale.FormatType.ShortFormat)


def format_number(value: float | int | str | None, significant: int = 4) -> str:
    """Metrics are rounded to a few significant digits: 0.91234567 -> 0.9123, 1234.5 -> 1,234.5."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    locale = QLocale()
    if isinstance(value, int):
        return locale.toString(value)
    if math.isnan(value) or math.isinf(value):
        return str(value)
    if value == 0:
        return locale.toString(0)
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(0, significant - 1 - magnitude)
    text = locale.toString(float(round(value, decimals)), "f", decimals)
    if decimals and locale.decimalPoint() in text:
        text = text.rstrip("0").rstrip(locale.decimalPoint())
    return text


def format_count(value: int) -> str:
    return QLocale().toString(int(value))
