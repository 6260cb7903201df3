"""Property tests: random front matter, bodies, bytes and whole college files never crash the checks.

Hypothesis feeds the loader (``frontmatter.split`` + ``loader.check_entry``/``load``) and the
cross-file checks (``resolve.check``) random YAML-ish text, random structures dumped to
YAML and random bytes; each run must either load or return Problems naming the file,
never raise anything else.  200 examples each, no deadline (the machine is shared).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospectus.content import schema
from prospectus.content.frontmatter import ReadProblem, parse_yaml, split
from prospectus.content.loader import Loaded, check_entry, load
from prospectus.content.records import Record
from prospectus.content.values import Checker
from prospectus.model import checks as resolve

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
COURSE = "courses/feeling-calm.md"


# Property tests: whatever the front matter and body hold, the loader answers with Problems.

_key = st.sampled_from([f.name for f in schema.COURSE.fields] + ["x", "titel", "runs", "sessions", "-", "? a", ""])
_scalar = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.dates(),
                    st.floats(allow_nan=True), st.sampled_from(["10:00", "25:00", "2026-02-30", "0123", "no", "~"]))
_structure = st.recursive(_scalar, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.one_of(_key, st.text(max_size=8)), children, max_size=5)),
    max_leaves=25)
_yaml_tokens = list(":-[]{}'\"&*!|>#%@`,? \t\n\r\\") + ["title", "a", "1", "\u00e9", "\ufeff", "\x00", "10:00", "  "]
_yamlish = st.lists(st.sampled_from(_yaml_tokens), max_size=80).map("".join)
_body_tokens = list("<>[]()!#*_`-=:/\"' \n") + ["script", "javascript:", "data:", "onerror", "<!--", "-->", "img", "a"]
_bodies = st.lists(st.sampled_from(_body_tokens), max_size=60).map("".join)

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTRA = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # cross-file only


def _load_text(text: str, text_body: str) -> None:
    problems: list = []  # type: ignore[type-arg]
    try:
        source = split(f"---\n{text}\n---\n{text_body}", "courses/random.md")
    except ReadProblem as exc:
        assert exc.problem.path == "courses/random.md" and exc.problem.message
        return
    entry = check_entry("random", source, schema.COURSE, problems)
    assert all(p.path == "courses/random.md" and p.message for p in problems)
    if entry is not None:  # and the cross-file checks cope with whatever the entry holds
        base = _fixture_loaded()
        loaded = dataclasses.replace(base, problems=list(problems),
                                     entries={**base.entries, "courses": {**base.entries["courses"], "random": entry}})
        resolve.check(loaded, dt.date(2026, 11, 23))
        assert all(p.message for p in loaded.problems)


@functools.cache
def _fixture_loaded() -> Loaded:
    return load(FIXTURE)


@PROPERTY
@given(_yamlish, _bodies)
def test_random_yamlish_front_matter_never_crashes(text: str, text_body: str) -> None:
    _load_text(text, text_body)


@PROPERTY
@given(st.dictionaries(_key, _structure, max_size=8), _bodies)
def test_random_structures_never_crash(data: dict, text_body: str) -> None:  # type: ignore[type-arg]
    _load_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=None), text_body)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_as_a_whole_content_folder_never_crash(tmp_path: Path, raw: bytes) -> None:
    content = tmp_path / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(FIXTURE, content)
    (content / COURSE).write_bytes(raw)
    (content / "college.yaml").write_bytes(raw[::-1])
    loaded = load(content)
    assert loaded.problems  # random bytes are never a valid college


_college_key = st.sampled_from([f.name for f in schema.COLLEGE.fields] + ["id", "starts", "ends", "phone", "url"])
_college_structure = st.recursive(_scalar, lambda children: st.one_of(
    st.lists(children, max_size=3), st.dictionaries(_college_key, children, max_size=5)), max_leaves=30)


@EXTRA
@given(st.sampled_from(["tutors", "pages"]), st.dictionaries(_key | st.sampled_from(
    [f.name for f in schema.TUTOR.fields]), _structure, max_size=8))
def test_random_tutors_and_pages_never_crash(folder: str, data: dict) -> None:  # type: ignore[type-arg]
    record = loader_folders()[folder]
    problems: list = []  # type: ignore[type-arg]
    rel = f"{folder}/random.md"
    try:
        source = split(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\nBody.\n", rel)
    except ReadProblem:
        return
    entry = check_entry("random", source, record, problems)
    if entry is not None:
        base = _fixture_loaded()
        loaded = dataclasses.replace(base, problems=list(problems),
                                     entries={**base.entries, folder: {**base.entries[folder], "random": entry}})
        resolve.check(loaded, dt.date(2026, 11, 23))


@EXTRA
@given(st.dictionaries(_college_key, _college_structure, max_size=10))
def test_random_college_never_crashes(data: dict) -> None:  # type: ignore[type-arg]
    ck = Checker("college.yaml")
    try:
        node = parse_yaml(yaml.safe_dump(data, allow_unicode=True), "college.yaml")
    except ReadProblem:
        return
    if node is None:
        return
    college = schema.COLLEGE.check(node, "college.yaml", ck)
    loaded = dataclasses.replace(_fixture_loaded(), problems=list(ck.problems),
                                 college=college if isinstance(college, dict) else None)
    resolve.check(loaded, dt.date(2026, 11, 23))


def loader_folders() -> dict[str, Record]:
    from prospectus.content.loader import FOLDERS
    return FOLDERS
