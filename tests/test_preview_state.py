"""The preview's state machine without HTTP: crashes keep the last good build, broken
college.yaml still gets an error page, and slow stages (PDFs) run only in the background."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from prospectus.build import pipeline, stages
from prospectus.build.context import Context
from prospectus.build.publish import Staging
from prospectus.preview.incremental import Incremental
from prospectus.preview.server import Preview

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def opts(minimal_content: Path, tmp_path: Path) -> pipeline.Options:
    return pipeline.Options(content=minimal_content, output=tmp_path / "site", pdf=False, cache=tmp_path / "cache")


def test_a_crash_inside_the_build_is_logged_and_the_last_build_kept(opts: pipeline.Options,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    preview = Preview(opts, said.append)
    assert preview.rebuild(force=True) is not None
    home = (opts.output / "index.html").read_bytes()

    def boom(self: Incremental, force: bool = False, defer: bool = False) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(Incremental, "update", boom)
    assert preview.rebuild() is None
    assert any("Something went wrong inside the build" in s and "ZeroDivisionError" in s for s in said)
    assert not preview.failing and (opts.output / "index.html").read_bytes() == home
    preview.close()


def test_broken_college_yaml_still_gets_an_error_page(opts: pipeline.Options) -> None:
    said: list[str] = []
    preview = Preview(opts, said.append)
    preview.rebuild(force=True)
    (opts.content / "college.yaml").write_text("name: [unclosed\n")
    preview.rebuild()
    assert preview.failing and "college.yaml" in preview.error_html and "line 1" in preview.error_html
    assert any("college.yaml:1:" in s for s in said)
    (opts.content / "college.yaml").unlink()
    preview.rebuild()
    assert "There is no college.yaml" in preview.error_html
    shutil.copy(ROOT / "tests" / "fixtures" / "minimal" / "college.yaml", opts.content / "college.yaml")
    preview.rebuild()
    assert not preview.failing and any("All fixed" in s for s in said)
    preview.close()


def test_pdf_stages_run_in_the_background_only(opts: pipeline.Options, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[bool] = []
    done = threading.Event()

    def stand_in(ctx: Context, out: Staging) -> None:  # a slow stage, whatever its function is called
        ran.append(ctx.opts.pdf)
        if ctx.opts.pdf:
            out.write("brochure.pdf", b"%PDF-1.7 stand-in")
            done.set()

    slow = stages.Stage("a slow output", stand_in, stages.When.QUIET)
    monkeypatch.setattr(stages, "STAGES", (*stages.STAGES[:-1], slow, stages.STAGES[-1]))
    fast = Incremental(opts)
    assert fast.update().ok and ran == []  # the fast path never calls a PDF stage
    preview = Preview(pipeline.Options(content=opts.content, output=opts.output, pdf=True, cache=opts.cache),
                      lambda s: None)
    started = time.monotonic()
    assert preview.rebuild(force=True) is not None
    assert (opts.output / "index.html").is_file()
    assert done.wait(30), "the background PDF build never ran"
    for _ in range(100):
        if (opts.output / "brochure.pdf").is_file():
            break
        time.sleep(0.05)
    assert (opts.output / "brochure.pdf").read_bytes() == b"%PDF-1.7 stand-in"
    assert ran == [True] and time.monotonic() - started < 30
    preview.close()


def test_the_error_page_is_styled_before_any_good_build(opts: pipeline.Options) -> None:
    from prospectus.preview.server import _static_fallback

    (opts.content / "college.yaml").write_text("name: Northfield\nterms: [\n")
    preview = Preview(opts, lambda s: None)
    preview.rebuild(force=True)
    assert preview.failing and "Northfield" in preview.error_html
    assert not (opts.output / "static" / "site.css").exists()
    css = _static_fallback(preview, "static/site.css")
    assert css is not None and css.read_bytes() == (ROOT / "templates" / "static" / "site.css").read_bytes()
    assert _static_fallback(preview, "static/../../pyproject.toml") is None
    assert _static_fallback(preview, "courses/index.html") is None
    preview.close()
