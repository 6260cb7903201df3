"""Markdown to safe HTML, with stable heading ids and line numbers for every problem.

Bodies are parsed by markdown-it-pyrs (markdown-it in Rust, CommonMark with tables and
strikethrough), ten times faster than markdown-it-py with the same rules: it is built here
without its raw HTML rules, so anything typed between < and > is escaped and shown as typed,
and it refuses unsafe link schemes.  Where it is not installed (it has no wheel for Python 3.13
yet) or cannot read a text, markdown-it-py's "js-default" preset reads it, with the same rules.
nh3 then cleans the result as a second, independent layer.  Headings in a body are shifted so
the page keeps one ``h1`` and never skips a level.  Anything that looks like an attempt to
inject markup is reported at its line so the editor knows what to change.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, unquote

import nh3

try:  # no wheel for Python 3.13 and later yet (pyproject.toml installs it only below): markdown-it-py reads all
    import markdown_it_pyrs
except ImportError:  # pragma: no cover - depends on the Python version
    markdown_it_pyrs = None  # type: ignore[assignment]

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

# CommonMark without raw HTML (no html_block, no html_inline), with GFM tables and strikethrough:
# what markdown-it-py's "js-default" preset was.  No linkify, no typographer.
RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
          "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline",
          "strikethrough", "table"]
_md = markdown_it_pyrs.MarkdownIt("zero").enable_many(RULES) if markdown_it_pyrs else None  # type: ignore[arg-type]
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
    data = source.encode("utf-8")
    fast = "[" not in source or "`" not in source  # markdown-it 0.6.0 (Rust) panics on '[`]': see _careful
    walk = _Walk(data, rel, first_line, top_level)
    body = _fast(source, walk) if fast else None
    if body is None:  # a fresh walk: a panic may have come after some of the text was walked
        walk = _Walk(data, rel, first_line, top_level)
        body = _careful(source, walk)
    problems += walk.problems
    _check_lines(source, rel, first_line, walk.code_lines, problems)
    clean = nh3.clean(
        body, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, link_rel=None,
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
    )
    text = re.sub(r"\s+", " ", " ".join(walk.text)).strip()
    return Rendered(clean, text, tuple(walk.headings), tuple(walk.links), tuple(walk.images), tuple(problems))


def _fast(source: str, walk: _Walk) -> str | None:
    """The body's HTML from markdown-it-pyrs, the walk filled in from its tree; None when it fails
    or is not installed."""
    if _md is None:
        return None
    try:
        walk.block(_md.tree(source))
        return _retag(_md.render(source), walk)
    except BaseException as exc:  # a Rust panic is a BaseException (pyo3's PanicException)
        if type(exc).__name__ != "PanicException":
            raise
        return None


def _careful(source: str, walk: _Walk) -> str:
    """The body's HTML from markdown-it-py (same rules, ten times slower), for a text with a [ and a
    backtick: markdown-it 0.6.0 in Rust panics on a backtick left open inside [ ] ('[`]').  The walk
    is filled in from its tokens; links and pictures get their paragraph's first line."""
    md = _markdown_it_py()
    tokens = md.parse(source)
    line, rows = walk.first_line, 0
    for i, tok in enumerate(tokens):
        line = walk.first_line + tok.map[0] if tok.map else line
        rows = 0 if tok.type == "table_open" else rows + (tok.type == "tr_open")
        if tok.type in ("paragraph_open", "heading_open", "list_item_open", "th_open", "td_open"):
            walk.text.append(" ")
        if tok.type in ("fence", "code_block") and tok.map:
            walk.code_lines.update(range(walk.first_line + tok.map[0], walk.first_line + tok.map[1]))
        elif tok.type == "heading_open":
            tok.tag = f"h{walk.level(int(tok.tag[1]))}"
            parts: list[str] = []
            _careful_inline(tokens[i + 1], walk, line, parts)
            anchor = _unique(slugify(tokens[i + 1].content), walk.used_ids)
            tok.attrSet("id", anchor)
            walk.headings.append((walk.previous_level, re.sub(r"\s+", " ", "".join(parts)).strip(), anchor))
            walk.text.extend(parts)
        elif tok.type == "heading_close":
            tok.tag = f"h{walk.previous_level}"
        elif tok.type == "inline" and tokens[i - 1].type != "heading_open":
            _careful_inline(tok, walk, line, walk.text)
        elif tok.type == "tr_open" and rows == MAX_TABLE_ROWS + 1:
            walk.problems.append(Problem(walk.rel, line, f"This table has more than {MAX_TABLE_ROWS} rows.",
                                         "Split it, or put the details on a page of their own."))
    return str(md.renderer.render(tokens, md.options, {}))


