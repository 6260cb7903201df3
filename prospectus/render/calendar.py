"""Calendars: one .ics file per term and one per course, so people can add sessions to their diary.

Written by hand (RFC 5545 is simple text) so that the output is byte-for-byte the same for
the same content: CRLF line endings, lines folded at 75 octets, text escaped.  Times carry
the college's time zone with a VTIMEZONE worked out from the system's zoneinfo data, so a
session after the October clock change still shows at 10am local time.  Each session has a
UID made from the course id, the run's position and the date, which does not change when
other courses change.  Cancelled runs stay in the calendar marked STATUS:CANCELLED, so a
calendar that already holds them shows them as cancelled instead of keeping them silently.
An online session's LOCATION is only "Online": joining links are never published.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..model import objects as m
from ..model import urls
from ..words import _

PRODID = "-//Recovery College prospectus//prospectus 0.1//EN"


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped, new lines written as \\n."""
    out = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return out.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets, never splitting a UTF-8 character."""
    if line.isascii():  # the common case: one byte per character, so plain slicing is exact
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)])
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    pieces: list[str] = []
    limit, current = 75, b""
    for ch in line:
        enc = ch.encode("utf-8")
        if len(current) + len(enc) > limit:
            pieces.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines start with one space
        current += enc
    pieces.append(current.decode("utf-8"))
    return "\r\n ".join(pieces)


def join_lines(lines: list[str]) -> str:
    """The calendar text: every line folded, each ended by CRLF."""
    return "".join(fold(line) + "\r\n" for line in lines)


# ---- time zones -----------------------------------------------------------------------------

def _offset(delta: dt.timedelta | None) -> str:
    seconds = int((delta or dt.timedelta()).total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours:02d}{rest // 60:02d}"


def transitions(zone: ZoneInfo, years: range) -> list[tuple[dt.datetime, dt.timedelta, dt.timedelta, bool]]:
    """Each change of UTC offset in ``years``: (local wall time before it, old, new offset, is_dst)."""
    found = []
    day, hour = dt.timedelta(days=1), dt.timedelta(hours=1)
    t = dt.datetime(years.start, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(years.stop, 1, 1, tzinfo=dt.UTC)
    before = t.astimezone(zone).utcoffset() or dt.timedelta()
    while t < end:
        if (t + day).astimezone(zone).utcoffset() != before:
            moment = next(t + hour * i for i in range(1, 25)
                          if (t + hour * i).astimezone(zone).utcoffset() != before)
            after = moment.astimezone(zone)
            wall = (moment + before).replace(tzinfo=None)  # the clock time just before the change
            found.append((wall, before, after.utcoffset() or dt.timedelta(), bool(after.dst())))
            before = after.utcoffset() or dt.timedelta()
        t += day
    return found


def _rule(walls: list[dt.datetime]) -> str:
    """An RRULE when every change falls on the same weekday of the same week of the same month."""
    first = walls[0]
    same = all(w.month == first.month and w.weekday() == first.weekday() and w.time() == first.time()
               for w in walls)
    if not same:
        return ""
    day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][first.weekday()]
    if all((w + dt.timedelta(days=7)).month != w.month for w in walls):
        return f"RRULE:FREQ=YEARLY;BYMONTH={first.month};BYDAY=-1{day}"
    weeks = {(w.day - 1) // 7 + 1 for w in walls}
    if len(weeks) == 1:
        return f"RRULE:FREQ=YEARLY;BYMONTH={first.month};BYDAY={weeks.pop()}{day}"
    return ""


@functools.lru_cache(maxsize=8)
def vtimezone(name: str, years: range) -> list[str]:
    """A VTIMEZONE for ``name`` covering ``years``: yearly rules where they hold, dates otherwise."""
    zone = ZoneInfo(name)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    changes = transitions(zone, years)
    if not changes:
        offset = _offset(dt.datetime(years.start, 1, 1, tzinfo=zone).utcoffset())
        abbr = dt.datetime(years.start, 1, 1, tzinfo=zone).tzname() or name
        return [*lines, "BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{offset}",
                f"TZOFFSETTO:{offset}", f"TZNAME:{abbr}", "END:STANDARD", "END:VTIMEZONE"]
    for is_dst in (True, False):
        kind = [c for c in changes if c[3] == is_dst]
        if not kind:
            continue
        walls = [c[0] for c in kind]
        tag = "DAYLIGHT" if is_dst else "STANDARD"
        abbr = dt.datetime.combine(walls[0].date(), dt.time(12), tzinfo=zone).tzname() or name
        lines += [f"BEGIN:{tag}", f"DTSTART:{walls[0]:%Y%m%dT%H%M%S}",
                  f"TZOFFSETFROM:{_offset(kind[0][1])}", f"TZOFFSETTO:{_offset(kind[0][2])}", f"TZNAME:{abbr}"]
        rule = _rule(walls)
        lines += [rule] if rule else [f"RDATE:{w:%Y%m%dT%H%M%S}" for w in walls[1:]]
        lines.append(f"END:{tag}")
    return [*lines, "END:VTIMEZONE"]


# ---- events ---------------------------------------------------------------------------------

def host(college: m.College) -> str:
    """The domain used in UIDs: the base_url's host, or 'prospectus' when there is none."""
    return urlsplit(college.base_url).hostname or "prospectus"


