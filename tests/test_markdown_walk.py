"""What the Markdown step finds in a body besides its HTML: text, headings, links and pictures, each
at the line an editor would look at (content/markdown.py walks markdown-it-pyrs's syntax tree)."""

from __future__ import annotations

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
