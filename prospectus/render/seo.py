"""What search engines and feed readers read: schema.org JSON-LD for each course, and an Atom feed.

People often find a Recovery College course by searching "free anxiety course near me"; the
JSON-LD lets a search engine show the dates, the place (or "online") and that it is free.
Only published tutors are named (an unpublished tutor asked not to be).  Everything is
serialised with sorted keys and fixed order so the same content gives the same bytes, and
``<``, ``>`` and ``&`` are written as JSON escapes so no text can end the script element.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from markupsafe import Markup

from ..model import objects as m
from ..model import urls
from ..words import _

SCHEMA = "https://schema.org/"
AVAILABILITY = {  # by the status every format says (Run.shown_status)
    "open": "InStock",
    "not-needed": "InStock",
    "few-places": "LimitedAvailability",
    "full": "SoldOut",
    "waiting-list": "BackOrder",
    "cancelled": "Discontinued",
    "finished": "Discontinued",
}
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def course_url(college: m.College, course: m.Course) -> str:
    """The course page's address: absolute when base_url is set, site-relative otherwise."""
    return college.base_url + urls.course(course.id)


def course_mode(run: m.Run) -> str:
    """'online', 'onsite' or 'blended', from the venues of a run's sessions."""
    online = {v.online for v in run.venues}
    return "blended" if len(online) == 2 else "online" if online == {True} else "onsite"


def _place(venue: m.Venue) -> dict[str, Any]:
    if venue.online:
        return {"@type": "VirtualLocation", "name": venue.name}
    address = ", ".join(part.strip() for part in venue.address.splitlines() if part.strip())
    return {"@type": "Place", "name": venue.name, "address": address or venue.name}


def schedule(run: m.Run, timezone: str) -> dict[str, Any] | None:
    """A weekly Schedule when every session is a week after the last at the same time, else None."""
    s = run.sessions
    weekly = len(s) > 1 and all(
        (b.date - a.date).days == 7 and (a.start, a.end) == (b.start, b.end) for a, b in zip(s, s[1:], strict=False))
    if not weekly:
        return None
    return {"@type": "Schedule", "repeatFrequency": "P1W", "repeatCount": len(s),
            "byDay": SCHEMA + DAYS[s[0].date.weekday()], "startDate": s[0].date.isoformat(),
            "endDate": s[-1].date.isoformat(), "startTime": f"{s[0].start:%H:%M}",
            "endTime": f"{s[0].end:%H:%M}", "scheduleTimezone": timezone}


def _workload(run: m.Run) -> str:
    minutes = sum((dt.datetime.combine(s.date, s.end) - dt.datetime.combine(s.date, s.start)).seconds // 60
                  for s in run.sessions)
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def offer(college: m.College, run: m.Run | None) -> dict[str, Any]:
    """A free Offer; with a run, its availability and where to book."""
    out: dict[str, Any] = {"@type": "Offer", "price": 0, "priceCurrency": "GBP", "category": "Free"}
    if run is not None:
        out["availability"] = SCHEMA + AVAILABILITY[run.shown_status]
        booking = run.booking_url or (college.base_url + urls.ENROL if college.base_url else "")
        if booking and run.offers_booking:
            out["url"] = booking
    return out


def instance(college: m.College, course: m.Course, run: m.Run) -> dict[str, Any]:
    """One CourseInstance: a run of the course in a term."""
    places = [_place(v) for v in run.venues]
    out: dict[str, Any] = {
        "@type": "CourseInstance", "name": f"{course.title}: {run.term.name}", "courseMode": course_mode(run),
        "location": places[0] if len(places) == 1 else places,
        "startDate": run.first.date.isoformat(), "endDate": run.last.date.isoformat(),
        "courseWorkload": _workload(run), "offers": offer(college, run),
        "eventStatus": SCHEMA + ("EventCancelled" if run.status == "cancelled" else "EventScheduled"),
    }
    plan = schedule(run, college.timezone)
    if plan:
        out["courseSchedule"] = plan
    people = [{"@type": "Person", "name": t.name} for t in course.facilitators if t.publish]
    if people:
        out["instructor"] = people
    return out


def course_data(p: m.Prospectus, course: m.Course) -> dict[str, Any]:
    """The schema.org Course for one course page."""
    college = p.college
    provider: dict[str, Any] = {"@type": "EducationalOrganization", "name": college.name}
    if college.base_url:
        provider["url"] = college.base_url
    out: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Course", "name": course.title,
        "description": course.summary, "provider": provider, "inLanguage": course.language or college.language,
        "isAccessibleForFree": True, "offers": offer(college, None), "about": course.category.name,
        "hasCourseInstance": [instance(college, course, run) for run in course.runs],
    }
    if course.code:
        out["courseCode"] = course.code
    if course.prerequisites:
        out["coursePrerequisites"] = [_prerequisite(p, p.course(cid)) for cid in course.prerequisites]
    if college.base_url:
        out["url"] = course_url(college, course)
    return out


def script_json(data: Any) -> Markup:
    """JSON safe to put inside <script>: sorted, and with <, > and & escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # compact: C encoder
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - escaped above for the script context


def _prerequisite(p: m.Prospectus, course: m.Course) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "Course", "name": course.title}
    if p.college.base_url:
        out["url"] = course_url(p.college, course)
    return out


def course_jsonld(course: m.Course, p: m.Prospectus) -> Markup:
    """The template filter: ``{{ course|course_jsonld(p) }}``."""
    return script_json(course_data(p, course))


# ---- Atom feed --------------------------------------------------------------------------------

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _id(college: m.College, path: str) -> str:
    """An entry's permanent id: its address, or a name-based UUID when there is no base_url."""
    if college.base_url:
        return college.base_url + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"prospectus:{college.name}:{path}").urn


def feed(p: m.Prospectus) -> str:
    """feed.xml: every course, newest review first, dated by when its co-producers last reviewed it."""
    c = p.college
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": c.language})
    courses = sorted(p.courses, key=lambda x: (-x.reviewed.toordinal(), x.title.lower(), x.id))
    _text(root, "id", _id(c, urls.FEED))
    _text(root, "title", f"{c.name}: {_('courses')}")
    if c.tagline:
        _text(root, "subtitle", c.tagline)
    _text(root, "updated", _stamp(max((x.reviewed for x in courses), default=p.today)))
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": c.base_url + urls.FEED})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": c.base_url or "./"})
    _text(ET.SubElement(root, f"{{{ATOM}}}author"), "name", c.name)
    for course in courses:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", _id(c, urls.course(course.id)))
        _text(entry, "title", course.title)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html",
                                                   "href": course_url(c, course)})
        _text(entry, "updated", _stamp(course.reviewed))
        _text(entry, "summary", course.summary)
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": course.category.id, "label": course.category.name})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="utf-8"?>\n', "\n"])


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value
