"""A first end-to-end check: the sample and the fixture site build, and links resolve."""

from pathlib import Path

from prospectus.tools.linkcheck import check_site


def test_minimal_site_builds_and_links_resolve(minimal_content: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    result = cli("--content", minimal_content, "--output", out, "--no-pdf")
    assert result.code == 0, result.text
    assert (out / "courses" / "feeling-calm" / "index.html").is_file()
    assert check_site(out) == []
