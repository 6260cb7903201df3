"""Easy read: generated points, the rules at file:line, the easy read pages and the PDF.

Pages are read as HTML (picture before words in every point, alt text, links) and the PDF
with pikepdf and pypdf (tags, language, title, page count, font sizes, alt text on every
figure). The layout in a real browser is checked in tests/browser/test_easy_read_layout.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from clikit import BUILD_DATE_EPOCH
from pypdf import PdfReader

from prospectus.build import pipeline
from prospectus.content import easyread_rules as rules
from prospectus.content.picture_names import BUILT_IN
from prospectus.model.objects import Prospectus
from prospectus.render.easyread import points as er

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Ran:
    """One run of build.py: exit code and everything it printed."""

    code: int
    text: str


def run_cli(*args: str | Path, timeout: float = 300) -> Ran:
    """``python build.py ARGS`` in a fresh process (SOURCE_DATE_EPOCH comes from conftest.py)."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    return Ran(proc.returncode, proc.stdout + proc.stderr)


# ---- reading the pages -------------------------------------------------------------------

class Points(HTMLParser):
    """Collects each li.er-point as the ordered list of its child elements, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[list[tuple[str, dict[str, str]]]] = []
        self.texts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._depth = 0
        self._in_point = 0
        self._in_text = False
        self._href: str | None = None
        self._link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("img", "br"):
            if self._in_point and self._depth == self._in_point:
                self.points[-1].append((tag, a))
            return
        self._depth += 1
        if tag == "li" and "er-point" in a.get("class", "").split():
            self._in_point = self._depth
            self.points.append([])
        elif self._in_point and self._depth == self._in_point + 1:
            self.points[-1].append((tag, a))
            if "er-point__text" in a.get("class", ""):
                self._in_text = True
                self.texts.append("")
        if tag == "a":
            self._href, self._link_text = a.get("href", ""), ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("img", "br"):
            return
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join(self._link_text.split())))
            self._href = None
        if self._in_text and tag == "p":
            self._in_text = False
        if self._in_point and self._depth == self._in_point and tag == "li":
            self._in_point = 0
        self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.texts[-1] += data
        if self._href is not None:
            self._link_text += data


def parse(path: Path) -> Points:
    parser = Points()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def clean(texts: list[str]) -> list[str]:
    return [" ".join(t.split()) for t in texts]


@pytest.fixture(scope="module")
def sample() -> Prospectus:
    """The sample prospectus read early in the autumn term, so every run is still to come."""
    p, problems = pipeline.read(pipeline.Options(content=ROOT / "content", today=dt.date(2026, 9, 1)))
    assert p is not None, problems
    return p


def course(p: Prospectus, course_id: str) -> Any:
    return next(c for c in p.courses if c.id == course_id)


def read_on(day: dt.date) -> Prospectus:
    p, problems = pipeline.read(pipeline.Options(content=ROOT / "content", today=day))
    assert p is not None, problems
    return p


def sections(p: Prospectus, c: Any, runs: tuple[Any, ...]) -> tuple[er.Section, ...]:
    """A course's easy read sections for the given runs, empty ones left out (as the page shows them)."""
    return tuple(s for s in er.course_parts(p, c, runs).sections if s.points)


def texts_of(sections: tuple[er.Section, ...]) -> dict[str, list[str]]:
    return {s.heading: [pt.text for pt in s.points] for s in sections}


# ---- generated points --------------------------------------------------------------------

def test_generated_points_for_a_course_with_two_runs(sample: Prospectus) -> None:
    c = course(sample, "understanding-anxiety")
    got = texts_of(sections(sample, c, c.runs_in(sample.college.terms[0])))
    assert got["About the course"][0] == "This course is about feeling worried or scared."
    assert got["Group 1: when"] == ["This group is full.", "There are 6 sessions.",
                                    "The first one is on Monday 14 September 2026.",
                                    "The last one is on Monday 19 October 2026.", "Each one is from 10am to 12pm."]
    assert got["Group 1: where"][:3] == ["It is at The Riverside Recovery Hub.",
                                         "The address is 3 Mill Lane, Ashbourne Vale AV1 4QT.",
                                         "The building has step-free access."]
    assert got["Group 2: when"][0] == "There are only a few places left."
    assert got["Group 2: when"][-1] == "Each one is from 6pm to 7:30pm."
    assert got["Group 2: where"] == ["It is online.", "We send you the link to join."]
    assert got["Who runs it"] == ["Sam has lived experience of mental health problems.",
                                  "Priya works in mental health services."]
    assert got["How to book"] == ["The course is free.", "Call 0121 496 0421 to book.", "Or book on our website."]


