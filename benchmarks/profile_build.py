"""Profile one full build of a synthetic prospectus: ``python benchmarks/profile_build.py [N]``.

Writes N courses (default 1,000) with synth.py, builds them once without PDFs in this
process under cProfile with a CPU-time clock (so time spent waiting for a busy machine is
not counted), and writes benchmarks/out/profile-N.prof and a readable profile-N.txt
(top functions by cumulative and by own time).  Run it with PROSPECTUS_WORKERS=1 to keep
the build in one process: otherwise the forked worker's half of the work is not seen.
Programs the build starts (Pagefind) are not seen either; time those on their own.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import synth  # noqa: E402

from prospectus import cli  # noqa: E402


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = HERE / "out"
    content, site = out / f"profile-content-{n}", out / f"profile-site-{n}"
    synth.write(n, content)
    if site.exists():
        shutil.rmtree(site)
    profiler = cProfile.Profile(time.process_time)
    code = profiler.runcall(cli.main, ["-q", "--no-pdf", "--force", "--content", str(content), "--output", str(site)])
    profiler.dump_stats(out / f"profile-{n}.prof")
    text = io.StringIO()
    stats = pstats.Stats(str(out / f"profile-{n}.prof"), stream=text)
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(30)
    (out / f"profile-{n}.txt").write_text(text.getvalue(), encoding="utf-8")
    print(f"build exit {code}; profile in {out / f'profile-{n}.txt'}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