@functools.cache
def _markdown_it_py() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")


def _careful_inline(tok: Any, walk: _Walk, line: int, out: list[str]) -> None:
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "link_open":
            walk.links.append((str(child.attrGet("href") or ""), line))
        elif child.type == "image":
            child.attrSet("src", walk.image_at(line, str(child.attrGet("src") or ""), child.content))


_CODE_BLOCKS = {"code_block", "fence"}
_CONTAINERS = {"blockquote", "bullet_list", "ordered_list", "list_item", "thead", "tbody", "trow"}
_NO_TEXT = {"hr", "definition"}
_BLOCKS_WITH_TEXT = {"paragraph", "heading", "lheading", "list_item", "tcell"}
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


@dataclass
class _Walk:
    """One pass over a body's syntax tree: its headings (with the ids and levels the page gives them),
    links and pictures with their lines, its plain text, and the lines that are code."""

    data: bytes
    rel: str
    first_line: int
    top_level: int
    problems: list[Problem] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)
    links: list[tuple[str, int]] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)  # each <img>'s address, in the order they are written
    text: list[str] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)
    used_ids: dict[str, int] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0, *(m.end() for m in re.finditer(b"\n", self.data))]
        self.previous_level = self.top_level - 1

    def line(self, offset: int) -> int:
        """The file's line number of a byte offset into the body."""
        return self.first_line + bisect.bisect_right(self.starts, offset) - 1

    def block(self, node: markdown_it_pyrs.Node) -> None:
        """The blocks under ``node``.  A tight list's items hold their text without a paragraph."""
        for child in node.children:
            name = child.name
            if name in _BLOCKS_WITH_TEXT:
                self.text.append(" ")
            if name in ("heading", "lheading"):
                self.heading(child)
            elif name in _CODE_BLOCKS:
                start, end = child.srcmap or (0, 0)
                self.code_lines.update(range(self.line(start), self.line(max(start, end - 1)) + 1))
            elif name == "table":
                rows = sum(1 for n in child.walk() if n.name == "trow")
                if rows > MAX_TABLE_ROWS:
                    self.problems.append(Problem(self.rel, self.line(child.srcmap[0] if child.srcmap else 0),
                                                 f"This table has more than {MAX_TABLE_ROWS} rows.",
                                                 "Split it, or put the details on a page of their own."))
                self.block(child)
            elif name in _CONTAINERS:
                self.block(child)
            elif name == "paragraph" or name == "tcell":
                self.inline(_inline_nodes(child))
            elif name not in _NO_TEXT:
                self.inline(_inline_nodes(child, with_top=True))

    def level(self, written: int) -> int:
        """The level a heading is given: never above the body's top level, never skipping one."""
        self.previous_level = min(max(written, self.top_level), self.previous_level + 1, 6)
        return self.previous_level

    def heading(self, node: markdown_it_pyrs.Node) -> None:
        level = self.level(int(node.meta.get("level", 2)))
        parts: list[str] = []
        self.inline(_inline_nodes(node), parts)
        self.text.extend(parts)
        anchor = _unique(slugify(self.heading_source(node)), self.used_ids)
        self.headings.append((level, re.sub(r"\s+", " ", "".join(parts)).strip(), anchor))

    def heading_source(self, node: markdown_it_pyrs.Node) -> str:
        """A heading's words as typed (markdown and all), which its id is made from."""
        children = node.children
        if not children or not node.srcmap or not children[0].srcmap:
            return ""
        typed = self.data[children[0].srcmap[0]:node.srcmap[1]].decode("utf-8", "replace")
        if node.name == "lheading":
            return typed.rsplit("\n", 1)[0].strip()
        return _CLOSING_HASHES.sub("", typed).strip()

    def inline(self, nodes: Iterator[markdown_it_pyrs.Node], text: list[str] | None = None) -> None:
        """The text, links and pictures of inline ``nodes`` (of a paragraph, heading or table cell)."""
        out = self.text if text is None else text
        for child in nodes:
            name = child.name
            if name in ("text", "text_special"):
                out.append(child.meta.get("content", ""))
            elif name in ("softbreak", "hardbreak"):
                out.append(" ")
            elif name in ("link", "autolink"):
                self.links.append((str(child.meta.get("url", "")), self.line(child.srcmap[0] if child.srcmap else 0)))
            elif name == "image":
                self.image(child)

    def image(self, node: markdown_it_pyrs.Node) -> None:
        alt = "".join(n.meta.get("content", "") for n in node.walk() if n.name in ("text", "text_special"))
        self.srcs.append(self.image_at(self.line(node.srcmap[0] if node.srcmap else 0), str(node.meta.get("url", "")),
                                       alt))

    def image_at(self, line: int, src: str, alt: str) -> str:
        """Check a picture; the address the page gives it ('' for one that is refused)."""
        if not alt.strip():
            self.problems.append(Problem(self.rel, line, "This picture has no description (alt text).",
                                         "Write what it shows inside the brackets: ![A calm lake](lake.jpg)."))
        if not src or _SCHEME.match(src) or src.startswith(("#", "//")):
            self.problems.append(Problem(self.rel, line, "A picture must be a file in the content folder, not a web "
                                         "address.", "Save the picture in the content folder (for example in "
                                         "images/) and name it: ![A calm lake](images/lake.jpg). Pictures from "
                                         "other websites would let them see who reads the prospectus."))
            return ""
        name = unquote(src.split("#")[0].split("?")[0])  # '/x' and '../x' are checked with the others
        if name and not name.startswith("/"):
            name = PurePosixPath(name).as_posix()  # 'x.png/' and './x.png' name the file 'x.png'
        self.images.append((name, line))
        return MEDIA_PREFIX + quote(name, safe="/")


