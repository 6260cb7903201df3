"""One Playwright driver for the whole test session, and one way to start Chromium and run axe.

Playwright's sync API refuses to start a second driver while one is running, and several
test folders (tests/browser, tests/find_browser, test_serve_browser.py) launch browsers: they all
share this driver, this Chromium set-up and this axe run.  Each decides itself whether a missing
tool skips its tests or fails them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

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


def run_axe(page: Any, all_results: bool = False) -> dict[str, Any]:
    """axe-core (loaded into the page first when it is not there yet) with the WCAG 2.2 AA and
    best-practice tags; the caller checks AXE_JS exists."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(AXE_RUN, [AXE_TAGS, all_results])
    return result
