"""Write YAML with comments, for files a person reads and copies from.

Why not PyYAML's dump: it cannot write comments, and a candidate's line and
how its speaker was found belong in comments (the models have no field for
them). Why not ruamel.yaml: it would be a new dependency for one write-only
file of a fixed, shallow shape, and its comment API attaches comments to keys
by position, which is awkward for comments before list items. What is left to
get right by hand is quoting scalars, and this module keeps to three forms it
can prove safe: plain for simple words, folded (`>-`) for prose whose
whitespace is already single spaces, and double-quoted with escapes for
anything else. The tests parse the output back and compare.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

WIDTH = 96
# Plain scalars: a letter first, then nothing YAML reads specially (no ": ", " #", quotes first).
_PLAIN = re.compile(r"[A-Za-z](?:[\w.,'’()/&+-]| (?! ))*(?<! )")
# Words YAML 1.1 readers (PyYAML) turn into booleans or null.
_SPECIAL = {"yes", "no", "true", "false", "null", "on", "off", "y", "n", "~"}
# A plain value this short is kept on its key's line; longer prose is folded.
_FOLD_OVER = 60


@dataclass
class Commented:
    """A value with comment lines written just before it."""

    value: Any
    comments: list[str] = field(default_factory=list)


def dump(data: dict[str, Any], header: list[str] | None = None) -> str:
    """`data` (mappings, lists, strings, numbers, None) as YAML, with `header` comment lines on top."""
    out = [_comment(line, 0) for line in header or []]
    _mapping(data, 0, out)
    return "\n".join(out) + "\n"


def strip_comments(value: Any) -> Any:
    """The plain data of `value`: what a YAML reader will see."""
    if isinstance(value, Commented):
        return strip_comments(value.value)
    if isinstance(value, dict):
        return {k: strip_comments(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_comments(v) for v in value]
    return value


def _mapping(data: dict[str, Any], indent: int, out: list[str], first: str | None = None) -> None:
    """`key: value` lines; `first` replaces the first line's indentation (a list item's "- ")."""
    for index, (key, value) in enumerate(data.items()):
        if isinstance(value, Commented):
            out.extend(_comment(c, indent) for c in value.comments)
            value = value.value
        lead = (first if index == 0 and first is not None else " " * indent) + f"{key}:"
        _value(value, indent, lead, out)


def _sequence(items: list[Any], indent: int, out: list[str]) -> None:
    for item in items:
        if isinstance(item, Commented):
            out.extend(_comment(c, indent) for c in item.comments)
            item = item.value
        if isinstance(item, dict) and item:
            _mapping(item, indent + 2, out, first=" " * indent + "- ")
        else:
            _value(item, indent, " " * indent + "-", out)


def _value(value: Any, indent: int, lead: str, out: list[str]) -> None:
    """The value after `lead` ("key:" or "-"): inline when it is a scalar, else on the lines below."""
    if isinstance(value, dict) and value:
        out.append(lead)
        _mapping(value, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(lead)
        _sequence(value, indent + 2, out)
    else:
        out.extend(_scalar(value, indent + 2, lead))


def _scalar(value: Any, indent: int, lead: str) -> list[str]:
    if isinstance(value, (dict, list)):
        return [f"{lead} {'{}' if isinstance(value, dict) else '[]'}"]
    if value is None or isinstance(value, bool):
        return [f"{lead} {'null' if value is None else str(value).lower()}"]
    if isinstance(value, (int, float)):
        return [f"{lead} {value}"]
    text = str(value)
    if len(text) <= _FOLD_OVER and _PLAIN.fullmatch(text) and text.lower() not in _SPECIAL:
        return [f"{lead} {text}"]
    if len(text) > _FOLD_OVER and _foldable(text):
        lines = textwrap.wrap(text, width=max(WIDTH - indent, 40), break_long_words=False,
                              break_on_hyphens=False)
        return [f"{lead} >-", *(" " * indent + line for line in lines)]
    return [f"{lead} {double_quoted(text)}"]


def _foldable(text: str) -> bool:
    """Folded style gives back exactly `text` when its words are separated by single spaces."""
    return bool(text) and text == " ".join(text.split()) and all(ch.isprintable() for ch in text)


def double_quoted(text: str) -> str:
    """A double-quoted YAML scalar; escapes quotes, backslashes and every unprintable character."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif not ch.isprintable():
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _comment(text: str, indent: int) -> str:
    """One comment line; line breaks and unprintable characters cannot stand in a comment."""
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    return (" " * indent + "# " + " ".join(clean.split())).rstrip() if clean.strip() else " " * indent + "#"
