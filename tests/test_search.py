"""The search index is made in the build, reads only course and page text, and is reproducible."""

from __future__ import annotations

import json
from pathlib import Path


def files(folder: Path) -> dict[str, bytes]:
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


def test_index_built_and_covers_courses_and_pages(sample_site: Path) -> None:
    entry = json.loads((sample_site / "pagefind" / "pagefind-entry.json").read_text())
    assert "en" in entry["languages"]
    pages = entry["languages"]["en"]["page_count"]
    assert pages == 24 + 5  # every course and every page except how-to-enrol (shown on enrol/)
    assert (sample_site / "search" / "index.html").is_file()
    home = (sample_site / "index.html").read_text()
    assert 'action="search/"' in home and 'name="q"' in home
    assert "data-pagefind-body" in (sample_site / "courses" / "boundaries" / "index.html").read_text()
    assert "data-pagefind-body" not in (sample_site / "courses" / "index.html").read_text()


def test_index_is_byte_identical_across_builds(minimal_content: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    for name in ("one", "two"):
        assert cli("--content", minimal_content, "--output", tmp_path / name, "--no-pdf", "-q").code == 0
    one, two = files(tmp_path / "one" / "pagefind"), files(tmp_path / "two" / "pagefind")
    assert one and one == two
