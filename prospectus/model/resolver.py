"""What the cross-file checks share: the lookups of one build, and how a problem is recorded."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from ..content.loader import Loaded
from ..problems import Problem, Severity, did_you_mean
from . import urls


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
        self.courses = loaded.entries["courses"]
        self.addresses = self._site_urls()
        self.pictures: dict[str, tuple[str, str] | None] = {}  # each picture's problem, once looked at
        # What cannot be checked because its own file is broken (already reported there):
        # a tutor file with errors, or a list missing from an unreadable college.yaml.
        self.unknowable = {"tutor": loaded.found["tutors"] - set(self.tutors),
                           "course": loaded.found["courses"] - set(self.courses)}
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
                   _suggestion(str(value), known, what, where))
        return False


def _suggestion(value: str, known: dict[str, Any], what: str, where: str) -> str:
    """The hint for an id that does not exist.  A term is suggested only when its name, without the
    year, is close too ('sumer-2027' -> 'summer-2027', never 'summer-2027' -> 'spring-2027'); when
    nothing is close, the hint says where such ids are made."""
    if what == "term":
        stem = value.rstrip("0123456789-")
        close = [t for t in known if difflib.SequenceMatcher(None, stem, t.rstrip("0123456789-")).ratio() >= 0.8
                 and difflib.SequenceMatcher(None, value, t).ratio() >= 0.6]
        listed = ", ".join(sorted(known)) or "none yet"
        return (f"Did you mean '{close[0]}'?" if close else
                f"Terms are listed under 'terms:' in college.yaml ({listed}). To add a term, see 'Adding a term' "
                "in the editing guide.")
    return did_you_mean(value, known) or f"Check the {what} ids in {where}."
