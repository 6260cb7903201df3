"""Running the command line as an editor does: ``python build.py ARGS`` in a fresh process.

Shared by tests/conftest.py (the ``cli`` fixture) and the test modules that need it in their
own session fixtures.  Builds get a fixed SOURCE_DATE_EPOCH so that date-dependent output is
reproducible.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_DATE_EPOCH = "1795392000"  # 2026-11-23, inside the sample's autumn term


@dataclass(frozen=True)
class Run:
    """The outcome of one command-line run."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH for midnight (UTC) at the start of ``day``."""
    return str(int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()))


def run_cli(*args: str | Path, cwd: Path = ROOT, timeout: float = 120, day: dt.date | None = None) -> Run:
    """Run ``python build.py ARGS`` in a fresh process, as an editor would (on ``day``: the build's
    date, else the tests' fixed date)."""
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "SOURCE_DATE_EPOCH": epoch(day) if day else BUILD_DATE_EPOCH})
    return Run(proc.returncode, proc.stdout, proc.stderr)
