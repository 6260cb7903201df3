"""Raster pictures (JPEG, PNG, WebP, GIF) checked while content is read: can they be published?

A missing, broken or enormous picture is reported with the file and line that names it, never
found later as a crash while pictures are resized.  Pillow opens each picture with a limit on
its pixels (a decompression bomb is refused) and a quick draft decode for JPEG.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_PIXELS = 40_000_000
MAX_SIDE = 16_383  # the longest side WebP can hold (JPEG: 65,535); a longer picture is refused
RASTER = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")  # what Pillow may open: never TIFF, EPS (Ghostscript) or the like
Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses anything bigger: decompression-bomb safe


def problem(path: Path) -> str | None:
    """Why the raster picture at ``path`` (a file the gate let through) cannot be published, in plain
    words; None when it can."""
    if path.suffix.lower() not in RASTER:
        return "it is not a picture this build can use (use a JPEG, PNG, WebP, GIF or SVG file)"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(path, formats=FORMATS)
        with im:
            if im.width * im.height > MAX_PIXELS:
                return f"it is {im.width} by {im.height} pixels, which is too big (at most 40 megapixels)"
            if max(im.width, im.height) > MAX_SIDE:
                return (f"it is {im.width} by {im.height} pixels; a picture's sides can be at most "
                        f"{MAX_SIDE:,} pixels")
            im.draft("RGB", (max(1, im.width // 8), max(1, im.height // 8)))  # quick decode for JPEG
            im.load()
    except Image.DecompressionBombError:
        return "it is too big to open safely (more than 40 megapixels)"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return "the file is damaged or is not a picture"
    return None
