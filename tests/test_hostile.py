"""Hostile content: broken and malicious files must give a message, never a traceback or a changed site.

Every case starts from the minimal fixture college with a site already built from it, breaks
or poisons the content one way, runs the command line, and checks: the exit code, the file
and line in the message, its key words, no Python traceback, and that every file of the
previous site/ is byte-for-byte what it was.  The table runs the CLI in-process
(``prospectus.cli.main``, the same function ``build.py`` calls) to keep the suite quick; a
few cases also run ``python build.py`` in a real process.  Raw HTML is checked in
test_markdown_safety.py, random input in test_properties.py.
"""

from __future__ import annotations

import os
import shutil
import string
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from contentkit import edit, tree_hash, write

from prospectus import cli as prospectus_cli
from prospectus.content import schema
from prospectus.content.loader import load
from prospectus.content.records import ListOf, Record
from prospectus.content.values import Kind

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
COURSE = "courses/feeling-calm.md"
WALKS = "courses/quiet-walks.md"
ALEX = "tutors/alex.md"
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
Mutation = Callable[[Path], None]


def rep(rel: str, old: str, new: str) -> Mutation:
    return lambda root: edit(root, rel, old, new)


def put(rel: str, data: str | bytes) -> Mutation:
    return lambda root: write(root, rel, data)


def body(text: str) -> Mutation:
    """Put ``text`` as the first line of the course body (line 29 of feeling-calm.md)."""
    return rep(COURSE, "## What we will do", text + "\n\n## What we will do")


def with_photo(extra: str, file: bool = True) -> Mutation:
    def mutate(root: Path) -> None:
        if file:
            write(root, "photos/alex.jpg", JPEG)
        edit(root, ALEX, "role: peer-trainer\n", "role: peer-trainer\nphoto:\n  src: photos/alex.jpg\n" + extra)
    return mutate


def symlinked_course(root: Path) -> None:
    outside = root.parent / "elsewhere.md"
    shutil.copyfile(root / WALKS, outside)
    (root / "courses" / "elsewhere.md").symlink_to(outside)


def symlinked_photo(root: Path) -> None:
    outside = root.parent / "someone-else.jpg"
    outside.write_bytes(JPEG)
    (root / "photos").mkdir()
    (root / "photos" / "alex.jpg").symlink_to(outside)
    with_photo("  alt: Alex smiling\n  consent_given: 2026-01-01\n", file=False)(root)


def symlinked_folder(root: Path) -> None:
    outside = root.parent / "other-pages"
    outside.mkdir()
    shutil.move(str(root / "pages" / "about.md"), outside / "about.md")
    (root / "pages").rmdir()
    (root / "pages").symlink_to(outside)


def alias_bomb(root: Path) -> None:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, cur = string.ascii_lowercase[n - 1], string.ascii_lowercase[n]
        lines.append(f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 9)}]")
    write(root, COURSE, "\n".join([*lines, "title: Boom", "---", "Boom."]))


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}<rect width="10" height="10"/></svg>'


def with_svg(rel: str, inner: str, image_line: str | None) -> Mutation:
    """An SVG picture holding ``inner``, used as the course image or (None) in the body."""
    def mutate(root: Path) -> None:
        write(root, rel, SVG.format(inner))
        if image_line:
            edit(root, COURSE, "reviewed:", image_line)
        else:
            body(f"![A square]({rel})")(root)
    return mutate


def fifo(root: Path) -> None:
    os.mkfifo(root / "courses" / "pipe.md")


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    rel: str
    line: int | None  # None: a problem with the whole file (printed as "file: message")
    words: tuple[str, ...]
    code: int = 1


