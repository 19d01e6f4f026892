"""The listing's answers parsed by plans made once from botocore's model, not walked shape by shape.

botocore's JSON parser walks the output shape for every member of every summary: a page of 100
versions is 8,000 method calls, 1.35 ms of CPU where `json.loads` takes 0.1 ms, more than half
the CPU of a listing call. For the operations the estate lists in bulk (`FAST_OUTPUTS`), the
parser the sessions' factory makes follows a plan compiled from the same output shape instead:
one small function per shape, doing what botocore's handlers do (members in the model's order,
a member whose value is null or missing left out, null items of a list kept as None, timestamps
and blobs through the parser's own timestamp and blob parsers), so the result is the same
dictionary botocore builds. Every other operation, and every error answer, is parsed by
botocore's own code.

A plan is made only when each handler the shape needs is the one it was written against
(`_KNOWN`); a botocore whose parser handles a type differently, or a tagged union (which
botocore checks value by value), gets botocore's walk. Installed through botocore's own
extension point: the session's `response_parser_factory` component (`install`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from botocore.parsers import (
    PROTOCOL_PARSERS,
    BaseJSONParser,
    JSONParser,
    ResponseParser,
    ResponseParserFactory,
)

# Output shapes of the operations listed in bulk: the version listing, the group listing and the
# images of 100 versions a call.
FAST_OUTPUTS = frozenset({"ListModelPackagesOutput", "ListModelPackageGroupsOutput",
                          "BatchDescribeModelPackageOutput"})

Plan = Callable[[Any], Any]

# The handlers the plans stand for: botocore's JSON parser must still use exactly these.
_KNOWN = {
    "structure": BaseJSONParser._handle_structure,
    "list": ResponseParser._handle_list,
    "map": BaseJSONParser._handle_map,
    "timestamp": BaseJSONParser._handle_timestamp,
    "blob": BaseJSONParser._handle_blob,
}


class _Unplannable(Exception):
    """A shape this module does not know how to parse exactly as botocore does."""


def _identity(value: Any) -> Any:
    return value


class PlannedJSONParser(JSONParser):  # type: ignore[misc]  # botocore ships no types: its classes are Any
    """botocore's JSON parser; the answers of `FAST_OUTPUTS` parsed by plans (see above)."""

    def __init__(self, plans: _Plans, **defaults: Any) -> None:
        super().__init__(**defaults)
        self._plans = plans

    def _handle_json_body(self, raw_body: Any, shape: Any) -> Any:
        plan = self._plans.plan_for(shape, self) if shape is not None and shape.name in FAST_OUTPUTS else None
        if plan is None:
            return super()._handle_json_body(raw_body, shape)
        return plan(self._parse_body_as_json(raw_body))

    # -- compiling -----------------------------------------------------------------------------

    def compile(self, shape: Any) -> Plan:
        """The plan of `shape`, or _Unplannable."""
        if type(self)._parse_shape is not ResponseParser._parse_shape:
            raise _Unplannable("botocore dispatches its shapes its own way")
        return self._compile(shape, {})

    def _compile(self, shape: Any, made: dict[str, Plan | None]) -> Plan:
        """`made`: the plans made so far by shape name; None while a shape's members are made."""
        name: str = shape.name
        if name in made:
            done = made[name]
            if done is not None:
                return done

            def later(value: Any) -> Any:  # a recursive shape: its plan exists when it is called
                plan = made[name]
                assert plan is not None
                return plan(value)

            return later
        kind = shape.type_name
        handler = getattr(type(self), f"_handle_{kind}", None)
        if handler is None:
            if type(self)._default_handle is not ResponseParser._default_handle:
                raise _Unplannable(name)
            return _identity
        if handler is not _KNOWN.get(kind):
            raise _Unplannable(f"{name}: botocore handles {kind} its own way")
        if kind == "timestamp":
            timestamp: Plan = self._timestamp_parser
            return timestamp
        if kind == "blob":
            blob: Plan = self._blob_parser
            return blob
        made[name] = None
        if kind == "structure":
            plan = self._structure(shape, made)
        elif kind == "list":
            plan = _list(self._compile(shape.member, made))
        else:
            plan = _map(self._compile(shape.key, made), self._compile(shape.value, made))
        made[name] = plan
        return plan

    def _structure(self, shape: Any, made: dict[str, Plan | None]) -> Plan:
        if shape.is_document_type:
            return _identity
        if shape.is_tagged_union:
            raise _Unplannable(f"{shape.name} is a tagged union")
        members = tuple(
            (name, member.serialization.get("name", name), _or_none(self._compile(member, made)))
            for name, member in shape.members.items())

        def structure(value: Any) -> Any:
            if value is None:
                return None
            parsed = {}
            get = value.get
            for name, key, member in members:
                raw = get(key)
                if raw is not None:
                    parsed[name] = raw if member is None else member(raw)
            return parsed

        return structure


def _or_none(plan: Plan) -> Plan | None:
    """None for a member kept as it came (most of them: strings, numbers, booleans)."""
    return None if plan is _identity else plan


def _list(member: Plan) -> Plan:
    def parse_list(value: Any) -> Any:
        return [None if item is None else member(item) for item in value]

    return parse_list


def _map(key: Plan, value_plan: Plan) -> Plan:
    def parse_map(value: Any) -> Any:
        return {key(k): value_plan(v) for k, v in value.items()}

    return parse_map


class _Plans:
    """Plans by output shape, made on first use and shared by the parsers of one factory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[int, tuple[Any, Plan | None]] = {}  # id(shape): (the shape, kept alive; its plan)

    def plan_for(self, shape: Any, parser: PlannedJSONParser) -> Plan | None:
        known = self._plans.get(id(shape))
        if known is not None and known[0] is shape:
            return known[1]
        try:
            plan: Plan | None = parser.compile(shape)
        except _Unplannable:
            plan = None
        with self._lock:
            self._plans[id(shape)] = (shape, plan)
        return plan


class PlannedParserFactory(ResponseParserFactory):  # type: ignore[misc]  # botocore's classes are Any
    """The session's parser factory: JSON answers parsed by `PlannedJSONParser`."""

    def __init__(self) -> None:
        super().__init__()
        self._plans = _Plans()

    def create_parser(self, protocol_name: str) -> Any:
        if protocol_name == "json" and PROTOCOL_PARSERS.get("json") is JSONParser:
            return PlannedJSONParser(self._plans, **self._defaults)
        return super().create_parser(protocol_name)


def install(session: Any, **defaults: Any) -> None:
    """Make `session` (a botocore session, before its clients are made) parse with
    `PlannedParserFactory`, with the parser `defaults` (timestamp_parser=, blob_parser=)."""
    factory = PlannedParserFactory()
    factory.set_parser_defaults(**defaults)
    session.register_component("response_parser_factory", factory)
