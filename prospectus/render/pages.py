"""The website's pages: which page is made from which template with which objects.

Each page is a :class:`PageJob`; the list of jobs is the site map, and rendering one is a pure
function of the environment, what every page is given (:func:`base_context`) and the job, so
the build (every page, on both cores) and the live preview (the pages a change touches) render
the same way.  Addresses come from :mod:`prospectus.model.urls`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import escape

from ..model import objects as m
from ..model import urls
from .environment import render


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
        PageJob(urls.file(urls.HOME), "home.html", {"term": p.current_term}),
        PageJob(urls.file(urls.COURSES), "courses.html"),
        PageJob(urls.file(urls.TUTORS), "tutors.html"),
        PageJob(urls.file(urls.VENUES), "venues.html"),
        PageJob(urls.file(urls.ENROL), "enrol.html", {"page": _page(p, urls.ENROL_PAGE)}),
        PageJob(urls.file(urls.ACCESSIBILITY), "accessibility.html"),
        PageJob(urls.file(urls.TIMETABLES), "timetables.html"),
        PageJob(urls.NOT_FOUND, "404.html", in_sitemap=False),
    ]
    out += [PageJob(urls.file(urls.course(c.id)), "course.html", {"course": c}) for c in p.courses]
    out += [PageJob(urls.file(urls.tutor(t.id)), "tutor.html", {"tutor": t}) for t in p.published_tutors]
    out += [PageJob(urls.file(urls.category(c.id)), "category.html", {"category": c})
            for c in p.college.categories]
    out += [PageJob(urls.file(urls.timetable(t.id)), "timetable.html",
                    {"term": t, "days": Later(functools.partial(timetable, p, t))}) for t in p.college.terms]
    out += [PageJob(urls.file(urls.page(pg.id)), "page.html", {"page": pg}) for pg in p.pages
            if pg.id != urls.ENROL_PAGE]
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


def base_context(p: m.Prospectus, pictures: Mapping[str, Any], brochures: Mapping[str, Any],
                 logo: Any = None) -> dict[str, Any]:
    """What every template is given: the model, the college, the menu and the date, and what the
    build made before the pages: the picture plans (by source), the brochures (by term id) and the
    college's logo as published (images.Picture, or None)."""
    return {"p": p, "college": p.college, "nav_pages": p.nav_pages, "build_date": p.today,
            "pictures": pictures, "brochures": brochures, "logo": logo, "kept": kept()}


def kept() -> Callable[..., Any]:
    """``{% call kept(key, ...) %}...{% endcall %}`` in templates: a part of the page frame that many
    pages share (the header, the menu, the crisis help, the footer), rendered once for each key and
    used again for every page made from the same template with the same key.  The key must name
    everything the part uses that differs between pages (``root``, which menu item is the page's
    own); the rest (the college, the menu's pages, the date) is the same for every page given one
    :func:`base_context`, which makes a new one each time.  The template's name is part of the key,
    so that a college's own template that changes a part, or a value it uses, changes it only on
    its own pages."""
    parts: dict[tuple[Any, ...], Any] = {}

    @jinja2.pass_context
    def part(context: jinja2.runtime.Context, *key: Any, caller: Callable[[], Any]) -> Any:
        full = (context.name, *key)
        found = parts.get(full)
        if found is None:
            found = parts[full] = caller()  # Markup: rendered with autoescape
        return found

    return part


def render_job(env: jinja2.Environment, base: dict[str, Any], job: PageJob) -> str:
    """One page's HTML."""
    own = {k: v.make() if isinstance(v, Later) else v for k, v in job.context.items()}
    context = {**base, **own, "root": job.root, "here": job.url}
    if job.path == urls.NOT_FOUND:
        context["root"] = urlsplit(base["college"].base_url).path or "/"
    return render(env, job.template, context)


def sitemap(p: m.Prospectus, addresses: list[str]) -> str:
    """sitemap.xml of the given page addresses: absolute when base_url is set, otherwise site-relative."""
    base = p.college.base_url
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines += [f"  <url><loc>{escape(base + address)}</loc></url>" for address in sorted(set(addresses))]
    return "\n".join([*lines, "</urlset>", ""])
