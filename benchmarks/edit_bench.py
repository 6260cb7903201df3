"""How long from saving one course to its rebuilt HTML being on disk: ``python benchmarks/edit_bench.py``.

Measures the preview's incremental rebuild (what ``build.py serve`` runs after each save) for
the sample site and for a 1,000-course synthetic site (benchmarks/synth.py), and the full
build for comparison.  Each update here does all of its work (the edited pages, the lists and
every other output) before the clock stops; under ``serve`` the edited page is written first
and the rest follows in slices (benchmarks/liveedit.py times that, polling included).  The
preview looks for saves every 50 ms; that wait is not included.  Target: under 200 ms for the
sample site.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import write as generate  # noqa: E402

from prospectus.build import pipeline  # noqa: E402
from prospectus.preview.incremental import Incremental  # noqa: E402


def _timed_edits(inc: Incremental, path: Path, out: Path, edit: Callable[[str, int], str],
                 edits: int) -> tuple[list[float], int]:
    original = path.read_text(encoding="utf-8")
    times, pages = [], 0
    for n in range(edits):
        path.write_text(edit(original, n), encoding="utf-8")
        started = time.perf_counter()
        result = inc.update()
        times.append(time.perf_counter() - started)
        assert result.ok and result.written, result
        assert f"Edited {n} times" in (out / "courses" / path.stem / "index.html").read_text(encoding="utf-8")
        pages = len(result.rendered)
    path.write_text(original, encoding="utf-8")
    inc.update()
    return times, pages


def _body(text: str, n: int) -> str:
    return text.replace("\n## ", f"\nEdited {n} times.\n\n## ", 1)


def _summary(text: str, n: int) -> str:
    return text.replace("\nsummary: ", f"\nsummary: Edited {n} times. ", 1)


def measure(content: Path, course: str, edits: int = 7) -> dict[str, float]:
    """Median time of an incremental rebuild after editing one course; also the first full build."""
    out = content.parent / "site"
    inc = Incremental(pipeline.Options(content=content, output=out, pdf=False))
    started = time.perf_counter()
    assert inc.update().ok
    full = time.perf_counter() - started
    path = content / "courses" / course
    body, body_pages = _timed_edits(inc, path, out, _body, edits)
    summary, summary_pages = _timed_edits(inc, path, out, _summary, edits)
    return {"full": full, "body": statistics.median(body), "body_pages": body_pages,
            "summary": statistics.median(summary), "summary_worst": max(summary),
            "summary_pages": summary_pages, "total": len(inc.pages)}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample" / "content"
        shutil.copytree(ROOT / "content", sample)
        synth = generate(1000, Path(tmp) / "synth" / "content")
        rows = [("sample site", measure(sample, "understanding-anxiety.md")),
                ("1,000 courses", measure(synth, "synthetic-course-0500.md"))]
    print(f"{'site':<14} {'pages':>5} {'full build':>10} | {'description edit':>22} | {'summary edit':>28}")
    for name, r in rows:
        print(f"{name:<14} {r['total']:>5.0f} {r['full'] * 1000:>7.0f} ms | {r['body'] * 1000:>6.1f} ms, "
              f"{r['body_pages']:>3.0f} page(s) | {r['summary'] * 1000:>6.1f} ms "
              f"(worst {r['summary_worst'] * 1000:.0f}), "
              f"{r['summary_pages']:>2.0f} pages")
    print("Times are medians of 7 saves, from the save to every changed file on disk; the preview "
          "notices a save within 50 ms on top.")
    ok = max(rows[0][1]["body"], rows[0][1]["summary"]) < 0.2
    print(f"Sample site target (< 200 ms): {'met' if ok else 'NOT met'}.")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
