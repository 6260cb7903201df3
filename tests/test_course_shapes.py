"""The rules of the real course shapes (issue 15): one hostile case each, with its file, line and
words, on a fresh copy of tests/fixtures/minimal read by the real pipeline.  An error stops the
build (no model); a warning does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from contentkit import edit, find, problems

from prospectus.build import pipeline
from prospectus.problems import Severity

COURSE, WALKS, COLLEGE = "courses/feeling-calm.md", "courses/quiet-walks.md", "college.yaml"
ENDS = "    ends: 2026-12-18\n"


def breaks(*items: str) -> tuple[str, str, str]:
    """An edit that gives the fixture's autumn term these breaks."""
    return (COLLEGE, ENDS, ENDS + "    breaks:\n" + "".join(f"      - {i}\n" for i in items))


def course_field(line: str, rel: str = COURSE) -> tuple[str, str, str]:
    """An edit that adds ``line`` to a course just after its 'format' (the course's line 11, or 8
    in quiet-walks.md)."""
    fmt = "format: workshop\n" if rel == COURSE else "format: drop-in\n"
    return (rel, fmt, fmt + line + "\n")


ONLINE_TOO = (COLLEGE, "categories:", "  - id: teams\n    name: Teams\n    online: true\ncategories:")

# (id, edits, file, line, severity, words of the message and its hint)
CASES: list[tuple[str, list[tuple[str, str, str]], str, int, Severity, tuple[str, ...]]] = [
    ("peer-led-with-a-practitioner", [course_field("delivery: peer-led")], COURSE, 12, Severity.ERROR,
     ("'dr-lee' is a practitioner trainer", "peer-led", "co_produced_by")),
    ("partner-led-without-a-partner", [course_field("delivery: partner-led")], COURSE, 12, Severity.ERROR,
     ("partner-led", "none of its facilitators is a partner")),
    ("delivery-misspelt", [course_field("delivery: peer-lead")], COURSE, 11, Severity.ERROR,
     ("co-delivered, peer-led or partner-led", "did you mean 'peer-led'")),
    ("unknown-prerequisite", [course_field("prerequisites: [feeling-calmer]", WALKS)], WALKS, 8, Severity.ERROR,
     ("no course with the id 'feeling-calmer'", "did you mean 'feeling-calm'")),
    ("own-prerequisite", [course_field("prerequisites: [feeling-calm]")], COURSE, 11, Severity.ERROR,
     ("its own prerequisite",)),
    ("circular-prerequisites", [course_field("prerequisites: [quiet-walks]"),
                                course_field("prerequisites: [feeling-calm]", WALKS)], COURSE, 11, Severity.ERROR,
     ("circle", "feeling-calm needs quiet-walks needs feeling-calm")),
    ("session-in-a-break", [breaks("{name: Half-term, from: 2026-09-14, to: 2026-09-18}")], COURSE, 17,
     Severity.ERROR, ("Monday 14 September 2026 is in Half-term (14 to 18 September 2026)",)),
    ("count-and-until", [(WALKS, "count: 3,", "count: 3, until: 2026-10-19,")], WALKS, 13, Severity.ERROR,
     ("both 'count' and 'until'", "keep one")),
    ("neither-count-nor-until", [(WALKS, "count: 3, ", "")], WALKS, 13, Severity.ERROR,
     ("does not say when it ends",)),
    ("until-after-the-term", [(WALKS, "count: 3,", "until: 2027-01-11,")], WALKS, 13, Severity.ERROR,
     ("'until' is Monday 11 January 2027, after Autumn term 2026 ends",)),
    ("until-before-from", [(WALKS, "count: 3,", "until: 2026-09-28,")], WALKS, 13, Severity.ERROR,
     ("'until' is before 'from'",)),
    ("count-steps-past-the-term", [breaks("{name: Half-term, from: 2026-12-07, to: 2026-12-11}"),
                                   (WALKS, "from: 2026-10-05, count: 3", "from: 2026-11-30, count: 3")],
     WALKS, 13, Severity.ERROR, ("Monday 21 December 2026 is outside Autumn term 2026", "lower 'count'")),
    ("skip-a-day-it-never-meets", [(WALKS, "count: 3,", "count: 3, skip: [2026-10-06],")], WALKS, 13,
     Severity.WARNING, ("'skip' lists Tuesday 6 October 2026", "does not meet on that day")),
    ("skip-a-day-in-a-break", [breaks("{name: Half-term, from: 2026-10-12, to: 2026-10-16}"),
                               (WALKS, "count: 3,", "count: 3, skip: [2026-10-12],")], WALKS, 13, Severity.WARNING,
     ("it is in a break", "steps over breaks by itself")),
    ("unknown-venue-in-a-list", [(COURSE, "venue: the-hub", "venue: [the-hub, the-hubb]")], COURSE, 14,
     Severity.ERROR, ("no venue with the id 'the-hubb'", "did you mean 'the-hub'")),
    ("venue-twice-in-a-list", [(COURSE, "venue: the-hub", "venue: [the-hub, the-hub]")], COURSE, 14,
     Severity.ERROR, ("'the-hub' is in 'venue' twice",)),
    ("two-online-venues", [ONLINE_TOO, (COURSE, "venue: the-hub", "venue: [online, teams]")], COURSE, 14,
     Severity.ERROR, ("2 online venues", "one online venue at most")),
    ("four-venues", [ONLINE_TOO, (COURSE, "venue: the-hub", "venue: [online, the-hub, teams, online]")], COURSE, 14,
     Severity.ERROR, ("'venue' lists 4", "2 to 3")),
    ("enrolment-loop", [(COLLEGE, "enrolment:\n", "enrolment:\n  url: https://example.org/testbridge/enrol/\n")],
     COLLEGE, 8, Severity.ERROR, ("this site's own How to enrol page", "address of your enrolment form")),
    ("enrolment-loop-written-differently",
     [(COLLEGE, "enrolment:\n", "enrolment:\n  url: HTTP://Example.org/testbridge/enrol/index.html\n")],
     COLLEGE, 8, Severity.ERROR, ("this site's own How to enrol page",)),
    ("eligibility-too-long", [course_field("eligibility: " + "a" * 201)], COURSE, 11, Severity.ERROR,
     ("'eligibility' is 201 characters long; the most is 200",)),
    ("on-request-too-long", [course_field("on_request: " + "a" * 301)], COURSE, 11, Severity.ERROR,
     ("'on_request' is 301 characters long; the most is 300",)),
    ("eligibility-without-easy-words", [course_field("eligibility: For carers only.")], COURSE, 21,
     Severity.WARNING, ("its easy read version does not", "eligibility:' under 'easy_read:")),
    ("break-outside-its-term", [breaks("{name: Christmas, from: 2026-12-14, to: 2026-12-22}")], COLLEGE, 15,
     Severity.ERROR, ("'Christmas' is not inside Autumn term 2026",)),
    ("breaks-overlap", [breaks("{name: Half-term, from: 2026-10-26, to: 2026-10-30}",
                               "{name: Reading week, from: 2026-10-29, to: 2026-11-04}")], COLLEGE, 16,
     Severity.ERROR, ("'Reading week' overlaps 'Half-term'",)),
    ("break-backwards", [breaks("{name: Half-term, from: 2026-10-30, to: 2026-10-26}")], COLLEGE, 15,
     Severity.ERROR, ("ends before it starts",)),
    ("booking-no", [course_field("booking: no")], COURSE, 11, Severity.ERROR,
     ("required or not-needed, not 'no'", "did you mean 'not-needed'")),
    ("run-booking-misspelt", [(COURSE, "    places: 10\n", "    places: 10\n    booking: maybe\n")], COURSE, 16,
     Severity.ERROR, ("required or not-needed, not 'maybe'",)),
    ("same-title-twice", [(WALKS, "title: Quiet Walks", "title: Feeling Calm")], WALKS, 2, Severity.WARNING,
     ("courses/feeling-calm.md has the same title",)),
    ("title-in-quote-marks", [(WALKS, "title: Quiet Walks", "title: '\"Quiet Walks\"'")], WALKS, 2,
     Severity.WARNING, ("wrapped in quote marks",)),
    ("unknown-term-with-no-close-match", [(COURSE, "  - term: autumn-2026", "  - term: summer-2027")], COURSE, 13,
     Severity.ERROR, ("no term with the id 'summer-2027'", "'terms:' in college.yaml", "adding a term")),
    ("a-series-that-never-meets", [(WALKS, "count: 3,", "until: 2026-10-05, skip: [2026-10-05],")], WALKS, 13,
     Severity.ERROR, ("never meets",)),
    ("from-in-a-break", [breaks("{name: Half-term, from: 2026-10-05, to: 2026-10-09}")], WALKS, 13,
     Severity.WARNING, ("'from' is Monday 5 October 2026, in a break", "first session is Monday 12 October 2026")),
    ("waiting-list-nobody-books", [(WALKS, "status: cancelled", "status: waiting-list")], WALKS, 12,
     Severity.ERROR, ("waiting list, but nobody books it", "status: full")),
    ("a-session-with-a-list-of-venues", [(COURSE, "venue: online}", "venue: [online, the-hub]}")], COURSE, 18,
     Severity.ERROR, ("a session meets in one place", "run's own 'venue:'")),
    ("a-huge-count", [(WALKS, "count: 3,", "count: 100000000000,")], WALKS, 13, Severity.ERROR,
     ("the most it can be is 150",)),
    ("a-prerequisite-written-as-a-title", [course_field("prerequisites: [Quiet Walks]")], COURSE, 11,
     Severity.ERROR, ("did you mean 'quiet-walks'",)),
    ("unknown-term-close-to-one", [(COURSE, "  - term: autumn-2026", "  - term: autumn-2062")], COURSE, 13,
     Severity.ERROR, ("did you mean 'autumn-2026'",)),
]