def test_single_session_and_unpublished_tutor(sample: Prospectus) -> None:
    c = course(sample, "hearing-voices")
    got = texts_of(sections(sample, c, c.runs))
    assert got["Who runs it"][0] == "A peer trainer has lived experience of mental health problems."
    assert "Morgan" not in str(got)
    assert "1 session is online." in got["Where"]
    one = course(sample, "boundaries")
    got = texts_of(sections(sample, one, one.runs[:1]))
    assert got["When"][-2:] == ["It is on Saturday 7 November 2026.", "It is from 10am to 3pm."]


def test_short_names() -> None:
    assert [er.short_name(n) for n in ("Priya Shah", "Sam", "Dr Jo Lee", "Prof. Ann Bell")] == \
        ["Priya", "Sam", "Dr Lee", "Prof. Bell"]


def test_course_without_runs_and_cancelled_runs(sample: Prospectus) -> None:
    c = course(sample, "photography-for-wellbeing")
    got = texts_of(sections(sample, c, ()))
    assert got["When"] == ["This course is not running at the moment.", "Ask us when it will run again."]
    assert "Where" not in got
    assert got["How to book"] == ["The course is free.", "Call 0121 496 0421 to ask about new dates."]
    digital = course(sample, "digital-skills")
    spring = [r for r in digital.runs if r.status == "cancelled"]
    assert texts_of(sections(sample, digital, tuple(spring)))["When"][0] == \
        "This course is cancelled."


def test_generated_points_follow_the_easy_read_rules(sample: Prospectus) -> None:
    """What the build writes itself must pass the checks it asks of editors."""
    for c in sample.courses:
        for printed in (False, True):
            parts = er.course_parts(sample, c, c.runs, printed)
            for s in parts.sections:
                for pt in s.points:
                    if pt.text in [p.text for p in er.editors_points(c.easy_read)]:
                        continue
                    found = [f for rule in rules.TEXT_RULES if (f := rule(pt.text))]
                    assert not found, (c.id, pt.text, found)
                    assert pt.picture in BUILT_IN and pt.alt


# ---- the rules ---------------------------------------------------------------------------

@pytest.mark.parametrize(("rule", "bad", "good"), [
    (rules.too_long, "You will learn lots of small and useful things about how to sleep well at night.",
     "You will learn about sleep."),
    (rules.several_sentences, "This course is about sleep. It is free.", "This course is about sleep."),
    (rules.number_words, "There are three sessions.", "There are 3 sessions. Each one is fun."),
    (rules.emphasis, "This is *really* important.", "This is **really** important."),
    (rules.emphasis, "This is _really_ important.", "Call us on 0121_496 today."),
    (rules.capitals, "This is VERY important.", "Make a WRAP with the NHS and your GP."),
])
def test_each_text_rule(rule: Any, bad: str, good: str) -> None:
    assert rule(bad) is not None
    assert rule(good) is None


def test_hard_words_need_an_explanation_in_the_same_or_next_point() -> None:
    words = {"facilitator": "the person who runs the group"}
    assert rules.hard_words("Your facilitator is kind.", "It is free.", words)
    assert not rules.hard_words("Your facilitator is kind.", "This means the person who runs the group.", words)
    assert not rules.hard_words("A facilitator is the person who runs the group.", "", words)
    assert not rules.hard_words("You meet the facilitators.", "They are the person who runs the group.", words)
    assert "This means the person who runs the group" in rules.hard_words("Facilitators help.", "", words)[0].hint


BAD_POINTS = """\
easy_read:
  points:
    - text: This course is about feeling calm and learning many different ways to relax each and every day.
      picture: calm
    - text: It is free. It is fun.
      picture: free
    - text: There are four sessions.
      picture: calendar
    - text: This is *really* good.
      picture: star
    - text: We meet in the GARDEN.
      picture: nature
    - text: A facilitator runs each session.
      picture: tutor
    - text: You can ask questions.
"""
EXPECTED = [  # (line within BAD_POINTS, words in the message)
    (3, "has 17 words; the most is 15"),
    (5, "more than one sentence"),
    (7, "writes the number 'four' in words"),
    (9, "uses italics or underlining"),
    (11, "writes 'GARDEN' in capital letters"),
    (13, "'facilitator' is a hard word"),
    (15, "has no picture"),
]


