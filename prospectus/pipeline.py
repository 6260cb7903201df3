"""build(): the whole pipeline, one line per stage.

read and validate -> model -> render -> publish.  Content problems are collected first
and stop the build before anything is written; the site is rendered into a staging
folder and swapped in only when every stage has succeeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import jinja2

from . import __version__, assemble, images, loader, manifest, parallel, resolve
from .errors import ContentError, Problem, Severity, UsageError
from .model import Prospectus
from .outputs import calendar, easyread_site, filters, html, pdf, search, seo
from .outputs.easyread_site import write_easy_read
from .parsecache import ParseCache
from .pictures import BUILT_IN
from .publish import Staging, check_output, exclusive
from .rendercache import RenderCache
from .templating import DEFAULT_TEMPLATES, environment


@dataclass(frozen=True)
class Options:
    """What to build from where; made by the command line or by tests."""

    content: Path = Path("content")
    output: Path = Path("site")
    templates: Path = DEFAULT_TEMPLATES
    strict: bool = False
    pdf: bool = True
    pdf_cache: Path | None = None  # finished PDFs kept between builds; None: pdf/ inside the cache folder
    today: dt.date = field(default_factory=lambda: build_date())
    cache: Path = Path(".cache")  # safe to delete: only makes the next build faster
    force: bool = False  # build even when nothing has changed since the last build
    gentle: bool = False  # run helper programs (the search indexer) at low priority: the live preview does

    def kept(self) -> Path:
        """The part of the cache folder for this content folder: parsed files, rendered pages and
        search index parts of one prospectus are kept apart from another's."""
        return self.cache / "content" / hashlib.sha256(str(self.content.resolve()).encode()).hexdigest()[:16]

    def settings(self) -> dict[str, object]:
        """The options that change what is built, for the no-change check."""
        return {"content": self.content.resolve(), "templates": self.templates.resolve(), "strict": self.strict,
                "pdf": self.pdf, "today": self.today, "version": __version__,
                "brochure_limit": os.environ.get(pdf.LIMIT_VARIABLE, "") if self.pdf else ""}


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


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH so that builds can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def read(opts: Options) -> tuple[Prospectus | None, tuple[Problem, ...]]:
    """Read and check all content; the model is None when there are errors."""
    if not opts.content.is_dir():
        raise UsageError(f"There is no content folder at '{opts.content}'. Check the path given with --content.")
    started = time.perf_counter()
    kept = ParseCache(opts.kept())
    loaded = loader.load(opts.content, kept.read)
    kept.save(loaded)  # before the cross-file checks: only each file's own problems are kept
    loaded_at = time.perf_counter()
    resolve.check(loaded, opts.today)
    if os.environ.get("PROSPECTUS_TIMINGS") == "1":
        print(f"  read: {loaded_at - started:.3f} s, check: {time.perf_counter() - loaded_at:.3f} s",
              file=sys.stderr)
    problems = tuple(sorted(set(loaded.problems)))
    failing = [p for p in problems if p.is_error or opts.strict]
    if failing or loaded.college is None:
        return None, problems
    prospectus = assemble.prospectus(loaded, opts.today)
    unprinted = brochure_warnings(prospectus, loaded, opts)
    if unprinted and opts.strict:
        return None, (*problems, *unprinted)
    return prospectus, (*problems, *unprinted)


def brochure_warnings(p: Prospectus, loaded: loader.Loaded, opts: Options) -> list[Problem]:
    """Terms too big to print (pdf.too_many_courses), when the build makes brochures at all."""
    if not opts.pdf:
        return []
    terms = (loaded.college or {}).get("terms", ())
    return pdf.too_many_courses(p, {t["id"]: t.get("_line", 0) for t in terms if "id" in t})


def check(opts: Options) -> Result:
    """Validate only; raises ContentError when the content has errors."""
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    return Result(problems)


