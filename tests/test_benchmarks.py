"""The benchmark's synthetic content must be content the build accepts, or the figures lie.

These check the generator (valid, warning-free, deterministic, as described) and the Hugo
copy of it (same bodies, front matter reduced to title and date).  No timing here: timing
is the benchmark's job, not a test's.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synth  # noqa: E402
import vshugo  # noqa: E402


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_content_builds_without_problems(tmp_path: Path, cli: Callable[..., Any]) -> None:
    synth.write(40, tmp_path / "content", seed=3)
    result = cli("--content", tmp_path / "content", "--output", tmp_path / "site", "--no-pdf")
    assert result.code == 0, result.text
    assert "warning" not in result.text.lower(), result.text
    assert (tmp_path / "site" / "courses" / "understanding-anxiety-1" / "index.html").is_file()


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    synth.write(15, tmp_path / "a", seed=5)
    synth.write(15, tmp_path / "b", seed=5)
    synth.write(15, tmp_path / "c", seed=6)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_courses_are_as_described(tmp_path: Path) -> None:
    synth.write(120, tmp_path / "content")
    courses = sorted((tmp_path / "content" / "courses").glob("*.md"))
    tutors = list((tmp_path / "content" / "tutors").glob("*.md"))
    assert len(courses) == 120 and len(tutors) == 12
    kinds = set()
    for path in courses:
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        kinds |= {"weekly" if "weekly" in run else "sessions" for run in data["runs"]}
        assert 3 <= len(data["easy_read"]["points"]) <= 6
        assert all(len(p["text"].split()) <= 15 for p in data["easy_read"]["points"])
        words = len([w for w in body.split() if re.search("[A-Za-z]", w)])
        assert 300 <= words <= 600, (path.name, words)
        for mark in ("\n## ", "\n### ", "\n- ", "\n1. ", "| --- |", "](https://example.org)", "*"):
            assert mark in body, (path.name, mark)
        assert re.search(r"\]\(\.\./[a-z0-9-]+/\)", body)
    assert kinds == {"weekly", "sessions"}


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit, match="not a synthetic content folder"):
        synth.write(3, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_hugo_copy_keeps_bodies_and_only_title_and_date(tmp_path: Path) -> None:
    synth.write(5, tmp_path / "content")
    assert vshugo.make_site(tmp_path / "content", tmp_path / "hugo") == 5
    for source in (tmp_path / "content" / "courses").glob("*.md"):
        _, _, body = source.read_text(encoding="utf-8").split("---\n", 2)
        _, front, copied = (tmp_path / "hugo" / "content" / "courses" / source.name).read_text(
            encoding="utf-8").split("---\n", 2)
        assert copied == body
        assert set(yaml.safe_load(front)) == {"title", "date"}


def test_bare_pipeline_writes_each_course_body_as_a_page(tmp_path: Path) -> None:
    """The floor must do the same Markdown work as the build, or its time says nothing."""
    import subprocess
    from html.parser import HTMLParser

    synth.write(9, tmp_path / "content", seed=2)
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bare.py"), str(tmp_path / "content"),
                           str(tmp_path / "out")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    sources = sorted((tmp_path / "content" / "courses").glob("*.md"))
    assert sorted(p.name for p in (tmp_path / "out" / "courses").iterdir()) == [s.stem for s in sources]
    for source in sources:
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)

        class Tags(HTMLParser):
            def __init__(self) -> None:
                super().__init__()
                self.tags: list[str] = []
                self.text: list[str] = []

            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                self.tags.append(tag)

            def handle_data(self, data: str) -> None:
                self.text.append(data)

        page = Tags()
        page.feed((tmp_path / "out" / "courses" / source.stem / "index.html").read_text(encoding="utf-8"))
        assert yaml.safe_load(front)["title"] in page.text
        assert body.count("\n## ") == page.tags.count("h2") and page.tags.count("table") >= 1
        assert page.tags.count("li") >= body.count("\n- ")


def test_pagefind_alone_is_given_only_the_course_pages_the_build_indexes(tmp_path: Path,
                                                                           cli: Callable[..., Any]) -> None:
    import bare

    synth.write(6, tmp_path / "content", seed=4)
    assert cli("--content", tmp_path / "content", "--output", tmp_path / "site", "--no-pdf").code == 0
    command = bare.pagefind_command(tmp_path / "site", tmp_path / "pages", tmp_path / "index")
    courses = sorted(p.stem for p in (tmp_path / "content" / "courses").glob("*.md"))
    assert sorted(p.name for p in (tmp_path / "pages" / "courses").iterdir()) == courses
    assert bare.indexed(tmp_path / "pages") == len(courses)
    for name in courses:
        assert (tmp_path / "pages" / "courses" / name / "index.html").read_bytes() == (
            tmp_path / "site" / "courses" / name / "index.html").read_bytes()
    assert command[command.index("--site") + 1] == str(tmp_path / "pages")
