"""The website: which page is made from which template with which objects.

Each page is a :class:`PageJob`; the list of jobs is the site map, and rendering is a plain
loop over it, so other outputs (search, sitemap, incremental rebuilds) can reuse the list.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape

from .. import model as m
from .. import parallel
from ..templating import render

if TYPE_CHECKING:
    from ..publish import Staging
    from ..rendercache import RenderCache


@dataclass(frozen=True)
class Later:
    """A value of a page's context worked out only when the page is rendered (the live preview
    makes the list of every page on each save, but renders few of them)."""

    make: Callable[[], Any]


@dataclass(frozen=True)
class PageJob:
    """One page: its output path, its template and what the template is given."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    depends_on: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        """The page's address relative to the site root: 'courses/x/'."""
        return self.path.removesuffix("index.html")

    @property
    def root(self) -> str:
        """The relative prefix back to the site root from this page: '../../'."""
        return "../" * self.path.count("/")


def jobs(p: m.Prospectus) -> list[PageJob]:
    """Every HTML page of the site, in a fixed order."""
    out = [
        PageJob("index.html", "home.html", {"term": p.current_term}),
        PageJob("courses/index.html", "courses.html"),
        PageJob("tutors/index.html", "tutors.html"),
        PageJob("venues/index.html", "venues.html"),
        PageJob("enrol/index.html", "enrol.html", {"page": _page(p, m.ENROL_PAGE)}),
        PageJob("accessibility/index.html", "accessibility.html"),
        PageJob("timetable/index.html", "timetables.html"),
        PageJob("404.html", "404.html", in_sitemap=False),
    ]
    out += [PageJob(f"courses/{c.id}/index.html", "course.html", {"course": c})
            for c in p.courses]
    out += [PageJob(f"tutors/{t.id}/index.html", "tutor.html", {"tutor": t}) for t in p.published_tutors]
    out += [PageJob(f"categories/{c.id}/index.html", "category.html", {"category": c})
            for c in p.college.categories]
    out += [PageJob(f"timetable/{t.id}/index.html", "timetable.html",
                    {"term": t, "days": Later(functools.partial(timetable, p, t))}) for t in p.college.terms]
    out += [PageJob(f"{pg.id}/index.html", "page.html", {"page": pg}) for pg in p.pages
            if pg.id != m.ENROL_PAGE]
    return out


def _page(p: m.Prospectus, page_id: str) -> m.Page | None:
    return next((pg for pg in p.pages if pg.id == page_id), None)


@dataclass(frozen=True)
class TimetableRow:
    session: m.Session
    course: m.Course
    run: m.Run


def timetable(p: m.Prospectus, term: m.Term) -> list[tuple[dt.date, list[TimetableRow]]]:
    """Every session of a term grouped by day, each day in time order."""
    rows = [TimetableRow(s, c, r) for c in p.courses for r in c.runs_in(term) for s in r.sessions]
    rows.sort(key=lambda row: (row.session.date, row.session.start, row.course.title.lower(), row.run.index))
    days: dict[dt.date, list[TimetableRow]] = {}
    for row in rows:
        days.setdefault(row.session.date, []).append(row)
    return list(days.items())


def base_context(p: m.Prospectus) -> dict[str, Any]:
    """What every template can use."""
    return {"p": p, "college": p.college, "nav_pages": p.nav_pages, "build_date": p.today}


def render_job(env: jinja2.Environment, base: dict[str, Any], job: PageJob) -> str:
    own = {k: v.make() if isinstance(v, Later) else v for k, v in job.context.items()}
    context = {**base, **own, "root": job.root, "here": job.url}
    if job.path == "404.html":
        context["root"] = urlsplit(base["college"].base_url).path or "/"
    return render(env, job.template, context)


def write_jobs(env: jinja2.Environment, p: m.Prospectus, page_jobs: Sequence[PageJob], out: Staging,
               kept: RenderCache | None = None) -> None:
    """Render and write pages, on both cores when there are many (every HTML stage uses this).
    With ``kept``, a page rendered by an earlier build from the same inputs is copied instead."""
    base = base_context(p)

    def render_one(job: PageJob) -> str:
        def make() -> bytes:
            return render_job(env, base, job).encode("utf-8")

        out.write(job.path, kept.made(kept.key(job), make) if kept is not None else make(), record=False)
        return job.path

    out.written.extend(parallel.map_split(render_one, page_jobs))


Task = Callable[[], list[tuple[str, bytes]]]
"""A small piece of an output stage: the files (path, bytes) it makes.  The live preview runs a
stage's tasks a few at a time, between looking for the next save."""


def job_tasks(env: jinja2.Environment, p: m.Prospectus, page_jobs: Sequence[PageJob]) -> list[Task]:
    """One task per page."""
    base = base_context(p)

    def task(job: PageJob) -> Task:
        return lambda: [(job.path, render_job(env, base, job).encode("utf-8"))]

    return [task(job) for job in page_jobs]


def sitemap(p: m.Prospectus, urls: list[str]) -> str:
    """sitemap.xml of the given page addresses: absolute when base_url is set, otherwise site-relative."""
    base = p.college.base_url
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(base + url)}</loc></url>" for url in sorted(set(urls))]
    return "\n".join([*lines, "</urlset>", ""])
