"""What a file names: pictures (through the gate), easy read pictures and links to other pages.

Each picture is looked at once however many files name it (the Resolver keeps what was found);
a link must lead to a page this build makes (:func:`prospectus.model.urls.pages`).
"""

from __future__ import annotations

from ..content import gate, raster, svg
from ..content.loader import Entry
from ..content.markdown import Rendered
from ..content.picture_names import BUILT_IN
from ..problems import did_you_mean, nearest
from .resolver import Resolver


def check_picture(r: Resolver, rel: str, src: str, line: int) -> None:
    """A picture named at ``rel``:``line`` must pass the gate (content/gate.py) and be a picture the
    build can publish safely (a raster it can decode, or a drawing with nothing active in it).  Each
    picture is looked at once however many times it is named (what it is does not change)."""
    if src not in r.pictures:
        r.pictures[src] = _picture_problem(r, src)
    found = r.pictures[src]
    if found is not None:
        r.error(rel, line, *found)

def _picture_problem(r: Resolver, src: str) -> tuple[str, str] | None:
    """(message, hint) saying why a picture cannot be published, or None."""
    try:
        path = gate.picture_path(r.loaded.root, src)
        data = gate.read_picture(r.loaded.root, src) if gate.is_drawing(src) else b""
    except gate.Refused as exc:
        return exc.message, exc.hint
    except OSError as exc:
        return f"The picture '{src}' could not be read ({exc.strerror}).", "Check the file."
    problem = svg.problem(data) if gate.is_drawing(src) else raster.problem(path)
    if problem:
        return (f"The picture '{src}' cannot be used: {problem}.",
                "Use a JPEG, PNG, WebP, GIF or plain SVG picture of a sensible size (for example 2000 pixels "
                "wide), or choose another picture.")
    return None

def check_easy_read(r: Resolver, entry: Entry) -> None:
    er = entry.data.get("easy_read")
    if not er:
        if entry.rel.startswith("courses/") and "easy_read" not in entry.data["_lines"]:
            r.warn(entry.rel, 0, "This course has no easy read version.",
                   "Add an 'easy_read' block with 3 to 10 short points.")
        return
    points = er.get("points", ())
    if points and not 3 <= len(points) <= 10:
        r.warn(entry.rel, er["_lines"]["points"], f"The easy read block has {len(points)} "
               f"point{'s' if len(points) != 1 else ''}; easy read works best with 3 to 10.",
               "Add or combine points so each one says one idea.")
    for point in points:
        picture = point.get("picture")
        if picture and picture not in BUILT_IN:
            if "/" in picture or "." in picture:
                check_picture(r, entry.rel, picture, point["_lines"]["picture"])
            else:
                r.error(entry.rel, point["_lines"]["picture"], f"There is no built-in picture called '{picture}'.",
                        did_you_mean(picture, BUILT_IN) or "See the list of pictures in the editing guide.")

def check_links(r: Resolver, entry: Entry, url: str) -> None:
    """Relative links in a body must lead to a page this build will make; its pictures must pass the gate."""
    check_body(r, entry.rel, entry.body, url)

def check_body(r: Resolver, rel: str, body: Rendered, url: str) -> None:
    for href, line in body.links:
        target = resolve_link(url, href)
        if target is not None and target not in r.addresses:
            best = nearest(target, sorted(r.addresses))
            hint = f"Did you mean '{'../' * url.count('/')}{best}'?" if best else "Check the address."
            r.error(rel, line, f"This link goes to '{href}', which is not a page of this site.", hint)
    for src, line in body.images:
        check_picture(r, rel, src, line)

def resolve_link(base: str, href: str) -> str | None:
    """The site path a relative link points to, or None for external links and anchors."""
    if not href or href.startswith(("#", "/", "mailto:", "tel:")) or ":" in href.split("/")[0]:
        return None
    path = href.split("#")[0].split("?")[0]
    if not path:
        return None
    parts = [p for p in base.split("/") if p]
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    joined = "/".join(parts)
    if joined.endswith("index.html"):
        joined = joined[: -len("index.html")].rstrip("/")
    return joined + "/" if joined else ""
