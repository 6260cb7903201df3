"""``prospectus new college DIR``: a starter a college puts in its own git repository.

It writes a small, valid college in ``content/`` (two terms, each with a half-term week with no
sessions, three courses including a drop-in, four tutors, two pages) for the college to replace;
a README for its editors; ``.gitignore``; VS Code settings wired to the JSON Schema files (also
written, into ``schema/``); publishing workflows for GitHub Pages and GitLab Pages that install
the version of this tool named in ``requirements.txt`` and build every day; and an empty
``templates/`` folder with the guide to changing the look.

The files are package data in ``starter/`` (names that start with a dot are kept there without
it, so that every packaging tool carries them).  Dates are worked out from the day the starter
is made, so the example terms are still to come; ``@@name@@`` marks in the files are filled in.
Nothing is ever overwritten: a folder that exists and is not empty is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import __version__
from ..problems import UsageError
from ..words import long_date
from .schemafiles import write_all

STARTER = Path(__file__).resolve().parent / "starter"
HIDDEN = {"gitignore": ".gitignore", "gitlab-ci.yml": ".gitlab-ci.yml", "vscode": ".vscode", "github": ".github"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
TERM_WEEKS = 12
HALF_TERM = 7  # the week of each term with no sessions
_MARK = re.compile(r"@@([a-z0-9_]+)@@")


def create(folder: Path, requirement: str | None = None, today: dt.date | None = None) -> list[Path]:
    """Write the starter into ``folder`` (made if needed); the files written.  ``requirement`` is what the
    publishing workflows install (default: this version of the tool, from the package index)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"'{folder}' already exists and is not empty, so nothing was written. Choose a new "
                         "folder name, like: prospectus new college our-prospectus")
    values = marks(folder, requirement or f"prospectus=={__version__}", today or dt.date.today())
    written: list[Path] = []
    for source in sorted(STARTER.rglob("*")):
        if not source.is_file() or "__pycache__" in source.parts:
            continue
        rel = Path(*(HIDDEN.get(part, part) for part in source.relative_to(STARTER).parts))
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite, even in a race
            fh.write(fill(source.read_text(encoding="utf-8"), values, rel.as_posix()))
        written.append(target)
    written += write_all(folder / "schema")
    return written


def fill(text: str, values: dict[str, str], rel: str) -> str:
    """``text`` with each @@mark@@ replaced; a mark without a value is a bug in the starter."""
    def value(found: re.Match[str]) -> str:
        if found.group(1) not in values:
            raise KeyError(f"{rel}: no value for @@{found.group(1)}@@")
        return values[found.group(1)]
    return _MARK.sub(value, text)


def college_name(folder: Path) -> str:
    """'northfield' -> 'Northfield Recovery College'; 'hilltop-recovery-college' -> 'Hilltop Recovery College'."""
    words = [w for w in re.split(r"[-_\s.]+", folder.resolve().name) if w]
    name = " ".join(w[:1].upper() + w[1:] for w in words if w.isalnum()) or "Our"
    return name if name.lower().endswith("college") else f"{name} Recovery College"


def marks(folder: Path, requirement: str, today: dt.date) -> dict[str, str]:
    """Every value the starter's files name: the college, the tool, and the dates of the next two terms
    (12 weeks each, the 7th a half-term week with no sessions) by the week and the day."""
    values = {"name": college_name(folder), "version": __version__, "requirement": requirement,
              "today": today.isoformat()}
    for number, (season, starts) in enumerate(next_terms(today), 1):
        term_id, name = f"{season}-{starts.year}", f"{season.capitalize()} term {starts.year}"
        ends = starts + dt.timedelta(weeks=TERM_WEEKS - 1, days=4)
        half = starts + dt.timedelta(weeks=HALF_TERM - 1)
        values.update({f"t{number}_id": term_id, f"t{number}_name": name, f"t{number}_starts": starts.isoformat(),
                       f"t{number}_ends": ends.isoformat(),
                       f"t{number}_half_words": f"{long_date(half)} to {long_date(half + dt.timedelta(days=4))}"})
        for week in range(1, TERM_WEEKS + 1):
            for offset, day in enumerate(WEEKDAYS):
                date = starts + dt.timedelta(weeks=week - 1, days=offset)
                values[f"t{number}_w{week}_{day}"] = date.isoformat()
    return values


TERM_STARTS = (("spring", 1, 5), ("summer", 4, 20), ("autumn", 9, 8))  # on the first Monday from these days


def next_terms(today: dt.date) -> list[tuple[str, dt.date]]:
    """The next two terms as a British college might have them (autumn from September, spring from
    January, summer from late April), the first starting at least two weeks from ``today``."""
    found = []
    for year in (today.year, today.year + 1, today.year + 2):
        for season, month, day in TERM_STARTS:
            first = dt.date(year, month, day)
            starts = first + dt.timedelta(days=(7 - first.weekday()) % 7)  # that day, or the Monday after
            if starts >= today + dt.timedelta(days=14):
                found.append((season, starts))
    return found[:2]