CASES = [
    # YAML syntax error classes
    Case("bad-indent", rep(COURSE, "format: workshop", " format: workshop"), COURSE, 10, ("spaces", "line up")),
    Case("tab-indent", rep(COURSE, "  - Make a small plan", "\t- Make a small plan"), COURSE, 9, ("tab",)),
    Case("unclosed-double-quote", rep(COURSE, 'end: "12:30", venue', 'end: "12:30, venue'), COURSE, 18,
         ("quote", "never closed")),
    Case("unclosed-quote-found-late", rep(COURSE, "summary: Simple", 'summary: "Simple'), COURSE, 5,
         ("quote", "never closed")),
    Case("unclosed-single-quote", rep(COURSE, "title: Feeling Calm", "title: 'Feeling Calm"), COURSE, 2,
         ("quote",)),
    Case("unclosed-bracket", rep(COURSE, "audience: [anyone]", "audience: [anyone"), COURSE, 6, ("[", "]")),
    Case("unclosed-brace", rep(COURSE, 'end: "12:30"}', 'end: "12:30"'), COURSE, 17, ("{", "}")),
    Case("stray-colon", rep(COURSE, "summary: Simple ways", "summary: Simple: ways"), COURSE, 5, ("quotes",)),
    Case("college-bad-indent", rep("college.yaml", "  phone: \"0113 496 0000\"", "    phone: \"0113 496 0000\""),
         "college.yaml", 6, ("line",)),
    Case("python-tag", rep(COURSE, "title: Feeling Calm", "title: !!python/object:os.system ls"), COURSE, 2,
         ("tag", "not allowed")),
    # front matter and file encodings
    Case("no-front-matter", rep(COURSE, "---\ntitle", "title"), COURSE, 1, ("three dashes",)),
    Case("unclosed-front-matter", rep(COURSE, "---\n## What", "## What"), COURSE, 1, ("never closed",)),
    Case("empty-front-matter", put(COURSE, "---\n---\nText.\n"), COURSE, 2, ("empty", "title:")),
    Case("empty-file", put(COURSE, ""), COURSE, 1, ("empty",)),
    Case("blank-file", put("tutors/alex.md", "\n \n\t\n"), ALEX, 1, ("empty",)),
    Case("binary-file", put(COURSE, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), COURSE, None, ("not a text file",)),
    Case("latin-1", lambda r: (r / COURSE).write_bytes((r / COURSE).read_bytes().replace(b"talk", "caf\xe9".encode(
        "latin-1"))), COURSE, 31, ("utf-8",)),
    Case("utf-16", lambda r: (r / COURSE).write_bytes((r / COURSE).read_text().encode("utf-16")), COURSE, None,
         ("not a text file",)),
    Case("fifo", fifo, "courses/pipe.md", None, ("not an ordinary file",)),
    # required fields, types, keys
    Case("course-no-title", rep(COURSE, "title: Feeling Calm\n", ""), COURSE, 2, ("'title' is missing",)),
    Case("tutor-no-role", rep(ALEX, "role: peer-trainer\n", ""), ALEX, 2, ("'role' is missing",)),
    Case("college-no-contact", rep("college.yaml", "contact:\n  phone: \"0113 496 0000\"\n  email: hello@example.org\n",
                                   ""), "college.yaml", 1, ("'contact' is missing",)),
    Case("session-no-start", rep(COURSE, "start: 10:00, ", ""), COURSE, 17, ("'start' is missing",)),
    Case("title-is-list", rep(COURSE, "title: Feeling Calm", "title: [a, b]"), COURSE, 2, ("should be text",)),
    Case("places-is-text", rep(COURSE, "places: 10", "places: lots"), COURSE, 15, ("whole number",)),
    Case("outcomes-is-group", rep(COURSE, "  - Try two ways of calming down\n  - Make a small plan",
                                  "  first: Try\n  second: Plan"), COURSE, 8, ("should be a list",)),
    Case("misspelt-key", rep(COURSE, "summary:", "sumary:"), COURSE, 5, ("did you mean 'summary'",)),
    Case("unknown-key", rep(ALEX, "role: peer-trainer", "role: peer-trainer\nfavourite: tea"), ALEX, 4,
         ("not a known detail",)),
    Case("duplicate-key", rep(COURSE, "format: workshop\n", "format: workshop\nformat: course\n"), COURSE, 11,
         ("written twice",)),
    # dates, times, terms
    Case("impossible-date", rep(COURSE, "date: 2026-09-14", "date: 2026-02-30"), COURSE, 17, ("28 days",)),
    Case("impossible-time", rep(COURSE, 'start: "10:00", end: "12:30", venue', 'start: "25:00", end: "12:30", venue'),
         COURSE, 18, ("'25:00'",)),
    Case("session-outside-term", rep(COURSE, "date: 2026-09-21", "date: 2027-03-01"), COURSE, 18, ("outside",)),
    Case("weekly-past-term", rep(WALKS, "count: 3", "count: 20"), WALKS, 13, ("outside",)),
    # every kind of broken reference
    Case("ref-category", rep(COURSE, "category: wellbeing", "category: wellbeng"), COURSE, 4,
         ("did you mean 'wellbeing'",)),
    Case("ref-term", rep(COURSE, "term: autumn-2026", "term: autumn-2062"), COURSE, 13, ("no term",)),
    Case("ref-venue", rep(COURSE, "venue: the-hub", "venue: hub"), COURSE, 14, ("did you mean 'the-hub'",)),
    Case("ref-session-venue", rep(COURSE, "venue: online}", "venue: zoom}"), COURSE, 18, ("no venue",)),
    Case("ref-facilitator", rep(COURSE, "[alex, dr-lee]", "[alex, drlee]"), COURSE, 11, ("did you mean 'dr-lee'",)),
    Case("ref-co-producer", rep(COURSE, "facilitators: [alex, dr-lee]",
                                "facilitators: [alex, dr-lee]\nco_produced_by: [jordan]"), COURSE, 12, ("no tutor",)),
    Case("ref-picture", rep(COURSE, "picture: calm", "picture: calmm"), COURSE, 23, ("did you mean 'calm'",)),
    Case("ref-image-file", rep(COURSE, "reviewed:", "image: {src: images/gone.jpg, alt: Lake}\nreviewed:"), COURSE, 19,
         ("does not exist",)),
    Case("co-delivery", rep(COURSE, "[alex, dr-lee]", "[alex]"), COURSE, 11, ("every facilitator", "peer trainer")),
    # photos and consent
    Case("photo-no-alt", with_photo("  consent_given: 2026-01-01\n"), ALEX, 5, ("no 'alt'",)),
    Case("photo-no-consent", with_photo("  alt: Alex smiling\n"), ALEX, 5, ("no 'consent_given'",)),
    Case("consent-expired", with_photo("  alt: Alex\n  consent_given: 2024-01-01\n  consent_expires: 2025-01-01\n"),
         ALEX, 8, ("consent for this photo ended",)),
    # paths that escape content/
    Case("image-dotdot", rep(COURSE, "reviewed:", "image: {src: ../../etc/passwd, alt: x}\nreviewed:"), COURSE, 19,
         ("inside the content folder",)),
    Case("image-absolute", rep(COURSE, "reviewed:", "image: {src: /etc/passwd, alt: x}\nreviewed:"), COURSE, 19,
         ("inside the content folder",)),
    Case("body-image-dotdot", body("![Secret](../../../etc/passwd)"), COURSE, 29, ("inside the content folder",)),
    Case("picture-dotdot", rep(COURSE, "picture: calm", "picture: ../../etc/x.svg"), COURSE, 23,
         ("inside the content folder",)),
    Case("image-is-a-folder", rep(COURSE, "reviewed:", "image: {src: courses, alt: x}\nreviewed:"), COURSE, 19,
         ("is a folder",)),
    Case("image-is-not-a-picture", rep(COURSE, "reviewed:", "image: {src: college.yaml, alt: x}\nreviewed:"), COURSE,
         19, ("not a picture this build can use",)),
    Case("svg-with-script", with_svg("images/x.svg", "<script>alert(1)</script>",
                                     "image: {src: images/x.svg, alt: x}\nreviewed:"), COURSE, 19, ("script code",)),
    Case("svg-with-onload", with_svg("images/y.svg", '<rect onload="alert(1)"/>', None), COURSE, 29,
         ("event handlers",)),
    Case("symlinked-course", symlinked_course, "courses/elsewhere.md", None, ("outside the content folder",)),
    Case("symlinked-photo", symlinked_photo, ALEX, 5, ("outside the content folder",)),
    Case("symlinked-folder", symlinked_folder, "pages/about.md", None, ("outside the content folder",)),
    # resource exhaustion
    Case("alias-bomb", alias_bomb, COURSE, 3, ("anchors and aliases",)),
    Case("alias-in-college", lambda r: (r / "college.yaml").write_text(
        (r / "college.yaml").read_text() + "x: &x [1, 2]\ny: *x\n"), "college.yaml", 26, ("anchors and aliases",)),
    Case("huge-course", lambda r: (r / COURSE).write_text((r / COURSE).read_text() + "All work. " * 400_000),
         COURSE, None, ("larger than",)),
    Case("huge-college", lambda r: (r / "college.yaml").write_text(
        (r / "college.yaml").read_text() + "# padding\n" * 300_000), "college.yaml", None, ("larger than",)),
    Case("deep-nesting", rep(COURSE, "title: Feeling Calm", "title: " + "[" * 500 + "]" * 500), COURSE, 2,
         ("nested too deeply",)),
    # hostile Markdown
    Case("script", body("<script>alert('x')</script>"), COURSE, 29, ("run a script",)),
    Case("script-inline", body("Hello <script>alert(1)</script> there"), COURSE, 29, ("run a script",)),
    Case("onerror", body('<img src="x" onerror="alert(1)">'), COURSE, 29, ("run a script",)),
    Case("iframe", body('<iframe src="https://evil.example"></iframe>'), COURSE, 29, ("run a script",)),
    Case("javascript-link", body("[Book now](javascript:alert(document.cookie))"), COURSE, 29, ("javascript:",)),
    Case("data-link", body("[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"), COURSE, 29,
         ("data:",)),
    Case("javascript-autolink", body("<javascript:alert(1)>"), COURSE, 29, ("javascript:",)),
    Case("comment-hiding-markup", body("<!-- <a href='https://evil.example'>hidden</a> -->"), COURSE, 29,
         ("hide text",)),
    Case("comment-on-later-line", body("Fine text.\n\nMore text <!-- hidden -->"), COURSE, 31, ("hide text",)),
]


