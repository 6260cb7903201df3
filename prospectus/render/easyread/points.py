"""Easy read points for a course or page: the editors' words plus what the data already says.

Editors write only what a course is about (the ``easy_read`` points).  Everything practical
(when, where, who runs it, that it is free, how to book) is generated here from the same
structured data the main pages use, so the easy read version can never disagree with them
and nobody has to type a date twice.  Each generated point is one idea, at most 15 words,
with digits for numbers and a built-in picture; ``easyread_rules`` checks the editors' points
against the same guidance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...content.picture_names import BUILT_IN
from ...model import objects as m
from ...model import urls
from ...words import ACCESS_EASY, ROLE_EASY, ROLE_PLAIN, STATUS_EASY, _, long_date, time_range

_BOLD = re.compile(r"\*\*(.+?)\*\*")
MAX_ACCESS_POINTS = 3  # keep "Where" to a few points: the most useful access facts first
@dataclass(frozen=True)
class Point:
    """One easy read line: the words, the picture beside them and where the picture comes from."""

    text: str
    picture: str
    alt: str
    src: str  # relative to the site root: static/pictures/x.svg or media/<path under content>
    href: str = ""  # a tel:, mailto: or web link for the whole line, when it is an action

    @property
    def html(self) -> Markup:
        """The words, escaped, with **bold** (the one kind of emphasis easy read uses) made <strong>."""
        return Markup(_BOLD.sub(r"<strong>\1</strong>", str(escape(self.text))))


@dataclass(frozen=True)
class Section:
    """A short group of points under a plain heading (About the course, When, Where ...)."""

    heading: str
    points: tuple[Point, ...]


def point(text: str, picture: str, href: str = "", alt: str = "") -> Point:
    """A point with its picture resolved: built-in pictures bring their own alt text."""
    if picture in BUILT_IN:
        return Point(text, picture, alt or BUILT_IN[picture], f"static/pictures/{picture}.svg", href)
    return Point(text, picture, alt, urls.MEDIA + picture, href)


def editors_points(er: m.EasyRead | None) -> tuple[Point, ...]:
    """The points an editor wrote; a point without a picture gets the general 'information' one."""
    if er is None:
        return ()
    return tuple(point(p.text, p.picture or "information", alt=p.alt) for p in er.points)


def title(course: m.Course) -> str:
    """The easy read title, or the course title when the editors did not give one."""
    return (course.easy_read.title if course.easy_read else "") or course.title


def about(course: m.Course) -> Section:
    """What the course is about, in the editors' words, or an offer of help when there are none."""
    points = editors_points(course.easy_read)
    if not points:
        points = (point(_("Ask us if you want help to understand this course."), "help"),)
    return Section(_("About the course"), points)


def who_can_join(p: m.Prospectus, course: m.Course) -> Section:
    """Who can join (the editors' easy words) and what to do first (a course to take before)."""
    points = []
    if course.easy_read and course.easy_read.eligibility:
        points.append(point(course.easy_read.eligibility, "people"))
    elif course.eligibility:  # not in easy words (the build warns when an easy read block leaves it out)
        points.append(point(course.eligibility, "people"))
    for cid in course.prerequisites:
        points.append(point(_("Before this course, you need to do {title}.").format(title=title(p.course(cid))),
                            "course"))
    return Section(_("Who can join"), tuple(points))


def when(run: m.Run, single: bool, last: bool = True) -> tuple[Point, ...]:
    """The dates and times of one run, one idea per line (``last``: say when the last session is).
    A cancelled run says so, and gives no dates."""
    out: list[Point] = []
    status = STATUS_EASY.get(run.status)
    if status:
        text = status[0].replace(_("This group"), _("This course")) if single else status[0]
        out.append(point(text, status[1]))
    if run.status == "cancelled":
        return tuple(out)
    sessions = run.sessions
    if len(sessions) == 1:
        out.append(point(_("It is on {date}.").format(date=long_date(run.first.date)), "calendar"))
        out.append(point(_("It is from {times}.").format(times=time_range(run.first.start, run.first.end)),
                         "clock"))
        return tuple(out)
    out.append(point(_("There are {n} sessions.").format(n=len(sessions)), "calendar"))
    out.append(point(_("The first one is on {date}.").format(date=long_date(run.first.date)), "calendar"))
    if last:
        out.append(point(_("The last one is on {date}.").format(date=long_date(run.last.date)), "calendar"))
    if len({(s.start, s.end) for s in sessions}) == 1:
        out.append(point(_("Each one is from {times}.").format(times=time_range(run.first.start, run.first.end)),
                         "clock"))
    else:
        out.append(point(_("The times change, so ask us for the times."), "clock"))
    return tuple(out)


