"""The easy read pages of the website: easy-read/ and a page for every course.

Pictures are checked before anything is rendered (:func:`check_pictures`): a built-in picture
whose SVG file is missing from the templates is a build error naming the file, never a broken
image on a page someone relies on.  A college's own pictures (paths under content/) are
published under media/ with every other picture (render/images.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ...content.picture_names import BUILT_IN
from ...model import objects as m
from ...model import urls
from ...model.printed import printed_terms
from ...problems import Problem, TemplateProblem
from ...words import _
from .. import pages
from ..templates import Templates
from . import points as er


@dataclass(frozen=True)
class ListItem:
    """A course in the easy read list: its easy title, its picture and when it next runs."""

    course: m.Course
    title: str
    picture: er.Point
    when: er.Point


@dataclass(frozen=True)
class PdfLink:
    """A link to a term's easy read PDF, with its picture."""

    href: str
    text: str
    picture: er.Point


def page_jobs(p: m.Prospectus, pdfs: list[PdfLink]) -> list[pages.PageJob]:
    """The easy read index first, then one page per course (every course, running or not)."""
    items = sorted((ListItem(c, er.title(c), er.list_picture(c), er.summary_point(c)) for c in p.courses),
                   key=lambda i: (i.title.lower(), i.course.id))
    jobs = [pages.PageJob(urls.file(urls.EASY_READ), "easy-read/index.html",
                         {"intro": er.intro_sections(p), "courses": items, "pdfs": pdfs})]
    for c in p.courses:
        # made from the course, the college and the date alone, when first needed (by the page or
        # the picture check): a Later, so the page's key in the render cache is the course's
        # (rendercache.py), without going through every point
        sections = functools.cache(functools.partial(_sections, p, c))
        jobs.append(pages.PageJob(urls.file(urls.easy_read_course(c.id)), "easy-read/course.html",
                                 {"course": c, "easy_title": er.title(c), "sections": pages.Later(sections)}))
    return jobs


def _sections(p: m.Prospectus, c: m.Course) -> tuple[er.Section, ...]:
    return er.course_sections(p, c)


def pictures_in(jobs: list[pages.PageJob]) -> set[str]:
    """Every picture name the easy read pages show."""
    used: set[str] = set()
    for job in jobs:
        c = {k: v.make() if isinstance(v, pages.Later) else v for k, v in job.context.items()}
        used |= er.pictures_used(tuple(c.get("sections", ())) + tuple(c.get("intro", ())))
        used |= {i.picture.picture for i in c.get("courses", ())} | {i.when.picture for i in c.get("courses", ())}
        used |= {link.picture.picture for link in c.get("pdfs", ())}
    return used


def pdf_links(p: m.Prospectus) -> list[PdfLink]:
    """A link to each term's easy read PDF (the PDFs are written by ``easyread_pdf``)."""
    return [PdfLink(urls.brochure(t.id, "easy-read"), _("Easy read guide for {term} (PDF)").format(term=t.name),
                    er.point("", "book")) for t in printed_terms(p)]


def check_pictures(templates: Templates, used: set[str]) -> None:
    """Every built-in picture used must have its SVG in the templates (the college's or the built-in
    ones): otherwise stop the build."""
    missing = sorted(name for name in used
                     if name in BUILT_IN and templates.find(f"static/pictures/{name}.svg") is None)
    if missing:
        shown = (templates.own or Path("templates")).as_posix().rstrip("/")
        raise TemplateProblem(Problem(f"{shown}/static/pictures/{missing[0]}.svg", 0,
                                      f"The easy read picture '{missing[0]}' is missing"
                                      + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "") + ".",
                                      "Restore the picture files from the project, or draw the picture as "
                                      f"{missing[0]}.svg."))
