"""The printed brochures, checked by opening the PDFs as a reader's software would.

The sample prospectus is built with PDFs once per session (``pdf_site``, in conftest.py); the cache, the
reproducibility and the accessibility failure are checked on the small fixture college.
Structure and metadata are read with pikepdf, text with poppler's pdftotext (reading order)
and font sizes with pypdf's text visitor, so no extra PDF library is needed.
"""

from __future__ import annotations

import dataclasses
import math
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pikepdf
import printkit
import pytest
from clikit import run_cli
from pypdf import PdfReader

from prospectus import words
from prospectus.build import pipeline
from prospectus.model import printed, urls
from prospectus.model.objects import Prospectus
from prospectus.problems import ContentError, TemplateProblem
from prospectus.render.print import BASE
from prospectus.render.print import brochures as pdf
from prospectus.render.print import pdf as pdfrender
from prospectus.tools.linkcheck import check_site

ROOT = Path(__file__).resolve().parent.parent
MIN_BODY_PT = {"prospectus-a4": 12.0, "prospectus-a5": 11.0, "large-print": 18.0}
PAGE_SIZE_PT = {"prospectus-a4": (595, 842), "prospectus-a5": (420, 595), "large-print": (595, 842)}


@pytest.fixture(scope="session")
def sample() -> Prospectus:
    p, _ = pipeline.read(pipeline.Options(content=ROOT / "content"))
    assert p is not None
    return p


def brochures(p: Prospectus) -> Iterator[tuple[Any, pdf.Variant, str]]:
    for term in p.college.terms:
        for variant in pdf.VARIANTS:
            yield term, variant, urls.brochure(term.id, variant.id)


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order, with runs of white space made single spaces."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout)


def outline_titles(path: Path) -> list[str]:
    with pikepdf.open(path) as doc, doc.open_outline() as outline:
        found: list[str] = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            found.append(item.title)
            stack[:0] = list(item.children)
        return found


def test_every_term_has_an_a4_an_a5_and_a_large_print_brochure(pdf_site: Path, sample: Prospectus) -> None:
    for _term, _variant, rel in brochures(sample):
        assert (pdf_site / rel).is_file(), rel


def test_brochures_are_tagged_titled_and_have_a_language(pdf_site: Path, sample: Prospectus) -> None:
    for term, _variant, rel in brochures(sample):
        with pikepdf.open(pdf_site / rel) as doc:
            root = doc.Root
            assert "/StructTreeRoot" in root and len(root.StructTreeRoot.K) > 0, rel
            assert root.MarkInfo.Marked is True, rel
            assert str(root.Lang) == sample.college.language, rel
            assert root.ViewerPreferences.DisplayDocTitle is True, rel
            title = str(doc.docinfo["/Title"])
            assert sample.college.name in title and term.name in title, rel
            assert b"pdfuaid:part" in doc.Root.Metadata.read_bytes(), rel


def structure(path: Path) -> list[tuple[str, str]]:
    """The tagged structure in document order: (tag, alt text) for every element."""
    found: list[tuple[str, str]] = []
    with pikepdf.open(path) as doc:
        stack: list[Any] = [doc.Root.StructTreeRoot]
        while stack:
            node = stack.pop(0)
            if isinstance(node, pikepdf.Array):
                stack[:0] = list(node)
            elif isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    found.append((str(node.S), str(node.get("/Alt", ""))))
                if "/K" in node:
                    stack.insert(0, node.K)
    return found


def test_headings_never_skip_a_level_and_every_figure_has_alt_text(pdf_site: Path, sample: Prospectus) -> None:
    for term, _variant, rel in brochures(sample):
        tags = structure(pdf_site / rel)
        levels = [int(tag[2]) for tag, _alt in tags if re.fullmatch(r"/H[1-6]", tag)]
        assert levels[0] == 1 and levels.count(1) == 1, rel
        skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        assert not skips, f"{rel}: heading levels jump {skips[:3]}"
        figures = [alt for tag, alt in tags if tag == "/Figure"]
        teaching = {t.id for c in sample.courses if c.runs_in(term) for t in (*c.facilitators, *c.co_producers)}
        photos = [t for t in sample.published_tutors if t.photo and t.id in teaching]
        assert len(figures) >= len(photos) and all(figures), rel
        assert sum(tag == "/Table" for tag, _alt in tags) >= 1, rel


