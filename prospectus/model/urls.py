"""Every public address of the site, said once (the content format fixes most of them).

An address is a folder path from the site's top, like ``courses/understanding-anxiety/``; the
page itself is that folder's ``index.html`` (:func:`file`).  Templates reach these functions as
``url`` (``{{ root }}{{ url.course(c.id) }}``), and the cross-file checks use :func:`pages` to
know every page a link in content may lead to.  A new page kind adds its address here.
"""

from __future__ import annotations

HOME = ""
COURSES = "courses/"
TUTORS = "tutors/"
VENUES = "venues/"
ENROL = "enrol/"
ACCESSIBILITY = "accessibility/"
TIMETABLES = "timetable/"
EASY_READ = "easy-read/"
SEARCH = "search/"
MEDIA = "media/"  # pictures, cleaned: media/<path under content/>, or resized: media/<name>-<hash>-<width>.jpg
STATIC = "static/"
PAGEFIND = "pagefind/"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
FEED = "feed.xml"
OPEN_COURSES = "courses/open/"
ON_REQUEST = "courses/on-request/"  # courses that run when enough people ask

ENROL_PAGE = "how-to-enrol"  # a college page with this id is shown on the How to enrol page (enrol/)

# The first part of an address the site uses itself: a college page cannot be called this.
RESERVED = frozenset({"courses", "tutors", "categories", "timetable", "venues", "accessibility", "easy-read",
                      "pdf", "calendar", "enrol", "search", "pagefind", "static", "media", "feed", "sitemap", "404"})
# The second part of courses/<x>/ taken by the filter pages: a course cannot be called this.
FILTER_SEGMENTS = frozenset({"term", "day", "time", "where", "venue", "audience", "open", "category",
                             "on-request"})


def file(address: str) -> str:
    """The file a page is written to: 'courses/x/' -> 'courses/x/index.html'; '' -> 'index.html'."""
    return address + "index.html" if address == "" or address.endswith("/") else address


def course(course_id: str) -> str:
    return f"{COURSES}{course_id}/"


def tutor(tutor_id: str) -> str:
    return f"{TUTORS}{tutor_id}/"


def category(category_id: str) -> str:
    return f"categories/{category_id}/"


def timetable(term_id: str) -> str:
    return f"{TIMETABLES}{term_id}/"


def page(page_id: str) -> str:
    """A college's own page, at the top of the site: 'what-is-a-recovery-college/'."""
    return f"{page_id}/"


def easy_read_course(course_id: str) -> str:
    return f"{EASY_READ}courses/{course_id}/"


def filter_page(segment: str, value: str) -> str:
    """A pre-built filter page: 'courses/day/monday/'."""
    return f"{COURSES}{segment}/{value}/"


def course_calendar(course_id: str) -> str:
    return f"{COURSES}{course_id}/calendar.ics"


def term_calendar(term_id: str) -> str:
    return f"calendar/{term_id}.ics"


def brochure(term_id: str, variant: str) -> str:
    """A printed brochure: 'pdf/autumn-2026-prospectus-a4.pdf' (variant 'prospectus-a4', 'easy-read' ...)."""
    return f"pdf/{term_id}-{variant}.pdf"


def pages(courses: set[str], tutors: set[str], categories: set[str], terms: set[str],
          college_pages: set[str]) -> set[str]:
    """Every page address the build makes for these ids (published tutors only), as links may name them."""
    found = {HOME, COURSES, VENUES, ACCESSIBILITY, ENROL, EASY_READ, TUTORS, TIMETABLES, SEARCH}
    found |= {course(i) for i in courses} | {easy_read_course(i) for i in courses}
    found |= {tutor(i) for i in tutors} | {category(i) for i in categories} | {timetable(i) for i in terms}
    return found | {page(i) for i in college_pages if i != ENROL_PAGE}
