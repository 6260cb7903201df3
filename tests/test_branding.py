"""branding in college.yaml: the logo in the site header and on brochure covers, and the colour of the
header and buttons, which must carry white text at 4.5:1.

The logo is a picture named in content like any other: it passes the same gate and is cleaned
the same way (upright, without metadata, a drawing rebuilt), and is read here as a visitor's
browser and a PDF reader would find it.
"""

from __future__ import annotations

import colorsys
import io
import re
import shutil
from pathlib import Path

import pikepdf
import pytest
from clikit import run_cli
from contentkit import find, problems, write
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from prospectus.content.colour import contrast, darker_passing, luminance, shown_ratio

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def college(tmp_path: Path) -> Path:
    folder = tmp_path / "college"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", folder / "content")
    return folder


def brand(content: Path, text: str) -> int:
    """Add a branding block to college.yaml; the line its first detail is on."""
    college = content / "college.yaml"
    before = college.read_text(encoding="utf-8")
    college.write_text(before.rstrip("\n") + "\nbranding:\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


def photo_with_gps(width: int = 1600, height: int = 400) -> bytes:
    """A PNG logo with transparency and a GPS position in its EXIF data."""
    im = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    im.paste((255, 221, 0, 255), (20, 20, height - 20, height - 20))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 28.0, 0.0)}
    buf = io.BytesIO()
    im.save(buf, "PNG", exif=exif)
    return buf.getvalue()


def test_a_colour_too_light_for_white_text_gives_the_ratio_and_a_darker_shade_that_passes(college: Path) -> None:
    line = brand(college / "content", '  colour: "#ffdd00"\n')
    result = run_cli("--no-pdf", cwd=college)
    assert result.code == 1 and not (college / "site").exists()
    assert (f"college.yaml:{line}: 'colour' is #ffdd00, and white text on it has a contrast of only 1.34:1; the "
            "header and buttons need at least 4.5:1") in result.err, result.err
    shade = re.search(r"The nearest darker shade of this colour that passes is (#[0-9a-f]{6})", result.err)
    assert shade and contrast(shade.group(1)) >= 4.5 and f'Write colour: "{shade.group(1)}"' in result.err
    assert "Traceback" not in result.text


@pytest.mark.parametrize(("written", "words"), [
    ("colour: #00594f", ("'colour' is empty", "in quotes", '"#00594f"')),
    ('colour: "#0f0"', ("should be a colour written as # and six hexadecimal digits", "#0f0")),
    ("colour: teal", ("should be a colour", "'teal'")),
    ('color: "#00594f"', ("'color' is not a known detail for branding", "Did you mean 'colour'?")),
])
def test_a_colour_written_wrongly_is_explained_at_its_line(college: Path, written: str, words: tuple[str, ...]) -> None:
    line = brand(college / "content", f"  {written}\n")
    find(problems(college / "content"), "college.yaml", line, *words)


