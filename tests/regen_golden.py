"""Rebuild the golden copy of the fixture site: ``python tests/regen_golden.py``.

Run it after an intended change to templates or rendering, look at ``git diff
tests/golden/`` to check every change is the one you meant, and commit it with your change.
The build uses a fixed date (SOURCE_DATE_EPOCH), 1 September 2026: before the fixture's term, so
that the golden pages show runs still to come (tests/test_on_the_day.py covers other dates).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURE = HERE / "fixtures" / "minimal"
GOLDEN = HERE / "golden" / "minimal"
EPOCH = "1788220800"  # 2026-09-01


def golden_files(site: Path) -> dict[str, bytes]:
    """The files kept in the golden copy: every page and the sitemap (not static assets)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and (p.suffix == ".html" or p.name == "sitemap.xml")}


def build(output: Path) -> None:
    """Build the fixture site into ``output`` exactly as the golden test does."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    sys.path.insert(0, str(ROOT))
    from prospectus import cli

    try:
        code = cli.main(["--content", str(FIXTURE), "--output", str(output), "-q", "--no-pdf"])
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    if code != 0:
        raise SystemExit(f"The fixture site did not build (exit {code}).")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in golden_files(site).items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    print(f"Wrote {len(golden_files(GOLDEN))} files to {GOLDEN.relative_to(ROOT)}/. Check them with git diff.")


if __name__ == "__main__":
    main()