def write_bad_course(content: Path) -> tuple[Path, int]:
    path = content / "courses" / "feeling-calm.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("easy_read:")
    end = text.index("---", start)
    path.write_text(text[:start] + BAD_POINTS + text[end:], encoding="utf-8")
    return path, text[:start].count("\n")


def test_rules_report_file_and_line_and_strict_makes_them_errors(minimal_content: Path) -> None:
    _path, offset = write_bad_course(minimal_content)
    result = run_cli("check", "--content", minimal_content)
    assert result.code == 0, result.text
    for line, words in EXPECTED:
        pattern = rf"courses/feeling-calm\.md:{offset + line}: warning: [^\n]*{re.escape(words)}"
        assert re.search(pattern, result.text), (line, words, result.text)
    strict = run_cli("check", "--content", minimal_content, "--strict")
    assert strict.code == 1
    for line, words in EXPECTED:
        assert f"courses/feeling-calm.md:{offset + line}:" in strict.text and words in strict.text


def test_too_few_and_too_many_points(minimal_content: Path) -> None:
    path = minimal_content / "courses" / "quiet-walks.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    - text: It is free.\n      picture: free\n", "")
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("  points:")].count("\n") + 1
    result = run_cli("check", "--content", minimal_content)
    assert f"courses/quiet-walks.md:{line}: warning: This easy read version has 2 points; it needs 3 to 10." \
        in result.text, result.text
    many = "".join(f"    - text: Point {i}.\n      picture: star\n" for i in range(11))
    path.write_text(text.replace("  points:\n", "  points:\n" + many), encoding="utf-8")
    assert "has 13 points; it needs 3 to 10" in run_cli("check", "--content", minimal_content).text


def test_college_word_list_replaces_the_defaults(minimal_content: Path) -> None:
    path = minimal_content / "courses" / "feeling-calm.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("You will learn ways to relax.", "You will learn about mindfulness.")
    path.write_text(text, encoding="utf-8")
    assert "hard word" not in run_cli("check", "--content", minimal_content).text
    (minimal_content / "easy-read-words.yaml").write_text("- mindfulness\n- relax\n", encoding="utf-8")
    result = run_cli("check", "--content", minimal_content)
    assert "'mindfulness' is a hard word" in result.text
    (minimal_content / "easy-read-words.yaml").write_text("mindfulness: noticing what is happening now\n"
                                                          "facilitator:\n", encoding="utf-8")
    assert "For example: 'This means noticing what is happening now.'" in \
        run_cli("check", "--content", minimal_content).text
    (minimal_content / "easy-read-words.yaml").write_text("words:\n  - [a, b]\n", encoding="utf-8")
    bad = run_cli("check", "--content", minimal_content)
    assert "easy-read-words.yaml:1: This file should be a list of hard words" in bad.text and bad.code == 1


def test_no_easy_read_gives_exactly_one_warning_and_the_help_line(minimal_content: Path, tmp_path: Path) -> None:
    course = minimal_content / "courses" / "quiet-walks.md"
    text = course.read_text(encoding="utf-8")
    course.write_text(re.sub(r"easy_read:\n(  .*\n)+", "", text), encoding="utf-8")
    result = run_cli("--content", minimal_content, "--output", tmp_path / "site", "--no-pdf")
    assert result.code == 0, result.text
    assert result.text.count("quiet-walks.md: warning: This course has no easy read") == 1
    page = parse(tmp_path / "site" / "easy-read" / "courses" / "quiet-walks" / "index.html")
    assert clean(page.texts)[0] == "Ask us if you want help to understand this course."


def test_the_sample_passes_the_strict_check() -> None:
    result = run_cli("check", "--strict", "--content", ROOT / "content")
    assert result.code == 0 and result.text == "Content is fine. Nothing was built.\n", result.text


# ---- the website --------------------------------------------------------------------------

def test_every_course_has_an_easy_read_page_linked_from_its_course_page(sample_site: Path,
                                                                        sample: Prospectus) -> None:
    courses = [c.id for c in sample.courses]
    assert len(courses) == 24
    listed = {href for href, _ in parse(sample_site / "easy-read" / "index.html").links}
    for cid in courses:
        assert (sample_site / "easy-read" / "courses" / cid / "index.html").is_file(), cid
        links = parse(sample_site / "courses" / cid / "index.html").links
        assert any(h == f"../../easy-read/courses/{cid}/" and t.startswith("Easy read version") for h, t in links), cid
        assert f"../easy-read/courses/{cid}/" in listed, cid


