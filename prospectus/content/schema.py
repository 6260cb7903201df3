"""THE schema: every field of every content file, written once.

The validator, the JSON Schema files for editors and the field list in the editing guide
all come from the records below.  Field names and meanings follow the public contract in
the content format spec; optional fields may be added here, none renamed or dropped.
"""

from __future__ import annotations

from typing import Any

from .codes import Language, TimeZone
from .colour import Colour
from .records import Field, ListOf, OneOrList, Record
from .values import Bool, Checker, Choice, Date, Email, Id, PositiveInt, Text, Time, Url
from .yamlnodes import Mapping

ACCESS_WORDS = (
    "step-free", "lift", "hearing-loop", "accessible-toilet", "accessible-parking", "parking",
    "quiet-room", "gender-neutral-toilet", "baby-change", "assistance-dogs-welcome",
)
AUDIENCES = ("lived-experience", "carers", "staff", "anyone")
FORMATS = ("workshop", "course", "drop-in")
LEVELS = ("introductory", "further")
STATUSES = ("open", "few-places", "full", "waiting-list", "cancelled")
ROLES = ("peer-trainer", "practitioner-trainer", "partner", "volunteer")
CO_DELIVERY = ("peer-and-practitioner", "peer", "off")
DELIVERY = ("co-delivered", "peer-led", "partner-led")
BOOKING = ("required", "not-needed")


def default_booking(course_format: str) -> str:
    """How a course's runs are booked when neither the run nor the course says: a drop-in needs no
    booking, anything else does."""
    return "not-needed" if course_format == "drop-in" else "required"


BOOKING_MEANT = (("no", "not-needed"), ("false", "not-needed"), ("off", "not-needed"), ("none", "not-needed"),
                 ("yes", "required"), ("true", "required"), ("on", "required"))  # what people write instead
# Bounds that no real prospectus reaches (a daily drop-in all year is about 260 sessions), so that a
# typing slip such as 'count: 600000' is a message, not a build that writes a million events.
MAX_RUN_SESSIONS = 150
MAX_COURSE_SESSIONS = 400


def _ends_after_start(rec: dict[str, Any], node: Mapping, ck: Checker) -> None:
    if "start" in rec and "end" in rec and rec["end"] <= rec["start"]:
        ck.error(rec["_lines"]["end"], f"This session ends at {rec['end']:%H:%M}, which is not after it "
                 f"starts ({rec['start']:%H:%M}).", "Check the start and end times.")


def _sessions_or_weekly(rec: dict[str, Any], node: Mapping, ck: Checker) -> None:
    has = [k for k in ("sessions", "weekly") if k in node.items]
    if len(has) == 2:
        ck.error(node.items["weekly"][0], "This run has both 'sessions' and 'weekly'.",
                 "Keep one: a list of sessions, or a weekly series.")
    elif not has:
        ck.error(node.line, "This run has no dates.",
                 "Add 'sessions' (a list of dates) or 'weekly' (a weekly series).")


def _count_or_until(rec: dict[str, Any], node: Mapping, ck: Checker) -> None:
    has = [k for k in ("count", "until") if k in node.items]
    if len(has) == 2:
        ck.error(node.items["until"][0], "This weekly series has both 'count' and 'until'.",
                 "Keep one: how many sessions there are (count), or the last date it may meet (until).")
    elif not has:
        ck.error(node.line, "This weekly series does not say when it ends.",
                 "Add 'count' (how many sessions, like count: 6) or 'until' (the last date, like until: 2027-03-22).")


def _break_in_order(rec: dict[str, Any], node: Mapping, ck: Checker) -> None:
    if rec["to"] < rec["from"]:
        ck.error(rec["_lines"]["to"], f"The break '{rec['name']}' ends before it starts.",
                 "Check 'from' and 'to': 'from' is the first day of the break, 'to' the last.")


def _alt_with_src(what: str, extra: tuple[str, ...] = ()) -> Any:
    def rule(rec: dict[str, Any], node: Mapping, ck: Checker) -> None:
        for key in ("alt", *extra):
            if key not in node.items:
                ck.error(node.line, f"This {what} has no '{key}'.", _ALT_HINTS[key])
    return rule


_ALT_HINTS = {
    "alt": "Add 'alt:' with a few words saying what the picture shows, for people who cannot see it.",
    "consent_given": "Add 'consent_given:' with the date the tutor agreed to their photo being "
                     "published, like 2026-05-01; or remove the photo.",
}

