"""Keyboard use: a visible skip link first on every page, and a sensible, visible Tab order.

WCAG 2.4.1 (bypass blocks), 2.4.3 (focus order), 2.4.7 (focus visible) and 2.4.11 (focus not
obscured). The focus indicator is compared as computed style before and after focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

SKIP_LINK = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), cs = getComputedStyle(e);
  return {text: e.textContent.trim(), href: e.getAttribute('href'), x: r.left, y: r.top, w: r.width,
          h: r.height, vw: innerWidth, vh: innerHeight, visibility: cs.visibility, opacity: cs.opacity};
}"""

# Marks every element a keyboard user can Tab to, in document order, and records how it
# looks unfocused. The data-tab attribute is the element's place in that order.
MARK_TABBABLE = """() => {
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe,'
    + ' [tabindex], [contenteditable=""], [contenteditable=true], audio[controls], video[controls]';
  const els = [...document.querySelectorAll(sel)].filter(e => e.tabIndex >= 0 && !e.disabled
    && !e.closest('[inert]') && e.checkVisibility({visibilityProperty: true}));
  els.forEach((e, i) => { e.dataset.tab = i; });
  return els.map(e => window.__look(e));
}"""
LOOK = """() => { window.__look = e => {
  const cs = getComputedStyle(e), r = e.getBoundingClientRect();
  return {name: (e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 60),
          outline: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor].join(' '),
          visibleOutline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0
                          && !/rgba\\(.*, 0\\)|transparent/.test(cs.outlineColor),
          shadow: cs.boxShadow, background: cs.backgroundColor, color: cs.color,
          onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
                    && r.right > 0 && r.left < innerWidth};
}; }"""
FOCUSED = "() => { const e = document.activeElement; return [e.dataset.tab ?? e.tagName, window.__look(e)]; }"
REPRESENTATIVE = ["index.html", "courses/index.html", "courses/understanding-anxiety/index.html",
                  "timetable/*/index.html", "venues/index.html"]


def test_first_tab_is_a_visible_skip_link_to_main_on_every_page(desktop: Any, url: Callable[[str], str],
                                                                pages: list[str]) -> None:
    problems = []
    for rel in pages:
        desktop.goto(url(rel))
        desktop.keyboard.press("Tab")
        s = desktop.evaluate(SKIP_LINK)
        on_screen = s["w"] > 0 and s["h"] > 0 and s["x"] >= 0 and s["y"] >= 0 \
            and s["x"] + s["w"] <= s["vw"] and s["y"] + s["h"] <= s["vh"]
        if (s["text"], s["href"]) != ("Skip to main content", "#main"):
            problems.append(f"{rel}: first Tab focused {s['text']!r} ({s['href']}), not the skip link")
        elif not on_screen or s["visibility"] != "visible" or float(s["opacity"]) < 1:
            problems.append(f"{rel}: the focused skip link is not fully visible: {s}")
        desktop.keyboard.press("Enter")
        where = desktop.evaluate("() => [document.activeElement.tagName, document.activeElement.id]")
        if where != ["MAIN", "main"]:
            problems.append(f"{rel}: after Enter on the skip link focus is on {where}, not main#main")
    assert not problems, "\n".join(problems)


def _pick(pattern: str, pages: list[str]) -> str:
    """A page path, where '*' stands for the first matching folder (e.g. the current term)."""
    if "*" not in pattern:
        return pattern
    head, tail = pattern.split("*")
    found = [p for p in pages if p.startswith(head) and p.endswith(tail) and p.count("/") == pattern.count("/")]
    assert found, f"no page like {pattern}"
    return found[0]


def tab_through(page: Any, rel: str) -> tuple[int, list[str]]:
    """Press Tab once for every focusable element; report order and focus visibility problems."""
    page.evaluate(LOOK)
    before = page.evaluate(MARK_TABBABLE)
    problems = []
    for expected, unfocused in enumerate(before):
        page.keyboard.press("Tab")
        got, look = page.evaluate(FOCUSED)
        if got != str(expected):
            problems.append(f"{rel}: Tab {expected + 1} went to {got} {look['name']!r}, expected {unfocused['name']!r}")
            break
        changed = look["visibleOutline"] or look["shadow"] != unfocused["shadow"] \
            or look["background"] != unfocused["background"]
        if not changed or not look["onScreen"]:
            problems.append(f"{rel}: no visible focus on {look['name']!r}: {unfocused} -> {look}")
    return len(before), problems


@pytest.mark.parametrize("pattern", REPRESENTATIVE)
def test_tab_reaches_everything_in_order_with_visible_focus(desktop: Any, url: Callable[[str], str],
                                                            pages: list[str], pattern: str) -> None:
    rel = _pick(pattern, pages)
    desktop.goto(url(rel))
    count, problems = tab_through(desktop, rel)
    assert count > 5, f"{rel}: only {count} things to Tab to"
    assert not problems, "\n".join(problems)


FAULTS = {
    "hidden-focus.html": "<style>a:focus { outline: none }</style><a href='a'>One</a> <a href='b'>Two</a>",
    "jumbled-order.html": "<a href='a'>One</a> <a href='b' tabindex='1'>Two</a> <a href='c'>Three</a>",
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_keyboard_check_catches_known_faults(desktop: Any, base_url: str, name: str) -> None:
    address = base_url + name
    html = f"<!DOCTYPE html><html lang='en'><title>Fault</title><body>{FAULTS[name]}</body></html>"
    desktop.route(address, lambda route: route.fulfill(body=html, content_type="text/html"))
    try:
        desktop.goto(address)
        _, problems = tab_through(desktop, name)
    finally:
        desktop.unroute(address)
    assert problems, f"{name}: the keyboard check found nothing wrong"
