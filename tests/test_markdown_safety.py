"""Raw HTML and hostile Markdown: whatever an editor pastes, nothing that can run reaches a page.

The validator reports scripts, event handlers, javascript:/data: links and HTML comments
at their line (see test_hostile.py); these tests check the second layer: the HTML that
is produced from any body, parsed as a browser would, holds only harmless elements,
no event handlers or styles, and links only to web, mail or phone addresses.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from contentkit import edit

from prospectus import cli as prospectus_cli
from prospectus.content.markdown import render

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "minimal"
COURSE = "courses/feeling-calm.md"


RAW_HTML_PAYLOADS = [
    "<b>bold</b> and <i>italic</i>",
    '<a href="https://example.org" title="x">a link</a>',
    '<img src="pic.png" alt="a picture">',
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x]( javascript:alert(1))",
    '[x](https://example.org "title" onmouseover="alert(1)")',
    "![x](javascript:alert(1))",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<svg><script>alert(1)</script></svg>",
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<form action=\"https://evil.example\"><button>Go</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
]


class _Tags(HTMLParser):
    """Every element and attribute in a piece of HTML, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


SAFE_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote",
             "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "img", "s", "del"}


def assert_nothing_executable(html: str) -> None:
    """Only harmless elements, no event handlers or styles, and links only to web, mail or phone."""
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS, f"<{tag}> in {html}"
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", f"{name}= in {html}"
            if name in ("href", "src"):
                scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")
                assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto", "tel"}, html
    assert "<!--" not in html


@pytest.mark.parametrize("payload", RAW_HTML_PAYLOADS)
def test_nothing_executable_reaches_the_html(payload: str) -> None:
    assert_nothing_executable(render(f"Intro.\n\n{payload}\n\nEnd.", "courses/x.md", 5).html)


def test_accepted_raw_html_is_shown_as_text_in_the_built_page(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    edit(content, COURSE, "## What we will do", "Some <b>bold</b> words.\n\n## What we will do")
    site = tmp_path / "site"
    assert prospectus_cli.main(["--content", str(content), "--output", str(site), "-q", "--no-pdf"]) == 0
    assert "courses/feeling-calm.md:29: warning: HTML tags" in capsys.readouterr().err
    page = (site / "courses" / "feeling-calm" / "index.html").read_text()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
