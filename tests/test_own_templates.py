"""A college's own look without a fork: its templates/ folder holds only the files it changes.

A file there replaces the built-in one of the same name, or builds on it with
``{% extends "builtin/<name>" %}``; ``templates/static/`` adds or replaces static files; the
brochures read the college's stylesheets too.  The point of it all is upgrades: an upgrade that
changes a built-in template elsewhere must not undo what the college changed, and must reach
the college everywhere it changed nothing (tried here with a copy of the built-in set, changed
as an upgrade would).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from clikit import Run, run_cli
from contentkit import tree_hash, write
from pypdf import PdfReader

from prospectus.build import pipeline
from prospectus.preview.incremental import Incremental
from prospectus.render.templates import BUILTIN

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def college(tmp_path: Path) -> Path:
    """A college's folder as `new college` leaves it: content/ beside the place for templates/."""
    folder = tmp_path / "college"
    shutil.copytree(FIXTURE, folder / "content")
    return folder


def build(folder: Path, *args: str) -> Run:
    """`prospectus` run in the college's folder, with its defaults (content/, templates/, site/)."""
    result = run_cli("-q", "--no-pdf", *args, cwd=folder)
    assert result.code == 0, result.text
    return result


def test_a_template_of_the_college_replaces_the_built_in_one_and_nothing_else(college: Path, tmp_path: Path) -> None:
    build(college)
    before = tree_hash(college / "site")
    write(college, "templates/404.html", "<!DOCTYPE html>\n<title>Lost</title>\n<p>Our own page.</p>\n")
    build(college)
    after = tree_hash(college / "site")
    assert (college / "site" / "404.html").read_text(encoding="utf-8") == \
        "<!DOCTYPE html>\n<title>Lost</title>\n<p>Our own page.</p>\n"
    assert {rel for rel in before if before[rel] != after.get(rel)} == {"404.html"}


def test_extending_the_built_in_template_alone_gives_the_built_in_page(college: Path) -> None:
    build(college)
    before = tree_hash(college / "site")
    write(college, "templates/404.html", '{% extends "builtin/404.html" %}\n')
    write(college, "templates/base.html", '{% extends "builtin/base.html" %}\n')
    build(college)
    assert tree_hash(college / "site") == before


def test_an_overridden_block_survives_an_upgrade_that_changes_the_rest(college: Path, tmp_path: Path) -> None:
    installed = tmp_path / "installed"  # the built-in templates as one version of the program has them
    shutil.copytree(BUILTIN, installed)
    write(college, "templates/404.html", '{% extends "builtin/404.html" %}\n'
          '{% block main %}<h1>Sorry, that page has moved</h1>\n<p>Call us and we will help.</p>\n{% endblock %}\n')
    opts = pipeline.Options(content=college / "content", output=college / "site", templates=college / "templates",
                            builtin=installed, pdf=False, cache=tmp_path / "cache")
    pipeline.build(opts)
    page = (college / "site" / "404.html").read_text(encoding="utf-8")
    assert "Sorry, that page has moved" in page and "Page not found |" in page
    assert "If you typed the web address" not in page  # the built-in main block is replaced

    # The upgrade: the same template changed elsewhere (its title), and the page frame changed too.
    for rel, old, new in (("404.html", '_("Page not found")', '_("We could not find that page")'),
                          ("base.html", '_("Need help now?")', '_("Do you need help now?")')):
        path = installed / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} changed: update this test"
        path.write_text(text.replace(old, new), encoding="utf-8")
    pipeline.build(opts)
    page = (college / "site" / "404.html").read_text(encoding="utf-8")
    assert "Sorry, that page has moved" in page and "Call us and we will help." in page  # the college's block
    assert "We could not find that page |" in page and "Do you need help now?" in page  # the upgrade's changes
    course = (college / "site" / "courses" / "feeling-calm" / "index.html").read_text(encoding="utf-8")
    assert "Do you need help now?" in course  # pages the college did not touch follow the upgrade