@pytest.mark.parametrize(("edits", "rel", "line", "severity", "words"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_each_rule_of_the_new_shapes(minimal_content: Path, edits: list[tuple[str, str, str]], rel: str, line: int,
                                     severity: Severity, words: tuple[str, ...]) -> None:
    for file, old, new in edits:
        edit(minimal_content, file, old, new)
    found = problems(minimal_content)
    assert find(found, rel, line, *words).severity is severity
    model, _ = pipeline.read(pipeline.Options(content=minimal_content))
    assert (model is None) == (severity is Severity.ERROR)


def test_an_unknown_term_does_not_suggest_a_far_one(minimal_content: Path) -> None:
    """'summer-2027' is not close to 'autumn-2026': pointing there would send the editor the wrong way."""
    edit(minimal_content, COURSE, "  - term: autumn-2026", "  - term: summer-2027")
    problem = find(problems(minimal_content), COURSE, 13, "no term with the id 'summer-2027'")
    assert "did you mean" not in problem.hint.lower()


def test_a_series_that_skips_half_term_by_itself(minimal_content: Path) -> None:
    """The valid shapes build: a half-term break, a weekly series with 'until' and 'skip' stepping over
    it, a hybrid run, a peer-led drop-in nobody books, and a course to take first."""
    edit(minimal_content, *breaks("{name: Half-term, from: 2026-10-26, to: 2026-10-30}"))
    edit(minimal_content, WALKS, "    status: cancelled\n    weekly: {from: 2026-10-05, count: 3,",
         "    weekly: {from: 2026-10-05, until: 2026-11-16, skip: [2026-11-09],")
    edit(minimal_content, WALKS, "facilitators: [hidden, dr-lee]", "delivery: peer-led\nfacilitators: [hidden, alex]\n"
         "prerequisites: [feeling-calm]")
    edit(minimal_content, COURSE, "venue: the-hub", "venue: [the-hub, online]")
    model, found = pipeline.read(pipeline.Options(content=minimal_content))
    assert model is not None, [p.format() for p in found]
    walks = model.course("quiet-walks")
    assert [s.date.isoformat() for s in walks.runs[0].sessions] == [
        "2026-10-05", "2026-10-12", "2026-10-19", "2026-11-02", "2026-11-16"]  # 26 Oct: half-term; 9 Nov: skipped
    assert walks.runs[0].booking == "not-needed" and walks.delivery == "peer-led"
    assert walks.prerequisites == ("feeling-calm",)
    calm = model.course("feeling-calm")
    assert [v.id for v in calm.runs[0].choices] == ["the-hub", "online"] and calm.runs[0].is_hybrid
