"""The cross-file checks of a course: its references, who delivers it, its runs and their dates.

Every run's dates are worked out as the assembler will (series.py), stepping over its term's
breaks, so a date the checks accept is a date the pages show.  Rules that need every course at
once (no course is its own prerequisite, however far round; two courses with the same title)
are :func:`check_prerequisites` and :func:`check_titles`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..content.loader import Entry
from ..content.schema import MAX_COURSE_SESSIONS, MAX_RUN_SESSIONS, default_booking
from ..words import day_month, long_date
from . import links, urls
from .resolver import Resolver
from .series import in_break, session_dates, weekly_dates

QUOTES = "\"'\u201c\u201d\u2018\u2019"


def check_course(r: Resolver, entry: Entry, codes: dict[str, str]) -> None:
    d, rel = entry.data, entry.rel
    if "category" in d:
        r.ref(rel, d["category"], r.categories, "category", "college.yaml")
    code = d.get("code")
    if code:
        if code in codes:
            r.error(rel, d["_lines"]["code"], f"The code '{code}' is also used by {codes[code]}.",
                    "Give each course its own code.")
        codes[code] = rel
    for key in ("facilitators", "co_produced_by"):
        for tutor_id in d.get(key, ()):
            r.ref(rel, tutor_id, r.tutors, "tutor", "the tutors folder")
    _check_delivery(r, entry)
    sessions = 0
    for run in d.get("runs", ()):
        sessions += _check_run(r, rel, run)
        _check_booking(r, rel, run, d)
    if sessions > MAX_COURSE_SESSIONS:
        r.error(rel, d["_lines"]["runs"], f"This course has {sessions} sessions in all; the most one course can "
                f"have is {MAX_COURSE_SESSIONS}.", "Check the dates and counts, or split it into two courses.")
    if "reviewed" in d:
        months = (r.loaded.college or {}).get("rules", {}).get("review_months", 12)
        if _months_between(d["reviewed"], r.today) > months:
            r.warn(rel, d["_lines"]["reviewed"], f"This course was last reviewed on {day_month(d['reviewed'])}, "
                   f"more than {months} months ago.",
                   "Ask the co-producers to look over it, then update 'reviewed'.")
    if "src" in d.get("image", {}):  # without 'src' the image has its own error already
        links.check_picture(r, rel, d["image"]["src"], d["image"]["_lines"]["src"])
    for prerequisite in d.get("prerequisites", ()):
        if prerequisite == entry.id:
            r.error(rel, prerequisite.line, "A course cannot be its own prerequisite.",
                    "Remove it from 'prerequisites'.")
        else:
            r.ref(rel, prerequisite, r.courses, "course", "the courses folder")
    easy = d.get("easy_read")
    if d.get("eligibility") and easy and not easy.get("eligibility"):
        r.warn(rel, d["_lines"]["easy_read"], "This course says who can join ('eligibility'), but its easy read "
               "version does not.", "Add 'eligibility:' under 'easy_read:' with the same in easy words, like: "
               "This course is for people who look after someone.")
    title = d.get("title", "")
    if len(title) > 1 and title[0] in QUOTES and title[-1] in QUOTES:
        r.warn(rel, d["_lines"]["title"], "The title is wrapped in quote marks, which every page would show.",
               "Write the title without quote marks around it (keep quotes only if they belong to the name).")
    links.check_easy_read(r, entry)
    links.check_links(r, entry, urls.course(entry.id))


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


ROLE_WORDS = {"peer-trainer": "a peer trainer", "practitioner-trainer": "a practitioner trainer",
              "partner": "a partner", "volunteer": "a volunteer"}


def _check_delivery(r: Resolver, entry: Entry) -> None:
    """Who leads it: co-delivered follows rules.co_delivery; peer-led has only peer trainers;
    partner-led has a partner among its facilitators."""
    d = entry.data
    ids = [t for t in d.get("facilitators", ()) if t in r.tutors]
    if not ids or len(ids) != len(d.get("facilitators", ())):
        return  # missing or unknown facilitators are reported on their own
    roles: dict[str, str] = {t: r.tutors[t].data.get("role", "") for t in ids}
    if "" in roles.values():
        return  # a tutor without a readable role has its own error in its file
    line = d["_lines"].get("facilitators", 0)
    delivery = d.get("delivery", "co-delivered")
    if delivery == "peer-led":
        for tutor_id, role in roles.items():
            if role != "peer-trainer":
                r.error(entry.rel, line, f"'{tutor_id}' is {ROLE_WORDS[role]}, but this course is peer-led: every "
                        "facilitator of a peer-led course is a peer trainer.",
                        "Take them out of 'facilitators' (they can stay in 'co_produced_by'), or set "
                        "'delivery: co-delivered'.")
        return
    if delivery == "partner-led":
        if "partner" not in roles.values():
            r.error(entry.rel, line, "This course is partner-led, but none of its facilitators is a partner.",
                    "Add the partner organisation's tutor (role: partner) to 'facilitators', or set "
                    "'delivery: co-delivered'.")
        return
    rule = (r.loaded.college or {}).get("rules", {}).get("co_delivery", "peer-and-practitioner")
    hint = "Every course is delivered by a peer trainer together with a practitioner."
    if rule == "off":
        return
    if "peer-trainer" not in roles.values():
        r.error(entry.rel, line, "No facilitator of this course is a peer trainer.",
                hint + " Add a tutor whose role is peer-trainer.")
    elif rule == "peer-and-practitioner" and all(role == "peer-trainer" for role in roles.values()):
        r.error(entry.rel, line, "Every facilitator of this course is a peer trainer.",
                hint + " Add a practitioner trainer (or partner) too, or set 'delivery: peer-led' if peer "
                "trainers lead it by design.")


def _check_run(r: Resolver, rel: str, run: dict[str, Any]) -> int:
    """The run's references and dates; how many sessions it has."""
    term_ok = "term" in run and r.ref(rel, run["term"], r.terms, "term", "college.yaml")
    _check_venues(r, rel, run)
    term = r.terms.get(run.get("term", "")) if term_ok else None
    if term and not ("starts" in term and "ends" in term and term["starts"] <= term["ends"]):
        term = None  # the term's own dates are wrong; that is reported in college.yaml
    breaks = [(b["from"], b["to"], b["name"]) for b in (term or {}).get("breaks", ())
              if "from" in b and "to" in b and "name" in b]
    spans = [(start, end) for start, end, _name in breaks]
    dates = session_dates(run, spans)
    weekly = run.get("weekly") if isinstance(run.get("weekly"), dict) else None
    hint = "Check the date, or put this run in the right term."
    if weekly and "count" in weekly:
        hint = ("A weekly series steps over the term's breaks and 'skip' dates, so it ends later: lower 'count', "
                "or give 'until' (the last date it may meet) instead." if spans or weekly.get("skip")
                else "Lower 'count', or start the series earlier.")
    late_until = bool(term and weekly and "until" in weekly and weekly["until"] > term["ends"])
    outside = [(date, line) for date, line in dates if term and not term["starts"] <= date <= term["ends"]]
    if weekly:  # a series: its first date outside the term says enough (a late 'until' has its own message)
        outside = [] if late_until else outside[:1]
    for date, line in outside:
        assert term is not None
        r.error(rel, line, f"The session on {long_date(date)} is outside {term['name']} "
                f"({day_month(term['starts'])} to {day_month(term['ends'])}).", hint)
    for session in run.get("sessions", ()):
        if "venue" in session:
            r.ref(rel, session["venue"], r.venues, "venue", "college.yaml")
        for start, end, name in breaks:
            if "date" in session and start <= session["date"] <= end:
                r.error(rel, session["_lines"]["date"], f"{long_date(session['date'])} is in {name} "
                        f"({_span(start, end)}).", "Move the session, or check the break's dates in college.yaml.")
    if "weekly" in run:
        _check_weekly(r, rel, run["weekly"], term, spans, len(dates))
        if not dates and "from" in run["weekly"] and ("count" in run["weekly"] or "until" in run["weekly"]):
            r.error(rel, run["weekly"]["_line"], "This weekly series never meets: every week from its 'from' to its "
                    "'until' is in a break of the term or listed in 'skip'.",
                    "Check 'from', 'until' and 'skip', and the term's breaks in college.yaml.")
    return len(dates)


