"""What changed, and which pages show it: the live preview's one way to know what to render again.

A page shows some parts of the model, named by typed keys: ``Key.course(id)``, ``Key.tutor(id)``,
``Key.term(id)``, ``Key.category(id)``, ``Key.page(id)``, the lists ``COURSES``, ``TUTORS`` and
``PAGES``, and ``ALL`` for every change.  :func:`changed` compares two models and gives the keys
that differ; :func:`shows` says which keys a page shows (the table below, one line per page
template); a page is rendered again when the two meet.  Besides its keys every page shows what
the college sets (college.yaml, the menu of pages, the date): a change there is ``ALL``.
Tests compare an incremental rebuild with a full build byte for byte, so a template that starts
showing more than its line here says is caught.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import objects as m
from ..render.pages import PageJob


@dataclass(frozen=True, order=True)
class Key:
    """A part of the model a page can show."""

    kind: str
    id: str = ""

    @staticmethod
    def course(course_id: str) -> Key:
        return Key("course", course_id)

    @staticmethod
    def tutor(tutor_id: str) -> Key:
        return Key("tutor", tutor_id)

    @staticmethod
    def term(term_id: str) -> Key:
        return Key("term", term_id)

    @staticmethod
    def category(category_id: str) -> Key:
        return Key("category", category_id)

    @staticmethod
    def page(page_id: str) -> Key:
        return Key("page", page_id)


ALL = Key("*")  # every page changed
COURSES, TUTORS, PAGES = Key("courses"), Key("tutors"), Key("pages")  # a list of all of them changed
OWN_KINDS = ("course", "tutor", "page")  # keys whose own page is rendered first after an edit

# What each page template shows, from the page's context.
TABLE: dict[str, Callable[[dict[str, Any]], set[Key]]] = {
    "course.html": lambda ctx: {Key.course(ctx["course"].id)},
    "category.html": lambda ctx: {Key.category(ctx["category"].id)},
    "courses.html": lambda ctx: {COURSES},
    "home.html": lambda ctx: {COURSES},
    "tutors.html": lambda ctx: {TUTORS},
    "tutor.html": lambda ctx: {Key.tutor(ctx["tutor"].id)},
    "timetable.html": lambda ctx: {Key.term(ctx["term"].id)},
    "timetables.html": lambda ctx: set(), "venues.html": lambda ctx: set(),
    "accessibility.html": lambda ctx: set(), "404.html": lambda ctx: set(),
    "enrol.html": lambda ctx: {Key.page("how-to-enrol")},
    "page.html": lambda ctx: {Key.page(ctx["page"].id)},
}


def shows(job: PageJob) -> set[Key] | None:
    """What a page shows, as keys; None for a page the table does not know (always rendered)."""
    make = TABLE.get(job.template)
    return make(job.context) if make is not None else None


def needs_render(job: PageJob, keys: set[Key]) -> bool:
    found = shows(job)
    return ALL in keys or found is None or bool(found & keys)


def card(course: m.Course) -> m.Course:
    """A course as every page but its own shows it: without its description (the Markdown body),
    so that a description edit touches one page."""
    return dataclasses.replace(course, body_html="", body_text="", headings=(), pictures=())


def changed(old: m.Prospectus | None, new: m.Prospectus) -> set[Key]:
    """What differs between two models, as keys."""
    if old is None or old.college != new.college or old.today != new.today or old.jargon != new.jargon:
        return {ALL}
    if _nav(old) != _nav(new):
        return {ALL}
    keys: set[Key] = set()
    olds, news = {c.id: c for c in old.courses}, {c.id: c for c in new.courses}
    for cid in olds.keys() | news.keys():
        if olds.get(cid) != news.get(cid):
            keys.add(Key.course(cid))
            if _only_text_changed(olds.get(cid), news.get(cid)):
                continue  # the description is shown on the course's own page only
            keys.add(COURSES)
            for c in (olds.get(cid), news.get(cid)):
                if c is not None:
                    keys |= _reach(c)
    if [c.id for c in old.courses] != [c.id for c in new.courses]:
        keys.add(COURSES)
    keys |= _diff(Key.tutor, {t.id: t for t in old.tutors}, {t.id: t for t in new.tutors}, TUTORS)
    keys |= _diff(Key.page, {p.id: p for p in old.pages}, {p.id: p for p in new.pages}, PAGES)
    return keys


def only_descriptions(keys: set[Key]) -> bool:
    """True when nothing but course descriptions changed: no other output shows them."""
    return all(k.kind == "course" for k in keys)


def _only_text_changed(old: m.Course | None, new: m.Course | None) -> bool:
    return old is not None and new is not None and card(old) == card(new)


def _nav(p: m.Prospectus) -> list[tuple[str, str]]:
    return [(pg.id, pg.title) for pg in p.nav_pages]


def _reach(c: m.Course) -> set[Key]:
    """Everything a course shows up on besides its own page."""
    keys = {Key.category(c.category.id)}
    keys |= {Key.term(r.term.id) for r in c.runs}
    keys |= {Key.tutor(t.id) for t in (*c.facilitators, *c.co_producers)}
    return keys


def _diff(make: Callable[[str], Key], old: dict[str, Any], new: dict[str, Any], listing: Key) -> set[Key]:
    keys: set[Key] = set()
    for ident in old.keys() | new.keys():
        if old.get(ident) != new.get(ident):
            keys |= {make(ident), listing}
    return keys
