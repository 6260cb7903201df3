"""Markdown to safe HTML, with stable heading ids and line numbers for every problem.

markdown-it-py's ``js-default`` preset escapes raw HTML and refuses unsafe link schemes;
nh3 then cleans the result as a second, independent layer.  Headings in a body are shifted
so the page keeps one ``h1`` and never skips a level.  Anything that looks like an attempt
to inject markup is reported at its line so the editor knows what to change.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..problems import Problem, Severity
from .values import CONTROL_HINT, control_character

# A picture named in Markdown is written as <img src="@media/NAME">, NAME being its path under
# content/ in URL form.  Only this renderer writes that prefix, and only as the first attribute of
# an <img> tag, so no text can ever be taken for a picture (text cannot hold a raw '<').  Each
# output replaces it with its own address for the cleaned picture (see media_html).
MEDIA_PREFIX = "@media/"
_MEDIA_IMG = '<img src="' + MEDIA_PREFIX
MAX_TEXT = 100_000  # characters of Markdown in one file: a long course description is about 10,000
MAX_TABLE_ROWS = 200  # a table longer than this could not be printed in a brochure

_md = MarkdownIt("js-default")
_ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre",
    "blockquote", "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "img", "s", "del",
}
_ALLOWED_ATTRS = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"style"},
    "td": {"style"},
    **{f"h{n}": {"id"} for n in range(2, 7)},
}
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data|file):|<(javascript|vbscript|data):",
                          re.IGNORECASE)
_SCRIPTY = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|svg|math)\b|\bon[a-z]+\s*=|<!--",
                      re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class Rendered:
    """A body as HTML, with what the checks need: its headings, links and pictures (each with a line).

    ``images`` are the pictures' paths under content/, as file names (decoded from the Markdown)."""

    html: str
    text: str
    headings: tuple[tuple[int, str, str], ...]
    links: tuple[tuple[str, int], ...]
    images: tuple[tuple[str, int], ...]
    problems: tuple[Problem, ...]


def media_html(body_html: str, media_root: str) -> str:
    """Body HTML with each picture's address made ``media_root`` + its path (``../../media/`` on a
    page two folders down, the brochures' own address for printing)."""
    return body_html.replace(_MEDIA_IMG, '<img src="' + media_root) if _MEDIA_IMG in body_html else body_html


