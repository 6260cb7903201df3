"""SVG drawings, parsed and rebuilt from an allow-list, for the website and the brochures alike.

An SVG file is a document that can run script on the site's own address when it is opened,
and fetch other files when it is drawn.  So a drawing is never published as it came: it is
parsed with defusedxml (no entities, no external references), and a new drawing is written
holding only the elements and attributes a picture needs; that new drawing's attribute values
and style sheets are then read as CSS (tinycss2: escapes and comments as a browser reads them).
What could run or fetch something (script in any namespace or spelling, event handlers,
foreignObject, links to other files or web addresses, url() or @import to anywhere but inside
the drawing, pictures embedded in it, which would keep their metadata) is a content problem,
reported at the line that names the picture, so the editor knows their file was not used.
Editor leftovers that do nothing (Inkscape and Illustrator metadata, animation) are dropped
silently.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

import defusedxml.ElementTree as SafeET
import tinycss2
from defusedxml import DefusedXmlException

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
XHTML = "http://www.w3.org/1999/xhtml"
MAX_BYTES = 5 * 1024 * 1024
MAX_ELEMENTS = 100_000

ELEMENTS = frozenset((
    "svg", "g", "defs", "symbol", "use", "title", "desc", "switch", "a", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "image", "linearGradient", "radialGradient",
    "stop", "pattern", "clipPath", "mask", "marker", "style", "filter", "feBlend", "feColorMatrix",
    "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
    "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur",
    "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight",
    "feTile", "feTurbulence",
))

ATTRIBUTES = frozenset((
    "id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "width", "height", "x", "y", "x1",
    "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "pathLength", "fill", "fill-opacity",
    "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
    "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility",
    "clip-path", "clip-rule", "mask", "filter", "marker-start", "marker-mid", "marker-end", "font-family",
    "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "patternUnits", "patternContentUnits",
    "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth", "markerHeight",
    "markerUnits", "refX", "refY", "orient", "href", "version", "baseProfile", "filterUnits", "primitiveUnits",
    "in", "in2", "result", "stdDeviation", "mode", "type", "values", "operator", "k1", "k2", "k3", "k4",
    "flood-color", "flood-opacity", "lighting-color", "surfaceScale", "diffuseConstant", "specularConstant",
    "specularExponent", "kernelMatrix", "order", "divisor", "bias", "targetX", "targetY", "edgeMode",
    "kernelUnitLength", "preserveAlpha", "scale", "xChannelSelector", "yChannelSelector", "radius", "numOctaves",
    "seed", "stitchTiles", "baseFrequency", "tableValues", "slope", "intercept", "amplitude", "exponent",
    "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
    "color-interpolation", "color-interpolation-filters", "image-rendering", "shape-rendering", "text-rendering",
    "overflow", "vector-effect", "paint-order", "mix-blend-mode", "isolation", "role", "aria-label",
    "aria-hidden", "aria-labelledby", "aria-describedby", "focusable", "lang", "media",
))

MAX_DEPTH = 100  # elements inside elements: a drawing needs a few levels
# CSS functions that load another file (url() is allowed only to point inside the drawing: url(#g))
_LOADING = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"})
_ACTIVE = frozenset({"expression", "javascript"})
_SPACE = re.compile(r"[\x00-\x20]+")


class Unsafe(Exception):
    """Why a drawing cannot be published, in words for the editor ('it has script code ...')."""


def clean(data: bytes) -> bytes:
    """The drawing rebuilt from what a picture needs; :class:`Unsafe` says why it cannot be used."""
    if len(data) > MAX_BYTES:
        raise Unsafe(f"it is larger than {MAX_BYTES // 1024 // 1024} MB, far more than a drawing needs")
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Unsafe("it declares entities (<!ENTITY ...>), which could hide code in the picture") from None
    except (ET.ParseError, ValueError, RecursionError):
        raise Unsafe("it is not a well-formed SVG drawing (it could not be read as XML)") from None
    if root.tag != f"{{{SVG}}}svg":
        raise Unsafe("it is not an SVG drawing (its first element is not <svg>)")
    _refuse_active(root)
    drawing = _rebuild(root)
    _refuse_loading(drawing)  # what is written out, after the rebuild, is what is checked
    names = {"xmlns": SVG}  # written as plain names: no namespace prefixes to depend on
    if any(name.startswith("xlink:") for el in drawing.iter() for name in el.attrib):
        names["xmlns:xlink"] = XLINK
    drawing.attrib = {**names, **drawing.attrib}
    return bytes(ET.tostring(drawing, encoding="utf-8", xml_declaration=False))


def problem(data: bytes) -> str | None:
    """Why the drawing cannot be published, or None."""
    try:
        clean(data)
    except Unsafe as exc:
        return str(exc)
    return None


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an ElementTree tag or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _refuse_active(root: ET.Element) -> None:
    """Anything that could run, or that is in a document a browser would run, or too deep to be a drawing."""
    count = 0
    stack: list[tuple[ET.Element, int]] = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_ELEMENTS:
            raise Unsafe("it is nested too deeply, or has far more parts than a drawing needs")
        stack.extend((child, depth + 1) for child in el)
        if not isinstance(el.tag, str):
            continue  # comments and processing instructions are not kept
        namespace, local = _local(el.tag)
        if local.lower() in ("script", "foreignobject", "iframe", "embed", "object") or namespace == XHTML:
            raise Unsafe("it has script code or event handlers inside it (or a web page inside the picture)")
        for name, value in el.attrib.items():
            attr_ns, attr = _local(name)
            if attr.lower().startswith("on"):
                raise Unsafe("it has script code or event handlers inside it")
            if attr == "href" and attr_ns in ("", XLINK):
                _check_link(value)


def _check_link(value: str) -> None:
    target = _SPACE.sub("", value)
    if target.startswith("#"):
        return
    if target.lower().startswith(("javascript:", "vbscript:")):
        raise Unsafe("it has script code or event handlers inside it (a javascript: link)")
    if target.lower().startswith("data:"):
        raise Unsafe("it has another picture embedded inside it; save that picture as its own file instead")
    raise Unsafe(f"it links to another file or web address ({value.strip()[:60]}); a picture must be whole in "
                 "itself")


def _refuse_loading(drawing: ET.Element) -> None:
    """No attribute value and no style sheet of the rebuilt drawing may load anything (CSS read as
    CSS, escapes and all, by tinycss2): url() may only point inside the drawing."""
    for el in drawing.iter():
        for value in el.attrib.values():
            _check_css(tinycss2.parse_component_value_list(value))
        if el.tag == "style":
            _check_css(tinycss2.parse_stylesheet("".join(el.itertext())))


def _check_css(nodes: Iterable[Any]) -> None:
    for node in nodes:
        kind = getattr(node, "type", "")
        if kind in ("at-rule", "at-keyword") and node.lower_at_keyword in ("import", "font-face", "namespace"):
            raise Unsafe(f"its styles have @{node.lower_at_keyword}, which loads another file")
        if kind == "url" and not str(node.value).strip().startswith("#"):
            raise Unsafe(f"its styles load another file or web address ({str(node.value)[:60]}); a picture "
                         "must be whole in itself")
        if kind == "function":
            name = node.lower_name
            if name in _ACTIVE:
                raise Unsafe("it has script code in its styles")
            if name in _LOADING:
                first = next((a for a in node.arguments if a.type not in ("whitespace", "comment")), None)
                if name not in ("url", "src") or first is None or not str(getattr(first, "value", "")).startswith("#"):
                    raise Unsafe(f"its styles load another file or web address ({name}()); a picture must be whole "
                                 "in itself")
        if kind == "ident" and str(node.value).lower() in _ACTIVE:
            raise Unsafe("it has script code in its styles")
        for part in ("prelude", "content", "arguments"):
            inner = getattr(node, part, None)
            if inner:
                _check_css(inner)


_PREFIX = {"": "", XLINK: "xlink:", XML: "xml:"}


def _rebuild(el: ET.Element) -> ET.Element:
    """A copy of ``el`` with only allowed elements and attributes (it is an allowed element), every
    name written plainly (svg, xlink:href) rather than with its namespace."""
    copy = ET.Element(_local(el.tag)[1])
    for name, value in el.attrib.items():
        namespace, local = _local(name)
        if (namespace == "" and local in ATTRIBUTES) or (namespace == XLINK and local in ("href", "title")) \
                or (namespace == XML and local in ("space", "lang")):
            copy.set(_PREFIX[namespace] + local, value)
    copy.text = el.text
    for child in el:
        if isinstance(child.tag, str):
            namespace, local = _local(child.tag)
            if namespace == SVG and local in ELEMENTS:
                kept = _rebuild(child)
                kept.tail = child.tail
                copy.append(kept)
                continue
        if child.tail:  # text after a dropped element stays where it was
            if len(copy):
                copy[-1].tail = (copy[-1].tail or "") + child.tail
            else:
                copy.text = (copy.text or "") + child.tail
    return copy
