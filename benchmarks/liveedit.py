"""Time a one-course edit through the live preview (``build.py serve``), when it exists.

This is what an editor feels: the preview is already running, they save a course file, and
the clock stops when that course's page on disk shows the change.  The page file is polled
every 2 ms, so the figure includes the preview's own file watching.  A version of the
program without a ``serve`` command gets "n/a" instead of a figure.
"""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from measure import Failed, Figure

TIMEOUT = 300.0  # seconds to wait for the preview's first build, or for one edit to show


def has_serve(build: Path) -> bool:
    """Whether this version of the program has a ``serve`` command."""
    out = subprocess.run([sys.executable, str(build), "--help"], capture_output=True, text=True, check=False)
    return "serve" in out.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(ready: Callable[[], bool], what: str, child: subprocess.Popen[bytes]) -> None:
    """Poll ``ready`` every 2 ms; fail when the preview stops or TIMEOUT passes."""
    deadline = time.perf_counter() + TIMEOUT
    while not ready():
        if child.poll() is not None:
            raise Failed(f"the live preview stopped (exit {child.returncode}) while waiting for {what}")
        if time.perf_counter() > deadline:
            raise Failed(f"gave up waiting {TIMEOUT:.0f} s for {what}")
        time.sleep(0.002)


def answering(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
            return int(response.status) == 200
    except OSError:
        return False


def shows(page: Path, text: str) -> bool:
    try:
        return text in page.read_text(encoding="utf-8")
    except OSError:
        return False


def serve_edits(size: Any, runs: int, edited_course: Callable[[Any], tuple[Path, str, Path]],
                retitle: Callable[[str, str], tuple[str, str]]) -> Figure | str:
    """Start the preview, then time ``runs`` edits of one course title from save to page."""
    build = Path(size.build_cmd(False)[1])
    if not has_serve(build):
        return "n/a (no serve command in this version)"
    port = free_port()
    cmd = [*size.build_cmd(False), "serve", "--port", str(port)]
    source, original, page = edited_course(size)
    walls = []
    with size.log.open("ab") as log:
        child = subprocess.Popen(cmd, cwd=size.work, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            wait_until(lambda: answering(port), "the preview to start", child)
            for k in range(runs):
                text, title = retitle(original, f"live {k + 1}")
                started = time.perf_counter()
                source.write_text(text, encoding="utf-8")
                wanted = html.escape(title)
                wait_until(lambda: shows(page, wanted), f"{page} to show '{title}'", child)  # noqa: B023
                walls.append(time.perf_counter() - started)
                time.sleep(0.5)  # let the preview settle before the next save
        finally:
            source.write_text(original, encoding="utf-8")
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
    return Figure(tuple(walls))
