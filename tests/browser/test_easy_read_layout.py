"""Easy read pages in the browser: large text, generous line spacing, the picture left of the words.

UK easy read guidance (DH 2010, CHANGE) asks for one idea a line with its picture on the left,
large text and no italics, underlining or capitals; this measures what Chromium computes at a
phone width (320 CSS px) and a desktop width (1280).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

EASY_PAGES = ["easy-read/index.html", "easy-read/courses/understanding-anxiety/index.html",
              "easy-read/courses/co-production-in-practice/index.html"]
LAYOUT = """() => {
  const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return [...document.querySelectorAll('.er-point')].map(li => {
    const img = li.querySelector('img').getBoundingClientRect();
    const p = li.querySelector('.er-point__text');
    const box = p.getBoundingClientRect(), st = getComputedStyle(p);
    return {imgRight: img.right, imgWidth: img.width, textLeft: box.left, rem: parseFloat(st.fontSize) / root,
            lineHeight: parseFloat(st.lineHeight) / parseFloat(st.fontSize), style: st.fontStyle,
            transform: st.textTransform, alt: li.querySelector('img').alt};
  });
}"""


@pytest.mark.parametrize("window", ["narrow", "desktop"])
def test_easy_read_text_size_and_picture_on_the_left(window: str, request: pytest.FixtureRequest,
                                                     url: Callable[[str], str]) -> None:
    page: Any = request.getfixturevalue(window)
    for rel in EASY_PAGES:
        page.goto(url(rel))
        rows = page.evaluate(LAYOUT)
        assert rows, rel
        for row in rows:
            assert row["rem"] >= 1.25 and row["lineHeight"] >= 1.6, (window, rel, row)
            assert row["imgRight"] <= row["textLeft"] and 64 <= row["imgWidth"] <= 96, (window, rel, row)
            assert row["style"] == "normal" and row["transform"] == "none" and row["alt"], (window, rel, row)
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), (window, rel)
