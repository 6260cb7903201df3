"""The printed term brochures: A4, A5 and large print PDFs for every term, from the same model.

One set of templates (``templates/pdf/brochure.html`` and its partials) makes every variant;
each variant only adds its own stylesheet (``a4.css``, ``a5.css``, ``large-print.css``), linked
from the template as a second ``<link>`` because WeasyPrint lets the page's own CSS beat any
stylesheet passed to ``write_pdf``.  Rendering is slow (seconds per brochure), so finished PDFs
are kept in a cache keyed on everything that goes into them and copied when nothing changed.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2

from .. import images, parallel, pdfrender
from .. import model as m
from ..errors import Problem, Severity
from ..markdown import media_html
from ..render.print import BASE
from ..templating import render
from ..words import _
from . import html as site_html


@dataclass(frozen=True)
class Variant:
    """One printed format: the file name ending, its stylesheet and how the website names it."""

    id: str
    stylesheet: str
    label: str


VARIANTS = (
    Variant("prospectus-a4", "a4.css", _("A4")),
    Variant("prospectus-a5", "a5.css", _("A5 booklet size")),
    Variant("large-print", "large-print.css", _("large print, A4")),
)
# A term with more courses than this gets no brochures.  A brochure runs to 2.5 (A4) to 3.5 (A5)
# pages a course, more in large print, and WeasyPrint holds the whole document in memory: on the
# 1,000-course benchmark corpus (every course runs in both terms) the A4 and A5 brochures had
# 2,499 and 3,459 pages and took about 5 minutes and 3.5 to 4 GB each, two being made at once.
# PROSPECTUS_BROCHURE_MAX_COURSES changes the limit.
MAX_COURSES = 200
# Short words for a run's status in the timetable table, where space is tight (still words, never colour).
STATUS_SHORT = {
    "open": _("Open"),
    "few-places": _("Few left"),
    "full": _("Full"),
    "waiting-list": _("Waiting list"),
    "cancelled": _("Cancelled"),
}
# Names for the languages a course may be taught in (BCP 47 codes in content); others are shown as written.
LANGUAGE_NAMES = {
    "en": _("English"), "cy": _("Welsh"), "pl": _("Polish"), "ur": _("Urdu"), "bn": _("Bengali"),
    "pa": _("Punjabi"), "gu": _("Gujarati"), "ar": _("Arabic"), "so": _("Somali"), "ro": _("Romanian"),
    "pt": _("Portuguese"), "es": _("Spanish"), "fr": _("French"), "zh": _("Chinese"), "bfi": _("British Sign Language"),
}


def language_name(code: str) -> str:
    """'Polish' for 'pl', 'English' for 'en-GB'; an unknown code is shown as it is."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


INTRO_PAGES = ("what-is-a-recovery-college", "co-production")
TEMPLATE = "pdf/brochure.html"

# Replaced in tests to count renders; the signature is that of pdfrender.render_pdf.
renderer: Callable[..., None] = pdfrender.render_pdf


@dataclass(frozen=True)
class Brochure:
    """A built brochure as the website links to it: 'Autumn term 2026 brochure, A4 (PDF, 1.2 MB)'."""

    href: str
    text: str
    variant: str


LIMIT_VARIABLE = "PROSPECTUS_BROCHURE_MAX_COURSES"


def _limit() -> tuple[int, bool]:
    """The most courses one term's brochures list: PROSPECTUS_BROCHURE_MAX_COURSES when it is set to a
    whole number (commas allowed, as in 1,000), otherwise MAX_COURSES; and whether it could be read."""
    raw = os.environ.get(LIMIT_VARIABLE, "").strip()
    value = raw.replace(",", "").replace("_", "")
    if not raw:
        return MAX_COURSES, True
    if value.isascii() and value.isdigit():
        return int(value), True
    return MAX_COURSES, False


def term_courses(p: m.Prospectus, term: m.Term) -> int:
    """How many courses a term's brochures list: every course that runs in the term."""
    return sum(1 for c in p.courses if c.runs_in(term))


def printed_terms(p: m.Prospectus) -> tuple[m.Term, ...]:
    """The terms that get brochures (printed and easy read): those with at most the limit's courses."""
    limit = _limit()[0]
    return tuple(t for t in p.college.terms if term_courses(p, t) <= limit)