def test_the_logo_and_the_colour_reach_the_header_and_the_buttons(college: Path) -> None:
    write(college / "content", "images/our logo.png", photo_with_gps())
    brand(college / "content", '  logo: {src: images/our logo.png, alt: "Our college, learning together"}\n'
          '  colour: "#00594f"\n')
    result = run_cli("--no-pdf", cwd=college)
    assert result.code == 0, result.text
    site = college / "site"
    for page in ("index.html", "courses/feeling-calm/index.html", "easy-read/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        header = html.split('<header class="site-header"')[1].split("</header>")[0]
        logo = re.search(r'<img class="site-logo" src="([^"]+)" alt="Our college, learning together" '
                         r'width="640" height="160">', header)
        assert logo, (page, header)
        assert "<style>:root { --brand: #00594f; --brand-dark: " in html
        if page == "404.html":
            assert logo.group(1).startswith("/testbridge/media/")  # from the site's address: any folder
            continue
        published = site / re.sub(r"^(\.\./)+", "", logo.group(1)).replace("%20", " ")
        with Image.open(published) as im:
            assert im.format == "PNG" and im.mode == "RGBA" and im.size == (640, 160)  # transparency kept
            assert not im.getexif() and "exif" not in im.info  # no GPS position, no metadata at all
    css = (site / "static" / "site.css").read_text(encoding="utf-8")
    assert re.search(r"\.site-header \{ background: var\(--brand, var\(--teal\)\)", css)
    assert re.search(r"\.button, a\.button:visited \{[^}]*background: var\(--brand, var\(--open\)\)", css)


def test_a_logo_that_repeats_the_name_beside_it_is_not_read_twice(college: Path) -> None:
    write(college / "content", "images/logo.png", photo_with_gps(400, 100))
    name = re.search(r"^name: (.+)$", (college / "content" / "college.yaml").read_text(), re.MULTILINE)
    assert name
    brand(college / "content", f"  logo: {{src: images/logo.png, alt: {name.group(1).upper()}}}\n")
    assert run_cli("--no-pdf", "-q", cwd=college).code == 0
    html = (college / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img class="site-logo" src="media/logo-[0-9a-f]{8}-logo\.png" alt="" width="400"', html)


@pytest.mark.parametrize(("src", "data", "words"), [
    ("../outside.png", None, ("inside the content folder",)),
    ("images/missing.png", None, ("does not exist",)),
    ("images/broken.png", b"\x89PNG not really", ("cannot be used",)),
    ("images/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', ("script",)),
    ("images/logo.txt", b"hello", ("not a picture this build can use",)),
])
def test_the_logo_passes_the_same_gate_as_every_picture(college: Path, src: str, data: bytes | None,
                                                        words: tuple[str, ...]) -> None:
    if data is not None:
        write(college / "content", src, data)
    (college / "outside.png").write_bytes(photo_with_gps(40, 10))
    line = brand(college / "content", f"  logo: {{src: {src}, alt: Our logo}}\n")
    find(problems(college / "content"), "college.yaml", line, *words)


def test_a_logo_needs_alt_text(college: Path) -> None:
    write(college / "content", "images/logo.png", photo_with_gps(40, 10))
    line = brand(college / "content", "  logo: {src: images/logo.png}\n")
    find(problems(college / "content"), "college.yaml", line, "'alt' is missing from the logo")


def test_a_drawn_logo_is_rebuilt_and_printed_on_every_brochure_cover(college: Path) -> None:
    write(college / "content", "images/logo.svg",
          '<?xml version="1.0"?><!-- made in Inkscape --><svg xmlns="http://www.w3.org/2000/svg" '
          'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 40 10" inkscape:version="1.2">'
          '<metadata>Drawn by our designer at home</metadata><rect width="40" height="10" fill="#00594f"/></svg>')
    brand(college / "content", "  logo: {src: images/logo.svg, alt: Northfield logo}\n")
    result = run_cli(cwd=college)
    assert result.code == 0, result.text
    published = (college / "site" / "media" / "images" / "logo.svg").read_text(encoding="utf-8")
    assert "<rect" in published and "Inkscape" not in published and "designer" not in published
    pdfs = sorted((college / "site" / "pdf").glob("*.pdf"))
    assert len(pdfs) == 4
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            first = [alt for alt in figures(pdf.Root.StructTreeRoot)][:1]
            assert first == ["Northfield logo"], (path.name, first)  # the cover's first picture, with its alt


def figures(node: pikepdf.Object) -> list[str]:
    """The alt text of every Figure in a tagged PDF's structure tree, in reading order."""
    found: list[str] = []
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            found += figures(kid)
    return found


def test_contrast_is_worked_out_as_wcag_does() -> None:
    assert shown_ratio(contrast("#000000")) == "21.00" and shown_ratio(contrast("#ffffff")) == "1.00"
    assert shown_ratio(contrast("#767676")) == "4.54" and shown_ratio(contrast("#777777")) == "4.47"
    assert shown_ratio(4.4999) == "4.49"  # never rounded up to a pass
    assert darker_passing("#00594f") == "#00594f"  # a colour that passes is kept


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 0xFFFFFF))
def test_the_shade_offered_passes_is_no_lighter_and_keeps_the_hue(value: int) -> None:
    colour = f"#{value:06x}"
    better = darker_passing(colour)
    assert contrast(better) >= 4.5
    assert luminance(better) <= luminance(colour) + 1e-9
    if contrast(colour) < 4.5 and better != "#000000":
        hue = colorsys.rgb_to_hls(*(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)))
        new = colorsys.rgb_to_hls(*(int(better[i:i + 2], 16) / 255 for i in (1, 3, 5)))
        if hue[2] > 0.2 and new[1] > 0.1:  # a hue worth the name, not lost in rounding near black
            assert min(abs(hue[0] - new[0]), 1 - abs(hue[0] - new[0])) < 0.03, (colour, better)


def test_without_branding_nothing_changes(college: Path) -> None:
    assert run_cli("--no-pdf", "-q", cwd=college).code == 0
    html = (college / "site" / "index.html").read_text(encoding="utf-8")
    assert "<style>" not in html and "site-logo" not in html
