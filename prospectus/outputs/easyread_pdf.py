"""The easy read brochure of each term as a tagged A4 PDF: pdf/<term>-easy-read.pdf.

The HTML comes from ``templates/pdf/easy-read.html`` and the same easy read points as the
website, so the two cannot disagree.  It is rendered, cached and checked for
accessibility exactly like the main brochures (see :mod:`prospectus.outputs.pdf`).
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from .. import easyread as er
from ..render.print import BASE
from ..templating import render
from ..words import _, day_month
from . import html, pdf
from .easyread_site import context_for_pdf

if TYPE_CHECKING:
    from ..pipeline import Stage
    from ..publish import Staging

TEMPLATE = "pdf/easy-read.html"
STYLESHEET = "pdf/easy-read.css"


def write_pdfs(stage: Stage, out: Staging) -> None:
    """One easy read PDF per term, after the static files (fonts, pictures) have been copied."""
    from ..pipeline import print_assets

    p = stage.p
    css = (stage.opts.templates / STYLESHEET).read_text(encoding="utf-8")
    files = print_assets(stage)
    jobs: list[pdf.PdfJob] = []
    for term in pdf.printed_terms(p):
        cover = (er.point(_("This guide uses easy words and pictures."), "book"),
                 er.point(_("The term is from {start} to {end}.").format(
                     start=day_month(term.starts).removesuffix(f" {term.starts.year}")
                     if term.starts.year == term.ends.year else day_month(term.starts),
                     end=day_month(term.ends)), "calendar"))
        phone = p.college.enrolment.phone or p.college.contact.phone
        context = {**html.base_context(p), **context_for_pdf(p, term), "css": css, "cover_points": cover,
                   "booking_line": _("To book, call {phone}").format(phone=phone) if phone else "",
                   "root": "", "here": ""}
        text = render(stage.env, TEMPLATE, context)
        jobs.append(pdf.PdfJob(f"pdf/{term.id}-easy-read.pdf", text, pdf.cache_key(text, files, "easy-read"),
                               BASE, f"templates/{TEMPLATE}"))
    made = pdf.render_cached(jobs, stage.opts.pdf_cache or stage.opts.cache / "pdf", files)
    for job in jobs:
        shutil.copyfile(made[job.rel], out.path(job.rel))
        out.written.append(job.rel)