def test_college_blocks_reach_every_page_and_static_files_add_or_replace(college: Path) -> None:
    write(college, "templates/base.html", '{% extends "builtin/base.html" %}\n'
          '{% block college_head %}<link rel="stylesheet" href="{{ root }}static/college.css">{% endblock %}\n'
          '{% block college_footer %}<p class="funder">Funded by the Northshire Trust.</p>{% endblock %}\n')
    write(college, "templates/static/college.css", ".funder { font-weight: 700; }\n")
    write(college, "templates/static/favicon.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    build(college)
    site = college / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert 'static/college.css">' in html and "Funded by the Northshire Trust." in html, page
    assert (site / "static" / "college.css").read_text() == ".funder { font-weight: 700; }\n"
    assert (site / "static" / "favicon.svg").read_text() == '<svg xmlns="http://www.w3.org/2000/svg"/>\n'
    assert (site / "static" / "site.css").read_bytes() == (BUILTIN / "static" / "site.css").read_bytes()


@pytest.mark.parametrize(("template", "expected"), [
    ("{% extends \"builtin/404.html\" %}\n{% block main %}{{ no_such_thing.x }}{% endblock %}\n",
     "templates/404.html:2: This template uses something that does not exist"),
    ("{% extends \"builtin/404.html\" %}\n{% block main %}{% if %}{% endblock %}\n",
     "templates/404.html:2: This template has a mistake"),
    ("{% extends \"builtin/four-oh-four.html\" %}\n",
     "There is no built-in template called 'four-oh-four.html'"),
    ("{% extends \"404.html\" %}\n",
     "templates/404.html: This template extends or includes itself. To build on the built-in template, write "
     "{% extends \"builtin/404.html\" %}"),
])
def test_a_mistake_in_a_college_template_names_its_file_and_line(college: Path, template: str, expected: str) -> None:
    write(college, "templates/404.html", template)
    result = run_cli("--no-pdf", cwd=college)
    assert result.code == 1 and expected in result.err, result.text
    assert "Traceback" not in result.text and not (college / "site").exists()


def test_templates_given_that_do_not_exist_is_a_usage_error(college: Path) -> None:
    result = run_cli("--templates", "our-look", cwd=college)
    assert result.code == 2 and "There is no templates folder at 'our-look'" in result.err, result.text


def test_the_brochures_use_the_colleges_stylesheet_and_a_change_to_it_is_never_missed(college: Path) -> None:
    run = run_cli("-q", cwd=college)
    assert run.code == 0, run.text
    brochure = college / "site" / "pdf" / "autumn-2026-prospectus-a4.pdf"
    assert round(float(PdfReader(brochure).pages[0].mediabox.width)) == 595  # A4, 210 mm

    a4 = (BUILTIN / "pdf" / "a4.css").read_text(encoding="utf-8")
    assert "size: A4;" in a4
    write(college, "templates/pdf/a4.css", a4.replace("size: A4;", "size: letter;"))
    run = run_cli("-q", cwd=college)  # the same HTML: only the stylesheet the brochure reads has changed
    assert run.code == 0, run.text
    assert round(float(PdfReader(brochure).pages[0].mediabox.width)) == 612  # US letter, 8.5 in
    a5 = college / "site" / "pdf" / "autumn-2026-prospectus-a5.pdf"
    assert round(float(PdfReader(a5).pages[0].mediabox.width)) == 420  # the A5 brochure is still A5


def test_the_preview_follows_a_change_to_a_college_template(college: Path, tmp_path: Path) -> None:
    opts = pipeline.Options(content=college / "content", output=tmp_path / "preview", templates=college / "templates",
                            pdf=False, cache=tmp_path / "cache")
    preview = Incremental(opts)
    assert preview.update().ok
    assert "Page not found" in (tmp_path / "preview" / "404.html").read_text(encoding="utf-8")
    write(college, "templates/404.html", '{% extends "builtin/404.html" %}{% block main %}<h1>Moved</h1>{% endblock %}')
    result = preview.update()
    assert result.ok and result.full
    assert "<h1>Moved</h1>" in (tmp_path / "preview" / "404.html").read_text(encoding="utf-8")


def test_every_block_the_guide_offers_is_in_its_built_in_template() -> None:
    """The guide in every college's templates/ lists the blocks it may change; each must be there to change."""
    import re

    guide = (ROOT / "prospectus" / "tools" / "starter" / "templates" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (`[^|]+`)[^|]* \| (`[^|]+`) \|$", guide, re.MULTILINE)
    assert len(rows) >= 10, "the table of blocks in the templates guide was not found"
    for names, blocks in rows:
        for name in re.findall(r"`([^`]+)`", names):
            source = (BUILTIN / name).read_text(encoding="utf-8")
            for block in re.findall(r"`([^`]+)`", blocks):
                assert f"{{% block {block} %}}" in source, f"the templates guide offers block {block} of {name}"