SESSION = Record("a session", (
    Field("date", Date(), "The day of the session, year-month-day.", True, "2026-09-14"),
    Field("start", Time(), "Start time, 24-hour clock.", True, '"10:00"'),
    Field("end", Time(), "End time, 24-hour clock; after the start.", True, '"12:30"'),
    Field("venue", Id("venue"), "Only if this session is somewhere else than the rest of the run.",
          example="online"),
), (_ends_after_start,))

WEEKLY = Record("a weekly series", (
    Field("from", Date(), "The date of the first session.", True, "2026-10-05"),
    Field("count", PositiveInt(most=MAX_RUN_SESSIONS), "How many sessions there are, one a week (or give 'until').",
          example="6"),
    Field("until", Date(), "The last date it may meet (instead of 'count').", example="2027-03-22"),
    Field("skip", ListOf(Date(), unique=True), "Dates it does not meet (besides the term's breaks).",
          example="[2027-03-08]"),
    Field("start", Time(), "Start time, 24-hour clock.", True, '"18:00"'),
    Field("end", Time(), "End time, 24-hour clock; after the start.", True, '"19:30"'),
), (_ends_after_start, _count_or_until), one_of=("count", "until"))

RUN = Record("a run", (
    Field("term", Id("term"), "The term this run is in (a term id from college.yaml).", True, "autumn-2026"),
    Field("venue", OneOrList(Id("venue")), "Where it happens (a venue id from college.yaml), or 2 or 3 venues in "
          "[ ] when people choose where to join (a hybrid group).", True, "the-hub"),
    Field("booking", Choice(BOOKING, BOOKING_MEANT),
          "required or not-needed, for this run only (default: the course's).",
          example="required"),
    Field("places", PositiveInt(most=10_000), "How many places there are.", example="12"),
    Field("status", Choice(STATUSES), "open, few-places, full, waiting-list or cancelled. Default: open.",
          example="open"),
    Field("booking_url", Url(), "A web page to book this run; default is the college's enrolment route.",
          example="https://example.org/book/ua101"),
    Field("sessions", ListOf(SESSION, min_items=1, max_items=MAX_RUN_SESSIONS), "Each session's date and times."),
    Field("weekly", WEEKLY, "A weekly series: first date, how many, and the times."),
), (_sessions_or_weekly,))

EASY_READ_POINT = Record("an easy read point", (
    Field("text", Text(max_len=200), "One short sentence, one idea.", True, "This course is about feeling worried."),
    Field("picture", Text(), "A built-in picture name (like worry), or a picture file under content/.",
          example="worry"),
    Field("alt", Text(max_len=250), "For your own picture only: a few words saying what it shows.",
          example="Our garden in spring"),
))

EASY_READ = Record("the easy read block", (
    Field("title", Text(max_len=70), "An easy read title for the course.", example="Feeling worried"),
    Field("points", ListOf(EASY_READ_POINT, min_items=1), "3 to 10 short points, each with a picture.", True),
    Field("eligibility", Text(max_len=200), "Who can join, in easy words (when the course says 'eligibility').",
          example="This course is for people who look after someone."),
))

IMAGE = Record("an image", (
    Field("src", Text(), "The picture file, under content/.", True, "images/anxiety.jpg"),
    Field("alt", Text(max_len=250), "What the picture shows, for people who cannot see it.",
          example="A calm lake at sunrise"),
), (_alt_with_src("image"),))

PHOTO = Record("a photo", (
    Field("src", Text(), "The photo file, under content/.", True, "photos/sam.jpg"),
    Field("alt", Text(max_len=250), "What the photo shows.", example="Sam smiling in the garden"),
    Field("consent_given", Date(), "When the tutor agreed to the photo being published.", example="2026-05-01"),
    Field("consent_expires", Date(), "When that agreement ends; the build fails after it.", example="2028-05-01"),
), (_alt_with_src("photo", ("consent_given",)),))

