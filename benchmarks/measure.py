"""Run a command as a child process and measure it: wall time, CPU time and peak memory.

The figures come from the operating system's own accounting of the finished child
(``os.wait4``), so they include Python's start-up and every process the build forks and
waits for.  ``ru_maxrss`` is the largest single process among them, not their sum.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    wall: float  # seconds, monotonic clock around start and reap
    cpu: float  # user + system seconds of the child and its reaped children
    peak_mb: float  # ru_maxrss of the largest process, in MiB
    code: int


class Failed(RuntimeError):
    """A measured command did not exit 0: the figures would be meaningless."""


def run(cmd: Sequence[str], cwd: Path, log: Path, ok: bool = True) -> Sample:
    """Run ``cmd`` once in ``cwd``, its output appended to ``log``; raise Failed on a non-zero exit."""
    with log.open("ab") as out:
        out.write(("$ " + " ".join(str(c) for c in cmd) + "\n").encode())
        out.flush()
        started = time.perf_counter()
        child = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if ok and code != 0:
        raise Failed(f"{' '.join(str(c) for c in cmd)} exited {code}; see {log}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code)


@dataclass(frozen=True)
class Figure:
    """Several runs of one measurement, summarised."""

    walls: tuple[float, ...]
    cpus: tuple[float, ...] = ()
    peak_mb: float = 0.0

    @property
    def wall_min(self) -> float:
        return min(self.walls)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpus) if self.cpus else float("nan")

    def as_dict(self) -> dict[str, object]:
        return {"walls": list(self.walls), "cpus": list(self.cpus), "peak_mb": self.peak_mb,
                "wall_min": self.wall_min, "wall_median": self.wall_median, "cpu_median": self.cpu_median}


def figure(samples: Sequence[Sample]) -> Figure:
    """Summarise samples: every wall and CPU time, and the largest peak memory."""
    return Figure(tuple(s.wall for s in samples), tuple(s.cpu for s in samples),
                  max(s.peak_mb for s in samples))


def seconds(value: float) -> str:
    """A time for the table: milliseconds below one second, seconds above."""
    if value != value:  # NaN
        return "n/a"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
