"""Rebuild only what a change touches, for the live preview.

The preview keeps the last good :class:`~prospectus.model.objects.Prospectus` and the bytes of
every page it wrote.  On each save it reads with the build's own ``read()`` (given the cached
loader and assembler of readers.py, so only changed files are read again), works out which
keys of the model changed (keys.py), renders only the pages that show them, and writes only
files whose bytes differ.  The other outputs come from the build's stage registry
(build/stages.py): those the registry marks CHANGE run after any change that is not only a
course's description (in small tasks when the stage has them), PICTURES when the pictures
changed, FULL on a full rebuild; slow ones (QUIET) are left to the background (background.py).
A change to a template, college.yaml or a picture rebuilds everything through the same safe
staging swap as ``build``.  When anything is wrong nothing is written: the last good site stays.
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import os
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..build import manifest, pipeline, stages
from ..build.context import Context
from ..build.options import Options
from ..build.outputs import Task
from ..build.publish import MARKER, Staging, check_output
from ..model import objects as m
from ..model import urls
from ..problems import Problem, TemplateProblem
from ..render import pages
from ..render.environment import environment
from . import keys as k
from .readers import CachedAssembler, CachedLoader, Stamp, stamp


@dataclass
class Update:
    """What one rebuild did: the pages rendered, files written or removed, and any problems."""

    ok: bool
    problems: tuple[Problem, ...] = ()
    full: bool = False
    rendered: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    changed: bool = True  # False when nothing on disk had changed since the last update

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)


@dataclass
class Pending:
    """What an update has still to do: pages to render (the edited item's own first) and the other
    outputs (stages, or their small tasks) still to run."""

    ctx: Context
    page_paths: list[str]
    todo: collections.deque[pages.PageJob]
    own: int  # how many of the first pages in todo are the edited item's own
    redo: bool  # the other outputs (filters, calendars, easy read, sitemap ...) are made again
    others: collections.deque[stages.Stage | Task]  # those still to run, in order
    media: bool  # the pictures are published again
    made: list[str] = field(default_factory=list)  # files the other outputs made so far
    pictures: list[str] = field(default_factory=list)  # files the media stage made

    def paths(self) -> set[str]:
        return {job.path for job in self.todo}


class Incremental:
    """The preview's builder: call :meth:`update` after every save."""

    def __init__(self, opts: Options):
        self.opts = dataclasses.replace(opts, pdf=False)
        self.asked = opts  # as the caller gave them: the server makes the brochures in the background
        self.loader = CachedLoader()
        self.assembler = CachedAssembler()
        self.prospectus: m.Prospectus | None = None
        self.pages: dict[str, bytes] = {}
        self.extra: set[str] = set()  # files written by the other outputs (sitemap ...)
        self.pictures: set[str] = set()  # the published pictures (media/)
        self.rendered_total = 0
        self._env: jinja2.Environment | None = None
        self._plans: object = None
        self._templates: Stamp = {}
        self._media: Stamp = {}
        self._sources: Stamp | None = None
        self.last: Update | None = None
        self.pending: Pending | None = None  # pages and outputs an update left for work()

    def update(self, force: bool = False, defer: bool = False) -> Update:
        """Check everything and bring the output folder up to date; never raises for content.

        With ``defer``, only the edited item's own pages are done here; :meth:`work` does the rest."""
        started = time.perf_counter()
        content = stamp(self.opts.content)  # one look at each file
        templates = {f"templates{i}/{name}": v for i, folder in enumerate(self.opts.layers().folders())
                     for name, v in stamp(folder).items()}  # the college's own, then the built-in ones
        sources = {**content, **templates}
        if not force and sources == self._sources and self.last is not None:
            return dataclasses.replace(self.last, changed=False, rendered=[], written=[], removed=[])
        self._sources = None  # a failure below must make the next call try again
        self.loader.stamps = content
        new, problems = pipeline.read(self.asked, self.loader.load, self.assembler.prospectus)
        if new is None:
            self._sources = sources
            self.last = Update(False, problems, seconds=time.perf_counter() - started)
            return self.last
        media = {name: v for name, v in content.items() if not name.endswith((".md", ".yaml", ".yml"))}
        full = (force or self.prospectus is None or templates != self._templates or media != self._media
                or not (self.opts.output / MARKER).is_file())
        try:
            if full:
                self._env, self.pending = None, None  # a full rebuild does everything there was to do
            self._templates = templates
            result = self._full(new) if full else self._partial(new, defer)
        except TemplateProblem as exc:
            self.last = Update(False, (*problems, exc.problem), seconds=time.perf_counter() - started)
            return self.last
        self._sources = sources
        self._templates, self._media, self.prospectus = templates, media, new
        manifest.remember(self.opts.cache, self.opts.output, "changed-by-the-preview", {})  # next build: full
        result.problems, result.seconds = problems, time.perf_counter() - started
        self.last = result
        return result

    def _context(self, p: m.Prospectus, page_jobs: list[pages.PageJob], out: Staging) -> tuple[Context, bool]:
        """The build's starting context, the stages it runs ALWAYS (the picture plans) done, and
        whether the pictures to publish changed since the last update."""
        if self._env is None:
            self._env = environment(self.opts.layers(), self.opts.cache / "templates" / manifest.program_key())
        ctx = stages.run(stages.when(stages.When.ALWAYS), pipeline.context(p, self.opts, self._env, page_jobs), out)
        changed, self._plans = ctx.pictures != self._plans, ctx.pictures
        return ctx, changed

    def _render(self, ctx: Context, page_jobs: Iterable[pages.PageJob]) -> dict[str, bytes]:
        base = ctx.base()
        out = {job.path: pages.render_job(ctx.env, base, job).encode("utf-8") for job in page_jobs}
        self.rendered_total += len(out)
        return out

    def _full(self, p: m.Prospectus) -> Update:
        """Everything, into a staging folder swapped in only when it all worked."""
        check_output(self.opts.output, self.opts.content)
        page_jobs = pages.jobs(p)
        staging = Staging(self.opts.output)
        try:
            ctx, _changed = self._context(p, page_jobs, staging)
            rendered = self._render(ctx, page_jobs)
            for path, data in rendered.items():
                staging.write(path, data)
            before = len(staging.written)
            stages.run(stages.when(stages.When.FULL, stages.When.PICTURES, stages.When.CHANGE), ctx, staging)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
        self.pages = rendered
        self.pictures = {rel for rel in staging.written if rel.startswith(urls.MEDIA)}
        self.extra = {rel for rel in staging.written[before:] if not rel.startswith((urls.MEDIA, urls.STATIC))}
        gc.collect()
        gc.freeze()  # the model and pages kept from here on are not scanned by every later collection
        return Update(True, full=True, rendered=list(rendered), written=list(staging.written))

    def _partial(self, p: m.Prospectus, defer: bool) -> Update:
        """Only the pages whose inputs changed; only files whose bytes changed are written.

        The edited course's (tutor's, page's) own page is rendered and written first, so it is on
        disk at once.  The listings and the other outputs follow, in the same call, or, with
        ``defer``, in later calls to :meth:`work` (the preview does them between polls, so that
        the next save never waits behind them).  Work still left when the next change comes is
        carried into that update."""
        changed = k.changed(self.prospectus, p)
        page_jobs = pages.jobs(p)
        ctx, pictures_changed = self._context(p, page_jobs, Staging.over(self.opts.output, self.opts.output, []))
        left = self.pending
        carried = left.paths() if left is not None else set()
        todo = [job for job in page_jobs
                if job.path not in self.pages or job.path in carried or k.needs_render(job, changed)]
        own = {key for key in changed if key.kind in k.OWN_KINDS}
        mine = [job for job in todo if (k.shows(job) or set()) & own]
        rest = [job for job in todo if not (k.shows(job) or set()) & own]
        media = pictures_changed or (left is not None and left.media)
        redo = not k.only_descriptions(changed) or media or (left is not None and left.redo)
        moments = (stages.When.CHANGE, stages.When.PICTURES) if media else (stages.When.CHANGE,)
        self.pending = Pending(ctx, [job.path for job in page_jobs], collections.deque([*mine, *rest]), len(mine),
                               redo, collections.deque(stages.when(*moments) if redo else ()), media)
        update = Update(True)
        self.work(update, own_only=defer)
        return update

    def work(self, update: Update | None = None, seconds: float | None = None, own_only: bool = False) -> bool:
        """Carry on with the pending pages and outputs (all of them, or about ``seconds`` worth);
        True while some are left."""
        if self.pending is None:
            return False
        try:
            return self._work(self.pending, update if update is not None else Update(True), seconds, own_only)
        except BaseException:
            # the next save starts again from the files, with a full rebuild
            self.pending, self._sources, self.prospectus = None, None, None
            raise

    def _work(self, left: Pending, update: Update, seconds: float | None, own_only: bool) -> bool:
        started, done = time.perf_counter(), 0  # each call does at least one page or task
        base = left.ctx.base()
        while left.todo:
            if (own_only and left.own <= 0) or (seconds is not None and done
                                                and time.perf_counter() - started > seconds):
                return True
            done += 1
            job = left.todo.popleft()
            left.own -= 1
            data = pages.render_job(left.ctx.env, base, job).encode("utf-8")
            update.rendered.append(job.path)
            self.rendered_total += 1
            if self.pages.get(job.path) != data:
                _write_atomic(self.opts.output / job.path, data)
                update.written.append(job.path)
            self.pages[job.path] = data
        if own_only:
            return True
        while left.others:
            if seconds is not None and done and time.perf_counter() - started > seconds:
                return True
            done += 1
            item = left.others.popleft()
            if isinstance(item, stages.Stage) and item.tasks is not None:
                left.others.extendleft(reversed(item.tasks(left.ctx)))  # its small tasks, first in line
                continue
            is_media = isinstance(item, stages.Stage) and item.preview is stages.When.PICTURES
            for rel, data in self._whole(left, item) if isinstance(item, stages.Stage) else item():
                (left.pictures if is_media else left.made).append(rel)
                target = self.opts.output / rel
                if not target.is_file() or target.read_bytes() != data:
                    _write_atomic(target, data)
                    update.written.append(rel)
        self._finish(left, update)
        return False

    def _finish(self, left: Pending, update: Update) -> None:
        """Remove what no output makes any more, once every pending output is made."""
        extra = set(left.made) if left.redo else self.extra  # else only descriptions changed: nothing else did
        gone = (set(self.pages) - set(left.page_paths)) | (self.extra - extra)
        if left.media:  # the pictures were published again: those no page shows any more go
            gone |= self.pictures - set(left.pictures)
            self.pictures = set(left.pictures)
        for rel in sorted(gone):
            (self.opts.output / rel).unlink(missing_ok=True)
            self.pages.pop(rel, None)
        self.extra = extra
        update.written = sorted(set(update.written))
        update.removed = sorted(gone)
        self.pending = None

    def _whole(self, left: Pending, stage: stages.Stage) -> list[tuple[str, bytes]]:
        """Run one stage into a scratch folder; the files it made.  It sees every page and file
        made before it (the sitemap lists them)."""
        scratch = Path(tempfile.mkdtemp(prefix=f".{self.opts.output.name}.preview-", dir=self.opts.output.parent))
        before = [*left.page_paths, *left.made]
        staging = Staging.over(self.opts.output, scratch, list(before))
        try:
            stages.run([stage], left.ctx, staging)
            return [(rel, (scratch / rel).read_bytes()) for rel in staging.written[len(before):]]
        finally:
            staging.discard()


def _write_atomic(target: Path, data: bytes) -> None:
    """Write a file so a browser never sees it half-written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.islink(target) or os.path.islink(target.parent):
        raise ValueError(f"The preview will not write through a link: {target}")
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