def drop_key(rel: str, key: str) -> Mutation:
    """Remove a top-level ``key:`` line and the indented lines that belong to it."""
    def mutate(root: Path) -> None:
        lines = (root / rel).read_text(encoding="utf-8").split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        end = start + 1
        while end < len(lines) and lines[end].startswith((" ", "-")) and lines[end] != "---":
            end += 1
        (root / rel).write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
    return mutate


def set_key_first(rel: str, key: str, value: str) -> Mutation:
    """Put ``key: value`` first (line 2 after the opening ---, or line 1 of college.yaml)."""
    def mutate(root: Path) -> None:
        text = (root / rel).read_text(encoding="utf-8")
        if text.startswith(f"{key}:") or f"\n{key}:" in text:
            drop_key(rel, key)(root)
        text = (root / rel).read_text(encoding="utf-8")
        if rel.endswith(".md"):
            (root / rel).write_text(text.replace("---\n", f"---\n{key}: {value}\n", 1), encoding="utf-8")
        else:
            (root / rel).write_text(f"{key}: {value}\n{text}", encoding="utf-8")
    return mutate


def _wrong_value(kind: Kind) -> tuple[str, str]:
    """A value of the wrong shape for ``kind``, and a word the message must contain."""
    if isinstance(kind, Record):
        return "just some words", "group of details"
    if isinstance(kind, ListOf):
        return "{first: one, second: two}", "should be a list"
    return "[one, two]", "but it is a list"


