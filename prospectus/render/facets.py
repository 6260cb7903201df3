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
from . import runs as runs_words

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
               and not (open_only and run.status in CLOSED) for run in course.current_runs)


def runs_data(course: m.Course) -> dict[str, str]:
    """``data-runs``: each run that has not finished on the build date, with its facets (for exact
    matching) and what a summary says of it, so that the scripts can show another run in the same
    words (filters.js the one that fits, dates.js the next one once a run has ended); and
    ``data-none``, what to say when no run is left."""
    runs = [{**r.facets, "status": r.shown_status, "first": r.first.date.isoformat(),
             "last": r.last.date.isoformat(), "when": runs_words.when(r), "ongoing": runs_words.ongoing(r),
             "where": runs_words.place(r), "label": runs_words.label(r)} for r in course.current_runs]
    return {"data-runs": json.dumps(runs, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            "data-none": runs_words.not_running(course)}


def card_attrs(course: m.Course, run: m.Run | None, kept: dict[int, tuple[m.Course, str]]) -> Markup:
    """data-* attributes for a course card: the course's facets; its runs (:func:`runs_data`); and
    the dates and status of the run the card shows (``run``), for dates.js.  ``kept``: the course's
    part as made for an earlier card of it (the filter pages show a course's card once per choice)."""
    found = kept.get(id(course))
    if found is None or found[0] is not course:  # the course itself is kept, so its id is not reused
        union = {k: sorted({v for r in course.current_runs for v in r.facets[k]}) for k in RUN_FACETS}
        found = (course, _attrs({
            "data-course": course.id, "data-category": course.category.id, "data-audience": " ".join(course.audience),
            "data-terms": " ".join(union["term"]), "data-days": " ".join(union["day"]),
            "data-times": " ".join(union["time"]), "data-mode": " ".join(union["mode"]),
            "data-venues": " ".join(union["venue"]), **runs_data(course),
        }))
        kept[id(course)] = found
    return Markup(found[1] + " " + _attrs(run_dates(run))) if run is not None else Markup(found[1])  # noqa: S704


def glance_attrs(course: m.Course) -> Markup:
    """The course page's at-a-glance box: its runs, and the dates and status of the next one."""
    run = course.next_run
    return _attrs({**runs_data(course), **(run_dates(run) if run else {})})


def _attrs(attrs: dict[str, str]) -> Markup:
    return Markup(" ".join(f'{k}="{escape(v)}"' for k, v in attrs.items()))  # noqa: S704 - escaped


def run_dates(run: m.Run) -> dict[str, str]:
    """data-first, data-last and data-status of one run: what dates.js needs to mark it finished."""
    return {"data-first": run.first.date.isoformat(), "data-last": run.last.date.isoformat(),
            "data-status": run.shown_status}


def run_attrs(run: m.Run) -> Markup:
    """The template filter for a run's element on a course page."""
    return _attrs(run_dates(run))


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
        if self.facet == "on-request":
            return urls.ON_REQUEST
        return urls.filter_page(FACETS[self.facet], self.value)

    def run_for(self, course: m.Course) -> m.Run | None:
        """The run a card on this choice's page shows: the earliest that fits the choice."""
        if self.facet == "open":
            return next((r for r in course.current_runs if r.status not in CLOSED), None)
        if self.facet == "on-request":
            return None
        if self.facet in RUN_FACETS:
            return course.shown_run({self.facet: self.value})
        return course.shown_run()


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


def on_request_choice(p: m.Prospectus) -> Choice:
    """Courses with no run to come that say how to ask for one (``on_request``)."""
    return Choice("on-request", "1", _("Courses we run when people ask"),
                  tuple(c for c in p.courses if c.is_on_request))


def pages(p: m.Prospectus) -> Iterator[Choice]:
    """The pre-built filtered lists (category pages already exist, so they are not made again)."""
    for facet, items in choices(p).items():
        if facet != "category":
            yield from items
    yield open_choice(p)
    yield on_request_choice(p)
