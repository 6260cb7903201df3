"""Fixtures for the find-a-course browser tests (helpers are in browserkit.py): the sample site
served over http, Debian's Chromium through Playwright, a fresh page per test that fails on
any JavaScript error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright_session import chromium, on_build_date, serve


@pytest.fixture(scope="session")
def site_url(sample_site: Path) -> Iterator[str]:
    yield from serve(sample_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    yield from chromium()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = on_build_date(browser.new_context(viewport={"width": 1280, "height": 900}))
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors
