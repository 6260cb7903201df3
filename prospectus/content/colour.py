"""The college's colour (``branding.colour`` in college.yaml): checked so that white text on it can
be read, and the darker shades the site uses for a button under the pointer.

The header and the buttons show white text on the college's colour, so the colour must give
white text a contrast of at least 4.5:1 (WCAG 2.2, success criterion 1.4.3), worked out with
WCAG's relative luminance.  A colour that does not is an error at its line that gives the
ratio and the nearest darker shade of the same hue that passes (the same hue and saturation,
less light), so the college can keep its colour as close as it can be.
"""

from __future__ import annotations

import colorsys
import math
import re
from dataclasses import dataclass
from typing import Any

from .values import INVALID, Checker, Kind, _scalar_text
from .yamlnodes import Node

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
NEEDED = 4.5  # white text on the header and buttons (normal-sized text)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG's relative luminance of '#rrggbb': 0 for black, 1 for white."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str = WHITE) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shown_ratio(ratio: float) -> str:
    """A ratio as people read it, never rounded up past what it is ('4.49', never '4.5')."""
    return f"{math.floor(ratio * 100) / 100:.2f}"


def _hls(colour: str) -> tuple[float, float, float]:
    return colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))


def _hex(h: float, lightness: float, s: float) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(h, max(0.0, lightness), s))


def darker_passing(colour: str, needed: float = NEEDED) -> str:
    """The lightest shade of ``colour``'s hue and saturation, no lighter than it, that gives white text
    at least ``needed``: the colour itself when it passes already."""
    h, lightness, s = _hls(colour.lower())
    if contrast(colour) >= needed:
        return colour.lower()
    for step in range(1, 1001):  # a thousandth of the lightness at a time: the nearest that passes
        found = _hex(h, lightness - step / 1000, s)
        if contrast(found) >= needed:
            return found
    return "#000000"


def shade(colour: str, darker_by: float) -> str:
    """``colour`` with less light (by ``darker_by``, from 0 to 1): a button's colour under the pointer."""
    h, lightness, s = _hls(colour.lower())
    return _hex(h, lightness - darker_by, s)


@dataclass(frozen=True)
class Colour(Kind):
    """A colour behind white text: '#rrggbb', giving white text at least 4.5:1."""

    description = "a colour"
    empty_hint = ('Put the colour in quotes, like: colour: "#00594f" (without them, YAML takes everything after '
                  "the # as a note).")

    def check(self, node: Node, name: str, ck: Checker) -> Any:
        text = _scalar_text(node, name, ck, "a colour")
        if text is None:
            return INVALID
        if not HEX.match(text):
            return ck.error(node.line, f"'{name}' should be a colour written as # and six hexadecimal digits, like "
                            f'"#00594f", not \'{text}\'.', 'Write it in quotes, like: colour: "#00594f".')
        colour = text.lower()
        ratio = contrast(colour)
        if ratio < NEEDED:
            better = darker_passing(colour)
            return ck.error(node.line, f"'{name}' is {colour}, and white text on it has a contrast of only "
                            f"{shown_ratio(ratio)}:1; the header and buttons need at least {NEEDED}:1 so that "
                            f"everyone can read them. The nearest darker shade of this colour that passes is {better} "
                            f"({shown_ratio(contrast(better))}:1).",
                            f'Write colour: "{better}", or choose a darker colour.')
        return colour

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": HEX.pattern}
