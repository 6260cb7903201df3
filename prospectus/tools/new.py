"""``prospectus new course "Title"`` and ``new tutor "Name"``: a file to fill in (``new college`` is
in starter.py).

The file is written from the schema itself, so every field is there with its explanation
from ``Field.doc`` and can never drift from the validator.  Every value that needs a
decision is placeholder text that fails the check (``REPLACE THIS ...`` or ``CHOOSE-...``),
so a half-finished course cannot be published by accident.  An existing file is never
overwritten.
"""

from __future__ import annotations

from pathlib import Path

from ..content import schema
from ..content.codes import Language, TimeZone
from ..content.frontmatter import ReadProblem, parse_yaml, read_text
from ..content.records import Field, ListOf, OneOrList, Record
from ..content.values import (
    ID_RE,
    Bool,
    Choice,
    Date,
    Email,
    Id,
    Kind,
    PositiveInt,
    Text,
    Time,
    Url,
    slugify,
)
from ..problems import UsageError

PLACEHOLDER = "REPLACE THIS"
KINDS = {"course": ("courses", schema.COURSE), "tutor": ("tutors", schema.TUTOR)}
# Shown, switched off: they need files, are an alternative, or fit only some courses (see "Which shape is my
# course?" in docs/editing-guide.md).
COMMENTED_OUT = {"image", "photo", "sessions", "delivery", "eligibility", "prerequisites", "booking", "on_request",
                 "until", "skip"}

BODIES = {
    "course": ("## About this course\n\n"
               f"{PLACEHOLDER}: a few friendly paragraphs saying what the course is about, what a session is "
               "like and who it might help. Write as you would speak to someone who is thinking of coming.\n\n"
               "## What we will cover\n\n"
               f"- {PLACEHOLDER}: one thing you will talk about or do\n"
               f"- {PLACEHOLDER}: another thing\n"),
    "tutor": (f"{PLACEHOLDER}: a few sentences about this tutor, in their own words, saying only what they "
              "are happy to share. For example what brought them to the college and what they enjoy about it.\n"),
}


