"""Search the index: every word the user typed, as a prefix, anywhere in a version's text.

FTS5 over group names, descriptions, images, model data, approval comments, stages, statuses and
metadata (keys and values). "churn prod" finds versions whose text has a word starting with
"churn" and one starting with "prod". Quotes and operators the user types are taken literally.
"""

from __future__ import annotations

import re

from app.registry.index.local import VERSION_COLUMNS, LocalIndex, indexed_version
from app.registry.index.records import MATCH_END, MATCH_START, IndexedVersion, SearchHit

DEFAULT_LIMIT = 200
_COLUMNS = ("group_name", "description", "images", "model_data", "comment", "stage", "status", "metadata")
_WORD = re.compile(r"[\w]+", re.UNICODE)


def match_expression(text: str) -> str:
    """The FTS5 query for what the user typed ("" when there is nothing to search for)."""
    words = _WORD.findall(text)
    return " ".join(f'"{word}"*' for word in words)


def search(index: LocalIndex, text: str, *, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """Worker thread: the best `limit` matches, best first."""
    expression = match_expression(text)
    if not expression:
        return []
    columns = ", ".join(f"v.{c.strip()}" for c in VERSION_COLUMNS.split(","))
    rows = index.query(
        f"SELECT {columns}, snippet(version_text, -1, ?, ?, '…', 10) "  # noqa: S608
        "FROM version_text JOIN versions v ON v.id = version_text.rowid "
        "WHERE version_text MATCH ? ORDER BY rank LIMIT ?",
        (MATCH_START, MATCH_END, expression, limit))
    hits = []
    width = len(VERSION_COLUMNS.split(","))
    for row in rows:
        version = indexed_version(row[:width])
        snippet = row[width]
        hits.append(SearchHit(version=version, snippet=snippet, column=_column_of(version, snippet)))
    return hits


def _column_of(version: IndexedVersion, snippet: str) -> str:
    """Which field the snippet came from (the first whose text contains the snippet's words)."""
    plain = snippet.replace(MATCH_START, "").replace(MATCH_END, "").strip("…").strip()
    summary = version.summary
    fields = {
        "group_name": summary.group, "description": summary.description,
        "images": "\n".join(version.images or ()), "model_data": "\n".join(version.model_data or ()),
        "comment": version.comment or "", "stage": summary.stage, "status": summary.status,
        "metadata": "" if version.metadata is None else " ".join(f"{k} {v}" for k, v in version.metadata.items()),
    }
    for name in _COLUMNS:
        if plain and plain in fields[name]:
            return name
    return "metadata" if version.metadata else "description"
