"""Full-page screenshots at phone and desktop widths, kept as CI artifacts for people to look at."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

WIDTHS = {320: "narrow", 1280: "desktop"}


def chosen_pages(pages: list[str]) -> dict[str, str]:
    """Home, a course, the course list and (once the site has them) an easy read page."""
    chosen = {"home": "index.html", "course": "courses/understanding-anxiety/index.html",
              "courses": "courses/index.html"}
    easy = [p for p in pages if "easy-read" in p]
    if easy:
        chosen["easy-read"] = next((p for p in easy if "understanding-anxiety" in p), easy[0])
    return chosen


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_screenshots(request: pytest.FixtureRequest, url: Callable[[str], str], pages: list[str],
                     screenshots: Path, numbers: dict[str, str], width: int) -> None:
    page: Any = request.getfixturevalue(WIDTHS[width])
    for name, rel in chosen_pages(pages).items():
        assert rel in pages, f"{rel} was not built"
        target = screenshots / f"{name}-{width}.png"
        page.goto(url(rel))
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(target), full_page=True)
        png_width = struct.unpack(">I", target.read_bytes()[16:20])[0]
        assert png_width == width, f"{target}: {png_width} px wide, expected {width}"
    numbers["screenshots (320 and 1280 px wide) saved in"] = str(screenshots)
