"""Rebuild only what a change touches, for the live preview.

The preview keeps the last good :class:`~prospectus.model.Prospectus` and the bytes of every
page it wrote.  On each save it re-reads only the files whose size or modification time
changed (every file is still re-checked against the others: that takes a few milliseconds),
works out which model objects changed, renders only the pages that show them, and writes only
files whose bytes differ.  A change to a template, college.yaml or a picture rebuilds
everything through the same safe :class:`~prospectus.publish.Staging` swap as ``build``.
When anything is wrong nothing is written: the last good site stays in place.

Which page shows what is the table in :func:`prospectus.depends.dependencies`.  A page of a kind the table does
not know follows the one course, tutor, page, term or category in its context (an easy read
page of a course, say); a page with none of them is re-rendered on every change, so a new kind
of page is never left stale.  Another output can say exactly what its page shows in
``PageJob.depends_on`` ('course:ID', 'tutor:ID', 'term:ID', 'category:ID', 'page:ID', the
listings 'courses', 'tutors', 'pages', or '*' for every change).  Tests compare an incremental
rebuild with a full build byte for byte, so a template that starts showing more is caught.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import gc
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import assemble, loader, manifest, parallel, pipeline, resolve
from . import model as m
from .depends import ALL, card, dependencies
from .errors import Problem, TemplateProblem
from .outputs import html
from .publish import MARKER, Staging, check_output
from .templating import environment

FAST_SKIP = ("write_pages", "write_static", "write_media")  # done here, not by running the stage
Stamp = dict[str, tuple[int, int]]


MEDIA = "media/"  # where write_media publishes pictures
BACKGROUND_WORDS = ("pdf", "search_index", "pagefind")  # the brochures and the search index


def is_background(stage: Callable[..., Any]) -> bool:
    """Slow stages (PDF brochures, a search index) never run in the preview's fast path."""
    name = getattr(stage, "__name__", "").lower()
    return any(word in name for word in BACKGROUND_WORDS)


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

    def load(self, root: Path, stamps: Stamp | None = None) -> loader.Loaded:
        seen: set[Path] = set()

        prefix = str(root) + os.sep

        def read(base: Path, path: Path, record: Any, problems: list[Problem]) -> loader.Entry | None:
            seen.add(path)
            text = str(path)
            rel = text[len(prefix):] if base == root and text.startswith(prefix) else os.path.relpath(path, base)
            return self._entry(base, path, record, problems, (stamps or {}).get(rel))

        was = bool(getattr(parallel, "_enabled", True))
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
        key = (whole.college, whole.tutors)
        if key != self._key:
            self._key, self._courses = key, {}
        college = whole.college
        terms, venues = {t.id: t for t in college.terms}, {v.id: v for v in college.venues}
        categories = {c.id: c for c in college.categories}
        courses = []
        for cid, entry in loaded.entries["courses"].items():
            hit = self._courses.get(cid)
            if hit is None or hit[0] is not entry:
                hit = (entry, assemble._course(entry, terms, venues, categories, tutors))
                self._courses[cid] = hit
            courses.append(hit[1])
        return dataclasses.replace(whole, courses=tuple(sorted(courses, key=lambda c: (c.title.lower(), c.id))),
                                   memo={})  # indexes are worked out again from the new courses


def changed_keys(old: m.Prospectus | None, new: m.Prospectus) -> set[str]:
    """The names of what differs between two models: 'course:ID', 'tutor:ID', 'term:ID' ..."""
    if old is None or old.college != new.college or old.today != new.today or old.jargon != new.jargon:
        return {ALL}
    if _nav(old) != _nav(new):
        return {ALL}
    keys: set[str] = set()
    olds, news = {c.id: c for c in old.courses}, {c.id: c for c in new.courses}
    for cid in olds.keys() | news.keys():
        if olds.get(cid) != news.get(cid):
            keys.add(f"course:{cid}")
            if _only_text_changed(olds.get(cid), news.get(cid)):
                continue  # the description is shown on the course's own page only
            keys.add("courses")
            for c in (olds.get(cid), news.get(cid)):
                if c is not None:
                    keys |= _course_reach(c)
    if [c.id for c in old.courses] != [c.id for c in new.courses]:
        keys.add("courses")
    keys |= _diff("tutor", {t.id: t for t in old.tutors}, {t.id: t for t in new.tutors}, "tutors")
    keys |= _diff("page", {p.id: p for p in old.pages}, {p.id: p for p in new.pages}, "pages")
    return keys


