"""The live preview over real HTTP: edit, break and fix a course and watch the page follow."""

from __future__ import annotations

import contextlib
import html.parser
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from clikit import run_cli
from contentkit import tree_hash

from prospectus.preview import errorpage
from prospectus.problems import Problem
from prospectus.render.templates import Templates

ROOT = Path(__file__).resolve().parent.parent
COURSE = "courses/understanding-anxiety.md"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(*args: str | Path, cwd: Path) -> Iterator[str]:
    """``build.py serve ARGS`` running in ``cwd``; its address."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port), "--no-pdf",
                             *map(str, args)], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        print(out)  # shown by pytest when a test fails


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    with _serving("--content", content, "--output", tmp_path / "site", cwd=tmp_path) as base:
        yield base, content


def test_serve_never_writes_into_the_colleges_site(tmp_path: Path) -> None:
    """A college's site/ changes only on build: the preview of another content folder (or of its own)
    is kept in the cache folder."""
    college, other = tmp_path / "college", tmp_path / "other"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", college / "content")
    shutil.copytree(ROOT / "content", other)
    built = run_cli("-q", "--no-pdf", cwd=college)
    assert built.code == 0, built.text
    before = tree_hash(college / "site")
    with _serving("--content", other, cwd=college) as base:
        url = base + "courses/understanding-anxiety/"
        _wait_for(url, lambda p: "<h1>Understanding Anxiety" in p)
        course = other / COURSE
        course.write_text(course.read_text().replace("title: Understanding Anxiety", "title: Anxiety explained"))
        _wait_for(url, lambda p: "<h1>Anxiety explained" in p)
    assert tree_hash(college / "site") == before
    previews = list((college / ".cache").rglob("preview/courses/understanding-anxiety/index.html"))
    assert len(previews) == 1, "the preview is kept in the cache folder"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, ok: Callable[[str], bool], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        page = _get(url)
        if ok(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed what was expected; last page:\n{page[:2000]}")


class _Landmarks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_edit_break_and_fix_a_course_in_the_preview(server: tuple[str, Path]) -> None:
    base, content = server
    url = base + "courses/understanding-anxiety/"
    page = _wait_for(url, lambda p: "Understanding Anxiety" in p)
    assert "livereload.js" in page  # the browser is told to reload itself
    path = content / COURSE
    good = path.read_text()

    path.write_text(good.replace("Anxiety is something everyone feels", "Anxiety is a feeling everyone has"))
    _wait_for(url, lambda p: "Anxiety is a feeling everyone has" in p)

    path.write_text(good.replace("format: course", "format: lecture"))
    broken = _wait_for(url, lambda p: "problem" in p and COURSE in p)
    assert "line 12" in broken and "not &#39;lecture&#39;" in broken
    assert 'class="here"' in broken and "format: lecture" in broken
    assert "problem" in _get(base)  # every page shows it, not just the one being edited
    tags = _Landmarks()
    tags.feed(broken)
    names = [t for t, _a in tags.tags]
    assert ("html", {"lang": "en-GB"}) in tags.tags and "main" in names and "h1" in names
    assert any(t == "a" and a.get("href") == "#main" for t, a in tags.tags)
    assert _get(base + "static/site.css")  # the site's files are still served while content is broken

    path.write_text(good)
    _wait_for(url, lambda p: "Anxiety is something everyone feels" in p and "problem needs" not in p)


def test_half_saved_files_and_new_folders_are_survived(server: tuple[str, Path]) -> None:
    base, content = server
    _wait_for(base, lambda p: "Riverside" in p)
    path = content / COURSE
    good = path.read_text()
    path.write_text(good[: len(good) // 3])  # an editor that stopped half-way through saving
    _wait_for(base, lambda p: COURSE in p)
    (content / "courses" / "drafts").mkdir()
    path.write_text(good)
    page = _wait_for(base + "courses/understanding-anxiety/",
                     lambda p: "<h1>Understanding Anxiety" in p and "problem needs" not in p)
    assert "Folders inside this folder" not in page  # a warning: the page is shown, the terminal says it


def test_the_error_page_renders_without_any_model_and_escapes(tmp_path: Path) -> None:
    (tmp_path / "college.yaml").write_text("name: <script>x</script>\n  bad: [\n")
    problems = [Problem("college.yaml", 2, "This line is not valid YAML.", "Check the spaces.")]
    page = errorpage.render(problems, tmp_path, Templates())
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page
    assert "college.yaml" in page and "line 2" in page
    fallback = errorpage.render(problems, tmp_path, Templates(None, tmp_path / "no-templates-here"))
    assert "&lt;script&gt;" in fallback and '<main id="main">' in fallback