COURSE = Record("a course", (
    Field("title", Text(max_len=70), "The course title, at most 70 characters.", True, "Understanding Anxiety"),
    Field("code", Text(max_len=20), "A short course code, unique across courses.", example="UA101"),
    Field("category", Id("category"), "A category id from college.yaml.", True, "understanding-mental-health"),
    Field("summary", Text(max_len=300), "One or two sentences, at most 300 characters.", True,
          "What anxiety is and everyday ways to live well with it."),
    Field("audience", ListOf(Choice(AUDIENCES), min_items=1, unique=True),
          "Who it is for: lived-experience, carers, staff, anyone.", True, "[lived-experience, carers]"),
    Field("outcomes", ListOf(Text(max_len=200), min_items=2, max_items=6),
          "What you will learn: 2 to 6 items.", True, "[Notice your own early signs of stress, Make a small plan]"),
    Field("format", Choice(FORMATS), "workshop, course or drop-in.", True, "course"),
    Field("delivery", Choice(DELIVERY), "co-delivered (default), peer-led or partner-led.", example="co-delivered"),
    Field("eligibility", Text(max_len=200), "Who can join, when it is not everyone in 'audience'.",
          example="For unpaid carers of adults who use our mental health services."),
    Field("prerequisites", ListOf(Id("course"), unique=True), "Courses to take first (course ids).",
          example="[introduction-to-recovery]"),
    Field("booking", Choice(BOOKING, BOOKING_MEANT),
          "required (default for courses and workshops) or not-needed (default for drop-ins).", example="required"),
    Field("on_request", Text(max_len=300), "For a course with no dates yet: how people can ask for it.",
          example="Runs when six or more people are interested. Call us to add your name."),
    Field("level", Choice(LEVELS), "introductory or further.", example="introductory"),
    Field("facilitators", ListOf(Id("tutor"), min_items=1, unique=True),
          "The tutors who deliver it (tutor ids).", True, "[sam, priya-shah]"),
    Field("co_produced_by", ListOf(Id("tutor"), unique=True), "The tutors who wrote it together (tutor ids).",
          example="[sam, priya-shah, jordan]"),
    Field("runs", ListOf(RUN, max_items=50), "When and where it runs; leave out if it is not running."),
    Field("content_note", Text(max_len=500), "A note shown before the description about difficult topics.",
          example="We talk about panic attacks."),
    Field("adjustments", ListOf(Text(max_len=200)), "Learning adjustments on offer.",
          example="[Large print handouts, A quiet space to take a break]"),
    Field("language", Language(), "The language it is taught in (a code like en-GB or cy).", example="en-GB"),
    Field("image", IMAGE, "A picture for the course, with alt text."),
    Field("reviewed", Date(), "When the co-producers last reviewed the course.", True, "2026-06-01"),
    Field("easy_read", EASY_READ, "The easy read version: a title and 3 to 10 short points."),
))

TUTOR = Record("a tutor", (
    Field("name", Text(max_len=60), "First or chosen name is normal.", True, "Sam"),
    Field("role", Choice(ROLES), "peer-trainer, practitioner-trainer, partner or volunteer.", True, "peer-trainer"),
    Field("job_title", Text(max_len=80), "Their job, if they want it shown.", example="Occupational therapist"),
    Field("pronouns", Text(max_len=30), "Their pronouns, if they want them shown.", example="they/them"),
    Field("languages", ListOf(Text(max_len=40)), "Languages they speak.", example="[English, Urdu]"),
    Field("publish", Bool(), "false keeps their name and photo off the site. Default: true.", example="true"),
    Field("photo", PHOTO, "A photo, with alt text and the date consent was given."),
))

PAGE = Record("a page", (
    Field("title", Text(max_len=90), "The page title.", True, "What is a Recovery College?"),
    Field("summary", Text(max_len=300), "A sentence shown under the title.", example="Learning together, as equals."),
    Field("nav_order", PositiveInt(most=1000), "Pages with a number appear in the main menu, in that order.",
          example="1"),
    Field("easy_read", EASY_READ, "The easy read version of this page."),
))

CONTACT = Record("contact", (
    Field("phone", Text(max_len=30), "The college's phone number.", example='"0121 496 0000"'),
    Field("email", Email(), "The college's email address.", example="hello@example.org"),
    Field("address", Text(max_len=300), "The postal address.", example="12 Station Road"),
    Field("hours", Text(max_len=120), "When the phone is answered.", example="Monday to Friday, 9am to 5pm"),
))

ENROLMENT = Record("enrolment", (
    Field("url", Url(), "The web page where people enrol.", example="https://example.org/enrol"),
    Field("phone", Text(max_len=30), "The phone number for enrolling.", example='"0121 496 0001"'),
    Field("email", Email(), "An email address for enrolling.", example="enrol@example.org"),
    Field("instructions", Text(max_len=3000), "How to enrol, in Markdown.",
          example="Fill in the short form, or call us and we will fill it in with you."),
))

CRISIS_LINE = Record("a crisis line", (
    Field("name", Text(max_len=80), "The service's name.", True, "Samaritans"),
    Field("phone", Text(max_len=30), "Its number.", example='"116 123"'),
    Field("text", Text(max_len=200), "A sentence saying what it is for.", example="Any time, day or night."),
))

