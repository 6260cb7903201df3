"""Phone first (issue 17), measured in Chromium at 320x568 and 390x844, with JavaScript on and off:
the header leaves room, "Need help now?" is in the first screen and leads to the crisis numbers,
a course's title and the first course of the list are near the top, and every header control is
big enough to touch.  The first screen of each page kind is saved as a screenshot for a reviewer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright_session import on_build_date


def _context_page(browser: Any, **options: Any) -> Iterator[Any]:
    ctx = on_build_date(browser.new_context(**options))
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    yield page
    ctx.close()


SCREENS = {(320, 568): 0.30, (390, 844): 0.25}  # the header's largest share of the screen's height
PAGES = {"home": "index.html", "courses": "courses/index.html", "course": "courses/understanding-anxiety/index.html",
         "timetable": "timetable/autumn-2026/index.html", "venues": "venues/index.html",
         "easy-read": "easy-read/courses/understanding-anxiety/index.html", "search": "search/index.html",
         "not-found": "404.html"}

MEASURE = """() => {
  const box = e => e.getBoundingClientRect();
  const header = document.querySelector('body > header');
  const help = [...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Need help now?');
  const controls = [...header.querySelectorAll('a, button, summary, input')].filter(e => e.checkVisibility());
  const links = [...document.querySelectorAll('a[href]')].filter(e => e.checkVisibility());
  const h1 = document.querySelector('main h1'), card = document.querySelector('main .card');
  return {header: box(header).bottom, help: help && help.checkVisibility() ? box(help).bottom : null,
          helpHref: help ? help.getAttribute('href') : '', helpOrder: links.indexOf(help),
          small: controls.filter(e => box(e).height < 44).map(e => `${e.textContent.trim()} (${box(e).height}px)`),
          h1: h1 ? box(h1).top : null, card: card ? box(card).top : null};
}"""


@pytest.fixture(scope="module", params=[(w, h, js) for (w, h) in SCREENS for js in (True, False)],
                ids=lambda p: f"{p[0]}x{p[1]}-{'js' if p[2] else 'no-js'}")
def phone(request: pytest.FixtureRequest, browser: Any) -> Iterator[tuple[Any, int, int, bool]]:
    width, height, javascript = request.param
    for page in _context_page(browser, viewport={"width": width, "height": height}, java_script_enabled=javascript):
        yield page, width, height, javascript


def test_the_first_screen_of_every_page_kind(phone: tuple[Any, int, int, bool], url: Callable[[str], str],
                                             pages: list[str], screenshots: Path, numbers: dict[str, str]) -> None:
    page, width, height, javascript = phone
    problems: list[str] = []
    folder = screenshots / "phone"
    folder.mkdir(exist_ok=True)
    for name, rel in PAGES.items():
        assert rel in pages, f"{rel} was not built"
        page.goto(url(rel))
        page.evaluate("document.fonts.ready")
        got = page.evaluate(MEASURE)
        where = f"{name} at {width}x{height} ({'with' if javascript else 'without'} JavaScript)"
        if got["header"] > SCREENS[(width, height)] * height:
            problems.append(f"{where}: the header ends at {got['header']:.0f}px, more than "
                            f"{SCREENS[(width, height)]:.0%} of {height}px")
        if got["help"] is None or got["help"] > height:
            problems.append(f"{where}: 'Need help now?' is not in the first screen")
        if got["helpOrder"] > 2:  # after the skip link and the college's name at most
            problems.append(f"{where}: 'Need help now?' is link {got['helpOrder'] + 1} of the page")
        if got["small"]:
            problems.append(f"{where}: header controls under 44px tall: {got['small']}")
        if name in ("course", "easy-read") and (got["h1"] is None or got["h1"] >= height):
            problems.append(f"{where}: the title starts at {got['h1']}px, below the first screen")
        if name == "courses" and (got["card"] is None or got["card"] > 1.25 * height):
            problems.append(f"{where}: the first course starts at {got['card']}px, more than 1.25 screens down")
        if javascript:
            page.screenshot(path=str(folder / f"{name}-{width}x{height}.png"))
        # the link leads to the crisis numbers, on this page
        assert got["helpHref"].startswith("#"), where
        target = page.locator(got["helpHref"]).locator("xpath=..")
        if not all(n in target.inner_text() for n in ("116 123", "111")):
            problems.append(f"{where}: 'Need help now?' does not lead to the crisis numbers")
    numbers["first-screen screenshots (320x568, 390x844) saved in"] = str(folder)
    assert not problems, "\n".join(problems)


def test_need_help_now_is_reached_by_keyboard_and_lands_on_the_numbers(browser: Any, url: Callable[[str], str]) -> None:
    for page in _context_page(browser, viewport={"width": 320, "height": 568}):
        page.goto(url("courses/understanding-anxiety/index.html"))
        page.keyboard.press("Tab")  # the skip link
        page.keyboard.press("Tab")  # the college's name
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Need help now?"
        page.keyboard.press("Enter")
        crisis = page.locator("#crisis-heading")
        box = crisis.bounding_box()
        assert box is not None and -1 <= box["y"] < 568, box  # scrolled to it (less a sub-pixel)
        assert "Samaritans" in page.locator("section.crisis").inner_text()


def test_the_menu_and_search_open_without_javascript(browser: Any, url: Callable[[str], str]) -> None:
    for page in _context_page(browser, viewport={"width": 320, "height": 568}, java_script_enabled=False):
        page.goto(url("index.html"))
        courses = page.get_by_role("link", name="Courses", exact=True)
        assert not courses.is_visible()
        page.get_by_text("Menu", exact=True).click()
        assert courses.is_visible() and courses.bounding_box()["height"] >= 44  # type: ignore[index]
        page.get_by_text("Search", exact=True).first.click()
        assert page.locator("#site-search-input").is_visible()