def test_bookmarks_for_every_section_category_and_course(pdf_site: Path, sample: Prospectus) -> None:
    for term, _variant, rel in brochures(sample):
        titles = outline_titles(pdf_site / rel)
        courses = [c for c in sample.courses if c.runs_in(term)]
        wanted = ["Contents", "How to enrol", "Enrolment form", "Timetable at a glance", "Our courses this term",
                  "Where we meet", "If you need help now", "Contact us"]
        wanted += sorted({c.category.name for c in courses}) + [c.title for c in courses]
        missing = [w for w in wanted if not any(t.startswith(w) for t in titles)]
        assert not missing, f"{rel}: no bookmark for {missing}"


def test_course_titles_and_session_dates_read_in_order(pdf_site: Path, sample: Prospectus) -> None:
    for term, _variant, rel in brochures(sample):
        text = pdf_text(pdf_site / rel)
        assert "We are not a crisis service" in text, rel
        for course in (c for c in sample.courses if c.runs_in(term)):
            start = text.find(re.sub(r"\s+", " ", course.summary)[:60])
            assert start > 0 and course.title in text[start - 200:start], f"{rel}: {course.title}"
            at = start
            for run in course.runs_in(term):
                for session in run.sessions:
                    at = text.find(words.long_date(session.date), at)
                    assert at > 0, f"{rel}: {course.title} {session.date} missing or out of order"
        rows, _strays = printkit.glance_rows(pdf_site / rel)  # the timetable at a glance, row by row
        shown = {(row.month, row.day, row.title, day) for row in rows for day in row.days}
        for course in (c for c in sample.courses if c.runs_in(term)):
            for day in {s.date for r in course.runs_in(term) for s in r.sessions}:
                seen = (words.month_year(day), words.weekday(day), course.title, day.day)
                assert seen in shown, f"{rel}: {course.title} on {day} missing from the timetable"


def test_fonts_are_embedded(pdf_site: Path) -> None:
    for path in sorted((pdf_site / "pdf").glob("*.pdf")):
        with pikepdf.open(path) as doc:
            names = set()
            for page in doc.pages:
                for font in page.Resources.get("/Font", {}).values():
                    descendants = font.get("/DescendantFonts")
                    desc = (descendants[0] if descendants else font).get("/FontDescriptor")
                    assert desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), path
                    names.add(str(font.BaseFont))
            assert names and all("Atkinson" in n for n in names), (path, names)


def body_font_size(path: Path) -> float:
    """The font size (pt) that most characters on the course pages are set in."""
    reader = PdfReader(path)
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            sizes[round(size * scale, 1)] += len(text.strip())

    middle = len(reader.pages) // 2
    for page in reader.pages[middle:middle + 6]:
        page.extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]


def test_body_text_sizes_and_page_sizes(pdf_site: Path, sample: Prospectus) -> None:
    for _term, variant, rel in brochures(sample):
        assert body_font_size(pdf_site / rel) >= MIN_BODY_PT[variant.id], rel
        with pikepdf.open(pdf_site / rel) as doc:
            box = doc.pages[0].mediabox
            assert (round(float(box[2])), round(float(box[3]))) == PAGE_SIZE_PT[variant.id], rel


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.endswith(".pdf"):
            self.links.append(href)


def pdf_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def test_home_and_timetable_pages_link_each_brochure_with_its_real_size(pdf_site: Path, sample: Prospectus) -> None:
    home = (pdf_site / "index.html").read_text(encoding="utf-8")
    assert len(pdf_links(pdf_site / "index.html")) == len(pdf.VARIANTS)
    for term, _variant, rel in brochures(sample):
        page = pdf_site / "timetable" / term.id / "index.html"
        assert f"../../{rel}" in pdf_links(page)
        size = pdf.file_size((pdf_site / rel).stat().st_size)
        assert f"PDF, {size}" in page.read_text(encoding="utf-8"), rel
        if term == sample.current_term:
            assert f'href="{rel}"' in home and size in home
    assert [broken for broken in check_site(pdf_site) if ".pdf" in broken] == []


