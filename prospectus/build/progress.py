"""What a long build is doing, on the terminal: the stage it is in, and "brochure 3 of 8".

The first build with brochures takes from a quarter of a minute to a minute, and a silent
terminal looks hung.  So on a terminal, once a build has taken about two seconds, one line shows
the stage and, while the brochures are made, how far they have got; it is redrawn in place and
rubbed out when the build ends, before the usual summary.  A quick build shows nothing extra,
and nothing at all is drawn when the output goes to a file or another program, or with ``-q``
(the command line gives those builds :data:`SILENT`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import TextIO

DELAY = 2.0  # seconds before anything is shown: a quick build stays as quiet as it was
INTERVAL = 0.25  # how often the line is looked at again (the seconds in it move on)


class Progress:
    """One line on ``stream`` (None: nothing is shown), redrawn by a small thread and at each change."""

    def __init__(self, stream: TextIO | None, delay: float | None = None,
                 clock: Callable[[], float] = time.monotonic, thread: bool = True):
        self.stream = stream
        self.delay = DELAY if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.name = ""
        self.counted = ""
        self.lock = threading.Lock()
        self.drawn = ""
        self.pid = os.getpid()  # a forked worker never draws: only the process that made it
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="progress", daemon=True) if stream and thread else None
        if self.thread is not None:
            self.thread.start()

    def stage(self, name: str) -> None:
        """The build has moved on to the stage ``name``."""
        self.name, self.counted = name, ""
        self.tick()

    def count(self, what: str) -> Callable[[int, int], None]:
        """A function to call with (done, total) as the items of this stage (``what``: 'brochure') are made."""
        def counted(done: int, total: int) -> None:
            self.counted = f"{what} {min(done + 1, total)} of {total}" if total else ""
            self.tick()
        return counted

    def text(self) -> str:
        """The line as it would be drawn now."""
        if not self.name:
            return ""
        seconds = int(self.clock() - self.started)
        return f"  {self.name}{': ' + self.counted if self.counted else ''} ... ({seconds} s)"

    def tick(self) -> None:
        """Draw the line if the build has taken long enough and the line has changed."""
        if self.stream is None or os.getpid() != self.pid or self.stopped.is_set():
            return
        with self.lock:
            if self.clock() - self.started < self.delay:
                return
            text = self.text()
            if text and text != self.drawn:
                self.stream.write("\r" + text + " " * max(0, len(self.drawn) - len(text)))
                self.stream.flush()
                self.drawn = text

    def close(self) -> None:
        """Stop, and rub the line out so that what is printed next starts on a clean line."""
        if os.getpid() != self.pid:
            return
        self.stopped.set()
        if self.thread is not None:
            self.thread.join(timeout=2)
        with self.lock:
            if self.stream is not None and self.drawn:
                self.stream.write("\r" + " " * len(self.drawn) + "\r")
                self.stream.flush()
                self.drawn = ""

    def _loop(self) -> None:
        while not self.stopped.wait(INTERVAL):
            self.tick()


SILENT = Progress(None)
