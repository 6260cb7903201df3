"""How long from saving one course to its rebuilt HTML being on disk: ``python benchmarks/edit_bench.py``.

Measures the preview's incremental rebuild (what ``build.py serve`` runs after each save) for
the sample site and for a 1,000-course synthetic site (benchmarks/synth.py), and the full
build for comparison.  The preview notices a save within 0.8 s (livereload polls that often);
that wait is not included.  Target: under 200 ms for the sample site.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import generate  # noqa: E402

from prospectus import pipeline  # noqa: E402
from prospectus.incremental import Incremental  # noqa: E402


def measure(content: Path, course: str, edits: int = 7) -> dict[str, float]:
    """Median time of an incremental rebuild after editing one course; also the first full build."""
    out = content.parent / "site"
    inc = Incremental(pipeline.Options(content=content, output=out, pdf=False))
    started = time.perf_counter()
    assert inc.update().ok
    full = time.perf_counter() - started
    path = content / "courses" / course
    original = path.read_text(encoding="utf-8")
    times, pages = [], 0
    for n in range(edits):
        path.write_text(original.replace("\n## ", f"\nEdited {n} times.\n\n## ", 1), encoding="utf-8")
        started = time.perf_counter()
        result = inc.update()
        times.append(time.perf_counter() - started)
        assert result.ok and result.written, result
        assert f"Edited {n} times." in (out / "courses" / path.stem / "index.html").read_text(encoding="utf-8")
        pages = len(result.rendered)
    return {"full": full, "median": statistics.median(times), "worst": max(times), "pages": pages,
            "total": len(inc.pages)}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample" / "content"
        shutil.copytree(ROOT / "content", sample)
        synth = generate(1000, Path(tmp) / "synth" / "content")
        rows = [("sample site", measure(sample, "understanding-anxiety.md")),
                ("1,000 courses", measure(synth, "synthetic-course-0500.md"))]
    print(f"{'site':<15} {'pages':>6} {'full build':>11} {'edit median':>12} {'edit worst':>11} {'re-rendered':>12}")
    for name, r in rows:
        print(f"{name:<15} {r['total']:>6.0f} {r['full'] * 1000:>9.0f} ms {r['median'] * 1000:>9.1f} ms "
              f"{r['worst'] * 1000:>8.1f} ms {r['pages']:>12.0f}")
    ok = rows[0][1]["median"] < 0.2
    print(f"Sample site target (< 200 ms): {'met' if ok else 'NOT met'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
