"""Values that are codes from a standard list: a language (BCP 47) and a time zone (the tz database).

Kept apart from values.py, which holds the kinds written in plain words; both check a value the
same way (:class:`~prospectus.content.values.Kind`).
"""

from __future__ import annotations

import functools
import re
import zoneinfo
from dataclasses import dataclass
from typing import Any

from ..problems import did_you_mean
from .values import INVALID, Checker, Kind, _scalar_text
from .yamlnodes import Node

# A BCP 47 language tag as colleges use them: a 2 or 3 letter language, then an optional script
# (Latn), region (GB, 419) and variants: en-GB, cy, pa-Guru-IN, es-419.
LANGUAGE_RE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?"
                         r"(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$")


@dataclass(frozen=True)
class Language(Kind):
    """A language as a BCP 47 tag: en-GB, cy, pl."""

    description = "a language tag"

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a language tag")
        if text is None:
            return INVALID
        if len(text) > 35 or not LANGUAGE_RE.match(text):
            return ck.error(node.line, f"'{name}' should be a language code like en-GB, cy or pl, not '{text}'.",
                            "Use the short code for the language (en for English, cy for Welsh), optionally "
                            "with a country, like en-GB.")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": LANGUAGE_RE.pattern}


@functools.cache
def known_time_zones() -> frozenset[str]:
    """The tz database's time zone names (from the system, or the tzdata package), without those
    that mean 'whatever this computer is set to' (calendars must not depend on the build machine)."""
    return frozenset(z for z in zoneinfo.available_timezones()
                     if z not in ("localtime", "posixrules", "Factory") and not z.startswith(("posix/", "right/")))


@dataclass(frozen=True)
class TimeZone(Kind):
    """A time zone from the tz database: Europe/London."""

    description = "a time zone"

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a time zone")
        if text is None:
            return INVALID
        if text not in known_time_zones():
            return ck.error(node.line, f"'{text}' is not a time zone this build knows.",
                            did_you_mean(text, known_time_zones()) or
                            "Write a time zone name such as Europe/London (see the list of tz database time zones).")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"}
