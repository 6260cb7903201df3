"""Reading a brochure PDF the way a reader sees it: words where they are printed, table rows as they
stand on the page, pictures where they are drawn.

* Words and their positions come from poppler's ``pdftotext -bbox`` (points, from the top left of
  the page), so a check sees what a printed page shows, not what the HTML meant.
* Timetable rows are put back together from those positions (:func:`glance_rows`): the column
  headings give the columns, and a weekday name in the Day column starts a row (every row names
  its weekday), so a row that broke across two pages shows up as words on the next page that
  belong to no row.
* Pictures are the tagged ``/Figure`` elements of the structure tree (:func:`figures`).  WeasyPrint
  70 writes each one's ``/A /BBox`` in the coordinate system of the page's content stream at the
  point where the figure's marked content starts (CSS pixels from the top left, under the page's
  own transformation), not in PDF user space.  So the box is mapped through the transformation
  matrix in effect at the ``BDC`` operator that opens the figure's marked content (found by its
  MCID), which gives its place on the printed page in points, whatever units a later WeasyPrint
  uses.  tests/test_print_layout.py checks the result against the words printed beside each picture.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf

from prospectus.words import STATUS_SHORT

MM = 72 / 25.4  # points in a millimetre
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH = re.compile(r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")
COLUMNS = ("Day", "Time", "Course", "Dates", "Where")
FOOTER = re.compile(r".*\bPage \d+$")
FLAG = re.compile(r"(.*) \((" + "|".join(map(re.escape, STATUS_SHORT.values())) + r")\)$")


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    width: float
    height: float
    words: tuple[Word, ...]

    def lines(self) -> list[list[Word]]:
        """The words in printed lines, top to bottom, each line left to right (words whose tops are
        within 2pt of each other share a line)."""
        found: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (w.y0, w.x0)):
            if found and abs(found[-1][0].y0 - word.y0) < 2:
                found[-1].append(word)
            else:
                found.append([word])
        return [sorted(line, key=lambda w: w.x0) for line in found]

    @property
    def text(self) -> str:
        return " ".join(" ".join(w.text for w in line) for line in self.lines())


@cache
def pages(path: Path) -> tuple[Page, ...]:
    """Every page of the PDF with its words and their positions (points from the top left)."""
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for number, page in enumerate(ET.fromstring(out).iterfind(".//x:page", ns), start=1):
        words = tuple(Word(float(w.get("xMin", 0)), float(w.get("yMin", 0)), float(w.get("xMax", 0)),
                           float(w.get("yMax", 0)), w.text or "") for w in page.iterfind("x:word", ns))
        found.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return tuple(found)


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


# ---- the timetable at a glance ------------------------------------------------------------------

@dataclass(frozen=True)
class GlanceRow:
    """One timetable row as printed: its page, the month its table is for, and its cells' words."""

    page: int
    month: str
    day: str
    time: str
    course: str
    dates: str
    where: str

    @property
    def title(self) -> str:
        """The course's title without the run's status after it."""
        found = FLAG.fullmatch(self.course)
        return found.group(1) if found else self.course

    @property
    def status(self) -> str:
        """The status printed beside the course ('Cancelled', 'Full' ...), or '' when none is."""
        found = FLAG.fullmatch(self.course)
        return found.group(2) if found else ""

    @property
    def days(self) -> list[int]:
        """The days of the month in the Dates cell."""
        return [int(d) for d in re.findall(r"\d+", self.dates)]


def timetable_pages(path: Path) -> list[Page]:
    """The pages whose running header says 'Timetable at a glance'."""
    return [page for page in pages(path) if page.lines() and line_text(page.lines()[0]) == "Timetable at a glance"]


def glance_rows(path: Path) -> tuple[list[GlanceRow], list[str]]:
    """The timetable's rows as printed, and the words under a table's headings that are in no row
    (the tail of a row that broke across a page: there should be none)."""
    rows: list[GlanceRow] = []
    strays: list[str] = []
    for page in timetable_pages(path):
        lines = page.lines()
        for i, line in enumerate(lines):
            if [w.text for w in line] == list(COLUMNS) and i > 0 and MONTH.fullmatch(line_text(lines[i - 1])):
                body = []
                for later in lines[i + 1:]:
                    if MONTH.fullmatch(line_text(later)) or FOOTER.fullmatch(line_text(later)):
                        break
                    body.append(later)
                found, stray = _rows(page.number, line_text(lines[i - 1]), [w.x0 for w in line], body)
                rows += found
                strays += stray
    return rows, strays


def _rows(page: int, month: str, starts: list[float], body: list[list[Word]]) -> tuple[list[GlanceRow], list[str]]:
    def column(word: Word) -> int:
        return max(i for i, x in enumerate(starts) if word.x0 >= x - 3 or i == 0)

    groups: list[list[Word]] = []
    strays: list[str] = []
    for line in body:
        if column(line[0]) == 0 and line[0].text in WEEKDAYS:
            groups.append([])
        (groups[-1] if groups else strays).extend(line if groups else [w.text for w in line])  # type: ignore[arg-type]
    rows = []
    for words in groups:
        cells = [" ".join(w.text for w in sorted((w for w in words if column(w) == i), key=lambda w: (w.y0, w.x0)))
                 for i in range(len(COLUMNS))]
        rows.append(GlanceRow(page, month, *cells))
    return rows, strays


# ---- pictures -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """A tagged picture and where it is printed: its page and its box in points from the top left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    page_width: float
    alt: str

    @property
    def width_mm(self) -> float:
        return (self.x1 - self.x0) / MM

    @property
    def height_mm(self) -> float:
        return (self.y1 - self.y0) / MM


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: the new CTM of 'm cm' is m x CTM)."""
    return (m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
            m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5])


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _mcid_matrices(page: Any) -> dict[int, Matrix]:
    """The transformation in effect where each marked-content sequence of a page starts, by MCID."""
    ctm, stack, found = IDENTITY, [], {}
    for operands, op in pikepdf.parse_content_stream(page):
        name = str(op)
        if name == "q":
            stack.append(ctm)
        elif name == "Q":
            ctm = stack.pop()
        elif name == "cm":
            ctm = _times(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
        elif name == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
            found[int(operands[1].MCID)] = ctm
    return found


def _struct(node: Any) -> Iterator[Any]:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from _struct(kid)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            yield node
        if "/K" in node:
            yield from _struct(node.K)


def _first_mcid(kids: Any) -> int:
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int):
            return kid
        if isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid:
            return int(kid.MCID)
    raise AssertionError("a Figure without marked content")


def figures(path: Path) -> list[Figure]:
    """Every tagged /Figure with the box it is printed in (see the module's docstring)."""
    found = []
    with pikepdf.open(path) as doc:
        numbers = {page.objgen: i for i, page in enumerate(doc.pages, start=1)}
        matrices: dict[int, dict[int, Matrix]] = {}
        for node in _struct(doc.Root.StructTreeRoot):
            if node.S != "/Figure":
                continue
            number = numbers[node.Pg.objgen]
            page = doc.pages[number - 1]
            if number not in matrices:
                matrices[number] = _mcid_matrices(page)
            ctm = matrices[number][_first_mcid(node.K)]
            x0, y0, x1, y1 = (float(v) for v in node.A.BBox)
            xs, ys = zip(*(_apply(ctm, x, y) for x in (x0, x1) for y in (y0, y1)), strict=True)
            height = float(page.mediabox[3])
            found.append(Figure(number, min(xs), height - max(ys), max(xs), height - min(ys),
                                float(page.mediabox[2]), str(node.get("/Alt", ""))))
    return found
