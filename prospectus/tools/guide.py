"""Keep the generated parts of docs/editing-guide.md true: ``python -m prospectus.tools.guide``.

Three sections of the guide are written by this module, between marker comments: the table
of every field (from :mod:`prospectus.content.schema`), the built-in easy read pictures (from
:mod:`prospectus.content.picture_names`) and the common mistakes with the exact
message each one produces (made by breaking a copy of a sample course in ten ways and
running the real checks).  ``--check`` exits 1 when the guide is out of date; a test runs it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..content import loader, schema
from ..content.picture_names import BUILT_IN
from ..content.records import Record
from ..model import checks

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "editing-guide.md"
SAMPLE = ROOT / "content"
COURSE = "courses/understanding-anxiety.md"
GUIDE_DATE = dt.date(2026, 9, 1)  # a fixed day, so the messages never change with the calendar

# (title, what the editor did, the line as it was, the line as they wrote it)
MISTAKES: tuple[tuple[str, str, str, str], ...] = (
    ("A misspelt category", "The category id has a letter missing.",
     "category: understanding-mental-health", "category: understanding-mental-heath"),
    ("A tutor id that does not exist", "The tutor's file is called priya-shah.md, but the course says priya.",
     "facilitators: [sam, priya-shah]", "facilitators: [sam, priya]"),
    ("A misspelt detail name", "'summary' is spelt with one m.",
     "summary: What anxiety is", "sumary: What anxiety is"),
    ("A date written the British way", "Dates must be year-month-day.",
     "reviewed: 2026-05-12", "reviewed: 12/05/2026"),
    ("A time written as 10am", "Times use the 24-hour clock, like 10:00 or 14:30.",
     'start: "10:00", end: "12:00"}\n  - term: autumn-2026\n    venue: online',
     'start: 10am, end: "12:00"}\n  - term: autumn-2026\n    venue: online'),
    ("A session that ends before it starts", "The end time is earlier than the start time.",
     'start: "18:00", end: "19:30"', 'start: "18:00", end: "17:30"'),
    ("A word that is not one of the choices", "'format' must be workshop, course or drop-in.",
     "format: course", "format: lecture"),
    ("A colon inside a value", "A colon followed by a space inside a value confuses the front matter.",
     "summary: What anxiety is,", "summary: Anxiety: what it is,"),
    ("No space after the colon", "A detail needs a space between the ':' and its value.",
     "level: introductory", "level:introductory"),
    ("Placeholder text left in", "A line from `prospectus new` was not filled in.",
     "code: UA101", 'code: "REPLACE THIS: A short course code"'),
)


def field_tables() -> str:
    """A table of every field of every kind of file, from the schema."""
    parts = []
    for title, record in (("Course files (content/courses/)", schema.COURSE),
                          ("A run (one item under runs)", schema.RUN),
                          ("A session (one item under sessions)", schema.SESSION),
                          ("A weekly series (weekly)", schema.WEEKLY), ("Easy read (easy_read)", schema.EASY_READ),
                          ("An easy read point (one item under points)", schema.EASY_READ_POINT),
                          ("A course picture (image)", schema.IMAGE), ("Tutor files (content/tutors/)", schema.TUTOR),
                          ("A tutor's photo (photo)", schema.PHOTO), ("Page files (content/pages/)", schema.PAGE),
                          ("college.yaml: a term (one item under terms)", schema.TERM),
                          ("college.yaml: a break (one item under a term's breaks)", schema.BREAK),
                          ("college.yaml: a venue (one item under venues)", schema.VENUE),
                          ("college.yaml: a category (one item under categories)", schema.CATEGORY),
                          ("college.yaml: rules", schema.RULES),
                          ("college.yaml: the college's own look (branding)", schema.BRANDING),
                          ("college.yaml: the college's logo (logo, under branding)", schema.LOGO)):
        parts.append(f"### {title}\n\n{_table(record)}")
    return "\n".join(parts)


def _table(record: Record) -> str:
    rows = ["| Detail | Needed? | What it is | Example |", "| --- | --- | --- | --- |"]
    for f in record.fields:
        example = f"`{f.name}: {f.example}`" if f.example else "see below" if isinstance(f.kind, Record) or (
            hasattr(f.kind, "item") and isinstance(f.kind.item, Record)) else ""
        rows.append(f"| `{f.name}` | {'yes' if f.required else 'no'} | {_cell(f.doc)} | {_cell(example)} |")
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def mistakes(sample: Path = SAMPLE) -> str:
    """Each common mistake, made for real on a copy of the sample, with the message it produces."""
    parts = []
    original = (sample / COURSE).read_text(encoding="utf-8")
    for number, (title, what, good, bad) in enumerate(MISTAKES, 1):
        assert good in original, f"the guide's mistake {number} no longer matches {COURSE}: update MISTAKES"
        broken = original.replace(good, bad, 1)
        messages = _messages(sample, broken)
        at = original.index(good)
        shown = broken[broken.rfind("\n", 0, at) + 1:].split("\n")[0]
        parts.append(f"### {number}. {title}\n\n{what} The line looked like this:\n\n"
                     f"```yaml\n{shown}\n```\n\nand `prospectus check` said:\n\n"
                     f"```text\n{messages}\n```\n")
    return "\n".join(parts)


def _messages(sample: Path, text: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(sample, copy)
        (copy / COURSE).write_text(text, encoding="utf-8")
        loaded = loader.load(copy)
        checks.check(loaded, GUIDE_DATE)
        found = sorted({p for p in loaded.problems if p.path == COURSE and p.is_error})
    return "\n".join(p.format() for p in found) or "(no message: this mistake is no longer caught)"


def pictures() -> str:
    """Every built-in easy read picture name, with what it shows."""
    rows = ["| `picture:` | What it shows |", "| --- | --- |"]
    rows += [f"| `{name}` | {_cell(alt)} |" for name, alt in sorted(BUILT_IN.items())]
    return "\n".join(rows) + "\n"


def regenerate(text: str, sample: Path = SAMPLE) -> str:
    """The guide's text with every generated section rewritten."""
    for name, make in (("fields", field_tables), ("mistakes", lambda: mistakes(sample)), ("pictures", pictures)):
        begin, end = f"<!-- BEGIN GENERATED: {name} -->", f"<!-- END GENERATED: {name} -->"
        head, _sep, rest = text.partition(begin)
        _old, _sep2, tail = rest.partition(end)
        if not _sep or not _sep2:
            raise SystemExit(f"{GUIDE}: the markers '{begin}' and '{end}' are missing.")
        note = "<!-- Made by `python -m prospectus.tools.guide`: do not edit by hand. -->"
        text = f"{head}{begin}\n{note}\n\n{make()}\n{end}{tail}"
    return text


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the guide, or with --check say whether it is up to date."""
    args = list(sys.argv[1:] if argv is None else argv)
    current = GUIDE.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if "--check" in args:
        if fresh != current:
            print(f"{GUIDE} is out of date. Run: python -m prospectus.tools.guide", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(fresh, encoding="utf-8")
    print(f"Rewrote the generated parts of {GUIDE}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
