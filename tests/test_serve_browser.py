"""The preview in a real browser: the open page reloads by itself after a save, and the error
page is accessible (axe-core, WCAG 2.2 AA) when axe is available."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright_session import AXE_JS, CHROMIUM, launch_chromium, run_axe
from test_serve import COURSE, server  # noqa: F401  (the fixture)

playwright_api = pytest.importorskip("playwright.sync_api")

if not CHROMIUM.exists():
    if os.environ.get("PROSPECTUS_REQUIRE_BROWSER"):
        raise RuntimeError(f"Chromium is required but missing at {CHROMIUM}")
    pytest.skip("no Chromium here", allow_module_level=True)


def test_the_open_page_reloads_itself_and_shows_the_error_page(server: tuple[str, Path]) -> None:  # noqa: F811
    base, content = server
    path = content / COURSE
    good = path.read_text()
    browser = launch_chromium()  # through the driver the other browser tests share
    try:
        page = browser.new_page()
        for _ in range(100):  # the server may still be starting
            try:
                page.goto(base + "courses/understanding-anxiety/")
                break
            except playwright_api.Error:
                page.wait_for_timeout(200)
        # livereload.js has said hello to the server (protocol 7); its 'info' follows at once
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7",
                               timeout=20_000)
        page.wait_for_timeout(500)

        path.write_text(good.replace("Anxiety is something everyone feels", "Anxiety visits everyone"))
        page.wait_for_function("() => document.body.innerText.includes('Anxiety visits everyone')", timeout=20_000)

        path.write_text(good.replace("format: course", "format: lecture"))
        page.wait_for_function("() => document.querySelector('h1').innerText.includes('problem')", timeout=20_000)
        assert "line 12" in page.inner_text("main")
        if AXE_JS.is_file():
            violations = run_axe(page)["violations"]
            assert not violations, json.dumps(violations, indent=1)[:3000]
        elif os.environ.get("PROSPECTUS_REQUIRE_BROWSER"):
            raise AssertionError(f"axe-core is required but missing at {AXE_JS}")

        path.write_text(good)
        page.wait_for_function("() => document.querySelector('h1').innerText.includes('Understanding Anxiety')",
                               timeout=20_000)
    finally:
        browser.close()
