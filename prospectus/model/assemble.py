"""Turn checked content into the frozen :class:`~prospectus.model.Prospectus`.

Runs only after every check has passed, so lookups here cannot fail.  Order is fixed
(courses by title, tutors by name, sessions by date) so that output is deterministic.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..content import markdown
from ..content.loader import Entry, Loaded
from ..content.schema import default_booking
from . import objects as m
from .series import session_dates

# Used when college.yaml has no crisis lines: England's, as the content format says.
UK_CRISIS = (
    m.CrisisLine("NHS 111, option 2", "111", "For urgent mental health help, 24 hours a day (England)."),
    m.CrisisLine("Samaritans", "116 123", "Free, any time, day or night, whatever you are going through."),
    m.CrisisLine("Shout", "85258", "Text SHOUT to 85258 for free, confidential support by text, 24 hours a day."),
    m.CrisisLine("999 or A&E", "999", "If a life is at risk now, call 999 or go to A&E."),
)


def prospectus(loaded: Loaded, today: dt.date) -> m.Prospectus:
    """The whole prospectus, with every id replaced by the object it names."""
    college = _college(loaded.college or {})
    terms = {t.id: t for t in college.terms}
    venues = {v.id: v for v in college.venues}
    categories = {c.id: c for c in college.categories}
    tutors = {i: _tutor(e) for i, e in loaded.entries["tutors"].items()}
    courses = [course(e, terms, venues, categories, tutors, today) for e in loaded.entries["courses"].values()]
    pages = [_page(e) for e in loaded.entries["pages"].values()]
    return m.Prospectus(
        college=college,
        courses=tuple(sorted(courses, key=lambda c: (c.title.lower(), c.id))),
        tutors=tuple(sorted(tutors.values(), key=lambda t: (t.name.lower(), t.id))),
        pages=tuple(sorted(pages, key=lambda p: (p.title.lower(), p.id))),
        today=today,
        jargon=loaded.jargon,
    )


def _college(d: dict[str, Any]) -> m.College:
    contact, enrol = d["contact"], d["enrolment"]
    access, rules, branding = d.get("accessibility", {}), d.get("rules", {}), d.get("branding", {})
    return m.College(
        name=d["name"],
        tagline=d.get("tagline", ""),
        language=d.get("language", "en-GB"),
        base_url=_slash(d.get("base_url", "")),
        timezone=d.get("timezone", "Europe/London"),
        contact=m.Contact(**{k: contact.get(k, "") for k in ("phone", "email", "address", "hours")}),
        enrolment=_enrolment(enrol),
        crisis=tuple(m.CrisisLine(c["name"], c.get("phone", ""), c.get("text", "")) for c in d["crisis"])
        if d.get("crisis") else UK_CRISIS,
        terms=tuple(sorted((m.Term(t["id"], t["name"], t["starts"], t["ends"], t.get("enrolment_opens"),
                                   tuple(sorted((m.Break(b["name"], b["from"], b["to"]) for b in t.get("breaks", ())),
                                                key=lambda b: b.start)))
                            for t in d["terms"]), key=lambda t: (t.starts, t.id))),
        venues=tuple(m.Venue(v["id"], v["name"], v.get("address", "").strip(), tuple(v.get("access", ())),
                             v.get("directions", ""), v.get("online", False)) for v in d["venues"]),
        categories=tuple(m.Category(c["id"], c["name"], c.get("description", "")) for c in d["categories"]),
        accessibility_email=access.get("contact_email", ""),
        accessibility_reviewed=access.get("last_reviewed"),
        co_delivery=rules.get("co_delivery", "peer-and-practitioner"),
        review_months=rules.get("review_months", 12),
        branding=m.Branding(_image(branding.get("logo")), branding.get("colour", "")),
    )


def _enrolment(d: dict[str, Any]) -> m.Enrolment:
    rendered = d.get("_instructions")
    return m.Enrolment(d.get("url", ""), d.get("phone", ""), d.get("email", ""),
                       rendered.html if rendered else "", _pictures(rendered) if rendered else ())


def _pictures(body: markdown.Rendered) -> tuple[str, ...]:
    """The pictures a Markdown text names, each once, in the order they appear."""
    return tuple(dict.fromkeys(name for name, _line in body.images))


def _slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def _image(d: dict[str, Any] | None) -> m.Image | None:
    return m.Image(d["src"], d["alt"]) if d else None


def _tutor(e: Entry) -> m.Tutor:
    d = e.data
    return m.Tutor(
        id=e.id, name=d["name"], role=d["role"], job_title=d.get("job_title", ""),
        pronouns=d.get("pronouns", ""), languages=tuple(d.get("languages", ())),
        publish=d.get("publish", True), photo=_image(d.get("photo")),
        bio_html=e.body.html, bio_text=e.body.text, pictures=_pictures(e.body),
    )


def _easy_read(d: dict[str, Any] | None) -> m.EasyRead | None:
    if not d:
        return None
    return m.EasyRead(d.get("title", ""),
                      tuple(m.EasyReadPoint(p["text"], p.get("picture", ""), p.get("alt", "")) for p in d["points"]),
                      d.get("eligibility", ""))


def course(e: Entry, terms: dict[str, m.Term], venues: dict[str, m.Venue],
            categories: dict[str, m.Category], tutors: dict[str, m.Tutor], today: dt.date) -> m.Course:
    d = e.data
    booking = d.get("booking", default_booking(d["format"]))
    runs = tuple(_run(i, r, terms, venues, booking, today) for i, r in enumerate(d.get("runs", ())))
    return m.Course(
        id=e.id, title=d["title"], code=d.get("code", ""), category=categories[d["category"]],
        summary=d["summary"], audience=tuple(d["audience"]), outcomes=tuple(d["outcomes"]),
        format=d["format"], level=d.get("level", ""),
        facilitators=tuple(tutors[t] for t in d["facilitators"]),
        co_producers=tuple(tutors[t] for t in d.get("co_produced_by", ())),
        runs=tuple(sorted(runs, key=lambda r: (r.term.starts, r.first.date, r.first.start, r.index))),
        content_note=d.get("content_note", ""), adjustments=tuple(d.get("adjustments", ())),
        language=d.get("language", ""), image=_image(d.get("image")), reviewed=d["reviewed"],
        easy_read=_easy_read(d.get("easy_read")), body_html=e.body.html, body_text=e.body.text,
        headings=tuple(m.Heading(*h) for h in e.body.headings), source=e.rel, pictures=_pictures(e.body),
        delivery=d.get("delivery", "co-delivered"), eligibility=d.get("eligibility", ""),
        prerequisites=tuple(str(p) for p in d.get("prerequisites", ())), on_request=d.get("on_request", ""),
    )


def _run(index: int, d: dict[str, Any], terms: dict[str, m.Term], venues: dict[str, m.Venue], booking: str,
         today: dt.date) -> m.Run:
    chosen = d["venue"] if isinstance(d["venue"], tuple) else (d["venue"],)
    venue = venues[chosen[0]]
    term = terms[d["term"]]
    if "weekly" in d:
        w = d["weekly"]
        spans = [(b.start, b.end) for b in term.breaks]
        sessions = [m.Session(date, w["start"], w["end"], venue) for date, _ in session_dates(d, spans)]
    else:
        sessions = [m.Session(s["date"], s["start"], s["end"], venues[s.get("venue", chosen[0])])
                    for s in d["sessions"]]
    sessions.sort(key=lambda s: (s.date, s.start))
    first, last = sessions[0].date, sessions[-1].date
    phase = "finished" if last < today else "under-way" if first < today else "upcoming"
    return m.Run(index=index, term=term, venue=venue, sessions=tuple(sessions),
                 status=d.get("status", "open"), places=d.get("places"), booking_url=d.get("booking_url", ""),
                 booking=d.get("booking", booking), phase=phase,
                 choices=tuple(venues[v] for v in chosen) if len(chosen) > 1 else ())


def _page(e: Entry) -> m.Page:
    d = e.data
    return m.Page(
        id=e.id, title=d["title"], summary=d.get("summary", ""), nav_order=d.get("nav_order"),
        easy_read=_easy_read(d.get("easy_read")), body_html=e.body.html, body_text=e.body.text,
        headings=tuple(m.Heading(*h) for h in e.body.headings), source=e.rel, pictures=_pictures(e.body),
    )
