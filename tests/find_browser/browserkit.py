"""Helpers for the find-a-course browser tests: serve a built site over http, launch Debian's
Chromium through Playwright, run axe-core. Tests skip when the browser is missing, unless
PROSPECTUS_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright_session import AXE_JS, CHROMIUM, launch_chromium, run_axe

ROOT = Path(__file__).resolve().parent.parent.parent


def unavailable(why: str) -> None:
    """Skip, or fail when the browser checks are required."""
    if os.environ.get("PROSPECTUS_REQUIRE_BROWSER") == "1":
        pytest.fail(why)
    pytest.skip(why)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def serve(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def launch() -> Iterator[Any]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    browser = launch_chromium()
    yield browser
    browser.close()


def axe(page: Any) -> list[dict[str, Any]]:
    if not AXE_JS.is_file():
        unavailable(f"axe-core is missing at {AXE_JS}: run npm ci --ignore-scripts")
    return list(run_axe(page)["violations"])