def create(content: Path, kind: str, title: str) -> Path:
    """Write the new file and return its path; a UsageError when it exists or the title is unusable."""
    if kind not in KINDS:
        raise UsageError(f"'new' makes a course or a tutor, not '{kind}'. Try: new course \"Understanding Anxiety\".")
    slug = slugify(title)
    if not title.strip() or not slug:
        raise UsageError(f"'{title}' cannot be made into a file name. Use letters or numbers in the {kind}'s name.")
    folder, _record = KINDS[kind]
    if not content.is_dir():
        raise UsageError(f"There is no content folder at '{content}'. Check the path given with --content.")
    target = content / folder / f"{slug}.md"
    if target.exists():
        raise UsageError(f"{target} already exists, so nothing was written. Open that file to edit it, "
                         "or choose a different name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(text(kind, title.strip(), known_ids(content)))
    return target


def text(kind: str, title: str, known: dict[str, list[str]]) -> str:
    """The whole new file: commented front matter with placeholders, then a placeholder body."""
    _folder, record = KINDS[kind]
    intro = [f"# A new {kind}. Lines starting with # are notes for you: the website ignores them.",
             f"# Replace every '{PLACEHOLDER}' and every CHOOSE-... with your own words.",
             "# A detail marked 'optional' can be deleted (its notes too) if you do not need it.",
             "# Check your work with:  prospectus check   (or watch it live with: prospectus serve)"]
    lines = ["---", *intro, ""]
    lines += _record_lines(record, 0, known, {"title": title, "name": title})
    return "\n".join([*lines, "---", "", BODIES[kind]])


def _record_lines(record: Record, indent: int, known: dict[str, list[str]], given: dict[str, str]) -> list[str]:
    out: list[str] = []
    for f in record.fields:
        block = _field_lines(f, indent, known, given)
        if f.name in COMMENTED_OUT:
            block = [ln if ln.lstrip().startswith("#") else _comment_out(ln, indent) for ln in block]
        out += block
    return out


def _comment_out(line: str, indent: int) -> str:
    return " " * indent + "# " + line[indent:]


def _field_lines(f: Field, indent: int, known: dict[str, list[str]], given: dict[str, str]) -> list[str]:
    pad = " " * indent
    need = "Required." if f.required else "Optional."
    notes = [f"{pad}# {f.doc} {need}"]
    if f.name in COMMENTED_OUT:
        notes.append(f"{pad}# To use it, remove the '# ' from the start of the lines below.")
    ids = _ids_note(f.kind, known)
    if ids:
        notes.append(f"{pad}# {ids}")
    kind = f.kind
    if f.name in given:
        return [*notes, f"{pad}{f.name}: {_quote(given[f.name])}"]
    if isinstance(kind, Record):
        return [*notes, f"{pad}{f.name}:", *_record_lines(kind, indent + 2, known, {})]
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        items: list[str] = []
        for _ in range(3 if f.name == "points" else 1):  # easy read wants 3 to 10 points
            inner = _record_lines(kind.item, indent + 4, known, {})
            first = next(i for i, ln in enumerate(inner) if not ln.lstrip().startswith("#"))
            inner[first] = f"{pad}  - " + inner[first][indent + 4:]
            items += inner
        return [*notes, f"{pad}{f.name}:", *items]
    if isinstance(kind, ListOf):
        count = max(kind.min_items, 1)
        return [*notes, f"{pad}{f.name}:", *(f"{pad}  - {_placeholder(kind.item, f)}" for _ in range(count))]
    return [*notes, f"{pad}{f.name}: {_placeholder(kind, f)}"]


def _ids_note(kind: Kind, known: dict[str, list[str]]) -> str:
    item = kind.item if isinstance(kind, ListOf | OneOrList) else kind
    if isinstance(item, Id) and item.refers_to:
        ids = known.get(item.refers_to, [])
        return f"Known {item.refers_to} ids: {', '.join(ids)}." if ids else ""
    if isinstance(item, Choice):
        return f"Choose from: {', '.join(item.choices)}."
    return ""


def _placeholder(kind: Kind, f: Field) -> str:
    """A value that fails the check until someone replaces it."""
    if isinstance(kind, OneOrList):
        kind = kind.item
    if isinstance(kind, Id):
        return f"CHOOSE-A-{(kind.refers_to or f.name).upper()}"
    if isinstance(kind, Choice):
        return "CHOOSE-ONE"
    like = {Date: "a date like 2026-09-14", Time: "a time like 10:00", PositiveInt: "a number like 12",
            Bool: "true or false", Url: "a web address starting with https://",
            Email: "an email address", Language: "a language code like en-GB",
            TimeZone: "a time zone like Europe/London"}.get(type(kind))
    if like:
        return f'"{PLACEHOLDER} with {like}"'
    assert isinstance(kind, Text)
    return f'"{PLACEHOLDER}: {f.doc.rstrip(".")}"'


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def known_ids(content: Path) -> dict[str, list[str]]:
    """The category, term, venue and tutor ids that exist now, for the notes in the new file."""
    out: dict[str, list[str]] = {}
    try:
        node = parse_yaml(read_text(content / "college.yaml", "college.yaml"), "college.yaml")
    except (ReadProblem, OSError):
        node = None
    items = getattr(node, "items", {})
    for key, name in (("categories", "category"), ("terms", "term"), ("venues", "venue")):
        seq = items.get(key, (0, None))[1]
        out[name] = [m.items["id"][1].text for m in getattr(seq, "items", ())
                     if hasattr(m, "items") and "id" in getattr(m, "items", {})
                     and hasattr(m.items["id"][1], "text")]
    tutors = content / "tutors"
    out["tutor"] = sorted(p.stem for p in tutors.glob("*.md") if ID_RE.match(p.stem)) if tutors.is_dir() else []
    return out