def slugify(text: str) -> str:
    """A stable, readable id for a heading: 'What we'll cover' -> 'what-well-cover'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_-]+", "-", text).strip("-") or "section"


def render(source: str, rel: str, first_line: int, *, top_level: int = 2) -> Rendered:
    """Render a Markdown body that starts at ``first_line`` of the file ``rel``."""
    problems: list[Problem] = []
    if len(source) > MAX_TEXT:
        problems.append(Problem(rel, first_line, f"This text is {len(source):,} characters long; the most is "
                                f"{MAX_TEXT:,}.", "Shorten it: a course description is a page or two."))
        source = source[:MAX_TEXT]
    _check_characters(source, rel, first_line, problems)
    tokens = _md.parse(source)
    headings: list[tuple[int, str, str]] = []
    links: list[tuple[str, int]] = []
    images: list[tuple[str, int]] = []
    used_ids: dict[str, int] = {}
    previous_level = top_level - 1
    line = first_line
    for i, tok in enumerate(tokens):
        if tok.map:
            line = first_line + tok.map[0]
        if tok.type == "heading_open":
            level = min(max(int(tok.tag[1]), top_level), previous_level + 1, 6)
            previous_level = level
            tok.tag = f"h{level}"
            title = tokens[i + 1].content if i + 1 < len(tokens) else ""
            anchor = _unique(slugify(title), used_ids)
            tok.attrSet("id", anchor)
            headings.append((level, _plain(title), anchor))
        elif tok.type == "heading_close":
            tok.tag = f"h{previous_level}"
        elif tok.type == "html_block":
            _check_html(tok.content, rel, line, problems)
        elif tok.type == "inline":
            _check_inline(tok, rel, line, problems, links, images)
        elif tok.type == "table_open":
            rows = next((n for n, t in enumerate(tokens[i:]) if t.type == "table_close"), 0)
            if sum(1 for t in tokens[i:i + rows] if t.type == "tr_open") > MAX_TABLE_ROWS:
                problems.append(Problem(rel, line, f"This table has more than {MAX_TABLE_ROWS} rows.",
                                        "Split it, or put the details on a page of their own."))
    body = _md.renderer.render(tokens, _md.options, {})
    clean = nh3.clean(
        body, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
    )
    return Rendered(clean, _text_of(tokens), tuple(headings), tuple(links), tuple(images), tuple(problems))


def _unique(anchor: str, used: dict[str, int]) -> str:
    """``anchor``, or ``anchor-2``, ``anchor-3`` ... when taken.  ``used`` maps each id given to the
    next number to try after it, so a thousand headings of the same words cost a thousand steps."""
    candidate, n = anchor, used.get(anchor, 2)
    while candidate in used:
        candidate, n = f"{anchor}-{n}", n + 1
    used[anchor] = n
    used.setdefault(candidate, 2)
    return candidate


def _check_characters(source: str, rel: str, first_line: int, problems: list[Problem]) -> None:
    """A control character (other than a tab) in the text is reported at its line."""
    if source.isprintable():
        return
    for offset, text_line in enumerate(source.split("\n")):
        bad = control_character(text_line, "\t")
        if bad:
            problems.append(Problem(rel, first_line + offset, f"This line has a control character ({bad}) in it, "
                                    "which no page can show.", CONTROL_HINT))


def _check_inline(tok: Token, rel: str, line: int, problems: list[Problem],
                  links: list[tuple[str, int]], images: list[tuple[str, int]]) -> None:
    for offset, text_line in enumerate(tok.content.split("\n")):
        if _UNSAFE_LINK.search(text_line):
            problems.append(Problem(rel, line + offset, "This link uses an address that could run code "
                                    "(javascript:, data: or similar), so it is not allowed.",
                                    "Link to a web page starting with https:// instead."))
    _check_html(tok.content, rel, line, problems)
    for child in tok.children or []:
        if child.type == "link_open":
            links.append((str(child.attrGet("href") or ""), line))
        elif child.type == "image":
            src = str(child.attrGet("src") or "")
            if not child.content.strip():
                problems.append(Problem(rel, line, "This picture has no description (alt text).",
                                        "Write what it shows inside the brackets: ![A calm lake](lake.jpg)."))
            if not src or _SCHEME.match(src) or src.startswith(("#", "//")):
                problems.append(Problem(rel, line, "A picture must be a file in the content folder, not a web "
                                        "address.", "Save the picture in the content folder (for example in "
                                        "images/) and name it: ![A calm lake](images/lake.jpg). Pictures from "
                                        "other websites would let them see who reads the prospectus."))
                child.attrSet("src", "")
                continue
            name = unquote(src.split("#")[0].split("?")[0])  # '/x' and '../x' are checked with the others
            if name and not name.startswith("/"):
                name = PurePosixPath(name).as_posix()  # 'x.png/' and './x.png' name the file 'x.png'
            images.append((name, line))
            child.attrSet("src", MEDIA_PREFIX + quote(name, safe="/"))


def _check_html(content: str, rel: str, line: int, problems: list[Problem]) -> None:
    for offset, text_line in enumerate(content.split("\n")):
        if _SCRIPTY.search(text_line):
            problems.append(Problem(rel, line + offset, "This line has HTML code that could hide text or "
                                    "run a script, so it is not allowed.",
                                    "Remove the <...> part; write plain text and Markdown instead."))
        elif _TAG.search(text_line):
            problems.append(Problem(rel, line + offset, "HTML tags like <b> are shown as typed, not used.",
                                    "Use Markdown instead: **bold**, ## Heading, - list item.",
                                    Severity.WARNING))


def _plain(inline_source: str) -> str:
    return _text_of(_md.parseInline(inline_source)) if inline_source else ""


def _text_of(tokens: list[Token]) -> str:
    parts: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            parts.append("".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline")))
        elif tok.type in ("paragraph_close", "heading_close", "list_item_close"):
            parts.append(" ")
    return re.sub(r"\s+", " ", html.unescape(" ".join(parts))).strip()


def inline(source: str) -> str:
    """Render one line of Markdown (no paragraphs) for short texts such as instructions."""
    return nh3.clean(_md.renderInline(source), tags={"a", "em", "strong", "code"},
                     attributes={"a": {"href"}}, link_rel=None, url_schemes={"http", "https", "mailto", "tel"})
