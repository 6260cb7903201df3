"""Search in a real browser: the Pagefind index answers, results are announced and reachable by
keyboard, the page passes axe with results showing, and without JavaScript the box still leads
somewhere useful."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browserkit import ROOT, axe
from playwright_session import serve

from prospectus.render.search import parts as searchindex


def search(page: Any, site_url: str, words: str) -> None:
    page.goto(f"{site_url}/search/")
    page.fill("#search-input", words)
    page.press("#search-input", "Enter")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0")


def test_anxiety_finds_the_course(page: Any, site_url: str) -> None:
    search(page, site_url, "anxiety")
    first = page.locator("#search-results a").first
    assert "Understanding Anxiety" in first.inner_text()
    assert first.get_attribute("href").endswith("/courses/understanding-anxiety/")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    n = page.locator("#search-results li").count()
    assert status.inner_text() == f"{n} results for “anxiety”."
    assert page.url.endswith("/search/?q=anxiety")
    first.click()
    assert page.url.endswith("/courses/understanding-anxiety/")


def test_keyboard_reaches_results(page: Any, site_url: str) -> None:
    search(page, site_url, "sleep")
    page.focus("#search-input")
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first result
    active = page.evaluate("() => [document.activeElement.tagName,"
                           " !!document.activeElement.closest('#search-results')]")
    assert active == ["A", True]
    page.keyboard.press("Enter")
    page.wait_for_url("**/courses/**")


def test_shared_search_address_runs_the_search(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=hearing%20voices")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0")
    assert page.locator("#search-input").input_value() == "hearing voices"
    assert "Hearing Voices" in page.locator("#search-results a").first.inner_text()
    assert not page.locator("[data-search-nojs]").is_visible()


def test_no_results_points_to_the_courses_list(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/search/?q=zzxqy")
    page.wait_for_function("() => document.getElementById('search-status').textContent.startsWith('No results')")
    assert page.locator("[data-search-all] a").is_visible()


def test_axe_clean_with_results_and_filters(page: Any, site_url: str) -> None:
    search(page, site_url, "anxiety")
    assert axe(page) == []
    page.goto(f"{site_url}/courses/?day=monday&open=1")
    assert axe(page) == []
    for path in ("/courses/understanding-anxiety/", "/courses/day/monday/", "/tutors/sam/"):
        page.goto(site_url + path)
        assert axe(page) == [], path


def test_header_box_without_javascript(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    try:
        pg = ctx.new_page()
        pg.goto(f"{site_url}/courses/understanding-anxiety/")
        pg.locator("header summary", has_text="Search").click()  # on a phone the box is behind a button
        pg.fill("#site-search-input", "anxiety")
        pg.press("#site-search-input", "Enter")
        pg.wait_for_url("**/search/?q=anxiety")
        assert pg.locator("[data-search-nojs]").is_visible()
        pg.locator("[data-search-nojs] a").click()
        pg.wait_for_url("**/courses/")
        pg.wait_for_load_state("load")
        assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()


def test_a_search_index_made_in_parts_finds_pages_in_every_part(browser: Any, tmp_path: Path, cli: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A large prospectus is indexed in parts of SHARD_PAGES pages (Pagefind's memory); the search
    page merges them.  Here parts of 10 pages: the sample's 29 course and college pages make 3."""
    monkeypatch.setenv("PROSPECTUS_SEARCH_PART_PAGES", "10")
    site = tmp_path / "site"
    result = cli("--content", ROOT / "content", "--output", site, "-q", "--no-pdf", "--force")
    assert result.code == 0, result.text
    parts = sorted(p.parent.relative_to(site).as_posix() for p in site.glob("pagefind/**/pagefind.js"))
    assert parts == ["pagefind", "pagefind/more-1", "pagefind/more-2"]
    wanted = {"courses/understanding-anxiety/index.html": "Understanding Anxiety",
              "courses/hearing-voices/index.html": "Hearing Voices"}
    in_parts = {rel: searchindex.shard_of(rel, 3) for rel in wanted}
    assert any(part > 0 for part in in_parts.values()), in_parts  # at least one is in a merged part
    for url in serve(site):
        page = browser.new_page()
        try:
            for rel, title in wanted.items():
                page.goto(f"{url}/search/?q={title.split()[-1].lower()}")
                page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0")
                found = [a.inner_text() for a in page.locator("#search-results a").all()]
                assert any(title in text for text in found), (rel, in_parts[rel], found)
        finally:
            page.close()
