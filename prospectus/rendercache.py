"""Keep rendered pages between builds, under a hash of everything they are made from.

A page's key is a hash of: this program and its templates (their bytes), what every page shows
(the college, the menu of pages, the date, the hard-word list, the picture files and brochure
sizes), the page's path, template and own context, and what its keys in the dependency table
(depends.py) stand for: a course page's course, a category page's category and its courses, the
courses list's every course.  A build renders a page only when no page with its key was kept;
otherwise it copies the kept bytes.  A page the table does not know is always rendered.

The kept pages are files under ``pages/`` in the cache folder (safe to delete); pages no build
has used recently are removed when there are many more than the site has.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from . import model as m
from .depends import ALL, card, dependencies
from .outputs import html
from .parsecache import program_key

_CHECK = 16  # bytes of hash before each kept page
_MODEL_TYPES = tuple(t for t in vars(m).values() if isinstance(t, type) and dataclasses.is_dataclass(t))


SHIPPED = Path(__file__).resolve().parent / "shipped-templates.json"


def template_hashes(templates: Path) -> dict[str, str]:
    """A hash of each page template (.html) in a templates folder."""
    return {f.relative_to(templates).as_posix(): hashlib.blake2b(f.read_bytes(), digest_size=16).hexdigest()
            for f in sorted(templates.rglob("*.html")) if f.is_file()}


def shipped_hashes() -> dict[str, str]:
    """The hashes of the templates the dependency table was written for."""
    try:
        found = json.loads(SHIPPED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_shipped(templates: Path) -> None:
    """After checking depends.py against a template change: python -m prospectus.rendercache"""
    SHIPPED.write_text(json.dumps(template_hashes(templates), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _hash(parts: Iterable[str | bytes]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class RenderCache:
    """Looked up by :func:`html.write_jobs`; one per build."""

    def __init__(self, folder: Path, p: m.Prospectus, templates: Path, globals_: dict[str, Any]):
        self.folder = folder / "pages"
        self.p = p
        self.templates = templates
        self.globals = globals_
        self.started = time.time()
        # The dependency table describes the templates shipped with the program: with templates
        # changed or added, any page might show anything, so pages are always rendered.
        self.trusted = template_hashes(templates) == shipped_hashes()
        self._salt: str | None = None
        self._prints: dict[str, str] = {}
        self._objects: dict[object, str] = {}
        self._by_id: dict[str, m.Course] | None = None
        self._folders: set[str] = set()

    # ---- keys -----------------------------------------------------------------------------

    def key(self, job: html.PageJob) -> str | None:
        """The page's key, or None when it must always be rendered."""
        if not self.trusted:
            return None
        deps = dependencies(job)
        if deps is None:
            return None
        context = [f"{k}={self._value(v)}" for k, v in sorted(job.context.items())]
        return self.key_for(job.path, deps, [job.template, str(job.in_sitemap), *context])

    def key_for(self, path: str, deps: set[str], more: list[str]) -> str | None:
        """The key of any output file made from what ``deps`` stand for (and ``more``)."""
        if ALL in deps:
            return None
        prints = [self._print(d) for d in sorted(deps)]
        if any(pr is None for pr in prints):
            return None
        return _hash([self.salt(), path, *more, *map(str, prints)])

    def salt(self) -> str:
        """What every page depends on (worked out at the first page, after the brochures are made)."""
        if self._salt is None:
            p = self.p
            parts: list[str | bytes] = [program_key(), repr(p.college), repr(p.nav_pages), repr(p.today),
                                        repr(p.jargon), repr(sorted(self.globals.get("pictures", {}).items())),
                                        repr(sorted(self.globals.get("brochures", {}).items()))]
            for path in sorted(self.templates.rglob("*")):
                if path.is_file():
                    parts += [path.relative_to(self.templates).as_posix(), path.read_bytes()]
            self._salt = _hash(parts)
        return self._salt

    def _print(self, key: str) -> str | None:
        """What one dependency key stands for, as a hash; None for a key this does not know."""
        if key not in self._prints:
            self._prints[key] = self._work_out(key) or ""
        return self._prints[key] or None

    def _work_out(self, key: str) -> str | None:
        p = self.p
        kind, _, ident = key.partition(":")
        card = self._card
        if key == "courses":
            return _hash(card(c) for c in p.courses)
        if key == "tutors":
            return _hash(self._object(t) for t in p.tutors)
        if key == "pages":
            return _hash(self._object(pg) for pg in p.pages)
        if kind == "course":
            if self._by_id is None:
                self._by_id = {c.id: c for c in p.courses}
            course = self._by_id.get(ident)
            return _hash([self._object(course) if course is not None else "no such course"])
        if kind == "page":
            return _hash([*(self._object(pg) for pg in p.pages if pg.id == ident), "page"])
        if kind == "tutor":
            tutors = [t for t in p.tutors if t.id == ident]
            return _hash([*(self._object(t) for t in tutors), "|",
                          *(card(c) for t in tutors for c in p.courses_by(t))])
        if kind == "category":
            cats = [c for c in p.college.categories if c.id == ident]
            return _hash([*(self._object(c) for c in cats), "|",
                          *(card(c) for cat in cats for c in p.courses_in(cat))])
        if kind == "term":
            terms = [t for t in p.college.terms if t.id == ident]
            return _hash([*(self._object(t) for t in terms), "|",
                          *(card(c) for t in terms for c in p.courses if c.runs_in(t))])
        return None

    def _object(self, obj: object) -> str:
        """A model object's hash (its repr, which leaves out worked-out indexes), once per build."""
        found = self._objects.get(id(obj))
        if found is None:
            found = self._objects[id(obj)] = _hash([type(obj).__name__, repr(obj)])
        return found

    def _card(self, course: m.Course) -> str:
        """A course as other pages show it (depends.card)."""
        key = ("card", id(course))
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = _hash(["card", repr(card(course))])
        return found

    def _value(self, value: Any) -> str:
        if isinstance(value, html.Later):
            return "later"  # worked out from the page's dependencies
        if isinstance(value, m.Course):  # a page showing a course in full has 'course:ID' among its keys
            return self._card(value)
        if isinstance(value, _MODEL_TYPES):
            return self._object(value)
        if isinstance(value, list | tuple):
            return "[" + ",".join(self._value(v) for v in value) + "]"
        if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a filter choice, an easy read section
            return type(value).__name__ + "(" + ",".join(
                f"{f.name}={self._value(getattr(value, f.name))}" for f in dataclasses.fields(value) if f.repr) + ")"
        return repr(value)

    # ---- the kept pages -------------------------------------------------------------------

    def _file(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def get(self, key: str) -> bytes | None:
        """The kept bytes, when they are whole (each file starts with a hash of the rest)."""
        path = self._file(key)
        try:
            with open(path, "rb") as f:
                kept = f.read()
            os.utime(path)  # used by this build: kept when the cache is tidied
        except OSError:
            return None
        check, data = kept[:_CHECK], kept[_CHECK:]
        return data if hashlib.blake2b(data, digest_size=_CHECK).digest() == check else None

    def made(self, key: str | None, make: Callable[[], bytes]) -> bytes:
        """The kept bytes for ``key``, or ``make()`` (kept under ``key`` for the next build)."""
        data = self.get(key) if key is not None else None
        if data is None:
            data = make()
            if key is not None:
                self.put(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        path = self._file(key)
        try:
            folder = os.path.dirname(path)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with open(path, "wb") as f:  # a file cut short by a crash fails its hash and is not used
                f.write(hashlib.blake2b(data, digest_size=_CHECK).digest() + data)
        except OSError:
            pass  # the cache only saves time

    def tidy(self, pages: int) -> None:
        """Remove pages no build used since this one started, once there are over 3 times as many
        kept as the site has."""
        if not self.folder.is_dir():
            return
        files = [f for d in self.folder.iterdir() if d.is_dir() for f in d.iterdir()]
        if len(files) <= 3 * pages + 100:
            return
        for f in files:
            try:
                if f.stat().st_mtime < self.started - 1:
                    f.unlink()
            except OSError:
                pass
        for d in self.folder.iterdir():
            if d.is_dir() and not any(d.iterdir()):
                shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    from .templating import DEFAULT_TEMPLATES

    write_shipped(DEFAULT_TEMPLATES)
    print(f"Wrote {SHIPPED}. Check prospectus/depends.py still says what each changed template shows.")
