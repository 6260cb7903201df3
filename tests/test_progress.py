"""A long build says what it is doing on a terminal: the stage, and "brochure 3 of 8".

Nothing here waits for the clock: the line's delay is set to nothing (or a clock is given) and
what is drawn is read back.  Piped output and ``-q`` show nothing extra at all.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from prospectus import cli
from prospectus.build import pipeline, progress
from prospectus.build.progress import Progress

ROOT = Path(__file__).resolve().parent.parent


class Terminal(io.StringIO):
    """What the build writes to, looking like a terminal."""

    def isatty(self) -> bool:
        return True


def lines(drawn: str) -> list[str]:
    """The successive states of a line redrawn in place with carriage returns."""
    return [part.strip() for part in drawn.split("\r") if part.strip()]


def test_nothing_is_drawn_before_the_delay_and_the_line_is_rubbed_out_at_the_end() -> None:
    now = [100.0]
    screen = Terminal()
    shown = Progress(screen, delay=2.0, clock=lambda: now[0], thread=False)
    shown.stage("brochures")
    brochures = shown.count("brochure")
    brochures(0, 8)
    now[0] = 101.5
    shown.tick()
    assert screen.getvalue() == "", "a quick build shows nothing extra"
    now[0] = 103.0
    brochures(2, 8)
    assert lines(screen.getvalue()) == ["brochures: brochure 3 of 8 ... (3 s)"]
    brochures(8, 8)
    shown.stage("pages")
    assert lines(screen.getvalue())[-2:] == ["brochures: brochure 8 of 8 ... (3 s)", "pages ... (3 s)"]
    shown.close()
    assert screen.getvalue().endswith("\r" + " " * len("  pages ... (3 s)") + "\r")


def test_a_build_with_brochures_counts_them_on_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROSPECTUS_WORKERS", "1")  # one process: every brochure is counted as it is made here
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", content)
    screen = Terminal()
    shown = Progress(screen, delay=0, thread=False)
    pipeline.build(pipeline.Options(content=content, output=tmp_path / "site", cache=tmp_path / "cache"), shown)
    shown.close()
    seen: list[str] = []
    for line in lines(screen.getvalue()):  # without the seconds, each state once
        if line.split(" ... ")[0] not in seen[-1:]:
            seen.append(line.split(" ... ")[0])
    assert [s for s in seen if "brochure " in s] == [f"brochures: brochure {n} of 4" for n in (1, 2, 3, 4)]
    assert seen.index("pages") > seen.index("brochures: brochure 4 of 4") and seen[-1] == "sitemap"
    assert seen[0] == "reading the content"


@pytest.mark.parametrize(("quiet", "terminal", "shown"), [(False, True, True), (True, True, False),
                                                         (False, False, False)])
def test_only_a_terminal_without_q_is_shown_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     quiet: bool, terminal: bool, shown: bool) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)  # as if the build had already taken long enough
    screen = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stdout", screen)
    args = ["--content", str(ROOT / "tests" / "fixtures" / "minimal"), "--output", str(tmp_path / "site"),
            "--no-pdf", *(["-q"] if quiet else [])]
    assert cli.main(args) == 0
    text = screen.getvalue()
    assert ("\r  pages ... (" in text) is shown, text
    if not shown:  # piped or -q: the build's messages, and nothing else
        assert "\r" not in text and all(line.startswith(("Building ", "Built ")) for line in text.splitlines())
