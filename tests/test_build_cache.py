"""What the build keeps between builds (parsed files, rendered pages and calendars, search index
parts) never shows in the result: after any edit, a build with a warm cache is byte-identical to
a build from an empty cache, and the kept work is really used."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from prospectus.build import pipeline
from prospectus.content import loader

ROOT = Path(__file__).resolve().parent.parent


def files(folder: Path) -> dict[str, bytes]:
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*"))
            if f.is_file() and f.name != ".prospectus-build"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def build(project: Path, cache: str, out: str) -> pipeline.Result:
    opts = pipeline.Options(content=project / "content", output=project / out, templates=project / "templates",
                            pdf=False, cache=project / cache, force=True)
    return pipeline.build(opts)


def same_as_a_build_from_nothing(project: Path, n: int) -> None:
    shutil.rmtree(project / f"cold-cache-{n}", ignore_errors=True)
    build(project, f"cold-cache-{n}", f"cold-{n}")
    warm, cold = files(project / "site"), files(project / f"cold-{n}")
    assert sorted(warm) == sorted(cold)
    different = [rel for rel in cold if warm[rel] != cold[rel]]
    assert different == []


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("a course title", lambda c: edit(c / "courses" / "understanding-anxiety.md",
                                       "title: Understanding Anxiety", "title: Understanding Worry")),
    ("a course description", lambda c: edit(c / "courses" / "hearing-voices.md", "\n\n",
                                             "\n\nA new opening line.\n\n")),
    ("a tutor's name", lambda c: edit(c / "tutors" / "sam.md", "name: Sam", "name: Samira")),
    ("the college's name", lambda c: edit(c / "college.yaml", "name: ", "name: New ")),
    ("a page", lambda c: edit(c / "pages" / "about-us.md", "\n\n", "\n\nWe moved.\n\n")),
]


@pytest.mark.parametrize(("what", "change"), EDITS, ids=[e[0] for e in EDITS])
def test_after_an_edit_a_warm_build_equals_a_cold_one(project: Path, what: str,
                                                      change: Callable[[Path], None]) -> None:
    build(project, "cache", "site")
    change(project / "content")
    build(project, "cache", "site")
    same_as_a_build_from_nothing(project, 1)


def test_a_template_edit_is_seen(project: Path) -> None:
    build(project, "cache", "site")
    edit(project / "templates" / "course.html", "{% block main %}", "{% block main %}<p>Template edited.</p>")
    build(project, "cache", "site")
    assert "Template edited." in (project / "site" / "courses" / "boundaries" / "index.html").read_text()
    same_as_a_build_from_nothing(project, 2)


def test_kept_work_is_used(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, "cache", "site")
    reads: list[str] = []
    real_check = loader.check_entry

    def counting_check(entry_id: str, *args: object) -> object:
        reads.append(entry_id)
        return real_check(entry_id, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("prospectus.build.parsecache.check_entry", counting_check)
    monkeypatch.setenv("PROSPECTUS_WORKERS", "1")
    edit(project / "content" / "courses" / "hearing-voices.md", "\n\n", "\n\nA new opening line.\n\n")
    build(project, "cache", "site")
    assert reads == ["hearing-voices"]  # only the edited file is checked again
    assert "A new opening line." in (project / "site" / "courses" / "hearing-voices" / "index.html").read_text()
    same_as_a_build_from_nothing(project, 3)


def test_a_damaged_cache_is_only_slower(project: Path) -> None:
    build(project, "cache", "site")
    for kept in (project / "cache").rglob("*"):
        if kept.is_file():
            kept.write_bytes(b"not what was kept")
    build(project, "cache", "site")
    same_as_a_build_from_nothing(project, 4)


def test_a_college_template_that_shows_more_is_never_stale(project: Path) -> None:
    """A college's own venues page listing every course title: no key in the table says so, so
    with changed templates every page is rendered each time."""
    edit(project / "templates" / "venues.html", "{% block main %}",
         "{% block main %}<ul>{% for c in p.courses %}<li>{{ c.title }}</li>{% endfor %}</ul>")
    build(project, "cache", "site")
    edit(project / "content" / "courses" / "understanding-anxiety.md",
         "title: Understanding Anxiety", "title: Understanding Worry")
    build(project, "cache", "site")
    assert "Understanding Worry" in (project / "site" / "venues" / "index.html").read_text()
    same_as_a_build_from_nothing(project, 5)
