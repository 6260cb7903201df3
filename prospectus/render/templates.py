"""The templates a build uses: the built-in set, with a college's own files laid over it.

The built-in templates, stylesheets, fonts and easy read pictures are package data
(``prospectus/templates`` in an installed copy; the ``templates/`` folder at the top of the
source tree when run from a checkout).  A college keeps only the files it changes in its own
``templates/`` folder, beside ``content/``: a file there replaces the built-in one of the same
name, and may build on it with ``{% extends "builtin/<name>" %}``, overriding only the blocks it
changes (listed in tools/starter/templates/README.md, which ``new college`` writes into every
college's templates/).  An upgrade of the program then changes everything the college did not,
and nothing it did.

Every file a build takes from the templates (a page template, a static file, a brochure's
stylesheet or font) is found through :class:`Templates`: the college's file when there is one,
otherwise the built-in one, and nothing outside those two folders.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2
from markupsafe import escape

PACKAGE = Path(__file__).resolve().parents[1]
# Installed: package data inside the package.  A source checkout (or an editable install): the
# repository's templates/ folder, which is what setuptools packs as that package data.
BUILTIN = PACKAGE / "templates" if (PACKAGE / "templates" / "base.html").is_file() else PACKAGE.parent / "templates"
ESCAPED = ("html", "xml", "svg")  # the templates whose output the environment escapes (autoescape)
PREFIX = "builtin/"  # {% extends "builtin/404.html" %}: always the built-in template, never the college's


def safe_parts(rel: str) -> tuple[str, ...] | None:
    """The parts of a relative path inside a templates folder, or None when it could lead outside."""
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or "\\" in rel or "\0" in rel or any(p in ("..", "") for p in rel.split("/")):
        return None
    return pure.parts


@dataclass(frozen=True)
class Templates:
    """The college's own templates folder (``own``, None when it has none) over the built-in set."""

    own: Path | None = None
    builtin: Path = BUILTIN

    @classmethod
    def at(cls, folder: Path | None, builtin: Path = BUILTIN) -> Templates:
        """The templates for a build given ``--templates folder`` (or the default): no own layer when
        the folder does not exist or is the built-in folder itself (a build in this repository)."""
        if folder is None or not folder.is_dir() or folder.resolve() == builtin.resolve():
            return cls(None, builtin)
        return cls(folder, builtin)

    def folders(self) -> tuple[Path, ...]:
        """The folders searched, the college's first."""
        return (self.own, self.builtin) if self.own is not None else (self.builtin,)

    def find(self, rel: str, builtin_only: bool = False) -> Path | None:
        """The file ``rel`` (like 'static/site.css') from the college's folder or else the built-in one:
        an ordinary file inside that folder (links followed, but never out of it), or None."""
        parts = safe_parts(rel)
        if parts is None:
            return None
        for folder in (self.builtin,) if builtin_only else self.folders():
            path = _inside(folder, folder.joinpath(*parts))
            if path is not None:
                return path
        return None

    def files(self, under: str) -> dict[str, Path]:
        """Every file under the folder ``under`` (like 'static') of both layers, by its path inside the
        templates ('static/site.css'), the college's replacing the built-in one; sorted."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders()):
            top = folder / under
            if not top.is_dir():
                continue
            for dirpath, dirnames, filenames in os.walk(top):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in filenames:
                    path = _inside(folder, Path(dirpath) / name)
                    if path is not None and not name.startswith("."):
                        found[(Path(dirpath) / name).relative_to(folder).as_posix()] = path
        return dict(sorted(found.items()))

    def digest(self, rel: str) -> str:
        """A hash of the file ``rel`` as a build would use it ('missing' when there is none)."""
        path = self.find(rel)
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else "missing"

    def shown(self, filename: str) -> str:
        """How a template file is named in a message: 'templates/404.html' (the college's, as its folder
        was given), or the built-in one as the college would extend it ('builtin/404.html'), or, in
        this repository, as the developer sees it ('templates/course.html')."""
        path = Path(filename).resolve()
        if self.own is not None and path.is_relative_to(self.own.resolve()):
            return f"{self.own.as_posix().rstrip('/')}/{path.relative_to(self.own.resolve()).as_posix()}"
        if path.is_relative_to(self.builtin.resolve()):
            return f"{_builtin_label(self.builtin)}/{path.relative_to(self.builtin.resolve()).as_posix()}"
        return path.name

    def names(self, shown: str) -> bool:
        """Whether a message's file name is a template's (see :meth:`shown`), whether or not it exists."""
        labels = ["templates", "builtin", _builtin_label(self.builtin)]
        if self.own is not None:
            labels.append(self.own.as_posix().rstrip("/"))
        return any(shown.startswith(label + "/") for label in labels)

    def source(self, shown: str) -> Path | None:
        """The file a message names (the reverse of :meth:`shown`), to show its lines."""
        for label, folder in ((self.own.as_posix().rstrip("/") if self.own else None, self.own),
                              (_builtin_label(self.builtin), self.builtin)):
            if label and folder is not None and shown.startswith(label + "/"):
                parts = safe_parts(shown[len(label) + 1:])
                found = _inside(folder, folder.joinpath(*parts)) if parts else None
                if found is not None:
                    return found
        return None

    def loader(self) -> Layered:
        return Layered(self)


def _builtin_label(builtin: Path) -> str:
    """'templates' in a checkout where the built-in folder is ./templates, otherwise 'builtin'."""
    try:
        here = Path.cwd().resolve()
    except OSError:
        return "builtin"
    return "templates" if builtin.resolve() == here / "templates" else "builtin"


def _inside(folder: Path, path: Path) -> Path | None:
    """``path`` resolved, when it is an ordinary file inside ``folder`` (a link out of it is refused)."""
    try:
        resolved = path.resolve(strict=True)
        if not resolved.is_relative_to(folder.resolve()) or not stat.S_ISREG(resolved.stat().st_mode):
            return None
    except (OSError, RuntimeError, ValueError):
        return None
    return resolved


# {{ _("Some words") }}: a fixed text to translate, written out as it is, once, when the template is read.
_FIXED_TEXT = re.compile(r"""\{\{ _\((?:"([^"\\{}%#\n]*)"|'([^'\\{}%#\n]*)')\) \}\}""")


def fixed_texts(source: str) -> str:
    """A template's source with each ``{{ _("Some words") }}`` replaced by the words, escaped as the
    page would escape them.  With no translation catalogue, ``_()`` gives back its text (``%%``
    as %), so the page is the same, without a call for every fixed text on every page (a fifth of a
    course page's time).  A catalogue, when one comes, must translate here instead."""
    return _FIXED_TEXT.sub(lambda m: str(escape((m.group(1) or m.group(2) or "").replace("%%", "%"))), source)


class Layered(jinja2.BaseLoader):
    """Jinja2's view of :class:`Templates`: 'base.html' is the college's when it has one, else the
    built-in one; 'builtin/base.html' is always the built-in one."""

    def __init__(self, templates: Templates):
        self.templates = templates

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        builtin_only = template.startswith(PREFIX)
        path = self.templates.find(template.removeprefix(PREFIX), builtin_only=builtin_only)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        source = path.read_text(encoding="utf-8")
        if template.rsplit(".", 1)[-1].lower() in ESCAPED:  # its fixed texts are escaped like the rest
            source = fixed_texts(source)
        mtime = path.stat().st_mtime_ns

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime_ns == mtime and self.templates.find(
                    template.removeprefix(PREFIX), builtin_only=builtin_only) == path
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self) -> list[str]:
        names: set[str] = set()
        for folder in self.templates.folders():
            names |= {p.relative_to(folder).as_posix() for p in folder.rglob("*.html") if p.is_file()}
        return sorted(names)
