"""The words shown for content values, and how dates and times are written, in one place.

Every layer uses these: the pages, the brochures and easy read (labels such as "Few places
left", the short forms for tight tables, the easy read sentences for access and status), and
the messages editors read ("14 September 2026").  So a second language (a Welsh and English
prospectus is planned) means adding a catalogue here, not hunting through templates and code.
``_`` marks strings for translation; today it returns them unchanged.  The sentences of the
easy read pages are in render/easyread/points.py, beside the rules that choose them.
"""

from __future__ import annotations

import datetime as dt
import functools


def _(text: str) -> str:
    """Mark a string for translation (gettext-ready; English only for now)."""
    return text


ROLE = {
    "peer-trainer": _("Peer trainer"),
    "practitioner-trainer": _("Practitioner trainer"),
    "partner": _("Partner"),
    "volunteer": _("Volunteer"),
}
ROLE_PLAIN = {  # how an unpublished tutor is named: "a peer trainer"
    "peer-trainer": _("a peer trainer"),
    "practitioner-trainer": _("a practitioner trainer"),
    "partner": _("a partner"),
    "volunteer": _("a volunteer"),
}
ROLE_EASY = {  # easy words for what each role means
    "peer-trainer": _("has lived experience of mental health problems"),
    "practitioner-trainer": _("works in mental health services"),
    "partner": _("works with the college"),
    "volunteer": _("is a volunteer who helps at the college"),
}
STATUS = {  # a run's status as every format says it (model.objects.Run.shown_status)
    "open": _("Places available"),
    "few-places": _("Few places left"),
    "full": _("Full"),
    "waiting-list": _("Waiting list"),
    "cancelled": _("Cancelled"),
    "finished": _("Finished"),
    "not-needed": _("No need to book"),
}
DELIVERY = {  # who leads a course, in words every page uses
    "co-delivered": _("Co-delivered by a peer trainer and a practitioner"),
    "peer-led": _("Led by peer trainers"),
    "partner-led": _("Run with our partner"),
}
AUDIENCE = {
    "lived-experience": _("people with lived experience of mental health problems"),
    "carers": _("family, friends and carers"),
    "staff": _("staff"),
    "anyone": _("anyone"),
}


def audience_words(audience: tuple[str, ...] | list[str]) -> str:
    """Who a course is for, in a sentence: 'Anyone, including family, friends and carers' rather than
    '... carers and anyone'."""
    others = [AUDIENCE[a] for a in audience if a != "anyone"]
    if "anyone" in audience:
        return _("Anyone") + (_(", including ") + join_and(others) if others else "")
    text = join_and(others)
    return text[:1].upper() + text[1:]


AUDIENCE_SHORT = {
    "lived-experience": _("Lived experience"),
    "carers": _("Carers"),
    "staff": _("Staff"),
    "anyone": _("Anyone"),
}
FORMAT = {"workshop": _("Workshop"), "course": _("Course"), "drop-in": _("Drop-in")}
LEVEL = {"introductory": _("Introductory"), "further": _("Further")}
ACCESS = {
    "step-free": _("Step-free access"),
    "lift": _("Lift"),
    "hearing-loop": _("Hearing loop"),
    "accessible-toilet": _("Accessible toilet"),
    "accessible-parking": _("Accessible parking"),
    "parking": _("Parking"),
    "quiet-room": _("Quiet room"),
    "gender-neutral-toilet": _("Gender-neutral toilet"),
    "baby-change": _("Baby changing"),
    "assistance-dogs-welcome": _("Assistance dogs welcome"),
}


@functools.lru_cache(maxsize=4096)  # the same dates on many pages
def long_date(day: dt.date) -> str:
    """'Monday 14 September 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


@functools.lru_cache(maxsize=4096)  # the same dates on many pages
def short_date(day: dt.date) -> str:
    """'Mon 14 Sep'."""
    return f"{day:%a} {day.day} {day:%b}"


@functools.lru_cache(maxsize=4096)  # the same dates on many pages
def day_month(day: dt.date) -> str:
    """'14 September 2026'."""
    return f"{day.day} {day:%B %Y}"


def weekday(day: dt.date) -> str:
    """'Monday': the day of the week a date falls on."""
    return f"{day:%A}"


def month_year(day: dt.date) -> str:
    """'September 2026'."""
    return f"{day:%B %Y}"


def days_of_month(days: tuple[dt.date, ...] | list[dt.date]) -> str:
    """'5, 12 and 19': dates within one month by their day numbers (the month is said nearby)."""
    return join_and([str(day.day) for day in days])


def time12(t: dt.time) -> str:
    """'10am', '12:30pm', '12pm' (midday)."""
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


@functools.lru_cache(maxsize=4096)  # the same dates on many pages
def time_range(start: dt.time, end: dt.time) -> str:
    """'10am to 12:30pm'."""
    return _("{start} to {end}").format(start=time12(start), end=time12(end))


def part_of_day(t: dt.time) -> str:
    """morning, afternoon or evening: used by filters and easy read."""
    return "morning" if t.hour < 12 else "afternoon" if t.hour < 17 else "evening"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def join_and(items: list[str]) -> str:
    """'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" and ") + items[-1]


# Short words for a run's status in the timetable table, where space is tight (still words, never colour).
STATUS_SHORT = {
    "open": _("Open"),
    "few-places": _("Few left"),
    "full": _("Full"),
    "waiting-list": _("Waiting list"),
    "cancelled": _("Cancelled"),
    "finished": _("Finished"),
    "not-needed": _("Drop in"),
}
# Names for the languages a course may be taught in (BCP 47 codes in content); others are shown as written.
LANGUAGE_NAMES = {
    "en": _("English"), "cy": _("Welsh"), "pl": _("Polish"), "ur": _("Urdu"), "bn": _("Bengali"),
    "pa": _("Punjabi"), "gu": _("Gujarati"), "ar": _("Arabic"), "so": _("Somali"), "ro": _("Romanian"),
    "pt": _("Portuguese"), "es": _("Spanish"), "fr": _("French"), "zh": _("Chinese"), "bfi": _("British Sign Language"),
}


def language_name(code: str) -> str:
    """'Polish' for 'pl', 'English' for 'en-GB'; an unknown code is shown as it is."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


# Easy read: sentences for facts shown as points, each with its built-in picture.
ACCESS_EASY = {  # access word -> (easy words, picture), in the order they are shown
    "step-free": (_("The building has step-free access."), "wheelchair"),
    "hearing-loop": (_("There is a hearing loop."), "hearing-loop"),
    "quiet-room": (_("There is a quiet room if you need a break."), "quiet-room"),
    "accessible-toilet": (_("There is an accessible toilet."), "accessible-toilet"),
}
STATUS_EASY = {  # run status -> (easy words, picture); "open" says nothing extra
    "few-places": (_("There are only a few places left."), "information"),
    "waiting-list": (_("It is full, but you can join the waiting list."), "information"),
    "full": (_("This group is full."), "cross"),
    "cancelled": (_("This group is cancelled."), "cross"),
    "not-needed": (_("You do not need to book."), "tick"),
}
