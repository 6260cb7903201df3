"""What each stage of the build does: the model to files, written into the staging folder.

Every function here is one stage of the registry in stages.py, called with the build's
:class:`~prospectus.build.context.Context` and the :class:`~prospectus.build.publish.Staging`
folder.  A stage that makes something for later stages returns it (the registry says which
context field it goes into).  Rendering itself is in :mod:`prospectus.render`; here the results
are written, on both cores where a stage has many files.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Sequence
from typing import TypeVar

from .. import parallel
from ..content.picture_names import BUILT_IN
from ..model import urls
from ..model.objects import Prospectus
from ..problems import Problem
from ..render import calendar, facets, images, pages, seo
from ..render.easyread import site as easy_read
from ..render.print import brochures as printed
from ..render.print import engine
from ..render.print.pdf import Assets, assets, render_cached
from ..render.search import index as search
from .context import Context
from .publish import Staging

T = TypeVar("T")

Task = Callable[[], list[tuple[str, bytes]]]
"""A small piece of a stage: the files (path, bytes) it makes.  The live preview runs a stage's
tasks a few at a time, between looking for the next save."""


# ---- pictures ---------------------------------------------------------------------------------

def plan_pictures(ctx: Context, out: Staging) -> images.Plans:
    """Where every picture will be published (read from each picture's header: nothing is encoded
    yet); the pages, the brochures and the media stage all use these plans."""
    return images.plans(ctx.p, ctx.opts.content, own_easy_read_pictures(ctx.p))


def own_easy_read_pictures(p: Prospectus) -> set[str]:
    """A college's own easy read pictures (paths under content/): published at their own address
    under media/, through the same gate and cleaning as every picture (images.plans)."""
    found: set[str] = set()
    for easy in [c.easy_read for c in p.courses] + [pg.easy_read for pg in p.pages]:
        if easy:
            found |= {pt.picture for pt in easy.points if pt.picture and pt.picture not in BUILT_IN}
    return found


def write_media(ctx: Context, out: Staging) -> None:
    """Pictures named in content, upright and without metadata, resized, under media/ (images.py)."""
    for pic in ctx.pictures.all():
        for rel, data in sorted(images.publish(ctx.opts.content, pic, ctx.opts.cache / "images").items()):
            out.write(rel, data)


# ---- brochures --------------------------------------------------------------------------------

def print_assets(ctx: Context) -> Assets:
    """What the brochures may read: the templates (the college's over the built-in) and the cleaned pictures."""
    return assets(ctx.opts.layers(), ctx.opts.content, ctx.pictures.all(), ctx.opts.cache / "images")


def check_printing(ctx: Context, out: Staging) -> tuple[Problem, ...]:
    """A warning when brochures are wanted but this computer cannot make them (no Pango library)."""
    library = engine.missing() if ctx.opts.pdf else None
    return (*ctx.warnings, engine.warning(library)) if library else ctx.warnings


def write_brochures(ctx: Context, out: Staging) -> dict[str, list[printed.Brochure]]:
    """Every brochure (A4, A5, large print and easy read, for each printed term), rendered in one batch
    on both cores or copied from the PDF cache; the links the pages show, by term id.  None without
    --no-pdf, or without Pango (the stage before says so)."""
    if not ctx.opts.pdf or engine.missing():
        return {}
    from ..render.easyread import brochure as easy_read_brochure

    files = print_assets(ctx)
    logo = ctx.pictures.logo
    jobs = [*printed.jobs(ctx.p, ctx.env, files, ctx.pictures.shown, logo=logo),
            *easy_read_brochure.jobs(ctx.p, ctx.env, files, printed.printed_logo(logo))]
    made = render_cached(jobs, ctx.opts.pdf_cache or ctx.opts.cache / "pdf", files,
                         progress=ctx.progress.count("brochure"))
    for job in jobs:
        shutil.copyfile(made[job.rel], out.path(job.rel))
        out.written.append(job.rel)
    return printed.links(ctx.p, made)


# ---- pages ------------------------------------------------------------------------------------

def shared_map(ctx: Context, fn: Callable[[T], str], items: Sequence[T]) -> list[str]:
    """``[fn(x) for x in items]`` on both cores, or in this process alone while the search indexer runs:
    it works on the other core, and two processes of ours beside it only wait for each other (at
    1,000 courses the stages after it took 1.5 s on two processes, 1.2 s on one)."""
    if ctx.search is not None and ctx.search.poll() is None:
        return [fn(x) for x in items]
    return parallel.map_split(fn, items)


def write_jobs(ctx: Context, jobs: Sequence[pages.PageJob], out: Staging) -> None:
    """Render and write pages, on both cores when there are many (every HTML stage uses this)."""
    base = ctx.base()

    def render_one(job: pages.PageJob) -> str:
        out.write(job.path, pages.render_job(ctx.env, base, job).encode("utf-8"), record=False)
        return job.path

    out.written.extend(shared_map(ctx, render_one, jobs))


def job_tasks(ctx: Context, jobs: Sequence[pages.PageJob]) -> list[Task]:
    """One task per page."""
    base = ctx.base()

    def task(job: pages.PageJob) -> Task:
        return lambda: [(job.path, pages.render_job(ctx.env, base, job).encode("utf-8"))]

    return [task(job) for job in jobs]


def write_searched_pages(ctx: Context, out: Staging) -> None:
    """The course and college pages, first: the search indexer starts as soon as they are written."""
    write_jobs(ctx, search.searched(ctx.page_jobs), out)


def write_pages(ctx: Context, out: Staging) -> None:
    """The website's other HTML pages (home, listings, tutors, timetables ...)."""
    write_jobs(ctx, [job for job in ctx.page_jobs if job.template not in search.SEARCHED], out)


def filter_jobs(p: Prospectus) -> list[pages.PageJob]:
    """courses/day/monday/ and the like: the filters for people without JavaScript (render/facets.py)."""
    return [pages.PageJob(urls.file(choice.url), "courses-filtered.html", {"choice": choice})
            for choice in facets.pages(p)]


def write_filter_pages(ctx: Context, out: Staging) -> None:
    write_jobs(ctx, filter_jobs(ctx.p), out)


def filter_tasks(ctx: Context) -> list[Task]:
    return job_tasks(ctx, filter_jobs(ctx.p))


def easy_read_jobs(ctx: Context) -> list[pages.PageJob]:
    """The easy read pages, linking each term's easy read brochure when the brochures were made."""
    return easy_read.page_jobs(ctx.p, easy_read.pdf_links(ctx.p) if ctx.brochures else [])


def write_easy_read(ctx: Context, out: Staging) -> None:
    """easy-read/ and a page for every course, once their built-in pictures are known to exist."""
    jobs = easy_read_jobs(ctx)
    easy_read.check_pictures(ctx.opts.layers(), easy_read.pictures_in(jobs))
    write_jobs(ctx, jobs, out)


def easy_read_tasks(ctx: Context) -> list[Task]:
    jobs = easy_read_jobs(ctx)

    def pictures() -> list[tuple[str, bytes]]:
        easy_read.check_pictures(ctx.opts.layers(), easy_read.pictures_in(jobs))
        return []

    return [pictures, *job_tasks(ctx, jobs)]


def write_search_page(ctx: Context, out: Staging) -> None:
    """search/index.html: the search page the header's search box leads to."""
    write_jobs(ctx, [search.search_page(ctx.p)], out)


def write_sitemap(ctx: Context, out: Staging) -> None:
    """sitemap.xml, listing every page (other stages' pages are found among the written files)."""
    addresses = [f.removesuffix("index.html") for f in out.written
                 if f.endswith(".html") and f != urls.NOT_FOUND and not f.startswith(urls.PAGEFIND)]
    out.write(urls.SITEMAP, pages.sitemap(ctx.p, addresses))


# ---- other files ------------------------------------------------------------------------------

def write_static(ctx: Context, out: Staging) -> None:
    """The stylesheet, fonts and pictures of the templates, copied as they are: the built-in ones, with
    any the college adds or replaces in its own templates/static/."""
    for rel, path in ctx.opts.layers().files("static").items():
        shutil.copyfile(path, out.path(rel))
        out.written.append(rel)


def write_calendars(ctx: Context, out: Staging) -> None:
    """calendar/<term>.ics and courses/<id>/calendar.ics, for "add to my calendar" (both cores)."""
    def write(item: tuple[str, Callable[[], str]]) -> str:
        rel, make = item
        out.write(rel, make().encode("utf-8"), record=False)
        return rel

    out.written.extend(shared_map(ctx, write, calendar.files(ctx.p)))


def calendar_tasks(ctx: Context) -> list[Task]:
    def task(rel: str, make: Callable[[], str]) -> Task:
        return lambda: [(rel, make().encode("utf-8"))]

    return [task(rel, make) for rel, make in calendar.files(ctx.p)]


def write_feed(ctx: Context, out: Staging) -> None:
    """feed.xml: an Atom feed of the courses, for feed readers and partner websites."""
    out.write(urls.FEED, seo.feed(ctx.p))


# ---- the search index -------------------------------------------------------------------------

def start_search_index(ctx: Context, out: Staging) -> subprocess.Popen[str] | None:
    """Start the Pagefind index of course and page text, once those pages are written; it runs on
    the other core while the later stages write calendars, filter and easy read pages."""
    return search.start(out.root, ctx.p, ctx.opts.kept() / "search", ctx.page_jobs, gentle=ctx.opts.gentle)


def finish_search_index(ctx: Context, out: Staging) -> tuple[Problem, ...]:
    """Wait for the search index; a warning when Pagefind is not installed."""
    files, warnings = search.finish(ctx.search, out.root, ctx.p)
    out.written.extend(files)
    return (*ctx.warnings, *warnings)
