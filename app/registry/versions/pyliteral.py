"""Python source for plain values and constructor calls, written to be read and pasted.

Used by the code renderings of a request (boto3, SageMaker SDK, Pipelines). Strings are written
in double quotes with every invisible or line-breaking character as an escape: a no-break space,
U+2028 or a zero-width joiner would otherwise hide what is sent, and a text box's plain text turns
some of them into other characters. Non-ASCII letters stay as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

INDENT = 4
WIDTH = 88  # a value that fits on one line within this many columns is written on one line

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _hidden(ch: str) -> bool:
    if ch == " ":
        return False
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co", "Cn")


def string(text: str) -> str:
    """`text` as a double-quoted Python string literal of the same value, on one line."""
    out = ['"']
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _hidden(ch):
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


@dataclass(frozen=True)
class Call:
    """`name(keyword=value, ...)`: values are plain data, other Calls, or Code."""

    name: str
    keywords: tuple[tuple[str, Any], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Code:
    """Source written as it is (a variable name, an expression)."""

    text: str


def _flat(value: Any) -> str:
    if isinstance(value, Code):
        return value.text
    if isinstance(value, Call):
        return f"{value.name}(" + ", ".join(f"{k}={_flat(v)}" for k, v in value.keywords) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{string(str(k))}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    if isinstance(value, str):
        return string(value)
    raise TypeError(f"no Python literal for {type(value).__name__}")


def render(value: Any, indent: int = 0) -> str:
    """Python source for `value`, laid out for a reader: on one line when it fits, else one item a
    line, nested lines starting at `indent` + 4."""
    flat = _flat(value)
    if len(flat) + indent <= WIDTH or not isinstance(value, Call | dict | list | tuple) or not value:
        return flat
    inner = " " * (indent + INDENT)
    close = "\n" + " " * indent
    if isinstance(value, Call):
        if not value.keywords:
            return flat
        lines = [f"{inner}{key}={render(item, indent + INDENT)}," for key, item in value.keywords]
        return f"{value.name}(\n" + "\n".join(lines) + close + ")"
    if isinstance(value, dict):
        lines = [f"{inner}{string(str(k))}: {render(v, indent + INDENT)}," for k, v in value.items()]
        return "{\n" + "\n".join(lines) + close + "}"
    lines = [f"{inner}{render(v, indent + INDENT)}," for v in value]
    return "[\n" + "\n".join(lines) + close + "]"


def commented(code: str, prefix: str = "#     ") -> str:
    """`code` as comment lines (strings never span lines here, so each line stays one comment)."""
    return "\n".join(prefix + line if line else prefix.rstrip() for line in code.split("\n"))


__all__ = ["Call", "Code", "commented", "render", "string"]
