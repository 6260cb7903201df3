"""What WeasyPrint may read while it lays out a brochure: the brochure templates' own files, and
the cleaned pictures the build made.  Nothing else: no file on the disk by its path, nothing
from the network, no data: address but a small inline picture.

WeasyPrint's own fetcher follows any address a document holds (file:, http:, https:, data:).
Brochure HTML is written with addresses under :data:`Fetcher.BASE`, a name that can never be
reached (``.invalid`` is reserved), and this fetcher answers those from memory and the
templates folder.  Any other address stops the render with :class:`Refused`, which the build
reports as a problem naming the address: a brochure never quietly fetches, and never quietly
misses a picture.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import re
import stat
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

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
    """Answers WeasyPrint from the templates folder and the cleaned pictures only."""

    BASE = BASE

    def __init__(self, templates: Path, media: Mapping[str, Callable[[], bytes]]):
        super().__init__(allowed_protocols=("https",), allow_redirects=False, fail_on_errors=True)
        self.templates = templates.resolve()
        self.media = media

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
            data = self._template_file(url, pure)
        else:
            raise Refused(url)
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})

    def _template_file(self, url: str, pure: PurePosixPath) -> bytes:
        path = (self.templates / pure).resolve()
        try:
            if not path.is_relative_to(self.templates) or not stat.S_ISREG(path.stat().st_mode):
                raise Refused(url)
            return path.read_bytes()
        except OSError:
            raise Refused(url) from None


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
