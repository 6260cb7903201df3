"""What a build is asked to do (:class:`Options`) and what it did (:class:`Result`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..model.clock import build_date
from ..model.printed import LIMIT_VARIABLE
from ..problems import Problem
from ..render.templates import BUILTIN, Templates


@dataclass(frozen=True)
class Options:
    """What to build from where; made by the command line or by tests."""

    content: Path = Path("content")
    output: Path = Path("site")
    templates: Path | None = Path("templates")  # the college's own templates (only those it changes), if any
    builtin: Path = BUILTIN  # the built-in templates (package data); tests try an upgrade with a changed copy
    strict: bool = False
    pdf: bool = True
    pdf_cache: Path | None = None  # finished PDFs kept between builds; None: pdf/ inside the cache folder
    today: dt.date = field(default_factory=build_date)
    cache: Path = Path(".cache")  # safe to delete: only makes the next build faster
    force: bool = False  # build even when nothing has changed since the last build
    gentle: bool = False  # run helper programs (the search indexer) at low priority: the live preview does

    def kept(self) -> Path:
        """The part of the cache folder for this content folder: parsed files and search index parts
        of one prospectus are kept apart from another's."""
        return self.cache / "content" / hashlib.sha256(str(self.content.resolve()).encode()).hexdigest()[:16]

    def layers(self) -> Templates:
        """The templates this build uses: the college's own folder (when there is one) over the built-in set."""
        return Templates.at(self.templates, self.builtin)

    def settings(self) -> dict[str, object]:
        """The options that change what is built, for the no-change check."""
        return {"content": self.content.resolve(), "templates": [str(f.resolve()) for f in self.layers().folders()],
                "strict": self.strict,
                "pdf": self.pdf, "today": self.today, "version": __version__,
                "brochure_limit": os.environ.get(LIMIT_VARIABLE, "") if self.pdf else ""}


@dataclass
class Result:
    """What a build did, for the summary line."""

    problems: tuple[Problem, ...]
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    unchanged: bool = False  # nothing had changed, so nothing was rebuilt

    @property
    def pages(self) -> int:
        return sum(1 for f in self.files if f.endswith(".html"))

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)
