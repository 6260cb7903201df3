"""Safe, bounded YAML with a line number on every key and value.

YAML is composed (never constructed) with the C loader, then turned into a small tree of
:class:`Node` objects that keep each scalar exactly as the editor typed it.  That is how
``start: 10:00`` stays the time 10:00 instead of YAML 1.1's number 600, and how
``code: 0123`` stays text.  Keys written twice, anchors and aliases (the "billion
laughs" bomb), very deep nesting and very large documents are refused with plain
messages before they can cost time or memory.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

import yaml

try:  # The C loader is much faster; fall back to pure Python where libyaml is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_NODES = 20_000
MAX_DEPTH = 40
# libyaml (C) composes nested brackets by recursion: tens of thousands of '[' crash the whole
# process before any check of ours could run, so nesting is counted in the text first.  The
# count is rough (a bracket inside quotes counts too), hence a limit far above MAX_DEPTH.
MAX_SCANNED_DEPTH = 1000
_INDICATORS = re.compile(r"^\s*((?:[-?][ \t]+)+)")


@dataclass(frozen=True)
class Scalar:
    """A single value as typed. ``tag`` is what YAML would have made of it (str, int ...)."""

    text: str
    line: int
    tag: str
    quoted: bool
    block: bool = False  # written as a block (| or >): its text starts on the line after ``line``

    @property
    def is_null(self) -> bool:
        return self.tag == "null" and not self.quoted


@dataclass(frozen=True)
class Mapping:
    """``key: value`` pairs in the order written, with the line of every key."""

    items: dict[str, tuple[int, Node]]
    line: int


@dataclass(frozen=True)
class Sequence:
    """A list of values."""

    items: tuple[Node, ...]
    line: int


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - a runtime alias, needs Union


@dataclass
class YamlProblem(Exception):
    """A YAML document that cannot be read; ``line`` is 1-based within the document."""

    line: int
    message: str
    hint: str = ""


@dataclass
class _Budget:
    left: int = MAX_NODES
    offset: int = 0
    seen: set[int] = field(default_factory=set)


_TAGS = {
    "tag:yaml.org,2002:str": "str",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "timestamp",
}


def parse(text: str, line_offset: int = 0) -> Node | None:
    """Compose one YAML document into a :class:`Node` tree, or None when it is empty.

    ``line_offset`` is added to every line number, for YAML that starts part-way into a file.
    """
    deep = _too_deep(text)
    if deep is not None:
        raise YamlProblem(deep + line_offset, "This is nested too deeply to read.",
                          "Check the brackets [ ] and { } on this line.")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problem = _explain(exc)
        problem = _open_quote(text, problem.line) or problem
        problem.line += line_offset
        raise problem from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1 + line_offset, "This is not valid YAML.", str(exc).splitlines()[0]) from None
    except RecursionError:
        raise YamlProblem(1 + line_offset, "This is nested too deeply to read.") from None
    if root is None:
        return None
    alias = _first_alias(text) if "*" in text else None
    if alias is not None:
        raise YamlProblem(alias + line_offset, "Anchors and aliases (& and *) are not allowed here.",
                          "Write the value out in full instead.")
    return _convert(root, _Budget(offset=line_offset), 0)


def _too_deep(text: str) -> int | None:
    """The line where brackets, or list markers at the start of a line, nest more than
    MAX_SCANNED_DEPTH deep; None when nothing does (one quick pass over the text)."""
    if text.count("[") + text.count("{") + text.count("-") + text.count("?") < MAX_SCANNED_DEPTH:
        return None
    depth = 0
    for number, line in enumerate(text.split("\n"), start=1):
        markers = _INDICATORS.match(line)
        if markers and len(markers.group(1).split()) > MAX_SCANNED_DEPTH:
            return number
        for ch in line:
            if ch in "[{":
                depth += 1
                if depth > MAX_SCANNED_DEPTH:
                    return number
            elif ch in "]}" and depth:
                depth -= 1
    return None


def _first_alias(text: str) -> int | None:
    """The line of the first alias (``*name``): the place the editor wrote it, not its anchor."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1 if event.start_mark is not None else 1
    return None