def _check_booking(r: Resolver, rel: str, run: dict[str, Any], course: dict[str, Any]) -> None:
    """A waiting list needs booking: a run nobody books cannot have one."""
    booking = run.get("booking") or course.get("booking") or default_booking(course.get("format", ""))
    if run.get("status") == "waiting-list" and booking == "not-needed":
        r.error(rel, run["_lines"]["status"], "This run has a waiting list, but nobody books it (booking: not-needed, "
                "the usual for a drop-in), so people would read both 'join the waiting list' and 'just come along'.",
                "Write 'status: full' if it is full for now, or add 'booking: required' to the run if people book it.")


def _check_venues(r: Resolver, rel: str, run: dict[str, Any]) -> None:
    venue = run.get("venue")
    if venue is None:
        return
    chosen = venue if isinstance(venue, tuple) else (venue,)
    known = [v for v in chosen if r.ref(rel, v, r.venues, "venue", "college.yaml")]
    online = [v for v in known if r.venues[v].get("online")]
    if len(online) > 1:
        r.error(rel, run["_lines"]["venue"], f"This run lists {len(online)} online venues; a hybrid group has one "
                "online venue at most.", "Keep one online venue and the rooms people can come to.")


def _check_weekly(r: Resolver, rel: str, w: dict[str, Any], term: dict[str, Any] | None,
                  spans: list[tuple[dt.date, dt.date]], count: int) -> None:
    if term and "until" in w and w["until"] > term["ends"]:
        r.error(rel, w["_lines"]["until"], f"'until' is {long_date(w['until'])}, after {term['name']} ends "
                f"({day_month(term['ends'])}).", "Give the last date the series may meet inside the term.")
    if "until" in w and count > MAX_RUN_SESSIONS:
        r.error(rel, w["_lines"]["until"], f"This weekly series has {count} sessions; the most one run can have is "
                f"{MAX_RUN_SESSIONS}.", "Check 'from' and 'until'.")
    if "until" in w and "from" in w and w["until"] < w["from"]:
        r.error(rel, w["_lines"]["until"], "'until' is before 'from': the series would never meet.",
                "Give the date of the last session the series may have.")
    if term and "from" in w and in_break(w["from"], spans):
        held = weekly_dates(w, spans)
        first = f": its first session is {long_date(held[0])}" if held else ""
        r.warn(rel, w["_lines"]["from"], f"'from' is {long_date(w['from'])}, in a break of {term['name']}{first}.",
               "Write the date of the first session the series really has as 'from'.")
    met = set(weekly_dates(w, spans, skip=False))
    for day in w.get("skip", ()):
        if day not in met:
            if term and in_break(day, spans):
                r.warn(rel, w["_lines"]["skip"], f"'skip' lists {long_date(day)}, but it is in a break of "
                       f"{term['name']}.", "The series steps over breaks by itself: take the date out of 'skip'.")
            else:
                r.warn(rel, w["_lines"]["skip"], f"'skip' lists {long_date(day)}, but the series does not meet "
                       "on that day.", "Check the date: the series meets on the weekday of 'from', every 7 days.")


