"""Pictures: a phone photo with GPS and a rotation comes out upright, resized, with no metadata at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from prospectus.build import pipeline
from prospectus.render import images

RED, BLUE = (220, 20, 20), (20, 20, 220)


def phone_photo(path: Path) -> None:
    """A 1200x600 JPEG stored sideways (orientation 6) with a GPS position, a camera make and XMP."""
    im = Image.new("RGB", (1200, 600), BLUE)
    im.paste(Image.new("RGB", (600, 600), RED), (0, 0))  # stored left half red: shown as the top half
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", exif=exif, xmp=b"<x:xmpmeta>secret place</x:xmpmeta>", quality=95)


def add_image(content: Path, src: str) -> int:
    """Give the fixture course an image; returns the line of 'src:'."""
    course = content / "courses" / "feeling-calm.md"
    lines = course.read_text().splitlines()
    at = lines.index("format: workshop") + 1
    lines[at:at] = ["image:", f"  src: {src}", "  alt: Red above blue"]
    course.write_text("\n".join(lines) + "\n")
    return at + 2  # 1-based line of 'src:'


def build(content: Path, out: Path, cache: Path) -> pipeline.Result:
    return pipeline.build(pipeline.Options(content=content, output=out, pdf=False, cache=cache))


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = images.encode

    def encode(im: Image.Image, fmt: str) -> bytes:
        calls.append(fmt)
        return real(im, fmt)

    monkeypatch.setattr(images, "encode", encode)
    return calls


def test_photo_upright_stripped_resized_and_cached(minimal_content: Path, tmp_path: Path,
                                                   counted: list[str]) -> None:
    phone_photo(minimal_content / "images" / "calm.jpg")
    add_image(minimal_content, "images/calm.jpg")
    cache = tmp_path / "cache"
    site = tmp_path / "site"
    build(minimal_content, site, cache)
    outputs = sorted((site / "media").glob("calm-*"))
    assert [p.name.rsplit("-", 1)[1] for p in outputs] == ["160.jpg", "160.webp", "320.jpg", "320.webp",
                                                           "600.jpg", "600.webp"]  # 600 wide once upright
    assert len(counted) == 6
    for out in outputs:
        raw = out.read_bytes()
        with Image.open(out) as im:
            assert im.format in ("JPEG", "WEBP")
            assert im.height == im.width * 2  # upright: portrait
            assert not im.getexif()
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp"} & set(im.info)
            rgb = im.convert("RGB")
            top = rgb.getpixel((im.width // 2, im.height // 4))
            bottom = rgb.getpixel((im.width // 2, im.height * 3 // 4))
        assert top[0] > 150 and top[2] < 100, top  # red at the top
        assert bottom[2] > 150 and bottom[0] < 100, bottom
        assert b"Exif" not in raw and b"PhoneMaker" not in raw and b"secret place" not in raw
    assert not (site / "media" / "images" / "calm.jpg").exists()  # the original is never published

    page = (site / "courses" / "feeling-calm" / "index.html").read_text()
    picture = re.search(r"<picture>.*?</picture>", page, re.S)
    assert picture
    assert 'type="image/webp"' in picture.group(0) and "320w" in picture.group(0)
    img = re.search(r"<img[^>]*>", picture.group(0))
    assert img and 'width="600"' in img.group(0) and 'height="1200"' in img.group(0)
    assert 'srcset="' in img.group(0) and 'alt="Red above blue"' in img.group(0)
    og = re.search(r'<meta property="og:image" content="([^"]+)">', page)
    assert og and og.group(1).startswith("https://example.org/testbridge/media/calm-") and og.group(1).endswith(
        "-600.jpg")

    counted.clear()
    build(minimal_content, tmp_path / "site2", cache)
    assert counted == []  # unchanged picture: taken from the cache
    again = sorted((tmp_path / "site2" / "media").glob("calm-*"))
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in outputs]


def test_small_picture_is_never_enlarged(tmp_path: Path) -> None:
    Image.new("RGB", (200, 100), RED).save(tmp_path / "small.png")
    pic = images.plan(tmp_path, "small.png")
    assert [(v.width, v.height) for v in pic.variants] == [(160, 80), (200, 100)]


@pytest.mark.parametrize("kind, words", [
    ("missing", "does not exist"),
    ("corrupt", "damaged or is not a picture"),
    ("enormous", "too big"),
    ("text", "not a picture this build can use"),
])
def test_bad_picture_is_a_content_error(minimal_content: Path, tmp_path: Path, cli, kind: str,  # type: ignore[no-untyped-def]
                                        words: str) -> None:
    folder = minimal_content / "images"
    folder.mkdir()
    name = {"text": "notes.txt", "enormous": "huge.png"}.get(kind, "photo.jpg")
    if kind == "corrupt":
        (folder / name).write_bytes(b"\xff\xd8\xff\xe0 this is not really a photo" * 10)
    elif kind == "enormous":
        Image.new("1", (9000, 5000)).save(folder / name)  # 45 megapixels, a small file
    elif kind == "text":
        (folder / name).write_text("hello")
    line = add_image(minimal_content, f"images/{name}")
    result = cli("--content", minimal_content, "--output", tmp_path / "site", "--no-pdf")
    assert result.code == 1, result.text
    assert f"courses/feeling-calm.md:{line}" in result.text, result.text
    assert words in result.text
    assert "Traceback" not in result.text and "Warning" not in result.text
