"""Check what spans files: ids and references, dates in terms, co-delivery, links and pictures.

The loader has checked each file on its own; here the files are checked against each other,
and every picture a file names goes through the gate (content/gate.py).  Every problem is
reported at the line where it is written, with the nearest known id suggested.  The model is
assembled (model/assemble.py) only when nothing here is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..content import easyread_rules, gate, raster, svg
from ..content.loader import Entry, Loaded
from ..content.markdown import Rendered
from ..content.picture_names import BUILT_IN
from ..content.schema import MAX_COURSE_SESSIONS
from ..problems import Problem, Severity, did_you_mean, nearest
from ..words import day_month, long_date
from . import urls
from .series import session_dates


class Resolver:
    """Holds the lookups for one build while references are checked."""

    def __init__(self, loaded: Loaded, today: dt.date):
        self.loaded = loaded
        self.today = today
        self.problems: list[Problem] = loaded.problems
        college = loaded.college or {}
        self.terms = self._by_id(college.get("terms", ()), "term")
        self.venues = self._by_id(college.get("venues", ()), "venue")
        self.categories = self._by_id(college.get("categories", ()), "category")
        self.tutors = loaded.entries["tutors"]
        self.addresses = self._site_urls()
        # What cannot be checked because its own file is broken (already reported there):
        # a tutor file with errors, or a list missing from an unreadable college.yaml.
        self.unknowable = {"tutor": loaded.found["tutors"] - set(self.tutors)}
        self.pictures: dict[str, tuple[str, str] | None] = {}  # each picture's problem, once looked at
        self.unreadable = {what for what, key in (("term", "terms"), ("venue", "venues"),
                                                  ("category", "categories")) if key not in college}

    def _site_urls(self) -> set[str]:
        """Every page address the build makes (urls.pages): a file with its own errors is still there."""
        e, found = self.loaded.entries, self.loaded.found
        tutors = {i for i, t in e["tutors"].items() if t.data.get("publish", True)}
        tutors |= found["tutors"] - set(e["tutors"])
        return urls.pages(found["courses"], tutors, set(self.categories), set(self.terms), found["pages"])

    def _by_id(self, items: tuple[dict[str, Any], ...], what: str) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        for item in items:
            if "id" not in item:
                continue
            if item["id"] in found:
                plural = "categories" if what == "category" else f"{what}s"
                self.error("college.yaml", item["_lines"]["id"], f"There are two {plural} with the id "
                           f"'{item['id']}'.", f"Give each {what} its own id.")
            found[item["id"]] = item
        return found

    def error(self, rel: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(rel, line, message, hint))

    def warn(self, rel: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(rel, line, message, hint, Severity.WARNING))

    def ref(self, rel: str, value: Any, known: dict[str, Any], what: str, where: str) -> bool:
        """True when ``value`` names something known; otherwise report it at its line."""
        if value in known:
            return True
        if what in self.unreadable or value in self.unknowable.get(what, ()):
            return False  # the file that should define it has its own error already
        self.error(rel, getattr(value, "line", 0), f"There is no {what} with the id '{value}'.",
                   did_you_mean(value, known) or f"Check the {what} ids in {where}.")
        return False


def check(loaded: Loaded, today: dt.date) -> None:
    """Add every cross-file problem to ``loaded.problems``."""
    r = Resolver(loaded, today)
    _check_college(r)
    codes: dict[str, str] = {}
    for entry in loaded.entries["courses"].values():
        _check_course(r, entry, codes)
    for entry in loaded.entries["tutors"].values():
        _check_tutor(r, entry)
    for entry in loaded.entries["pages"].values():
        _check_easy_read(r, entry)
        _check_links(r, entry, urls.page(entry.id))
    _check_reserved_pages(r)
    instructions = ((loaded.college or {}).get("enrolment") or {}).get("_instructions")
    if instructions is not None:
        _check_body(r, "college.yaml", instructions, urls.ENROL)
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
    logo = (college.get("branding") or {}).get("logo") or {}
    if "src" in logo:  # the logo goes through the gate and the cleaning like every picture
        _check_file(r, "college.yaml", logo["src"], logo["_lines"]["src"])
    for term in r.terms.values():
        if "starts" in term and "ends" in term and term["ends"] < term["starts"]:
            r.error("college.yaml", term["_lines"]["ends"], f"The term '{term['id']}' ends before it starts.",
                    "Check the 'starts' and 'ends' dates.")


def _check_course(r: Resolver, entry: Entry, codes: dict[str, str]) -> None:
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
    _check_co_delivery(r, entry)
    for run in d.get("runs", ()):
        _check_run(r, rel, run)
    sessions = sum(len(session_dates(run)) for run in d.get("runs", ()))
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
        _check_file(r, rel, d["image"]["src"], d["image"]["_lines"]["src"])
    _check_easy_read(r, entry)
    _check_links(r, entry, urls.course(entry.id))


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _check_co_delivery(r: Resolver, entry: Entry) -> None:
    rule = (r.loaded.college or {}).get("rules", {}).get("co_delivery", "peer-and-practitioner")
    ids = [t for t in entry.data.get("facilitators", ()) if t in r.tutors]
    if rule == "off" or not ids or len(ids) != len(entry.data.get("facilitators", ())):
        return  # missing or unknown facilitators are reported on their own
    roles = [r.tutors[t].data.get("role") for t in ids]
    if None in roles:
        return  # a tutor without a readable role has its own error in its file
    line = entry.data["_lines"].get("facilitators", 0)
    hint = "Every course is delivered by a peer trainer together with a practitioner."
    if "peer-trainer" not in roles:
        r.error(entry.rel, line, "No facilitator of this course is a peer trainer.",
                hint + " Add a tutor whose role is peer-trainer.")
    elif rule == "peer-and-practitioner" and all(role == "peer-trainer" for role in roles):
        r.error(entry.rel, line, "Every facilitator of this course is a peer trainer.",
                hint + " Add a practitioner trainer (or partner) too.")


def _check_run(r: Resolver, rel: str, run: dict[str, Any]) -> None:
    term_ok = "term" in run and r.ref(rel, run["term"], r.terms, "term", "college.yaml")
    if "venue" in run:
        r.ref(rel, run["venue"], r.venues, "venue", "college.yaml")
    term = r.terms.get(run.get("term", "")) if term_ok else None
    if term and not ("starts" in term and "ends" in term and term["starts"] <= term["ends"]):
        term = None  # the term's own dates are wrong; that is reported in college.yaml
    for date, line in session_dates(run):
        if term and not term["starts"] <= date <= term["ends"]:
            r.error(rel, line, f"The session on {long_date(date)} is outside {term['name']} "
                    f"({day_month(term['starts'])} to {day_month(term['ends'])}).",
                    "Check the date, or put this run in the right term.")
    for session in run.get("sessions", ()):
        if "venue" in session:
            r.ref(rel, session["venue"], r.venues, "venue", "college.yaml")


def _check_tutor(r: Resolver, entry: Entry) -> None:
    d, rel = entry.data, entry.rel
    words = len(entry.body.text.split())
    if words > 120:
        r.warn(rel, 0, f"This biography is {words} words long; the most is 120.", "Shorten it.")
    _check_links(r, entry, urls.tutor(entry.id))
    photo = d.get("photo")
    if not photo or "src" not in photo:  # a photo without 'src' has its own error already
        return
    _check_file(r, rel, photo["src"], photo["_lines"]["src"])
    given, expires = photo.get("consent_given"), photo.get("consent_expires")
    if given and given > r.today:
        r.error(rel, photo["_lines"]["consent_given"], "'consent_given' is a date in the future.",
                "Write the date the tutor agreed to the photo being published.")
    if expires and expires < r.today:
        r.error(rel, photo["_lines"]["consent_expires"], f"Consent for this photo ended on "
                f"{day_month(expires)}.", "Ask the tutor to renew it and update 'consent_expires', "
                "or remove the photo.")


def _check_file(r: Resolver, rel: str, src: str, line: int) -> None:
    """A picture named at ``rel``:``line`` must pass the gate (content/gate.py) and be a picture the
    build can publish safely (a raster it can decode, or a drawing with nothing active in it).  Each
    picture is looked at once however many times it is named (what it is does not change)."""
    if src not in r.pictures:
        r.pictures[src] = _picture_problem(r, src)
    found = r.pictures[src]
    if found is not None:
        r.error(rel, line, *found)


def _picture_problem(r: Resolver, src: str) -> tuple[str, str] | None:
    """(message, hint) saying why a picture cannot be published, or None."""
    try:
        path = gate.picture_path(r.loaded.root, src)
        data = gate.read_picture(r.loaded.root, src) if gate.is_drawing(src) else b""
    except gate.Refused as exc:
        return exc.message, exc.hint
    except OSError as exc:
        return f"The picture '{src}' could not be read ({exc.strerror}).", "Check the file."
    problem = svg.problem(data) if gate.is_drawing(src) else raster.problem(path)
    if problem:
        return (f"The picture '{src}' cannot be used: {problem}.",
                "Use a JPEG, PNG, WebP, GIF or plain SVG picture of a sensible size (for example 2000 pixels "
                "wide), or choose another picture.")
    return None


def _check_easy_read(r: Resolver, entry: Entry) -> None:
    er = entry.data.get("easy_read")
    if not er:
        if entry.rel.startswith("courses/") and "easy_read" not in entry.data["_lines"]:
            r.warn(entry.rel, 0, "This course has no easy read version.",
                   "Add an 'easy_read' block with 3 to 10 short points.")
        return
    points = er.get("points", ())
    if points and not 3 <= len(points) <= 10:
        r.warn(entry.rel, er["_lines"]["points"], f"The easy read block has {len(points)} "
               f"point{'s' if len(points) != 1 else ''}; easy read works best with 3 to 10.",
               "Add or combine points so each one says one idea.")
    for point in points:
        picture = point.get("picture")
        if picture and picture not in BUILT_IN:
            if "/" in picture or "." in picture:
                _check_file(r, entry.rel, picture, point["_lines"]["picture"])
            else:
                r.error(entry.rel, point["_lines"]["picture"], f"There is no built-in picture called '{picture}'.",
                        did_you_mean(picture, BUILT_IN) or "See the list of pictures in the editing guide.")


def _check_links(r: Resolver, entry: Entry, url: str) -> None:
    """Relative links in a body must lead to a page this build will make; its pictures must pass the gate."""
    _check_body(r, entry.rel, entry.body, url)


def _check_body(r: Resolver, rel: str, body: Rendered, url: str) -> None:
    for href, line in body.links:
        target = _resolve_link(url, href)
        if target is not None and target not in r.addresses:
            best = nearest(target, sorted(r.addresses))
            hint = f"Did you mean '{'../' * url.count('/')}{best}'?" if best else "Check the address."
            r.error(rel, line, f"This link goes to '{href}', which is not a page of this site.", hint)
    for src, line in body.images:
        _check_file(r, rel, src, line)


def _resolve_link(base: str, href: str) -> str | None:
    """The site path a relative link points to, or None for external links and anchors."""
    if not href or href.startswith(("#", "/", "mailto:", "tel:")) or ":" in href.split("/")[0]:
        return None
    path = href.split("#")[0].split("?")[0]
    if not path:
        return None
    parts = [p for p in base.split("/") if p]
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    joined = "/".join(parts)
    if joined.endswith("index.html"):
        joined = joined[: -len("index.html")].rstrip("/")
    return joined + "/" if joined else ""


def _check_reserved_pages(r: Resolver) -> None:
    for entry in r.loaded.entries["courses"].values():
        if entry.id in urls.FILTER_SEGMENTS:
            r.error(entry.rel, 0, f"A course cannot be called '{entry.id}': the course filters use the "
                    f"address {urls.course(entry.id)}.", "Rename the file, for example to add a word.")
    for entry in r.loaded.entries["pages"].values():
        if entry.id in urls.RESERVED:
            r.error(entry.rel, 0, f"A page cannot be called '{entry.id}': the site already uses that address.",
                    "Rename the file.")