def _only_text_changed(old: m.Course | None, new: m.Course | None) -> bool:
    """True when only the Markdown description differs (the most common edit)."""
    if old is None or new is None:
        return False
    return card(old) == card(new)


def _nav(p: m.Prospectus) -> list[tuple[str, str]]:
    return [(pg.id, pg.title) for pg in p.nav_pages]


def _course_reach(c: m.Course) -> set[str]:
    """Everything a course shows up on besides its own page."""
    keys = {f"category:{c.category.id}"}
    keys |= {f"term:{r.term.id}" for r in c.runs}
    keys |= {f"tutor:{t.id}" for t in (*c.facilitators, *c.co_producers)}
    return keys


def _diff(kind: str, old: dict[str, Any], new: dict[str, Any], listing: str) -> set[str]:
    keys: set[str] = set()
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            keys |= {f"{kind}:{key}", listing}
    return keys


def needs_render(job: html.PageJob, keys: set[str]) -> bool:
    deps = dependencies(job)
    return ALL in keys or deps is None or ALL in deps or bool(deps & keys)


@dataclass
class Pending:
    """What an update has still to do: pages to render (the edited item's own first) and whether
    the other outputs (filters, calendars, easy read, sitemap ...) must be made again."""

    stage: pipeline.Stage
    page_paths: list[str]
    todo: collections.deque[html.PageJob]
    own: int  # how many of the first pages in todo are the edited item's own
    others: bool
    media: bool  # the pictures must be published again
    tasks: collections.deque[tuple[str, Any]] | None = None  # the other outputs' stages and tasks
    pictures: list[str] = field(default_factory=list)  # files the pictures stage made
    made: list[str] = field(default_factory=list)  # files the other outputs made so far

    def paths(self) -> set[str]:
        return {job.path for job in self.todo}


