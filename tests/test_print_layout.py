"""The printed brochures laid out as a reader holds them (issue 17, the print part).

Every check reads the built PDFs of the sample prospectus (``pdf_site`` in conftest.py): words and
their places on the page with ``pdftotext -bbox``, timetable rows put back together from those
places, and pictures from the tagged structure (tests/printkit.py says how and why).

* an A5 brochure folds into a booklet: its pages come in fours, and no page is left blank;
* no timetable row is split between pages, and every session is in its course's row;
* the timetable at a glance takes about a page for every eight courses on A4 (the issue's aim: 24
  courses in 3 pages), twice that on A5 and a little more in large print;
* the cover fills its page: the welcome, how to get in touch and the crisis lines reach its foot;
* large print stays at 18pt in the timetable too;
* in the easy read brochure every picture is at least 25mm wide, on the left with its words beside
  it, and each course starts a page and repeats its easy read title on the pages it runs on to.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from printkit import MM, figures, glance_rows, line_text, pages, timetable_pages
from pypdf import PdfReader

from prospectus import words
from prospectus.build import pipeline
from prospectus.model import urls
from prospectus.model.objects import Prospectus, Term
from prospectus.model.printed import printed_terms
from prospectus.render.easyread import points as er
from prospectus.render.easyread.brochure import current
from prospectus.render.print import brochures

ROOT = Path(__file__).resolve().parent.parent
COURSES_A_PAGE = {"prospectus-a4": 8, "prospectus-a5": 4, "large-print": 3}  # timetable rows fit this many courses


@pytest.fixture(scope="module")
def sample() -> Prospectus:
    """The sample as the build reads it on the tests' build date (SOURCE_DATE_EPOCH, conftest.py)."""
    p, problems = pipeline.read(pipeline.Options(content=ROOT / "content"))
    assert p is not None, problems
    return p


def printed(p: Prospectus, site: Path) -> Iterator[tuple[Term, str, Path]]:
    for term in printed_terms(p):
        for variant in brochures.VARIANTS:
            yield term, variant.id, site / urls.brochure(term.id, variant.id)


def test_every_a5_brochure_folds_into_a_booklet(pdf_site: Path, sample: Prospectus) -> None:
    """A5 pages come in fours; what makes them up is a planner and notes pages before the back cover."""
    for term in printed_terms(sample):
        found = pages(pdf_site / urls.brochure(term.id, "prospectus-a5"))
        assert len(found) % 4 == 0, (term.id, len(found))
        assert found[-1].text.startswith("Contact us"), "the back cover is the last page"
        for page in found[:-1]:
            assert page.text.split()[:2] != ["Contact", "us"], page.number


def test_no_page_of_any_brochure_is_blank(pdf_site: Path) -> None:
    """Every page says something besides its running header and footer."""
    for path in sorted((pdf_site / "pdf").glob("*.pdf")):
        for page in pages(path):
            assert len(page.lines()) >= 3, (path.name, page.number, page.text)


