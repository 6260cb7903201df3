"""Pictures from content, made safe and light for the web (Pillow).

A phone photo carries the place it was taken (GPS) and other private details in its EXIF data,
and a 12-megapixel photo is far too heavy for someone on a phone with little data.  So every
raster picture named in content is turned upright (EXIF orientation applied), stripped of all
metadata by copying only its pixels, and for course images and tutor photos resized to a few
widths (never enlarged) in WebP with a JPEG fallback.  File names carry a hash of the source
and the settings, so a changed photo gets a new address and browsers never show a stale one.
Results are cached in a folder keyed by that hash: an unchanged picture is copied, not encoded
again.  The cache is safe to delete.  SVG drawings are published as content/svg.py rebuilds them.

Every picture is read through the gate (content/gate.py); whether a picture can be published at
all was checked while the content was read (content/raster.py, content/svg.py), so a missing,
broken or enormous picture is reported with the file and line that names it, never as a crash.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms, ImageOps

from ..content import gate, raster, svg  # raster sets Pillow's limit on pixels (decompression bombs)
from ..model import objects as m
from ..model.urls import MEDIA

MAX_PIXELS = raster.MAX_PIXELS
WIDTHS = (160, 320, 640, 960)
LOGO_WIDTH = 640  # a logo is shown at most 16em wide: twice that in pixels stays sharp on any screen
SETTINGS = "v1 widths=160,320,640,960 webp=q78m6 jpeg=q82opt srgb"
ORIENTATION = 0x0112


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    webp: str  # site-relative path, like media/sam-1a2b3c4d-320.webp
    jpeg: str


@dataclass(frozen=True)
class Picture:
    """How one source picture is published: its variants, smallest first (or one copied file)."""

    src: str
    digest: str
    variants: tuple[Variant, ...] = ()
    copy: str = ""  # for SVG and pictures in Markdown bodies: one file at media/<src>
    size: tuple[int, int] | None = None  # for the logo: the size its one file is made at (and shown at)

    @property
    def largest(self) -> Variant:
        return self.variants[-1]

    @property
    def files(self) -> tuple[str, ...]:
        """Every file this picture is published as (site paths)."""
        return (self.copy,) if self.copy else tuple(p for v in self.variants for p in (v.webp, v.jpeg))

    @property
    def for_print(self) -> str:
        """The file a brochure prints: the drawing, or the largest JPEG (960 pixels wide at most)."""
        return self.copy or self.largest.jpeg

    @property
    def srcset_webp(self) -> str:
        return ", ".join(f"{v.webp} {v.width}w" for v in self.variants)

    @property
    def srcset_jpeg(self) -> str:
        return ", ".join(f"{v.jpeg} {v.width}w" for v in self.variants)


def _digest(data: bytes) -> str:
    h = hashlib.sha256(SETTINGS.encode())
    h.update(data)
    return h.hexdigest()


def upright_size(data: bytes) -> tuple[int, int]:
    """The picture's size once its EXIF orientation has been applied."""
    with Image.open(io.BytesIO(data), formats=raster.FORMATS) as im:
        turned = im.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8)
        return (im.height, im.width) if turned else (im.width, im.height)


def plan(content: Path, src: str, copy: bool = False) -> Picture:
    """Where ``src`` will be published, worked out from its header only (nothing is encoded).  The
    picture is read through the gate (content/gate.py), like every file the build publishes."""
    data = gate.read_picture(content, src)
    digest = _digest(data)
    if copy or gate.is_drawing(src):
        return Picture(src, digest, copy=MEDIA + src)
    width, height = upright_size(data)
    widths = sorted({w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])})
    stem = PurePosixPath(src).stem[:60]  # the published name adds a hash and a width
    variants = tuple(Variant(w, max(1, round(height * w / width)), f"{MEDIA}{stem}-{digest[:8]}-{w}.webp",
                             f"{MEDIA}{stem}-{digest[:8]}-{w}.jpg") for w in widths)
    return Picture(src, digest, variants)


def plan_logo(content: Path, src: str) -> Picture:
    """How the college's logo is published: a drawing as content/svg.py rebuilds it, a raster picture
    cleaned like every other, at most LOGO_WIDTH pixels wide, in its own kind (a PNG keeps its
    transparency for the coloured header), under a name of its own."""
    data = gate.read_picture(content, src)
    digest = _digest(data)
    if gate.is_drawing(src):
        return Picture(src, digest, copy=MEDIA + src)
    width, height = upright_size(data)
    fit = min(width, LOGO_WIDTH)
    pure = PurePosixPath(src)
    return Picture(src, digest, copy=f"{MEDIA}{pure.stem[:60]}-{digest[:8]}-logo{pure.suffix.lower()}",
                   size=(fit, max(1, round(height * fit / width))))


