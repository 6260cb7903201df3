"""The live preview's slow outputs (the brochures and the search index), made in a background thread.

They are the stages the registry marks QUIET (build/stages.py), run after a second without
saves, one run at a time, from the preview's own model (nothing is read again) and straight into
the served folder: the search index must see every page, and a half-made PDF in a preview harms
no one (a later save makes it again).  The stages see the preview's options, so ``--no-pdf``
still means no brochures.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..build import pipeline, stages
from ..build.context import Context
from ..build.options import Options
from ..build.publish import Staging, readable
from ..model.objects import Prospectus
from ..model.urls import PAGEFIND
from ..problems import Problem
from ..render.search import index as search

QUIET = 1.0  # seconds without a save before the slow outputs are made again


class BackgroundWorker:
    """Builds the slow stages in a background thread, one run at a time."""

    def __init__(self, opts: Options, say: Callable[[str], None]):
        self.opts = opts
        self.say = say
        self.stopped = False
        self.model: Prospectus | None = None
        self.ctx: Context | None = None  # the run in progress
        self.said: set[Problem] = set()  # warnings already shown (a missing Pango: once, not after every save)
        self.wanted = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="slow outputs", daemon=True)
        self.thread.start()

    def request(self, prospectus: Prospectus | None) -> None:
        """Make the slow outputs again, from ``prospectus`` (the preview's model: nothing is read again)."""
        self.model = prospectus
        self.wanted.set()

    def stop(self) -> None:
        """Stop, and stop the search indexer if it is running (it must not outlive the preview)."""
        self.stopped = True
        self.wanted.set()
        if self.ctx is not None:
            search.stop(self.ctx.search)
        self.thread.join(timeout=60)

    def _loop(self) -> None:
        while True:
            self.wanted.wait()
            while not self.stopped:  # wait for a pause in the saving: the slow outputs take seconds
                self.wanted.clear()
                if not self.wanted.wait(QUIET):
                    break
            self.wanted.clear()
            if self.stopped:
                return
            try:
                self._build()
            except Exception as exc:
                self.say(f"The PDF brochures or search index could not be made ({type(exc).__name__}: "
                         f"{exc}). The web pages are not affected.")

    def _build(self) -> None:
        prospectus = self.model
        if prospectus is None:
            return
        root = self.opts.output.resolve()
        staging = Staging.over(root, root, sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")))
        before = len(staging.written)
        self.ctx = pipeline.context(prospectus, self.opts)
        try:
            for stage in stages.when(stages.When.ALWAYS, stages.When.QUIET):
                if self.stopped:
                    return
                self.ctx = stages.run([stage], self.ctx, staging)
        finally:
            search.stop(self.ctx.search)  # never left running, whatever happened
        readable(root / PAGEFIND)  # as a build publishes it, whatever the umask
        if len(staging.written) > before:
            self.say(f"Background outputs updated ({len(staging.written) - before} files: PDFs, search index).")
        for warning in self.ctx.warnings:
            if warning not in self.said:
                self.said.add(warning)
                self.say(warning.format())
