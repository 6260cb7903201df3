"""What every stage of a build is given, and what the stages make for the ones after them.

A :class:`Context` is frozen.  A stage that makes something for later stages (the picture
plans, the brochures, the running search index) returns it, and the stage loop
(stages.run) puts it on a new context under the field the registry names; nothing passes
between stages through Jinja2's globals or a shared dictionary.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field

import jinja2

from ..model.objects import Prospectus
from ..problems import Problem
from ..render import images, pages
from ..render.print.brochures import Brochure
from .options import Options
from .progress import SILENT, Progress


@dataclass(frozen=True)
class Context:
    """The model, the options, the Jinja2 environment and the site's pages; then what stages made."""

    p: Prospectus
    opts: Options
    env: jinja2.Environment
    page_jobs: tuple[pages.PageJob, ...]
    pictures: images.Plans = field(default_factory=lambda: images.Plans({}, {}))  # made by "pictures"
    brochures: Mapping[str, list[Brochure]] = field(default_factory=dict)  # made by "brochures", by term id
    search: subprocess.Popen[str] | None = None  # made by "search index": the indexer, running
    warnings: tuple[Problem, ...] = ()  # made by "search index finished": a missing Pagefind
    progress: Progress = SILENT  # what a long build shows on the terminal (progress.py)

    def base(self) -> dict[str, object]:
        """What every page template is given (render/pages.base_context)."""
        return pages.base_context(self.p, self.pictures.shown, self.brochures, self.pictures.logo)