def too_many_courses(p: m.Prospectus, lines: dict[str, int]) -> list[Problem]:
    """A warning for each term left without brochures because it has too many courses to print
    (at the term's line of college.yaml, from ``lines``), and one for a limit that is set but
    cannot be read."""
    limit, readable = _limit()
    counts = {term.id: term_courses(p, term) for term in p.college.terms}
    found: list[Problem] = []
    if not readable:
        raw = os.environ.get(LIMIT_VARIABLE, "").strip()
        found.append(Problem("college.yaml", 0, f"{LIMIT_VARIABLE} is set to '{raw}', which is not a whole "
                             f"number, so brochures list at most {MAX_COURSES} courses.",
                             f"Set it to a number of courses, such as {LIMIT_VARIABLE}=400.", Severity.WARNING))
    for term in p.college.terms:
        if counts[term.id] <= limit:
            continue
        others = " The other terms' brochures are made as usual." if min(counts.values()) <= limit else ""
        found.append(Problem(
            "college.yaml", lines.get(term.id, 0),
            f"{term.name} has {counts[term.id]} courses, more than fit in a printed brochure (at most "
            f"{limit}), so the build makes no brochures for this term: no A4, A5, large print or easy read "
            f"PDF. The website still lists every course.{others}",
            "Nothing needs fixing. To print this term anyway, raise the limit as 'PDF brochures' in "
            "README.md explains (it needs a computer with plenty of memory); to leave out every brochure, "
            "and this message, build with --no-pdf.", Severity.WARNING))
    return found


def pdf_path(term: m.Term, variant: Variant) -> str:
    """The brochure's path in the site, fixed by the content format spec."""
    return f"pdf/{term.id}-{variant.id}.pdf"


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: its HTML, the cache key of everything it is made from, and where it goes."""

    rel: str
    html: str
    key: str
    base_url: str
    source: str


@dataclass(frozen=True)
class Assets:
    """All a brochure may read besides its HTML (render/print/fetch.py): the templates folder, and
    the cleaned pictures by site path, with the digest of each (for the cache key)."""

    templates: Path
    media: Mapping[str, Callable[[], bytes]]
    digests: Mapping[str, str]


def assets(templates: Path, content: Path, pictures: list[images.Picture], cache: Path) -> Assets:
    """The brochures' files: the same cleaned pictures the website publishes (upright, resized, no
    metadata), made or taken from the picture cache only when a brochure asks for them."""
    media: dict[str, Callable[[], bytes]] = {}
    digests: dict[str, str] = {}
    for pic in pictures:
        made = functools.cache(functools.partial(images.publish, content, pic, cache))
        for path in pic.files:
            media[path] = functools.partial(lambda path, made: made()[path], path, made)
            digests[path] = pic.digest
    return Assets(templates, media, digests)


def render_cached(jobs: list[PdfJob], cache: Path, files: Assets) -> dict[str, Path]:
    """Each job's PDF in the cache, rendering (on both cores) only those not there already."""
    cache.mkdir(parents=True, exist_ok=True)
    missing = [job for job in jobs if not (cache / f"{job.key}.pdf").is_file()]

    def render_one(job: PdfJob) -> str:
        partial = cache / f"{job.key}.{os.getpid()}.part"
        renderer(job.html, partial, base_url=job.base_url, source=job.source, identifier_extra=job.key.encode(),
                 templates=files.templates, media=files.media)
        partial.replace(cache / f"{job.key}.pdf")
        return job.key

    parallel.map_split(render_one, missing, min_items=2)
    return {job.rel: cache / f"{job.key}.pdf" for job in jobs}


def build_all(p: m.Prospectus, env: jinja2.Environment, files: Assets, pictures: Mapping[str, images.Picture],
              cache: Path, write: Callable[[str, Path], None],
              variants: tuple[Variant, ...] = VARIANTS) -> dict[str, list[Brochure]]:
    """Render (or copy from the cache) every brochure; ``write(rel, file)`` puts one in the site."""
    jobs: list[tuple[m.Term, Variant, PdfJob]] = []
    for term in printed_terms(p):
        for variant in variants:
            html = brochure_html(p, env, term, variant, pictures)
            job = PdfJob(pdf_path(term, variant), html, cache_key(html, files, variant.id), BASE + "pdf/",
                         f"templates/{TEMPLATE}")
            jobs.append((term, variant, job))
    made = render_cached([job for _, _, job in jobs], cache, files)
    found: dict[str, list[Brochure]] = {}
    for term, variant, job in jobs:
        write(job.rel, made[job.rel])
        text = _("{term} brochure, {variant} (PDF, {size})").format(
            term=term.name, variant=variant.label, size=file_size(made[job.rel].stat().st_size))
        found.setdefault(term.id, []).append(Brochure(job.rel, text, variant.id))
    return found


