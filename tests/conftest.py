"""Shared fixtures: the sample prospectus built once, a small fixture site, and a CLI runner.

Layered like Lektor's: ``project_root`` -> ``sample_site`` (built once per session) and
``minimal_content`` (a fresh, writable copy of a small fixture site for each test).
Builds run with a fixed SOURCE_DATE_EPOCH so that date-dependent output is reproducible.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from clikit import BUILD_DATE_EPOCH, Run, run_cli
from playwright_session import stop_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    stop_playwright()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample prospectus in content/, built once (without PDFs unless a test asks)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run_cli("--content", ROOT / "content", "--output", out, "-q", "--no-pdf")
    assert result.code == 0, result.text
    return out


@pytest.fixture(scope="session")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample prospectus built once with its PDFs (brochures and easy read), rendered afresh: the
    .cache folder is made in the temporary working folder, not the project's.  Shared by the tests
    of the brochures (test_pdf.py, test_easy_read.py, test_print_layout.py)."""
    work = tmp_path_factory.mktemp("with-pdf")
    result = run_cli("--content", ROOT / "content", "--output", work / "site", "-q", cwd=work, timeout=600)
    assert result.code == 0, result.text
    return work / "site"


@pytest.fixture
def minimal_content(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/minimal: a valid little college to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
