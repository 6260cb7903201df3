"""One test per kind of content mistake: the file, the line and the words of the message.

Each case breaks one thing in a fresh copy of tests/fixtures/minimal and reads it with the
real pipeline (no build, so the whole file runs in a second or two).  The messages are
what an editor sees, so the key words and the suggested fix are asserted, not just "an
error happened".  A few cases go through the command line to check exit codes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from contentkit import edit, find, problems, write

from prospectus.build import pipeline
from prospectus.problems import Severity

COURSE = "courses/feeling-calm.md"
WALKS = "courses/quiet-walks.md"
ALEX = "tutors/alex.md"
COLLEGE = "college.yaml"
TERM = ("terms:\n  - id: autumn-2026\n    name: Autumn term 2026\n    starts: 2026-09-07\n"
        "    ends: 2026-12-18\n")
PHOTO = "role: peer-trainer\nphoto:\n  src: photos/alex.jpg\n"

# (id, file, text to find, replacement, file expected in the message, line, key words)
ERRORS: list[tuple[str, str, str, str, str, int, tuple[str, ...]]] = [
    # every required field of a course, a tutor, a page and college.yaml
    *[(f"course-missing-{key}", COURSE, text, "", COURSE, 2, (f"'{key}' is missing", "add"))
      for key, text in [("title", "title: Feeling Calm\n"), ("category", "category: wellbeing\n"),
                        ("summary", "summary: Simple ways to feel calmer, shared by people who have been there.\n"),
                        ("audience", "audience: [anyone]\n"),
                        ("outcomes", "outcomes:\n  - Try two ways of calming down\n  - Make a small plan\n"),
                        ("format", "format: workshop\n"), ("facilitators", "facilitators: [alex, dr-lee]\n"),
                        ("reviewed", "reviewed: 2026-06-01\n")]],
    ("tutor-missing-name", ALEX, "name: Alex\n", "", ALEX, 2, ("'name' is missing", "name: Sam")),
    ("tutor-missing-role", ALEX, "role: peer-trainer\n", "", ALEX, 2, ("'role' is missing", "peer-trainer")),
    ("page-missing-title", "pages/about.md", "title: About us\n", "", "pages/about.md", 2, ("'title' is missing",)),
    *[(f"college-missing-{key}", COLLEGE, text, "", COLLEGE, 1, (f"'{key}' is missing",))
      for key, text in [("name", "name: Testbridge Recovery College\n"),
                        ("contact", 'contact:\n  phone: "0113 496 0000"\n  email: hello@example.org\n'),
                        ("enrolment", 'enrolment:\n  phone: "0113 496 0001"\n'), ("terms", TERM),
                        ("venues", "venues:\n  - id: the-hub\n    name: The Hub\n    address: 1 High Street, "
                         "Testbridge\n    access: [step-free, hearing-loop]\n  - id: online\n    name: Online\n"
                         "    online: true\n"),
                        ("categories", "categories:\n  - id: wellbeing\n    name: Wellbeing\n")]],
    ("term-missing-name", COLLEGE, "    name: Autumn term 2026\n", "", COLLEGE, 10, ("'name' is missing", "a term")),
    ("term-missing-ends", COLLEGE, "    ends: 2026-12-18\n", "", COLLEGE, 10, ("'ends' is missing",)),
    ("venue-missing-name", COLLEGE, "    name: The Hub\n", "", COLLEGE, 15, ("'name' is missing", "a venue")),
    ("category-missing-name", COLLEGE, "    name: Wellbeing\n", "", COLLEGE, 23, ("'name' is missing", "a category")),
    ("run-missing-term", COURSE, "  - term: autumn-2026\n    venue: the-hub\n", "  - venue: the-hub\n", COURSE, 13,
     ("'term' is missing", "a run")),
    ("run-missing-venue", COURSE, "    venue: the-hub\n", "", COURSE, 13, ("'venue' is missing", "a run")),
    ("session-missing-date", COURSE, "{date: 2026-09-14, start: 10:00,", "{start: 10:00,", COURSE, 17,
     ("'date' is missing", "a session")),
    ("session-missing-end", COURSE, 'start: 10:00, end: "12:30"}', "start: 10:00}", COURSE, 17,
     ("'end' is missing", "a session")),
    ("weekly-missing-count", WALKS, "count: 3, ", "", WALKS, 13, ("does not say when it ends", "'count'", "'until'")),
    ("weekly-missing-from", WALKS, "from: 2026-10-05, ", "", WALKS, 13, ("'from' is missing",)),
    # wrong types and sizes
    ("title-empty", COURSE, "title: Feeling Calm", "title:", COURSE, 2, ("'title' is empty",)),
    ("title-is-a-list", COURSE, "title: Feeling Calm", "title: [Feeling, Calm]", COURSE, 2,
     ("'title' should be text", "a list")),
    ("summary-is-a-group", COURSE, "summary: Simple ways to feel calmer, shared by people who have been there.",
     "summary:\n  a: b", COURSE, 6, ("'summary' should be text", "group")),
    ("audience-is-a-group", COURSE, "audience: [anyone]", "audience: {who: anyone}", COURSE, 6,
     ("'audience' should be a list",)),
    ("runs-is-text", COURSE, "runs:\n", "runs: soon\nold_runs:\n", COURSE, 12, ("'runs' should be a list",)),
    ("places-not-a-number", COURSE, "places: 10", "places: ten", COURSE, 15, ("whole number", "'ten'")),
    ("places-zero", COURSE, "places: 10", "places: 0", COURSE, 15, ("whole number above 0",)),
    ("publish-not-boolean", ALEX, "role: peer-trainer", "role: peer-trainer\npublish: maybe", ALEX, 4,
     ("true or false", "'maybe'")),
    ("format-not-a-choice", COURSE, "format: workshop", "format: workshp", COURSE, 10,
     ("one of workshop, course or drop-in", "did you mean 'workshop'")),
    ("audience-not-a-choice", COURSE, "audience: [anyone]", "audience: [everyone]", COURSE, 6,
     ("lived-experience", "'everyone'")),
    ("audience-twice", COURSE, "audience: [anyone]", "audience: [anyone, anyone]", COURSE, 6, ("twice",)),
    ("role-misspelt", ALEX, "role: peer-trainer", "role: peer-trainr", ALEX, 3, ("did you mean 'peer-trainer'",)),
    ("id-with-accents", COURSE, "category: wellbeing", "category: Café Chat", COURSE, 4,
     ("should be an id", "Did you mean 'cafe-chat'?")),  # the suggestion is itself an id
    ("status-misspelt", COURSE, "places: 10", "places: 10\n    status: ful", COURSE, 16, ("did you mean 'full'",)),
    ("booking-url-not-web", COURSE, "places: 10", "places: 10\n    booking_url: www.example.org", COURSE, 16,
     ("web address", "https://")),
    ("email-not-email", COLLEGE, "email: hello@example.org", "email: hello at example", COLLEGE, 6,
     ("email address",)),
    ("category-id-bad", COURSE, "category: wellbeing", "category: Well Being", COURSE, 4, ("small letters",)),
    ("access-word-misspelt", COLLEGE, "hearing-loop]", "hearing-lop]", COLLEGE, 18, ("did you mean 'hearing-loop'",)),
    ("title-too-long", COURSE, "title: Feeling Calm", "title: " + "A" * 71, COURSE, 2,
     ("71 characters", "most is 70", "shorten")),
    ("summary-too-long", COURSE, "summary: Simple ways to feel calmer, shared by people who have been there.",
     "summary: " + "b" * 301, COURSE, 5, ("301 characters", "most is 300")),
    ("one-outcome", COURSE, "  - Make a small plan\n", "", COURSE, 8, ("'outcomes' has 1 item", "at least 2")),
    ("seven-outcomes", COURSE, "  - Make a small plan\n", "  - Make a small plan\n" + "  - Another thing\n" * 5,
     COURSE, 8, ("'outcomes' has 7 items", "most is 6")),
    # unknown, misspelt and duplicate keys
    ("key-misspelt", COURSE, "summary:", "sumary:", COURSE, 5, ("'sumary' is not a known detail",
                                                                 "did you mean 'summary'")),
    ("key-unknown", COURSE, "format: workshop", "format: workshop\nflavour: lemon", COURSE, 11,
     ("'flavour' is not a known detail", "known details are", "title")),
    ("run-key-misspelt", COURSE, "places: 10", "places: 10\n    place: 3", COURSE, 16, ("did you mean 'places'",)),
    ("session-key-misspelt", COURSE, "venue: online}", "veneu: online}", COURSE, 18, ("did you mean 'venue'",)),
    ("college-key-misspelt", COLLEGE, "base_url:", "baseurl:", COLLEGE, 3, ("did you mean 'base_url'",)),
    ("tutor-key-misspelt", ALEX, "role: peer-trainer", "role: peer-trainer\npronoun: she/her", ALEX, 4,
     ("did you mean 'pronouns'",)),
    ("key-twice", COURSE, "format: workshop\n", "format: workshop\nformat: course\n", COURSE, 11,
     ("'format' is written twice", "first on line 10", "delete")),
    ("key-twice-college", COLLEGE, "language: en-GB\n", "language: en-GB\nlanguage: cy\n", COLLEGE, 3,
     ("written twice",)),
    # dates and times
    ("date-impossible", COURSE, "date: 2026-09-14", "date: 2026-02-30", COURSE, 17,
     ("2026-02-30", "february 2026 has only 28 days")),
    ("month-impossible", COURSE, "reviewed: 2026-06-01", "reviewed: 2026-13-01", COURSE, 19, ("month 13",)),
    ("date-not-a-date", COURSE, "reviewed: 2026-06-01", "reviewed: last June", COURSE, 19,
     ("should be a date like 2026-09-14", "'last june'")),
    ("time-impossible", COURSE, 'start: "10:00", end: "12:30", venue', 'start: "25:00", end: "12:30", venue',
     COURSE, 18, ("'start' should be a time like 10:00, not '25:00'", "24-hour")),
    ("time-minutes-impossible", COURSE, 'end: "12:30"}', 'end: "12:75"}', COURSE, 17, ("'12:75'",)),
    ("time-as-number", COURSE, "start: 10:00,", "start: 1000,", COURSE, 17, ("'1000'",)),
    ("end-before-start", COURSE, 'start: 10:00, end: "12:30"}', 'start: 10:00, end: "09:30"}', COURSE, 17,
     ("ends at 09:30", "not after it starts (10:00)")),
    ("weekly-end-before-start", WALKS, 'end: "19:30"', 'end: "17:30"', WALKS, 13, ("not after it starts",)),
    ("session-before-term", COURSE, "date: 2026-09-14", "date: 2026-09-01", COURSE, 17,
     ("tuesday 1 september 2026", "outside autumn term 2026", "right term")),
    ("session-after-term", COURSE, "date: 2026-09-21", "date: 2027-01-04", COURSE, 18, ("outside autumn term 2026",)),
    ("weekly-runs-past-term", WALKS, "count: 3", "count: 12", WALKS, 13,
     ("monday 21 december 2026", "outside autumn term 2026")),
    ("term-ends-before-start", COLLEGE, "ends: 2026-12-18", "ends: 2026-08-18", COLLEGE, 13,
     ("ends before it starts",)),
    # runs: sessions or weekly
    ("run-both", COURSE, "    places: 10\n", '    places: 10\n    weekly: {from: 2026-10-05, count: 3, start: "18:00", '
     'end: "19:30"}\n', COURSE, 16, ("both 'sessions' and 'weekly'", "keep one")),
    ("run-neither", WALKS, '    weekly: {from: 2026-10-05, count: 3, start: "18:00", end: "19:30"}\n', "", WALKS, 10,
     ("no dates", "'sessions'", "'weekly'")),
    # broken references, with the nearest id suggested
    ("ref-category", COURSE, "category: wellbeing", "category: welbeing", COURSE, 4,
     ("no category with the id 'welbeing'", "did you mean 'wellbeing'")),
    ("ref-term", COURSE, "term: autumn-2026", "term: autum-2026", COURSE, 13,
     ("no term with the id 'autum-2026'", "did you mean 'autumn-2026'")),
    ("ref-venue", COURSE, "venue: the-hub", "venue: the-hob", COURSE, 14, ("no venue", "did you mean 'the-hub'")),
    ("ref-session-venue", COURSE, "venue: online}", "venue: onlin}", COURSE, 18,
     ("no venue with the id 'onlin'", "did you mean 'online'")),
    ("ref-facilitator", COURSE, "[alex, dr-lee]", "[alex, dr-le]", COURSE, 11,
     ("no tutor with the id 'dr-le'", "did you mean 'dr-lee'")),
    ("ref-co-producer", COURSE, "facilitators: [alex, dr-lee]",
     "facilitators: [alex, dr-lee]\nco_produced_by: [alex, alix]", COURSE, 12,
     ("no tutor with the id 'alix'", "did you mean 'alex'")),
    ("ref-picture-name", COURSE, "picture: calm", "picture: clam", COURSE, 23,
     ("no built-in picture called 'clam'", "did you mean 'calm'")),
    ("ref-picture-file", COURSE, "picture: calm", "picture: pictures/missing.svg", COURSE, 23,
     ("'pictures/missing.svg' cannot be used", "does not exist")),
    ("ref-image-file", COURSE, "reviewed:", "image: {src: images/lake.jpg, alt: A calm lake}\nreviewed:", COURSE, 19,
     ("'images/lake.jpg' cannot be used", "does not exist")),
    ("ref-photo-file", ALEX, "role: peer-trainer\n", PHOTO + "  alt: Alex\n  consent_given: 2026-01-01\n", ALEX, 5,
     ("'photos/alex.jpg' cannot be used", "does not exist")),
    ("ref-body-image", COURSE, "We will talk", "![A calm lake](images/none.jpg)\n\nWe will talk", COURSE, 31,
     ("'images/none.jpg' cannot be used",)),
    ("ref-body-link", "pages/about.md", "(../courses/feeling-calm/)", "(../courses/feeling-clam/)", "pages/about.md", 7,
     ("'../courses/feeling-clam/'", "not a page of this site", "did you mean '../courses/feeling-calm/'")),
    ("image-escapes", COURSE, "reviewed:", "image: {src: ../secret.jpg, alt: A lake}\nreviewed:", COURSE, 19,
     ("inside the content folder", "../")),
    ("image-absolute", COURSE, "reviewed:", "image: {src: /etc/passwd, alt: A lake}\nreviewed:", COURSE, 19,
     ("inside the content folder",)),
    ("body-image-absolute", COURSE, "We will talk", "![A cat](/etc/passwd)\n\nWe will talk", COURSE, 31,
     ("inside the content folder",)),
    # co-delivery
    ("co-delivery-no-peer", COURSE, "[alex, dr-lee]", "[dr-lee]", COURSE, 11,
     ("no facilitator of this course is a peer trainer", "peer-trainer")),
    ("co-delivery-all-peers", COURSE, "[alex, dr-lee]", "[alex, hidden]", COURSE, 11,
     ("every facilitator of this course is a peer trainer", "practitioner")),
    # photos and consent
    ("photo-no-alt", ALEX, "role: peer-trainer\n", PHOTO + "  consent_given: 2026-01-01\n", ALEX, 5,
     ("no 'alt'", "what the picture shows")),
    ("photo-no-consent", ALEX, "role: peer-trainer\n", PHOTO + "  alt: Alex\n", ALEX, 5,
     ("no 'consent_given'", "agreed")),
    ("consent-expired", ALEX, "role: peer-trainer\n",
     PHOTO + "  alt: Alex\n  consent_given: 2025-01-01\n  consent_expires: 2026-01-01\n", ALEX, 8,
     ("consent for this photo ended on 1 january 2026", "renew")),
    ("consent-in-future", ALEX, "role: peer-trainer\n", PHOTO + "  alt: Alex\n  consent_given: 2027-01-01\n", ALEX, 7,
     ("'consent_given' is a date in the future",)),
    ("image-no-src", COURSE, "reviewed:", "image: {alt: A calm lake}\nreviewed:", COURSE, 19,
     ("'src' is missing from an image", "images/")),
    ("photo-no-src", ALEX, "role: peer-trainer\n", "role: peer-trainer\nphoto:\n  alt: Alex\n", ALEX, 5,
     ("'src' is missing from a photo",)),
    ("easy-read-not-a-group", COURSE, "easy_read:\n  points:", "easy_read: yes\nold:\n  points:", COURSE, 20,
     ("'easy_read' should be a group",)),
    ("image-no-alt", COURSE, "reviewed:", "image: {src: images/lake.jpg}\nreviewed:", COURSE, 19, ("no 'alt'",)),
    # duplicates and ways to reach the college
    ("duplicate-code", WALKS, "title: Quiet Walks", "title: Quiet Walks\ncode: FC1", WALKS, 3,
     ("code 'fc1' is also used by courses/feeling-calm.md", "its own code")),
    ("duplicate-term-id", COLLEGE, "venues:\n", "  - id: autumn-2026\n    name: Again\n    starts: 2026-09-07\n"
     "    ends: 2026-12-18\nvenues:\n", COLLEGE, 14, ("two terms with the id 'autumn-2026'",)),
    ("duplicate-venue-id", COLLEGE, "  - id: online\n", "  - id: the-hub\n", COLLEGE, 19,
     ("two venues with the id 'the-hub'",)),
    ("duplicate-category-id", COLLEGE, "    name: Wellbeing\n",
     "    name: Wellbeing\n  - id: wellbeing\n    name: Again\n", COLLEGE, 25,
     ("two categories with the id 'wellbeing'",)),
    ("contact-no-way", COLLEGE, 'contact:\n  phone: "0113 496 0000"\n  email: hello@example.org\n',
     "contact:\n  hours: Weekdays\n", COLLEGE, 5, ("'contact' needs a phone number or an email address",)),
    ("enrolment-no-way", COLLEGE, 'enrolment:\n  phone: "0113 496 0001"\n', "enrolment:\n  instructions: Ask us\n",
     COLLEGE, 8, ("'enrolment' needs a way to enrol",)),
    # file names and hostile Markdown
    ("file-name-not-an-id", COURSE, "", "", "courses/Feeling Calm.md", 0,
     ("cannot be used as an id", "feeling-calm.md")),
    ("body-script", COURSE, "We will talk", "<script>alert(1)</script>\n\nWe will talk", COURSE, 31,
     ("could hide text or run a script",)),
    ("body-javascript-link", COURSE, "We will talk", "[Click](javascript:alert(1))\n\nWe will talk", COURSE, 31,
     ("javascript:", "https://")),
    ("body-image-no-alt", COURSE, "We will talk", "![](images/none.jpg)\n\nWe will talk", COURSE, 31,
     ("no description (alt text)",)),
    ("page-reserved-name", "pages/about.md", "", "", "pages/courses.md", 0, ("cannot be called 'courses'",)),
]


@pytest.mark.parametrize(("rel", "old", "new", "where", "line", "words"),
                         [pytest.param(*case[1:], id=case[0]) for case in ERRORS])
def test_each_mistake_is_reported_at_its_file_and_line(minimal_content: Path, rel: str, old: str, new: str,
                                                       where: str, line: int, words: tuple[str, ...]) -> None:
    if where != rel:  # the mistake is the file's name: move the file there
        (minimal_content / where).parent.mkdir(parents=True, exist_ok=True)
        os.rename(minimal_content / rel, minimal_content / where)
    else:
        edit(minimal_content, rel, old, new)
    found = problems(minimal_content)
    problem = find(found, where, line, *words)
    assert problem.severity is Severity.ERROR
    model, _ = pipeline.read(pipeline.Options(content=minimal_content))
    assert model is None


def test_the_fixture_itself_is_clean(minimal_content: Path) -> None:
    assert problems(minimal_content) == ()


@pytest.mark.parametrize(("old", "new"), [
    ("start: 10:00, end", "start: 10:00, end"),  # unquoted 10:00 (YAML 1.1 would read 600)
    ("code: FC1", "code: 0123"),  # a code with a leading zero stays text
    ("code: FC1", "code: FC1\nlanguage: no"),  # Norwegian, not False
    ("reviewed: 2026-06-01", "reviewed: 2026-6-1"),
])
def test_values_that_yaml_would_mangle_stay_as_written(minimal_content: Path, old: str, new: str) -> None:
    edit(minimal_content, COURSE, old, new)
    model, found = pipeline.read(pipeline.Options(content=minimal_content))
    assert model is not None, [p.format() for p in found]
    course = next(c for c in model.courses if c.id == "feeling-calm")
    assert course.runs[0].sessions[0].start.strftime("%H:%M") == "10:00"
    if "0123" in new:
        assert course.code == "0123"
    if "language" in new:
        assert course.language == "no"


@pytest.mark.parametrize("rule", ["off", "peer"])
def test_co_delivery_rule_can_be_relaxed(minimal_content: Path, rule: str) -> None:
    edit(minimal_content, COLLEGE, "categories:", f"rules: {{co_delivery: {rule}}}\ncategories:")
    edit(minimal_content, COURSE, "[alex, dr-lee]", "[alex, hidden]")  # peers only
    assert [p.format() for p in problems(minimal_content) if p.is_error] == []


def test_co_delivery_peer_rule_still_needs_a_peer(minimal_content: Path) -> None:
    edit(minimal_content, COLLEGE, "categories:", "rules: {co_delivery: peer}\ncategories:")
    edit(minimal_content, COURSE, "[alex, dr-lee]", "[dr-lee]")
    find(problems(minimal_content), COURSE, 11, "no facilitator", "peer trainer")


def test_old_review_is_a_warning_and_an_error_with_strict(minimal_content: Path) -> None:
    edit(minimal_content, COURSE, "reviewed: 2026-06-01", "reviewed: 2024-01-15")
    found = problems(minimal_content)
    warning = find(found, COURSE, 19, "last reviewed on 15 january 2024", "more than 12 months", "co-producers")
    assert warning.severity is Severity.WARNING
    model, _ = pipeline.read(pipeline.Options(content=minimal_content))
    assert model is not None  # a warning does not stop the build
    strict_model, _ = pipeline.read(pipeline.Options(content=minimal_content, strict=True))
    assert strict_model is None


def test_review_months_comes_from_the_rules(minimal_content: Path) -> None:
    edit(minimal_content, COLLEGE, "categories:", "rules: {review_months: 3}\ncategories:")
    find(problems(minimal_content), COURSE, 19, "more than 3 months")


def test_missing_easy_read_is_a_warning(minimal_content: Path) -> None:
    text = (minimal_content / WALKS).read_text()
    edit(minimal_content, WALKS, text[text.index("easy_read:"):text.index("---\nWalk")], "")
    warning = find(problems(minimal_content), WALKS, 0, "no easy read version", "3 to 10")
    assert warning.severity is Severity.WARNING
    assert "warning:" in warning.format()


@pytest.mark.parametrize(("points", "count"), [(1, 1), (2, 2), (11, 11)])
def test_easy_read_with_too_few_or_many_points_is_a_warning(minimal_content: Path, points: int, count: int) -> None:
    block = "".join(f"    - text: Point {n}.\n      picture: calm\n" for n in range(points))
    text = (minimal_content / WALKS).read_text()
    start = text.index("    - text: We go for walks.")
    edit(minimal_content, WALKS, text[start:text.index("level: further")], block)
    warning = find(problems(minimal_content), WALKS, 16, f"has {count} point", "3 to 10")
    assert warning.severity is Severity.WARNING


@pytest.mark.parametrize("name", [".#feeling-calm.md", "feeling-calm.md~", ".feeling-calm.md.swp", "notes.tmp",
                                  "feeling-calm.md.bak", "#feeling-calm.md#"])
def test_editor_temporary_files_are_ignored(minimal_content: Path, name: str) -> None:
    write(minimal_content, f"courses/{name}", "garbage: [ not yaml")
    assert problems(minimal_content) == ()


def test_other_files_in_a_folder_get_a_warning(minimal_content: Path) -> None:
    write(minimal_content, "courses/notes.txt", "to do")
    warning = find(problems(minimal_content), "courses/notes.txt", 0, "only .md files")
    assert warning.severity is Severity.WARNING


def test_every_problem_in_every_file_in_one_run(minimal_content: Path) -> None:
    edit(minimal_content, COURSE, "category: wellbeing", "category: welbeing")
    edit(minimal_content, COURSE, "date: 2026-09-14", "date: 2026-02-30")
    edit(minimal_content, WALKS, "format: drop-in", "format: dropin")
    edit(minimal_content, ALEX, "name: Alex\n", "name: Alex\nname: Al\n")
    edit(minimal_content, COLLEGE, "hearing-loop]", "hearing-lop]")
    edit(minimal_content, "pages/about.md", "nav_order: 1", "nav_order: first")
    found = problems(minimal_content)
    find(found, COURSE, 4, "welbeing")
    find(found, COURSE, 17, "2026-02-30")
    find(found, WALKS, 7, "did you mean 'drop-in'")
    find(found, ALEX, 3, "written twice")
    find(found, COLLEGE, 18, "hearing-lop")
    find(found, "pages/about.md", 3, "whole number")


def test_a_broken_file_does_not_set_off_errors_elsewhere(minimal_content: Path) -> None:
    edit(minimal_content, COLLEGE, "name: Testbridge", "name: [Testbridge")
    edit(minimal_content, "tutors/dr-lee.md", "role: practitioner-trainer", "role: [practitioner")
    edit(minimal_content, COURSE, "format: workshop", "format: workshop\nformat: course")
    found = problems(minimal_content)
    assert sorted(p.path for p in found) == [COLLEGE, COURSE, "tutors/dr-lee.md"], [p.format() for p in found]


def test_cli_check_exit_codes(minimal_content: Path, cli) -> None:  # type: ignore[no-untyped-def]
    ok = cli("check", "--content", minimal_content)
    assert ok.code == 0, ok.text
    assert "Content is fine" in ok.out
    edit(minimal_content, COURSE, "date: 2026-09-14", "date: 2026-02-30")
    edit(minimal_content, WALKS, "category: wellbeing", "category: welbeing")
    bad = cli("check", "--content", minimal_content)
    assert bad.code == 1
    assert f"{COURSE}:17: 'date' is 2026-02-30" in bad.err
    assert f"{WALKS}:3: There is no category with the id 'welbeing'. Did you mean 'wellbeing'?" in bad.err
    assert "Found 2 errors" in bad.err and "Traceback" not in bad.text


def test_cli_strict_turns_warnings_into_failure(minimal_content: Path, cli) -> None:  # type: ignore[no-untyped-def]
    edit(minimal_content, COURSE, "reviewed: 2026-06-01", "reviewed: 2020-06-01")
    relaxed = cli("check", "--content", minimal_content)
    assert relaxed.code == 0 and f"{COURSE}:19: warning:" in relaxed.err
    strict = cli("check", "--strict", "--content", minimal_content)
    assert strict.code == 1 and "(--strict)" in strict.err and "Traceback" not in strict.text


def test_cli_usage_errors_exit_2(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    missing = cli("check", "--content", tmp_path / "nowhere")
    assert missing.code == 2 and "no content folder" in missing.err and "Traceback" not in missing.text
    unknown = cli("--no-such-option")
    assert unknown.code == 2 and "Traceback" not in unknown.text
