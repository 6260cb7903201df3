"""Make a large, valid synthetic content folder: ``python benchmarks/synth.py N OUTDIR``.

N courses (each with runs of weekly and listed sessions, an easy read block and 300 to 600
words of Markdown with headings, lists, links and a table), 40 tutors, 4 pages and a
college.yaml with 2 terms, 5 venues and 6 categories.  The same N always gives the same
files, so benchmarks can be compared between runs.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

CATEGORIES = ("understanding", "wellbeing", "creativity", "life-skills", "physical-health", "getting-involved")
VENUES = ("the-hub", "library", "centre", "pavilion", "online")
TERMS = (("autumn-2026", "Autumn term 2026", dt.date(2026, 9, 7), dt.date(2026, 12, 18)),
         ("spring-2027", "Spring term 2027", dt.date(2027, 1, 11), dt.date(2027, 3, 26)))
WORDS = (
    "recovery", "hope", "learning", "together", "people", "support", "calm", "sleep", "stress",
    "worry", "plan", "group", "talk", "listen", "share", "practice", "notice", "body",
    "mind", "week", "session", "friendly", "kind", "choose", "small", "steps", "everyday",
    "life", "skills", "strength", "experience", "wellbeing", "routine", "rest", "walk", "write",
    "create", "breathe", "notice", "gentle",
)
PICTURES = ("calm", "learn", "talk", "people", "safe", "question", "hope", "walk", "write", "clock")
TUTORS = 40

COLLEGE = """name: Synthetic Recovery College
tagline: Learning together for recovery
language: en-GB
base_url: https://example.org/synthetic/
contact:
  phone: "0121 496 0000"
  email: hello@example.org
  address: 1 Example Street
enrolment:
  url: https://example.org/enrol
  phone: "0121 496 0001"
terms:
{terms}venues:
{venues}categories:
{categories}"""


def college() -> str:
    terms = "".join(f"  - {{id: {i}, name: {n}, starts: {s}, ends: {e}}}\n" for i, n, s, e in TERMS)
    venues = "".join(f"  - {{id: {v}, name: {v.replace('-', ' ').title()}{', online: true' if v == 'online' else ''}"
                     f"{', access: [step-free]' if v != 'online' else ''}}}\n" for v in VENUES)
    cats = "".join(f"  - {{id: {c}, name: {c.replace('-', ' ').capitalize()}}}\n" for c in CATEGORIES)
    return COLLEGE.format(terms=terms, venues=venues, categories=cats)


def tutor(i: int) -> str:
    role = "peer-trainer" if i % 2 == 0 else "practitioner-trainer"
    return f"---\nname: Tutor {i}\nrole: {role}\n---\n\nTutor {i} has taught at the college for {i % 7 + 1} years.\n"


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, i: int) -> str:
    """300 to 600 words of Markdown with headings, a list, links and a table."""
    target = rng.randint(300, 600)
    parts = ["## About this course", ""]
    words = 0
    while words < target:
        para = " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 5)))
        words += len(para.split())
        parts += [para, ""]
        if len(parts) == 6:
            parts += ["## What we will cover", ""] + [f"- {sentence(rng, 6)}" for _ in range(4)] + [""]
            parts += ["| Week | Topic |", "| --- | --- |"] + [f"| {w} | {sentence(rng, 5)} |" for w in (1, 2, 3)]
            parts += ["", f"Read more on [our website](https://example.org/courses/{i}) or see the "
                      "[Mind website](https://www.mind.org.uk/).", "", "### Before you come", ""]
    return "\n".join(parts)


def course(rng: random.Random, i: int) -> str:
    peer, practitioner = 2 * rng.randrange(TUTORS // 2), 2 * rng.randrange(TUTORS // 2) + 1
    tid, _name, starts, _ends = TERMS[i % 2]
    first = starts + dt.timedelta(days=rng.randrange(0, 20))
    sessions = "".join(f'      - {{date: {first + dt.timedelta(days=7 * k + 1)}, start: "10:00", end: "12:00"}}\n'
                       for k in range(3))
    points = "".join(f"    - text: {sentence(rng, 6)}\n      picture: {rng.choice(PICTURES)}\n" for _ in range(4))
    return (f"---\ntitle: Synthetic course {i:04d}\ncode: SC{i:04d}\ncategory: {CATEGORIES[i % len(CATEGORIES)]}\n"
            f"summary: {sentence(rng, 14)}\naudience: [lived-experience, carers]\n"
            f"outcomes:\n  - {sentence(rng, 7)}\n  - {sentence(rng, 7)}\n  - {sentence(rng, 7)}\n"
            f"format: course\nlevel: introductory\nfacilitators: [tutor-{peer}, tutor-{practitioner}]\n"
            f"runs:\n  - term: {tid}\n    venue: {VENUES[i % len(VENUES)]}\n    places: 12\n"
            f'    weekly: {{from: {first}, count: 6, start: "18:00", end: "19:30"}}\n'
            f"  - term: {tid}\n    venue: the-hub\n    status: few-places\n    sessions:\n{sessions}"
            f"reviewed: 2026-06-01\neasy_read:\n  title: Course {i}\n  points:\n{points}---\n\n{body(rng, i)}\n")


def page(i: int) -> str:
    return f"---\ntitle: About us {i}\nnav_order: {i}\n---\n\n## Who we are\n\nA page about the college, number {i}.\n"


def generate(n: int, out: Path) -> Path:
    """Write the content folder ``out`` with ``n`` courses; returns ``out``."""
    rng = random.Random(n)
    for folder in ("courses", "tutors", "pages"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    (out / "college.yaml").write_text(college(), encoding="utf-8")
    for t in range(TUTORS):
        (out / "tutors" / f"tutor-{t}.md").write_text(tutor(t), encoding="utf-8")
    for i in range(1, 5):
        (out / "pages" / f"about-{i}.md").write_text(page(i), encoding="utf-8")
    for i in range(n):
        (out / "courses" / f"synthetic-course-{i:04d}.md").write_text(course(rng, i), encoding="utf-8")
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        print("usage: python benchmarks/synth.py N OUTDIR", file=sys.stderr)
        raise SystemExit(2)
    print(f"Wrote {generate(int(sys.argv[1]), Path(sys.argv[2]))} with {sys.argv[1]} courses.")
