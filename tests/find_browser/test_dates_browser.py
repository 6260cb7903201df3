"""A page stays true after it is built (issue 15): templates/static/dates.js in Chromium with a
fixed clock.  A small college is built on 15 March 2027 with a summer run that ends in May and
another in July, then read on 10 June 2027: the May run is finished and offers no booking, the
cards move on to the July run, nothing jumps, and the keyboard and the accessibility tree agree.
Read on the day it was built, or without JavaScript, the page is exactly as built."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clikit import run_cli
from playwright_session import serve

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
BUILT = dt.date(2027, 3, 15)
READ = dt.datetime(2027, 6, 10, 12, 0, tzinfo=dt.UTC)

SUMMER = """  - id: summer-2027
    name: Summer term 2027
    starts: 2027-04-19
    ends: 2027-07-16
"""
RUNS = """  - term: summer-2027
    venue: the-hub
    places: 12
    status: few-places
    weekly: {from: 2027-05-03, count: 3, start: "10:00", end: "12:00"}
  - term: summer-2027
    venue: online
    places: 12
    status: open
    weekly: {from: 2027-07-05, count: 2, start: "18:00", end: "19:30"}
reviewed:"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("dates")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    college = content / "college.yaml"
    college.write_text(college.read_text().replace("venues:\n", SUMMER + "venues:\n", 1))
    calm = content / "courses" / "feeling-calm.md"
    calm.write_text(calm.read_text().replace("reviewed:", RUNS, 1))
    result = run_cli("--content", content, "--output", root / "site", "-q", "--no-pdf", day=BUILT)
    assert result.code == 0, result.text
    yield from serve(root / "site")


def open_page(browser: Any, url: str, when: dt.datetime | None, javascript: bool = True) -> Any:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if when is not None:
        page.clock.set_fixed_time(when)
    page.goto(url)
    page.wait_for_load_state("load")
    assert not errors, errors
    return page


def runs(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("""() => [...document.querySelectorAll('.run')].map(r => ({
        status: r.dataset.status, label: r.querySelector('[data-status-label]').textContent,
        buttons: r.querySelectorAll('a.button').length, text: r.innerText}))""")


def test_read_in_june_a_run_that_ended_in_may_offers_no_booking(browser: Any, site_url: str) -> None:
    page = open_page(browser, f"{site_url}/courses/feeling-calm/", READ)
    try:
        may, july = [r for r in runs(page) if "Summer term 2027" in r["text"]]
        assert may["status"] == "finished" and may["label"] == "Finished" and may["buttons"] == 0
        assert "This run has finished." in may["text"] and "Book a place" not in may["text"]
        assert july["buttons"] == 1 and july["label"] == "Places available"
        glance = page.locator("section.facts")
        assert glance.locator('[data-fact="when"]').inner_text() == "Monday 5 July 2027, 6pm to 7:30pm"
        assert glance.locator('[data-fact="where"]').inner_text() == "Online"
        note = page.locator("[data-today]")
        assert note.is_visible() and "shown as finished" in note.inner_text()
        assert "Dates checked on 15 March 2027." in page.locator(".footer-checked").inner_text()
        # screen readers: no link offers to book the May run; the tree says Finished
        assert page.get_by_role("link", name="Book a place for Feeling Calm, Summer term 2027, starting Monday "
                                "3 May 2027").count() == 0
        tree = page.locator(".run").nth(0).aria_snapshot()
        assert 'heading "Summer term 2027: ended Monday 17 May 2027"' in tree and "Finished" in tree
        # the keyboard: tabbing through the page reaches the July run's button, and no booking
        # button of the finished run (its venue link is still there to follow)
        focused: list[str] = []
        for _ in range(80):
            page.keyboard.press("Tab")
            focused.append(page.evaluate("() => { const a = document.activeElement, r = a.closest('.run');"
                                         " return r ? r.dataset.status + ':' + a.className : ''; }"))
        assert "open:button" in focused and "finished:button" not in focused, focused
        # nothing jumped: no layout shift was recorded while the script changed the page
        shift = page.evaluate("""() => new Promise(done => {
            let total = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
                .observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(total), 300);
        })""")
        assert shift < 0.01, shift
    finally:
        page.context.close()


def test_cards_move_on_to_the_next_run(browser: Any, site_url: str) -> None:
    page = open_page(browser, f"{site_url}/courses/", READ)
    try:
        card = page.locator('.card[data-course="feeling-calm"]')
        assert card.locator('[data-fact="when"]').inner_text() == "Monday 5 July 2027, 6pm to 7:30pm"
        assert card.locator('[data-fact="status"]').inner_text() == "Places available"
        assert card.get_attribute("data-first") == "2027-07-05"
        page.locator("summary", has_text="Filter courses").click()
        page.select_option("#filter-venue", "the-hub")  # only the May run met at The Hub: it has ended
        assert not card.is_visible()
        page.select_option("#filter-venue", "")
        assert card.is_visible() and card.get_attribute("data-first") == "2027-07-05"
    finally:
        page.context.close()


def test_on_the_day_it_was_built_or_without_javascript_the_page_is_as_built(browser: Any, site_url: str) -> None:
    built = dt.datetime(BUILT.year, BUILT.month, BUILT.day, 12, 0, tzinfo=dt.UTC)
    for when, javascript in ((built, True), (READ, False)):
        page = open_page(browser, f"{site_url}/courses/feeling-calm/", when, javascript)
        try:
            summer = [r for r in runs(page) if "Summer term 2027" in r["text"]]
            assert [(r["status"], r["buttons"]) for r in summer] == [("few-places", 1), ("open", 1)]
            assert not page.locator("[data-today]").is_visible()
        finally:
            page.context.close()


def test_a_filter_page_says_no_fitting_dates_are_left_not_that_the_course_is_off(browser: Any,
                                                                               site_url: str) -> None:
    """On the Hub's page the card shows the May run; read in June, that run has ended but the course
    still runs in July (online): the card says no date that fits is left."""
    page = open_page(browser, f"{site_url}/courses/venue/the-hub/", READ)
    try:
        card = page.locator('.card[data-course="feeling-calm"]')
        when = card.locator('[data-fact="when"]').inner_text()
        assert when.startswith("No dates left that fit this choice"), when
        assert not card.locator('[data-fact="status"]').is_visible()
    finally:
        page.context.close()


def test_the_college_s_day_decides_not_the_reader_s(browser: Any, site_url: str) -> None:
    """At 2pm in London on 17 May, the May run's last day, it is already 18 May in Auckland: a reader
    there still sees the run as the college does (not finished)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Pacific/Auckland")
    page = ctx.new_page()
    try:
        page.clock.set_fixed_time(dt.datetime(2027, 5, 17, 13, 0, tzinfo=dt.UTC))
        page.goto(f"{site_url}/courses/feeling-calm/")
        assert page.evaluate("new Date().getDate()") == 18  # the reader's own calendar
        may = next(r for r in runs(page) if "3 May 2027" in r["text"])
        assert may["status"] == "few-places" and may["label"] == "Few places left"
        assert may["buttons"] == 0  # it has begun: no booking, even though it has not ended
    finally:
        ctx.close()
