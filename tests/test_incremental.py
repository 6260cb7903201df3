"""Incremental rebuilds: only the pages that show a change are rendered, and the result is
byte-identical to a full build (so the dependency table cannot silently go stale)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from prospectus.build import pipeline
from prospectus.preview.incremental import Incremental

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def preview(tmp_path: Path) -> Incremental:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    inc = Incremental(pipeline.Options(content=content, output=tmp_path / "site",
                                       templates=tmp_path / "templates", pdf=False))
    first = inc.update()
    assert first.ok and first.full
    return inc


def _full_build(inc: Incremental, tmp_path: Path) -> Path:
    out = tmp_path / "fresh"
    pipeline.build(pipeline.Options(content=inc.opts.content, output=out, templates=inc.opts.templates, pdf=False))
    return out


def _same_as_full_build(inc: Incremental, tmp_path: Path) -> None:
    fresh = _full_build(inc, tmp_path)
    def files(root: Path) -> list[str]:  # the search index is made in the background, not here
        return sorted(rel for p in root.rglob("*") if p.is_file()
                      and not (rel := p.relative_to(root).as_posix()).startswith("pagefind/"))

    made, have = files(fresh), files(inc.opts.output)
    assert made == have
    for rel in made:
        assert (fresh / rel).read_bytes() == (inc.opts.output / rel).read_bytes(), rel


def test_a_description_edit_renders_only_the_course_page(preview: Incremental, tmp_path: Path) -> None:
    path = preview.opts.content / "courses" / "understanding-anxiety.md"
    path.write_text(path.read_text().replace("Anxiety is something", "Worry is something"))
    before = preview.rendered_total
    result = preview.update()
    assert result.ok and not result.full
    assert result.rendered == result.written == ["courses/understanding-anxiety/index.html"]
    assert preview.rendered_total - before == 1
    _same_as_full_build(preview, tmp_path)


def test_one_course_change_renders_only_its_dependent_pages(preview: Incremental, tmp_path: Path) -> None:
    path = preview.opts.content / "courses" / "understanding-anxiety.md"
    path.write_text(path.read_text().replace("summary: What anxiety is", "summary: What worry is"))
    before = preview.rendered_total
    result = preview.update()
    assert result.ok and not result.full
    assert sorted(result.rendered) == [
        "categories/understanding-mental-health/index.html", "courses/index.html",
        "courses/understanding-anxiety/index.html", "index.html", "timetable/autumn-2026/index.html",
        "timetable/spring-2027/index.html", "tutors/priya-shah/index.html", "tutors/ruth/index.html",
        "tutors/sam/index.html"]
    assert preview.rendered_total - before == 9
    assert "timetable/autumn-2026/index.html" not in result.written  # rendered, but its bytes did not change
    _same_as_full_build(preview, tmp_path)


def test_a_template_change_renders_everything(preview: Incremental, tmp_path: Path) -> None:
    base = preview.opts.templates / "base.html"
    base.write_text(base.read_text().replace("Skip to main content", "Skip to the content"))
    result = preview.update()
    assert result.ok and result.full
    assert len(result.rendered) == len(preview.pages) > 50
    assert "Skip to the content" in (preview.opts.output / "index.html").read_text()
    _same_as_full_build(preview, tmp_path)


def test_college_yaml_change_renders_everything(preview: Incremental) -> None:
    college = preview.opts.content / "college.yaml"
    college.write_text(college.read_text().replace("Riverside Recovery College", "Riverside College", 1))
    result = preview.update()
    assert result.ok and len(result.rendered) == len(preview.pages)


def test_nothing_changed_renders_nothing(preview: Incremental) -> None:
    before = preview.rendered_total
    assert not preview.update().changed
    assert preview.rendered_total == before


def test_errors_keep_the_last_good_site_and_deleted_courses_go(preview: Incremental, tmp_path: Path) -> None:
    path = preview.opts.content / "courses" / "digital-skills.md"
    page = preview.opts.output / "courses" / "digital-skills" / "index.html"
    good = page.read_bytes()
    path.write_text("---\ntitle: [unclosed\n")
    result = preview.update()
    assert not result.ok and any(p.path == "courses/digital-skills.md" for p in result.errors)
    assert page.read_bytes() == good
    path.unlink()
    result = preview.update()
    assert result.ok and "courses/digital-skills/index.html" in result.removed
    assert not page.exists()
    _same_as_full_build(preview, tmp_path)


def test_a_template_mistake_is_reported_with_file_and_line(preview: Incremental) -> None:
    course = preview.opts.templates / "course.html"
    course.write_text(course.read_text().replace("{% endif %}", "{% endiff %}", 1))
    result = preview.update()
    assert not result.ok
    problem = result.errors[0]
    assert problem.path.endswith("templates/course.html") and problem.line > 0
    from prospectus.preview import errorpage

    page = errorpage.render(result.errors, preview.opts.content, preview.opts.layers())
    assert "{% endiff %}" in page and 'class="here"' in page  # the template's own lines are shown


EDITS = {
    "tutor name": ("tutors/priya-shah.md", "name: Priya Shah", "name: Priya S. Shah"),
    "page title in the menu": ("pages/about-us.md", "title: About us", "title: About the college"),
    "course title (reorders lists)": ("courses/understanding-anxiety.md",
                                      "title: Understanding Anxiety", "title: Anxiety explained"),
    "course category": ("courses/understanding-anxiety.md", "category: understanding-mental-health",
                        "category: life-skills"),
    "course runs": ("courses/understanding-anxiety.md", "status: few-places", "status: open"),  # the run under way
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_every_kind_of_edit_matches_a_full_build(preview: Incremental, tmp_path: Path, name: str) -> None:
    rel, old, new = EDITS[name]
    path = preview.opts.content / rel
    text = path.read_text()
    assert old in text, f"the sample changed: update EDITS[{name!r}]"
    path.write_text(text.replace(old, new, 1))
    result = preview.update()
    assert result.ok, result.errors
    assert result.written
    _same_as_full_build(preview, tmp_path)


def test_a_new_course_appears_and_matches_a_full_build(preview: Incremental, tmp_path: Path) -> None:
    source = preview.opts.content / "courses" / "food-and-mood.md"
    (preview.opts.content / "courses" / "food-and-mood-2.md").write_text(
        source.read_text().replace("code: ", "code: X", 1).replace("title: ", "title: More ", 1))
    result = preview.update()
    assert result.ok, result.errors
    assert "courses/food-and-mood-2/index.html" in result.written
    _same_as_full_build(preview, tmp_path)


def test_pages_of_new_kinds_follow_the_thing_they_are_about(preview: Incremental, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A new kind of page about one course is re-rendered with that course only, once its line in the
    table of preview/keys.py says so; a page of a kind the table does not know is re-rendered on
    every change (never left stale)."""
    from prospectus.preview import keys
    from prospectus.render import pages as html

    (preview.opts.templates / "easy-course.html").write_text("{{ course.title }}: {{ course.summary }}\n")
    (preview.opts.templates / "count.html").write_text("{{ p.courses|length }} courses\n")
    real = html.jobs

    def more_jobs(p: object) -> list[html.PageJob]:
        extra = [html.PageJob(f"easy/{c.id}/index.html", "easy-course.html", {"course": c}) for c in p.courses]
        return [*real(p), *extra, html.PageJob("count/index.html", "count.html")]  # type: ignore[arg-type]

    monkeypatch.setattr(html, "jobs", more_jobs)
    monkeypatch.setitem(keys.TABLE, "easy-course.html", lambda ctx: {keys.Key.course(ctx["course"].id)})
    assert preview.update(force=True).ok
    path = preview.opts.content / "courses" / "understanding-anxiety.md"
    path.write_text(path.read_text().replace("Anxiety is something", "Worry is something"))
    result = preview.update()
    assert sorted(result.rendered) == ["count/index.html", "courses/understanding-anxiety/index.html",
                                       "easy/understanding-anxiety/index.html"]
    _same_as_full_build(preview, tmp_path)


