"""The live preview's reader: what the build's read() does, keeping unchanged files in memory.

On each save the preview looks at every file's modification time and size (:func:`stamp`, a few
milliseconds for a thousand courses), reads again only the files that changed
(:class:`CachedLoader`) and assembles again only the courses whose files changed
(:class:`CachedAssembler`); both are given to :func:`prospectus.build.pipeline.read`, so the
checks and the model are the build's own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

from .. import parallel
from ..content import loader
from ..model import assemble
from ..model import objects as m
from ..problems import Problem

Stamp = dict[str, tuple[int, int]]


def stamp(root: Path, suffixes: tuple[str, ...] | None = None, exclude: tuple[str, ...] = ()) -> Stamp:
    """(mtime, size) of every file under ``root``: cheap enough to take on every save."""
    out: Stamp = {}
    if not root.is_dir():
        return out
    top = os.path.normpath(root)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        inner = dirpath[len(top) + 1:]  # the folder's path inside root ('' for root itself)
        for name in filenames:
            if name.startswith(".") or (suffixes is not None and not name.endswith(suffixes)):
                continue
            if exclude and name.endswith(exclude):
                continue
            try:
                st = os.stat(os.path.join(dirpath, name))
            except OSError:
                continue
            out[os.path.join(inner, name) if inner else name] = (st.st_mtime_ns, st.st_size)
    return out


class CachedLoader:
    """loader.load(), re-reading only the Markdown files whose (mtime, size) changed.

    Files are read in this process (never in a fork), so that an unchanged file keeps the very
    same Entry object and the assembler below can recognise it."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[tuple[int, int], loader.Entry | None, list[Problem]]] = {}
        self.reads = 0
        self.stamps: Stamp = {}  # the files as they were when last looked at (set by the preview)

    def load(self, root: Path) -> loader.Loaded:
        seen: set[Path] = set()
        prefix = str(root) + os.sep

        def read(base: Path, path: Path, record: Any, problems: list[Problem]) -> loader.Entry | None:
            seen.add(path)
            text = str(path)
            rel = text[len(prefix):] if base == root and text.startswith(prefix) else os.path.relpath(path, base)
            return self._entry(base, path, record, problems, self.stamps.get(rel))

        was = parallel.enabled()
        parallel.set_enabled(False)
        try:
            loaded = loader.load(root, read)
        finally:
            parallel.set_enabled(was)
        for gone in set(self._cache) - seen:
            del self._cache[gone]
        return loaded

    def _entry(self, root: Path, path: Path, record: Any, problems: list[Problem],
               key: tuple[int, int] | None = None) -> loader.Entry | None:
        if key is None:
            try:
                st = path.stat()
                key = (st.st_mtime_ns, st.st_size)
            except OSError:
                key = (-1, -1)
        hit = self._cache.get(path)
        if hit is None or hit[0] != key or key == (-1, -1):
            found: list[Problem] = []
            self.reads += 1
            hit = (key, loader.load_entry(root, path, record, found), found)
            self._cache[path] = hit
        problems.extend(hit[2])
        return hit[1]


PROSPECTUS_FIELDS = ("college", "courses", "tutors", "pages", "today", "jargon")


class CachedAssembler:
    """assemble.prospectus(), re-using the Course of every file that was not re-read.

    Assembling a course is the slowest part of a rebuild on a large site.  A course is made
    again when its file changed, or when the college or any tutor changed (it refers to them).
    Should the model ever gain a field this does not know, it falls back to assembling all."""

    def __init__(self) -> None:
        self._key: object = None
        self._courses: dict[str, tuple[loader.Entry, m.Course]] = {}

    def prospectus(self, loaded: loader.Loaded, today: dt.date) -> m.Prospectus:
        if tuple(f.name for f in dataclasses.fields(m.Prospectus) if f.compare) != PROSPECTUS_FIELDS:
            return assemble.prospectus(loaded, today)
        whole = assemble.prospectus(dataclasses.replace(loaded, entries={**loaded.entries, "courses": {}}), today)
        tutors = {t.id: t for t in whole.tutors}
        key = (whole.college, whole.tutors, today)  # a run's phase depends on the day
        if key != self._key:
            self._key, self._courses = key, {}
        college = whole.college
        terms, venues = {t.id: t for t in college.terms}, {v.id: v for v in college.venues}
        categories = {c.id: c for c in college.categories}
        courses = []
        for cid, entry in loaded.entries["courses"].items():
            hit = self._courses.get(cid)
            if hit is None or hit[0] is not entry:
                hit = (entry, assemble.course(entry, terms, venues, categories, tutors, today))
                self._courses[cid] = hit
            courses.append(hit[1])
        return dataclasses.replace(whole, courses=tuple(sorted(courses, key=lambda c: (c.title.lower(), c.id))))
