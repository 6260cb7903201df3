"""Fuzzing the whole build: whatever an editor (or an attacker) writes, the answer is a content problem.

Hypothesis takes the small fixture college and changes it the way a careless or hostile editor
might: any field of any file set to a value of the wrong kind, the wrong size or full of odd
characters (control characters as YAML escapes, other scripts' digits, dates in year 0, 5,000-digit
numbers, paths that climb out of the folder, web addresses), and Markdown bodies built from
pieces that have broken parsers before (pictures with odd names, raw HTML, links, headings).
Each college is then read, checked, modelled and rendered by the real pipeline, website, easy read
pages, calendars and pictures included (the search index and the brochures are left out: they
read only what the website's pages hold).  The only allowed outcomes are a site, or problems that
name a file; anything else (a crash, a template failing on valid content, a disk message) fails.

CI runs a fixed set of examples (PROSPECTUS_FUZZ_EXAMPLES, 60 by default) so that it takes well
under a minute; set it higher to search longer on your own machine.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from prospectus.build import pipeline
from prospectus.content import schema
from prospectus.content.records import Record
from prospectus.problems import ContentError
from prospectus.render.search import index as search

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
EXAMPLES = int(os.environ.get("PROSPECTUS_FUZZ_EXAMPLES", "60"))
FILES = {"courses/feeling-calm.md": schema.COURSE, "courses/quiet-walks.md": schema.COURSE,
         "tutors/alex.md": schema.TUTOR, "pages/about.md": schema.PAGE, "college.yaml": schema.COLLEGE}

ODD = st.sampled_from([
    "", " ", "\x1b", "a\x00b", "\ufffe", "\u00b2", "\u2460", "\u0663", "9" * 5000, "0", "-1", "1e9", "007",
    "0000-01-01", "9999-12-31", "2026-02-30", "1969-12-31", "2101-01-01", "25:00", "10:60", "10.30", "24:00",
    "../../etc/passwd", "/etc/passwd", "photos/../x.jpg", "images/caf\u00e9 & tea.png", "a\\b.png", "~/x.png",
    "https://[x/", "https://example.org:99999/", "https://user:pw@example.org/", "javascript:alert(1)",
    "mailto:a@b.org?bcc=c@d.org", "a@b.org?bcc=c@d.org", "en GB!", "english", "Europe", "Mars/Olympus",
    "<script>alert(1)</script>", "**bold** _it_", "REPLACE THIS", "CHOOSE-ONE", "yes", "no", "~", "null",
    "x" * 400, "\u202e\u202d", "\U0001fae8", "autumn-2026", "the-hub", "online", "wellbeing", "alex", "calm",
])
SCALAR = st.one_of(ODD, st.text(max_size=12), st.integers(min_value=-10, max_value=10**7), st.booleans(),
                   st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.sampled_from(["src", "alt", "date", "start",
                                                                                      "end", "id", "x"]),
                                                                     inner, max_size=3)), max_leaves=6)
SENSIBLE = st.sampled_from(["Hello there", "alex", "dr-lee", "wellbeing", "autumn-2026", "the-hub", "online", 12, 1,
                            True, False, dt.date(2026, 10, 5), "10:00", "11:30", ["alex", "dr-lee"], ["anyone"],
                            "en-GB", "cy", "Europe/London", "hello@example.org", "https://example.org/x",
                            "images/ok.png", "images/x.svg", "workshop", "drop-in", "cancelled", "full"])
PICTURE_NAMES = st.sampled_from(["images/ok.png", "images/caf\u00e9 & tea.png", "images/x.svg", "../outside.png",
                                 "images/missing.png", "https://example.org/p.png", "#top", "images/loop.png",
                                 "data:image/png;base64,AAAA", "images/ok.png?x=1", "images/%2e%2e/ok.png"])
BODY_PIECES = st.one_of(st.sampled_from([
    "## A\n\n", "## A\n\n## A\n\n", "text ", "\n\n", "[link](../courses/feeling-calm/) ", "[web](https://e.org) ",
    "<b>x</b> ", "<script>x</script> ", "<!-- x --> ", 'src="@media/../x.svg" ', "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "- item\n", "> quote\n", "`code` ", "\x07", "\t", "&amp; &#0; &#x1b; ", "[x](javascript:alert(1)) ",
]), PICTURE_NAMES.map(lambda name: f"![A picture]({name}) "), PICTURE_NAMES.map(lambda n: f"![A picture](<{n}>) "))


def _paths(record: Record, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path a record has, lists entered at their first item."""
    from prospectus.content.records import ListOf

    found: list[tuple[Any, ...]] = []
    for f in record.fields:
        here = (*prefix, f.name)
        found.append(here)
        kind = f.kind.item if isinstance(f.kind, ListOf) else f.kind
        if isinstance(kind, Record):
            found += _paths(kind, (*here, 0) if isinstance(f.kind, ListOf) else here)
    return found


