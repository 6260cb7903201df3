"""What every page, card and brochure says about one run: when, where, and its status, in words.

A summary of a course shows one run (model.objects.Course.next_run or shown_run) and says these
three things of that same run, so a card can never put one run's date beside another's status.
"""

from __future__ import annotations

from .. import words
from ..model import objects as m
from ..words import _


def session_words(s: m.Session) -> str:
    """'Monday 14 September 2026, 10am to 12:30pm'."""
    return f"{words.long_date(s.date)}, {words.time_range(s.start, s.end)}"


def when(run: m.Run) -> str:
    """When a run meets, for a summary: its first session, or for a run under way its next one."""
    if run.phase == "under-way":  # "started ..., ends ...": still true on any later day of the run
        return ongoing(run)
    if run.finished:
        return _("Ended {date}").format(date=words.day_month(run.last.date))
    return session_words(run.first)


def venue_name(venue: m.Venue) -> str:
    """A venue as a place in a sentence: its name, or 'online'."""
    return _("online") if venue.online else venue.name


def place(run: m.Run) -> str:
    """Where a run meets: 'The Hub', 'The Hub or online' (a hybrid group: people choose), or 'The Hub
    and online' (some sessions at each)."""
    if run.choices:
        text = _(" or ").join(venue_name(v) for v in run.choices)
    else:
        text = words.join_and([venue_name(v) for v in run.venues])
    return text[:1].upper() + text[1:]


def ongoing(run: m.Run) -> str:
    """When a run meets, once it has begun (what dates.js shows when a reader's today is inside it)."""
    return _("Started {first}; ends {last}").format(first=words.day_month(run.first.date),
                                                   last=words.day_month(run.last.date))


def not_running(course: m.Course) -> str:
    """What a summary says of a course with no run to come: how to ask for it, or that it is not on."""
    return course.on_request or _("Not running at the moment")


def session_place(run: m.Run, s: m.Session) -> str:
    """Where one session meets: its venue, or for a hybrid group's session every choice."""
    if run.choices and s.venue.id == run.venue.id:
        return _(" or ").join(v.name for v in run.choices)
    return s.venue.name


def label(run: m.Run) -> str:
    """The status in words ('Few places left', 'Cancelled', 'Finished', 'No need to book')."""
    return words.STATUS[run.shown_status]
