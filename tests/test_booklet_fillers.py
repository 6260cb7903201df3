"""A booklet's extra pages (templates/pdf/_fillers.html) are chosen from one layout.

The A5 brochure must come in fours.  It is laid out once with all its extra pages (a planner and
notes, each one page, ids filler-1 ...), and only as many as the count needs are kept, the first
ones, just before the back cover.  Each case here is a small document of a known number of pages,
rendered by the real engine and read back from the PDF.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from printkit import pages

from prospectus.render.print import BASE
from prospectus.render.print.pdf import render_pdf
from prospectus.render.templates import Templates

pytestmark = pytest.mark.skipif(__import__("prospectus.render.print.engine", fromlist=["missing"]).missing()
                                is not None, reason="the PDF engine (Pango) is not installed")

STYLE = "@page { size: A5; margin: 15mm } section { break-before: page } .long { height: 400mm }"
FILLERS = ("Planner", "Notes", "More notes")


def document(pages: int, fillers: int, long_filler: bool = False) -> str:
    body = "".join(f"<section><h1>Page {n + 1}</h1></section>" for n in range(pages))
    body += "".join(f'<section id="filler-{n + 1}"><h2>{FILLERS[n]}</h2>'
                    f'{"<div class=long></div>" if long_filler and n == 1 else ""}</section>' for n in range(fillers))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Booklet</title>'
            f"<style>{STYLE}</style></head><body>{body}"
            '<section id="contact"><h2>Contact us</h2></section></body></html>')


def texts(path: Path) -> list[str]:
    """The words of each page, as pdftotext reads them."""
    return [page.text for page in pages(path)]


def render(tmp_path: Path, pages: int, long_filler: bool = False) -> list[str]:
    target = tmp_path / f"booklet-{pages}.pdf"
    render_pdf(document(pages, 0), target, base_url=BASE + "pdf/", source="test", templates=Templates.at(None),
               media={}, pad_to=4, padded=tuple(document(pages, n, long_filler) for n in (1, 2, 3)))
    return texts(target)


@pytest.mark.parametrize("pages", [3, 4, 5, 6])
def test_the_fillers_kept_make_the_pages_a_multiple_of_four(tmp_path: Path, pages: int) -> None:
    found = render(tmp_path, pages)
    assert len(found) % 4 == 0, found
    wanted = -(pages + 1) % 4  # the pages and the back cover, then as many extra pages as make four
    assert len(found) == pages + 1 + wanted
    kept = found[pages:-1]
    assert len(kept) == wanted and all(FILLERS[n].split()[0] in kept[n] for n in range(wanted)), found
    assert "Contact" in found[-1] and all("Contact" not in text for text in found[:-1]), found


def test_a_filler_that_runs_long_is_not_cut_but_laid_out_again(tmp_path: Path) -> None:
    """A college's own filler longer than a page: the booklet is made the slower way, never with a
    filler cut in half."""
    found = render(tmp_path, 4, long_filler=True)
    # Laid out again: 4 pages and the back cover want 3 more, and with the long notes the 3 extra
    # pages take 4, so the plain version is printed.  Cutting the one laid-out version to fours
    # would have given 8 pages with half of the notes page missing.
    assert len(found) == 5 and "Contact" in found[-1], found