PATHS = {rel: _paths(record) for rel, record in FILES.items()}
MUTATION = st.sampled_from(sorted(FILES)).flatmap(
    lambda rel: st.tuples(st.just(rel), st.sampled_from(PATHS[rel]), SENSIBLE | VALUE))


def _split(text: str) -> tuple[dict[str, Any], str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for i, key in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(data, list):
            if not data:
                data.append({} if not isinstance(nxt, int) else [])
            data = data[0]
            continue
        if not isinstance(data, dict):
            return
        if key not in data or not isinstance(data[key], (dict, list)):
            data[key] = [] if isinstance(nxt, int) else {}
        data = data[key]
    if isinstance(data, list):
        data[:1] = [value] if not data else data[:1]
        if data and isinstance(data[0], dict) and not isinstance(path[-1], int):
            data[0][path[-1]] = value
    elif isinstance(data, dict):
        data[path[-1]] = value


def _pictures(content: Path) -> None:
    images = content / "images"
    images.mkdir(exist_ok=True)
    Image.new("RGB", (20, 10), (10, 120, 60)).save(images / "ok.png")
    shutil.copyfile(images / "ok.png", images / "caf\u00e9 & tea.png")
    (images / "x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
    (images / "loop.png").symlink_to(images / "loop.png")
    Image.new("RGB", (5, 5)).save(content.parent / "outside.png")


@pytest.fixture(autouse=True)
def _no_search_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "start", lambda *args, **kwargs: None)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")), database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(mutations=st.lists(MUTATION, max_size=3),
       bodies=st.dictionaries(st.sampled_from([r for r in FILES if r.endswith(".md")]),
                              st.lists(BODY_PIECES, max_size=12).map("".join), max_size=2))
def test_any_content_gives_a_site_or_problems(tmp_path_factory: pytest.TempPathFactory,
                                             mutations: list[tuple[str, tuple[Any, ...], Any]],
                                             bodies: dict[str, str]) -> None:
    work = tmp_path_factory.mktemp("fuzz")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    _pictures(content)
    texts = {rel: (content / rel).read_text(encoding="utf-8").replace("start: 10:00", 'start: "10:00"')
             for rel in FILES}  # as PyYAML would write it back: a time, not the number 600
    parsed = {rel: (yaml.safe_load(text), "") if rel.endswith(".yaml") else _split(text) for rel, text in texts.items()}
    for rel, path, value in mutations:
        _set(parsed[rel][0], path, value)
    for rel, (data, body) in parsed.items():
        if not any(m[0] == rel for m in mutations) and rel not in bodies:
            continue
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
        text = front if rel.endswith(".yaml") else f"---\n{front}---\n{bodies.get(rel, body)}"
        (content / rel).write_text(text, encoding="utf-8")
    opts = pipeline.Options(content=content, output=work / "site", pdf=False, cache=work / "cache",
                            today=dt.date(2026, 11, 23))
    try:
        pipeline.build(opts)
    except ContentError as exc:
        assert exc.problems and all(p.path and p.message for p in exc.problems), exc.problems
        event("content problems")
        return
    assert (work / "site" / "index.html").is_file()
    event("built")
