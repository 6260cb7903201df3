"""Filters on the courses list: which course fits a day someone is free, a place, a topic.

The same rules work two ways.  With JavaScript (templates/static/filters.js), each course card
carries its facets as data-* attributes and the cards are filtered instantly in the page.
Without JavaScript there is no way to combine choices in a static site, so the courses page
lists, for each filter, links to a pre-built page per choice (``courses/day/monday/``,
``courses/where/online/`` ...), each listing exactly the courses that fit.

Run-level facets (term, day, time of day, in person or online, venue, places) are matched
within one run: "Monday evenings" means a run that meets on Monday evenings, not a course with
a Monday morning run and a Thursday evening one.  Category and audience belong to the course.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import words
from ..model import objects as m
from ..model import urls
from ..model.objects import DAYS
from ..words import _

DAY_NAMES = {"monday": _("Monday"), "tuesday": _("Tuesday"), "wednesday": _("Wednesday"),
             "thursday": _("Thursday"), "friday": _("Friday"), "saturday": _("Saturday"), "sunday": _("Sunday")}
TIMES = {"morning": _("Morning (before 12pm)"), "afternoon": _("Afternoon (12pm to 5pm)"),
         "evening": _("Evening (from 5pm)")}
MODES = {"in-person": _("In person"), "online": _("Online")}
CLOSED = ("full", "cancelled")
# The order facets appear in, with the address segment of their pre-built pages.
FACETS = {"category": "category", "term": "term", "day": "day", "time": "time", "mode": "where",
          "venue": "venue", "audience": "audience"}
RUN_FACETS = ("term", "day", "time", "mode", "venue")
FACET_LABELS = {"category": _("Category"), "term": _("Term"), "day": _("Day of the week"),
                "time": _("Time of day"), "mode": _("In person or online"), "venue": _("Venue"),
                "audience": _("Who it is for")}


def matches(course: m.Course, chosen: dict[str, str], open_only: bool = False) -> bool:
    """Whether ``course`` fits every chosen facet value (the rule filters.js follows)."""
    if chosen.get("category") and chosen["category"] != course.category.id:
        return False
    if chosen.get("audience") and chosen["audience"] not in course.audience:
        return False
    wanted = {k: v for k, v in chosen.items() if k in RUN_FACETS and v}
    if not wanted and not open_only:
        return True
    return any(all(v in run.facets[k] for k, v in wanted.items())
               and not (open_only and run.status in CLOSED) for run in course.runs)


def card_attrs(course: m.Course) -> Markup:
    """data-* attributes for a course card: the course's facets, and each run's for exact matching."""
    runs = [{**r.facets, "status": r.status} for r in course.runs]
    union = {k: sorted({v for r in runs for v in r[k]}) for k in RUN_FACETS}
    attrs = {
        "data-course": course.id, "data-category": course.category.id, "data-audience": " ".join(course.audience),
        "data-terms": " ".join(union["term"]), "data-days": " ".join(union["day"]),
        "data-times": " ".join(union["time"]), "data-mode": " ".join(union["mode"]),
        "data-venues": " ".join(union["venue"]), "data-status": " ".join(sorted({r.status for r in course.runs})),
        "data-runs": json.dumps(runs, sort_keys=True, separators=(",", ":")),
    }
    return Markup(" ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()))  # noqa: S704 - escaped


@dataclass(frozen=True)
class Choice:
    """One value of one facet: its label, its pre-built page and the courses it leads to."""

    facet: str
    value: str
    label: str
    courses: tuple[m.Course, ...]

    @property
    def url(self) -> str:
        if self.facet == "category":
            return urls.category(self.value)
        if self.facet == "open":
            return urls.OPEN_COURSES
        return urls.filter_page(FACETS[self.facet], self.value)


def _options(p: m.Prospectus) -> dict[str, list[tuple[str, str]]]:
    """Every value of every facet, in a natural order, with its label."""
    used = {k: set(p.by_facet.get(k, {})) for k in RUN_FACETS}
    audiences = set(p.by_facet.get("audience", {}))
    return {
        "category": [(c.id, c.name) for c in p.college.categories],
        "term": [(t.id, t.name) for t in p.college.terms if t.id in used["term"]],
        "day": [(d, DAY_NAMES[d]) for d in DAYS if d in used["day"]],
        "time": [(t, label) for t, label in TIMES.items() if t in used["time"]],
        "mode": [(k, label) for k, label in MODES.items() if k in used["mode"]],
        "venue": [(v.id, v.name) for v in p.college.venues if v.id in used["venue"]],
        "audience": [(a, words.AUDIENCE_SHORT[a]) for a in words.AUDIENCE_SHORT if a in audiences],
    }


def choices(p: m.Prospectus) -> dict[str, list[Choice]]:
    """Every single-facet choice with the courses it leads to, by facet.  The courses come from the
    model's index (Prospectus.by_facet, worked out once): a course is in a choice's list exactly
    when ``matches(course, {facet: value})``."""
    return {facet: [Choice(facet, value, label, p.by_facet.get(facet, {}).get(value, ()))
                    for value, label in values] for facet, values in _options(p).items()}


def open_choice(p: m.Prospectus) -> Choice:
    """The 'hide full and cancelled' choice: courses with a run that is neither."""
    return Choice("open", "1", _("Courses with places (not full or cancelled)"),
                  tuple(c for c in p.courses if matches(c, {}, open_only=True)))


def pages(p: m.Prospectus) -> Iterator[Choice]:
    """The pre-built filtered lists (category pages already exist, so they are not made again)."""
    for facet, items in choices(p).items():
        if facet != "category":
            yield from items
    yield open_choice(p)
