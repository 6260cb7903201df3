"""One Playwright driver for the whole test session, and one way to start Chromium and run axe.

Playwright's sync API refuses to start a second driver while one is running, and several
test folders (tests/browser, tests/find_browser, test_serve_browser.py) launch browsers: they all
share this driver, this Chromium set-up and this axe run.  Each decides itself whether a missing
tool skips its tests or fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = Path(os.environ.get("AXE_JS", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RUN = """([tags, all]) => axe.run(document, {runOnly: {type: 'tag', values: tags},
    resultTypes: all ? ['violations', 'passes', 'incomplete', 'inapplicable'] : ['violations']})"""

_playwright: Any = None


def shared_playwright() -> Any:
    """The session's Playwright driver, started on first use."""
    global _playwright
    if _playwright is None:
        from playwright.sync_api import sync_playwright

        _playwright = sync_playwright().start()
    return _playwright


def stop_playwright() -> None:
    """Stop the driver at the end of the session (called from tests/conftest.py)."""
    global _playwright
    if _playwright is not None:
        _playwright.stop()
        _playwright = None


def launch_chromium() -> Any:
    """Debian's Chromium, headless, through the shared driver (the caller checks CHROMIUM exists)."""
    return shared_playwright().chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)


def on_build_date(target: Any) -> Any:
    """Read pages on the day they were built (SOURCE_DATE_EPOCH, at midday), so that what
    templates/static/dates.js shows never depends on the day the tests run; ``target`` is a
    Playwright context or page.  test_dates_browser.py moves the clock on purpose."""
    from clikit import BUILD_DATE_EPOCH

    target.clock.set_fixed_time(int(BUILD_DATE_EPOCH) + 12 * 3600)
    return target


def run_axe(page: Any, all_results: bool = False) -> dict[str, Any]:
    """axe-core (loaded into the page first when it is not there yet) with the WCAG 2.2 AA and
    best-practice tags; the caller checks AXE_JS exists."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(AXE_RUN, [AXE_TAGS, all_results])
    return result


def unavailable(reason: str) -> None:
    """Skip a browser test for a missing tool, or fail it when CI says the tools must be there."""
    if os.environ.get("PROSPECTUS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (PROSPECTUS_REQUIRE_BROWSER=1, so the browser checks must run; "
                    "run scripts/test.sh to install them)", pytrace=False)
    pytest.skip(reason)


def chromium() -> Iterator[Any]:
    """A headless Chromium for as long as the caller's fixture lasts (skipped or failed when missing)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright is not installed: pip install -e '.[test]'")
    if not CHROMIUM.is_file():
        unavailable(f"Chromium not found at {CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH")
    browser = launch_chromium()
    yield browser
    browser.close()


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under one path prefix, quietly."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """The site over http on a free local port, at ``prefix``; yields the address of its root."""
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix.rstrip('/')}"
    httpd.shutdown()
    httpd.server_close()
