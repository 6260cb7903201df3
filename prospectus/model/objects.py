"""The prospectus as frozen objects: what every renderer reads, with references resolved.

Nothing in here can be wrong: :mod:`prospectus.model.assemble` builds these objects only from
content that has passed every check (the loader's and :mod:`prospectus.model.checks`), so
templates and other outputs never meet a missing or invalid value.  Indexes worked out from the
fields (courses by category, a run's facets) are ``functools.cached_property``: worked out once,
never part of equality, and gone with a ``dataclasses.replace``.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from ..words import part_of_day
from .urls import ENROL_PAGE

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class CrisisLine:
    name: str
    phone: str = ""
    text: str = ""


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    starts: dt.date
    ends: dt.date
    enrolment_opens: dt.date | None = None


@dataclass(frozen=True)
class Venue:
    id: str
    name: str
    address: str = ""
    access: tuple[str, ...] = ()
    directions: str = ""
    online: bool = False


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    address: str = ""
    hours: str = ""


@dataclass(frozen=True)
class Enrolment:
    url: str = ""
    phone: str = ""
    email: str = ""
    instructions_html: str = ""
    pictures: tuple[str, ...] = ()  # pictures named in the instructions (paths under content/)


@dataclass(frozen=True)
class Image:
    """A picture from content/: ``src`` is relative to the content folder."""

    src: str
    alt: str


@dataclass(frozen=True)
class Branding:
    """The college's own look: its logo (shown in the header and on brochure covers) and the colour of the
    header and buttons ('#rrggbb', checked to carry white text; '' for the built-in colours)."""

    logo: Image | None = None
    colour: str = ""


@dataclass(frozen=True)
class College:
    name: str
    tagline: str
    language: str
    base_url: str
    timezone: str
    contact: Contact
    enrolment: Enrolment
    crisis: tuple[CrisisLine, ...]
    terms: tuple[Term, ...]
    venues: tuple[Venue, ...]
    categories: tuple[Category, ...]
    accessibility_email: str = ""
    accessibility_reviewed: dt.date | None = None
    co_delivery: str = "peer-and-practitioner"
    review_months: int = 12
    branding: Branding = field(default_factory=Branding)


@dataclass(frozen=True)
class Tutor:
    id: str
    name: str
    role: str
    job_title: str = ""
    pronouns: str = ""
    languages: tuple[str, ...] = ()
    publish: bool = True
    photo: Image | None = None
    bio_html: str = ""
    bio_text: str = ""
    pictures: tuple[str, ...] = ()  # pictures named in the biography (paths under content/)


@dataclass(frozen=True)
class Session:
    date: dt.date
    start: dt.time
    end: dt.time
    venue: Venue


@dataclass(frozen=True)
class Run:
    """One run of a course in a term; ``index`` is its position in the course's runs."""

    index: int
    term: Term
    venue: Venue
    sessions: tuple[Session, ...]
    status: str = "open"
    places: int | None = None
    booking_url: str = ""

    @property
    def first(self) -> Session:
        return self.sessions[0]

    @property
    def last(self) -> Session:
        return self.sessions[-1]

    @property
    def is_bookable(self) -> bool:
        return self.status in ("open", "few-places", "waiting-list")

    @functools.cached_property
    def venues(self) -> tuple[Venue, ...]:
        """Every venue the run uses, its main venue first."""
        seen: dict[str, Venue] = {self.venue.id: self.venue}
        for s in self.sessions:
            seen.setdefault(s.venue.id, s.venue)
        return tuple(seen.values())

    @functools.cached_property
    def facets(self) -> dict[str, list[str]]:
        """What the course filters match this run on, each a sorted list (sessions may differ in day
        or venue): term, day, time of day (morning, afternoon, evening), mode (in-person, online) and
        venue ids."""
        return {
            "term": [self.term.id],
            "day": sorted({DAYS[s.date.weekday()] for s in self.sessions}, key=DAYS.index),
            "time": sorted({part_of_day(s.start) for s in self.sessions},
                           key=("morning", "afternoon", "evening").index),
            "mode": sorted({"online" if v.online else "in-person" for v in self.venues}),
            "venue": sorted(v.id for v in self.venues),
        }


@dataclass(frozen=True)
class EasyReadPoint:
    text: str
    picture: str  # a built-in picture name, or a path under content/
    alt: str = ""  # only for a college's own picture; built-in pictures have their own alt text


