"""The fixture site's pages must match the golden copy in tests/golden/minimal/ exactly.

To accept an intended change: ``python tests/regen_golden.py``, then review
``git diff tests/golden/`` and commit it.  A failure prints a unified diff of every page
that changed, so the difference can be read without building anything.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from regen_golden import GOLDEN, build, golden_files


def test_fixture_site_matches_the_golden_copy(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(site)
    actual, expected = golden_files(site), golden_files(GOLDEN)
    assert expected, "tests/golden/minimal is empty: run python tests/regen_golden.py"
    report: list[str] = []
    for rel in sorted(actual.keys() - expected.keys()):
        report.append(f"new file not in the golden copy: {rel}")
    for rel in sorted(expected.keys() - actual.keys()):
        report.append(f"golden file no longer built: {rel}")
    for rel in sorted(actual.keys() & expected.keys()):
        if actual[rel] != expected[rel]:
            report.extend(difflib.unified_diff(
                expected[rel].decode("utf-8").splitlines(), actual[rel].decode("utf-8").splitlines(),
                f"golden/minimal/{rel}", f"built/{rel}", lineterm="", n=2))
    if report:
        pytest.fail("The built fixture site differs from tests/golden/minimal/. If the change is intended, run: "
                    "python tests/regen_golden.py\n" + "\n".join(report[:400]), pytrace=False)