def build(opts: Options) -> Result:
    """Build the whole site into ``opts.output``; nothing is changed there unless it all works."""
    started = time.perf_counter()
    print_ = manifest.fingerprint(opts.content, opts.templates, opts.settings())
    last = manifest.last_build(opts.cache, opts.output)
    if not opts.force and last.get("fingerprint") == print_:
        problems = tuple(Problem(p[0], p[1], p[2], p[3], Severity(p[4])) for p in last.get("problems", ()))
        return Result(problems, list(last.get("files", ())), time.perf_counter() - started, unchanged=True)
    check_output(opts.output, opts.content)  # first: a refused output folder leaves everything as it was
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    with exclusive(opts.output, opts.cache / "builds"):
        staging = Staging(opts.output)
        try:
            render_site(prospectus, opts, staging)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
    summary = {"files": sorted(staging.written),
               "problems": [[p.path, p.line, p.message, p.hint, p.severity.value] for p in problems]}
    manifest.remember(opts.cache, opts.output, print_, summary)
    return Result(problems, staging.written, time.perf_counter() - started)


@dataclass(frozen=True)
class Stage:
    """What every output stage is given: the model, the options and the Jinja2 environment."""

    p: Prospectus
    opts: Options
    env: jinja2.Environment
    page_jobs: tuple[html.PageJob, ...]
    running: dict[str, Any] = field(default_factory=dict)  # work a stage started for a later one
    kept: RenderCache | None = None  # pages rendered by earlier builds (the build's, not the preview's)


def make_stage(p: Prospectus, opts: Options, env: jinja2.Environment | None = None,
               page_jobs: Sequence[html.PageJob] | None = None) -> Stage:
    """What every stage is given; the picture plans go on the environment first, because every
    page that shows a picture links the files they name (the full build and the preview share this)."""
    env = env or environment(opts.templates, opts.cache / "templates")
    plans = images.plans(p, opts.content, own_easy_read_pictures(p))
    env.globals["pictures"], env.globals["picture_plans"] = plans.shown, plans
    return Stage(p, opts, env, tuple(html.jobs(p) if page_jobs is None else page_jobs))


def render_site(p: Prospectus, opts: Options, out: Staging) -> None:
    """Every output, written into the staging folder, one stage at a time."""
    stage = make_stage(p, opts)
    kept = RenderCache(opts.kept(), p, opts.templates, stage.env.globals)
    stage = dataclasses.replace(stage, kept=kept)
    timings = os.environ.get("PROSPECTUS_TIMINGS") == "1"
    try:
        for write in OUTPUTS:
            started = time.perf_counter()
            write(stage, out)
            if timings:
                print(f"  {write.__name__}: {time.perf_counter() - started:.3f} s", file=sys.stderr)
    finally:
        search.stop(stage.running.pop("pagefind", None))
    kept.tidy(sum(1 for f in out.written if f.endswith(".html")))


def write_pages(stage: Stage, out: Staging) -> None:
    """The website's HTML pages, rendered by both cores on a large site."""
    html.write_jobs(stage.env, stage.p, stage.page_jobs, out, stage.kept)


def write_static(stage: Stage, out: Staging) -> None:
    """The stylesheet, fonts and pictures, copied as they are."""
    static = stage.opts.templates / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file():
            rel = "static/" + path.relative_to(static).as_posix()
            shutil.copyfile(path, out.path(rel))
            out.written.append(rel)


def own_easy_read_pictures(p: Prospectus) -> set[str]:
    """A college's own easy read pictures (paths under content/): published at their own address
    under media/, through the same gate and cleaning as every picture (images.plans)."""
    found: set[str] = set()
    for easy in [c.easy_read for c in p.courses] + [pg.easy_read for pg in p.pages]:
        if easy:
            found |= {pt.picture for pt in easy.points if pt.picture and pt.picture not in BUILT_IN}
    return found


def write_media(stage: Stage, out: Staging) -> None:
    """Pictures named in content, upright and without metadata, resized, under media/ (see images.py)."""
    plans = cast(images.Plans, stage.env.globals["picture_plans"])
    for pic in plans.all():
        for rel, data in sorted(images.publish(stage.opts.content, pic, stage.opts.cache / "images").items()):
            out.write(rel, data)


def write_filter_pages(stage: Stage, out: Staging) -> None:
    """courses/day/monday/ and the like: the filters for people without JavaScript (see filters.py)."""
    html.write_jobs(stage.env, stage.p, filter_jobs(stage.p), out, stage.kept)


def filter_jobs(p: Prospectus) -> list[html.PageJob]:
    return [html.PageJob(choice.url + "index.html", "courses-filtered.html", {"choice": choice},
                         depends_on=("courses",)) for choice in filters.pages(p)]


