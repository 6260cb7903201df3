"""What the site says about a run depends on the day it is built (issue 15).

The sample prospectus is built on four days (SOURCE_DATE_EPOCH): before its autumn term, while a
run of Understanding Anxiety is under way, between its autumn and spring runs, and after the last
run of the year.  Each test reads what people read: the cards, the course pages, the filter pages,
the timetables, the easy read pages, the calendars and the JSON-LD.  The printed brochures are
checked on a small college built on two days (test_brochures_say_cancelled_full_and_finished).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from clikit import run_cli
from htmltree import Element, parse
from printkit import glance_rows

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
SCHEMA = "https://schema.org/"

BEFORE = dt.date(2026, 9, 1)  # before the autumn term
DURING = dt.date(2026, 11, 10)  # Understanding Anxiety's online run (28 October to 2 December) is under way
BETWEEN = dt.date(2026, 12, 6)  # its autumn runs are over; its spring run is to come
AFTER = dt.date(2027, 4, 10)  # after the last session of the year
DAYS = (BEFORE, DURING, BETWEEN, AFTER)
BOOKABLE = ("open", "few-places", "waiting-list")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[dt.date, Path]:
    """The sample built once on each day (no PDFs: those are checked on the small college)."""
    out = {}
    for day in DAYS:
        site = tmp_path_factory.mktemp(f"day-{day}") / "site"
        result = run_cli("--content", ROOT / "content", "--output", site, "-q", "--no-pdf", day=day)
        assert result.code == 0, result.text
        out[day] = site
    return out


def page(site: Path, rel: str) -> Element:
    return parse((site / rel).read_text(encoding="utf-8"))


def card(doc: Element, course_id: str) -> Element:
    return doc.find("li", **{"class_": "card", "data-course": course_id})


def facts(el: Element) -> dict[str, str]:
    """The facts of a card or an at-a-glance box, as people read them (rows hidden by the page left out)."""
    return {row.find("dt").text: row.find("dd").text for row in el.find_all("div")
            if row.find_all("dt") and "hidden" not in row.attrs}


def calendar(path: Path) -> list[str]:
    """The VEVENTs of a calendar file, with folded lines unfolded (RFC 5545: CRLF and a space)."""
    return path.read_bytes().decode("utf-8").replace("\r\n ", "").split("BEGIN:VEVENT")[1:]


def jsonld(site: Path, course_id: str) -> dict[str, Any]:
    html = (site / f"courses/{course_id}/index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, course_id
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# ---- one course on four days --------------------------------------------------------------------

ANXIETY_CARD = {
    BEFORE: {"Next": "Monday 14 September 2026, 10am to 12pm", "Where": "The Riverside Recovery Hub",
             "Places": "Full"},
    DURING: {"Next": "Started 28 October 2026; ends 2 December 2026",
             "Where": "Online", "Places": "Few places left"},
    BETWEEN: {"Next": "Tuesday 19 January 2027, 10am to 12pm", "Where": "The Riverside Recovery Hub",
              "Places": "Places available"},
    AFTER: {"Next": "Not running at the moment"},
}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_one_course_card_and_page_on_each_day(sites: dict[dt.date, Path], day: dt.date) -> None:
    site = sites[day]
    got = facts(card(page(site, "courses/index.html"), "understanding-anxiety"))
    assert {k: v for k, v in got.items() if k in ("Next", "Where", "Places")} == ANXIETY_CARD[day]
    doc = page(site, "courses/understanding-anxiety/index.html")
    glance = facts(doc.find("section", class_="facts"))
    assert {k: v for k, v in glance.items() if k in ("Next", "Where", "Places")} == ANXIETY_CARD[day]
    runs = doc.find_all("div", class_="run")
    said = [(r.find("h3").text, r.attrs["data-status"], bool(r.find_all("a", class_="button"))) for r in runs]
    expected = {
        BEFORE: [("Autumn term 2026: starts Monday 14 September 2026", "full", False),
                 ("Autumn term 2026: starts Wednesday 28 October 2026", "few-places", True),
                 ("Spring term 2027: starts Tuesday 19 January 2027", "open", True)],
        DURING: [("Autumn term 2026: started Wednesday 28 October 2026", "few-places", False),
                 ("Spring term 2027: starts Tuesday 19 January 2027", "open", True),
                 ("Autumn term 2026: ended Monday 19 October 2026", "finished", False)],
        BETWEEN: [("Spring term 2027: starts Tuesday 19 January 2027", "open", True),
                  ("Autumn term 2026: ended Monday 19 October 2026", "finished", False),
                  ("Autumn term 2026: ended Wednesday 2 December 2026", "finished", False)],
        AFTER: [("Autumn term 2026: ended Monday 19 October 2026", "finished", False),
                ("Autumn term 2026: ended Wednesday 2 December 2026", "finished", False),
                ("Spring term 2027: ended Tuesday 2 March 2027", "finished", False)],
    }[day]
    assert said == expected
    for r in runs:
        if r.attrs["data-status"] == "finished":
            assert "This run has finished." in r.text and "Book" not in r.text


def test_one_course_in_json_ld_on_each_day(sites: dict[dt.date, Path]) -> None:
    expected = {  # (availability, whether the offer says where to book) of each run, in date order
        BEFORE: [("SoldOut", False), ("LimitedAvailability", True), ("InStock", True)],
        DURING: [("Discontinued", False), ("LimitedAvailability", False), ("InStock", True)],
        BETWEEN: [("Discontinued", False), ("Discontinued", False), ("InStock", True)],
        AFTER: [("Discontinued", False), ("Discontinued", False), ("Discontinued", False)],
    }
    for day, runs in expected.items():
        got = [(r["offers"]["availability"].removeprefix(SCHEMA), "url" in r["offers"])
               for r in jsonld(sites[day], "understanding-anxiety")["hasCourseInstance"]]
        assert got == runs, day


def test_calendars_and_json_ld_say_cancelled_whatever_the_day(sites: dict[dt.date, Path]) -> None:
    for day, site in sites.items():
        runs = jsonld(site, "digital-skills")["hasCourseInstance"]
        assert [r["eventStatus"] for r in runs] == [SCHEMA + "EventScheduled", SCHEMA + "EventCancelled"], day
        assert runs[1]["offers"]["availability"] == SCHEMA + "Discontinued"
        events = calendar(site / "courses/digital-skills/calendar.ics")
        spring = [e for e in events if "DTSTART;TZID=Europe/London:2027" in e]
        assert len(spring) == 6 and all("STATUS:CANCELLED" in e for e in spring), day
        assert not any("STATUS:CANCELLED" in e for e in events if e not in spring)
        term = [e for e in calendar(site / "calendar/spring-2027.ics") if "Digital Skills" in e]
        assert len(term) == 6 and all("SUMMARY:Digital Skills for Everyday Life (cancelled)" in e
                                      and "STATUS:CANCELLED" in e for e in term), day


# ---- every summary shows one run ------------------------------------------------------------------

def listing_pages(site: Path) -> list[Path]:
    found = [site / "index.html", site / "courses/index.html"]
    found += sorted((site / "categories").glob("*/index.html")) + sorted((site / "tutors").glob("*/index.html"))
    found += sorted(p for p in (site / "courses").glob("*/*/index.html") if p.parent.parent.name != "courses")
    return [p for p in found if p.is_file()]


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_card_tells_of_one_run(sites: dict[dt.date, Path], day: dt.date) -> None:
    """On every page that lists courses, each card's date, place and status are one run's (the run
    its data-first and data-last name, among the runs it carries for the scripts)."""
    site, cards = sites[day], 0
    for path in listing_pages(site):
        for c in parse(path.read_text(encoding="utf-8")).find_all("li", class_="card"):
            cards += 1
            runs = json.loads(c.attrs["data-runs"])
            got = facts(c)
            assert all(r["last"] >= day.isoformat() for r in runs), (path, c.attrs["data-course"])
            if "data-first" not in c.attrs:
                assert got["Next"] == c.attrs["data-none"] and "Places" not in got
                continue
            run = next(r for r in runs if (r["first"], r["last"]) == (c.attrs["data-first"], c.attrs["data-last"]))
            assert got["Next"] == run["when"] and got["Where"] == run["where"] and got["Places"] == run["label"]
            assert c.attrs["data-status"] == run["status"]
            if run["status"] == "cancelled":  # shown only when no other run fits
                assert all(r["status"] == "cancelled" for r in runs if _fits_page(path, r))
    assert cards > 100


def _fits_page(path: Path, run: dict[str, Any]) -> bool:
    """Whether a run fits the filter page ``path`` is (courses/<facet>/<value>/), or any other page."""
    segment, value = path.parent.parent.name, path.parent.name
    facet = {"where": "mode"}.get(segment, segment)
    return value in run.get(facet, [value]) if path.parent.parent.parent.name == "courses" else True


def test_a_filter_page_shows_the_run_that_fits(sites: dict[dt.date, Path]) -> None:
    """Before the term, the course's next run is the full Monday morning one; the evening page shows
    its Wednesday evening run, which has places."""
    site = sites[BEFORE]
    evening = facts(card(page(site, "courses/time/evening/index.html"), "understanding-anxiety"))
    assert evening == {**evening, "Next": "Wednesday 28 October 2026, 6pm to 7:30pm", "Where": "Online",
                       "Places": "Few places left"}
    monday = facts(card(page(site, "courses/day/monday/index.html"), "understanding-anxiety"))
    assert monday["Next"].startswith("Monday 14 September 2026") and monday["Places"] == "Full"
    places = facts(card(page(site, "courses/open/index.html"), "understanding-anxiety"))
    assert places["Places"] == "Few places left"


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_booking_is_offered_only_for_runs_still_to_come(sites: dict[dt.date, Path], day: dt.date) -> None:
    site, offered = sites[day], 0
    for path in sorted((site / "courses").glob("*/index.html")):
        doc = page(site, path.relative_to(site).as_posix())
        for r in doc.find_all("div", class_="run"):
            first, last, status = r.attrs["data-first"], r.attrs["data-last"], r.attrs["data-status"]
            buttons = [a.text for a in r.find_all("a", class_="button")]
            should = first >= day.isoformat() and status in BOOKABLE
            assert bool(buttons) == should, (path, first, status, buttons)
            if status != "cancelled":  # a cancelled run says Cancelled, whatever the day
                assert (status == "finished") == (last < day.isoformat()), (path, first, status)
            if buttons:
                offered += 1
                word = "Join the waiting list" if status == "waiting-list" else "Book a place"
                assert buttons[0].startswith(word), (path, buttons)
    assert (offered > 0) == (day != AFTER)


# ---- course shapes ----------------------------------------------------------------------------

def test_a_drop_in_nobody_books_never_asks_for_booking(sites: dict[dt.date, Path]) -> None:
    site = sites[BEFORE]
    main = page(site, "courses/walk-and-talk/index.html").find("main")
    assert not main.find_all("a", class_="button")
    assert "No need to book" in facts(main.find("section", class_="facts"))["How to book"]
    assert "There is no need to book: just come along." in main.text
    assert "book by phone" not in main.text
    assert facts(card(page(site, "courses/index.html"), "walk-and-talk"))["Places"] == "No need to book"
    easy = page(site, "easy-read/courses/walk-and-talk/index.html").find("main").text
    assert "You do not need to book." in easy and "to book" not in easy.replace("need to book", "")
    assert "Do I need to book?" in easy


def test_on_request_courses_have_their_own_page(sites: dict[dt.date, Path]) -> None:
    site = sites[BETWEEN]
    listed = page(site, "courses/on-request/index.html").find_all("li", class_="card")
    assert [c.attrs["data-course"] for c in listed] == ["volunteering-and-wellbeing"]
    assert facts(listed[0])["Next"].startswith("We run this workshop when six or more people are interested.")
    assert 'href="../courses/on-request/"' in (site / "courses/index.html").read_text(encoding="utf-8")
    assert "This course runs when enough people ask for it." in \
        page(site, "easy-read/courses/volunteering-and-wellbeing/index.html").text


def test_who_can_join_what_to_take_first_and_who_leads(sites: dict[dt.date, Path]) -> None:
    site = sites[BEFORE]
    carers = page(site, "courses/supporting-someone-you-care-about/index.html")
    wanted = "For unpaid carers, family and friends of an adult who lives with mental health problems."
    assert facts(carers.find("section", class_="facts"))["Who can join"] == wanted
    assert facts(card(page(site, "courses/index.html"), "supporting-someone-you-care-about"))["Who can join"] == wanted
    easy = page(site, "easy-read/courses/supporting-someone-you-care-about/index.html").text
    assert "This course is for people who look after someone." in easy
    peer = page(site, "courses/becoming-a-peer-worker/index.html")
    first = peer.find("section", class_="facts")
    link = next(a for a in first.find_all("a") if a.text == "Introduction to Recovery")
    assert link.attrs["href"] == "../../courses/introduction-to-recovery/"
    assert "Take this first" in facts(first)
    assert [c["name"] for c in jsonld(site, "becoming-a-peer-worker")["coursePrerequisites"]] == \
        ["Introduction to Recovery"]
    assert "Before this course, you need to do Getting started." in \
        page(site, "easy-read/courses/becoming-a-peer-worker/index.html").text
    wrap = page(site, "courses/wrap-wellness-recovery-action-planning/index.html")
    assert wrap.find("p", class_="facts__codelivery").text == "Led by peer trainers."


def test_a_hybrid_group_is_matched_and_described_at_each_place(sites: dict[dt.date, Path]) -> None:
    site = sites[BETWEEN]
    modes = [r["courseMode"] for r in jsonld(site, "recovery-and-hope")["hasCourseInstance"]]
    assert modes == ["onsite", "blended"]
    for rel in ("courses/where/online/index.html", "courses/where/in-person/index.html",
                "courses/venue/the-hub/index.html", "courses/venue/online/index.html"):
        assert card(page(site, rel), "recovery-and-hope"), rel
    spring = page(site, "courses/recovery-and-hope/index.html").find_all("div", class_="run")[1]
    assert "Where: choose where to join: The Riverside Recovery Hub or Online (Zoom)" in spring.text
    spring_events = [e for e in calendar(site / "courses/recovery-and-hope/calendar.ics") if ":2027" in e]
    assert spring_events and all(
        "LOCATION:The Riverside Recovery Hub\\, 3 Mill Lane\\, Ashbourne Vale AV1 4QT or Online\r\n" in e
        for e in spring_events)


def test_a_weekly_series_steps_over_half_term_and_skipped_days(sites: dict[dt.date, Path]) -> None:
    run = page(sites[BETWEEN], "courses/understanding-depression/index.html").find_all("div", class_="run")[0]
    dates = [li.text.split(",")[0] for li in run.find("ol", class_="sessions").find_all("li")]
    assert dates == ["Tuesday 2 February 2027", "Tuesday 9 February 2027", "Tuesday 23 February 2027",
                     "Tuesday 2 March 2027", "Tuesday 16 March 2027"]


def test_every_page_says_when_its_dates_were_checked(sites: dict[dt.date, Path]) -> None:
    site, pages = sites[BETWEEN], 0
    for path in site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        pages += 1
        assert "Dates checked on 6 December 2026." in path.read_text(encoding="utf-8"), path
    assert pages > 100


def test_the_enrol_page_says_its_steps_once_and_leads_to_the_form(sites: dict[dt.date, Path]) -> None:
    main = page(sites[BEFORE], "enrol/index.html").find("main")
    assert main.text.count("fill in the enrolment form") == 1  # the how-to-enrol page's step 1
    assert "you only need to do it once. After that" not in main.text  # enrolment.instructions: not said twice
    online = next(a for a in main.find_all("a") if a.text == "Enrol online")
    assert online.attrs["href"] == "https://forms.example.org/riverside-recovery-college/enrol"


def test_easy_read_never_gives_the_dates_of_a_cancelled_run(sites: dict[dt.date, Path]) -> None:
    easy = page(sites[BETWEEN], "easy-read/courses/digital-skills/index.html").find("main").text
    assert "This course is cancelled." in easy
    assert "18 January 2027" not in easy
    assert "to book." not in easy and "book on our website" not in easy and "Call 0121 496 0421 to ask" in easy


# ---- brochures -------------------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_brochures_say_cancelled_full_and_finished(tmp_path: Path) -> None:
    """Every brochure size says Cancelled and Full beside the course in its timetable (A5 and large
    print have no places column), and a run that has finished before the build says so and is not
    offered; the easy read brochure gives no dates for a cancelled run."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    calm = content / "courses" / "feeling-calm.md"
    calm.write_text(calm.read_text().replace("reviewed:", """  - term: autumn-2026
    venue: the-hub
    status: full
    sessions:
      - {date: 2026-11-30, start: "14:00", end: "16:00"}
reviewed:""", 1))
    for day in (BEFORE, dt.date(2026, 10, 1)):
        site = tmp_path / f"site-{day}"
        result = run_cli("--content", content, "--output", site, "-q", day=day, timeout=600)
        assert result.code == 0, result.text
        for variant in ("prospectus-a4", "prospectus-a5", "large-print"):
            text = pdf_text(site / "pdf" / f"autumn-2026-{variant}.pdf")
            assert f"Dates checked on {day.day} {day:%B} 2026" in text, variant
            start = text.index("Every session this term, by date.")
            glance = text[start:text.index("Our courses this term", start)]
            assert re.search(r"Quiet Walks\s*\(Cancelled\)", glance) or "Cancelled" in glance, variant
            # The timetable gives a row to the sessions of a run that meet on one weekday in a month:
            # each of Quiet Walks' three sessions (5, 12 and 19 October) is in a row marked Cancelled.
            rows, _strays = glance_rows(site / "pdf" / f"autumn-2026-{variant}.pdf")
            walks = [(row.month, row.days, row.status) for row in rows if row.title == "Quiet Walks"]
            assert walks == [("October 2026", [5, 12, 19], "Cancelled")], (variant, walks)
            assert any(row.status == "Full" for row in rows), (variant, rows)
            courses = text[text.rindex("Our courses this term"):]
            assert "Cancelled" in courses and "Full" in courses, variant
            if day > BEFORE:  # the first run of Feeling Calm ended on 21 September
                assert "Finished" in courses and "this run has finished." in courses, variant
            else:
                assert "Finished" not in courses, variant
        easy = pdf_text(site / "pdf" / "autumn-2026-easy-read.pdf")
        assert "This group is cancelled." in easy or "This course is cancelled." in easy
        assert "5 October 2026" not in easy  # the cancelled run's first date
        assert f"Dates checked on {day.day} {day:%B} 2026" in easy
