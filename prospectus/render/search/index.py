"""Search: the search page, and a Pagefind index of every course and page, made offline in the build.

Pagefind reads the finished HTML (only elements marked ``data-pagefind-body``: course and page
text, never the menus, footers or the filtered lists that repeat course cards) and writes a
static index under ``pagefind/`` that the search page queries in the browser.  The index is
made last, after every page is written.  Without JavaScript the search page says so plainly and
points to the complete courses list, which is always there.

When Pagefind is not installed, the site is still published without the index, and the build
says so: search is a convenience, the courses list is the way to everything.  When Pagefind is
installed but the index cannot be made (it fails, the disk fills up), the build fails and the
old site is kept: a site is never published quietly missing something it had.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ...model import objects as m
from ...model import urls
from ...parallel import helper_options
from ...problems import OutputFailed, Problem, Severity
from .. import pages
from . import parts as searchindex

PAGEFIND_DIR = urls.PAGEFIND.rstrip("/")
# Only course pages and the college's own pages carry data-pagefind-body; giving Pagefind just
# those saves it parsing every listing, filter and easy read page (a third of its time).
SEARCHED = ("course.html", "page.html")  # the templates of the pages it is given


def search_page(p: m.Prospectus) -> pages.PageJob:
    """The search page; it names every part of the index (see parts.py)."""
    return pages.PageJob(urls.file(urls.SEARCH), "search.html", {"index_parts": index_parts(p)})


def index_parts(p: m.Prospectus) -> list[str]:
    """The site folders of the index's parts: one for every SHARD_PAGES course and college pages."""
    return searchindex.shard_dirs(searchindex.shard_count(len(p.courses) + len(p.pages)))


def searched(jobs: Iterable[pages.PageJob]) -> list[pages.PageJob]:
    """The pages search indexes (the others it would only parse to find nothing to index)."""
    return [job for job in jobs if job.template in SEARCHED]


def start(site: Path, p: m.Prospectus, cache: Path, written: Iterable[pages.PageJob],
          gentle: bool = False) -> subprocess.Popen[str] | None:
    """Start indexing the ``written`` pages in the background (only the :func:`searched` ones), so
    that it runs on the other core while the build writes the remaining outputs.  ``gentle`` runs
    Pagefind at low priority, so that the live preview answers the next save first."""
    pages = sorted(job.path for job in searched(written) if (site / job.path).is_file())  # the preview's may lag
    plan = {"site": str(site.resolve()), "cache": str(cache.resolve()), "pages": pages, "gentle": gentle,
            "shards": len(index_parts(p)), "language": p.college.language.split("-")[0].lower() or "en"}
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix=".plan-", dir=cache.resolve(), delete=False,
                                     encoding="utf-8") as f:
        json.dump(plan, f)
    return subprocess.Popen([sys.executable, "-m", "prospectus.render.search.parts", f.name],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[3], **helper_options(own_session=True))


def finish(process: subprocess.Popen[str] | None, site: Path, p: m.Prospectus) -> tuple[list[str], list[Problem]]:
    """Wait for Pagefind: the files it wrote (site-relative), and a warning when Pagefind is not
    installed; :class:`OutputFailed` when it is installed but the index could not be made."""
    if process is None:
        return [], []
    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        stop(process)
        raise OutputFailed("The search index could not be made: Pagefind was still working after 10 minutes.",
                           "Build again; if it happens again, build with --debug and report it.") from None
    if process.returncode == searchindex.MISSING:
        shutil.rmtree(site / PAGEFIND_DIR, ignore_errors=True)
        return [], [MISSING]
    parts = [site / part / "pagefind.js" for part in index_parts(p)]
    if process.returncode != 0 or not all(p.is_file() for p in parts):
        lines = (err or out).strip().splitlines()
        detail = lines[-1] if lines else f"exit code {process.returncode}"
        full = "No space left" in detail or "Disk quota" in detail
        raise OutputFailed(f"The search index could not be made ({detail}).",
                           "Free some disk space, then build again." if full else
                           "Build again; if it happens again, report it with this message.")
    return sorted(f.relative_to(site).as_posix() for f in (site / PAGEFIND_DIR).rglob("*") if f.is_file()), []


def stop(process: subprocess.Popen[str] | None) -> None:
    """Stop a Pagefind run that is no longer wanted (the build failed part-way)."""
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the helper and the Pagefind it runs (POSIX)
        except (OSError, AttributeError):  # Windows has no process groups to stop
            process.kill()
        process.communicate()


MISSING = Problem("", 0, "Pagefind is not installed, so the site was built without its search index; "
                  "everything is still reachable from the courses list.", "Install it with: pip install "
                  "'pagefind[bin]'", Severity.WARNING)
