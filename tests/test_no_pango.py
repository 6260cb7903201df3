"""A computer without the Pango library (a stock Debian, a new Mac): the website, easy read pages and
calendars are still built, and one line says why there are no brochures and how to install Pango.

``tests/nopango.py`` runs the command line with Pango made unloadable, the way a missing system
package fails (the same OSError from cffi), without touching the packages of this machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from clikit import BUILD_DATE_EPOCH

from prospectus import cli
from prospectus.build import pipeline

ROOT = Path(__file__).resolve().parent.parent
NO_PANGO = Path(__file__).resolve().parent / "nopango.py"


def run_without_pango(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(NO_PANGO), *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": BUILD_DATE_EPOCH})


def test_without_pango_the_site_is_built_and_one_line_says_how_to_get_the_brochures(
        minimal_content: Path, tmp_path: Path) -> None:
    done = run_without_pango("--content", minimal_content, "--output", tmp_path / "site", cwd=tmp_path)
    text = done.stdout + done.stderr
    assert done.returncode == 0, text
    said = [line for line in text.splitlines() if "Pango" in line]
    assert len(said) == 1, text
    assert "brochures" in said[0] and "libpango-1.0-0" in said[0] and "--no-pdf" in said[0], said[0]
    assert "disk" not in text.lower() and "Traceback" not in text
    assert "WeasyPrint could not import some external libraries" not in text  # its own notice is not shown
    site = tmp_path / "site"
    assert (site / "index.html").is_file() and (site / "easy-read" / "index.html").is_file()
    assert list((site / "calendar").glob("*.ics")), "the term calendars are made"
    assert not (site / "pdf").exists()
    linked = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if ".pdf" in p.read_text(encoding="utf-8")]
    assert linked == [], f"pages link brochures that were not made: {linked}"


def test_no_pdf_says_nothing_about_pango(minimal_content: Path, tmp_path: Path) -> None:
    done = run_without_pango("--content", minimal_content, "--output", tmp_path / "site", "--no-pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Pango" not in done.stdout + done.stderr
    assert "warning" not in done.stdout + done.stderr


def test_a_library_that_cannot_be_loaded_is_never_blamed_on_the_disk(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def fails(opts: pipeline.Options, progress: object = None) -> pipeline.Result:
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    monkeypatch.setattr(pipeline, "build", fails)
    assert cli.main(["--content", str(ROOT / "tests" / "fixtures" / "minimal"), "--output", str(tmp_path / "s")]) == 1
    err = capsys.readouterr().err
    assert "Pango" in err and "--no-pdf" in err and "Traceback" not in err
    assert "disk" not in err.lower() and "permission" not in err.lower()
