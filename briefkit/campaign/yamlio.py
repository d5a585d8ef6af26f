"""Safe YAML reading that remembers the line of every key and item.

Validation errors must point at a line in the campaign's files, so the loader
keeps a map from each value's path (keys and list indices) to its line.
Only YAML's core scalars are recognised: `NO` (Norway) stays a string rather
than becoming `False`, and tags such as `!!python/object` are refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from briefkit.errors import BriefkitError
from briefkit.filerule import YAML, read_campaign_text

MAX_BYTES = YAML.cap  # the rule's cap for every YAML file of a campaign (filerule.py)
MAX_NODES = 200_000
MAX_DEPTH = 64

Loc = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (several times faster), else the Python one.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreLoader(_SafeBase):
    """SafeLoader with YAML 1.2 booleans: only true/false, never yes/no/on/off."""


_CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def dotted(loc: Loc) -> str:
    """A field's location as a user writes it: talking_points.ally[0]."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse_dotted(text: str) -> Loc | None:
    """The location a dotted field path names (talking_points.ally[0]), or None if it is not one.

    The inverse of `dotted`, for field paths that come back from outside (a translation
    catalogue's contexts): keys are names without dots or brackets, indices are numbers.
    """
    loc: list[str | int] = []
    position = 0
    while position < len(text):
        match = _STEP.match(text, position)
        if match is None or (position == 0 and text.startswith((".", "["))):
            return None
        loc.append(int(match.group(1)) if match.group(1) is not None else match.group(2))
        position = match.end()
    return tuple(loc) if loc and dotted(tuple(loc)) == text else None


class LineMap(dict[Loc, int]):
    """Line (1-based) of each value, keyed by its location tuple."""

    def line_for(self, loc: Loc) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self:
                return self[loc]
            loc = loc[:-1]
        return self.get((), None)


def load_yaml(root: Path, path: Path, display: str | None = None) -> tuple[Any, LineMap]:
    """Read one YAML file of the campaign at `root` by the file rule (filerule.py: inside the
    campaign, a regular file, capped); raise BriefkitError with file and line on bad input."""
    text = read_campaign_text(root, path, YAML, display)
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> tuple[Any, LineMap]:
    """Parse YAML text (one document) into plain Python data plus a LineMap."""
    loader = _CoreLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = exc.problem or exc.context or "invalid YAML"
        raise BriefkitError(f"invalid YAML: {message}", path=display, line=line,
                            hint="check indentation, colons and quotes on this line") from exc
    except yaml.YAMLError as exc:
        raise BriefkitError(f"invalid YAML: {exc}", path=display) from exc
    finally:
        loader.dispose()
    lines = LineMap()
    if node is None:
        return None, lines
    return _Converter(loader, display, lines).convert(node, (), 0), lines


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _Converter:
    def __init__(self, loader: _CoreLoader, display: str, lines: LineMap) -> None:
        self.loader = loader
        self.display = display
        self.lines = lines
        self.nodes = 0

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.nodes += 1
        line = node.start_mark.line + 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise BriefkitError("YAML is too large or too deeply nested (aliases expanding?)",
                                path=self.display, line=line,
                                hint="remove anchors and aliases (&name / *name)")
        self.lines.setdefault(loc, line)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            raise BriefkitError(f"unsupported YAML tag {node.tag}", path=self.display, line=line,
                                hint="only plain text, numbers, dates, lists and mappings are allowed")
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node)
                if key == "<<":
                    raise BriefkitError("YAML merge keys (<<) are not supported", path=self.display,
                                        line=key_node.start_mark.line + 1, hint="write the keys out")
                if key in result:
                    raise BriefkitError(f"key {key!r} appears twice", path=self.display,
                                        line=key_node.start_mark.line + 1,
                                        hint="remove one of the two")
                self.lines[loc + (key,)] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, loc + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            raise BriefkitError("a key must be plain text", path=self.display,
                                line=node.start_mark.line + 1)
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            raise BriefkitError(f"unsupported YAML: {exc.problem}", path=self.display,
                                line=node.start_mark.line + 1,
                                hint="only plain text, numbers, dates, lists and mappings are allowed"
                                ) from exc
        except (ValueError, OverflowError) as exc:
            # The value looks like a date or a number but is none: 2024-02-30, 2024-13-01, or an
            # integer of more digits than Python converts. YAML's constructors raise plain errors.
            line = node.start_mark.line + 1
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise BriefkitError(f"{node.value!r} is not a real date: {exc}", path=self.display, line=line,
                                    hint="write the date as YYYY-MM-DD with a day the month has, or put it "
                                         "in quotes to keep it as text") from exc
            raise BriefkitError(f"cannot read the value {node.value[:40]!r}: {exc}", path=self.display,
                                line=line, hint="put the value in quotes to keep it as text") from exc