def _convert(node: yaml.Node, budget: _Budget, depth: int) -> Node:
    line = node.start_mark.line + 1 + budget.offset
    if id(node) in budget.seen:
        raise YamlProblem(
            line,
            "Anchors and aliases (& and *) are not allowed here.",
            "Write the value out in full instead.",
        )
    budget.seen.add(id(node))
    budget.left -= 1
    if budget.left < 0:
        raise YamlProblem(line, f"This has more than {MAX_NODES} values, which is far too many.")
    if depth > MAX_DEPTH:
        raise YamlProblem(line, "This is nested too deeply to read.")
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _TAGS:
            raise YamlProblem(line, f"The YAML tag '{node.tag}' is not allowed.", "Remove it.")
        return Scalar(str(node.value), line, _TAGS[node.tag], node.style in ("'", '"'), node.style in ("|", ">"))
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(n, budget, depth + 1) for n in node.value), line)
    if isinstance(node, yaml.MappingNode):
        return _mapping(node, budget, depth, line)
    raise YamlProblem(line, "This YAML could not be read.")  # pragma: no cover


def _mapping(node: yaml.MappingNode, budget: _Budget, depth: int, line: int) -> Mapping:
    items: dict[str, tuple[int, Node]] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1 + budget.offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlProblem(key_line, "A key must be a plain word, like 'title'.")
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(key_line, "Merge keys (<<) are not allowed here.")
        key = str(key_node.value)
        if key in items:
            first = items[key][0]
            raise YamlProblem(
                key_line,
                f"'{key}' is written twice (first on line {first}).",
                "Keep one of them and delete the other.",
            )
        items[key] = (key_line, _convert(value_node, budget, depth + 1))
    return Mapping(items, line)


_EXPLANATIONS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(r"found character '\\t'|found a tab character"),
        "This line uses a tab for indenting.",
        "YAML needs spaces: replace the tab with spaces.",
    ),
    (
        re.compile(r"while scanning a quoted scalar"),
        "A quote (\" or ') is opened but never closed.",
        "Add the closing quote at the end of the value.",
    ),
    (
        re.compile(r"mapping values are not allowed"),  # PyYAML says "here", libyaml "in this context"
        "This line has a ':' where YAML did not expect one.",
        "If the value contains ': ', put the whole value in quotes; "
        "otherwise check the spaces at the start of the line.",
    ),
    (
        re.compile(r"did not find expected key|expected <block end>"),
        "The spaces at the start of this line do not line up with the lines around it.",
        "Indent it exactly like the other keys at the same level.",
    ),
    (
        re.compile(r"did not find expected '-' indicator"),
        "This list item is indented differently from the items before it.",
        "Line up every '- ' in the list.",
    ),
    (
        re.compile(r"while parsing a flow|expected ',' or '[\]}]'"),
        "A list in [ ] or a group in { } is not closed properly.",
        "Check that every [ has a ] and every { has a }, with commas between items.",
    ),
    (
        re.compile(r"found undefined alias|found unhashable key"),
        "This line could not be read.",
        "Remove any '*' or '&' at the start of the value, or put the value in quotes.",
    ),
    (
        re.compile(r"while scanning a simple key"),
        "This line has no ': ' (a colon followed by a space) after its name.",
        "Write it as 'name: value', with a space after the colon.",
    ),
]


_VALUE_QUOTE = re.compile(r'(^|[:\-\[{,])\s*"')
_QUOTE_START = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#][^:#]*:\s+)?(['"])""")


def _open_quote(text: str, error_line: int) -> YamlProblem | None:
    """A quote opened and never closed is found by YAML much later, often many lines on.

    Look back from the line YAML complained about for a line with an unmatched quote, so
    the message points at the line the editor has to change.
    """
    for number, line in enumerate(text.split("\n")[:error_line], start=1):
        code = line.split(" #")[0]
        plain = code.replace('\\"', "")
        double = plain.count('"') % 2 == 1 and bool(_VALUE_QUOTE.search(plain))
        start = _QUOTE_START.match(code)
        single = bool(start and start.group(1) == "'" and code[start.end():].replace("''", "").count("'") == 0)
        if double or single:
            return YamlProblem(number, _EXPLANATIONS[1][1], _EXPLANATIONS[1][2])
    return None


def _explain(exc: yaml.MarkedYAMLError) -> YamlProblem:
    """Turn PyYAML's parser wording into a plain sentence at the right line."""
    raw = f"{exc.context or ''} {exc.problem or ''}"
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    if ("quoted scalar" in raw or "parsing a flow" in raw or "simple key" in raw) and exc.context_mark is not None:
        line = exc.context_mark.line + 1  # where the quote, [ or { was opened, or the key without ': '
    for pattern, message, hint in _EXPLANATIONS:
        if pattern.search(raw):
            return YamlProblem(line, message, hint)
    return YamlProblem(
        line,
        "This line is not valid YAML.",
        "Check the spaces at the start of the line, the ':' after each key, "
        "and put values with special characters in quotes.",
    )
