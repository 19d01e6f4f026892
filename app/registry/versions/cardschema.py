"""Card content checked against the model card JSON schema AWS documents, naming the field.

The schema ships in `resources/schemas/model-card.schema.json` (its README names the source).
It is draft-07 and uses a dozen keywords; they are checked here by hand rather than through the
`jsonschema` package (four packages, one of them compiled, and ~60 ms of import for this one
file), with messages that say which field and what to type instead. Only the keywords listed in
CHECKED validate; `tests/registry/test_governance_cardschema.py` fails when the shipped schema
uses one that is not, and compares every verdict with `jsonschema`'s.

Messages never quote a value: card content is sensitive, and refusals reach the log. A key the
user chose (a custom detail's name, a field the schema does not know) shows in `where`, for the
editor, and as "*" in `safe_where`, for anything that may be logged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from app import resources
from app.registry.texts import QT_TRANSLATE_NOOP, Text, joined

SCHEMA_PATH = resources.path("schemas", "model-card.schema.json")

# Keywords that validate, each checked below.
CHECKED = frozenset({
    "$ref", "type", "enum", "maxLength", "pattern", "items", "minItems", "maxItems",
    "properties", "required", "additionalProperties", "anyOf",
})
# Keywords that only annotate or hold definitions.
ANNOTATIONS = frozenset({"$schema", "$id", "title", "description", "version", "default", "definitions"})
# Draft 2019-09 keywords the schema carries: draft-07 ignores them (and without "contains" they
# constrain nothing in any draft).
INERT = frozenset({"maxContains", "minContains"})

_TYPE_WORDS = {
    "string": QT_TRANSLATE_NOOP("Validation", "text"),
    "number": QT_TRANSLATE_NOOP("Validation", "a number"),
    "integer": QT_TRANSLATE_NOOP("Validation", "a whole number"),
    "boolean": QT_TRANSLATE_NOOP("Validation", "true or false"),
    "array": QT_TRANSLATE_NOOP("Validation", "a list"),
    "object": QT_TRANSLATE_NOOP("Validation", "a group of fields (a JSON object)"),
    "null": QT_TRANSLATE_NOOP("Validation", "null"),
}
_OR = QT_TRANSLATE_NOOP("Validation", " or ")


def _must_be(types: list[str]) -> Text:
    """"must be text or null": `types` are the words of each type (Texts)."""
    return Text(QT_TRANSLATE_NOOP("Validation", "must be {types}"), types=joined(types, Text(_OR)))


def _types_of(rule: str) -> list[str]:
    """The type words of a "must be ..." rule made by `_must_be`, one by one."""
    return _types_of_joined(rule.params["types"] if isinstance(rule, Text) else rule)


def _types_of_joined(part: str) -> list[str]:
    if isinstance(part, Text) and part.template == "{first}{separator}{then}":
        return [*_types_of_joined(part.params["first"]), part.params["then"]]
    return [part]


def _type_word(kind: str) -> str:
    return Text(_TYPE_WORDS[kind]) if kind in _TYPE_WORDS else kind
_AT_LEAST_ONE = re.compile(r"\.\{1,\d+\}")


@cache
def load_schema() -> dict[str, Any]:
    """The shipped schema (a file: read it on a worker thread once; later calls are cached)."""
    return dict(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class CardProblem:
    path: tuple[str | int, ...]  # ("intended_uses", "risk_rating"), ("evaluation_details", 0, "name")
    rule: str  # "must be one of High, Medium, Low, Unknown" (a Text)
    kind: str  # the keyword that failed: "type", "enum", "maxLength", "additionalProperties"...
    chosen: frozenset[int] = frozenset()  # positions in `path` holding keys the user chose

    @property
    def where(self) -> str:
        return _dotted(self.path, ())

    @property
    def safe_where(self) -> str:
        return _dotted(self.path, self.chosen)

    @property
    def message(self) -> str:
        return Text(QT_TRANSLATE_NOOP("Validation", "{where} {rule}"), where=self.where, rule=self.rule)

    @property
    def safe_message(self) -> str:
        return Text(QT_TRANSLATE_NOOP("Validation", "{where} {rule}"), where=self.safe_where, rule=self.rule)

    def __str__(self) -> str:
        return self.message


def _dotted(path: tuple[str | int, ...], hidden: frozenset[int] | tuple[()]) -> str:
    if not path:
        return Text(QT_TRANSLATE_NOOP("Validation", "The card"))
    out = ""
    for i, step in enumerate(path):
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + ("*" if i in hidden else step)
    return out


def card_problems(content: Any, schema: Mapping[str, Any]) -> list[CardProblem]:
    """Everything in `content` (parsed card JSON) the schema refuses, in document order."""
    found: list[CardProblem] = []
    _check(content, schema, (), frozenset(), schema, found)
    return found


def _resolve(root: Mapping[str, Any], ref: str) -> Mapping[str, Any]:
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported, not {ref!r}")
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node  # type: ignore[no-any-return]


def _is(value: Any, kind: str) -> bool:
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if kind == "null":
        return value is None
    raise ValueError(f"unknown JSON Schema type {kind!r}")


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _check(value: Any, schema: Mapping[str, Any], path: tuple[str | int, ...], chosen: frozenset[int],
           root: Mapping[str, Any], out: list[CardProblem]) -> None:
    def say(rule: str, kind: str, at: tuple[str | int, ...] = path, keys: frozenset[int] = chosen) -> None:
        out.append(CardProblem(at, rule, kind, keys))

    if "$ref" in schema:  # draft-07: a reference replaces its siblings
        _check(value, _resolve(root, schema["$ref"]), path, chosen, root, out)
        return
    kind = schema.get("type")
    if kind is not None:
        kinds: list[str] = kind if isinstance(kind, list) else [kind]
        if not any(_is(value, k) for k in kinds):
            say(_must_be([_type_word(k) for k in kinds]), "type")
            return
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        options = [str(o) for o in schema["enum"]]
        say(Text(QT_TRANSLATE_NOOP("Validation", "must be {option}"), option=options[0]) if len(options) == 1
            else Text(QT_TRANSLATE_NOOP("Validation", "must be one of {options}"), options=", ".join(options)),
            "enum")
    if isinstance(value, str):
        _check_text(value, schema, say)
    if isinstance(value, list):
        _check_list(value, schema, path, chosen, root, out, say)
    if isinstance(value, dict):
        _check_object(value, schema, path, chosen, root, out, say)
    if "anyOf" in schema:
        _check_any_of(value, schema["anyOf"], path, chosen, root, out)


def _check_text(value: str, schema: Mapping[str, Any], say: Any) -> None:
    high = schema.get("maxLength")
    if high is not None and len(value) > high:
        say(Text(QT_TRANSLATE_NOOP("Validation", "must be at most {high} characters (it has {length}; remove "
                                   "{extra})"), high=high, length=len(value), extra=len(value) - high),
            "maxLength")
    pattern = schema.get("pattern")
    if pattern is not None and not re.search(pattern, value):  # JSON Schema patterns are not anchored
        if _AT_LEAST_ONE.fullmatch(pattern):
            say(Text(QT_TRANSLATE_NOOP("Validation", "must not be empty")), "pattern")
        else:
            say(Text(QT_TRANSLATE_NOOP("Validation", "must match the pattern {pattern}"), pattern=pattern), "pattern")


def _check_list(value: list[Any], schema: Mapping[str, Any], path: tuple[str | int, ...],
                chosen: frozenset[int], root: Mapping[str, Any], out: list[CardProblem], say: Any) -> None:
    low, high = schema.get("minItems"), schema.get("maxItems")
    if low is not None and len(value) < low:
        say(Text(QT_TRANSLATE_NOOP("Validation", "must have at least %n item(s)", None, 1), n=low), "minItems")
    if high is not None and len(value) > high:
        say(Text(QT_TRANSLATE_NOOP("Validation", "must have at most {high} items (it has {length}; remove {extra})"),
                 high=high, length=len(value), extra=len(value) - high), "maxItems")
    items = schema.get("items")
    if isinstance(items, dict):
        for i, item in enumerate(value):
            _check(item, items, (*path, i), chosen, root, out)


def _check_object(value: dict[str, Any], schema: Mapping[str, Any], path: tuple[str | int, ...],
                  chosen: frozenset[int], root: Mapping[str, Any], out: list[CardProblem], say: Any) -> None:
    properties = schema.get("properties") or {}
    for name in schema.get("required") or ():
        if name not in value:
            say(Text(QT_TRANSLATE_NOOP("Validation", "is missing; it is required")), "required", (*path, name))
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if key in properties:
            _check(item, properties[key], (*path, key), chosen, root, out)
        elif extra is False:
            rule = (Text(QT_TRANSLATE_NOOP("Validation", "is not a section of the model card schema")) if not path
                    else Text(QT_TRANSLATE_NOOP("Validation", "is not a field of the model card schema")))
            say(rule, "additionalProperties",
                (*path, key), chosen | {len(path)})
        elif isinstance(extra, dict):
            _check(item, extra, (*path, key), chosen | {len(path)}, root, out)


def _check_any_of(value: Any, branches: list[Mapping[str, Any]], path: tuple[str | int, ...],
                  chosen: frozenset[int], root: Mapping[str, Any], out: list[CardProblem]) -> None:
    tried: list[list[CardProblem]] = []
    for branch in branches:
        found: list[CardProblem] = []
        _check(value, branch, path, chosen, root, found)
        if not found:
            return
        tried.append(found)

    def closeness(found: list[CardProblem]) -> tuple[bool, bool, int]:
        # The branch the value was meant for: its type matched, and its "type" field did.
        wrong_type = any(p.kind == "type" and p.path == path for p in found)
        wrong_shape = any(p.kind == "enum" and p.path[-1:] == ("type",) for p in found)
        return wrong_type, wrong_shape, len(found)

    if all(len(found) == 1 and found[0].kind == "type" and found[0].path == path for found in tried):
        words = [word for found in tried for word in _types_of(found[0].rule)]
        out.append(CardProblem(path, _must_be(words), "type", chosen))
        return
    best: list[CardProblem] = min(tried, key=closeness)
    out.extend(best)
