"""Read every content file, check it against the schema, and collect every problem.

This stage never stops at the first mistake: each file is read and checked on its own,
and all problems from all files are returned together so an editor can fix them in one
go.  Paths are checked so that nothing outside the content folder can be read, even
through a symbolic link.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import parallel
from ..problems import Problem, Severity
from . import gate, schema
from .frontmatter import ReadProblem, SourceFile, parse_yaml, read_text, split
from .markdown import Rendered, render
from .records import Record
from .values import ID_RE, PLACEHOLDER, PLACEHOLDER_HINT, PLACEHOLDER_MESSAGE, Checker
from .yamlnodes import Mapping, Node, Scalar

FOLDERS = {"courses": schema.COURSE, "tutors": schema.TUTOR, "pages": schema.PAGE}
_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".bak", ".orig")


@dataclass(frozen=True)
class Entry:
    """One checked Markdown file: its id, checked front matter and rendered body."""

    id: str
    rel: str
    data: dict[str, Any]
    body: Rendered
    source_hash: str = ""  # of the bytes it was read from, when kept between builds (parsecache.py)


@dataclass
class Loaded:
    """Everything read from content/, before cross-references are resolved."""

    root: Path
    college: dict[str, Any] | None = None
    entries: dict[str, dict[str, Entry]] = field(default_factory=lambda: {k: {} for k in FOLDERS})
    problems: list[Problem] = field(default_factory=list)
    jargon: tuple[str, ...] = ()
    # Ids of every file found, loaded or not: a file with its own errors is still "there", so
    # links and references to it are not reported a second time as missing.
    found: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in FOLDERS})


ReadEntry = Callable[[Path, Path, Record, list[Problem]], "Entry | None"]


def load(root: Path, read: ReadEntry | None = None) -> Loaded:
    """Read and check college.yaml and every course, tutor and page file under ``root``.

    ``read`` replaces :func:`load_entry` (the live preview passes one that skips unchanged files)."""
    loaded = Loaded(root)
    if not root.is_dir():
        loaded.problems.append(Problem(str(root), 0, "The content folder does not exist.",
                                       "Check the path given with --content."))
        return loaded
    loaded.college = _load_college(root, loaded.problems)
    files = [(folder, path) for folder in FOLDERS for path in _markdown_files(root, folder, loaded.problems)]
    for folder, path in files:
        loaded.found[folder].add(path.stem)

    def read_one(item: tuple[str, Path]) -> tuple[str, Entry | None, list[Problem]]:
        problems: list[Problem] = []
        return item[0], (read or load_entry)(root, item[1], FOLDERS[item[0]], problems), problems

    for folder, entry, problems in parallel.map_split(read_one, files):
        loaded.problems.extend(problems)
        if entry is not None:
            loaded.entries[folder][entry.id] = entry
    return loaded


def _load_college(root: Path, problems: list[Problem]) -> dict[str, Any] | None:
    path = root / "college.yaml"
    if not path.is_file() and not path.is_symlink() and not path.exists():
        problems.append(Problem("college.yaml", 0, "There is no college.yaml in the content folder.",
                                "Create content/college.yaml with the college's name, contact, terms, "
                                "venues and categories."))
        return None
    try:
        inside(root, path, "college.yaml")
        node = parse_yaml(read_text(path, "college.yaml"), "college.yaml")
    except ReadProblem as exc:
        problems.append(exc.problem)
        return None
    if node is None:
        problems.append(Problem("college.yaml", 1, "college.yaml is empty.",
                                "Add the college's name, contact, terms, venues and categories."))
        return None
    ck = Checker("college.yaml")
    data = schema.COLLEGE.check(node, "college.yaml", ck)
    problems.extend(ck.problems)
    if not isinstance(data, dict):
        return None
    instructions = _value(node, "enrolment", "instructions")
    if isinstance(instructions, Scalar) and "instructions" in data.get("enrolment", {}):
        # Markdown like any body, checked the same way (its links and pictures, at their lines)
        rendered = render(data["enrolment"]["instructions"], "college.yaml",
                          instructions.line + (1 if instructions.block else 0), top_level=3)
        problems.extend(rendered.problems)
        data["enrolment"]["_instructions"] = rendered
    return data


def college_name(root: Path) -> str | None:
    """The college's name from college.yaml (read through the gate, like every content file), or None
    when it cannot be read: for the preview's error page before any good build."""
    try:
        node = parse_yaml(read_text(inside(root, root / "college.yaml", "college.yaml"), "college.yaml"),
                          "college.yaml")
    except ReadProblem:
        return None
    name = _value(node, "name") if node is not None else None
    return name.text.strip() or None if isinstance(name, Scalar) and not name.is_null else None