def test_no_brochure_links_without_pdfs(sample_site: Path) -> None:
    assert not (sample_site / "pdf").exists()
    assert pdf_links(sample_site / "index.html") == []
    assert all(pdf_links(page) == [] for page in (sample_site / "timetable").glob("*/index.html"))


# The small fixture college: cache, reproducible bytes and the accessibility failure.

def _build(content: Path, out: Path, cache: Path, **kw: Any) -> None:
    pipeline.build(pipeline.Options(content=content, output=out, pdf_cache=cache, cache=out.parent / "build-cache",
                                    **kw))


def test_same_content_same_bytes_and_the_cache_skips_rendering(
        minimal_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = pdfrender.render_pdf

    def counting(html: str, target: Path, **kw: Any) -> None:
        if "easy-read" not in kw["source"]:  # the printed brochures (the easy read one is made beside them)
            calls.append(target)
        real(html, target, **kw)

    monkeypatch.setattr(pdfrender, "render_pdf", counting)
    monkeypatch.setenv("PROSPECTUS_WORKERS", "1")  # every render in this process, where it is counted
    _build(minimal_content, tmp_path / "one", tmp_path / "cache-one")
    assert len(calls) == len(pdf.VARIANTS)
    _build(minimal_content, tmp_path / "three", tmp_path / "cache-one")
    assert len(calls) == len(pdf.VARIANTS), "an unchanged brochure was rendered again"
    (tmp_path / "fresh").mkdir()  # another process (another hash seed), with its own empty cache
    result = run_cli("--content", minimal_content, "--output", "two", "-q", cwd=tmp_path / "fresh")
    assert result.code == 0, result.text
    for path in sorted((tmp_path / "one" / "pdf").glob("*.pdf")):
        for other in (tmp_path / "fresh" / "two", tmp_path / "three"):
            assert path.read_bytes() == (other / "pdf" / path.name).read_bytes(), path.name
    course = minimal_content / "courses" / "feeling-calm.md"
    course.write_text(course.read_text(encoding="utf-8").replace("title: ", "title: Changed ", 1), encoding="utf-8")
    _build(minimal_content, tmp_path / "four", tmp_path / "cache-one")
    assert len(calls) == 2 * len(pdf.VARIANTS), "a changed course did not rebuild the brochures"
    assert "Changed" in pdf_text(tmp_path / "four" / "pdf" / "autumn-2026-prospectus-a4.pdf")


def test_a_picture_without_alt_text_fails_the_build_with_a_message(minimal_content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    brochure = templates / "pdf" / "brochure.html"
    brochure.write_text(brochure.read_text(encoding="utf-8").replace(
        '<section class="cover">', '<section class="cover"><img src="../static/favicon.svg">'), encoding="utf-8")
    result = run_cli("--content", minimal_content, "--output", "site", "--templates", "templates",
                     cwd=tmp_path)  # relative paths, as an editor types them
    assert result.code == 1
    assert "templates/pdf/brochure.html" in result.err and "alt text" in result.err, result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "site").exists()


def test_a_document_without_a_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem, match="lang"):
        pdfrender.render_pdf("<!DOCTYPE html><html><title>x</title><p>Hello</p></html>", tmp_path / "x.pdf",
                             base_url=BASE, source="templates/pdf/brochure.html", templates=tmp_path, media={})
    assert not (tmp_path / "x.pdf").exists()


