"""Read one content file safely and split its front matter from its Markdown body.

Files are read as bytes first so that anything an editor's program might save (a UTF-8
byte order mark, Windows line endings, another encoding, a binary file renamed ``.md``,
a file cut off half-way) gets a plain message instead of a traceback.  Line numbers are
kept as the editor sees them in their editor.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from . import yamlnodes

MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class SourceFile:
    """A content file split into its parts. ``body_line`` is the first line of the body."""

    rel: str
    meta: yamlnodes.Node | None
    body: str
    body_line: int
    text: str


class ReadProblem(Exception):
    """The file cannot be used at all; carries the one problem that says why."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.format())


def read_text(path: Path, rel: str) -> str:
    """The file's text with the BOM removed and line endings made plain."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block the build for ever
            raise ReadProblem(
                Problem(rel, 0, "This is not an ordinary file.",
                        "Replace it with a plain text file, or remove it from the content folder.")
            )
        if info.st_size > MAX_BYTES:
            raise ReadProblem(
                Problem(rel, 0, f"This file is larger than {MAX_BYTES // 1024} KB.",
                        "A course or page is normally a few KB: check it is the right file.")
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ReadProblem(Problem(rel, 0, f"This file could not be opened ({exc.strerror}).")) from None
    if b"\x00" in data:
        raise ReadProblem(
            Problem(rel, 0, "This is not a text file.",
                    "Save it as plain text (UTF-8), or move it out of the content folder.")
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReadProblem(
            Problem(rel, line, "This line has characters that are not UTF-8 text.",
                    "Save the file with the encoding 'UTF-8' in your editor.")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, rel: str, *, body_allowed: bool = True) -> SourceFile:
    """Split ``---`` front matter from the body and parse it with line numbers."""
    if not text.strip():
        raise ReadProblem(
            Problem(rel, 1, "This file is empty.",
                    "Add the front matter between two '---' lines, or delete the file.")
        )
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ReadProblem(
            Problem(rel, 1, "The file must start with a line of three dashes: ---",
                    "Put '---' on the first line, then the details, then another '---'.")
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        raise ReadProblem(
            Problem(rel, 1, "The front matter is opened with '---' but never closed.",
                    "Add a line with just '---' after the last detail, before the text.")
        )
    meta = parse_yaml("\n".join(lines[1:end]), rel, first_line=2)
    body = "\n".join(lines[end + 1:])
    return SourceFile(rel, meta, body, end + 2, text)


def parse_yaml(text: str, rel: str, first_line: int = 1) -> yamlnodes.Node | None:
    """Parse YAML text whose first line is line ``first_line`` of the file."""
    try:
        return yamlnodes.parse(text, line_offset=first_line - 1)
    except yamlnodes.YamlProblem as exc:
        raise ReadProblem(Problem(rel, exc.line, exc.message, exc.hint)) from None
