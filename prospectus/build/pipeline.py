"""build(): read and check the content, assemble the model, run every stage, publish.

Content problems are collected first and stop the build before anything is written; the site
is written into a staging folder by the stages of stages.STAGES and swapped in only when every
one has succeeded.  The live preview reads with the same :func:`read`, giving it its own
cached loader and assembler, and runs the same stages.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2

from ..content import loader
from ..model import assemble, checks
from ..model.objects import Prospectus
from ..model.printed import too_many_courses
from ..problems import ContentError, Problem, Severity, UsageError
from ..render import pages
from ..render.environment import environment
from . import manifest, stages
from .context import Context
from .options import Options, Result
from .parsecache import ParseCache
from .progress import SILENT, Progress
from .publish import Staging, check_output, exclusive

Load = Callable[[Path], loader.Loaded]


def read(opts: Options, load: Load | None = None, assemble_with: Callable[..., Prospectus] = assemble.prospectus
         ) -> tuple[Prospectus | None, tuple[Problem, ...]]:
    """Read and check all content; the model is None when there are errors.

    ``load`` and ``assemble_with`` replace the loader and the assembler: the build keeps checked files
    between builds (parsecache.py), the live preview keeps them in memory (preview/readers.py)."""
    if not opts.content.is_dir():
        raise UsageError(f"There is no content folder at '{opts.content}'. Check the path given with --content.")
    started = time.perf_counter()
    if load is None:
        kept = ParseCache(opts.kept())
        loaded = loader.load(opts.content, kept.read)
        kept.save(loaded)  # before the cross-file checks: only each file's own problems are kept
    else:
        loaded = load(opts.content)
    loaded_at = time.perf_counter()
    checks.check(loaded, opts.today)
    if os.environ.get("PROSPECTUS_TIMINGS") == "1":
        print(f"  read: {loaded_at - started:.3f} s, check: {time.perf_counter() - loaded_at:.3f} s",
              file=sys.stderr)
    problems = tuple(sorted(set(loaded.problems)))
    if [p for p in problems if p.is_error or opts.strict] or loaded.college is None:
        return None, problems
    prospectus = assemble_with(loaded, opts.today)
    unprinted = brochure_warnings(prospectus, loaded, opts)
    if unprinted and opts.strict:
        return None, (*problems, *unprinted)
    return prospectus, (*problems, *unprinted)


def brochure_warnings(p: Prospectus, loaded: loader.Loaded, opts: Options) -> list[Problem]:
    """Terms too big to print (model/printed.py), when the build makes brochures at all."""
    if not opts.pdf:
        return []
    terms = (loaded.college or {}).get("terms", ())
    return too_many_courses(p, {t["id"]: t.get("_line", 0) for t in terms if "id" in t})


def check(opts: Options) -> Result:
    """Validate only; raises ContentError when the content has errors."""
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    return Result(problems)


def build(opts: Options, progress: Progress = SILENT) -> Result:
    """Build the whole site into ``opts.output``; nothing is changed there unless it all works.
    ``progress`` shows on a terminal which stage a long build is in (the caller closes it)."""
    started = time.perf_counter()
    print_ = manifest.fingerprint(opts.content, opts.layers().folders(), opts.settings())
    last = manifest.last_build(opts.cache, opts.output)
    if not opts.force and last.get("fingerprint") == print_:
        problems = tuple(Problem(p[0], p[1], p[2], p[3], Severity(p[4])) for p in last.get("problems", ()))
        return Result(problems, list(last.get("files", ())), time.perf_counter() - started, unchanged=True)
    check_output(opts.output, opts.content)  # first: a refused output folder leaves everything as it was
    progress.stage("reading the content")
    prospectus, problems = read(opts)
    if prospectus is None:
        raise ContentError(p for p in problems if p.is_error or opts.strict)
    with exclusive(opts.output, opts.cache / "builds"):
        staging = Staging(opts.output)
        try:
            done = stages.run(stages.STAGES, dataclasses.replace(context(prospectus, opts), progress=progress),
                              staging)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
    problems = (*problems, *done.warnings)
    summary = {"files": sorted(staging.written),
               "problems": [[p.path, p.line, p.message, p.hint, p.severity.value] for p in problems]}
    manifest.remember(opts.cache, opts.output, print_, summary)
    return Result(problems, staging.written, time.perf_counter() - started)


def context(p: Prospectus, opts: Options, env: jinja2.Environment | None = None,
            page_jobs: Sequence[pages.PageJob] | None = None) -> Context:
    """What every stage is given at the start (the build and the preview both start here)."""
    if env is None:
        env = environment(opts.layers(), opts.cache / "templates" / manifest.program_key())
    return Context(p, opts, env, tuple(pages.jobs(p) if page_jobs is None else page_jobs))
