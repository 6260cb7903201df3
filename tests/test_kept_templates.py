"""Compiled templates kept in the cache folder must never be used when they could be stale, and a
damaged one must only cost the time of compiling it again."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from prospectus import words
from prospectus.build.manifest import program_key
from prospectus.render.environment import environment
from prospectus.render.templates import Templates


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text('{{ "open"|status }} for {{ name }}\n', encoding="utf-8")
    return folder


def render(templates: Path, cache: Path, version: str = "") -> str:
    """Rendered with compiled templates kept in ``cache``, in the folder for this program's version
    (as the build keeps them: a folder per program_key)."""
    env = environment(Templates(templates), cache / (version or program_key()))
    return env.get_template("page.html").render(name="Sam")


def kept(cache: Path) -> list[Path]:
    return sorted(f for f in cache.rglob("*") if f.is_file())


def test_kept_templates_are_used_and_an_edited_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = render(templates, cache)
    assert first == f"{words.STATUS['open']} for Sam\n" and len(kept(cache)) == 1
    assert render(templates, cache) == first
    (templates / "page.html").write_text("Edited for {{ name }}\n", encoding="utf-8")
    assert render(templates, cache) == "Edited for Sam\n"


def test_templates_compiled_by_another_version_of_the_program_are_not_used(
        templates: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja2 works out a filter on fixed text when it compiles, so the compiled code holds this
    program's words: after an upgrade that changes them, a kept template would show the old ones."""
    cache = tmp_path / "cache"
    assert render(templates, cache, "version one") == f"{words.STATUS['open']} for Sam\n"
    old = kept(cache)
    monkeypatch.setitem(words.STATUS, "open", "Open for booking")
    assert render(templates, cache, "version two") == "Open for booking for Sam\n"
    assert not any(f.exists() for f in old), "the other version's compiled templates were left behind"


def test_a_damaged_kept_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = render(templates, cache)
    for damaged in kept(cache):
        damaged.write_bytes(jinja2.bccache.bc_magic + b"\x80 not a pickle")
    assert render(templates, cache) == first
    for damaged in kept(cache):
        damaged.write_bytes(b"")
    assert render(templates, cache) == first


def test_a_cache_folder_that_cannot_be_made_only_means_compiling(templates: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    assert render(templates, tmp_path / "file" / "cache") == f"{words.STATUS['open']} for Sam\n"
