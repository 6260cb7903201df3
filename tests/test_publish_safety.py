"""Publishing is safe: builds are reproducible, and a failed build never touches the old site.

The site is written into a staging folder and swapped in only at the end, so every way a
build can fail (a content error, a template mistake, a crash half-way, a full disk) must
leave the previous site/ byte-for-byte as it was, with no staging folder left behind.  The
build must also never delete a folder it did not make.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path
from typing import Any

import pytest
from contentkit import edit, tree_hash

from prospectus import cli as prospectus_cli
from prospectus.build import pipeline, stages
from prospectus.build.publish import MARKER, Staging
from prospectus.problems import ContentError, UsageError

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"


def _build(content: Path, site: Path, *extra: str) -> int:
    """Build with --force: an unchanged build is normally skipped, and these tests need it to run."""
    return prospectus_cli.main(["--content", str(content), "--output", str(site), "-q", "--no-pdf", "--force",
                                *extra])


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A content copy, a site built from it, and the hash of every file in that site."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    site = tmp_path / "site"
    assert _build(content, site) == 0
    return content, site, tree_hash(site)


def _no_staging_left(site: Path) -> None:
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.")) == []


def test_building_twice_gives_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert _build(ROOT / "content", first) == 0
    assert _build(ROOT / "content", second) == 0
    a, b = tree_hash(first), tree_hash(second)
    assert len(a) > 50
    assert a == b, sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_rebuilding_in_place_gives_identical_files(built: tuple[Path, Path, dict[str, str]]) -> None:
    content, site, before = built
    assert _build(content, site) == 0
    assert tree_hash(site) == before
    _no_staging_left(site)


def test_content_error_leaves_the_site(built: tuple[Path, Path, dict[str, str]],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    content, site, before = built
    edit(content, "courses/feeling-calm.md", "title: Feeling Calm\n", "")
    assert _build(content, site) == 1
    assert "courses/feeling-calm.md:2: 'title' is missing" in capsys.readouterr().err
    assert tree_hash(site) == before
    _no_staging_left(site)


def _broken_templates(tmp_path: Path, name: str, old: str, new: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    text = (templates / name).read_text(encoding="utf-8")
    assert old in text
    (templates / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return templates


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("name", "old", "new", "words"), [
    ("course.html", "{% if course.content_note %}", "{% if course.content_note %}{% for x in %}", "mistake"),
    ("course.html", "{{ course.summary }}", "{{ course.summary }}{{ course.no_such_detail }}", "does not exist"),
    ("base.html", '<main id="main"', '{{ no_such_variable.x }}<main id="main"', "does not exist"),
    ("_macros.html", "{% macro ", "{% macro broken( %}{% endmacro %}\n{% macro ", "mistake"),
    ("course.html", "{{ course.summary }}</p>", "{{ course.title|role }}</p>", "could not be shown"),
])
def test_template_error_names_the_file_and_line_and_leaves_the_site(
        built: tuple[Path, Path, dict[str, str]], tmp_path: Path, capsys: pytest.CaptureFixture[str],
        name: str, old: str, new: str, words: str) -> None:
    content, site, before = built
    templates = _broken_templates(tmp_path, name, old, new)
    line = _line_of(templates / name, new.split("\n")[0])
    assert _build(content, site, "--templates", str(templates)) == 1
    err = capsys.readouterr().err
    assert f"{templates.as_posix()}/{name}:{line}: " in err and words in err, err  # the folder given, the file
    assert "Traceback" not in err and "not changed" in err
    assert tree_hash(site) == before
    _no_staging_left(site)


def test_a_crash_half_way_leaves_the_site(built: tuple[Path, Path, dict[str, str]],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    content, site, before = built
    seen: list[int] = []

    def crash(ctx: object, out: Staging) -> None:
        seen.append(len(out.written))
        raise RuntimeError("simulated crash half-way")

    after_pages = [s.name for s in stages.STAGES].index("pages") + 1
    crashing = stages.Stage("crash", crash, stages.When.CHANGE)
    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES[:after_pages], crashing, *stages.STAGES[after_pages:]))
    with pytest.raises(RuntimeError, match="half-way"):
        pipeline.build(pipeline.Options(content=content, output=site, pdf=False, force=True))
    assert seen and seen[0] > 10  # pages were already written into staging when it crashed
    assert tree_hash(site) == before
    _no_staging_left(site)


def test_a_crash_is_reported_without_a_traceback(built: tuple[Path, Path, dict[str, str]],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    content, site, before = built

    def crash(ctx: object, out: Staging) -> None:
        raise ValueError("simulated bug")

    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES[:1], stages.Stage("crash", crash, stages.When.CHANGE)))
    assert _build(content, site) == 1
    err = capsys.readouterr().err
    assert "not changed" in err and "--debug" in err and "Traceback" not in err
    assert tree_hash(site) == before


@pytest.mark.parametrize("after", [0, 5, 15])
def test_disk_full_leaves_the_site(built: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str], after: int) -> None:
    content, site, before = built
    real_write = Staging.write
    count = {"n": 0}

    def failing_write(self: Staging, rel: str, data: str | bytes, *args: Any, **kwargs: Any) -> None:
        if count["n"] >= after:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.root / rel))
        count["n"] += 1
        real_write(self, rel, data, *args, **kwargs)

    monkeypatch.setattr(Staging, "write", failing_write)
    with pytest.raises(OSError):
        pipeline.build(pipeline.Options(content=content, output=site, pdf=False, force=True))
    assert tree_hash(site) == before
    _no_staging_left(site)
    assert _build(content, site) == 1  # and the command line says so in words
    err = capsys.readouterr().err
    assert "No space left on device" in err and "not changed" in err and "Traceback" not in err
    assert tree_hash(site) == before
    _no_staging_left(site)


def test_a_folder_the_build_did_not_make_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mine = tmp_path / "my-documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("precious")
    before = tree_hash(mine)
    assert _build(FIXTURE, mine) == 2
    assert "did not make" in capsys.readouterr().err
    assert tree_hash(mine) == before


def test_an_empty_folder_and_an_earlier_build_are_accepted(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _build(FIXTURE, empty) == 0
    assert (empty / MARKER).is_file()
    (empty / "stale.html").write_text("left from before")
    assert _build(FIXTURE, empty) == 0  # replaced completely: an earlier build's folder
    assert not (empty / "stale.html").exists()


@pytest.mark.parametrize("output", [".", "content", "content/site", "content/courses"])
def test_output_overlapping_the_content_is_refused(tmp_path: Path, cli, output: str) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(FIXTURE, tmp_path / "content")
    (tmp_path / "notes.txt").write_text("keep me")
    before = tree_hash(tmp_path)
    result = cli("--content", "content", "--output", output, "--no-pdf", cwd=tmp_path)
    assert result.code == 2, result.text
    assert "overlaps the content folder" in result.err or "did not make" in result.err
    assert "Traceback" not in result.text
    assert tree_hash(tmp_path) == before


def test_output_dot_in_a_project_folder_is_refused(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project / "content")
    (project / "README.md").write_text("mine")
    before = tree_hash(project)
    result = cli("--content", project / "content", "--output", ".", cwd=project)
    assert result.code == 2 and "Traceback" not in result.text
    assert tree_hash(project) == before


def test_output_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "site"
    target.write_text("a file")
    assert _build(FIXTURE, target) == 2
    assert "is a file" in capsys.readouterr().err
    assert target.read_text() == "a file"


def test_missing_content_folder_is_a_usage_error(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("--content", tmp_path / "nothing-here", "--output", tmp_path / "site")
    assert result.code == 2
    assert "no content folder" in result.err and "Traceback" not in result.text
    assert not (tmp_path / "site").exists()


def test_pipeline_raises_plain_errors_in_process(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        pipeline.build(pipeline.Options(content=tmp_path / "none", output=tmp_path / "site"))
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    edit(content, "college.yaml", "name: Testbridge", "name: [Testbridge")
    with pytest.raises(ContentError) as info:
        pipeline.build(pipeline.Options(content=content, output=tmp_path / "site"))
    assert [p.format()[:15] for p in info.value.problems] == ["college.yaml:1:"]
    assert not (tmp_path / "site").exists()


def test_template_error_in_a_big_site_rendered_by_two_processes(built: tuple[Path, Path, dict[str, str]],
                                                               tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    content, site, before = built
    text = (content / "courses" / "quiet-walks.md").read_text()
    for n in range(200):  # enough pages for rendering to be split between this process and a fork
        (content / "courses" / f"walk-{n:03d}.md").write_text(text.replace("Quiet Walks", f"Walk {n}"))
    templates = _broken_templates(tmp_path, "course.html", "{{ course.summary }}", "{{ course.summary.nope.x }}")
    line = _line_of(templates / "course.html", "course.summary.nope")
    assert _build(content, site, "--templates", str(templates)) == 1
    err = capsys.readouterr().err
    assert f"course.html:{line}: This template uses something that does not exist" in err, err
    assert "Traceback" not in err
    assert tree_hash(site) == before
    _no_staging_left(site)
