"""The stages of a build, as data: one registry that the build and the live preview both walk.

Each :class:`Stage` names its function (outputs.py), what it makes for later stages (a field
of the :class:`~prospectus.build.context.Context`) and what it needs, whether the preview may
run it in small slices, and when the preview runs it at all.  The order is the registry's
order, and :func:`check_order` (run as this module loads) makes sure every stage comes after
the stages that make what it needs.  Nothing is decided by a function's name.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..render.search import index as search
from . import outputs as o
from .context import Context
from .publish import Staging


class When(enum.Enum):
    """When the live preview runs a stage."""

    ALWAYS = "always"  # before anything else, on every update (the picture plans the pages need)
    ITSELF = "itself"  # never as a stage: the preview renders the pages a change touches, one by one
    FULL = "full"  # only on a full rebuild (the static files, which only a template change alters)
    PICTURES = "pictures"  # when the pictures to publish changed
    CHANGE = "change"  # after every change that is not only a course's description
    QUIET = "quiet"  # slow (brochures, the search index): in the background, after a second without saves


@dataclass(frozen=True)
class Stage:
    """One stage: its name (for timings and messages), its function and how it fits with the others."""

    name: str
    run: Callable[[Context, Staging], Any]
    preview: When
    makes: str = ""  # the Context field its result goes into ("" when it only writes files)
    needs: tuple[str, ...] = ()  # Context fields it reads, made by earlier stages
    tasks: Callable[[Context], list[o.Task]] | None = None  # the same files as small tasks (preview slices)
    stop: Callable[[Any], None] | None = None  # undoes what its result leaves running, when a build fails


STAGES: tuple[Stage, ...] = (
    Stage("pictures", o.plan_pictures, When.ALWAYS, makes="pictures"),
    Stage("printing", o.check_printing, When.QUIET, makes="warnings"),  # a missing Pango, said once
    Stage("brochures", o.write_brochures, When.QUIET, makes="brochures", needs=("pictures",)),
    Stage("searched pages", o.write_searched_pages, When.ITSELF, needs=("pictures", "brochures")),
    Stage("search index", o.start_search_index, When.QUIET, makes="search", stop=search.stop),
    Stage("pages", o.write_pages, When.ITSELF, needs=("pictures", "brochures")),
    Stage("static files", o.write_static, When.FULL),
    Stage("media", o.write_media, When.PICTURES, needs=("pictures",)),
    Stage("filter pages", o.write_filter_pages, When.CHANGE, tasks=o.filter_tasks),
    Stage("calendars", o.write_calendars, When.CHANGE, tasks=o.calendar_tasks),
    Stage("feed", o.write_feed, When.CHANGE),
    Stage("search page", o.write_search_page, When.CHANGE),
    Stage("easy read", o.write_easy_read, When.CHANGE, needs=("brochures",), tasks=o.easy_read_tasks),
    Stage("search index finished", o.finish_search_index, When.QUIET, makes="warnings", needs=("search",)),
    Stage("sitemap", o.write_sitemap, When.CHANGE),  # last: it lists every page written before it
)


def check_order(stages: Sequence[Stage]) -> None:
    """Every stage comes after those that make what it needs, and makes a field the Context has."""
    fields = {f.name for f in dataclasses.fields(Context)}
    made: set[str] = set()
    for stage in stages:
        missing = [need for need in stage.needs if need not in made]
        if missing or (stage.makes and stage.makes not in fields):
            raise AssertionError(f"stage '{stage.name}' needs {missing} before it, or makes an unknown field")
        made.add(stage.makes)


check_order(STAGES)


def when(*moments: When) -> tuple[Stage, ...]:
    """The stages the preview runs at these moments, in the registry's order."""
    return tuple(s for s in STAGES if s.preview in moments)


def run(stages: Iterable[Stage], ctx: Context, out: Staging) -> Context:
    """Run ``stages`` in order into ``out``; the context with everything they made.  When one fails,
    what the earlier ones left running is stopped first."""
    timings = os.environ.get("PROSPECTUS_TIMINGS") == "1"
    made: list[tuple[Stage, Any]] = []
    try:
        for stage in stages:
            ctx.progress.stage(stage.name)
            started = time.perf_counter()
            result = stage.run(ctx, out)
            if stage.makes:
                ctx = dataclasses.replace(ctx, **{stage.makes: result})
                made.append((stage, result))
            if timings:
                print(f"  {stage.name}: {time.perf_counter() - started:.3f} s", file=sys.stderr)
    except BaseException:
        for stage, result in made:
            if stage.stop is not None:
                stage.stop(result)
        raise
    return ctx