def where(run: m.Run, access_points: int = MAX_ACCESS_POINTS) -> tuple[Point, ...]:
    """Where one run meets: the venue, or online and how to join, and the main access facts; for a
    hybrid group, the places people choose from."""
    if run.status == "cancelled":
        return ()
    if run.choices:
        out = [point(_("You can choose where to join."), "map")]
        for venue in run.choices:
            out += _venue_points(venue, 1)
        return tuple(out)
    out = list(_venue_points(run.venue, access_points))
    for other in run.venues[1:]:
        n = sum(1 for s in run.sessions if s.venue.id == other.id)
        if other.online:
            text = _("1 session is online.") if n == 1 else _("{n} sessions are online.").format(n=n)
        else:
            text = (_("1 session is at {place}.") if n == 1 else _("{n} sessions are at {place}.")).format(
                n=n, place=other.name)
        out.append(point(text, "online" if other.online else "place"))
    return tuple(out)


def _venue_points(venue: m.Venue, access_points: int) -> tuple[Point, ...]:
    if venue.online:
        return (point(_("It is online."), "online"), point(_("We send you the link to join."), "email"))
    out = [point(_("It is at {place}.").format(place=venue.name), "place")]
    if venue.address:
        out.append(point(_("The address is {address}.").format(address=one_line(venue.address)), "map"))
    access = [ACCESS_EASY[a] for a in ACCESS_EASY if a in venue.access][:access_points]
    out += [point(text, picture) for text, picture in access]
    return tuple(out)


def one_line(address: str) -> str:
    """An address written on one line, without a full stop at the end."""
    return ", ".join(part.strip() for part in address.splitlines() if part.strip()).rstrip(".")


TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "professor"})


def short_name(name: str) -> str:
    """The name people use: 'Priya Shah' -> 'Priya', but 'Dr Jo Lee' -> 'Dr Lee'."""
    parts = name.split()
    if len(parts) > 1 and parts[0].lower().rstrip(".") in TITLES:
        return f"{parts[0]} {parts[-1]}"
    return parts[0] if parts else name


def who(course: m.Course) -> Section:
    """Who runs the course: first names (or the role, for tutors who are not published) in easy words."""
    points = []
    for t in course.facilitators:
        name = short_name(t.name) if t.publish else ROLE_PLAIN[t.role].capitalize()
        points.append(point(f"{name} {ROLE_EASY[t.role]}.", "tutor"))
    return Section(_("Who runs it"), tuple(points))


def web_point(url: str, printed: bool, words: str, words_printed: str) -> Point:
    """A link to a web page: on paper the address is written out, because nobody can click it."""
    if printed:
        return point(words_printed.format(address=url.split("://", 1)[-1].rstrip("/")), "computer", url)
    return point(words, "computer", url)


def nobody_books(runs: tuple[m.Run, ...]) -> bool:
    """Whether every run held (not cancelled) is one nobody books (a drop-in), and there is one."""
    held = [r for r in runs if r.status != "cancelled"]
    return bool(held) and all(r.booking == "not-needed" for r in held)


def book(college: m.College, runs: tuple[m.Run, ...], printed: bool = False) -> Section:
    """That it is free and how to book, from the college's enrolment details: only for a run that can
    be booked now; a drop-in nobody books says so, and asks for nothing."""
    points = [point(_("The course is free."), "free")]
    phone = college.enrolment.phone or college.contact.phone
    bookable = [r for r in runs if r.offers_booking]
    if nobody_books(runs):
        points.append(point(STATUS_EASY["not-needed"][0], STATUS_EASY["not-needed"][1]))
        return Section(_("Do I need to book?"), tuple(points))
    if not bookable:
        if phone:
            points.append(point(_("Call {phone} to ask about new dates.").format(phone=phone), "phone", tel(phone)))
        return Section(_("How to book"), tuple(points))
    if phone:
        points.append(point(_("Call {phone} to book.").format(phone=phone), "phone", tel(phone)))
    url = bookable[0].booking_url or college.enrolment.url
    if url:
        points.append(web_point(url, printed, _("Or book on our website."), _("Or book at {address}")))
    elif college.enrolment.email:
        email = college.enrolment.email
        points.append(point(_("Or email {email}.").format(email=email), "email", f"mailto:{email}"))
    return Section(_("How to book"), tuple(points))


