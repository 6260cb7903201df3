"""HTML to a tagged, reproducible PDF, and the machinery every brochure shares (print and easy read).

WeasyPrint does the layout.  This module adds what a college needs from it and what WeasyPrint
does not do on its own:

* PDF/UA-1 tagging (structure tree, /Lang, /Title shown in the title bar, alt text on figures);
* byte-identical output for the same input: a /ID derived from the content, and creation and
  modification dates from ``SOURCE_DATE_EPOCH`` (or a fixed date), never the clock;
* a build failure, not just a log line, when an image has no alt text or the document has
  no language: WeasyPrint only *logs* those, so the ``weasyprint`` logger is captured here;
* reading only through :mod:`.fetch` (the templates' pdf/ and static/ files, the cleaned pictures).

Rendering takes seconds a brochure, so finished PDFs are kept in a cache folder under a key of
their HTML, the pictures it names and WeasyPrint's version (:func:`cache_key`), each beside a
record of the template files it read while it was laid out (stylesheets, fonts, drawings: the
college's own or the built-in ones, whichever the fetcher served) and their hashes.  A kept PDF
is used only while every one of those files is unchanged; :func:`render_cached` renders the
others, on both cores.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ... import parallel
from ...model import urls
from ...model.clock import build_moment
from ...problems import Problem, TemplateProblem
from .. import images
from ..templates import Templates
from . import BASE

if TYPE_CHECKING:
    import weasyprint

PDF_VARIANT = "pdf/ua-1"

# WeasyPrint log messages that mean the PDF would not be accessible (pdf/tags.py in 70.0), and
# that a picture was left out (images.py): both stop the build, never a quietly poorer brochure.
_ACCESSIBILITY_MESSAGES = ("has no required alt description", 'Missing required "lang" attribute')
_MISSING_PICTURE = ("Failed to load image", "Failed to render SVG image")


@dataclass(frozen=True)
class Assets:
    """All a brochure may read besides its HTML (fetch.py): the templates (the college's over the
    built-in ones), and the cleaned pictures by site path, with the digest of each (for the cache key)."""

    templates: Templates
    media: Mapping[str, Callable[[], bytes]]
    digests: Mapping[str, str]


def assets(templates: Templates, content: Path, pictures: Sequence[images.Picture], cache: Path) -> Assets:
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


@dataclass(frozen=True)
class PdfJob:
    """One PDF to make: where it goes, its HTML, the key of everything it is made from, the address
    its relative links start from, and the template it came from (named in problems).

    A booklet's pages must come in fours (a sheet folded in half is four pages): ``pad_to`` is that
    number, and ``padded`` the same brochure with 1, 2, 3 ... more pages of its own (notes, a
    planner), one of which is printed when the plain HTML does not come out a multiple of ``pad_to``."""

    rel: str
    html: str
    key: str
    base_url: str
    source: str
    pad_to: int = 1
    padded: tuple[str, ...] = ()


def job(rel: str, html: str, files: Assets, label: str, source: str, base_url: str = BASE, *,
        pad_to: int = 1, padded: tuple[str, ...] = ()) -> PdfJob:
    key = cache_key("\0".join((html, *padded)) + f"\0{pad_to}", files, label)
    return PdfJob(rel, html, key, base_url, source, pad_to, padded)


def cache_key(html: str, files: Assets, label: str) -> str:
    """What a brochure is made from besides the template files it reads (recorded when it is made, see
    :func:`render_cached`): its HTML, the pictures it names, WeasyPrint's version."""
    import weasyprint

    digest = hashlib.sha256()
    digest.update(f"{weasyprint.__version__}\0{PDF_VARIANT}\0{label}\0".encode())
    digest.update(html.encode("utf-8"))
    for rel in sorted({unquote(found) for found in _MEDIA_SRC.findall(html)}):
        digest.update(f"{rel}\0{files.digests.get(rel, 'missing')}\0".encode())
    return digest.hexdigest()


_MEDIA_SRC = re.compile('"' + re.escape(BASE) + "(" + re.escape(urls.MEDIA) + '[^"]+)"')


