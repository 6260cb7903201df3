"""The editing guide's generated parts (field table, common mistakes) match the code today."""

from __future__ import annotations

from prospectus.content import schema
from prospectus.tools import guide


def test_the_guide_is_up_to_date() -> None:
    current = guide.GUIDE.read_text(encoding="utf-8")
    assert guide.regenerate(current) == current, "Run: python -m prospectus.tools.guide"


def test_every_mistake_in_the_guide_is_really_caught() -> None:
    text = guide.GUIDE.read_text(encoding="utf-8")
    assert "no longer caught" not in text
    assert text.count("```text\ncourses/understanding-anxiety.md:") == len(guide.MISTAKES) == 10


def test_every_course_field_is_in_the_guide() -> None:
    text = guide.GUIDE.read_text(encoding="utf-8")
    for f in schema.COURSE.fields + schema.TUTOR.fields:
        assert f"| `{f.name}` |" in text