def expected_rows(p: Prospectus, term: Term) -> Counter[tuple[str, str, str, str, tuple[int, ...]]]:
    """What the timetable must show, worked out here from the sessions: a row for the sessions of a run
    that meet in one month on one weekday, at one time and place, with the days of the month."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for course in p.courses:
        for run in course.runs_in(term):
            for s in run.sessions:
                key = (words.month_year(s.date), words.weekday(s.date), words.time_range(s.start, s.end),
                       course.title, run.index, s.venue.id)
                groups.setdefault(key, []).append(s.date.day)
    return Counter((month, day, time, title, tuple(sorted(days)))
                   for (month, day, time, title, _run, _venue), days in groups.items())


def test_no_timetable_row_is_split_and_every_session_is_in_its_row(pdf_site: Path, sample: Prospectus) -> None:
    """Rows are rebuilt from where their words are printed: a row split between pages would leave its
    tail on the next page in no row, and its first part without all its dates."""
    for term, variant, path in printed(sample, pdf_site):
        rows, strays = glance_rows(path)
        assert not strays, (path.name, strays)
        shown = Counter((r.month, r.day, r.time, r.title, tuple(r.days)) for r in rows)
        assert shown == expected_rows(sample, term), (path.name, shown - expected_rows(sample, term))
        for row in rows:
            course = next(c for c in sample.courses if c.title == row.title)
            statuses = {words.STATUS_SHORT[r.shown_status] for r in course.runs_in(term)}
            assert row.status in statuses | {""}, (variant, row)
            assert row.where, (variant, row)


def test_the_timetable_at_a_glance_fits_in_a_few_pages(pdf_site: Path, sample: Prospectus) -> None:
    for term, variant, path in printed(sample, pdf_site):
        courses = [c for c in sample.courses if c.runs_in(term)]
        found = timetable_pages(path)
        assert 0 < len(found) <= math.ceil(len(courses) / COURSES_A_PAGE[variant]), (path.name, len(found))
        assert [page.number for page in found] == list(range(found[0].number, found[-1].number + 1))


def test_the_cover_fills_its_page(pdf_site: Path, sample: Prospectus) -> None:
    """Text runs down to the foot of the cover, and the cover is one page: the contents come next."""
    college = sample.college
    for term, _variant, path in printed(sample, pdf_site):
        cover, after = pages(path)[:2]
        lower = [w for w in cover.words if w.y0 > cover.height / 2]
        assert len(lower) >= 25, (path.name, len(lower))
        assert max(w.y1 for w in cover.words) > 0.8 * cover.height, path.name
        text = cover.text
        for wanted in (college.name, term.name, "Dates checked on 23 November 2026", "How to get in touch",
                       college.enrolment.phone or college.contact.phone, "We are not a crisis service",
                       *(line.phone for line in college.crisis)):
            assert wanted in text, (path.name, wanted)
        assert after.text.startswith("Contents"), path.name
        half = [w for w in lower if "crisis" in w.text or w.text == "touch"]
        assert half, f"{path.name}: how to get in touch and where to find help should be in the lower half"


def sizes_on(path: Path, numbers: list[int]) -> Counter[float]:
    """How many characters are printed at each font size (pt) on the given pages."""
    reader = PdfReader(path)
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            sizes[round(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), 1)] += len(text.strip())

    for number in numbers:
        reader.pages[number - 1].extract_text(visitor_text=visit)
    return sizes


def test_large_print_is_18pt_in_the_timetable_and_on_the_cover(pdf_site: Path, sample: Prospectus) -> None:
    for term in printed_terms(sample):
        path = pdf_site / urls.brochure(term.id, "large-print")
        glance = sizes_on(path, [page.number for page in timetable_pages(path)])
        assert glance.most_common(1)[0][0] >= 18 and min(glance) >= 16, glance
        cover = sizes_on(path, [1])
        assert cover.most_common(1)[0][0] >= 18 and min(cover) >= 16, cover


# ---- the easy read brochure ---------------------------------------------------------------------

def easy_read(site: Path, p: Prospectus) -> Iterator[tuple[Term, Path]]:
    for term in printed_terms(p):
        yield term, site / urls.brochure(term.id, "easy-read")


def test_easy_read_pictures_are_big_and_on_the_left_with_their_words_beside_them(
        pdf_site: Path, sample: Prospectus) -> None:
    logo = sample.college.branding.logo
    for _term, path in easy_read(pdf_site, sample):
        # the easy read points' pictures: the college's logo on the cover is not one of them
        found = [f for f in figures(path) if not (logo and f.alt == logo.alt)]
        assert len(found) > 50
        assert statistics.median(f.width_mm for f in found) >= 25, path.name
        # and as tall: a picture keeps its shape inside its box, so a wide, flat box would hold a small one
        assert statistics.median(f.height_mm for f in found) >= 25, path.name
        assert sum(f.x1 <= f.page_width / 3 for f in found) >= 0.8 * len(found), path.name
        by_page = {page.number: page for page in pages(path)}
        for fig in found:  # the boxes are where the pictures print: their words sit beside them
            band = [w for w in by_page[fig.page].words if fig.y0 <= (w.y0 + w.y1) / 2 <= fig.y1]
            assert band and all(w.x0 >= fig.x1 + 3 * MM for w in band), (path.name, fig, band)


def test_each_easy_read_course_starts_a_page_and_repeats_its_title_when_it_runs_on(
        pdf_site: Path, sample: Prospectus) -> None:
    continued = 0
    for term, path in easy_read(pdf_site, sample):
        titles = sorted((er.title(c) for c in sample.courses if current(c, term)), key=str.lower)
        firsts = [line_text(page.lines()[0]) for page in pages(path)]
        starts = [firsts.index(title) + 1 for title in titles]  # each title opens a page of its own
        assert starts == sorted(starts) and len(set(starts)) == len(starts), (path.name, starts)
        ends = [*starts[1:], len(firsts) + 1]
        for title, start, end in zip(titles, starts, ends, strict=True):
            for number in range(start + 1, end):
                assert firsts[number - 1] == f"{title} (continued)", (path.name, number, firsts[number - 1])
                continued += 1
        assert firsts[0] != "" and not any(first.endswith("(continued)") for first in firsts[:starts[0] - 1])
    assert continued > 0, "no course ran on to a second page, so the running title was never seen"


def test_an_easy_read_drop_in_says_on_paper_that_nobody_needs_to_book(pdf_site: Path, sample: Prospectus) -> None:
    """The brochure has no booking section of its own (its footer gives the phone number), so a course
    nobody books says so in its own pages, and a course people book does not."""
    seen = 0
    for term, path in easy_read(pdf_site, sample):
        for course in (c for c in sample.courses if current(c, term)):
            title = er.title(course)
            own = [page.text for page in pages(path)
                   if line_text(page.lines()[0]) in (title, f"{title} (continued)")]
            assert own, (path.name, course.id)
            held = [r for r in course.runs_in(term) if r.status != "cancelled"]
            drop_in = bool(held) and all(r.booking == "not-needed" for r in held)
            assert ("You do not need to book." in " ".join(own)) == drop_in, (path.name, course.id)
            seen += drop_in
    assert seen, "the sample has no drop-in in a printed easy read brochure"