BREAK = Record("a break", (
    Field("name", Text(max_len=60), "The break's name.", True, "Half-term"),
    Field("from", Date(), "Its first day.", True, "2027-02-15"),
    Field("to", Date(), "Its last day.", True, "2027-02-19"),
), (_break_in_order,))

TERM = Record("a term", (
    Field("id", Id(), "The term's id, used by runs.", True, "autumn-2026"),
    Field("name", Text(max_len=60), "The term's name.", True, "Autumn term 2026"),
    Field("starts", Date(), "First day of the term.", True, "2026-09-07"),
    Field("ends", Date(), "Last day of the term.", True, "2026-12-18"),
    Field("enrolment_opens", Date(), "When enrolment opens.", example="2026-08-03"),
    Field("breaks", ListOf(BREAK), "Weeks with no sessions, such as half-term."),
))

VENUE = Record("a venue", (
    Field("id", Id(), "The venue's id, used by runs.", True, "the-hub"),
    Field("name", Text(max_len=80), "The venue's name.", True, "The Recovery Hub"),
    Field("address", Text(max_len=300), "Its address.", example="4 Mill Lane, Riverside"),
    Field("access", ListOf(Choice(ACCESS_WORDS), unique=True), "Access words: " + ", ".join(ACCESS_WORDS) + ".",
          example="[step-free, hearing-loop]"),
    Field("directions", Text(max_len=500), "How to get there.", example="Buses 18 and 45 stop outside."),
    Field("online", Bool(), "true for an online venue; joining details are never published.", example="true"),
))

CATEGORY = Record("a category", (
    Field("id", Id(), "The category's id, used by courses.", True, "understanding-mental-health"),
    Field("name", Text(max_len=60), "The category's name.", True, "Understanding mental health"),
    Field("description", Text(max_len=500), "A sentence about the category.",
          example="Learning about mental health and what helps."),
))

ACCESSIBILITY = Record("accessibility", (
    Field("contact_email", Email(), "Where to report an accessibility problem.", example="access@example.org"),
    Field("last_reviewed", Date(), "When the accessibility statement was last reviewed.", example="2026-10-01"),
))

RULES = Record("rules", (
    Field("co_delivery", Choice(CO_DELIVERY), "peer-and-practitioner (default), peer or off.",
          example="peer-and-practitioner"),
    Field("review_months", PositiveInt(most=120), "Warn when a course was reviewed longer ago than this. Default: 12.",
          example="12"),
))

LOGO = Record("the logo", (
    Field("src", Text(), "The logo's picture file, under content/ (PNG, JPEG, WebP, GIF or SVG).", True,
          "images/logo.png"),
    Field("alt", Text(max_len=250), "What the logo says or shows, for people who cannot see it.", True,
          "Riverside Recovery College"),
))

BRANDING = Record("branding", (
    Field("logo", LOGO, "The college's logo, shown in the site's header and on the brochures' covers."),
    Field("colour", Colour(), "The colour of the header and buttons, as # and six hexadecimal digits, in quotes; "
          "white text on it must reach a contrast of 4.5:1.", example='"#00594f"'),
))

COLLEGE = Record("college.yaml", (
    Field("name", Text(max_len=80), "The college's name.", True, "Northfield Recovery College"),
    Field("tagline", Text(max_len=120), "A short line under the name.", example="Learning together for recovery"),
    Field("language", Language(), "The site's language (BCP 47). Default: en-GB.", example="en-GB"),
    Field("base_url", Url(), "The site's address, for sitemap, feeds and calendars.",
          example="https://example.org/college/"),
    Field("timezone", TimeZone(), "The college's time zone. Default: Europe/London.", example="Europe/London"),
    Field("contact", CONTACT, "How to contact the college: at least a phone or an email.", True),
    Field("enrolment", ENROLMENT, "How to enrol: at least a url, phone or email.", True),
    Field("crisis", ListOf(CRISIS_LINE, min_items=1), "Crisis lines; a UK default is used when absent."),
    Field("terms", ListOf(TERM, min_items=1), "The terms, at least one.", True),
    Field("venues", ListOf(VENUE, min_items=1), "The venues, at least one.", True),
    Field("categories", ListOf(CATEGORY, min_items=1), "The course categories, at least one.", True),
    Field("accessibility", ACCESSIBILITY, "Details for the accessibility statement."),
    Field("rules", RULES, "Checks the build makes."),
    Field("branding", BRANDING, "The college's own look: its logo, and the colour of the header and buttons."),
))
