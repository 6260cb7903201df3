"""The one gate every file the build reads for output goes through.

A path named in content (a photo, a course picture, a picture in Markdown or easy read) is
usable only when it resolves, symbolic links followed, to a regular file inside the content
folder, of a kind the build can publish, and of a sane size.  Everything else is a content
problem with the file and line that named it, found while the content is checked, and the
same gate is passed again when the file is read for publishing: a path that was swapped for
a link after the check is still refused.  Nothing outside the content folder (or the
program's own templates) is ever read, whatever a text, a path or a link says.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from ..problems import Problem
from .values import control_character

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg")
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_NAME = 120  # characters in one part of a picture's path: published names add a hash and a width


class Refused(Exception):
    """Why a path cannot be used: a sentence for the editor, and what to do."""

    def __init__(self, message: str, hint: str = ""):
        self.message = message
        self.hint = hint
        super().__init__(message)

    def problem(self, rel: str, line: int) -> Problem:
        return Problem(rel, line, self.message, self.hint)


def inside(root: Path, path: Path) -> Path:
    """``path`` resolved (links followed), when that is a regular file inside ``root``."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        raise Refused("This file does not exist (or is a broken link, or a link to itself).",
                      "Check the name and where the file is.") from None
    if not resolved.is_relative_to(root.resolve()):
        raise Refused("This points to a file outside the content folder, which is not allowed.",
                      "Copy the file into the content folder instead.")
    try:
        info = resolved.stat()
    except OSError as exc:
        raise Refused(f"This file could not be opened ({exc.strerror}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise Refused("This is a folder, not a file.", "Name a file inside it.")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("This is not an ordinary file.",
                      "Replace it with a plain file, or remove it from the content folder.")
    return resolved


def picture_path(root: Path, name: str) -> Path:
    """The file a picture name (a path under content/, as written) stands for; :class:`Refused`
    explains why a name cannot be used."""
    pure = PurePosixPath(name)
    bad = control_character(name, "")
    if bad or not name.strip():
        raise Refused(f"The picture name '{name.encode('unicode_escape').decode()}' has a control character "
                      f"({bad or 'none'}) or is empty.", "Write the file's name as it is, like photos/sam.jpg.")
    if pure.is_absolute() or ".." in pure.parts or "\\" in name or name.startswith("~"):
        raise Refused(f"The picture '{name}' must be a path inside the content folder, like photos/sam.jpg.",
                      "Remove any '../' or leading '/'.")
    if any(len(part) > MAX_NAME for part in pure.parts):
        raise Refused(f"The picture '{name[:40]}...' has a name longer than {MAX_NAME} characters.",
                      "Give the file (or its folder) a shorter name.")
    try:
        found = inside(root, root / pure)
    except Refused as exc:
        raise Refused(f"The picture '{name}' cannot be used: {exc.message[0].lower()}{exc.message[1:]}",
                      exc.hint) from None
    if pure.suffix.lower() not in PICTURE_SUFFIXES or (found.suffix.lower() == ".svg") != is_drawing(name):
        raise Refused(f"The picture '{name}' cannot be used: it is not a picture this build can use.",
                      "Use a JPEG, PNG, WebP, GIF or SVG file (a drawing's name ends in .svg, and only a drawing's).")
    size = found.stat().st_size
    if size > MAX_PICTURE_BYTES:
        raise Refused(f"The picture '{name}' cannot be used: it is {size / 1024 / 1024:.0f} MB; pictures can be at "
                      f"most {MAX_PICTURE_BYTES // 1024 // 1024} MB.", "Use a smaller copy of the picture.")
    return found


def is_drawing(name: str) -> bool:
    """Whether a picture is an SVG drawing (by its name as written: the one rule for every output)."""
    return name.lower().endswith(".svg")


def read_picture(root: Path, name: str) -> bytes:
    """The bytes of a picture, through the gate again at the moment they are read (the last part of
    the path is opened without following a link, so nothing swapped in since the check is read)."""
    path = picture_path(root, name)
    # O_BINARY: on Windows a descriptor is opened in text mode otherwise, which would change the bytes read
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise Refused(f"The picture '{name}' is not an ordinary file.")
        return f.read(MAX_PICTURE_BYTES + 1)[:MAX_PICTURE_BYTES]
