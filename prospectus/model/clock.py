"""The day a build is true on: SOURCE_DATE_EPOCH when it is set (reproducible builds), else today.

What a page says about a run (next, finished, bookable) depends on this date, and so do the
dates written into calendars and PDFs; it is read here once, for all of them.
"""

from __future__ import annotations

import datetime as dt
import os

FIXED_MOMENT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # written into PDFs when SOURCE_DATE_EPOCH is not set


def _epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 12 else None


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH so that a build can be reproduced exactly."""
    epoch = _epoch()
    return dt.datetime.fromtimestamp(epoch, dt.UTC).date() if epoch is not None else dt.date.today()


def build_moment() -> dt.datetime:
    """The moment written into PDFs: SOURCE_DATE_EPOCH when set, otherwise a fixed moment (never the
    clock, so the same content gives the same bytes)."""
    epoch = _epoch()
    return dt.datetime.fromtimestamp(epoch, dt.UTC) if epoch is not None else FIXED_MOMENT