def clean_pixels(data: bytes) -> Image.Image:
    """The picture upright, in sRGB, as a brand-new image holding pixels and nothing else."""
    with Image.open(io.BytesIO(data), formats=raster.FORMATS) as im:
        im.load()
        upright = ImageOps.exif_transpose(im)
        icc = im.info.get("icc_profile")
    has_alpha = upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info)
    rgb = upright.convert("RGBA" if has_alpha else "RGB")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            rgb = ImageCms.profileToProfile(rgb, source, ImageCms.createProfile("sRGB"),
                                            outputMode=rgb.mode) or rgb
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: keep the pixels as they are
    return Image.frombytes(rgb.mode, rgb.size, rgb.tobytes())  # no EXIF, XMP, ICC or comments survive


def _jpeg_ready(im: Image.Image) -> Image.Image:
    if im.mode != "RGBA":
        return im
    flat = Image.new("RGB", im.size, (255, 255, 255))
    flat.paste(im, mask=im.getchannel("A"))
    return flat


def encode(im: Image.Image, fmt: str) -> bytes:
    """One encoded file; the only place pictures are encoded (tests count calls here)."""
    buf = io.BytesIO()
    if fmt == "webp":
        im.save(buf, "WEBP", quality=78, method=6)
    elif fmt in ("png", "gif"):
        im.save(buf, fmt.upper(), optimize=True)
    else:
        _jpeg_ready(im).save(buf, "JPEG", quality=82, optimize=True, progressive=True)
    return buf.getvalue()


def _render(data: bytes, pic: Picture) -> dict[str, bytes]:
    """Every output file of one picture, encoded from the source."""
    clean = clean_pixels(data)
    if pic.copy:
        fmt = {".png": "png", ".gif": "gif", ".webp": "webp"}.get(PurePosixPath(pic.src).suffix.lower(), "jpeg")
        if pic.size is not None and pic.size != clean.size:
            clean = clean.resize(pic.size, Image.Resampling.LANCZOS)
        return {pic.copy: encode(clean, fmt)}
    out: dict[str, bytes] = {}
    for v in pic.variants:
        small = clean if (v.width, v.height) == clean.size else clean.resize((v.width, v.height),
                                                                             Image.Resampling.LANCZOS)
        out[v.webp] = encode(small, "webp")
        out[v.jpeg] = encode(small, "jpeg")
    return out


def publish(content: Path, pic: Picture, cache: Path) -> dict[str, bytes]:
    """The files of ``pic`` (site path -> bytes), from the cache when the source is unchanged.  A
    drawing (SVG) is published as content/svg.py rebuilds it, never as it came."""
    if gate.is_drawing(pic.src):
        return {pic.copy: svg.clean(gate.read_picture(content, pic.src))}
    # Kept under the source's digest and the files' names: the same bytes under two names (or copied
    # and resized) are different results.
    made = (pic.digest, *pic.files, *([f"{pic.size}"] if pic.size else []))  # a logo's size too
    key = hashlib.sha256("\0".join(made).encode()).hexdigest()
    folder = cache / key[:2] / key
    index = folder / "files.json"
    if index.is_file():
        try:
            names = json.loads(index.read_text(encoding="utf-8"))
            return {rel: (folder / PurePosixPath(rel).name).read_bytes() for rel in names}
        except (OSError, ValueError):
            shutil.rmtree(folder, ignore_errors=True)  # a damaged cache entry is made again
    files = _render(gate.read_picture(content, pic.src), pic)
    _store(folder, files)
    return files


def _store(folder: Path, files: dict[str, bytes]) -> None:
    """Save to the cache; a cache that cannot be written only costs time, never the build."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for rel, data in files.items():
            (folder / PurePosixPath(rel).name).write_bytes(data)
        (folder / "files.json").write_text(json.dumps(sorted(files)), encoding="utf-8")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class Plans:
    """Every picture the site publishes: ``shown`` (course images and published tutors' photos, by
    src, in several widths) and ``copies`` (pictures named in Markdown texts and a college's own easy
    read pictures, by src, cleaned and kept at media/<src>).  A picture can be in both.  ``logo`` is
    the college's logo, made once in the size the header needs."""

    shown: dict[str, Picture]
    copies: dict[str, Picture]
    logo: Picture | None = None  # the college's logo (branding in college.yaml)

    def all(self) -> list[Picture]:
        """Each plan once, shown pictures first."""
        found = [*self.shown.values(), *(pic for src, pic in self.copies.items() if self.shown.get(src) != pic)]
        return found + [self.logo] if self.logo is not None and self.logo not in found else found


def plans(p: m.Prospectus, content: Path, own: set[str]) -> Plans:
    """The plans of every picture the site publishes (see :class:`Plans`); ``own`` are a college's own
    easy read pictures, the rest are found in the model (the pictures the Markdown renderer saw)."""
    resized = {c.image.src for c in p.courses if c.image}
    resized |= {t.photo.src for t in p.published_tutors if t.photo}
    named = {*own, *p.college.enrolment.pictures}
    for pictures in [c.pictures for c in p.courses] + [pg.pictures for pg in p.pages] + \
            [t.pictures for t in p.published_tutors]:
        named.update(pictures)
    shown = {src: plan(content, src) for src in sorted(resized)}
    copies = {src: shown[src] if shown.get(src, Picture("", "")).copy else plan(content, src, copy=True)
              for src in sorted(named)}
    logo = p.college.branding.logo
    return Plans(shown, copies, plan_logo(content, logo.src) if logo else None)
