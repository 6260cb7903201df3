"""Skip a build when nothing it reads has changed since the last successful one.

The fingerprint covers every file under the content and templates folders (name, size,
modification time), the program's own files and the options that change the output
(including the build date, which picks the current term).  It is kept in the cache folder
(safe to delete) and only trusted while the output folder still carries the build's marker,
so deleting ``site/`` always leads to a full build.
This module imports nothing heavy: the check must cost a few milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

MARKER = ".prospectus-build"  # the marker publish.py writes into every site it makes
PROGRAM = Path(__file__).resolve().parent


def fingerprint(content: Path, templates: Path, settings: dict[str, Any]) -> str:
    """A hash of everything a build reads; equal fingerprints give identical sites."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    for label, folder in (("content", content), ("templates", templates), ("program", PROGRAM)):
        for rel, stat in _walk(folder):
            digest.update(f"{label}\0{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _walk(folder: Path) -> list[tuple[str, os.stat_result]]:
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