def render_cached(jobs: list[PdfJob], cache: Path, files: Assets, renderer: Callable[..., None] | None = None,
                  progress: Callable[[int, int], None] | None = None) -> dict[str, Path]:
    """Each job's PDF in the cache, rendering (on both cores) only those not there already, or made
    with a template file (stylesheet, font, drawing) that has changed since.  ``progress`` is told
    (done, total) of those to render, at the start and as each is made here (counting those the
    other process has finished by then: their files are in the cache)."""
    cache.mkdir(parents=True, exist_ok=True)
    digests: dict[str, str] = {}

    def unchanged(rel: str, digest: str) -> bool:
        if rel not in digests:
            digests[rel] = files.templates.digest(rel)
        return digests[rel] == digest

    missing = [j for j in jobs if not _kept(cache, j.key, unchanged)]
    make = renderer or render_pdf

    def render_one(j: PdfJob) -> str:
        target, partial = cache / f"{j.key}.pdf", cache / f"{j.key}.{os.getpid()}.part"
        target.unlink(missing_ok=True)  # never a kept PDF beside the record of another one's files
        used: dict[str, str] = {}
        make(j.html, partial, base_url=j.base_url, source=j.source, identifier_extra=j.key.encode(),
             templates=files.templates, media=files.media, pad_to=j.pad_to, padded=j.padded, used=used)
        (cache / f"{j.key}.files.json").write_text(json.dumps(used, sort_keys=True), encoding="utf-8")
        partial.replace(target)
        if progress is not None:
            progress(sum(1 for m in missing if (cache / f"{m.key}.pdf").is_file()), len(missing))
        return j.key

    if progress is not None and missing:
        progress(0, len(missing))
    parallel.map_split(render_one, missing, min_items=2)
    return {j.rel: cache / f"{j.key}.pdf" for j in jobs}