def write_calendars(stage: Stage, out: Staging) -> None:
    """calendar/<term>.ics and courses/<id>/calendar.ics, for "add to my calendar"."""
    kept = stage.kept
    zone = calendar.zone(stage.p) if stage.p.college.terms else []

    def write(item: tuple[str, Callable[[], str], set[str]]) -> str:
        rel, make, deps = item

        def text() -> bytes:
            return make().encode("utf-8")

        key = kept.key_for(rel, deps, ["calendar", *zone]) if kept is not None else None
        out.write(rel, kept.made(key, text) if kept is not None else text(), record=False)
        return rel

    out.written.extend(parallel.map_split(write, calendar.makers(stage.p)))  # both cores on a large site


def _calendar_tasks(stage: Stage) -> list[html.Task]:
    def task(rel: str, make: Callable[[], str]) -> html.Task:
        return lambda: [(rel, make().encode("utf-8"))]

    return [task(rel, make) for rel, make, _shows in calendar.makers(stage.p)]


def write_feed(stage: Stage, out: Staging) -> None:
    """feed.xml: an Atom feed of the courses, for feed readers and partner websites."""
    out.write("feed.xml", seo.feed(stage.p))


def write_search_page(stage: Stage, out: Staging) -> None:
    """search/index.html: the search page the header's search box leads to."""
    out.write(*search.search_page(stage.env, stage.p))


def start_search_index(stage: Stage, out: Staging) -> None:
    """Start the Pagefind index of course and page text, once those pages are written; it runs on
    the other core while the later stages write calendars, filter and easy read pages."""
    stage.running["pagefind"] = search.start(out.root, stage.p, stage.opts.kept() / "search", gentle=stage.opts.gentle)


def finish_search_index(stage: Stage, out: Staging) -> None:
    """Wait for the search index to be finished."""
    out.written.extend(search.finish(stage.running.pop("pagefind", None), out.root, stage.p))


def write_pdfs(stage: Stage, out: Staging) -> None:
    """The printed brochures (A4, A5, large print) per term; before the pages, which link them."""
    stage.env.globals["brochures"] = {}
    if not stage.opts.pdf:
        return
    cache = stage.opts.pdf_cache or stage.opts.cache / "pdf"
    pictures = cast(dict[str, images.Picture], stage.env.globals["pictures"])
    stage.env.globals["brochures"] = pdf.build_all(stage.p, stage.env, print_assets(stage), pictures, cache,
                                                   pdf.copy_into(out.path, out.written))


def print_assets(stage: Stage) -> pdf.Assets:
    """What the brochures may read: the templates folder and the cleaned pictures."""
    plans = cast(images.Plans, stage.env.globals["picture_plans"])
    return pdf.assets(stage.opts.templates, stage.opts.content, plans.all(), stage.opts.cache / "images")


def write_sitemap(stage: Stage, out: Staging) -> None:
    """sitemap.xml, listing every page (other stages' pages are found among the written files)."""
    extra = [f.removesuffix("index.html") for f in out.written
             if f.endswith(".html") and f != "404.html" and not f.startswith("pagefind/")]
    out.write("sitemap.xml", html.sitemap(stage.p, extra))


# Stages that can also be run a few files at a time (the live preview does, between polls), by
# their names: each gives the same files as the stage, as small tasks (or None: run it whole).
TASKS: dict[str, Callable[[Stage], list[html.Task] | None]] = {
    "write_filter_pages": lambda stage: html.job_tasks(stage.env, stage.p, filter_jobs(stage.p)),
    "write_calendars": _calendar_tasks,
    "write_easy_read": easyread_site.tasks,
}

# The outputs, in order. The sitemap comes last so that it sees every page written before it.
OUTPUTS: list[Callable[[Stage, Staging], None]] = [
    write_pdfs,  # first: the pages link each brochure with its file size
    write_pages,
    start_search_index,  # once the pages it indexes (course and college pages) are written
    write_static,
    write_media,  # pictures are resized while the index is made
    write_filter_pages,
    write_calendars,
    write_feed,
    write_search_page,
    write_easy_read,
    finish_search_index,
    write_sitemap,
]
