"""How long the sample brochures take: each variant of one term, on one core, cold and cached.

Run ``python benchmarks/pdf_bench.py [TERM_ID] [--json]`` from the project root (``bench.py`` runs
it with ``--json`` for its sample rows, so the brochure figures come from the same run).  "Cold" renders the
brochure with WeasyPrint into an empty cache; "cached" is what a rebuild with unchanged content
costs (render the brochure HTML, hash its inputs, copy the cached PDF).  The first cold render
also pays for loading WeasyPrint and the fonts, as a fresh build does.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prospectus.build import pipeline  # noqa: E402
from prospectus.build.outputs import plan_pictures, print_assets  # noqa: E402
from prospectus.model import printed, urls  # noqa: E402
from prospectus.render.print import brochures as pdf  # noqa: E402
from prospectus.render.print.pdf import render_cached  # noqa: E402


def main(argv: list[str]) -> None:
    """Print one line per variant: size, cold and cached seconds (wall clock and CPU), pages.

    CPU seconds are printed too because wall-clock time on a busy shared machine mostly
    measures the other processes."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the issue asks
    os.environ.setdefault(printed.LIMIT_VARIABLE, str(10**9))  # time any term asked for, however big
    opts = pipeline.Options(content=ROOT / "content")
    p, _ = pipeline.read(opts)
    assert p is not None, "the sample content has errors: run python build.py check"
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    term_id = args[0] if args else p.current_term.id
    rows = []
    term = next(t for t in p.college.terms if t.id == term_id)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        for variant in pdf.VARIANTS:
            one = dataclasses.replace(p, college=dataclasses.replace(p.college, terms=(term,)))
            ctx = pipeline.context(one, dataclasses.replace(opts, cache=Path(tmp) / "build-cache"))
            ctx = dataclasses.replace(ctx, pictures=plan_pictures(ctx, None))  # type: ignore[arg-type]
            files = print_assets(ctx)
            timings, cpu = [], []
            for _round in ("cold", "cached"):
                started, started_cpu = time.perf_counter(), time.process_time()
                made = render_cached(pdf.jobs(one, ctx.env, files, ctx.pictures.shown, (variant,)), cache, files)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            target = made[urls.brochure(term.id, variant.id)]
            pages = _pages(target)
            rows.append({"term": term.id, "variant": variant.id, "mb": target.stat().st_size / 1e6,
                         "cold": timings[0], "cold_cpu": cpu[0], "cached": timings[1], "pages": pages})
            if not as_json:
                print(f"{term.id} {variant.id:14} {target.stat().st_size / 1e6:5.2f} MB  "
                      f"cold {timings[0]:5.2f} s (CPU {cpu[0]:5.2f} s)  cached {timings[1]:5.2f} s  ({pages} pages)")
    if as_json:
        print(json.dumps(rows))


def _pages(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError:  # pypdf is a test dependency; the timings do not need it
        return "?"
    return str(len(PdfReader(path).pages))


if __name__ == "__main__":
    main(sys.argv[1:])
