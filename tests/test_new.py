"""`build.py new course|tutor`: every field explained, placeholders that fail, never overwriting."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prospectus.content import schema
from prospectus.content.values import slugify


def test_slugify() -> None:
    assert slugify("Understanding Anxiety") == "understanding-anxiety"
    assert slugify("  Café & Chat: a drop-in! ") == "cafe-chat-a-drop-in"
    assert slugify("!!!") == ""


def test_new_course_has_every_field_explained_and_fails_until_filled(
        cli: Callable[..., Any], minimal_content: Path) -> None:
    result = cli("--content", minimal_content, "new", "course", "Understanding Anxiety")
    assert result.code == 0, result.text
    path = minimal_content / "courses" / "understanding-anxiety.md"
    text = path.read_text()
    assert 'title: "Understanding Anxiety"' in text
    for f in schema.COURSE.fields:
        assert re.search(rf"^(# )?{f.name}:", text, re.M), f.name
        assert f"# {f.doc}" in text, f.name
    assert "Known category ids: wellbeing" in text or "Known category ids:" in text
    check = cli("--content", minimal_content, "check")
    assert check.code == 1
    lines = [ln for ln in check.err.splitlines() if ln.startswith("courses/understanding-anxiety.md:")]
    assert any("placeholder text 'REPLACE THIS'" in ln for ln in lines)
    assert any("still has the placeholder CHOOSE-A-CATEGORY" in ln for ln in lines)
    assert "not valid YAML" not in check.err


def test_filling_in_the_placeholders_makes_a_valid_course(cli: Callable[..., Any], minimal_content: Path) -> None:
    assert cli("--content", minimal_content, "new", "course", "Sleep Well").code == 0
    path = minimal_content / "courses" / "sleep-well.md"
    text = path.read_text()
    values = {"category": "wellbeing", "term": "autumn-2026", "venue": "the-hub", "status": "open",
              "format": "workshop", "level": "introductory"}
    for key, value in values.items():
        text = re.sub(rf"^(\s*(- )?){key}: CHOOSE-\S+", rf"\g<1>{key}: {value}", text, flags=re.M)
    text = text.replace("- CHOOSE-ONE", "- anyone").replace("facilitators:\n  - CHOOSE-A-TUTOR",
                                                          "facilitators:\n  - alex\n  - dr-lee")
    text = re.sub(r"co_produced_by:\n  - CHOOSE-A-TUTOR\n", "", text)
    text = re.sub(r'^(\s*)(places|count): "REPLACE THIS[^"]*"', r"\1\2: 6", text, flags=re.M)
    text = re.sub(r'^(\s*)(from|reviewed): "REPLACE THIS[^"]*"', r"\1\2: 2026-09-14", text, flags=re.M)
    text = re.sub(r'^(\s*)start: "REPLACE THIS[^"]*"', r'\1start: "10:00"', text, flags=re.M)
    text = re.sub(r'^(\s*)end: "REPLACE THIS[^"]*"', r'\1end: "12:00"', text, flags=re.M)
    text = re.sub(r'^(\s*)booking_url: "REPLACE THIS[^"]*"', r"\1booking_url: https://example.org/book", text,
                  flags=re.M)
    text = re.sub(r'^(\s*)picture: "REPLACE THIS[^"]*"', r"\1picture: calm", text, flags=re.M)
    text = re.sub(r'^(\s*)language: "REPLACE THIS[^"]*"', r"\1language: en-GB", text, flags=re.M)
    text = re.sub(r'"REPLACE THIS: [^"]*"', '"Something new"', text)
    text = re.sub(r"REPLACE THIS: .*", "Some words of our own.", text)
    path.write_text(text)
    check = cli("--content", minimal_content, "check")
    assert check.code == 0, check.text


def test_new_tutor_and_never_overwriting(cli: Callable[..., Any], minimal_content: Path) -> None:
    assert cli("--content", minimal_content, "new", "tutor", "Sam").code == 0
    path = minimal_content / "tutors" / "sam.md"
    text = path.read_text()
    assert 'name: "Sam"' in text and "role: CHOOSE-ONE" in text and "# photo:" in text
    path.write_text(text + "my own words\n")
    again = cli("--content", minimal_content, "new", "tutor", "Sam")
    assert again.code == 2
    assert "already exists" in again.err and "nothing was written" in again.err
    assert path.read_text().endswith("my own words\n")


def test_new_refuses_unusable_names(cli: Callable[..., Any], minimal_content: Path) -> None:
    result = cli("--content", minimal_content, "new", "course", "???")
    assert result.code == 2 and "cannot be made into a file name" in result.err
    assert cli("--content", minimal_content, "new", "venue", "x").code == 2
