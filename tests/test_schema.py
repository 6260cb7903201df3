"""The JSON Schema files: valid draft 2020-12, generated from the validator, and true to the sample."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from prospectus.content import schema, yamlnodes
from prospectus.content.frontmatter import read_text, split
from prospectus.tools.schemafiles import FILES, document, to_json

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
FOLDERS = {"course.schema.json": "courses", "tutor.schema.json": "tutors", "page.schema.json": "pages"}


def _front_matter(path: Path) -> object:
    return to_json(split(read_text(path, path.name), path.name).meta)


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    doc = document(name)
    assert doc["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(doc)


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_the_sample_content_passes_its_schema(name: str) -> None:
    validator = jsonschema.Draft202012Validator(document(name))
    files = sorted((CONTENT / FOLDERS[name]).glob("*.md"))
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(_front_matter(path))]
        assert not errors, f"{path.name}: {errors}"


def test_college_yaml_passes_its_schema() -> None:
    data = to_json(yamlnodes.parse(read_text(CONTENT / "college.yaml", "college.yaml")))
    jsonschema.Draft202012Validator(document("college.schema.json")).validate(data)


def test_the_schema_catches_what_the_validator_catches() -> None:
    validator = jsonschema.Draft202012Validator(document("course.schema.json"))
    data = _front_matter(CONTENT / "courses" / "understanding-anxiety.md")
    assert isinstance(data, dict)
    run = {"term": "spring-2027", "venue": ["the-hub", "online"],
           "weekly": {"from": "2027-01-12", "until": "2027-03-23", "skip": ["2027-02-16"], "start": "10:00",
                      "end": "12:00"}}
    good = ({"delivery": "peer-led"}, {"booking": "not-needed"}, {"eligibility": "For carers."},
            {"prerequisites": ["introduction-to-recovery"]}, {"on_request": "Call us."}, {"runs": [run]})
    for fine in good:  # the new shapes (issue 15) are described, so an editor's tools accept them
        assert not list(validator.iter_errors({**data, **fine})), fine
    for broken in ({"format": "lecture"}, {"colour": "blue"}, {"reviewed": "12/05/2026"}, {"title": "x" * 71},
                   {"delivery": "peer-lead"}, {"booking": "no"}, {"eligibility": "x" * 201},
                   {"runs": [{**run, "venue": ["the-hub", "online", "the-hub", "x"]}]},
                   {"runs": [{**run, "booking": "maybe"}]},
                   {"runs": [{**run, "weekly": {**run["weekly"], "count": 6}}]}):  # count and until
        assert list(validator.iter_errors({**data, **broken})), broken
    del data["title"]
    assert list(validator.iter_errors(data))


def test_descriptions_come_from_the_schema_docs() -> None:
    props = document("course.schema.json")["properties"]
    for f in schema.COURSE.fields:
        assert props[f.name]["description"] == f.doc
    weekly = props["runs"]["items"]["properties"]["weekly"]["properties"]
    assert weekly["start"]["examples"] == ["18:00"] and weekly["count"]["examples"] == [6]


def test_schema_command_writes_the_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = cli("schema", "--out", tmp_path / "schema")
    assert result.code == 0, result.text
    written = sorted(p.name for p in (tmp_path / "schema").iterdir())
    assert written == sorted(FILES)
    assert json.loads((tmp_path / "schema" / "course.schema.json").read_text())["title"] == "a course"


def test_easy_read_pictures_are_suggested() -> None:
    from prospectus.content.picture_names import BUILT_IN

    point = document("course.schema.json")["properties"]["easy_read"]["properties"]["points"]["items"]
    assert point["properties"]["picture"]["examples"] == sorted(BUILT_IN)
