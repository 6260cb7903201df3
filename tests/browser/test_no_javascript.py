"""The prospectus works with JavaScript switched off: the same courses and sessions show.

Scripts may add conveniences (instant filters, search as you type) and may replace links to
their no-script stand-ins, so the comparison is of course content: headings, links to the
course pages and the session lines, as visible to the reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CONTENT = """courses => {
  const main = document.querySelector('main');
  const shown = sel => [...main.querySelectorAll(sel)].filter(e => e.checkVisibility());
  const text = e => e.innerText.replace(/\\s+/g, ' ').trim();
  const toCourse = a => courses.some(c => new URL(a.href).pathname.endsWith('/' + c));
  return {h1: shown('h1').map(text), headings: shown('h2, h3').map(text),
          courses: shown('a[href]').filter(toCourse).map(text), sessions: shown('.sessions li').map(text)};
}"""


def test_courses_and_sessions_show_without_javascript(desktop: Any, no_js: Any, url: Callable[[str], str],
                                                      course_pages: list[str]) -> None:
    assert len(course_pages) > 10, course_pages
    folders = [rel.removesuffix("index.html") for rel in course_pages]
    problems, seen = [], {}
    for rel in ["courses/index.html", *course_pages]:
        desktop.goto(url(rel))
        no_js.goto(url(rel))
        with_js, without = desktop.evaluate(CONTENT, folders), no_js.evaluate(CONTENT, folders)
        seen[rel] = without
        for part in with_js:
            if with_js[part] != without[part]:
                problems.append(f"{rel}: {part} differ without JavaScript:\n  with: {with_js[part]}\n"
                                f"  without: {without[part]}")
        said = no_js.locator("main").inner_text()
        if rel != "courses/index.html" and not without["sessions"] \
                and "not running" not in said and "when six or more people are interested" not in said:
            problems.append(f"{rel}: no sessions and no 'not running' or 'on request' note without JavaScript")
    listed = seen["courses/index.html"]["courses"]
    titles = [seen[rel]["h1"][0] for rel in course_pages]  # the title, then any course code
    unlisted = [t for t in titles if not any(t.startswith(name) for name in listed)]
    assert not unlisted, f"courses/: not listed without JavaScript: {unlisted}"
    assert not problems, "\n".join(problems)
