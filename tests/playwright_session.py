"""One Playwright driver for the whole test session.

Playwright's sync API refuses to start a second driver while one is running, and several
test folders (tests/browser, tests/find_browser, ...) launch browsers: they all share this one.
"""

from __future__ import annotations

from typing import Any

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
