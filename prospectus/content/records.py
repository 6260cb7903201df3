"""Groups of values: a list of one kind (:class:`ListOf`) and a record of named fields (:class:`Record`).

A record checks each of its fields with the field's kind (values.py), refuses unknown keys with
the nearest known one suggested, refuses an empty value (it is never taken as absent), and then
runs its cross-field rules.  The records of the content format are in schema.py; they describe
themselves as JSON Schema too, so the editors' schema files can never drift from the validator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..problems import did_you_mean
from .values import INVALID, Bool, Checker, Kind, Text
from .yamlnodes import Mapping, Node, Scalar, Sequence


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        if isinstance(node, Scalar) and not isinstance(self.item, Record):
            nodes: tuple[Node, ...] = (node,)  # one value on its own line is a list of one
        elif isinstance(node, Sequence):
            nodes = node.items
        else:
            return ck.error(node.line, f"'{name}' should be a list, with each item on its own line "
                            "starting with '- '.")
        if len(nodes) < self.min_items:
            return ck.error(node.line, f"'{name}' has {len(nodes)} item{'s' if len(nodes) != 1 else ''}; "
                            f"it needs at least {self.min_items}.")
        if self.max_items is not None and len(nodes) > self.max_items:
            return ck.error(node.line, f"'{name}' has {len(nodes)} items; the most is {self.max_items}.",
                            "Remove some, or combine them.")
        values = [ck.error(n.line, f"An item of '{name}' is empty.", "Write it out, or delete its line.")
                  if isinstance(n, Scalar) and n.is_null else self.item.check(n, name, ck) for n in nodes]
        if self.unique:
            seen: set[Any] = set()
            for n, v in zip(nodes, values, strict=False):
                if v is not INVALID and v in seen:
                    ck.error(n.line, f"'{v}' is in '{name}' twice.", "Remove one of them.")
                seen.add(v)
        return tuple(v for v in values if v is not INVALID)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items}
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        if not isinstance(self.item, Record):  # one value on its own line is a list of one
            return {"anyOf": [self.item.json_schema(), schema]}
        return schema


@dataclass(frozen=True)
class OneOrList(Kind):
    """One value on its own, or a list of 2 to ``most`` different values (a run's venue, or the
    venues of a hybrid group people choose from)."""

    item: Kind = field(default_factory=Text)
    most: int = 3

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        if not isinstance(node, Sequence):
            return self.item.check(node, name, ck)
        if not 2 <= len(node.items) <= self.most:
            return ck.error(node.line, f"'{name}' lists {len(node.items)}; a list needs 2 to {self.most}.",
                            f"Write one on its own after '{name}:', or list 2 to {self.most} in [ ].")
        values = [ck.error(n.line, f"An item of '{name}' is empty.", "Write it out, or delete it.")
                  if isinstance(n, Scalar) and n.is_null else self.item.check(n, name, ck) for n in node.items]
        if INVALID in values:
            return INVALID
        seen: set[Any] = set()
        for n, v in zip(node.items, values, strict=True):
            if v in seen:
                return ck.error(n.line, f"'{v}' is in '{name}' twice.", "List each one once.")
            seen.add(v)
        return tuple(values)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [self.item.json_schema(), {"type": "array", "items": self.item.json_schema(),
                                                    "minItems": 2, "maxItems": self.most, "uniqueItems": True}]}


@dataclass(frozen=True)
class Field:
    """One named detail of a record, with the words that explain it to editors."""

    name: str
    kind: Kind
    doc: str
    required: bool = False
    example: str = ""


Rule = Callable[[dict[str, Any], "Mapping", Checker], None]


@dataclass(frozen=True)
class Record(Kind):
    """A group of named details, such as a course's front matter or one run."""

    what: str = "details"
    fields: tuple[Field, ...] = ()
    rules: tuple[Rule, ...] = ()
    one_of: tuple[str, ...] = ()  # exactly one of these fields is given (said to editors' tools too)

    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        if not isinstance(node, Mapping):
            return ck.error(node.line, f"'{name}' should be a group of details (key: value lines), "
                            "indented under it.")
        known = self.by_name()
        out: dict[str, Any] = {"_line": node.line, "_lines": {}}
        ok = True
        for key, (key_line, value) in node.items.items():
            out["_lines"][key] = key_line
            spec = known.get(key)
            if spec is None:
                ck.error(key_line, f"'{key}' is not a known detail for {self.what}.",
                         did_you_mean(key, known) or f"Known details are: {', '.join(known)}.")
                ok = False
                continue
            if isinstance(value, Scalar) and value.is_null:  # an empty value is never taken as absent
                ck.error(key_line, f"'{key}' is empty.", _example(spec) if spec.required else _empty_hint(spec))
                ok = False
                continue
            checked = spec.kind.check(value, key, ck)
            if checked is INVALID:
                ok = False
            else:
                out[key] = checked
        for spec in self.fields:
            if spec.required and spec.name not in node.items:
                ck.error(node.line if node.line > 1 else 1, f"'{spec.name}' is missing from {self.what}.",
                         _example(spec))
                ok = False
        if ok:  # cross-field rules only make sense when every field is readable
            for rule in self.rules:
                rule(out, node, ck)
        return out

    def json_schema(self) -> dict[str, Any]:
        props: dict[str, Any] = {}
        for f in self.fields:
            prop = f.kind.json_schema()
            prop["description"] = f.doc
            if f.example:
                prop["examples"] = [f.example]
            props[f.name] = prop
        return {
            "type": "object",
            "title": self.what,
            "properties": props,
            "required": [f.name for f in self.fields if f.required],
            "additionalProperties": False,
            **({"oneOf": [{"required": [name]} for name in self.one_of]} if self.one_of else {}),
        }


def _empty_hint(spec: Field) -> str:
    if spec.kind.empty_hint:  # a kind that is often left empty by a slip of its own
        return spec.kind.empty_hint
    like = f" like: {spec.name}: {spec.example}" if spec.example and "\n" not in spec.example else ""
    if isinstance(spec.kind, Bool):
        return f"Write true or false after '{spec.name}:', or delete the line."
    return f"Write its value after '{spec.name}:'{like}, or delete the line if it is not needed."


def _example(spec: Field) -> str:
    return f"Add a line like: {spec.name}: {spec.example}" if spec.example else f"Add '{spec.name}'."
