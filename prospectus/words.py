"""Every interface word the site shows for a content value, in one place.

Dates, times and labels are formatted only here, so that a second language (a Welsh and
English prospectus is planned) means adding a catalogue, not hunting through templates.
``_`` marks strings for translation; today it returns them unchanged.
"""

from __future__ import annotations

import datetime as dt


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
STATUS = {
    "open": _("Places available"),
    "few-places": _("Few places left"),
    "full": _("Full"),
    "waiting-list": _("Waiting list"),
    "cancelled": _("Cancelled"),
}
AUDIENCE = {
    "lived-experience": _("people with lived experience of mental health problems"),
    "carers": _("family, friends and carers"),
    "staff": _("staff"),
    "anyone": _("anyone"),
}
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


def long_date(day: dt.date) -> str:
    """'Monday 14 September 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    """'Mon 14 Sep'."""
    return f"{day:%a} {day.day} {day:%b}"


def day_month(day: dt.date) -> str:
    """'14 September 2026'."""
    return f"{day.day} {day:%B %Y}"


def time12(t: dt.time) -> str:
    """'10am', '12:30pm', '12pm' (midday)."""
    hour = t.hour % 12 or 12
    suffix = "am" if t.hour < 12 else "pm"
    return f"{hour}{suffix}" if t.minute == 0 else f"{hour}:{t.minute:02d}{suffix}"


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