@dataclass(frozen=True)
class EasyRead:
    title: str
    points: tuple[EasyReadPoint, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Course:
    id: str
    title: str
    code: str
    category: Category
    summary: str
    audience: tuple[str, ...]
    outcomes: tuple[str, ...]
    format: str
    level: str
    facilitators: tuple[Tutor, ...]
    co_producers: tuple[Tutor, ...]
    runs: tuple[Run, ...]
    content_note: str
    adjustments: tuple[str, ...]
    language: str
    image: Image | None
    reviewed: dt.date
    easy_read: EasyRead | None
    body_html: str
    body_text: str
    headings: tuple[Heading, ...] = ()
    source: str = ""
    pictures: tuple[str, ...] = ()  # pictures named in the description (paths under content/)

    def runs_in(self, term: Term) -> tuple[Run, ...]:
        return tuple(r for r in self.runs if r.term.id == term.id)

    @property
    def is_online_only(self) -> bool:
        return bool(self.runs) and all(v.online for r in self.runs for v in r.venues)


@dataclass(frozen=True)
class Page:
    id: str
    title: str
    summary: str
    nav_order: int | None
    easy_read: EasyRead | None
    body_html: str
    body_text: str
    headings: tuple[Heading, ...] = ()
    source: str = ""
    pictures: tuple[str, ...] = ()  # pictures named in the text (paths under content/)


@dataclass(frozen=True)
class Prospectus:
    """Everything the renderers need, in a stable order (courses by title, tutors by name)."""

    college: College
    courses: tuple[Course, ...]
    tutors: tuple[Tutor, ...]
    pages: tuple[Page, ...]
    today: dt.date
    jargon: tuple[str, ...] = field(default=())

    @property
    def published_tutors(self) -> tuple[Tutor, ...]:
        return tuple(t for t in self.tutors if t.publish)

    def courses_in(self, category: Category) -> tuple[Course, ...]:
        """The courses of a category, in title order (indexed once: listings ask for it often)."""
        return self._by_category.get(category.id, ())

    def courses_by(self, tutor: Tutor) -> tuple[Course, ...]:
        """The courses a tutor delivers or co-produced (indexed once, not a scan per tutor)."""
        return self._by_tutor.get(tutor.id, ())

    @functools.cached_property
    def _by_category(self) -> dict[str, tuple[Course, ...]]:
        index: dict[str, list[Course]] = {}
        for c in self.courses:
            index.setdefault(c.category.id, []).append(c)
        return {k: tuple(v) for k, v in index.items()}

    @functools.cached_property
    def _by_tutor(self) -> dict[str, tuple[Course, ...]]:
        index: dict[str, list[Course]] = {}
        for c in self.courses:
            for t_id in dict.fromkeys(t.id for t in (*c.facilitators, *c.co_producers)):
                index.setdefault(t_id, []).append(c)
        return {k: tuple(v) for k, v in index.items()}

    @functools.cached_property
    def by_facet(self) -> dict[str, dict[str, tuple[Course, ...]]]:
        """Every facet value a course filter can choose (run facets, category and audience), with the
        courses it leads to, in title order: one pass over the courses."""
        found: dict[str, dict[str, list[Course]]] = {}
        for c in self.courses:
            values: dict[str, set[str]] = {k: set() for k in ("term", "day", "time", "mode", "venue")}
            for r in c.runs:
                for k, vs in r.facets.items():
                    values[k].update(vs)
            values["category"], values["audience"] = {c.category.id}, set(c.audience)
            for facet, vals in values.items():
                for v in vals:
                    found.setdefault(facet, {}).setdefault(v, []).append(c)
        return {f: {v: tuple(cs) for v, cs in vals.items()} for f, vals in found.items()}

    @property
    def nav_pages(self) -> tuple[Page, ...]:
        return tuple(sorted((p for p in self.pages if p.nav_order is not None and p.id != ENROL_PAGE),
                            key=lambda p: (p.nav_order or 0, p.title)))

    @property
    def current_term(self) -> Term:
        """The first term that has not ended yet, or the last term when all have ended."""
        terms = sorted(self.college.terms, key=lambda t: t.starts)
        return next((t for t in terms if t.ends >= self.today), terms[-1])
