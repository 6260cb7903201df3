"""The dates of a run, as written: a list of sessions, or a weekly series worked out here.

The cross-file checks (every date inside its term) and the assembler (the model's sessions)
both read a run's dates through :func:`session_dates`, so the two can never disagree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def session_dates(run: dict[str, Any]) -> list[tuple[dt.date, int]]:
    """Every session date of a run with the line it comes from (a weekly series is expanded)."""
    if "weekly" in run:
        w = run["weekly"]
        if "from" not in w or "count" not in w:
            return []
        return [(w["from"] + dt.timedelta(days=7 * i), w["_lines"]["from"]) for i in range(w["count"])]
    return [(s["date"], s["_lines"]["date"]) for s in run.get("sessions", ()) if "date" in s]
