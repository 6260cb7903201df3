"""Reflow (WCAG 1.4.10) and resize text (1.4.4): nothing scrolls sideways or is cut off.

320 CSS px is a 1280 px window at 400% zoom; 640x400 CSS px is the same window at 200%.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Sideways scrolling, text past the window's edges, and boxes that hide overflowing text.
# Visually hidden text for screen readers (1x1 px boxes) and the parked skip link are fine.
CUT_OFF = """() => {
  const problems = [], vw = document.documentElement.clientWidth;
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.classList.length ? '.' + [...e.classList].join('.') : '') + ' "' + e.textContent.trim().slice(0, 40) + '"';
  if (document.documentElement.scrollWidth > innerWidth)
    problems.push(`scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${innerWidth}`);
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect(), cs = getComputedStyle(e);
    if (r.width <= 1 || r.height <= 1 || e.closest('.skip-link') || !e.textContent.trim()) continue;
    if (!e.checkVisibility({visibilityProperty: true})) continue;
    const ownText = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (ownText && (r.right > vw + 1 || r.left < -1)) problems.push(`past the edge: ${name(e)} ${r.left}-${r.right}`);
    const hides = /hidden|clip/.test(cs.overflowX + cs.overflowY) || cs.textOverflow === 'ellipsis';
    if (hides && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      problems.push(`text cut off: ${name(e)} shows ${e.clientWidth}x${e.clientHeight}`
                    + ` of ${e.scrollWidth}x${e.scrollHeight}`);
  }
  return problems.slice(0, 5);
}"""


def check_all(page: Any, url: Callable[[str], str], pages: list[str]) -> list[str]:
    problems = []
    for rel in pages:
        page.goto(url(rel))
        problems += [f"{rel}: {p}" for p in page.evaluate(CUT_OFF)]
    return problems


def test_nothing_scrolls_sideways_or_is_cut_off_at_320px(narrow: Any, url: Callable[[str], str],
                                                         pages: list[str]) -> None:
    problems = check_all(narrow, url, pages)
    assert not problems, "At 320 CSS px wide:\n" + "\n".join(problems)


def test_nothing_is_cut_off_at_200_percent_zoom(zoomed: Any, url: Callable[[str], str], pages: list[str]) -> None:
    problems = check_all(zoomed, url, pages)
    assert not problems, "At 200% zoom (640x400 CSS px):\n" + "\n".join(problems)


# WCAG 1.4.12: readers may widen spacing; nothing may then be cut off or overlap the edge.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""


def test_nothing_is_cut_off_with_wider_text_spacing(desktop: Any, url: Callable[[str], str], pages: list[str]) -> None:
    problems = []
    for rel in pages:
        desktop.goto(url(rel))
        desktop.add_style_tag(content=TEXT_SPACING)
        problems += [f"{rel}: {p}" for p in desktop.evaluate(CUT_OFF)]
    assert not problems, "With WCAG 1.4.12 text spacing at 1280 px:\n" + "\n".join(problems)


FAULTY = """<!DOCTYPE html><html lang="en"><title>Fault</title><body>
<p style="width: 900px">A line of text far wider than a phone.</p>
<p style="overflow: hidden; height: 0.5em; width: 100px">Text squeezed into a box too small for it.</p></body></html>"""


def test_reflow_check_catches_known_faults(narrow: Any, base_url: str) -> None:
    address = base_url + "__too-wide__.html"
    narrow.route(address, lambda route: route.fulfill(body=FAULTY, content_type="text/html"))
    try:
        narrow.goto(address)
        problems = narrow.evaluate(CUT_OFF)
    finally:
        narrow.unroute(address)
    kinds = {p.split(":")[0] for p in problems}
    assert kinds == {"scrolls sideways", "past the edge", "text cut off"}, problems
