"""A comparison as text to paste: a Markdown table per section, or plain lines.

Pure functions; every word a reader sees (titles of the sides and sections, column headings,
"better"/"worse") comes from the caller, so it is translated there. Values and labels are the
versions' own text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.registry.versions.compare import Comparison, Direction, Line, Section

LABEL_SEPARATOR = " / "


@dataclass(frozen=True)
class Words:
    """The words of the rendering, translated by the caller (English by default)."""

    field: str = "Field"
    delta: str = "Delta"
    absent: str = "—"  # a side that has no such field
    no_differences: str = "No differences."
    better: str = "better"
    worse: str = "worse"


def format_delta(delta: float) -> str:
    """A signed difference: "+0.0123", "-0.5", "+15", "+1.2e-05"."""
    if not math.isfinite(delta):
        return f"{delta:+}"
    if delta == 0:
        return "0"
    if 1e-3 <= abs(delta) < 1e9:
        return f"{delta:+.4f}".rstrip("0").rstrip(".")
    return f"{delta:+.3g}"


def label_text(line: Line) -> str:
    return LABEL_SEPARATOR.join(line.label)


def delta_parts(line: Line, words: Words) -> tuple[str, str]:
    """("+0.02", "better") for a changed numeric metric ("" for a neutral one); ("", "")."""
    if line.delta is None or not line.differs:
        return "", ""
    verdicts = {Direction.BETTER: words.better, Direction.WORSE: words.worse}
    return format_delta(line.delta), verdicts.get(line.direction or Direction.NEUTRAL, "")


def delta_text(line: Line, words: Words) -> str:
    """The delta of a changed numeric metric with the way it moved: "+0.02 (better)"."""
    delta, verdict = delta_parts(line, words)
    return f"{delta} ({verdict})" if verdict else delta


def _sections(comparison: Comparison, only_differences: bool) -> Iterable[tuple[Section, list[Line]]]:
    lines = comparison.differences() if only_differences else comparison.lines
    for section in Section:
        chosen = [line for line in lines if line.section is section]
        if chosen:
            yield section, chosen


def markdown_cell(text: str) -> str:
    """`text` safe in a Markdown table cell: backslashes and pipes escaped, line breaks as <br>."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(text.splitlines()) if ("\n" in text or "\r" in text) else text


def comparison_markdown(
    comparison: Comparison,
    *,
    left_title: str,
    right_title: str,
    section_titles: Mapping[Section, str],
    only_differences: bool = True,
    words: Words = Words(),  # noqa: B008 - frozen, never changed
) -> str:
    """A heading and a table per section: field, left value, right value (and the delta for
    metrics)."""
    parts: list[str] = []
    for section, lines in _sections(comparison, only_differences):
        metrics = section is Section.METRICS
        heads = [words.field, left_title, right_title] + ([words.delta] if metrics else [])
        rows = [f"## {section_titles.get(section, section.value)}", "",
                "| " + " | ".join(markdown_cell(h) for h in heads) + " |",
                "|" + "---|" * len(heads)]
        for line in lines:
            cells = [label_text(line), _value(line.left, words), _value(line.right, words)]
            if metrics:
                cells.append(delta_text(line, words))
            rows.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
        parts.append("\n".join(rows))
    if not parts:
        return words.no_differences + "\n"
    return "\n\n".join(parts) + "\n"


def comparison_text(
    comparison: Comparison,
    *,
    left_title: str,
    right_title: str,
    section_titles: Mapping[Section, str],
    only_differences: bool = True,
    words: Words = Words(),  # noqa: B008 - frozen, never changed
) -> str:
    """Plain lines: "left title → right title", then per section its title and one indented
    "field: left → right (delta)" line per field."""
    parts = [f"{_one_line(left_title)} → {_one_line(right_title)}"]
    sections = list(_sections(comparison, only_differences))
    for section, lines in sections:
        rows = [section_titles.get(section, section.value)]
        for line in lines:
            text = f"  {_one_line(label_text(line))}: {_one_line(_value(line.left, words))}"
            text += f" → {_one_line(_value(line.right, words))}" if line.differs else ""
            extra = ", ".join(part for part in delta_parts(line, words) if part)
            rows.append(f"{text} ({extra})" if extra else text)
        parts.append("\n".join(rows))
    if not sections:
        parts.append(words.no_differences)
    return "\n\n".join(parts) + "\n"


def _value(value: str | None, words: Words) -> str:
    return words.absent if value is None else value


def _one_line(text: str) -> str:
    return " ⏎ ".join(text.splitlines()) if ("\n" in text or "\r" in text) else text
