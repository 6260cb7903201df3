"""build(): the whole pipeline, one line per stage.

read and validate -> model -> render -> publish.  Content problems are collected first
and stop the build before anything is written; the site is rendered into a staging
folder and swapped in only when every stage has succeeded.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import assemble, loader, resolve
from .errors import ContentError, Problem, UsageError
from .model import Prospectus
from .outputs import html
from .publish import Staging, check_output
from .templating import DEFAULT_TEMPLATES, environment


@dataclass(frozen=True)
class Options:
    """What to build from where; made by the command line or by tests."""

    content: Path = Path("content")
    output: Path = Path("site")
    templates: Path = DEFAULT_TEMPLATES
    strict: bool = False
    pdf: bool = True
    today: dt.date = field(default_factory=lambda: build_date())


@dataclass
class Result:
    """What a build did, for the summary line."""

    problems: tuple[Problem, ...]
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages(self) -> int:
        return sum(1 for f in self.files if f.endswith(".html"))

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH so that builds can be reproduced exactly."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def read(opts: Options) -> tuple[Prospectus | None, tuple[Problem, ...]]:
    """Read and check all content; the model is None when there are errors."""
    if not opts.content.is_dir():
        raise UsageError(f"There is no content folder at '{opts.content}'. Check the path given with --content.")
    loaded = loader.load(opts.content)
    resolve.check(loaded, opts.today)
    problems = tuple(sorted(set(loaded.problems)))
    failing = [p for p in problems if p.is_error or opts.strict]
    if failing or loaded.college is None:
        return None, problems
    return assemble.prospectus(loaded, opts.today), problems


def check(opts: Options) -> Result:
    """Validate only; raises ContentError when the content has errors."""
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    return Result(problems)


def build(opts: Options) -> Result:
    """Build the whole site into ``opts.output``; nothing is changed there unless it all works."""
    started = time.perf_counter()
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    check_output(opts.output, opts.content)
    staging = Staging(opts.output)
    try:
        render_site(prospectus, opts, staging)
        staging.commit()
    except BaseException:
        staging.discard()
        raise
    return Result(problems, staging.written, time.perf_counter() - started)


def render_site(p: Prospectus, opts: Options, out: Staging) -> None:
    """Every output, written into the staging folder."""
    env = environment(opts.templates)
    page_jobs = html.jobs(p)
    for path, text in html.render_all(env, p, page_jobs):
        out.write(path, text)
    copy_static(opts.templates / "static", out)
    copy_media(p, opts.content, out)
    out.write("sitemap.xml", html.sitemap(p, page_jobs, []))


def copy_static(static: Path, out: Staging) -> None:
    """The stylesheet, fonts and pictures, copied as they are."""
    for path in sorted(static.rglob("*")):
        if path.is_file():
            rel = "static/" + path.relative_to(static).as_posix()
            shutil.copyfile(path, out.path(rel))
            out.written.append(rel)


def copy_media(p: Prospectus, content: Path, out: Staging) -> None:
    """Pictures named in content (course images, published tutors' photos), copied under media/."""
    sources = {c.image.src for c in p.courses if c.image}
    sources |= {t.photo.src for t in p.published_tutors if t.photo}
    for src in sorted(sources):
        rel = "media/" + src
        shutil.copyfile(content / src, out.path(rel))
        out.written.append(rel)