def _inline_nodes(node: markdown_it_pyrs.Node, with_top: bool = False) -> Iterator[markdown_it_pyrs.Node]:
    """The inline nodes under ``node`` (and ``node`` itself ``with_top``) in order, not looking inside a
    picture (whose words are its alt text, and whose inner pictures and links are not written as such)."""
    if with_top:
        yield node
        if node.name == "image":
            return
    for child in node.children:
        yield child
        if child.name != "image":
            yield from _inline_nodes(child)


_OPEN_OR_CLOSE = re.compile(r"<(/?)h[1-6]>|<img src=\"[^\"]*\"")


def _retag(body: str, walk: _Walk) -> str:
    """The rendered body with each heading at the level and with the id the walk gave it, and each
    picture's address as the walk checked it.  Raw HTML is escaped, so every ``<h2>`` and ``<img``
    in the rendered text was written by the renderer, in the same order as the tree's nodes."""
    headings, srcs = iter(walk.headings), iter(walk.srcs)
    level = 2

    def swap(match: re.Match[str]) -> str:
        nonlocal level
        if match.group(0).startswith("<img"):
            return f'<img src="{html.escape(next(srcs, ""))}"'
        if match.group(1):
            return f"</h{level}>"
        level, _title, anchor = next(headings)
        return f'<h{level} id="{anchor}">'

    return _OPEN_OR_CLOSE.sub(swap, body)


def _check_lines(source: str, rel: str, first_line: int, code_lines: set[int], problems: list[Problem]) -> None:
    """Every line that is not code is looked at for a script link or an HTML tag."""
    for number, text_line in enumerate(source.split("\n"), start=first_line):
        if number in code_lines:
            continue
        if _UNSAFE_LINK.search(text_line):
            problems.append(Problem(rel, number, "This link uses an address that could run code "
                                    "(javascript:, data: or similar), so it is not allowed.",
                                    "Link to a web page starting with https:// instead."))
        if _SCRIPTY.search(text_line):
            problems.append(Problem(rel, number, "This line has HTML code that could hide text or "
                                    "run a script, so it is not allowed.",
                                    "Remove the <...> part; write plain text and Markdown instead."))
        elif _TAG.search(text_line):
            problems.append(Problem(rel, number, "HTML tags like <b> are shown as typed, not used.",
                                    "Use Markdown instead: **bold**, ## Heading, - list item.",
                                    Severity.WARNING))


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
