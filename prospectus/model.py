"""The prospectus as frozen objects: what every renderer reads, with references resolved.

Nothing in here can be wrong: the loader only builds these objects from content that has
passed every check, so templates and other outputs never meet a missing or invalid value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

ENROL_PAGE = "how-to-enrol"  # a page with this id is shown on the How to enrol page (enrol/)


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


@dataclass(frozen=True)
class Image:
    """A picture from content/: ``src`` is relative to the content folder."""

    src: str
    alt: str


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
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Values worked out from this run by the renderers, kept so each is worked out once."""

    @property
    def first(self) -> Session:
        return self.sessions[0]

    @property
    def last(self) -> Session:
        return self.sessions[-1]

    @property
    def is_bookable(self) -> bool:
        return self.status in ("open", "few-places", "waiting-list")

    @property
    def venues(self) -> tuple[Venue, ...]:
        """Every venue the run uses, its main venue first."""
        if "venues" not in self.memo:
            seen: dict[str, Venue] = {self.venue.id: self.venue}
            for s in self.sessions:
                seen.setdefault(s.venue.id, s.venue)
            self.memo["venues"] = tuple(seen.values())
        return self.memo["venues"]  # type: ignore[no-any-return]


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
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Indexes worked out once from the fields above (courses by category and by tutor)."""

    @property
    def published_tutors(self) -> tuple[Tutor, ...]:
        return tuple(t for t in self.tutors if t.publish)

    def courses_in(self, category: Category) -> tuple[Course, ...]:
        """The courses of a category, in title order (indexed once: listings ask for it often)."""
        if "by_category" not in self.memo:
            index: dict[str, list[Course]] = {}
            for c in self.courses:
                index.setdefault(c.category.id, []).append(c)
            self.memo["by_category"] = {k: tuple(v) for k, v in index.items()}
        return self.memo["by_category"].get(category.id, ())  # type: ignore[no-any-return]

    def courses_by(self, tutor: Tutor) -> tuple[Course, ...]:
        """The courses a tutor delivers or co-produced (indexed once, not a scan per tutor)."""
        if "by_tutor" not in self.memo:
            index: dict[str, list[Course]] = {}
            for c in self.courses:
                for t_id in dict.fromkeys(t.id for t in (*c.facilitators, *c.co_producers)):
                    index.setdefault(t_id, []).append(c)
            self.memo["by_tutor"] = {k: tuple(v) for k, v in index.items()}
        return self.memo["by_tutor"].get(tutor.id, ())  # type: ignore[no-any-return]

    @property
    def nav_pages(self) -> tuple[Page, ...]:
        return tuple(sorted((p for p in self.pages if p.nav_order is not None and p.id != ENROL_PAGE),
                            key=lambda p: (p.nav_order or 0, p.title)))

    @property
    def current_term(self) -> Term:
        """The first term that has not ended yet, or the last term when all have ended."""
        terms = sorted(self.college.terms, key=lambda t: t.starts)
        return next((t for t in terms if t.ends >= self.today), terms[-1])
