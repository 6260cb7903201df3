"""Helpers for the find-a-course browser tests: axe-core, and where the project is (the browser
and the site server are in tests/playwright_session.py). Tests skip when a tool is missing,
unless PROSPECTUS_REQUIRE_BROWSER=1 (CI), where a missing tool is a failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright_session import AXE_JS, run_axe, unavailable

ROOT = Path(__file__).resolve().parent.parent.parent


def axe(page: Any) -> list[dict[str, Any]]:
    if not AXE_JS.is_file():
        unavailable(f"axe-core is missing at {AXE_JS}: run npm ci --ignore-scripts")
    return list(run_axe(page)["violations"])
