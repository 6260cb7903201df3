"""Render an HTML string to a tagged, reproducible PDF (one function, shared by every brochure).

WeasyPrint does the layout.  This module adds what a college needs from it and what WeasyPrint
does not do on its own:

* PDF/UA-1 tagging (structure tree, /Lang, /Title shown in the title bar, alt text on figures);
* byte-identical output for the same input: a /ID derived from the content, and creation and
  modification dates from ``SOURCE_DATE_EPOCH`` (or a fixed date), never the clock;
* a build failure, not just a log line, when an image has no alt text or the document has
  no language: WeasyPrint only *logs* those, so the ``weasyprint`` logger is captured here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .errors import ContentError, Problem, TemplateProblem

PDF_VARIANT = "pdf/ua-1"
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # used when SOURCE_DATE_EPOCH is not set

# WeasyPrint log messages that mean the PDF would not be accessible (pdf/tags.py in 70.0).
_ACCESSIBILITY_MESSAGES = ("has no required alt description", 'Missing required "lang" attribute')


def render_pdf(html: str, target: Path, *, base_url: str, source: str, identifier_extra: bytes = b"",
               templates: Path, media: Mapping[str, Callable[[], bytes]]) -> None:
    """Write ``html`` as a tagged PDF/UA-1 file at ``target``, the same bytes on every run.

    ``base_url`` is where relative links in the HTML (stylesheets, fonts, pictures) are found,
    under render/print/fetch.py's Fetcher.BASE; WeasyPrint reads only through that fetcher: the
    ``templates`` folder's pdf/ and static/ files, and the cleaned pictures in ``media`` (site path
    -> their bytes).  ``source`` names the template the HTML came from, so that a failure tells
    the editor where to look.
    ``identifier_extra`` is mixed into the PDF's /ID (pass the stylesheet or cache key, so that
    two PDFs made from the same HTML with different styles get different identifiers).

    Raises :class:`ContentError` when an image has no alt text or the document has no language, and
    :class:`TemplateProblem` when the document asks for any other file or web address.
    """
    from weasyprint import HTML  # imported late: it is slow to import and --no-pdf never needs it
    from weasyprint.urls import FatalURLFetchingError

    from .render.print.fetch import Fetcher, Refused

    fetcher = Fetcher(templates, media)
    with _captured_weasyprint_log() as messages:
        try:
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
        except Refused as exc:
            raise TemplateProblem(Problem(source, 0, f"The brochure asks for '{exc.url}', which the build does not "
                                          "read: a brochure may only use the files in the templates' pdf/ and "
                                          "static/ folders and the content's own pictures.",
                                          "Remove the address from the template, or copy the file into "
                                          "templates/static/ and name it from there.")) from None
        except FatalURLFetchingError as exc:  # the fetcher failed on an allowed file: its own error counts
            raise (exc.__cause__ or RuntimeError(str(exc))) from None
        stamp = _w3c_date(build_timestamp())
        document.metadata.created = stamp
        document.metadata.modified = stamp
        identifier = hashlib.sha256(html.encode("utf-8") + identifier_extra).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier, custom_metadata=True)
    failures = [m for m in messages if any(key in m for key in _ACCESSIBILITY_MESSAGES)]
    if failures:
        raise ContentError(Problem(source, 0, f"The PDF would not be accessible: {failure}.",
                                   "Give every picture alt text (describe it, or use alt=\"\" when it is "
                                   "only decoration) and keep lang on the <html> element.")
                           for failure in failures)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def build_timestamp() -> dt.datetime:
    """The time written into PDFs: SOURCE_DATE_EPOCH when set, otherwise a fixed date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return FIXED_DATE


def _w3c_date(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class _ListHandler(logging.Handler):
    """Keeps every formatted WeasyPrint message of one render."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _captured_weasyprint_log() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings and errors while rendering, without printing them."""
    logger = logging.getLogger("weasyprint")
    handler = _ListHandler()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
