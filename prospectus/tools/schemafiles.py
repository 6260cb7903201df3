"""``python build.py schema``: JSON Schema files (draft 2020-12) for editors' autocompletion.

Generated from the same records in :mod:`prospectus.content.schema` that the validator uses, so a
field's description, choices and limits are the same in the editor as in the check.  The
schema describes the front matter as an editor's YAML tooling reads it: times and dates as
text.  It helps while typing; ``build.py check`` remains the judge (it also checks ids,
dates in terms and everything that spans files).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..content import schema, yamlnodes
from ..content.picture_names import BUILT_IN
from ..content.records import Record

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FILES: dict[str, tuple[Record, str]] = {
    "course.schema.json": (schema.COURSE, "The front matter of a course file in content/courses/."),
    "tutor.schema.json": (schema.TUTOR, "The front matter of a tutor file in content/tutors/."),
    "page.schema.json": (schema.PAGE, "The front matter of a page file in content/pages/."),
    "college.schema.json": (schema.COLLEGE, "content/college.yaml: the college's details, terms, venues "
                                            "and categories."),
}


def to_json(node: yamlnodes.Node | None) -> Any:
    """A YAML node as an editor's YAML tooling sees it: numbers and booleans typed, dates and times text."""
    if node is None:
        return None
    if isinstance(node, yamlnodes.Mapping):
        return {key: to_json(value) for key, (_line, value) in node.items.items()}
    if isinstance(node, yamlnodes.Sequence):
        return [to_json(item) for item in node.items]
    if node.quoted:
        return node.text
    if node.tag == "int" and node.text.isdigit():
        return int(node.text)
    if node.tag == "bool":
        return node.text.lower() in ("true", "yes", "on")
    return None if node.is_null else node.text


def _examples(value: Any) -> Any:
    """Turn each field's YAML example text into the JSON value it stands for; offer the
    built-in easy read picture names as examples, which editors show as suggestions."""
    if isinstance(value, dict):
        out = {k: _examples(v) for k, v in value.items()}
        if "examples" in out:
            out["examples"] = [to_json(yamlnodes.parse(e)) for e in value["examples"]]
        picture = out.get("properties", {}).get("picture")
        if picture is not None:
            picture["examples"] = sorted(BUILT_IN)
        return out
    if isinstance(value, list):
        return [_examples(v) for v in value]
    return value


def document(name: str) -> dict[str, Any]:
    """One complete schema document."""
    record, description = FILES[name]
    return {"$schema": DRAFT, "$id": f"https://prospectus.invalid/schema/{name}",
            **_examples(record.json_schema()), "description": description}


def write_all(out: Path) -> list[Path]:
    """Write every schema file into ``out`` (created if needed); returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = out / name
        path.write_text(json.dumps(document(name), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