def _span(start: dt.date, end: dt.date) -> str:
    """'15 to 19 February 2027', or '29 March to 2 April 2027'."""
    if start.year == end.year and start.month == end.month:
        return f"{start.day} to {day_month(end)}"
    if start.year == end.year:
        return f"{day_month(start).removesuffix(f' {start.year}')} to {day_month(end)}"
    return f"{day_month(start)} to {day_month(end)}"


def check_prerequisites(r: Resolver) -> None:
    """No course comes before itself: a course whose prerequisites lead back to it is reported once,
    at its 'prerequisites' line, with the circle it makes."""
    needs = {cid: [str(p) for p in e.data.get("prerequisites", ()) if p in r.courses and p != cid]
             for cid, e in r.courses.items()}
    reported: set[str] = set()
    for start in sorted(needs):
        path = _circle(start, needs)
        if path and start not in reported:
            reported |= set(path)
            entry = r.courses[start]
            r.error(entry.rel, entry.data["_lines"].get("prerequisites", 0), "These prerequisites go round in a "
                    f"circle: {' needs '.join([*path, start])}.", "Take one of them out of 'prerequisites'.")


def _circle(start: str, needs: dict[str, list[str]]) -> list[str]:
    """The courses from ``start`` back to itself through prerequisites, or [] when there is no circle."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in needs.get(node, ()):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def check_titles(r: Resolver) -> None:
    """Two courses with the same title: people could not tell them apart (a warning, on the second)."""
    first: dict[str, Entry] = {}
    for cid in sorted(r.courses):
        entry = r.courses[cid]
        title = str(entry.data.get("title", "")).strip(QUOTES + " ").casefold()
        if not title:
            continue
        if title in first:
            r.warn(entry.rel, entry.data["_lines"]["title"], f"{first[title].rel} has the same title.",
                   "Give each course its own title, so people can tell them apart (add what is different, "
                   "like the place or who it is for).")
        else:
            first[title] = entry
