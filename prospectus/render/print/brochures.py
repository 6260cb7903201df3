"""The printed term brochures: A4, A5 and large print PDFs for every printed term, from the same model.

One set of templates (``templates/pdf/brochure.html`` and its partials) makes every variant;
each variant only adds its own stylesheet (``a4.css``, ``a5.css``, ``large-print.css``), linked
from the template as a second ``<link>`` because WeasyPrint lets the page's own CSS beat any
stylesheet passed to ``write_pdf``.  This module makes each brochure's HTML (:func:`jobs`) and,
once they are made, the links the website shows (:func:`links`); pdf.py renders them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2

from ...content.markdown import media_html
from ...model import objects as m
from ...model import urls
from ...model.printed import printed_terms
from ...words import STATUS_SHORT, _, language_name
from .. import images
from ..environment import render
from . import BASE
from .glance import months
from .pdf import Assets, PdfJob, job


@dataclass(frozen=True)
class Variant:
    """One printed format: the file name ending, its stylesheet, how the website names it, and what
    its page count must be a multiple of (4 for a booklet folded from sheets, else 1)."""

    id: str
    stylesheet: str
    label: str
    pages_multiple: int = 1


VARIANTS = (
    Variant("prospectus-a4", "a4.css", _("A4")),
    Variant("prospectus-a5", "a5.css", _("A5 booklet size"), pages_multiple=4),
    Variant("large-print", "large-print.css", _("large print, A4")),
)
INTRO_PAGES = ("what-is-a-recovery-college", "co-production")
TEMPLATE = "pdf/brochure.html"


@dataclass(frozen=True)
class Brochure:
    """A built brochure as the website links to it: 'Autumn term 2026 brochure, A4 (PDF, 1.2 MB)'."""

    href: str
    text: str
    variant: str


def jobs(p: m.Prospectus, env: jinja2.Environment, files: Assets, pictures: Mapping[str, images.Picture],
         variants: tuple[Variant, ...] = VARIANTS, logo: images.Picture | None = None) -> list[PdfJob]:
    """The A4, A5 and large print brochure of every printed term, as HTML ready to render; a booklet
    also comes with 1 to 3 pages more (templates/pdf/_fillers.html), used when its count needs them."""
    made = []
    for term in printed_terms(p):
        for variant in variants:
            ctx = {**context(p, term, variant, pictures), "logo": printed_logo(logo)}
            padded = tuple(render(env, TEMPLATE, {**ctx, "fillers": n}) for n in range(1, variant.pages_multiple))
            made.append(job(urls.brochure(term.id, variant.id), render(env, TEMPLATE, ctx), files, variant.id,
                            f"templates/{TEMPLATE}", BASE + "pdf/", pad_to=variant.pages_multiple, padded=padded))
    return made


def printed_logo(logo: images.Picture | None) -> str:
    """The address a brochure cover prints the college's logo from ('' when it has none)."""
    return BASE + quote(logo.for_print, safe="/") if logo is not None else ""


def links(p: m.Prospectus, made: Mapping[str, Path]) -> dict[str, list[Brochure]]:
    """The brochures made, by term id, with their real file sizes, for the website to link."""
    found: dict[str, list[Brochure]] = {}
    for term in printed_terms(p):
        for variant in VARIANTS:
            rel = urls.brochure(term.id, variant.id)
            if rel in made:
                text = _("{term} brochure, {variant} (PDF, {size})").format(
                    term=term.name, variant=variant.label, size=file_size(made[rel].stat().st_size))
                found.setdefault(term.id, []).append(Brochure(rel, text, variant.id))
    return found


def printed_picture(pictures: Mapping[str, images.Picture]) -> Callable[[str], str]:
    """``print_picture(src)`` in the brochure templates: the address of the cleaned picture to print."""
    return lambda src: BASE + quote(pictures[src].for_print, safe="/")


def context(p: m.Prospectus, term: m.Term, variant: Variant, pictures: Mapping[str, images.Picture]) -> dict[str, Any]:
    """Everything the brochure templates use, chosen for one term."""
    courses = [c for c in p.courses if c.runs_in(term)]
    categories = [(cat, [c for c in courses if c.category.id == cat.id]) for cat in p.college.categories]
    people = {t.id for c in courses for t in (*c.facilitators, *c.co_producers)}
    venues = {v.id for c in courses for r in c.runs_in(term) for v in r.venues}
    by_id = {pg.id: pg for pg in p.pages}
    intro = [by_id[i] for i in INTRO_PAGES if i in by_id] or list(p.nav_pages)
    return {
        "p": p, "college": p.college, "term": term, "variant": variant, "build_date": p.today, "fillers": 0,
        "logo": "",
        "intro_pages": intro, "enrol_page": by_id.get(urls.ENROL_PAGE),
        "glance": months(p, term),
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
    return media_html(text, BASE + urls.MEDIA)


def file_size(size: int) -> str:
    """'1.2 MB' or '640 KB': how the website tells people how big a download is."""
    if size >= 1_000_000:
        return _("{n} MB").format(n=f"{size / 1_000_000:.1f}")
    return _("{n} KB").format(n=max(1, round(size / 1000)))
