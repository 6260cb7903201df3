"""The easy read prospectus: easy-read/ on the website and one easy read PDF per term.

One output stage (``write_easy_read``) so the pipeline gains a single line.  Pictures are
checked before anything is rendered: a built-in picture whose SVG file is missing from
the templates is a build error naming the file, never a broken image on a page someone
relies on.  A college's own pictures (paths under content/) are copied under media/.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import easyread as er
from .. import model as m
from ..errors import Problem, TemplateProblem
from ..pictures import BUILT_IN
from ..templating import DEFAULT_TEMPLATES
from ..words import _
from . import html, pdf

if TYPE_CHECKING:  # the pipeline imports this module; import its types only for checking
    from ..pipeline import Stage
    from ..publish import Staging


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


def write_easy_read(stage: Stage, out: Staging) -> None:
    """easy-read/index.html, a page for every course, their pictures, and (unless --no-pdf) the PDFs."""
    p = stage.p
    jobs = page_jobs(p, pdf_links(p) if stage.opts.pdf else [])
    used = pictures_in(jobs)
    check_pictures(stage, used)
    html.write_jobs(stage.env, p, jobs, out, stage.kept)
    if stage.opts.pdf:
        from . import easyread_pdf  # WeasyPrint is slow to import; --no-pdf never needs it

        easyread_pdf.write_pdfs(stage, out)


def tasks(stage: Stage) -> list[html.Task] | None:
    """The website part of :func:`write_easy_read` in small pieces, for the live preview (None
    when PDFs are wanted too: then the stage runs whole)."""
    if stage.opts.pdf:
        return None
    jobs = page_jobs(stage.p, [])

    def pictures() -> list[tuple[str, bytes]]:
        check_pictures(stage, pictures_in(jobs))
        return []

    return [pictures, *html.job_tasks(stage.env, stage.p, jobs)]


def page_jobs(p: m.Prospectus, pdfs: list[PdfLink]) -> list[html.PageJob]:
    """The easy read index first, then one page per course (every course, running or not)."""
    items = sorted((ListItem(c, er.title(c), er.list_picture(c), er.summary_point(c, p.today)) for c in p.courses),
                   key=lambda i: (i.title.lower(), i.course.id))
    jobs = [html.PageJob("easy-read/index.html", "easy-read/index.html",
                         {"intro": er.intro_sections(p), "courses": items, "pdfs": pdfs})]
    for c in p.courses:
        # made from the course, the college and the date alone, when first needed (by the page or
        # the picture check): a Later, so the page's key in the render cache is the course's
        # (rendercache.py), without going through every point
        sections = functools.cache(functools.partial(_sections, p, c))
        jobs.append(html.PageJob(f"easy-read/courses/{c.id}/index.html", "easy-read/course.html",
                                 {"course": c, "easy_title": er.title(c), "sections": html.Later(sections)}))
    return jobs


def _sections(p: m.Prospectus, c: m.Course) -> tuple[er.Section, ...]:
    return er.course_sections(c, p.college, er.upcoming_runs(c, p.today))


def pictures_in(jobs: list[html.PageJob]) -> set[str]:
    """Every picture name the easy read pages show."""
    used: set[str] = set()
    for job in jobs:
        c = {k: v.make() if isinstance(v, html.Later) else v for k, v in job.context.items()}
        used |= er.pictures_used(tuple(c.get("sections", ())) + tuple(c.get("intro", ())))
        used |= {i.picture.picture for i in c.get("courses", ())} | {i.when.picture for i in c.get("courses", ())}
        used |= {link.picture.picture for link in c.get("pdfs", ())}
    return used


def pdf_links(p: m.Prospectus) -> list[PdfLink]:
    """A link to each term's easy read PDF (the PDFs are written by ``easyread_pdf``)."""
    return [PdfLink(f"pdf/{t.id}-easy-read.pdf", _("Easy read guide for {term} (PDF)").format(term=t.name),
                    er.point("", "book")) for t in pdf.printed_terms(p)]


def check_pictures(stage: Stage, used: set[str]) -> None:
    """Every built-in picture used must have its SVG in the templates: otherwise stop the build."""
    templates = stage.opts.templates
    folder = templates / "static" / "pictures"
    missing = sorted(name for name in used if name in BUILT_IN and not (folder / f"{name}.svg").is_file())
    if missing:
        shown = "templates" if templates.resolve() == DEFAULT_TEMPLATES.resolve() else templates.as_posix()
        raise TemplateProblem(Problem(f"{shown}/static/pictures/{missing[0]}.svg", 0,
                                      f"The easy read picture '{missing[0]}' is missing"
                                      + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "") + ".",
                                      "Restore the picture files from the project, or draw the picture as "
                                      f"{missing[0]}.svg."))


def context_for_pdf(p: m.Prospectus, term: m.Term) -> dict[str, Any]:
    """What the easy read PDF template is given for one term: only courses that run in it."""
    courses = [c for c in sorted(p.courses, key=lambda c: (er.title(c).lower(), c.id)) if c.runs_in(term)]
    return {"term": term, "intro": er.intro_sections(p, printed=True),
            "courses": [(c, er.title(c), er.course_parts(c, p.college, c.runs_in(term), printed=True))
                        for c in courses]}
