"""What the search popup runs on workers: the local index's search, and Search AWS into the index.

Connection in (or the index), plain data out; never called on the UI thread.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from app.registry.accounts.sessions import session_for
from app.registry.aws import Connection
from app.registry.index.local import LocalIndex
from app.registry.index.records import MATCH_END, MATCH_START, IndexedVersion, place_of
from app.registry.index.search import search
from app.registry.versions.search_aws import FoundVersion, search_aws

RESULT_LIMIT = 200
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Result:
    """One version to show: where it lives, and the text that matched (words marked)."""

    version: IndexedVersion
    snippet: str  # matched words between MATCH_START and MATCH_END
    from_aws: bool = False


@dataclass(frozen=True)
class Found:
    """What one query gave back, with how each (account, region) may be reached."""

    text: str
    results: list[Result]
    keys_by_place: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # -> "profile@region"
    indexed: int | None = None  # how many versions the index holds, told when nothing matched


def _keys_by_place(index: LocalIndex) -> dict[tuple[str, str], list[str]]:
    places: dict[tuple[str, str], list[str]] = {}
    for seen in index.connections():
        places.setdefault((seen.account, seen.region), []).append(seen.key)
    return places


def query_index(index: LocalIndex, text: str, limit: int = RESULT_LIMIT) -> Found:
    """Worker: the index's best matches for `text`, grouped later by account and region."""
    hits = search(index, text, limit=limit)
    results = [Result(hit.version, _readable(hit.version, hit.snippet, hit.column, text)) for hit in hits]
    if not results:
        return Found(text, [], {}, indexed=index.version_count())
    return Found(text, results, _keys_by_place(index))


def marked(text: str, query: str) -> str:
    """`text` with every word that starts with one of the query's words between the markers."""
    words = [w.casefold() for w in _WORD.findall(query)]
    if not words:
        return text

    def mark(match: re.Match[str]) -> str:
        word = match.group(0)
        return f"{MATCH_START}{word}{MATCH_END}" if word.casefold().startswith(tuple(words)) else word

    return _WORD.sub(mark, text)


def _readable(version: IndexedVersion, snippet: str, column: str, query: str) -> str:
    """The index's snippet, except metadata: its pairs that match, as "key = value" (the index
    holds them as JSON)."""
    if column != "metadata" or not version.metadata:
        return snippet
    pairs = [marked(f"{key} = {value}", query) for key, value in sorted(version.metadata.items())]
    matching = [pair for pair in pairs if MATCH_START in pair]
    return " · ".join(matching or pairs)


def _snippet(found: FoundVersion, query: str) -> str:
    details = found.details
    metadata = " ".join(f"{k}={v}" for k, v in sorted(details.customer_metadata.items()))
    for text in (details.description, metadata, details.group):
        shown = marked(text, query)
        if MATCH_START in shown:
            return shown
    return marked(details.description or details.group, query)


def _as_result(found: FoundVersion, query: str) -> Result:
    details = found.details
    account, region = place_of(found.summary.arn)
    version = IndexedVersion(
        summary=found.summary, account=account, region=region,
        group_arn=found.summary.arn.replace(":model-package/", ":model-package-group/", 1).rsplit("/", 1)[0],
        images=tuple(c.image for c in details.containers),
        model_data=tuple(c.model_data_url for c in details.containers),
        comment=details.approval_comment, metadata=dict(details.customer_metadata))
    return Result(version, _snippet(found, query), from_aws=True)


def search_aws_into_index(connection: Connection, key: str, text: str, index: LocalIndex | None,
                          should_stop: Callable[[], bool]) -> Iterator[Found]:
    """Worker: Search AWS through `connection`, page by page; each page is written to the index
    (so the next search finds it there) and yielded as results reachable through `key`."""
    for page in search_aws(session_for(connection), text, should_stop=should_stop):
        account, region = place_of(page[0].summary.arn)
        if index is not None:
            index.record_groups(key, account, region, [], complete=False)  # how this place is reached
            index.record_versions([found.summary for found in page])
            index.record_details([found.details for found in page])
        yield Found(text, [_as_result(found, text) for found in page], {(account, region): [key]})


def snippet_html(snippet: str) -> str:
    """The snippet as rich text: escaped, its matched words in bold."""
    return html.escape(snippet).replace(MATCH_START, "<b>").replace(MATCH_END, "</b>")
