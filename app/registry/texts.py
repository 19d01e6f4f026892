"""Messages a person reads, as a template plus parameters, so the window can translate them.

app/registry never imports Qt. A message it hands up is a `Text`: a `str` whose value is the
English sentence (logs, tests and callers that only want English read it as any string), which
also carries its context, its template and its parameters. The window renders it in the user's
language (app/ui/texts.py `render`): Qt's translation of the template, then the parameters,
each rendered in turn (a Text inside a Text, a number or a date through QLocale).

Templates are literals wrapped where they are written in `QT_TRANSLATE_NOOP("Context",
"template")`, the marker pyside6-lupdate finds in Python source by its name. lupdate skips a call
with keyword or computed arguments, so write only literals in it. Placeholders are `{name}`. A
text with a count is `QT_TRANSLATE_NOOP("Context", "%n version(s) left", None, 1)` (the literal
count makes lupdate give it plural forms) and takes its count as the parameter `n`; English
reads the "(s)" as the singular or the plural.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{(\w+)\}")
_PLURAL = re.compile(r"\((s|es)\)")


class Source(str):
    """A template as `QT_TRANSLATE_NOOP` marked it: the text, its context, whether it counts."""

    context: str
    plural: bool

    def __new__(cls, context: str, text: str, plural: bool = False) -> Source:
        self = super().__new__(cls, text)
        self.context = context
        self.plural = plural
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Source, (self.context, str.__str__(self), self.plural))


def QT_TRANSLATE_NOOP(  # noqa: N802 (lupdate finds the templates by this name)
    context: str, source: str, disambiguation: str | None = None, n: int = -1
) -> Source:
    """Mark `source` for extraction into the messages catalogue; `n` (a literal) makes it plural."""
    return Source(context, source, n != -1)


def english_forms(source: str) -> tuple[str, str]:
    """("%n version", "%n versions") for "%n version(s)"."""
    return _PLURAL.sub("", source), _PLURAL.sub(lambda m: m.group(1), source)


def fill(template: str, params: Mapping[str, Any], convert: Callable[[Any], str] = str) -> str:
    """`template` with each {name} given in `params` replaced (other braces stay as they are)."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return convert(params[name]) if name in params else match.group(0)

    return PLACEHOLDER.sub(one, template)


class Text(str):
    """A message: its English sentence (the str), and what the window needs to translate it."""

    source: Source
    params: dict[str, Any]

    def __new__(cls, source: Source, /, **params: Any) -> Text:
        if not isinstance(source, Source):
            raise TypeError("a Text's template is marked with QT_TRANSLATE_NOOP")
        if source.plural and not isinstance(params.get("n"), int):
            raise TypeError(f"the plural text {str.__str__(source)!r} needs its count as n=")
        english = str.__str__(source)
        if source.plural:
            one, many = english_forms(english)
            english = (one if params["n"] == 1 else many).replace("%n", str(params["n"]))
        english = fill(english, params)
        if source is CLAUSE:
            english = english.strip().rstrip(".")
        self = super().__new__(cls, english)
        self.source = source
        self.params = params
        return self

    @property
    def context(self) -> str:
        return self.source.context

    @property
    def template(self) -> str:
        return str.__str__(self.source)

    @property
    def amount(self) -> int | None:
        """The count a plural text was made with, else None."""
        return self.params["n"] if self.source.plural else None

    def __str__(self) -> str:
        return str.__str__(self)

    def __reduce__(self) -> tuple[Any, ...]:
        # Sent between processes (the estate's workers) with its template, not as bare English.
        return (_rebuild, (self.source, self.params))


def _rebuild(source: Source, params: dict[str, Any]) -> Text:
    return Text(CLAUSE if source == CLAUSE and source.context == CLAUSE.context else source, **params)


# A sentence inside another, without its full stop (its translation loses it too).
CLAUSE = QT_TRANSLATE_NOOP("Texts", "{clause}")


def clause(text: str) -> str:
    """`text` to be quoted inside a longer sentence: without its final full stop."""
    if isinstance(text, Text):
        return Text(CLAUSE, clause=text)
    return text.strip().rstrip(".")


def joined(parts: Iterable[str], separator: str = " ") -> str:
    """Sentences one after the other, each still translatable (`separator` is not translated)."""
    result = ""
    for item in parts:
        if not item:
            continue
        if not result:
            result = item
        else:
            result = Text(QT_TRANSLATE_NOOP("Texts", "{first}{separator}{then}"),
                          first=result, separator=separator, then=item)
    return result


def text_of(error: BaseException) -> str:
    """What an exception says, as a Text when it carries one (a RegistryError's `.text`, or a
    Text given as its first argument), else its English `str()`."""
    text = getattr(error, "text", None)
    if isinstance(text, str):
        return text
    if error.args and isinstance(error.args[0], Text):
        return error.args[0]
    return str(error)
