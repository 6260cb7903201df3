"""The kinds of single value a content field can hold, each with its own plain-English checks.

A kind turns one YAML :mod:`~prospectus.yamlnodes` node into a plain Python value, or
records a :class:`~prospectus.errors.Problem` and returns :data:`INVALID`.  The same kinds
describe themselves as JSON Schema, so the editors' schema files can never drift from
the validator.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..problems import Problem, Severity, did_you_mean
from .yamlnodes import Node, Scalar, Sequence

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(title: str) -> str:
    """'Understanding Anxiety' -> 'understanding-anxiety': an id (:data:`ID_RE`) made from a title
    (accents dropped, only a-z, 0-9 and dashes)."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
TIME_RE = re.compile(r"^(\d{1,2})[:.](\d{2})$")
# An address people can write to: no spaces, and nothing a mailto: link would read as an extra
# (?bcc=, %, &, commas or semicolons), so a link can never add recipients or a message.
EMAIL_RE = re.compile(r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
FIRST_YEAR, LAST_YEAR = 1970, 2100  # dates outside these years are typing mistakes (and break calendars)


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Ref(str):
    """An id as written in content, remembering its line so a broken reference can be shown."""

    line: int

    def __new__(cls, value: str, line: int) -> Ref:
        obj = super().__new__(cls, value)
        obj.line = line
        return obj

    def __reduce__(self) -> tuple[type[Ref], tuple[str, int]]:
        return (Ref, (str(self), self.line))  # keeps the line when sent between processes


@dataclass
class Checker:
    """Collects problems for one file while its fields are checked."""

    rel: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, message: str, hint: str = "") -> Any:
        self.problems.append(Problem(self.rel, line, message, hint))
        return INVALID

    def warn(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.rel, line, message, hint, Severity.WARNING))


def _line(node: Node) -> int:
    return node.line


PLACEHOLDER = "REPLACE THIS"
PLACEHOLDER_MESSAGE = "This still has the placeholder text 'REPLACE THIS'."
PLACEHOLDER_HINT = ("Write your own words here instead (the note above it says what is needed), "
                    "or delete the line if the detail is optional.")


def control_character(text: str, allowed: str = "\t\n") -> str | None:
    """The first character in ``text`` that no page, feed or calendar can carry (a control character,
    a lone surrogate or a Unicode non-character), described for a message; None when there is none."""
    if text.isascii() and text.isprintable():
        return None  # the common case, checked in C
    for ch in text:
        if ch in allowed:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or _noncharacter(ch) or ch in _BIDI_CONTROLS:
            return f"U+{ord(ch):04X}"
    return None


