"""The course filters in a real browser: for every single choice and every pair of choices (with and
without "hide full and cancelled") the visible cards are exactly those the model says fit, the
number is announced, and the choices are in the address."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from test_filters import expected, load_model, values

from prospectus.model import objects as m


@pytest.fixture(scope="module")
def sample_model() -> m.Prospectus:
    return load_model()


def combinations(p: m.Prospectus) -> list[dict[str, str]]:
    vals = values(p)
    combos: list[dict[str, str]] = [{}]
    combos += [{f: v} for f, vs in vals.items() for v in vs]
    for f1, f2 in itertools.combinations(vals, 2):
        combos += [{f1: a, f2: b} for a in vals[f1] for b in vals[f2]]
    return combos


SET_AND_READ = """combos => {
  const form = document.querySelector('[data-filters]');
  return combos.map(([chosen, open]) => {
    form.reset();
    for (const [k, v] of Object.entries(chosen)) form.elements[k].value = v;
    form.elements.open.checked = open;
    form.dispatchEvent(new Event('change', {bubbles: true}));
    const shown = [...document.querySelectorAll('.card[data-course]')].filter(c => c.offsetParent !== null);
    return {ids: shown.map(c => c.dataset.course), status: document.getElementById('filter-status').textContent,
            query: location.search};
  });
}"""


def test_instant_filters_match_the_model_for_every_pair(page: Any, site_url: str, sample_model: m.Prospectus) -> None:
    model = sample_model
    page.goto(f"{site_url}/courses/")
    assert not page.locator("[data-filters]").is_visible()  # behind "Filter courses", so the courses come first
    page.locator("summary", has_text="Filter courses").click()
    assert page.locator("[data-filters]").is_visible()
    assert not page.locator("[data-filter-links]").is_visible()
    combos = [(c, o) for c in combinations(model) for o in (False, True)]
    results = page.evaluate(SET_AND_READ, combos)
    assert len(results) == len(combos) > 500
    for (chosen, open_only), got in zip(combos, results, strict=True):
        want = expected(model, chosen, open_only)
        assert set(got["ids"]) == want, (chosen, open_only)
        n = len(want)
        if chosen or open_only:
            text = (f"{n} of 24 courses match" if n > 1 else "1 of 24 courses matches" if n == 1
                    else "No courses match")
            assert text in got["status"], (chosen, got["status"])
            for k, v in chosen.items():
                assert f"{k}={v}" in got["query"]
        else:
            assert got["status"] == "Showing all 24 courses."


def test_choices_by_hand_are_announced_and_shareable(page: Any, site_url: str, sample_model: m.Prospectus) -> None:
    model = sample_model
    page.goto(f"{site_url}/courses/")
    status = page.locator("#filter-status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.locator("summary", has_text="Filter courses").click()
    page.select_option("#filter-mode", "online")
    page.check("#filter-open")
    want = expected(model, {"mode": "online"}, open_only=True)
    assert status.inner_text() == f"{len(want)} of 24 courses match your choices."
    assert page.url.endswith("/courses/?mode=online&open=1")
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # someone opens the shared link: the filters are shown open, with the choices
    assert page.locator("#filter-mode").is_visible()
    assert page.locator("#filter-mode").input_value() == "online"
    assert page.locator("#filter-open").is_checked()
    visible = page.eval_on_selector_all(".card[data-course]",
                                        "cs => cs.filter(c => !c.hidden).map(c => c.dataset.course)")
    assert set(visible) == want
    page.click("text=Clear filters")
    page.wait_for_function("() => document.getElementById('filter-status').textContent.startsWith('Showing all')")
    assert page.url.endswith("/courses/")


def test_without_javascript_the_links_show(browser: Any, site_url: str) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    try:
        pg = ctx.new_page()
        pg.goto(f"{site_url}/courses/")
        assert pg.locator(".card[data-course]:visible").count() == 24
        pg.locator("summary", has_text="Filter courses").click()
        assert not pg.locator("[data-filters]").is_visible()
        assert pg.locator("[data-filter-links]").is_visible()
        pg.locator("summary", has_text="Day of the week").click()
        pg.locator("[data-filter-links] a", has_text="Monday").click()
        assert pg.url.endswith("/courses/day/monday/")
        assert pg.locator("h1").inner_text() == "Courses: Monday"
        assert pg.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        ctx.close()