def test_home_page_and_navigation_link_to_easy_read(sample_site: Path) -> None:
    home = parse(sample_site / "index.html").links
    assert ("easy-read/", "Easy read") in home
    assert any(h == "easy-read/" and t.startswith("Easy read:") for h, t in home)
    venues = parse(sample_site / "venues" / "index.html").links
    assert ("../easy-read/", "Easy read") in venues


def test_every_point_has_its_picture_first_with_alt_text(sample_site: Path) -> None:
    folder = sample_site / "easy-read"
    pages = [folder / "index.html", *sorted(folder.glob("courses/*/index.html"))]
    for page in pages:
        parsed = parse(page)
        assert parsed.points, page
        for children in parsed.points:
            (tag0, img), (tag1, text) = children[0], children[1]
            assert tag0 == "img" and img["alt"].strip(), (page, children)
            assert (page.parent / img["src"]).resolve().is_file(), (page, img["src"])
            assert tag1 == "p" and "er-point__text" in text["class"], (page, children)
    css = (sample_site / "static" / "easy-read.css").read_text(encoding="utf-8")
    assert re.search(r"\.er-point \{[^}]*display: flex", css) and "row-reverse" not in css
    assert "font-style: italic" not in css


def test_easy_read_page_words(sample_site: Path) -> None:
    page = sample_site / "easy-read" / "courses" / "understanding-anxiety" / "index.html"
    texts = clean(parse(page).texts)
    assert "The full name of this course is" in page.read_text(encoding="utf-8")
    assert "Call 0121 496 0421 to book." in texts
    html = page.read_text(encoding="utf-8")
    assert 'href="tel:01214960421"' in html
    assert "If you need help now, call:" in html and 'href="tel:116123"' in html
    assert '<a class="skip-link" href="#main">' in html
    for forbidden in ("<i>", "<em>", "<u>"):
        assert forbidden not in html.split("<main", 1)[1].split("</main>", 1)[0]
    index = (sample_site / "easy-read" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in index and "creativecommons.org/licenses/by/4.0" in index


def test_missing_built_in_picture_is_a_clear_build_error(tmp_path: Path) -> None:
    """A college cannot take a built-in picture away (its templates only add or replace), so only a
    damaged installation can lack one: the build stops and names the file."""
    from prospectus.problems import TemplateProblem
    from prospectus.render.easyread.site import check_pictures
    from prospectus.render.templates import Templates

    builtin = tmp_path / "installed"
    shutil.copytree(ROOT / "templates", builtin)
    (builtin / "static" / "pictures" / "calm.svg").unlink()
    check_pictures(Templates(None, ROOT / "templates"), {"calm", "book"})  # the real set has it
    with pytest.raises(TemplateProblem) as caught:
        check_pictures(Templates(None, builtin), {"calm", "book"})
    assert caught.value.problem.format().startswith("templates/static/pictures/calm.svg: The easy read picture "
                                                    "'calm' is missing.")
    own = tmp_path / "own"
    (own / "static" / "pictures").mkdir(parents=True)
    (own / "static" / "pictures" / "calm.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    check_pictures(Templates(own, builtin), {"calm", "book"})  # the college's own drawing stands in


def test_a_mistake_in_an_easy_read_template_names_its_path(minimal_content: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    points = templates / "easy-read" / "_points.html"
    points.write_text(points.read_text(encoding="utf-8").replace("pt.alt", "pt.no_such_thing"), encoding="utf-8")
    result = run_cli("--content", minimal_content, "--output", tmp_path / "site", "--templates", templates,
                     "--no-pdf")
    named = re.search(re.escape(f"{templates.as_posix()}/easy-read/_points.html:") + r"(\d+):", result.text)
    assert result.code == 1 and named, result.text
    assert "pt.no_such_thing" in points.read_text(encoding="utf-8").splitlines()[int(named.group(1)) - 1]


def test_college_picture_is_copied_with_its_alt_text(minimal_content: Path, tmp_path: Path) -> None:
    (minimal_content / "pictures").mkdir()
    shutil.copyfile(ROOT / "content" / "photos" / "sam.jpg", minimal_content / "pictures" / "garden.jpg")
    path = minimal_content / "courses" / "feeling-calm.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "      picture: calm\n", "      picture: pictures/garden.jpg\n      alt: Our garden\n"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_cli("--content", minimal_content, "--output", out, "--no-pdf")
    assert result.code == 0, result.text
    assert (out / "media" / "pictures" / "garden.jpg").is_file()
    img = parse(out / "easy-read" / "courses" / "feeling-calm" / "index.html").points[0][0][1]
    assert img["src"] == "../../../media/pictures/garden.jpg" and img["alt"] == "Our garden"


# ---- the PDF ------------------------------------------------------------------------------------

def font_sizes(path: Path) -> Counter[float]:
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            sizes[round(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]), 1)] += len(text.strip())

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    found = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [k for k in found if isinstance(k, pikepdf.Dictionary)]


def _all(node: Any) -> list[Any]:
    return [node] + [d for kid in _kids(node) for d in _all(kid)]


def figures(root: Any) -> list[Any]:
    return [n for n in _all(root) if n.get("/S") == "/Figure"]


def test_easy_read_pdf_is_tagged_titled_large_and_short(pdf_site: Path) -> None:
    """Short for what it holds: with pictures 25mm wide in one column and each course on a new page
    (issue 17), a course takes about two pages, after four pages of cover, contents and introduction."""
    built = read_on(dt.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), dt.UTC).date())
    for term in ("autumn-2026", "spring-2027"):
        path = pdf_site / "pdf" / f"{term}-easy-read.pdf"
        courses = [c for c in built.courses if any(r.term.id == term for r in c.current_runs)]
        with pikepdf.open(path) as doc:
            assert len(doc.pages) <= 4 + 2 * len(courses), (term, len(doc.pages), len(courses))
            assert "/StructTreeRoot" in doc.Root and doc.Root.MarkInfo.Marked
            assert str(doc.Root.Lang) == "en-GB"
            assert str(doc.docinfo.Title).startswith("Easy read guide: Riverside Recovery College")
            assert doc.Root.ViewerPreferences.DisplayDocTitle
            box = doc.pages[0].mediabox
            assert (round(float(box[2])), round(float(box[3]))) == (595, 842)
            figs = figures(doc.Root.StructTreeRoot)
            assert len(figs) > 100 and all(str(f.get("/Alt", "")).strip() for f in figs)
        sizes = font_sizes(path)
        assert min(sizes) >= 16, sizes