class Incremental:
    """The preview's builder: call :meth:`update` after every save."""

    def __init__(self, opts: pipeline.Options):
        self.opts = dataclasses.replace(opts, pdf=False)
        self.asked = opts  # as the caller gave them: the server makes the brochures in the background
        self.loader = CachedLoader()
        self.assembler = CachedAssembler()
        self.prospectus: m.Prospectus | None = None
        self.pages: dict[str, bytes] = {}
        self.extra: set[str] = set()  # files written by other fast stages (sitemap ...)
        self.pictures: set[str] = set()  # the published pictures (media/)
        self.rendered_total = 0
        self._env: jinja2.Environment | None = None
        self._templates: Stamp = {}
        self._media: Stamp = {}
        self._sources: Stamp | None = None
        self._media_changed = False  # a course now names a different picture: publish pictures again
        self.last: Update | None = None
        self.pending: Pending | None = None  # pages and outputs an update left for work()

    def update(self, force: bool = False, defer: bool = False) -> Update:
        """Check everything and bring the output folder up to date; never raises for content.

        With ``defer``, only the edited item's own pages are done here; :meth:`work` does the rest."""
        started = time.perf_counter()
        content, templates = stamp(self.opts.content), stamp(self.opts.templates)  # one look at each file
        sources = {**content, **{f"templates/{k}": v for k, v in templates.items()}}
        if not force and sources == self._sources and self.last is not None:
            return dataclasses.replace(self.last, changed=False, rendered=[], written=[], removed=[])
        self._sources = sources
        loaded = self.loader.load(self.opts.content, content)
        resolve.check(loaded, self.opts.today)
        problems = tuple(sorted(set(loaded.problems)))
        failing = [p for p in problems if p.is_error or self.opts.strict]
        if failing or loaded.college is None:
            self.last = Update(False, problems, seconds=time.perf_counter() - started)
            return self.last
        new = self.assembler.prospectus(loaded, self.opts.today)
        unprinted = tuple(pipeline.brochure_warnings(new, loaded, self.asked))
        problems = (*problems, *unprinted)
        if unprinted and self.opts.strict:
            self.last = Update(False, problems, seconds=time.perf_counter() - started)
            return self.last
        media = {k: v for k, v in content.items() if not k.endswith((".md", ".yaml", ".yml"))}
        full = (force or self.prospectus is None or templates != self._templates or media != self._media
                or not (self.opts.output / MARKER).is_file())
        self._sources = None  # a failure below must make the next call try again
        try:
            if full:
                self._env = None
            self._templates = templates
            if full:
                self.pending = None  # a full rebuild does everything there was to do
            result = self._full(new) if full else self._partial(new, defer)
        except TemplateProblem as exc:
            self.last = Update(False, (*problems, exc.problem), seconds=time.perf_counter() - started)
            return self.last
        self._sources = sources
        self._templates, self._media, self.prospectus = templates, media, new
        manifest.remember(self.opts.cache, self.opts.output, "changed-by-the-preview", {})  # next build: full
        result.problems = problems
        result.seconds = time.perf_counter() - started
        self.last = result
        return result

    def _stage(self, p: m.Prospectus, page_jobs: list[html.PageJob]) -> pipeline.Stage:
        """What every stage is given, prepared as pipeline.render_site prepares it."""
        if self._env is None:
            self._env = environment(self.opts.templates, self.opts.cache / "templates")
        before = self._env.globals.get("picture_plans")
        stage = pipeline.make_stage(p, self.opts, self._env, page_jobs)
        self._media_changed = stage.env.globals["picture_plans"] != before
        return stage

    def _render(self, stage: pipeline.Stage, page_jobs: Iterable[html.PageJob]) -> dict[str, bytes]:
        base = html.base_context(stage.p)
        out = {job.path: html.render_job(stage.env, base, job).encode("utf-8") for job in page_jobs}
        self.rendered_total += len(out)
        return out

    def _full(self, p: m.Prospectus) -> Update:
        """Everything, into a staging folder swapped in only when it all worked."""
        page_jobs = html.jobs(p)
        stage = self._stage(p, page_jobs)
        pages = self._render(stage, page_jobs)
        check_output(self.opts.output, self.opts.content)
        staging = Staging(self.opts.output)
        try:
            for path, data in pages.items():
                staging.write(path, data)
            extra = self._run_stages(stage, staging, FAST_SKIP[:1])
            staging.commit()
        except BaseException:
            staging.discard()
            raise
        self.pages, self.extra = pages, extra
        self.pictures = {rel for rel in staging.written if rel.startswith(MEDIA)}
        gc.collect()
        gc.freeze()  # the model and pages kept from here on are not scanned by every later collection
        return Update(True, full=True, rendered=list(pages), written=list(staging.written))

    @staticmethod
    def _run_stages(stage: pipeline.Stage, staging: Staging, skip: tuple[str, ...]) -> set[str]:
        """Run every fast stage not in ``skip``; the files written by those the preview must keep
        track of itself (all but pages, static files and pictures)."""
        extra: set[str] = set()
        for write in pipeline.OUTPUTS:
            if write.__name__ in skip or is_background(write):
                continue
            before = len(staging.written)
            write(stage, staging)
            if write.__name__ not in FAST_SKIP:
                extra.update(staging.written[before:])
        return extra

    def _partial(self, p: m.Prospectus, defer: bool) -> Update:
        """Only the pages whose inputs changed; only files whose bytes changed are written.

        The edited course's (tutor's, page's) own page is rendered and written first, so it is on
        disk at once.  The listings and the other outputs follow, in the same call, or, with
        ``defer``, in later calls to :meth:`work` (the preview does them between polls, so that
        the next save never waits behind them).  Work still left when the next change comes is
        carried into that update."""
        keys = changed_keys(self.prospectus, p)
        page_jobs = html.jobs(p)
        stage = self._stage(p, page_jobs)
        left = self.pending
        carried = left.paths() if left is not None else set()
        todo = [job for job in page_jobs
                if job.path not in self.pages or job.path in carried or needs_render(job, keys)]
        own = {k for k in keys if k.split(":")[0] in ("course", "tutor", "page")}
        mine = [job for job in todo if (dependencies(job) or set()) & own]
        rest = [job for job in todo if not (dependencies(job) or set()) & own]
        media = self._media_changed or (left is not None and left.media)  # pictures to publish again
        others = bool({k for k in keys if not k.startswith("course:")}) or media or (left is not None and left.others)
        self.pending = Pending(stage, [job.path for job in page_jobs], collections.deque([*mine, *rest]),
                               len(mine), others, media)
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
        base = html.base_context(left.stage.p)
        while left.todo:
            if own_only and left.own <= 0:
                return True
            if seconds is not None and done and time.perf_counter() - started > seconds:
                return True
            done += 1
            job = left.todo.popleft()
            left.own -= 1
            data = html.render_job(left.stage.env, base, job).encode("utf-8")
            update.rendered.append(job.path)
            self.rendered_total += 1
            if self.pages.get(job.path) != data:
                _write_atomic(self.opts.output / job.path, data)
                update.written.append(job.path)
            self.pages[job.path] = data
        if own_only:
            return True
        if left.others:
            if left.tasks is None:
                left.tasks = collections.deque(("stage", write) for write in self._other_writers(left.media))
            while left.tasks:
                if seconds is not None and done and time.perf_counter() - started > seconds:
                    return True
                done += 1
                kind, fn = left.tasks.popleft()
                if kind == "stage":  # a stage: run it whole, or put its small tasks first in line
                    split = pipeline.TASKS.get(fn.__name__)
                    parts = split(left.stage) if split is not None else None
                    if parts is not None:
                        left.tasks.extendleft(("task", part) for part in reversed(parts))
                        continue
                    made = self._whole(left, fn)
                else:
                    made = fn()
                # pictures (write_media) are published but, as in a full update, not tracked as extra
                tracked = not (kind == "stage" and fn.__name__ in FAST_SKIP)
                for rel, data in made:
                    if tracked:
                        left.made.append(rel)
                    elif fn.__name__ == "write_media":
                        left.pictures.append(rel)
                    target = self.opts.output / rel
                    if not target.is_file() or target.read_bytes() != data:
                        _write_atomic(target, data)
                        update.written.append(rel)
            extra = set(left.made)
        else:  # only course descriptions changed: no other output shows them (the search index is made later)
            extra = self.extra
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
        return False

    @staticmethod
    def _other_writers(media: bool) -> list[Callable[[pipeline.Stage, Staging], None]]:
        """The fast stages besides the pages (filters, calendars, easy read, feed, sitemap ...), and
        the pictures when ``media``."""
        skip = FAST_SKIP if not media else tuple(n for n in FAST_SKIP if n != "write_media")
        return [w for w in pipeline.OUTPUTS if w.__name__ not in skip and not is_background(w)]

    def _whole(self, left: Pending, write: Callable[[pipeline.Stage, Staging], None]) -> list[tuple[str, bytes]]:
        """Run one stage into a scratch folder; the files it made.  It sees every page and file
        made before it (the sitemap lists them)."""
        scratch = Path(tempfile.mkdtemp(prefix=f".{self.opts.output.name}.preview-", dir=self.opts.output.parent))
        before = [*left.page_paths, *left.made]
        staging = Staging.over(self.opts.output, scratch, list(before))
        try:
            write(left.stage, staging)
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
