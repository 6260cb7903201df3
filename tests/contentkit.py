"""Small helpers for tests that break a copy of a content folder on purpose.

Each test changes one thing in a fresh copy of a fixture college, reads it with the real
pipeline and looks for the problem it expects: the file, the line and the key words.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from prospectus.build import pipeline
from prospectus.problems import Problem


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace the first ``old`` in ``root/rel`` with ``new`` (the test fails if ``old`` is not there)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}: the fixture changed, update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write(root: Path, rel: str, data: str | bytes) -> None:
    """Create (or overwrite) ``root/rel`` with text or bytes."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def problems(root: Path, *, strict: bool = False) -> tuple[Problem, ...]:
    """Every problem the pipeline finds in ``root`` (errors and warnings)."""
    _model, found = pipeline.read(pipeline.Options(content=root, strict=strict))
    return found


def find(found: tuple[Problem, ...], rel: str, line: int | None, *words: str) -> Problem:
    """The one problem in ``rel`` at ``line`` whose message and hint hold all ``words``."""
    for p in found:
        text = f"{p.message} {p.hint}".lower()
        if p.path == rel and (line is None or p.line == line) and all(w.lower() in text for w in words):
            return p
    listing = "\n".join(p.format() for p in found) or "(no problems at all)"
    raise AssertionError(f"expected {rel}:{line} with {words}, got:\n{listing}")


def tree_hash(root: Path) -> dict[str, str]:
    """A SHA-256 of every file under ``root``, by relative path (to prove nothing changed)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}
