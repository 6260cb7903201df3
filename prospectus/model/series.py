"""The dates of a run, as written: a list of sessions, or a weekly series worked out here.

A weekly series steps 7 days from ``from``, leaving out the dates that fall in one of its term's
breaks and the dates in ``skip``; ``count`` is the number of sessions held, ``until`` the last date
it may meet.  The cross-file checks (every date inside its term, never in a break) and the
assembler (the model's sessions) both read a run's dates through :func:`session_dates`, so the
two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

WEEK = dt.timedelta(days=7)
MAX_WEEKS = 600  # a series is followed at most this far (about 11 years), whatever it says


def in_break(day: dt.date, breaks: Sequence[tuple[dt.date, dt.date]]) -> bool:
    return any(start <= day <= end for start, end in breaks)


def weekly_dates(w: dict[str, Any], breaks: Sequence[tuple[dt.date, dt.date]] = (),
                 skip: bool = True) -> list[dt.date]:
    """The dates a weekly series meets on (``skip=False``: as if it had no 'skip' list)."""
    if "from" not in w or not ("count" in w or "until" in w):
        return []
    skipped = set(w.get("skip", ())) if skip else set()
    found: list[dt.date] = []
    day = w["from"]
    for _ in range(MAX_WEEKS):
        if ("until" in w and day > w["until"]) or ("count" in w and len(found) >= w["count"]):
            break
        if not in_break(day, breaks) and day not in skipped:
            found.append(day)
        day += WEEK
    return found


def session_dates(run: dict[str, Any], breaks: Sequence[tuple[dt.date, dt.date]] = ()) -> list[tuple[dt.date, int]]:
    """Every session date of a run with the line it comes from (a weekly series is worked out,
    stepping over ``breaks``, the (first, last) days of its term's breaks)."""
    if "weekly" in run:
        w = run["weekly"]
        return [(day, w["_lines"]["from"]) for day in weekly_dates(w, breaks)]
    return [(s["date"], s["_lines"]["date"]) for s in run.get("sessions", ()) if "date" in s]