def test_a_deferred_update_writes_the_edited_page_first_and_the_rest_in_slices(preview: Incremental,
                                                                              tmp_path: Path) -> None:
    """What the preview server does: the edited course's page at once, everything else in small
    slices later; when the slices are done the site is the same as a full build."""
    path = preview.opts.content / "courses" / "understanding-anxiety.md"
    path.write_text(path.read_text().replace("title: Understanding Anxiety", "title: Understanding Worry"))
    result = preview.update(defer=True)
    assert result.ok and preview.pending is not None
    page = preview.opts.output / "courses" / "understanding-anxiety" / "index.html"
    assert "Understanding Worry" in page.read_text()
    assert "courses/index.html" not in result.rendered  # the listing waits for work()
    assert "Understanding Worry" not in (preview.opts.output / "courses" / "index.html").read_text()
    slices = 0
    while preview.work(seconds=0.0):  # the smallest slices: one page or file each
        slices += 1
    assert preview.pending is None and slices > 10
    assert "Understanding Worry" in (preview.opts.output / "courses" / "index.html").read_text()
    _same_as_full_build(preview, tmp_path)


def test_work_left_when_the_next_save_comes_is_carried_into_it(preview: Incremental, tmp_path: Path) -> None:
    anxiety = preview.opts.content / "courses" / "understanding-anxiety.md"
    anxiety.write_text(anxiety.read_text().replace("title: Understanding Anxiety", "title: Understanding Worry"))
    assert preview.update(defer=True).ok
    assert preview.work(seconds=0.0)  # one slice, then the editor saves again
    other = sorted(p for p in (preview.opts.content / "courses").glob("*.md") if p != anxiety)[0]
    other.write_text(other.read_text().replace("\n\n", "\n\nA new first paragraph.\n\n", 1))
    assert preview.update(defer=True).ok
    while preview.work(seconds=0.0):
        pass
    assert "Understanding Worry" in (preview.opts.output / "courses" / "index.html").read_text()
    _same_as_full_build(preview, tmp_path)


def _new_picture_for_sam(preview: Incremental) -> None:
    sam = preview.opts.content / "tutors" / "sam.md"
    sam.write_text(sam.read_text().replace("src: photos/sam.jpg", "src: photos/aisha.jpg"))
    assert preview.update(defer=True).ok


def _retitle_anxiety(preview: Incremental) -> None:
    anxiety = preview.opts.content / "courses" / "understanding-anxiety.md"
    anxiety.write_text(anxiety.read_text().replace("title: Understanding Anxiety", "title: Understanding Worry"))
    assert preview.update(defer=True).ok


def _finish(preview: Incremental) -> None:
    while preview.work(seconds=0.0):
        pass


def test_a_new_picture_then_a_title_edit_keeps_every_picture(preview: Incremental, tmp_path: Path) -> None:
    """Pictures published by one update are not taken for another stage's leftovers by the next."""
    _new_picture_for_sam(preview)
    _finish(preview)
    _retitle_anxiety(preview)
    _finish(preview)
    _same_as_full_build(preview, tmp_path)


def test_a_new_picture_saved_twice_quickly_is_still_published(preview: Incremental, tmp_path: Path) -> None:
    _new_picture_for_sam(preview)  # the pictures are still to be published ...
    _retitle_anxiety(preview)  # ... when the next save comes
    _finish(preview)
    _same_as_full_build(preview, tmp_path)