_MD_FILES = {"courses": (COURSE, schema.COURSE), "tutors": (ALEX, schema.TUTOR),
             "pages": ("pages/about.md", schema.PAGE)}
REQUIRED_CASES = [
    Case(f"missing-{folder}-{f.name}", drop_key(rel, f.name), rel, 2, (f"'{f.name}' is missing",))
    for folder, (rel, record) in _MD_FILES.items() for f in record.fields if f.required
] + [
    Case(f"missing-college-{f.name}", drop_key("college.yaml", f.name), "college.yaml", 1, (f"'{f.name}' is missing",))
    for f in schema.COLLEGE.fields if f.required
]
TYPE_CASES = [
    Case(f"wrong-type-{folder}-{f.name}", set_key_first(rel, f.name, _wrong_value(f.kind)[0]), rel, 2,
         (f"'{f.name}'", _wrong_value(f.kind)[1]))
    for folder, (rel, record) in _MD_FILES.items() for f in record.fields
] + [
    Case(f"wrong-type-college-{f.name}", set_key_first("college.yaml", f.name, _wrong_value(f.kind)[0]),
         "college.yaml", 1, (f"'{f.name}'", _wrong_value(f.kind)[1]))
    for f in schema.COLLEGE.fields
]


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site built from the untouched fixture, and the hash of every file in it."""
    site = tmp_path_factory.mktemp("previous") / "site"
    assert prospectus_cli.main(["--content", str(FIXTURE), "--output", str(site), "-q", "--no-pdf"]) == 0
    return site, tree_hash(site)


def _setup(tmp_path: Path, previous: tuple[Path, dict[str, str]], case: Case) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    site = tmp_path / "site"
    shutil.copytree(previous[0], site)
    case.mutate(content)
    return content, site


def _expect(text: str, case: Case) -> None:
    where = f"{case.rel}:{case.line}: " if case.line is not None else f"{case.rel}: "
    lines = [line for line in text.splitlines() if line.startswith(where)]
    assert lines, f"no message at {where!r} in:\n{text}"
    assert any(all(w.lower() in line.lower() for w in case.words) for line in lines), f"{case.words} not in {lines}"
    assert "Traceback" not in text and "Error:" not in text.replace("errors", "")


@pytest.mark.parametrize("case", CASES + REQUIRED_CASES + TYPE_CASES,
                         ids=[c.id for c in CASES + REQUIRED_CASES + TYPE_CASES])
def test_hostile_content_is_refused_and_the_site_kept(case: Case, tmp_path: Path, previous: tuple[Path, dict[str, str]],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    content, site = _setup(tmp_path, previous, case)
    started = time.perf_counter()
    code = prospectus_cli.main(["--content", str(content), "--output", str(site), "--no-pdf"])
    elapsed = time.perf_counter() - started
    captured = capsys.readouterr()
    assert code == case.code, captured.out + captured.err
    _expect(captured.out + captured.err, case)
    assert "the site was not changed" in captured.err.lower()
    assert tree_hash(site) == previous[1]
    assert not list(tmp_path.glob(".site.new-*"))
    assert elapsed < 10, f"{case.id} took {elapsed:.1f} s"


def test_there_are_at_least_40_cases() -> None:
    assert len(CASES) >= 40
    # 33: the fields of a course, a tutor and a page
    assert len(REQUIRED_CASES) == 17 and len(TYPE_CASES) == 33 + len(schema.COLLEGE.fields)


@pytest.mark.parametrize("case", [c for c in CASES if c.id in {"alias-bomb", "symlinked-photo", "binary-file",
                                                              "unclosed-quote-found-late", "script"}],
                         ids=lambda c: c.id)
def test_hostile_content_through_a_real_process(case: Case, tmp_path: Path, previous: tuple[Path, dict[str, str]],
                                                cli) -> None:  # type: ignore[no-untyped-def]
    content, site = _setup(tmp_path, previous, case)
    started = time.perf_counter()
    result = cli("--content", content, "--output", site, "--no-pdf")
    assert time.perf_counter() - started < 10
    assert result.code == 1, result.text
    _expect(result.text, case)
    assert tree_hash(site) == previous[1]


@pytest.mark.parametrize("encode", [
    pytest.param(lambda b: b"\xef\xbb\xbf" + b, id="bom"),
    pytest.param(lambda b: b.replace(b"\n", b"\r\n"), id="crlf"),
    pytest.param(lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"), id="bom-and-crlf"),
    pytest.param(lambda b: b.replace(b"\n", b"\r"), id="old-mac-cr"),
])
def test_bom_and_windows_line_endings_build(encode: Callable[[bytes], bytes], tmp_path: Path,
                                            previous: tuple[Path, dict[str, str]],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    content, site = _setup(tmp_path, previous, Case("x", lambda r: None, "", 0, ()))
    for rel in (COURSE, "college.yaml", ALEX):
        (content / rel).write_bytes(encode((content / rel).read_bytes()))
    edit_line = (content / COURSE).read_bytes()
    assert edit_line  # still there
    assert prospectus_cli.main(["--content", str(content), "--output", str(site), "-q", "--no-pdf"]) == 0, \
        capsys.readouterr().err
    assert tree_hash(site) == previous[1]  # the same site as from the plain files


def test_line_numbers_survive_crlf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    edit(content, COURSE, "date: 2026-09-14", "date: 2026-02-30")
    (content / COURSE).write_bytes(b"\xef\xbb\xbf" + (content / COURSE).read_bytes().replace(b"\n", b"\r\n"))
    assert prospectus_cli.main(["check", "--content", str(content)]) == 1
    assert f"{COURSE}:17: 'date' is 2026-02-30" in capsys.readouterr().err


def test_alias_bomb_fails_fast_with_little_memory(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    alias_bomb(content)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded = load(content)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert [(p.path, p.line) for p in loaded.problems if "aliases" in p.message] == [(COURSE, 3)]


def test_many_files_with_one_broken_are_read_by_both_processes(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    text = (content / WALKS).read_text()
    for n in range(200):  # above the size where reading is split between two processes
        write(content, f"courses/walk-{n:03d}.md", text.replace("title: Quiet Walks", f"title: Walk {n}"))
    edit(content, "courses/walk-137.md", "format: drop-in", "format: dropin")
    assert prospectus_cli.main(["check", "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "courses/walk-137.md:7: 'format' should be one of" in err and "Traceback" not in err
    assert err.count("walk-") == 1


def test_a_plain_svg_picture_is_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with_svg("images/square.svg", "<title>A square</title>", "image: {src: images/square.svg, alt: A square}\n"
             "reviewed:")(content)
    site = tmp_path / "site"
    assert prospectus_cli.main(["--content", str(content), "--output", str(site), "-q", "--no-pdf"]) == 0, \
        capsys.readouterr().err
    # published as content/svg.py rebuilds it: the same drawing, written out again
    assert (site / "media" / "images" / "square.svg").read_text() == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>A square</title>'
        '<rect width="10" height="10" /></svg>')
