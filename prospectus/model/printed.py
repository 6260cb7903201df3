"""Which terms get printed brochures: those with at most so many courses.

A brochure runs to 2.5 (A4) to 3.5 (A5) pages a course, more in large print, and WeasyPrint
holds a whole document in memory, so a regional directory of a thousand courses would take
gigabytes and minutes per brochure.  The rule is part of the model because the website links
only the brochures that are made, and the checks warn about the terms left out.
"""

from __future__ import annotations

import os

from ..problems import Problem, Severity
from . import objects as m

# A term with more courses than this gets no brochures.  A brochure runs to 2.5 (A4) to 3.5 (A5)
# pages a course, more in large print, and WeasyPrint holds the whole document in memory: on the
# 1,000-course benchmark corpus (every course runs in both terms) the A4 and A5 brochures had
# 2,499 and 3,459 pages and took about 5 minutes and 3.5 to 4 GB each, two being made at once.
# PROSPECTUS_BROCHURE_MAX_COURSES changes the limit.
MAX_COURSES = 200
LIMIT_VARIABLE = "PROSPECTUS_BROCHURE_MAX_COURSES"


def _limit() -> tuple[int, bool]:
    """The most courses one term's brochures list: PROSPECTUS_BROCHURE_MAX_COURSES when it is set to a
    whole number (commas allowed, as in 1,000), otherwise MAX_COURSES; and whether it could be read."""
    raw = os.environ.get(LIMIT_VARIABLE, "").strip()
    value = raw.replace(",", "").replace("_", "")
    if not raw:
        return MAX_COURSES, True
    if value.isascii() and value.isdigit():
        return int(value), True
    return MAX_COURSES, False


def term_courses(p: m.Prospectus, term: m.Term) -> int:
    """How many courses a term's brochures list: every course that runs in the term."""
    return sum(1 for c in p.courses if c.runs_in(term))


def printed_terms(p: m.Prospectus) -> tuple[m.Term, ...]:
    """The terms that get brochures (printed and easy read): those with at most the limit's courses."""
    limit = _limit()[0]
    return tuple(t for t in p.college.terms if term_courses(p, t) <= limit)


def too_many_courses(p: m.Prospectus, lines: dict[str, int]) -> list[Problem]:
    """A warning for each term left without brochures because it has too many courses to print
    (at the term's line of college.yaml, from ``lines``), and one for a limit that is set but
    cannot be read."""
    limit, readable = _limit()
    counts = {term.id: term_courses(p, term) for term in p.college.terms}
    found: list[Problem] = []
    if not readable:
        raw = os.environ.get(LIMIT_VARIABLE, "").strip()
        found.append(Problem("college.yaml", 0, f"{LIMIT_VARIABLE} is set to '{raw}', which is not a whole "
                             f"number, so brochures list at most {MAX_COURSES} courses.",
                             f"Set it to a number of courses, such as {LIMIT_VARIABLE}=400.", Severity.WARNING))
    for term in p.college.terms:
        if counts[term.id] <= limit:
            continue
        others = " The other terms' brochures are made as usual." if min(counts.values()) <= limit else ""
        found.append(Problem(
            "college.yaml", lines.get(term.id, 0),
            f"{term.name} has {counts[term.id]} courses, more than fit in a printed brochure (at most "
            f"{limit}), so the build makes no brochures for this term: no A4, A5, large print or easy read "
            f"PDF. The website still lists every course.{others}",
            "Nothing needs fixing. To print this term anyway, raise the limit as 'PDF brochures' in "
            "README.md explains (it needs a computer with plenty of memory); to leave out every brochure, "
            "and this message, build with --no-pdf.", Severity.WARNING))
    return found
