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
class Break:
    """Days of a term with no sessions (half-term): a weekly series steps over them."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    starts: dt.date
    ends: dt.date
    enrolment_opens: dt.date | None = None
    breaks: tuple[Break, ...] = ()


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


BOOKABLE = ("open", "few-places", "waiting-list")  # statuses a run can still be booked in


@dataclass(frozen=True)
class Run:
    """One run of a course in a term; ``index`` is its position in the course's runs.

    ``phase`` is what the run is on the build date: ``finished`` (its last session was before that
    day), ``under-way`` (begun, not ended) or ``upcoming``.  ``booking`` is settled when the model
    is made: the run's own, else the course's, else 'not-needed' for a drop-in and 'required' for
    the rest.  ``choices`` are the venues of a hybrid group, where people choose where to join."""

    index: int
    term: Term
    venue: Venue
    sessions: tuple[Session, ...]
    status: str = "open"
    places: int | None = None
    booking_url: str = ""
    booking: str = "required"
    phase: str = "upcoming"
    choices: tuple[Venue, ...] = ()

    @property
    def first(self) -> Session:
        return self.sessions[0]

    @property
    def last(self) -> Session:
        return self.sessions[-1]

    @property
    def finished(self) -> bool:
        return self.phase == "finished"

    @property
    def offers_booking(self) -> bool:
        """Booking is offered only before a run begins, while it has room (or a waiting list), and
        only for a run people book at all."""
        return self.phase == "upcoming" and self.status in BOOKABLE and self.booking == "required"

    @property
    def shown_status(self) -> str:
        """The one word every format says about this run: cancelled, finished, full, waiting-list,
        few-places, not-needed (nobody books it) or open."""
        if self.status == "cancelled":
            return "cancelled"
        if self.finished:
            return "finished"
        if self.status == "open" and self.booking == "not-needed":
            return "not-needed"
        return self.status

    @property
    def is_hybrid(self) -> bool:
        return bool(self.choices)

    @functools.cached_property
    def venues(self) -> tuple[Venue, ...]:
        """Every venue the run uses, its main venue first (a hybrid group's choices next)."""
        seen: dict[str, Venue] = {self.venue.id: self.venue}
        for v in self.choices:
            seen.setdefault(v.id, v)
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
    eligibility: str = ""  # who can join, in easy words


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
    delivery: str = "co-delivered"  # co-delivered | peer-led | partner-led
    eligibility: str = ""  # who can join, when not everyone in 'audience' can
    prerequisites: tuple[str, ...] = ()  # ids of the courses to take first
    on_request: str = ""  # for a course with no dates: how to ask for it

    def runs_in(self, term: Term) -> tuple[Run, ...]:
        return tuple(r for r in self.runs if r.term.id == term.id)

    @functools.cached_property
    def current_runs(self) -> tuple[Run, ...]:
        """The runs that have not finished on the build date, in date order: what listings show."""
        return tuple(r for r in self.runs if not r.finished)

    @functools.cached_property
    def listed_runs(self) -> tuple[Run, ...]:
        """What the course page lists: the current runs, then those that have finished."""
        return self.current_runs + tuple(r for r in self.runs if r.finished)

    @functools.cached_property
    def next_run(self) -> Run | None:
        """The earliest run, under way or upcoming, that is not cancelled: what a summary of the
        course shows (its date, place and status together, never a mix of two runs)."""
        return next((r for r in self.current_runs if r.status != "cancelled"), None)

    def shown_run(self, matching: dict[str, str] | None = None) -> Run | None:
        """The run a card shows: the next run (none when every run to come is cancelled, as on the
        course page), or on a filter page the earliest current run that matches the filter (a
        cancelled one only when no other matches: the page lists the course because of it)."""
        if not matching:
            return self.next_run
        fits = [r for r in self.current_runs if all(v in r.facets[k] for k, v in matching.items())]
        return next((r for r in fits if r.status != "cancelled"), fits[0] if fits else None)

    @property
    def is_on_request(self) -> bool:
        """Runs when people ask: it says how, and has no run to come."""
        return bool(self.on_request) and self.next_run is None

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

    def course(self, course_id: str) -> Course:
        """The course with this id (ids in the model always exist: they were checked)."""
        return self._by_id[course_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, Course]:
        return {c.id: c for c in self.courses}

    @functools.cached_property
    def by_facet(self) -> dict[str, dict[str, tuple[Course, ...]]]:
        """Every facet value a course filter can choose (run facets, category and audience), with the
        courses it leads to, in title order: one pass over the courses.  Runs are matched only while
        they have not finished (a finished run is never offered)."""
        found: dict[str, dict[str, list[Course]]] = {}
        for c in self.courses:
            values: dict[str, set[str]] = {k: set() for k in ("term", "day", "time", "mode", "venue")}
            for r in c.current_runs:
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
