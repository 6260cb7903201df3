"""Check what spans files: ids and references, dates in terms, who delivers, links and pictures.

The loader has checked each file on its own; here the files are checked against each other
(a course's own checks are in course_checks.py, what a file names in links.py), and every
picture a file names goes through the gate (content/gate.py).  Every problem is reported at the
line where it is written, with the nearest known id suggested.  The model is assembled
(model/assemble.py) only when nothing here is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from ..content import easyread_rules
from ..content.loader import Entry, Loaded
from ..words import day_month
from . import course_checks, links, urls
from .resolver import Resolver


def check(loaded: Loaded, today: dt.date) -> None:
    """Add every cross-file problem to ``loaded.problems``."""
    r = Resolver(loaded, today)
    _check_college(r)
    codes: dict[str, str] = {}
    for entry in loaded.entries["courses"].values():
        course_checks.check_course(r, entry, codes)
    course_checks.check_prerequisites(r)
    course_checks.check_titles(r)
    for entry in loaded.entries["tutors"].values():
        _check_tutor(r, entry)
    for entry in loaded.entries["pages"].values():
        links.check_easy_read(r, entry)
        links.check_links(r, entry, urls.page(entry.id))
    _check_reserved_pages(r)
    instructions = ((loaded.college or {}).get("enrolment") or {}).get("_instructions")
    if instructions is not None:
        links.check_body(r, "college.yaml", instructions, urls.ENROL)
    easyread_rules.check_all(loaded)


def _check_college(r: Resolver) -> None:
    college = r.loaded.college
    if college is None:
        return
    contact = college.get("contact") or {}
    if contact and not (contact.get("phone") or contact.get("email")):
        r.error("college.yaml", contact["_line"], "'contact' needs a phone number or an email address.",
                "Add 'phone:' or 'email:' under 'contact:'.")
    enrolment = college.get("enrolment") or {}
    if enrolment and not any(enrolment.get(k) for k in ("url", "phone", "email")):
        r.error("college.yaml", enrolment["_line"], "'enrolment' needs a way to enrol: a url, a phone "
                "number or an email address.", "Add 'url:', 'phone:' or 'email:' under 'enrolment:'.")
    own = college["base_url"].rstrip("/") + "/" + urls.ENROL if college.get("base_url") else ""
    if enrolment.get("url") and own and _same_page(enrolment["url"], own):
        r.error("college.yaml", enrolment["_lines"]["url"], "The enrolment address is this site's own How to "
                "enrol page, so 'Enrol online' would lead people back to the page they are on.",
                "Give the address of your enrolment form, or delete 'url:' so that people enrol by phone or email.")
    logo = (college.get("branding") or {}).get("logo") or {}
    if "src" in logo:  # the logo goes through the gate and the cleaning like every picture
        links.check_picture(r, "college.yaml", logo["src"], logo["_lines"]["src"])
    for term in r.terms.values():
        if "starts" in term and "ends" in term and term["ends"] < term["starts"]:
            r.error("college.yaml", term["_lines"]["ends"], f"The term '{term['id']}' ends before it starts.",
                    "Check the 'starts' and 'ends' dates.")
        elif "starts" in term and "ends" in term:
            _check_breaks(r, term)


def _same_page(one: str, other: str) -> bool:
    """Whether two web addresses name the same page (http or https, with or without index.html)."""
    def norm(url: str) -> tuple[str, str]:
        parts = urlsplit(url.strip())
        path = parts.path.removesuffix("index.html").rstrip("/")
        return (parts.hostname or "").lower(), path
    return norm(one) == norm(other)


def _check_breaks(r: Resolver, term: dict[str, Any]) -> None:
    """A term's breaks lie inside it and do not overlap (each break's own dates were checked already)."""
    breaks = sorted((b for b in term.get("breaks", ()) if "from" in b and "to" in b), key=lambda b: b["from"])
    for b in breaks:
        if b["from"] < term["starts"] or b["to"] > term["ends"]:
            r.error("college.yaml", b["_line"], f"The break '{b['name']}' is not inside {term['name']} "
                    f"({day_month(term['starts'])} to {day_month(term['ends'])}).",
                    "Check the break's 'from' and 'to', or the term's dates.")
    for earlier, later in zip(breaks, breaks[1:], strict=False):
        if later["from"] <= earlier["to"]:
            r.error("college.yaml", later["_line"], f"The break '{later['name']}' overlaps '{earlier['name']}'.",
                    "Give each break its own days, or make them one break.")


def _check_tutor(r: Resolver, entry: Entry) -> None:
    d, rel = entry.data, entry.rel
    words = len(entry.body.text.split())
    if words > 120:
        r.warn(rel, 0, f"This biography is {words} words long; the most is 120.", "Shorten it.")
    links.check_links(r, entry, urls.tutor(entry.id))
    photo = d.get("photo")
    if not photo or "src" not in photo:  # a photo without 'src' has its own error already
        return
    links.check_picture(r, rel, photo["src"], photo["_lines"]["src"])
    given, expires = photo.get("consent_given"), photo.get("consent_expires")
    if given and given > r.today:
        r.error(rel, photo["_lines"]["consent_given"], "'consent_given' is a date in the future.",
                "Write the date the tutor agreed to the photo being published.")
    if expires and expires < r.today:
        r.error(rel, photo["_lines"]["consent_expires"], f"Consent for this photo ended on "
                f"{day_month(expires)}.", "Ask the tutor to renew it and update 'consent_expires', "
                "or remove the photo.")


def _check_reserved_pages(r: Resolver) -> None:
    for entry in r.loaded.entries["courses"].values():
        if entry.id in urls.FILTER_SEGMENTS:
            r.error(entry.rel, 0, f"A course cannot be called '{entry.id}': the course filters use the "
                    f"address {urls.course(entry.id)}.", "Rename the file, for example to add a word.")
    for entry in r.loaded.entries["pages"].values():
        if entry.id in urls.RESERVED:
            r.error(entry.rel, 0, f"A page cannot be called '{entry.id}': the site already uses that address.",
                    "Rename the file.")
