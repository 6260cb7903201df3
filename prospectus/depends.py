"""Which page shows what: the keys of the model objects each page is made from.

The live preview re-renders a page when one of its keys changed (incremental.py); the build
keeps a rendered page between builds under a hash of what its keys stand for (rendercache.py).
Keys: 'course:ID', 'tutor:ID', 'term:ID', 'category:ID', 'page:ID', the listings 'courses',
'tutors', 'pages', and '*' for every change.  Besides its keys every page shows what the college
sets (college.yaml, the menu of pages, the date): a change there changes every page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from . import model as m
from .outputs import html

ALL = "*"  # the key that means: every page changed
LISTINGS = ("courses", "tutors", "pages")  # keys for "the list of all courses/tutors/pages changed"


# What each shipped page template shows, from the page's context.
_TABLE: dict[str, Callable[[dict[str, Any]], set[str]]] = {
    "course.html": lambda ctx: {f"course:{ctx['course'].id}"},
    "category.html": lambda ctx: {f"category:{ctx['category'].id}"},
    "courses.html": lambda ctx: {"courses"},
    "home.html": lambda ctx: {"courses"},
    "tutors.html": lambda ctx: {"tutors"},
    "tutor.html": lambda ctx: {f"tutor:{ctx['tutor'].id}"},
    "timetable.html": lambda ctx: {f"term:{ctx['term'].id}"},
    "timetables.html": lambda ctx: set(), "venues.html": lambda ctx: set(),
    "accessibility.html": lambda ctx: set(), "404.html": lambda ctx: set(),
    "enrol.html": lambda ctx: {f"page:{m.ENROL_PAGE}"},
    "page.html": lambda ctx: {f"page:{ctx['page'].id}"},
}


def dependencies(job: html.PageJob) -> set[str] | None:
    """What a page shows, as keys; None for a page this table does not know (always rebuilt)."""
    if any(":" in d or d == ALL or d in LISTINGS for d in job.depends_on):
        return set(job.depends_on)
    make = _TABLE.get(job.template)
    return make(job.context) if make is not None else _inferred(job.context)


def card(course: m.Course) -> m.Course:
    """A course as every page but its own shows it: without its description (the Markdown body).
    The live preview and the kept pages both rely on this: a description edit touches one page."""
    return dataclasses.replace(course, body_html="", body_text="", headings=())


def _inferred(ctx: dict[str, Any]) -> set[str] | None:
    """A page of a kind not in the table that is about one thing (a course's easy read page, say).

    It is taken to show that one thing only, plus anything the college sets; a page that shows
    more must say so in ``PageJob.depends_on`` (keys like 'courses', or '*' for everything)."""
    found = [(kind, ctx[kind]) for kind in ("course", "tutor", "page", "term", "category") if kind in ctx]
    if len(found) != 1 or not hasattr(found[0][1], "id"):
        return None
    kind, obj = found[0]
    return {f"{kind}:{obj.id}"}