def _value(node: Node, *keys: str) -> Node | None:
    """The node at ``keys`` inside a mapping node, or None."""
    for key in keys:
        if not isinstance(node, Mapping) or key not in node.items:
            return None
        node = node.items[key][1]
    return node


def _markdown_files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    base = root / folder
    if not base.is_dir():
        return []
    found: list[Path] = []
    with os.scandir(base) as listing:  # the kind of each entry comes with the listing: no stat per file
        entries = sorted((entry.name, _is_dir(entry)) for entry in listing)
    for name, is_dir in entries:
        path = base / name
        if name.startswith((".", "#", "~")) or name.endswith(_IGNORED_SUFFIXES):
            continue  # editors' temporary and backup files
        rel = f"{folder}/{_shown(name)}"
        if is_dir:
            problems.append(Problem(rel, 0, "Folders inside this folder are not read.",
                                    f"Move the files into {folder}/ itself.", Severity.WARNING))
        elif path.suffix != ".md":
            problems.append(Problem(rel, 0, "Only .md files are read in this folder.",
                                    "Rename it to end in .md, or move it elsewhere.", Severity.WARNING))
        elif not ID_RE.match(path.stem):
            problems.append(Problem(rel, 0, f"The file name '{_shown(name)}' cannot be used as an id.",
                                    f"Rename it with small letters, digits and dashes, like "
                                    f"{_suggest_id(_shown(path.stem))}.md."))
        else:
            found.append(path)
    return found


def _shown(name: str) -> str:
    """A file name as it can be shown: one that is not UTF-8 gets a replacement character."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a listed entry is a folder; a link that leads nowhere (or round in a loop) is not, and
    is reported when it is read."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _suggest_id(stem: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "my-course"


def load_entry(root: Path, path: Path, record: Record, problems: list[Problem]) -> Entry | None:
    """Read and check one course, tutor or page file; problems go into ``problems``."""
    rel = path.relative_to(root).as_posix()
    try:
        inside(root, path, rel)
        source = split(read_text(path, rel), rel)
    except ReadProblem as exc:
        problems.append(exc.problem)
        return None
    return check_entry(path.stem, source, record, problems)


def check_entry(entry_id: str, source: SourceFile, record: Record, problems: list[Problem]) -> Entry | None:
    """Check a split file's front matter against its record and render its body."""
    rel = source.rel
    if source.meta is None:
        problems.append(Problem(rel, 2, "The front matter between the '---' lines is empty.",
                                f"Add the details of {record.what}, starting with "
                                f"'{record.fields[0].name}:'."))
        return None
    if not isinstance(source.meta, Mapping):
        problems.append(Problem(rel, source.meta.line, "The front matter should be lines of 'key: value', "
                                f"like '{record.fields[0].name}: {record.fields[0].example}'.",
                                "Check that each line has a name, a colon and a value."))
        return None
    ck = Checker(rel)
    data = record.check(source.meta, record.what, ck)
    problems.extend(ck.problems)
    body = render(source.body, rel, source.body_line)
    problems.extend(body.problems)
    problems.extend(Problem(rel, source.body_line + n, PLACEHOLDER_MESSAGE, PLACEHOLDER_HINT)
                    for n, line in enumerate(source.body.split("\n")) if PLACEHOLDER in line.upper())
    if not isinstance(data, dict):
        return None
    return Entry(entry_id, rel, data, body)


def inside(root: Path, path: Path, rel: str) -> Path:
    """``path`` resolved, or a problem if it (or a link it follows) leads outside ``root`` or is not an
    ordinary file (see content/gate.py)."""
    try:
        return gate.inside(root, path)
    except gate.Refused as exc:
        raise ReadProblem(exc.problem(rel, 0)) from None
