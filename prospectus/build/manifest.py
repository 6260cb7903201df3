"""Skip a build when nothing it reads has changed since the last successful one.

The fingerprint covers every file under the content and templates folders (name, size,
modification time), the program's own files and the options that change the output
(including the build date, which picks the current term).  It is kept in the cache folder
(safe to delete) and only trusted while the output folder still carries the build's marker,
so deleting ``site/`` always leads to a full build.
This module imports nothing heavy: the check must cost a few milliseconds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .publish import MARKER

PROGRAM = Path(__file__).resolve().parents[1]  # the prospectus package


def fingerprint(content: Path, templates: Sequence[Path], settings: dict[str, Any]) -> str:
    """A hash of everything a build reads; equal fingerprints give identical sites.  ``templates`` are
    the folders templates are taken from (the college's own, and the built-in ones)."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    folders = [("content", content), *((f"templates{i}", f) for i, f in enumerate(templates)), ("program", PROGRAM)]
    for label, folder in folders:
        for rel, stat in walk(folder):
            digest.update(f"{label}\0{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def walk(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under ``folder`` (links not followed into folders), with its stat, in a fixed order."""
    found: list[tuple[str, os.stat_result]] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            try:
                found.append((os.path.relpath(path, folder), os.stat(path)))
            except OSError:
                found.append((os.path.relpath(path, folder), os.lstat(path)))
    return found


def _record(cache: Path, output: Path) -> Path:
    key = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]
    return cache / "builds" / f"{key}.json"


def last_build(cache: Path, output: Path) -> dict[str, Any]:
    """What the last successful build into ``output`` recorded, or {} when there is none
    (or when the output folder is gone or no longer ours)."""
    if not (output / MARKER).is_file():
        return {}
    try:
        data = json.loads(_record(cache, output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remember(cache: Path, output: Path, fingerprint_value: str, summary: dict[str, Any]) -> None:
    """Record a successful build; kept in the cache so that the site itself stays byte-identical."""
    path = _record(cache, output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"fingerprint": fingerprint_value, **summary}, sort_keys=True),
                        encoding="utf-8")
    except OSError:
        pass  # the record only saves time; a build without it is still correct


# Libraries whose version changes what is parsed or rendered.
LIBRARIES = ("markdown-it-py", "pyyaml", "nh3", "jinja2", "markupsafe", "pillow", "defusedxml")


@functools.cache
def program_key() -> str:
    """What the parse cache and the compiled templates depend on besides the content: this program
    (its files' sizes and times) and the versions of the libraries that parse and render."""
    import importlib.metadata  # not at the top: the no-change check must stay quick

    digest = hashlib.sha256(sys.version.encode())
    for package in LIBRARIES:
        try:
            digest.update(f"\0{package} {importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"\0{package} ?".encode())
    for rel, info in walk(PROGRAM):
        if rel.endswith(".py"):
            digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]