def tel(phone: str) -> str:
    """A tel: link for a phone number as written ('0121 496 0421' -> 'tel:01214960421')."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class CourseParts:
    """A course's easy read sections, kept apart so that the PDF can leave out an empty Where."""

    about: Section
    joining: Section  # who can join, and what to take first
    runs: tuple[tuple[Section, Section], ...]  # (when, where) for each run
    who: Section
    book: Section
    drop_in: bool = False  # nobody books: the brochure, which has no booking section, says so

    @property
    def sections(self) -> tuple[Section, ...]:
        """The order on the website: about, who can join, each run's when and where, who runs it, how to
        book."""
        return (self.about, self.joining, *(s for pair in self.runs for s in pair), self.who, self.book)


def course_parts(p: m.Prospectus, course: m.Course, runs: tuple[m.Run, ...], printed: bool = False) -> CourseParts:
    """Every part of a course's easy read version, for the given runs (those not finished, or one term's).

    ``printed``: for the PDF, where web addresses are written out instead of linked, only the
    first access fact is given and the date of the last session is left out, so that a course
    with one group fits on two A4 pages of big pictures.
    """
    pairs: list[tuple[Section, Section]] = []
    for i, run in enumerate(runs, start=1):
        single = len(runs) == 1
        pairs.append((Section(_("When") if single else _("Group {n}: when").format(n=i),
                              when(run, single, last=not printed)),
                      Section(_("Where") if single else _("Group {n}: where").format(n=i),
                              where(run, 1 if printed else MAX_ACCESS_POINTS))))
    if not runs:
        first = (_("This course runs when enough people ask for it.") if course.on_request
                 else _("This course is not running at the moment."))
        pairs.append((Section(_("When"), (point(first, "calendar"),
                                          point(_("Ask us when it will run again."), "question"))),
                      Section(_("Where"), ())))
    return CourseParts(about(course), who_can_join(p, course), tuple(pairs), who(course),
                       book(p.college, runs, printed), nobody_books(runs))


def course_sections(p: m.Prospectus, course: m.Course) -> tuple[Section, ...]:
    """The website's easy read sections of a course, in reading order (empty sections left out):
    the runs not finished on the build date."""
    return tuple(s for s in course_parts(p, course, course.current_runs).sections if s.points)


def intro_sections(p: m.Prospectus, printed: bool = False) -> tuple[Section, ...]:
    """The easy read introduction to the college: its pages' easy read points and how to sign up."""
    sections = [Section(pg.easy_read.title or pg.title, editors_points(pg.easy_read))
                for pg in p.pages if pg.easy_read]
    if not sections:
        sections.append(Section(_("About us"), (
            point(_("We have courses about mental health and wellbeing."), "course"),
            point(_("You learn together with other people."), "people"))))
    said = {pt.text.lower() for s in sections for pt in s.points}
    how = sign_up(p.college, printed)
    return (*sections, Section(how.heading, tuple(pt for pt in how.points if pt.text.lower() not in said)))


def sign_up(college: m.College, printed: bool = False) -> Section:
    """How to enrol, in easy words, from the college's enrolment details."""
    e = college.enrolment
    points = [point(_("All our courses are free."), "free"),
              point(_("You need to sign up before you come to a course."), "enrol")]
    phone = e.phone or college.contact.phone
    if phone:
        words = _("Call {phone} to sign up or to book a course.") if printed else _("Call {phone} to sign up.")
        points.append(point(words.format(phone=phone), "phone", tel(phone)))
    if e.url:
        points.append(web_point(e.url, printed, _("Or sign up on our website."), _("Or sign up at {address}")))
    email = e.email or college.contact.email
    if email:
        points.append(point(_("Or email {email}.").format(email=email), "email", f"mailto:{email}"))
    return Section(_("How to sign up"), tuple(points))


def summary_point(course: m.Course) -> Point:
    """One line for the list of courses: when its next run starts, or that it is not running."""
    run = course.next_run
    if run is None:
        return point(_("It runs when enough people ask for it.") if course.on_request
                     else _("It is not running at the moment."), "calendar")
    if run.phase == "under-way":
        return point(_("It runs until {date}.").format(date=long_date(run.last.date)), "calendar")
    return point(_("It starts on {date}.").format(date=long_date(run.first.date)), "calendar")


def list_picture(course: m.Course) -> Point:
    """The picture shown beside a course in lists: its first easy read picture, or 'course'."""
    pts = editors_points(course.easy_read)
    return point(title(course), pts[0].picture if pts else "course", alt=pts[0].alt if pts else "")


def pictures_used(sections: tuple[Section, ...]) -> set[str]:
    """Every picture name in some sections (to check the files exist and copy college pictures)."""
    return {pt.picture for s in sections for pt in s.points}