def test_pictures_are_on_the_left_in_the_pdf(pdf_site: Path) -> None:
    """In every point the picture comes first (tag order) and the words start right of it."""
    path = pdf_site / "pdf" / "autumn-2026-easy-read.pdf"
    with pikepdf.open(path) as doc:
        bodies = [f for f in _all(doc.Root.StructTreeRoot) if f.get("/S") == "/LBody" and
                  any(k.get("/S") == "/Figure" for k in _kids(f))]
        assert len(bodies) > 100
        assert all([k.get("/S") for k in _kids(b)][:2] == ["/Figure", "/P"] for b in bodies)
    if not shutil.which("pdftotext"):
        return
    # page 5: the first course (after the cover, the contents and two pages of introduction)
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "5", "-l", "5", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
    xs = [float(x) for x in re.findall(r'<word xMin="([\d.]+)"', bbox)]
    margin = min(xs)
    title_x = xs[0]
    assert title_x == pytest.approx(margin, abs=1)
    point_x = float(re.search(r'<word xMin="([\d.]+)"[^>]*>This</word>', bbox).group(1))  # type: ignore[union-attr]
    assert point_x >= margin + 25 / 25.4 * 72, (margin, point_x)  # a picture 25mm wide sits to its left


def test_course_list_says_when_each_course_runs(sample: Prospectus) -> None:
    on_now = read_on(dt.date(2026, 11, 23))
    assert er.summary_point(course(on_now, "walk-and-talk")).text == "It runs until Saturday 12 December 2026."
    assert er.summary_point(course(on_now, "living-with-bipolar")).text == \
        "It starts on Thursday 25 February 2027."
    assert er.summary_point(course(on_now, "photography-for-wellbeing")).text == \
        "It is not running at the moment."
    assert er.summary_point(course(on_now, "volunteering-and-wellbeing")).text == \
        "It runs when enough people ask for it."
    later = read_on(dt.date(2027, 4, 2))  # after the last run of the sample
    assert er.summary_point(course(later, "living-with-bipolar")).text == "It is not running at the moment."


def test_easy_read_index_links_the_pdfs(pdf_site: Path) -> None:
    links = parse(pdf_site / "easy-read" / "index.html").links
    assert ("../pdf/autumn-2026-easy-read.pdf", "Easy read guide for Autumn term 2026 (PDF)") in links
