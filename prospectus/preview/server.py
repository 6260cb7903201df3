"""The live preview: ``python build.py serve``.

Serves the output folder on 127.0.0.1 with livereload.  Every save under content/ or
templates/ runs an incremental rebuild (incremental.py), and the open page reloads by itself.
While the content has errors every page request gets the error page (errorpage.py) and the
terminal shows the same list; the last good site stays on disk untouched.  A crash inside a
build is logged and the last good build keeps being served.  The brochures and the search
index are never made in the fast path: a background thread makes them (background.py).
"""

from __future__ import annotations

import dataclasses
import logging
import mimetypes
import os
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import parallel
from ..build.options import Options
from ..build.publish import check_output
from ..content.loader import college_name
from ..problems import Problem, TemplateProblem, UsageError
from . import errorpage
from .background import BackgroundWorker
from .incremental import Incremental, Update

HOST = "127.0.0.1"
PAGE_SUFFIXES = ("", ".html", ".htm")
POLL_MS = 50  # how often the folders are looked at (about 6 ms each time for 1,000 courses)
SLICE = 0.05  # seconds of listing and other work done at a time after a save, between polls
PAUSE = 0.005  # seconds left between those slices for the server to answer and look for saves


class Preview:
    """What the server shows: the last good site, or the error page while content is broken."""

    def __init__(self, opts: Options, say: Callable[[str], None] | None = None):
        self.opts = opts
        self.builder = Incremental(opts)
        self.say = say or _say
        self.problems: tuple[Problem, ...] = ()
        self.error_html = ""
        self.college_name = college_name(opts.content) or "the prospectus"
        self.language = "en-GB"
        self.lock = threading.Lock()
        self.background = BackgroundWorker(dataclasses.replace(opts, gentle=True), self.say)
        # Set by the server: run a function on its loop after some seconds; reload the browsers.
        self.later: Callable[[float, Callable[[], None]], object] | None = None
        self.reload: Callable[[], None] | None = None
        self.poll: Callable[[], None] | None = None  # look for saves now (and rebuild when there are)
        self.stop: Callable[[], None] | None = None  # stop serving (the output folder may not be used)
        self._scheduled = False

    def close(self) -> None:
        """Stop the background thread (the server itself stops with Ctrl+C)."""
        self.background.stop()

    @property
    def failing(self) -> bool:
        return bool(self.error_html)

    def rebuild(self, force: bool = False) -> Update | None:
        """Bring the site up to date; report problems; never raises (the server must live on).

        Under the server (``later`` set), only the edited item's own pages are made here; the
        listings and other outputs follow in short slices between polls (:meth:`carry_on`), so a
        save is never kept waiting behind the previous one."""
        with self.lock:
            try:
                result = self.builder.update(force=force, defer=self.later is not None)
                if self.later is None:
                    self.builder.work(result)
            except UsageError as exc:  # the output folder can no longer be used: stop serving it
                if self.stop is None:
                    raise
                self.say(f"prospectus: {exc} The preview has stopped.")
                self.stop()
                return None
            except Exception as exc:  # a bug, not a content mistake: log it, keep the last good build
                self._bug(exc)
                return None
            if result.changed:
                self._report(result)
            if self.builder.pending is not None and self.later is not None:
                self._schedule(0.0)
            elif result.changed and result.ok:
                self.background.request(self.builder.prospectus)
            return result

    def _schedule(self, seconds: float) -> None:
        if not self._scheduled and self.later is not None:
            self._scheduled = True
            self.later(seconds, self.carry_on)

    def carry_on(self) -> None:
        """Do about SLICE seconds of the work the last save left; come back for more, or when it is
        all done, reload the browsers (they may show a listing that changed) and start the slow
        outputs.  A save made since the last slice is taken first."""
        self._scheduled = False
        if self.poll is not None:
            self.poll()  # may rebuild, which carries the work left over and schedules this again
            if self._scheduled:
                return
        with self.lock:
            try:
                more = self.builder.work(seconds=SLICE)
            except TemplateProblem as exc:  # a template fails on a list page: show it like any problem
                self._report(Update(False, (exc.problem,)))
                return
            except Exception as exc:
                self._bug(exc)
                return
        if more:
            self._schedule(PAUSE)
            return
        if self.reload is not None:
            self.reload()
        self.background.request(self.builder.prospectus)

    def _bug(self, exc: Exception) -> None:
        self.say(f"Something went wrong inside the build ({type(exc).__name__}: {exc}). "
                 "The preview still shows the last good build. Please report this:\n"
                 + "".join(traceback.format_exception(exc)))

    def _report(self, result: Update) -> None:
        if self.builder.prospectus is not None:
            self.college_name = self.builder.prospectus.college.name
            self.language = self.builder.prospectus.college.language
        if not result.ok:
            failing = [p for p in result.problems if p.is_error or self.opts.strict]
            self.problems = tuple(result.problems)
            self.error_html = errorpage.render(failing or result.problems, self.opts.content,
                                               self.opts.layers(), self.college_name, self.language)
            self.say(errorpage.terminal(result.problems))
            self.say(f"{len(failing)} problem{'s' if len(failing) != 1 else ''} to fix. The preview shows "
                     "them in the browser; the site was not changed.")
            return
        if self.failing:
            self.say("All fixed. The preview shows the site again.")
        if tuple(result.problems) != self.problems:  # warnings once, not after every save
            for warning in result.problems:
                self.say(warning.format())
        self.problems, self.error_html = tuple(result.problems), ""
        what = "everything" if result.full else f"{len(result.rendered)} page{'s' if len(result.rendered) != 1 else ''}"
        self.say(f"Updated: rendered {what}, {len(result.written)} file{'s' if len(result.written) != 1 else ''} "
                 f"changed, in {result.seconds * 1000:.0f} ms.")


