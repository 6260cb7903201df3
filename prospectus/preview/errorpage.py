"""The live preview's error page: every problem, with the lines of the file around it.

It is rendered from ``templates/preview-error.html`` with nothing but the problems, so it
still works when college.yaml (and so the whole model) is broken; if that template itself
cannot be used, a plain built-in page says the same things.  Everything is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import escape

from ..content import gate
from ..problems import Problem
from ..render.templates import Templates

CONTEXT_LINES = 2


@dataclass(frozen=True)
class Item:
    """One problem with the file's name as the editor knows it and the lines around it."""

    problem: Problem
    file: str
    lines: tuple[tuple[int, str], ...]


def source_of(problem: Problem, content: Path, templates: Templates) -> Path | None:
    """The file a problem is about: a template (the college's or a built-in one), or else a content file
    (through the gate: a problem never shows lines of a file outside the content folder, whatever its
    name says); None when there is no such file to show."""
    found = templates.source(problem.path)
    if found is not None:
        return found
    try:
        return gate.inside(content, content / problem.path)
    except (gate.Refused, ValueError):
        return None


def excerpt(path: Path | None, line: int, around: int = CONTEXT_LINES) -> tuple[tuple[int, str], ...]:
    """Lines ``line-around`` to ``line+around`` of a text file (nothing when unreadable)."""
    if line < 1 or path is None:
        return ()
    try:
        if path.stat().st_size > 1024 * 1024:
            return ()
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return ()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first, last = max(1, line - around), min(len(lines), line + around)
    return tuple((n, lines[n - 1].removeprefix("\ufeff")) for n in range(first, last + 1))


def items(problems: Sequence[Problem], content: Path, templates: Templates) -> list[Item]:
    """Errors first, then warnings, each with its excerpt."""
    ordered = sorted(problems, key=lambda p: (not p.is_error, p.path, p.line, p.message))
    out = []
    for p in ordered:
        display = p.path if templates.names(p.path) or not p.path else f"{content.name}/{p.path}"
        out.append(Item(p, display, excerpt(source_of(p, content, templates), p.line)))
    return out


def render(problems: Sequence[Problem], content: Path, templates: Templates,
           college_name: str = "the prospectus", language: str = "en-GB") -> str:
    """The whole error page as HTML."""
    found = items(problems, content, templates)
    groups: dict[str, list[tuple[int, Item]]] = {}
    for number, item in enumerate(found, 1):
        groups.setdefault(item.file, []).append((number, item))
    count = sum(1 for i in found if i.problem.is_error) or len(found)
    context = {"items": found, "groups": list(groups.items()), "count": count,
               "college_name": college_name, "language": language}
    try:
        env = jinja2.Environment(loader=templates.loader(), autoescape=True,
                                 extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
        return env.get_template("preview-error.html").render(context)
    except jinja2.TemplateError:
        return plain(found, college_name, language)


def plain(found: Sequence[Item], college_name: str, language: str) -> str:
    """The same page without any template, for when the templates themselves are broken."""
    parts = [f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>Problems to fix | Preview: {escape(college_name)}</title></head><body>",
             '<a href="#main">Skip to main content</a><main id="main">',
             "<h1>Problems need fixing before the preview can update</h1>",
             "<p>The website has not changed. Fix each problem below and save the file.</p>"]
    for item in found:
        where = f"{item.file}, line {item.problem.line}" if item.problem.line else item.file
        parts.append(f"<section><h2>{escape(where)}</h2><p><strong>{escape(item.problem.message)}</strong></p>")
        if item.problem.hint:
            parts.append(f"<p>What to do: {escape(item.problem.hint)}</p>")
        if item.lines:
            rows = "\n".join(f"{'>' if n == item.problem.line else ' '} {n:4} | {escape(t)}" for n, t in item.lines)
            parts.append(f"<pre>{rows}</pre>")
        parts.append("</section>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def terminal(problems: Sequence[Problem]) -> str:
    """The same problems as lines for the terminal."""
    return "\n".join(p.format() for p in problems)