def _kept(cache: Path, key: str, unchanged: Callable[[str, str], bool]) -> bool:
    """Whether the kept PDF ``key`` can be used: it is there, with the record of the template files it
    read, and each of them is as it was."""
    if not (cache / f"{key}.pdf").is_file():
        return False
    try:
        used = json.loads((cache / f"{key}.files.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(used, dict) and all(isinstance(d, str) and unchanged(rel, d) for rel, d in used.items())


def render_pdf(html: str, target: Path, *, base_url: str, source: str, identifier_extra: bytes = b"",
               templates: Templates, media: Mapping[str, Callable[[], bytes]], pad_to: int = 1,
               padded: Sequence[str] = (), used: dict[str, str] | None = None) -> None:
    """Write ``html`` as a tagged PDF/UA-1 file at ``target``, the same bytes on every run.

    ``base_url`` is where relative links in the HTML (stylesheets, fonts, pictures) are found, under
    fetch.py's BASE; WeasyPrint reads only through that fetcher: the ``templates`` folder's pdf/ and
    static/ files (the college's or the built-in ones), and the cleaned pictures in ``media`` (site
    path -> their bytes); the template files it reads are added to ``used`` with their hashes.  ``source``
    names the template the HTML came from, so that a failure tells the editor where to look.
    ``identifier_extra`` is mixed into the PDF's /ID (pass the stylesheet or cache key, so that
    two PDFs made from the same HTML with different styles get different identifiers).
    When the pages do not come out a multiple of ``pad_to`` (4 for a folded booklet), the version
    of ``padded`` with the missing number of extra pages is laid out instead (see :class:`PdfJob`).

    Raises :class:`TemplateProblem` when an image has no alt text, the document has no language,
    or the document asks for any other file or web address.
    """
    with _captured_weasyprint_log() as messages, _font_times(build_moment()):
        document = _fitted(padded, pad_to, base_url, source, templates, media, used) if padded else None
        if document is None:  # no extra pages, or they are not laid out one a page: each version in turn
            messages.clear()
            document = _layout(html, base_url, source, templates, media, used)
            missing_pages = -len(document.pages) % pad_to
            if missing_pages and missing_pages <= len(padded):
                said = messages[:]  # the longer version says the same again: count its messages only
                messages.clear()
                longer = _layout(padded[missing_pages - 1], base_url, source, templates, media, used)
                if len(longer.pages) % pad_to == 0:
                    document = longer
                else:  # a college's own filler page ran long: print the plain version
                    messages[:] = said
        stamp = build_moment().strftime("%Y-%m-%dT%H:%M:%SZ")
        document.metadata.created = stamp
        document.metadata.modified = stamp
        identifier = hashlib.sha256(html.encode("utf-8") + identifier_extra).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier, custom_metadata=True)
    missing = [msg for msg in messages if msg.startswith(_MISSING_PICTURE)]
    if missing:
        raise TemplateProblem(Problem(source, 0, f"A picture could not be drawn in the brochure: {missing[0]}.",
                                      "Use a JPEG or PNG picture, or a simpler drawing."))
    failures = [msg for msg in messages if any(key in msg for key in _ACCESSIBILITY_MESSAGES)]
    if failures:
        raise TemplateProblem(Problem(source, 0, f"The PDF would not be accessible: {failures[0]}"
                                      + (f" (and {len(failures) - 1} more)" if len(failures) > 1 else "") + ".",
                                      "Give every picture alt text (describe it, or use alt=\"\" when it is "
                                      "only decoration) and keep lang on the <html> element."))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _fitted(padded: Sequence[str], pad_to: int, base_url: str, source: str, templates: Templates,
            media: Mapping[str, Callable[[], bytes]], used: dict[str, str] | None) -> weasyprint.Document | None:
    """The brochure with as many of its extra pages as make its pages a multiple of ``pad_to``, from
    one layout: the last of ``padded`` has them all (sections with the ids filler-1, filler-2 ...,
    one page each, just before the back cover, ``contact``), and those not wanted are left out.
    Nothing on the pages before them depends on them, and the back cover has no page number.
    None when the pages are not laid out like that (a college's own filler ran long, or has no
    ids): then each version is laid out in turn."""
    document = _layout(padded[-1], base_url, source, templates, media, used)
    fillers = len(padded)
    pages = [set(page.anchors) for page in document.pages]  # type: ignore[attr-defined]
    first = next((i for i, anchors in enumerate(pages) if "filler-1" in anchors), None)
    if first is None or first + fillers >= len(pages) or "contact" not in pages[first + fillers]:
        return None
    if any(f"filler-{n + 1}" not in pages[first + n] for n in range(fillers)):
        return None
    wanted = -(len(pages) - fillers) % pad_to
    if wanted > fillers:  # fewer extra pages than a booklet can need
        return None
    return document.copy([*document.pages[:first + wanted], *document.pages[first + fillers:]])


def _layout(html: str, base_url: str, source: str, templates: Templates,
            media: Mapping[str, Callable[[], bytes]], used: dict[str, str] | None) -> weasyprint.Document:
    """The laid-out pages of ``html``, read only through the brochure fetcher."""
    from weasyprint import HTML  # imported late: it is slow to import and --no-pdf never needs it
    from weasyprint.urls import FatalURLFetchingError

    from .fetch import Fetcher, Refused

    try:
        return HTML(string=html, base_url=base_url,
                    url_fetcher=Fetcher(templates, media, used)).render(pdf_variant=PDF_VARIANT)
    except Refused as exc:
        raise TemplateProblem(Problem(source, 0, f"The brochure asks for '{exc.url}', which the build does not "
                                      "read: a brochure may only use the files in the templates' pdf/ and "
                                      "static/ folders and the content's own pictures.",
                                      "Remove the address from the template, or copy the file into "
                                      "templates/static/ and name it from there.")) from None
    except FatalURLFetchingError as exc:  # the fetcher failed on an allowed file: its own error counts
        raise (exc.__cause__ or RuntimeError(str(exc))) from None


@contextmanager
def _font_times(moment: dt.datetime) -> Iterator[None]:
    """Fonts subset for a PDF carry the time they were made (fontTools stamps the 'head' table with
    now): stamp them with the build's moment instead, so the same content gives the same bytes."""
    try:
        from fontTools.misc.timeTools import epoch_diff
        from fontTools.ttLib.tables import _h_e_a_d as head
    except ImportError:
        yield
        return
    real = head.timestampNow
    head.timestampNow = lambda: int(moment.timestamp()) - epoch_diff
    try:
        yield
    finally:
        head.timestampNow = real


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