def location(venue: m.Venue) -> str:
    """Where a session is: the venue's name and address, or just 'Online' (never a joining link)."""
    if venue.online:
        return _("Online")
    address = ", ".join(part.strip() for part in venue.address.splitlines() if part.strip())
    return f"{venue.name}, {address}" if address else venue.name


def where(run: m.Run, session: m.Session) -> str:
    """A session's place; for a hybrid group every place people may join at ('The Hub, ... or Online')."""
    if run.choices and session.venue.id == run.venue.id:
        return _(" or ").join(location(v) for v in run.choices)
    return location(session.venue)


def events(p: m.Prospectus, course: m.Course, run: m.Run, stamp: str) -> Iterator[list[str]]:
    """One VEVENT (as lines) for each session of ``run``."""
    tz = p.college.timezone
    url = p.college.base_url + urls.course(course.id) if p.college.base_url else ""
    where_to_read = url or urls.course(course.id)
    seen: dict[dt.date, int] = {}
    status = "CANCELLED" if run.status == "cancelled" else "CONFIRMED"
    summary = escape_text(course.title + (f" ({_('cancelled')})" if run.status == "cancelled" else ""))
    description = escape_text(course.summary + "\n\n" + where_to_read)
    for session in run.sessions:
        seen[session.date] = seen.get(session.date, 0) + 1
        extra = f"-{seen[session.date]}" if seen[session.date] > 1 else ""
        uid = f"{course.id}-{run.index}-{session.date:%Y%m%d}{extra}@{host(p.college)}"
        lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}",
                 f"DTSTART;TZID={tz}:{dt.datetime.combine(session.date, session.start):%Y%m%dT%H%M%S}",
                 f"DTEND;TZID={tz}:{dt.datetime.combine(session.date, session.end):%Y%m%dT%H%M%S}",
                 f"SUMMARY:{summary}", f"DESCRIPTION:{description}",
                 f"LOCATION:{escape_text(where(run, session))}",
                 f"STATUS:{status}", f"SEQUENCE:{1 if run.status == 'cancelled' else 0}",
                 "TRANSP:OPAQUE"]
        if url:
            lines.append(f"URL:{url}")
        yield [*lines, "END:VEVENT"]


class _Events:
    """The folded text of each run's events, made once in each process: a run is in its course's
    calendar and in its term's, so the two share it when one process writes both."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, int], str] = {}  # (course id, run index): one prospectus's courses

    def text(self, p: m.Prospectus, course: m.Course, run: m.Run) -> str:
        key = (course.id, run.index)
        found = self.made.get(key)
        if found is None:
            stamp = f"{p.today:%Y%m%d}T000000Z"
            found = self.made[key] = join_lines([line for event in events(p, course, run, stamp) for line in event])
        return found


def calendar(p: m.Prospectus, name: str, items: list[tuple[m.Course, tuple[m.Run, ...]]],
             made: _Events | None = None) -> str:
    """A whole VCALENDAR for the given courses' runs (each run's events taken from ``made`` when given)."""
    made = made or _Events()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{p.college.timezone}"]
    lines += zone(p)
    body = "".join(made.text(p, course, run) for course, runs in items for run in runs)
    return join_lines(lines) + body + "END:VCALENDAR\r\n"


def zone(p: m.Prospectus) -> list[str]:
    """The college's time zone as VTIMEZONE lines, for the years the terms cover (from the
    system's time zone data, so it is part of what a kept calendar is made from)."""
    terms = p.college.terms
    years = range(min(t.starts.year for t in terms) - 1, max(t.ends.year for t in terms) + 2)
    return vtimezone(p.college.timezone, years)


def term_calendar(p: m.Prospectus, term: m.Term, made: _Events | None = None) -> str:
    """Every session of every course in ``term``."""
    items = [(c, c.runs_in(term)) for c in p.courses if c.runs_in(term)]
    return calendar(p, f"{p.college.name}: {term.name}", items, made)


def course_calendar(p: m.Prospectus, course: m.Course, made: _Events | None = None) -> str:
    """Every session of one course, in every term."""
    return calendar(p, f"{course.title}: {p.college.name}", [(course, course.runs)], made)


def files(p: m.Prospectus) -> list[tuple[str, Callable[[], str]]]:
    """(path, a function that makes its text) of every calendar file, one file at a time."""
    made = _Events()
    out: list[tuple[str, Callable[[], str]]] = [
        (urls.term_calendar(term.id), functools.partial(term_calendar, p, term, made)) for term in p.college.terms]
    out += [(urls.course_calendar(c.id), functools.partial(course_calendar, p, c, made)) for c in p.courses]
    return out
