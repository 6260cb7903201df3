"""What WeasyPrint may read while it lays out a brochure: the brochure templates' own files, and
the cleaned pictures the build made.  Nothing else: no file on the disk by its path, nothing
from the network, no data: address but a small inline picture.

WeasyPrint's own fetcher follows any address a document holds (file:, http:, https:, data:).
Brochure HTML is written with addresses under :data:`Fetcher.BASE`, a name that can never be
reached (``.invalid`` is reserved), and this fetcher answers those from memory and the
templates (a college's own file, or else the built-in one: render/templates.py).  Any other
address stops the render with :class:`Refused`, which the build reports as a problem naming the
address: a brochure never quietly fetches, and never quietly misses a picture.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import re
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..templates import Templates
from . import BASE

TEMPLATE_FOLDERS = ("pdf", "static")  # the parts of a templates folder a brochure may use
TEMPLATE_KINDS = {".css", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}
MAX_DATA_BYTES = 64 * 1024
_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp)(;base64)?,(.*)$", re.IGNORECASE | re.DOTALL)


class Refused(FatalURLFetchingError):  # type: ignore[misc]
    """A brochure asked for an address it may not use."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(url)


class Fetcher(URLFetcher):  # type: ignore[misc]
    """Answers WeasyPrint from the templates and the cleaned pictures only; notes each template file it
    served, with its hash, in ``used`` (what the PDF cache checks before using a kept brochure)."""

    BASE = BASE

    def __init__(self, templates: Templates, media: Mapping[str, Callable[[], bytes]],
                 used: dict[str, str] | None = None):
        super().__init__(allowed_protocols=("https",), allow_redirects=False, fail_on_errors=True)
        self.templates = templates
        self.media = media
        self.used = used if used is not None else {}

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return URLFetcherResponse(url, _small_picture(url), {"Content-Type": url[5:].split(";")[0].split(",")[0]})
        if not url.startswith(self.BASE):
            raise Refused(url)
        parts = urlsplit(url)
        rel = unquote(parts.path).lstrip("/")
        pure = PurePosixPath(rel)
        if parts.query or ".." in pure.parts or "\\" in rel or not rel:
            raise Refused(url)
        if rel in self.media:
            data = self.media[rel]()
        elif pure.parts[0] in TEMPLATE_FOLDERS and pure.suffix.lower() in TEMPLATE_KINDS:
            data = self._template_file(url, rel)
        else:
            raise Refused(url)
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})

    def _template_file(self, url: str, rel: str) -> bytes:
        """The college's file, or else the built-in one: an ordinary file inside one of those folders."""
        path = self.templates.find(rel)
        if path is None:
            raise Refused(url)
        try:
            data = path.read_bytes()
        except OSError:
            raise Refused(url) from None
        self.used[rel] = hashlib.sha256(data).hexdigest()
        return data


def _small_picture(url: str) -> bytes:
    found = _DATA.match(url)
    if not found:
        raise Refused(url[:80])
    payload = found.group(3)
    try:
        data = base64.b64decode(payload, validate=False) if found.group(2) else unquote(payload).encode("latin-1")
    except (binascii.Error, UnicodeEncodeError):
        raise Refused(url[:80]) from None
    if len(data) > MAX_DATA_BYTES:
        raise Refused(url[:80])
    return data
