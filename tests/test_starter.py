"""`prospectus new college DIR`: a starter a college puts in its own git repository.

A small valid college to replace (whatever the day it is made on), a README for its editors,
.gitignore, VS Code wired to the JSON Schema, and publishing workflows for GitHub Pages and
GitLab Pages that install a pinned version, build every day and publish site/.  It never
overwrites anything.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from clikit import BUILD_DATE_EPOCH, run_cli
from contentkit import tree_hash

from prospectus import __version__
from prospectus.build import pipeline
from prospectus.content.yamlnodes import parse
from prospectus.tools.schemafiles import to_json
from prospectus.tools.starter import TERM_WEEKS, create

BUILD_DAY = dt.datetime.fromtimestamp(int(BUILD_DATE_EPOCH), dt.UTC).date()
EXPECTED = {
    ".github/workflows/publish.yml", ".gitignore", ".gitlab-ci.yml", ".vscode/extensions.json", ".vscode/settings.json",
    "README.md", "requirements.txt", "templates/README.md", "content/college.yaml",
    "content/courses/peer-support-drop-in.md", "content/courses/understanding-recovery.md",
    "content/courses/writing-for-wellbeing.md", "content/pages/how-to-enrol.md",
    "content/pages/what-is-a-recovery-college.md", "content/tutors/alex.md", "content/tutors/jordan.md",
    "content/tutors/priya.md", "content/tutors/sam.md", "schema/college.schema.json", "schema/course.schema.json",
    "schema/page.schema.json", "schema/tutor.schema.json",
}


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    folder = tmp_path / "northfield"
    create(folder, today=BUILD_DAY)
    return folder


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_the_command_writes_the_starter_and_says_what_to_do_next(tmp_path: Path) -> None:
    result = run_cli("new", "college", "our-prospectus", cwd=tmp_path)
    assert result.code == 0, result.text
    assert files(tmp_path / "our-prospectus") == EXPECTED
    assert "cd our-prospectus" in result.out and "prospectus serve" in result.out
    college = (tmp_path / "our-prospectus" / "content" / "college.yaml").read_text(encoding="utf-8")
    assert "name: Our Prospectus Recovery College" in college


@pytest.mark.parametrize("day", [dt.date(2026, m, d) for m, d in ((1, 1), (2, 14), (4, 9), (5, 31), (7, 20),
                                                                  (8, 30), (9, 1), (11, 23), (12, 24))])
def test_the_example_college_is_valid_with_no_warning_whatever_the_day_it_is_made(tmp_path: Path, day: dt.date) -> None:
    folder = tmp_path / "college"
    create(folder, today=day)
    model, found = pipeline.read(pipeline.Options(content=folder / "content", today=day, strict=True,
                                                  cache=tmp_path / "cache"))
    assert found == () and model is not None, [p.format() for p in found]
    assert len(model.college.terms) == 2 and all(t.starts > day for t in model.college.terms)
    assert len(model.courses) == 3 and [c.format for c in model.courses].count("drop-in") == 1
    assert len(model.tutors) == 4 and len(model.pages) == 2
    assert {t.role for t in model.tutors} >= {"peer-trainer", "practitioner-trainer"}
    sessions = [s.date for c in model.courses for r in c.runs for s in r.sessions]
    for term in model.college.terms:  # a half-term week in each term, with no sessions in it
        half = term.starts + dt.timedelta(weeks=6)
        assert (term.ends - term.starts).days == TERM_WEEKS * 7 - 3
        assert not [d for d in sessions if half <= d <= half + dt.timedelta(days=4)], term.id
        assert [d for d in sessions if term.starts <= d < half] and [d for d in sessions if half < d <= term.ends]


def test_it_builds_in_its_folder_with_its_own_content_and_templates(starter: Path) -> None:
    (starter / "templates" / "404.html").write_text("<p>Our own page</p>\n", encoding="utf-8")
    built = run_cli("--no-pdf", "-q", cwd=starter)
    assert built.code == 0, built.text
    assert (starter / "site" / "404.html").read_text(encoding="utf-8") == "<p>Our own page</p>\n"
    assert (starter / "site" / "courses" / "peer-support-drop-in" / "index.html").is_file()
    new = run_cli("new", "course", "Sleep Well", cwd=starter)
    assert new.code == 0, new.text
    course = (starter / "content" / "courses" / "sleep-well.md").read_text(encoding="utf-8")
    assert "Known category ids: understanding-recovery, living-well." in course
    assert "Known tutor ids: alex, jordan, priya, sam." in course


def test_it_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "college"
    folder.mkdir()
    (folder / "notes.txt").write_text("ours", encoding="utf-8")
    result = run_cli("new", "college", folder)
    assert result.code == 2 and "already exists and is not empty, so nothing was written" in result.err
    assert files(folder) == {"notes.txt"} and (folder / "notes.txt").read_text() == "ours"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run_cli("new", "college", tmp_path / "file").code == 2
    (tmp_path / "empty").mkdir()
    assert run_cli("new", "college", tmp_path / "empty").code == 0  # an empty folder, made beforehand, is fine
    before = tree_hash(tmp_path / "empty")
    again = run_cli("new", "college", tmp_path / "empty")
    assert again.code == 2 and tree_hash(tmp_path / "empty") == before


def test_git_ignores_what_builds_make_and_vs_code_knows_the_schema(starter: Path) -> None:
    ignored = (starter / ".gitignore").read_text(encoding="utf-8").split()
    assert "site/" in ignored and ".cache/" in ignored
    settings = json.loads((starter / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    ((schema_file, target),) = settings["yaml.schemas"].items()
    assert target == "content/college.yaml"
    schema = json.loads((starter / schema_file).read_text(encoding="utf-8"))
    node = parse((starter / target).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(to_json(node))
    extensions = json.loads((starter / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def test_the_readme_tells_editors_how_to_preview_check_publish_and_get_help(starter: Path) -> None:
    readme = (starter / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Northfield Recovery College: our prospectus")
    for words in ("prospectus serve", "prospectus check", "## Publishing", "every day", "Settings > Pages",
                  "Pipeline schedules", "## Where to get help", ".venv", "Windows", "macOS", "requirements.txt"):
        assert words in readme, words
    assert "@@" not in readme and __version__ in readme


def requirement(starter: Path) -> str:
    lines = [ln for ln in (starter / "requirements.txt").read_text().splitlines() if ln and not ln.startswith("#")]
    assert len(lines) == 1
    return lines[0]


def test_the_version_published_with_is_pinned(starter: Path, tmp_path: Path) -> None:
    assert requirement(starter) == f"prospectus=={__version__}"
    result = run_cli("new", "college", tmp_path / "other", "--requirement",
                     "prospectus @ https://example.org/prospectus-0.1.0-py3-none-any.whl")
    assert result.code == 0, result.text
    assert requirement(tmp_path / "other") == "prospectus @ https://example.org/prospectus-0.1.0-py3-none-any.whl"


def test_the_github_workflow_builds_on_every_push_and_every_day_and_publishes_site(starter: Path) -> None:
    flow = yaml.safe_load((starter / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as true; GitHub reads it as "on"
    assert "push" in triggers and triggers["push"] is None  # every branch
    (cron,) = [s["cron"] for s in triggers["schedule"]]
    minute, hour, day, month, weekday = cron.split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")  # once a day
    steps = flow["jobs"]["build"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "libpango-1.0-0" in runs and "pip install -r requirements.txt" in runs
    assert re.search(r"^prospectus build$", runs, re.MULTILINE)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    publish = flow["jobs"]["publish"]
    for condition in (upload["if"], publish["if"]):  # from the default branch, and from the daily run, whose
        assert "github.event_name == 'schedule' ||" in condition  # event has not always named the repository
        assert "github.event.repository.default_branch" in condition
    assert upload["with"]["path"] == "site"
    assert publish["needs"] == "build" and publish["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"] for s in publish["steps"]] == ["actions/deploy-pages@v4"]
    assert all("@v" in s["uses"] for job in flow["jobs"].values() for s in job["steps"] if "uses" in s)


def test_the_gitlab_pipeline_builds_on_every_push_and_publishes_site_from_the_default_branch(starter: Path) -> None:
    text = (starter / ".gitlab-ci.yml").read_text(encoding="utf-8")
    pipeline_ = yaml.safe_load(text)
    assert "libpango-1.0-0" in " ".join(pipeline_["before_script"])
    assert "python -m pip install -r requirements.txt" in pipeline_["before_script"]
    assert pipeline_["check"]["script"] == ["prospectus build"]
    assert pipeline_["check"]["rules"] == [{"if": "$CI_COMMIT_BRANCH != $CI_DEFAULT_BRANCH"}]
    pages = pipeline_["pages"]
    assert pages["script"] == ["prospectus build", "mv site public"] and pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]  # pushes and daily schedules
    assert "Pipeline schedules" in text  # the one thing GitLab keeps outside the file, explained
