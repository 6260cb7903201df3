"""Fixtures for checking the built sample prospectus in a real browser (issue 3).

The sample site is built once per session into a temporary folder, served over http on
127.0.0.1 (under the path of the college's ``base_url``, as it will be published, so the
404 page's absolute links work too) and opened in Debian's Chromium through Playwright.
One browser serves the whole session; each kind of check reuses one browser context.

When Chromium, Playwright or axe-core is missing the browser tests skip with the reason,
unless PROSPECTUS_REQUIRE_BROWSER=1 (as in CI), where a missing tool is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from playwright_session import AXE_JS, chromium, on_build_date, serve, unavailable

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"))
ARTIFACTS = Path(os.environ.get("PROSPECTUS_ARTIFACTS", ROOT / "artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
DESKTOP = {"width": 1280, "height": 800}


missing = unavailable  # skip, or fail when PROSPECTUS_REQUIRE_BROWSER=1


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """scripts/test.sh sets PROSPECTUS_SKIP_BROWSER=1 when it could not install the tools."""
    if os.environ.get("PROSPECTUS_SKIP_BROWSER") != "1" or os.environ.get("PROSPECTUS_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="PROSPECTUS_SKIP_BROWSER=1: scripts/test.sh could not install the browser tools")
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def site(sample_site: Path) -> Path:
    """The sample prospectus, built once for the whole test session (tests/conftest.py); the
    browser tests only read it, and test_axe checks that they leave it unchanged."""
    return sample_site


@pytest.fixture(scope="session")
def pages(site: Path) -> list[str]:
    """Every HTML page of the built site (outside pagefind/), as paths relative to the site."""
    found = [f.relative_to(site).as_posix() for f in site.rglob("*.html")]
    return sorted(rel for rel in found if not rel.startswith("pagefind/"))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site over http at the college's published path, e.g. http://127.0.0.1:PORT/recovery-college/."""
    college = yaml.safe_load((ROOT / "content" / "college.yaml").read_text(encoding="utf-8"))
    prefix = urlsplit(str(college.get("base_url") or "/")).path or "/"
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    yield from (f"{address}/" for address in serve(site, prefix))


@pytest.fixture(scope="session")
def course_pages(pages: list[str]) -> list[str]:
    """The page of every published course (one per content/courses/<id>.md that was built)."""
    ids = sorted(f.stem for f in (ROOT / "content" / "courses").glob("*.md"))
    return [rel for rel in (f"courses/{i}/index.html" for i in ids) if rel in pages]


@pytest.fixture(scope="session")
def url(base_url: str) -> Callable[[str], str]:
    """The address a visitor uses for a page of the site: its folder for index.html pages."""
    def address(rel: str) -> str:
        return base_url + (rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return address


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session."""
    yield from chromium()


def _context_page(browser: Any, **options: Any) -> Iterator[Any]:
    ctx = on_build_date(browser.new_context(**options))
    pg = ctx.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def desktop(browser: Any) -> Iterator[Any]:
    """A page in a 1280x800 context, reused by the tests that need a desktop window."""
    yield from _context_page(browser, viewport=DESKTOP)


@pytest.fixture(scope="session")
def audited(browser: Any, axe_source: str) -> Iterator[Any]:
    """A desktop page with axe-core loaded into every document (sent to the browser once)."""
    for pg in _context_page(browser, viewport=DESKTOP):
        pg.context.add_init_script(axe_source)
        yield pg


@pytest.fixture(scope="session")
def narrow(browser: Any) -> Iterator[Any]:
    """A page 320 CSS px wide (WCAG 1.4.10 reflow: a 1280 px screen at 400% zoom)."""
    yield from _context_page(browser, viewport={"width": 320, "height": 640})


@pytest.fixture(scope="session")
def zoomed(browser: Any) -> Iterator[Any]:
    """A page as a 1280x800 window shows it at 200% zoom: 640x400 CSS px."""
    yield from _context_page(browser, viewport={"width": 640, "height": 400})


@pytest.fixture(scope="session")
def no_js(browser: Any) -> Iterator[Any]:
    """A desktop page with JavaScript switched off."""
    yield from _context_page(browser, viewport=DESKTOP, java_script_enabled=False)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, from the pinned npm package."""
    if not AXE_JS.is_file():
        missing(f"axe-core not found at {AXE_JS}: npm ci --ignore-scripts, or set AXE_JS")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The Nu Html Checker command line, from the pinned npm package."""
    java = shutil.which("java")
    if not VNU_JAR.is_file() or not java:
        missing(f"Nu Html Checker needs java and {VNU_JAR}: npm ci --ignore-scripts, or set VNU_JAR")
    return [str(java), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", "--skip-non-html"]


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots a person can look at (a CI artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


_NUMBERS: dict[str, str] = {}


@pytest.fixture(scope="session")
def numbers() -> dict[str, str]:
    """Figures the checks measured (pages, axe rules, files validated), shown after the run."""
    return _NUMBERS


_SPENT = [0.0]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add up the time the browser tests take: set-up (the build, the browser), calls, tear-down."""
    if "tests/browser/" in report.nodeid.replace("\\", "/"):
        _SPENT[0] += report.duration


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Tell the reader where the screenshots are and what was checked, whatever the capture setting."""
    if not _NUMBERS:
        return
    terminalreporter.write_sep("-", "browser checks")
    for name, value in sorted(_NUMBERS.items()):
        terminalreporter.write_line(f"{name}: {value}")
    terminalreporter.write_line(f"time taken by the browser tests (build included): {_SPENT[0]:.1f} s")
