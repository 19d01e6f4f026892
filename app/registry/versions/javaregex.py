"""Compile the Java-style regular expressions of botocore's service models for Python's `re`.

AWS validates request fields with java.util.regex and a full match. Python's `re` differs in a
few ways these patterns use, which we translate:

- `\\p{L}`, `\\p{N}`, ... (Unicode categories) and `\\p{Alnum}` (POSIX, ASCII-only in Java)
  have no `re` equivalent: they become explicit code point ranges built from `unicodedata`.
- `\\d`, `\\w`, `\\s`, `\\b` are ASCII-only in Java: compiled with `re.ASCII`.
- `.` in Java stops at \\n, \\r, U+0085, U+2028 and U+2029, not only \\n.
- `\\uD800\\uDC00` style surrogate pairs mean one supplementary code point.
- a quantifier after an anchor (`${1,128}`) is legal in Java, an error in Python.
- `\\Q...\\E` quotes literally; `\\x{h...}` is a code point; `\\z`, `\\Z`, `\\h` differ.
Possessive quantifiers and atomic groups need nothing: Python 3.11 has them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

_JAVA_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"
# java.util.regex POSIX classes (US-ASCII unless UNICODE_CHARACTER_CLASS is set).
_POSIX = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "Graph": "\\x21-\\x7e",
    "Print": "\\x20-\\x7e",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
# Escapes whose meaning differs: Java's \z is Python's \Z; Java's \Z allows a final line break.
_ESCAPES = {
    "z": "\\Z",
    "Z": "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?\\Z)",
    "h": "[ \\t\\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]",
}
_QUANTIFIER = re.compile(r"(\{(\d*)(?:,(\d*))?\}|[*+?])[+?]?")


@cache
def _category_table() -> dict[str, str]:
    """Unicode general category (two letters) -> `re` class body of its code point ranges."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    previous, start = None, 0
    for cp in range(sys.maxunicode + 2):
        cat = unicodedata.category(chr(cp)) if cp <= sys.maxunicode else None
        if cat != previous:
            if previous is not None:
                ranges.setdefault(previous, []).append((start, cp - 1))
            previous, start = cat, cp
    return {cat: "".join(_range(a, b) for a, b in spans) for cat, spans in ranges.items()}


def _range(a: int, b: int) -> str:
    return f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}"


def _property_body(name: str) -> str:
    """`re` class body for Java's `\\p{name}`."""
    if name in _POSIX:
        return _POSIX[name]
    key = name[2:] if name.startswith("Is") and len(name) <= 4 else name
    if len(key) in (1, 2) and key[0].isupper():
        table = _category_table()
        parts = [body for cat, body in table.items() if cat.startswith(key)]
        if parts:
            return "".join(parts)
    raise ValueError(f"unsupported Java regex property \\p{{{name}}}")


def _read_hex(pattern: str, i: int, n: int) -> tuple[int, int]:
    return int(pattern[i : i + n], 16), i + n


def translate(pattern: str) -> str:
    """The Java `pattern` rewritten for Python's `re` (to be compiled with re.ASCII)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "pP" and i + 2 < n and pattern[i + 2] == "{":
                end = pattern.index("}", i + 3)
                body = _property_body(pattern[i + 3 : end])
                if in_class:
                    if nxt == "P":
                        raise ValueError("\\P{...} inside a character class is not supported")
                    out.append(body)
                else:
                    out.append(f"[{'^' if nxt == 'P' else ''}{body}]")
                i = end + 1
                continue
            if nxt == "u":
                cp, j = _read_hex(pattern, i + 2, 4)
                # A UTF-16 surrogate pair written as two escapes is one code point.
                if 0xD800 <= cp <= 0xDBFF and pattern.startswith("\\u", j):
                    low, k = _read_hex(pattern, j + 2, 4)
                    if 0xDC00 <= low <= 0xDFFF:
                        cp, j = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), k
                out.append(f"\\U{cp:08x}")
                i = j
                continue
            if nxt == "x" and pattern.startswith("{", i + 2):
                end = pattern.index("}", i + 3)
                out.append(f"\\U{int(pattern[i + 3 : end], 16):08x}")
                i = end + 1
                continue
            if nxt == "Q":
                end = pattern.find("\\E", i + 2)
                end = n if end < 0 else end
                literal = pattern[i + 2 : end]
                out.append(re.escape(literal))
                i = end + 2
                continue
            if nxt in _ESCAPES and not in_class:
                out.append(_ESCAPES[nxt])
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
            elif ch == "[" or pattern.startswith("&&", i):
                raise ValueError("nested classes and class intersections are not supported")
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            # A leading "]" or "^]" is a literal in both dialects.
            if pattern.startswith("^", i):
                out.append("^")
                i += 1
            if pattern.startswith("]", i):
                out.append("\\]")
                i += 1
            continue
        if ch == ".":
            out.append(_JAVA_DOT)
            i += 1
            continue
        if ch in "^$":
            quant = _QUANTIFIER.match(pattern, i + 1)
            if quant:
                # Repeating a zero-width anchor: keep it once, or drop it if it may repeat 0 times.
                minimum = quant.group(2) if quant.group(2) is not None else None
                optional = quant.group(1) in ("*", "?") or minimum in ("", "0")
                if not optional:
                    out.append(ch)
                i = quant.end()
                continue
        out.append(ch)
        i += 1
    return "".join(out)


@cache
def compile_java(pattern: str) -> re.Pattern[str]:
    """Compile a botocore (Java-style) pattern; use `.fullmatch`, as AWS does."""
    return re.compile(translate(pattern), re.ASCII)
