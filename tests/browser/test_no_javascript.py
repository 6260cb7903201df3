"""The prospectus works with JavaScript switched off: the same courses and sessions show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CONTENT = """() => {
  const main = document.querySelector('main');
  const text = sel => [...main.querySelectorAll(sel)].filter(e => e.checkVisibility())
    .map(e => e.innerText.replace(/\\s+/g, ' ').trim());
  return {h1: text('h1'), headings: text('h2, h3'), links: text('a[href*="courses/"]'), sessions: text('.sessions li')};
}"""


def test_courses_and_sessions_show_without_javascript(desktop: Any, no_js: Any, url: Callable[[str], str],
                                                      pages: list[str]) -> None:
    course_pages = [p for p in pages if p.startswith("courses/") and p.count("/") == 2]
    assert len(course_pages) > 10, course_pages
    problems, titles = [], []
    for rel in ["courses/index.html", *course_pages]:
        desktop.goto(url(rel))
        no_js.goto(url(rel))
        with_js, without = desktop.evaluate(CONTENT), no_js.evaluate(CONTENT)
        if with_js != without:
            problems.append(f"{rel}: differs without JavaScript:\n  with: {with_js}\n  without: {without}")
        if rel != "courses/index.html":
            titles.append(without["h1"][0].split(" (")[0])
            if not without["sessions"] and "not running" not in no_js.locator("main").inner_text():
                problems.append(f"{rel}: no sessions shown without JavaScript")
        else:
            listed = " ".join(without["links"])
    missing = [t for t in titles if t not in listed]
    assert not problems and not missing, "\n".join(problems) + f"\nnot in the course list without JS: {missing}"
