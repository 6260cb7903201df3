"""The easy read brochure of each printed term, as a tagged A4 PDF: pdf/<term>-easy-read.pdf.

The HTML comes from ``templates/pdf/easy-read.html`` and the same easy read points as the
website, so the two cannot disagree.  It is rendered, cached and checked for accessibility
exactly like the printed brochures (render/print/pdf.py), in the same batch.
"""

from __future__ import annotations

from typing import Any

import jinja2

from ...model import objects as m
from ...model import urls
from ...model.printed import printed_terms
from ...problems import Problem, TemplateProblem
from ...words import _, day_month
from ..environment import render
from ..pages import base_context
from ..print.pdf import Assets, PdfJob, job
from . import points as er

TEMPLATE = "pdf/easy-read.html"
STYLESHEET = "pdf/easy-read.css"


def jobs(p: m.Prospectus, env: jinja2.Environment, files: Assets, logo: str = "") -> list[PdfJob]:
    """One easy read brochure for each printed term, as HTML ready to render (its stylesheet is written
    into the page, from the college's templates or the built-in ones); ``logo`` is the address of the
    college's logo for the cover (print/brochures.printed_logo)."""
    found = files.templates.find(STYLESHEET)
    if found is None:
        raise TemplateProblem(Problem(f"templates/{STYLESHEET}", 0, "This stylesheet is missing.",
                                      "Restore it from the project."))
    css = found.read_text(encoding="utf-8")
    return [job(urls.brochure(term.id, "easy-read"), render(env, TEMPLATE, {**context(p, term, css), "logo": logo}),
                files, "easy-read", f"templates/{TEMPLATE}") for term in printed_terms(p)]


def current(course: m.Course, term: m.Term) -> tuple[m.Run, ...]:
    """A course's runs in a term that have not finished on the build date: what the brochure offers."""
    return tuple(r for r in course.current_runs if r.term.id == term.id)


def context(p: m.Prospectus, term: m.Term, css: str) -> dict[str, Any]:
    """What the easy read brochure template is given for one term: only the courses that run in it."""
    courses = [c for c in sorted(p.courses, key=lambda c: (er.title(c).lower(), c.id)) if current(c, term)]
    starts = day_month(term.starts)
    cover = (er.point(_("This guide uses easy words and pictures."), "book"),
             er.point(_("The term is from {start} to {end}.").format(
                 start=starts.removesuffix(f" {term.starts.year}") if term.starts.year == term.ends.year else starts,
                 end=day_month(term.ends)), "calendar"))
    phone = p.college.enrolment.phone or p.college.contact.phone
    return {**base_context(p, {}, {}), "term": term, "intro": er.intro_sections(p, printed=True),
            "courses": [(c, er.title(c), er.course_parts(p, c, current(c, term), printed=True)) for c in courses],
            "css": css, "cover_points": cover,
            "booking_line": _("To talk to us, call {phone}").format(phone=phone) if phone else "",
            "root": "", "here": ""}
