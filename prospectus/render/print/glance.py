"""The brochures' "timetable at a glance": one compact table a month, a row for each weekly pattern.

Listing every session on its own line took 7 A4 pages for a term of 21 courses.  People reading a
brochure ask "what is on, on which day, and when?", so within each month the sessions of one run
that meet on the same weekday, at the same time and in the same place share a row whose dates
column lists the days of the month ("5, 12 and 19").  Nothing is lost (every session's date is
in its row) and the term fits in about a page for every ten courses.  Rows are grouped by
weekday, Monday first, and ordered by time and then title within a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model import objects as m
from ..runs import session_place


@dataclass(frozen=True)
class GlanceRow:
    """The sessions of one run that meet in one month on the same weekday, time and place."""

    course: m.Course
    run: m.Run
    start: dt.time
    end: dt.time
    place: str
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class GlanceDay:
    """One weekday's rows in a month (the table's row group, headed by the weekday's name)."""

    weekday: dt.date  # the first date of the group: its weekday names the group
    rows: tuple[GlanceRow, ...]


@dataclass(frozen=True)
class GlanceMonth:
    """One month's table: its first day (naming the month) and its weekdays in week order."""

    first: dt.date
    days: tuple[GlanceDay, ...]


def months(p: m.Prospectus, term: m.Term) -> list[GlanceMonth]:
    """Every session of ``term``, as one table a month, in the order the brochure prints them."""
    groups: dict[tuple[dt.date, int, dt.time, dt.time, str, int, str], list[dt.date]] = {}
    runs: dict[tuple[str, int], tuple[m.Course, m.Run]] = {}
    for course in p.courses:
        for run in course.runs_in(term):
            runs[course.id, run.index] = (course, run)
            for s in run.sessions:
                key = (s.date.replace(day=1), s.date.weekday(), s.start, s.end, course.id, run.index,
                       session_place(run, s))
                groups.setdefault(key, []).append(s.date)
    by_month: dict[dt.date, dict[int, list[GlanceRow]]] = {}
    for (month, weekday, start, end, course_id, index, place), dates in groups.items():
        course, run = runs[course_id, index]
        row = GlanceRow(course, run, start, end, place, tuple(sorted(dates)))
        by_month.setdefault(month, {}).setdefault(weekday, []).append(row)
    return [GlanceMonth(month, tuple(_day(rows) for _weekday, rows in sorted(by_month[month].items())))
            for month in sorted(by_month)]


def _day(rows: list[GlanceRow]) -> GlanceDay:
    rows.sort(key=lambda r: (r.start, r.end, r.course.title.lower(), r.run.index, r.dates))
    return GlanceDay(min(r.dates[0] for r in rows), tuple(rows))