def test_a_term_with_too_many_courses_to_print_gets_no_brochures_and_a_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regional directory must not spend gigabytes on a 3,000-page brochure: the sample's autumn
    term has 21 courses and spring 19, so a limit of 20 leaves out autumn's brochures only."""
    rendered: list[str] = []

    def fake(html: str, target: Path, **kw: Any) -> None:  # the real one takes seconds per brochure
        rendered.append(html)
        target.write_bytes(b"%PDF-1.7\n%%EOF\n")

    monkeypatch.setattr(pdfrender, "render_pdf", fake)
    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "20")
    monkeypatch.setenv("PROSPECTUS_WORKERS", "1")  # every render in this process, where it is counted
    opts = pipeline.Options(content=ROOT / "content", output=tmp_path / "site", cache=tmp_path / "cache")
    result = pipeline.build(opts)
    warned = [p for p in result.problems if "brochure" in p.message]
    assert [(p.path, p.is_error) for p in warned] == [("college.yaml", False)]
    assert "Autumn term 2026 has 21 courses" in warned[0].message and "at most 20" in warned[0].message
    assert "other terms' brochures are made" in warned[0].message and "--no-pdf" in warned[0].hint
    college = (ROOT / "content" / "college.yaml").read_text(encoding="utf-8").splitlines()
    assert college[warned[0].line - 1].strip().lstrip("- ") == "id: autumn-2026"
    site = tmp_path / "site"
    assert sorted(f.name for f in (site / "pdf").iterdir()) == [
        "spring-2027-easy-read.pdf", "spring-2027-large-print.pdf", "spring-2027-prospectus-a4.pdf",
        "spring-2027-prospectus-a5.pdf"]
    assert len(rendered) == 4 and not any("Autumn term 2026" in h.split("</title>")[0] for h in rendered)
    for made in site.rglob("*"):  # nothing offers a brochure that was not made (the index is compressed)
        if made.is_file() and made.suffix != ".pdf" and "pagefind" not in made.parts:
            assert b"pdf/autumn-2026-" not in made.read_bytes(), made
    assert "spring-2027-easy-read.pdf" in (site / "easy-read" / "index.html").read_text(encoding="utf-8")
    assert check_site(site) == []

    quiet = pipeline.build(dataclasses.replace(opts, pdf=False, output=tmp_path / "no-pdf"))
    assert not [p for p in quiet.problems if "brochure" in p.message]


def test_with_strict_a_term_too_big_to_print_fails_the_build(minimal_content: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "0")
    opts = pipeline.Options(content=minimal_content, output=tmp_path / "site", cache=tmp_path / "cache", strict=True)
    with pytest.raises(ContentError, match="more than fit in a printed brochure"):
        pipeline.build(opts)
    assert not (tmp_path / "site").exists()


def _fake_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfrender, "render_pdf", lambda html, target, **kw: target.write_bytes(b"%PDF-1.7\n%%EOF\n"))


def test_raising_the_brochure_limit_is_a_change_the_next_build_sees(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The warning says how to print the term anyway; doing so must not be met with 'nothing has changed'."""
    _fake_pdfs(monkeypatch)
    opts = pipeline.Options(content=ROOT / "content", output=tmp_path / "site", cache=tmp_path / "cache")
    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "20")
    pipeline.build(opts)
    assert not (tmp_path / "site" / "pdf" / "autumn-2026-prospectus-a4.pdf").exists()
    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "1,000")
    again = pipeline.build(opts)
    assert not again.unchanged
    assert not [p for p in again.problems if "brochure" in p.message]
    assert (tmp_path / "site" / "pdf" / "autumn-2026-prospectus-a4.pdf").is_file()


def test_a_brochure_limit_that_is_not_a_number_is_reported_and_the_usual_limit_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_pdfs(monkeypatch)
    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "\u00b2")  # isdigit() is true for it; int() fails
    result = pipeline.build(pipeline.Options(content=ROOT / "content", output=tmp_path / "site",
                                             cache=tmp_path / "cache"))
    assert [p.message for p in result.problems if "BROCHURE" in p.message] == [
        f"PROSPECTUS_BROCHURE_MAX_COURSES is set to '\u00b2', which is not a whole number, so brochures list "
        f"at most {printed.MAX_COURSES} courses."]
    assert (tmp_path / "site" / "pdf" / "autumn-2026-prospectus-a4.pdf").is_file()


def test_the_live_preview_shows_the_brochure_warning_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prospectus.preview.incremental import Incremental

    monkeypatch.setenv("PROSPECTUS_BROCHURE_MAX_COURSES", "20")
    shown = Incremental(pipeline.Options(content=ROOT / "content", output=tmp_path / "site",
                                         cache=tmp_path / "cache")).update()
    assert shown.ok and [p.line > 0 for p in shown.problems if "more than fit in a printed brochure" in p.message] == [
        True]
    quiet = Incremental(pipeline.Options(content=ROOT / "content", output=tmp_path / "site2", cache=tmp_path / "cache",
                                         pdf=False)).update()
    assert not [p for p in quiet.problems if "brochure" in p.message]
