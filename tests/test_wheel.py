"""The wheel is a working install: built from this repository, installed into a new virtual
environment and run far from the source tree, it builds a site with its brochures.

The templates, static files, fonts and pictures are package data (prospectus/templates); a wheel
that missed one, or a program that looked for them in the source tree, fails here.  The new
environment finds the libraries where this Python has them (a line in a .pth file: nothing is
downloaded), after its own packages; the prospectus package comes only from the wheel (an
editable install of this repository, if there is one, is not seen: the .pth files of those
folders are not read), which the test checks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from clikit import BUILD_DATE_EPOCH
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    source = tmp_path_factory.mktemp("source") / "prospectus"  # a clean copy: no build/ left by an earlier build
    left_out = {".git", "build", "dist", "prospectus.egg-info", ".cache", "site", "node_modules", ".venv", "artifacts"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder).resolve() == ROOT
        return {n for n in names if (top and n in left_out) or n == "__pycache__" or n.endswith("_cache")}

    shutil.copytree(ROOT, source, ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "-w", str(out), "--no-deps", "-q"],
                          capture_output=True, text=True, timeout=600, cwd=out)
    assert done.returncode == 0, done.stdout + done.stderr
    (found,) = out.glob("prospectus-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new virtual environment with the wheel installed: its bin (Scripts) folder."""
    where = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False).create(where)
    bin_dir = where / ("Scripts" if os.name == "nt" else "bin")
    own = subprocess.run([str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True).stdout.strip()
    here = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]  # this Python's libraries
    Path(own, "libraries-of-the-test-python.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install", "--no-deps",
                           "--no-index", "-q", str(wheel)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0 and "no such option: --python" in done.stderr:
        pytest.skip("this pip cannot install into another environment (pip >= 22.3 can)")
    assert done.returncode == 0, done.stdout + done.stderr
    yield bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command of the installed environment, run where no source tree is near (and none on the path)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH, PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}")
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=900, env=env)


def test_the_wheel_holds_every_package_and_every_template() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages = {p.parent.relative_to(ROOT).as_posix().replace("/", ".") for p in (ROOT / "prospectus").rglob(
        "__init__.py")}
    assert set(config["packages"]) == packages | {"prospectus.templates"}, "pyproject.toml's packages are out of date"


def test_the_wheel_carries_the_templates_as_package_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "templates").rglob("*") if p.is_file()}
    packed = {n.removeprefix("prospectus/") for n in names if n.startswith("prospectus/templates/")}
    assert packed == source
    starter = {p.relative_to(ROOT).as_posix() for p in (ROOT / "prospectus" / "tools" / "starter").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert starter <= names and len(starter) > 15, sorted(starter - names)
    assert "prospectus/cli.py" in names and not any(n.startswith(("tests/", "content/")) for n in names)


def test_the_installed_wheel_builds_a_site_with_brochures_far_from_the_source(installed: Path, tmp_path: Path) -> None:
    where = run(installed, "python", "-c", "import json, sys, prospectus.render.templates as t; print(json.dumps("
                "[t.__file__, str(t.BUILTIN), sys.path]))", cwd=tmp_path)
    assert where.returncode == 0, where.stdout + where.stderr
    module, builtin, path = json.loads(where.stdout)
    assert module.startswith(str(installed.parent)) and builtin.startswith(str(installed.parent)), (module, builtin)
    on_path = [p for p in path if p and Path(p).resolve() in (ROOT, ROOT / "prospectus")]
    assert on_path == [], "the source tree is on the path"
    college = tmp_path / "college"
    (college / "content").mkdir(parents=True)
    for path in (ROOT / "tests" / "fixtures" / "minimal").rglob("*"):
        if path.is_file():
            target = college / "content" / path.relative_to(ROOT / "tests" / "fixtures" / "minimal")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    done = run(installed, "prospectus", "build", cwd=college)
    assert done.returncode == 0, done.stdout + done.stderr
    site = college / "site"
    assert (site / "index.html").is_file() and (site / "static" / "site.css").is_file()
    assert (site / "static" / "pictures" / "calm.svg").is_file()
    assert sorted(p.name for p in (site / "pdf").glob("*.pdf")) == [
        "autumn-2026-easy-read.pdf", "autumn-2026-large-print.pdf", "autumn-2026-prospectus-a4.pdf",
        "autumn-2026-prospectus-a5.pdf"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def test_a_college_started_by_the_installed_wheel_works_as_the_issue_asks(installed: Path, tmp_path: Path) -> None:
    """`prospectus new college x && cd x && prospectus build` gives a site; a templates/404.html there replaces
    the built-in page, and extending the built-in one alone gives the built-in page; a colour too light
    for white text fails with the ratio; a good colour and a logo reach the header; `serve --content
    OTHER` leaves ./site as it was.  All with the installed wheel, far from the source tree."""
    assert run(installed, "prospectus", "new", "college", "x", cwd=tmp_path).returncode == 0
    x = tmp_path / "x"
    first = run(installed, "prospectus", "build", cwd=x)
    assert first.returncode == 0, first.stdout + first.stderr
    site = x / "site"
    assert len(list((site / "pdf").glob("*.pdf"))) == 8 and (site / "courses" / "peer-support-drop-in").is_dir()
    built_in = (site / "404.html").read_text(encoding="utf-8")

    (x / "templates" / "404.html").write_text("<!DOCTYPE html>\n<title>Lost</title>\n<p>Ours.</p>\n")
    assert run(installed, "prospectus", "build", "--no-pdf", cwd=x).returncode == 0
    assert (site / "404.html").read_text(encoding="utf-8") == "<!DOCTYPE html>\n<title>Lost</title>\n<p>Ours.</p>\n"
    (x / "templates" / "404.html").write_text('{% extends "builtin/404.html" %}\n')
    assert run(installed, "prospectus", "build", "--no-pdf", cwd=x).returncode == 0
    assert (site / "404.html").read_text(encoding="utf-8") == built_in

    college = x / "content" / "college.yaml"
    plain = college.read_text(encoding="utf-8")
    college.write_text(plain + 'branding:\n  colour: "#ffdd00"\n', encoding="utf-8")
    refused = run(installed, "prospectus", "build", "--no-pdf", cwd=x)
    assert refused.returncode == 1 and "contrast of only 1.34:1" in refused.stderr, refused.stderr
    (x / "content" / "images").mkdir()
    Image.new("RGB", (300, 100), (255, 221, 0)).save(x / "content" / "images" / "logo.png")
    college.write_text(plain + 'branding:\n  logo: {src: images/logo.png, alt: Our logo}\n  colour: "#00594f"\n')
    assert run(installed, "prospectus", "build", "--no-pdf", cwd=x).returncode == 0
    header = (site / "index.html").read_text(encoding="utf-8").split("</header>")[0]
    assert re.search(r'<img class="site-logo" src="media/logo-[0-9a-f]{8}-logo\.png" alt="Our logo"', header)
    assert "--brand: #00594f;" in header

    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert run(installed, "prospectus", "new", "college", "other", cwd=tmp_path).returncode == 0
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{installed}{os.pathsep}{env.get('PATH', '')}"
    server = subprocess.Popen(["prospectus", "serve", "--content", "../other/content", "--port", str(port),
                               "--no-pdf"], cwd=x, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while "Other Recovery College" not in _page(f"http://127.0.0.1:{port}/") and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Other Recovery College" in _page(f"http://127.0.0.1:{port}/"), "the preview never answered"
    finally:
        server.terminate()
        print(server.communicate(timeout=30)[0])
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