def _say(text: str) -> None:
    print(text, flush=True)


def handler_class(preview: Preview) -> type:
    """A static file handler that answers page requests with the error page while content is broken."""
    from livereload.handlers import StaticFileHandler
    from tornado.web import HTTPError

    class PreviewHandler(StaticFileHandler):  # type: ignore[misc]
        generated = False

        def compute_etag(self) -> str | None:
            return None if self.generated else super().compute_etag()  # type: ignore[no-any-return]

        async def get(self, path: str, include_body: bool = True) -> None:
            if any(ord(ch) < 32 for ch in path):  # a NUL or other control character names no file
                raise HTTPError(404)
            if preview.failing and _is_page(path):
                self.generated = True
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(preview.error_html)
                return
            fallback = _static_fallback(preview, path)
            if fallback is not None:  # nothing built yet: style the error page from templates/static
                self.generated = True
                self.set_header("Content-Type", mimetypes.guess_type(fallback.name)[0] or "application/octet-stream")
                self.finish(fallback.read_bytes())
                return
            try:
                await super().get(path, include_body)
            except (ValueError, OSError):  # a path the file system cannot take: there is no such page
                raise HTTPError(404) from None
            except HTTPError as exc:  # outside the served folder (403 from tornado): there is no such page
                if exc.status_code == 403:
                    raise HTTPError(404) from None
                raise

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            missing = preview.opts.output / "404.html"
            if status_code == 404 and missing.is_file():
                self.generated = True
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(missing.read_bytes())
            else:
                super().write_error(status_code, **kwargs)

    return PreviewHandler


def _static_fallback(preview: Preview, path: str) -> Path | None:
    """The templates' static/X (the college's or the built-in one) for static/X when the output has no
    such file (no good build yet)."""
    try:
        if not path.startswith("static/") or (preview.opts.output / path).is_file():
            return None
        return preview.opts.layers().find(path)
    except (OSError, ValueError):  # a name the file system cannot take: there is no such file
        return None


def _is_page(path: str) -> bool:
    return path == "" or path.endswith("/") or os.path.splitext(path)[1] in PAGE_SUFFIXES


def _fast_watcher() -> Any:
    """livereload's polling watcher, looking every POLL_MS instead of every 800 ms."""
    from livereload.watcher import Watcher
    from tornado import ioloop

    class FastWatcher(Watcher):  # type: ignore[misc]
        def start(self, callback: Callable[[], None]) -> bool:
            ioloop.PeriodicCallback(callback, POLL_MS).start()
            return True

    return FastWatcher()


def make_server(preview: Preview) -> Any:
    """A livereload server watching content/ and templates/ that rebuilds on every change."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0  # reload on every save, not at most every 3 s
    server = Server(watcher=_fast_watcher())
    handler = handler_class(preview)

    def web_handlers(script: bytes) -> list[tuple[Any, ...]]:
        return [(r"/(.*)", handler, {"path": str(preview.opts.output.resolve()), "default_filename": "index.html"})]

    server.get_web_handlers = web_handlers
    server._setup_logging = lambda: None
    watched = [preview.opts.content, *preview.opts.layers().folders()]
    if preview.opts.templates is not None and preview.opts.templates.resolve() not in {f.resolve() for f in watched}:
        watched.append(preview.opts.templates)  # the college's templates folder, should it be made now
    for folder in watched:
        server.watch(str(folder), lambda: preview.rebuild(), delay=None)
    from tornado import ioloop

    preview.later = lambda seconds, fn: ioloop.IOLoop.current().call_later(seconds, fn)
    preview.stop = lambda: ioloop.IOLoop.current().stop()
    preview.reload = lambda: LiveReloadHandler.reload_waiters()
    preview.poll = lambda: LiveReloadHandler.poll_tasks()
    return server


def preview_folder(opts: Options) -> Path:
    """Where the preview writes, unless --output says otherwise: in the cache folder, one for each content
    folder, so that serving never changes site/ (only ``build`` does) nor another college's preview."""
    return opts.kept() / "preview"


def serve(opts: Options, port: int = 8000, say: Callable[[str], None] | None = None) -> int:
    """Build once, then serve and rebuild on every change until Ctrl+C."""
    for name in ("livereload", "tornado.access", "tornado.application", "tornado.general"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if not opts.content.is_dir():
        raise UsageError(f"There is no content folder at '{opts.content}'. Check the path given with --content.")
    check_output(opts.output, opts.content)  # a folder the build may not use is never served either
    say = say or _say
    parallel.set_enabled(False)  # the server runs threads: never fork under them
    preview = Preview(opts, say)
    if opts.output.resolve().is_relative_to(opts.cache.resolve()):
        say(f"Making the preview from {opts.content}/ (kept in {opts.cache}/: site/ changes only when you build) ...")
    else:
        say(f"Building {opts.output}/ from {opts.content}/ for the preview ...")
    preview.rebuild(force=True)
    server = make_server(preview)
    say(f"Preview running at http://{HOST}:{port}/ (open it in your web browser). "
        "Pages reload by themselves when you save. Press Ctrl+C to stop.")
    sys.stdout.flush()
    try:
        server.serve(port=port, host=HOST, open_url_delay=None, restart_delay=0)
    except OSError as exc:
        raise UsageError(f"Port {port} cannot be used ({exc.strerror}). Another preview may be running: "
                         f"stop it, or choose another port with --port {port + 1}.") from None
    finally:
        preview.close()
    say("Preview stopped.")
    return 0
