"""The easy read brochure of each term as a tagged A4 PDF: pdf/<term>-easy-read.pdf.

The HTML comes from ``templates/pdf/easy-read.html`` and the same easy read points as the
website, so the two cannot disagree.  Rendering is a minimal local WeasyPrint call (PDF/UA-1,
dates from SOURCE_DATE_EPOCH, an /ID from the content) until the brochure's shared
render-to-tagged-PDF function is on main; it has the same shape so that swapping is one line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import easyread as er
from ..errors import ContentError, Problem
from ..templating import render
from ..words import _, day_month
from . import html
from .easyread_site import context_for_pdf

if TYPE_CHECKING:
    from ..pipeline import Stage
    from ..publish import Staging

TEMPLATE = "pdf/easy-read.html"
STYLESHEET = "pdf/easy-read.css"


def write_pdfs(stage: Stage, out: Staging) -> None:
    """One easy read PDF per term, after the static files (fonts, pictures) have been copied."""
    p = stage.p
    css = (stage.opts.templates / STYLESHEET).read_text(encoding="utf-8")
    for term in p.college.terms:
        cover = (er.point(_("This guide uses easy words and pictures."), "book"),
                 er.point(_("The term is from {start} to {end}.").format(
                     start=day_month(term.starts).removesuffix(f" {term.starts.year}")
                     if term.starts.year == term.ends.year else day_month(term.starts),
                     end=day_month(term.ends)), "calendar"))
        phone = p.college.enrolment.phone or p.college.contact.phone
        context = {**html.base_context(p), **context_for_pdf(p, term), "css": css, "cover_points": cover,
                   "booking_line": _("To book, call {phone}").format(phone=phone) if phone else "",
                   "root": "", "here": ""}
        rel = f"pdf/{term.id}-easy-read.pdf"
        render_pdf(render(stage.env, TEMPLATE, context), out.path(rel), base_url=str(out.root) + "/",
                   source=f"templates/{TEMPLATE}")
        out.written.append(rel)


def render_pdf(text: str, target: Path, *, base_url: str, source: str) -> None:
    """Write ``text`` (HTML) as a tagged PDF/UA-1 file, byte-identical for the same input.

    WeasyPrint only logs a missing alt text or language; those are turned into a build error.
    """
    from weasyprint import HTML

    messages: list[str] = []
    handler = _Collect(messages)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        document = HTML(string=text, base_url=base_url).render(pdf_variant="pdf/ua-1")
        stamp = _timestamp().strftime("%Y-%m-%dT%H:%M:%SZ")
        document.metadata.created = document.metadata.modified = stamp
        identifier = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier, custom_metadata=True)
    finally:
        logger.removeHandler(handler)
    bad = [m for m in messages if "alt description" in m or '"lang"' in m]
    if bad:
        raise ContentError(Problem(source, 0, f"The easy read PDF would not be accessible: {m}.",
                                   "Give every picture alt text and keep lang on <html>.") for m in bad)
    target.write_bytes(data)


def _timestamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return dt.datetime.fromtimestamp(int(epoch) if epoch.isdigit() else 1767225600, dt.UTC)


class _Collect(logging.Handler):
    """Keeps WeasyPrint's warnings for one render."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the message text."""
        self.messages.append(record.getMessage())
