"""What the Markdown step finds in a body besides its HTML: text, headings, links and pictures, each
at the line an editor would look at (content/markdown.py walks markdown-it-pyrs's syntax tree)."""

from __future__ import annotations

import pytest

from prospectus.content.markdown import render


def test_words_on_separate_lines_of_a_paragraph_stay_separate_words() -> None:
    assert render("Line one\nline two, `code`\n\n- item\n", "x.md", 1).text == "Line one line two, code item"


def test_each_link_and_picture_has_its_own_line_even_inside_a_paragraph_or_a_tight_list() -> None:
    body = "First line\nsecond [a](https://a.example)\n\n- one [b](../b/)\n- ![Lake](lake.jpg)\n"
    r = render(body, "x.md", 10)
    assert r.links == (("https://a.example", 11), ("../b/", 13))
    assert r.images == (("lake.jpg", 14),)
    assert '<img src="@media/lake.jpg" alt="Lake">' in r.html


def test_a_picture_inside_another_pictures_description_is_not_a_picture() -> None:
    r = render("![a ![b](inner.png) c](outer.png)\n", "x.md", 1)
    assert r.images == (("outer.png", 1),)
    assert r.html.count("<img") == 1 and 'src="@media/outer.png"' in r.html


def test_headings_keep_one_h1_their_ids_and_levels() -> None:
    r = render("# Top #\n\nText\n\nTwo\nlines\n---\n\n#### Deep\n\n> ## Quoted ##\n", "x.md", 1)
    assert r.headings == ((2, "Top", "top"), (2, "Two lines", "two-lines"), (3, "Deep", "deep"),
                          (2, "Quoted", "quoted"))
    assert '<h2 id="top">Top</h2>' in r.html and '<h3 id="deep">Deep</h3>' in r.html
    assert "<h1" not in r.html and "<h4" not in r.html


def test_a_script_link_or_tag_is_reported_at_its_line_but_not_inside_code() -> None:
    body = "Fine\n[x](javascript:alert(1))\n\n```\n<b>code</b>\n```\n\n<b>bold</b>\n"
    r = render(body, "x.md", 5)
    assert sorted(p.line for p in r.problems) == [6, 12]
    assert 'href="javascript' not in r.html and "<b>" not in r.html and "&lt;b&gt;bold" in r.html


@pytest.mark.parametrize("body", ["[`]", "See [the `notes here\n", "![`", "a [` b\n\n## Next [x](https://x.example)\n"])
def test_a_backtick_left_open_inside_brackets_is_read_not_a_crash(body: str) -> None:
    """markdown-it 0.6.0 (Rust) panics on these; such a text is read by markdown-it-py instead, with the
    same rules: the backtick is shown as typed, and links and headings are found as usual."""
    r = render(body, "x.md", 1)
    assert "`" in r.html and not r.problems
    if "Next" in body:
        assert r.headings == ((2, "Next x", "next-xhttpsxexample"),) and r.links == (("https://x.example", 3),)
        assert '<h2 id="next-xhttpsxexample">' in r.html


def test_the_careful_reader_finds_the_same_as_the_fast_one() -> None:
    """The same body, once with a backtick inside brackets (read by markdown-it-py) and once without:
    the same HTML apart from that, the same headings, pictures and problems."""
    body = ("# Title\n\nText with [a link](https://a.example) and ![Lake](lake.jpg).\n\n<b>x</b>\n\n"
            "| a |\n|---|\n| 1 |\n")
    fast, careful = render(body, "x.md", 1), render(body + "\n`[`\n", "x.md", 1)
    assert careful.html.startswith(fast.html)
    assert (careful.headings, careful.images, careful.links) == (fast.headings, fast.images, fast.links)
    assert [p.line for p in careful.problems] == [p.line for p in fast.problems] == [5]


def test_without_the_rust_parser_every_text_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Python 3.13 has no markdown-it-pyrs wheel yet: markdown-it-py reads every text instead, and the
    sample's pages come out the same (links keep their paragraph's first line there)."""
    from pathlib import Path

    from prospectus.content import markdown

    bodies = [p.read_text(encoding="utf-8").split("---\n", 2)[2]
              for p in sorted(Path(__file__).resolve().parent.parent.joinpath("content").rglob("*.md"))]
    fast = [render(b, "x.md", 1) for b in bodies]
    monkeypatch.setattr(markdown, "_md", None)
    slow = [render(b, "x.md", 1) for b in bodies]
    assert len(bodies) > 20
    for a, b in zip(fast, slow, strict=True):
        assert (a.html, a.text, a.headings, a.images) == (b.html, b.text, b.headings, b.images)
        assert [url for url, _line in a.links] == [url for url, _line in b.links]
