"""Search: the search page, and a Pagefind index of every course and page, made offline in the build.

Pagefind reads the finished HTML (only elements marked ``data-pagefind-body``: course and page
text, never the menus, footers or the filtered lists that repeat course cards) and writes a
static index under ``pagefind/`` that the search page queries in the browser.  The index is
made last, after every page is written.  Without JavaScript the search page says so plainly and
points to the complete courses list, which is always there.

When Pagefind is not installed or fails, the site is still published without the index, and
the build says so: search is a convenience, the courses list is the way to everything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jinja2

from .. import model as m
from . import html

PAGEFIND_DIR = "pagefind"


def search_page(env: jinja2.Environment, p: m.Prospectus) -> tuple[str, str]:
    """(path, html) of search/index.html."""
    job = html.PageJob("search/index.html", "search.html")
    return job.path, html.render_job(env, html.base_context(p), job)


def index(site: Path, language: str) -> list[str]:
    """Run Pagefind over ``site``; returns the files it wrote (site-relative), or [] when it could not."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", PAGEFIND_DIR,
               "--force-language", language.split("-")[0].lower() or "en", "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _warn(str(exc))
        return []
    if done.returncode != 0 or not (site / PAGEFIND_DIR / "pagefind.js").is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        _warn(lines[-1] if lines else f"exit code {done.returncode}")
        return []
    return sorted(f.relative_to(site).as_posix() for f in (site / PAGEFIND_DIR).rglob("*") if f.is_file())


def _warn(detail: str) -> None:
    print(f"warning: the search index could not be made ({detail}). The site was built without search; "
          "everything is still reachable from the courses list. Install it with: pip install 'pagefind[bin]'",
          file=sys.stderr)