def visible(text: str) -> bool:
    """Whether ``text`` has anything to see: not only spaces and invisible format characters."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


# Characters that reorder the text around them (Unicode's explicit directional overrides and
# isolates): a name holding one can be made to read as something else.  Right-to-left text needs
# none of them; the marks U+200E and U+200F are still allowed.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


CONTROL_HINT = ("Delete it: it is usually pasted in by accident from another program. Retype the text, or "
                "remove any backslash escape such as \\e or \\0 in quotes.")


def _scalar_text(node: Node, name: str, ck: Checker, what: str) -> str | None:
    if isinstance(node, Scalar):
        bad = control_character(node.text)
        if bad:
            ck.error(node.line, f"'{name}' has a control character ({bad}) in it, which no page can show.",
                     CONTROL_HINT)
            return None
        if PLACEHOLDER in node.text.upper():  # left over from `build.py new`: never publish it
            ck.error(node.line, PLACEHOLDER_MESSAGE, PLACEHOLDER_HINT)
            return None
        if node.text.startswith("CHOOSE-"):
            ck.error(node.line, f"'{name}' still has the placeholder {node.text.strip()}.",
                     "Choose one of the words listed in the note above it, or delete the line if the "
                     "detail is optional.")
            return None
        return node.text.strip()
    shape = "a list" if isinstance(node, Sequence) else "a group of details"
    hint = f"Write it on one line after '{name}:'."
    if name == "venue" and isinstance(node, Sequence):  # only a run may list venues (a hybrid group)
        hint = ("A session meets in one place: give one venue here. For a group where people choose where to "
                "join, list the venues on the run's own 'venue:' line.")
    ck.error(node.line, f"'{name}' should be {what}, but it is {shape}.", hint)
    return None


class Kind:
    """Base of all field kinds."""

    description = "a value"
    empty_hint = ""  # what to say when the value is left empty, if something better than the usual

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    max_len: int | None = None
    description = "text"

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "text")
        if text is None:
            return INVALID
        if not visible(text):
            return ck.error(node.line, f"'{name}' is empty.", "Write something after the ':' or remove the line.")
        if self.max_len and len(text) > self.max_len:
            return ck.error(node.line, f"'{name}' is {len(text)} characters long; the most is {self.max_len}.",
                            "Shorten it.")
        return text

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_len:
            schema["maxLength"] = self.max_len
        return schema


@dataclass(frozen=True)
class Id(Kind):
    """An id, or a reference to one (``refers_to`` names what it must exist as)."""

    refers_to: str = ""
    description = "an id"

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "an id")
        if text is None:
            return INVALID
        if not ID_RE.match(text):
            slug = slugify(text)
            return ck.error(node.line, f"'{name}' should be an id made of small letters, digits and single "
                            f"dashes (like understanding-anxiety), not '{text}'.",
                            f"Did you mean '{slug}'? An id is the file's name without '.md', or the 'id:' in "
                            "college.yaml." if slug and slug != text else "")
        return Ref(text, node.line)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_RE.pattern}


@dataclass(frozen=True)
class Choice(Kind):
    """One of a few words.  ``meant``: words people write instead, and the choice they mean
    (``booking: no`` -> not-needed), offered in the message."""

    choices: tuple[str, ...] = ()
    meant: tuple[tuple[str, str], ...] = ()

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "one word")
        if text is None:
            return INVALID
        if text not in self.choices:
            meant = dict(self.meant).get(text.lower())
            return ck.error(node.line, f"'{name}' should be one of {_or(self.choices)}, not '{text}'.",
                            f"Did you mean '{meant}'?" if meant else did_you_mean(text, self.choices))
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


def _or(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]


@dataclass(frozen=True)
class Date(Kind):
    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a date")
        if text is None:
            return INVALID
        match = DATE_RE.match(text)
        if not match:
            return ck.error(node.line, f"'{name}' should be a date like 2026-09-14 (year-month-day), not '{text}'.")
        year, month, day = (int(g) for g in match.groups())
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return ck.error(node.line, f"'{name}' is in the year {year}; dates must be between {FIRST_YEAR} "
                            f"and {LAST_YEAR}.", "Check the year: dates are written year-month-day, like 2026-09-14.")
        if not 1 <= month <= 12:
            return ck.error(node.line, f"'{name}' has month {month}, but months go from 01 to 12.",
                            "Dates are written year-month-day, like 2026-09-14.")
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            month_name = calendar.month_name[month]
            return ck.error(node.line, f"'{name}' is {text}, but {month_name} {year} has only {last} days.",
                            "Check the date.")
        return dt.date(year, month, day)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^(19[7-9]\d|20\d\d|2100)-\d{1,2}-\d{1,2}$"}


@dataclass(frozen=True)
class Time(Kind):
    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a time")
        if text is None:
            return INVALID
        match = TIME_RE.match(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            return ck.error(node.line, f"'{name}' should be a time like 10:00, not '{text}'.",
                            "Use the 24-hour clock: 14:30 for half past two in the afternoon.")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$"}


@dataclass(frozen=True)
class PositiveInt(Kind):
    """A whole number from 1 to ``most``, written in the digits 0 to 9."""

    most: int = 100_000

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a number")
        if text is None:
            return INVALID
        if text.isascii() and text.isdigit() and len(text) > 7:
            return ck.error(node.line, f"'{name}' is {text[:20]}; the most it can be is {self.most:,}.",
                            "Check the number.")
        if not (text.isascii() and text.isdigit()) or int(text) < 1:
            shown = text if len(text) <= 20 else text[:20] + "..."
            return ck.error(node.line, f"'{name}' should be a whole number above 0, like 12, not '{shown}'.")
        if int(text) > self.most:
            return ck.error(node.line, f"'{name}' is {text}; the most it can be is {self.most:,}.",
                            "Check the number.")
        return int(text)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1, "maximum": self.most}


_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


@dataclass(frozen=True)
class Bool(Kind):
    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "true or false")
        if text is None:
            return INVALID
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        return ck.error(node.line, f"'{name}' should be true or false, not '{text}'.")

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Email(Kind):
    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "an email address")
        if text is None:
            return INVALID
        if not EMAIL_RE.match(text):
            return ck.error(node.line, f"'{name}' should be an email address like hello@example.org, not '{text}'.",
                            "Write the address alone, with nothing after it (no ?subject= or ?cc=).")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email", "pattern": EMAIL_RE.pattern}


@dataclass(frozen=True)
class Url(Kind):
    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a web address")
        if text is None:
            return INVALID
        if not URL_RE.match(text) or not _url_parts_ok(text):
            return ck.error(node.line, f"'{name}' should be a web address starting with https://, not '{text}'.",
                            "Copy the address from your web browser's address bar.")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


def _url_parts_ok(text: str) -> bool:
    """Whether a web address can be taken apart the way browsers and calendars will (host, port)."""
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises for a port that is not a number
    except ValueError:
        return False
    return bool(parts.hostname) and not parts.username and not parts.password