def brochure_html(p: m.Prospectus, env: jinja2.Environment, term: m.Term, variant: Variant,
                  pictures: Mapping[str, images.Picture]) -> str:
    """The brochure for one term and variant as one HTML document."""
    return render(env, TEMPLATE, brochure_context(p, term, variant, pictures))


def printed_picture(pictures: Mapping[str, images.Picture]) -> Callable[[str], str]:
    """``print_picture(src)`` in the brochure templates: the address of the cleaned picture to print."""
    return lambda src: BASE + quote(pictures[src].for_print, safe="/")


def brochure_context(p: m.Prospectus, term: m.Term, variant: Variant,
                     pictures: Mapping[str, images.Picture]) -> dict[str, Any]:
    """Everything the brochure templates use, chosen for one term."""
    courses = [c for c in p.courses if c.runs_in(term)]
    categories = [(cat, [c for c in courses if c.category.id == cat.id]) for cat in p.college.categories]
    people = {t.id for c in courses for t in (*c.facilitators, *c.co_producers)}
    venues = {v.id for c in courses for r in c.runs_in(term) for v in r.venues}
    by_id = {pg.id: pg for pg in p.pages}
    intro = [by_id[i] for i in INTRO_PAGES if i in by_id] or list(p.nav_pages)
    return {
        "p": p, "college": p.college, "term": term, "variant": variant, "build_date": p.today,
        "intro_pages": intro, "enrol_page": by_id.get(m.ENROL_PAGE),
        "days": site_html.timetable(p, term),
        "categories": [(cat, cs) for cat, cs in categories if cs],
        "tutors": [t for t in p.published_tutors if t.id in people],
        "venues": [v for v in p.college.venues if v.id in venues] or list(p.college.venues),
        "status_short": STATUS_SHORT, "language_name": language_name,
        "print_picture": printed_picture(pictures),
        "prose": lambda body, level=2: print_prose(body, level),
    }


_HEADING = re.compile(r"<(/?)h([1-6])\b")
_RELATIVE_LINK = re.compile(r'<a href="(?![a-z]+:)[^"]*">(.*?)</a>', re.S)


def print_prose(body_html: str, level: int = 2) -> str:
    """Course or page Markdown HTML made fit for print.

    Headings move down so that the text's top headings (h2 in Markdown) sit just below the
    heading at ``level`` they are printed under (a page's h2 title, a course's h4 title);
    links to other pages of the website become plain text (they cannot be followed on paper),
    and pictures are the cleaned copies the website publishes (read through the brochure fetcher).
    """
    shift = level - 1
    text = _HEADING.sub(lambda mo: f"<{mo.group(1)}h{min(int(mo.group(2)) + shift, 6)}", body_html)
    text = _RELATIVE_LINK.sub(r"\1", text)
    return media_html(text, BASE + "media/")


def cache_key(html: str, files: Assets, label: str) -> str:
    """Everything a brochure is made from: its HTML, the CSS, the fonts, the pictures, WeasyPrint."""
    import weasyprint

    templates = files.templates
    digest = hashlib.sha256()
    digest.update(f"{weasyprint.__version__}\0{pdfrender.PDF_VARIANT}\0{label}\0".encode())
    digest.update(html.encode("utf-8"))
    paths = sorted((templates / "pdf").glob("*.css")) + sorted((templates / "static" / "fonts").glob("*.woff"))
    paths += sorted((templates / "static" / "pictures").glob("*.svg"))  # the easy read brochure's pictures
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    for rel in sorted({unquote(found) for found in _MEDIA_SRC.findall(html)}):
        digest.update(f"{rel}\0{files.digests.get(rel, 'missing')}\0".encode())
    return digest.hexdigest()


_MEDIA_SRC = re.compile(r'"' + re.escape(BASE) + r'(media/[^"]+)"')


def file_size(size: int) -> str:
    """'1.2 MB' or '640 KB': how the website tells people how big a download is."""
    if size >= 1_000_000:
        return _("{n} MB").format(n=f"{size / 1_000_000:.1f}")
    return _("{n} KB").format(n=max(1, round(size / 1000)))


def copy_into(out_path: Callable[[str], Path], written: list[str]) -> Callable[[str, Path], None]:
    """A ``write`` for :func:`build_all` that copies a cached PDF into a staging folder."""
    def write(rel: str, source: Path) -> None:
        shutil.copyfile(source, out_path(rel))
        written.append(rel)
    return write
