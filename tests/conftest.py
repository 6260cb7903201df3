"""Shared fixtures: the sample prospectus built once, a small fixture site, and a CLI runner.

Layered like Lektor's: ``project_root`` -> ``sample_site`` (built once per session) and
``minimal_content`` (a fresh, writable copy of a small fixture site for each test).
Builds run with a fixed SOURCE_DATE_EPOCH so that date-dependent output is reproducible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright_session import stop_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE_EPOCH = "1795392000"  # 2026-11-23, inside the sample's autumn term
os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE_EPOCH


@dataclass(frozen=True)
class Run:
    """The outcome of one command-line run."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def run_cli(*args: str | Path, cwd: Path = ROOT, timeout: float = 120) -> Run:
    """Run ``python build.py ARGS`` in a fresh process, as an editor would."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})
    return Run(proc.returncode, proc.stdout, proc.stderr)


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


@pytest.fixture
def minimal_content(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/minimal: a valid little college to break on purpose."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli
