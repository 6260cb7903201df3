"""The floor under our build: the bare Python pipeline that issue 8 names, timed beside Hugo.

``python benchmarks/bare.py CONTENT OUT`` reads every ``CONTENT/courses/*.md``, loads its front
matter with PyYAML's C loader, renders its body with markdown-it-pyrs (CommonMark with tables
and strikethrough, raw HTML escaped, as the build uses) and writes ``OUT/courses/<id>/index.html``
through one trivial Jinja2 template, with the files split between 2 processes.  Nothing is
checked, sanitised, cached or listed: it is the least any Python generator of these pages does,
so it shows how much of our time is Python itself and how much is the work we add.

``bench.py --vs-hugo`` times it in turn with Hugo and with Pagefind indexing our course pages
alone (see ``pagefind_alone``), so the three floors and our build come from the same run.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>{{ body }}</main></body></html>
"""


def build(files: list[Path], out: Path) -> None:
    import jinja2
    import markdown_it_pyrs
    import yaml
    from markupsafe import Markup

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    from prospectus.content.markdown import RULES

    md = markdown_it_pyrs.MarkdownIt("zero").enable_many(RULES)  # the build's own rules
    page = jinja2.Environment(autoescape=True).from_string(PAGE)
    for source in files:
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=loader)  # noqa: S506 - the C *safe* loader
        target = out / "courses" / source.stem
        target.mkdir(parents=True, exist_ok=True)
        html = page.render(title=meta["title"], body=Markup(md.render(body)))
        (target / "index.html").write_text(html, encoding="utf-8")


def main(argv: list[str]) -> int:
    content, out = Path(argv[0]), Path(argv[1])
    files = sorted((content / "courses").glob("*.md"))
    (out / "courses").mkdir(parents=True, exist_ok=True)
    pid = os.fork()
    if pid == 0:  # the second process takes every other file
        build(files[1::2], out)
        os._exit(0)
    build(files[0::2], out)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def pagefind_command(site: Path, pages: Path, output: Path) -> list[str]:
    """Pagefind over only our built course pages, copied into ``pages`` first: the indexer's own time,
    with nothing of ours around it.  The build also indexes the college's own pages, so this is a
    little less than the index costs in the build."""
    if pages.exists():
        shutil.rmtree(pages)
    for page in sorted((site / "courses").glob("*/index.html")):
        if b"data-pagefind-body" in page.read_bytes():
            target = pages / "courses" / page.parent.name
            target.mkdir(parents=True)
            shutil.copyfile(page, target / "index.html")
    from prospectus.render.search.parts import pagefind_program  # the program the build runs

    return [*pagefind_program(), "--site", str(pages), "--output-path", str(output),
            "--force-language", "en", "--silent"]


def indexed(pages: Path) -> int:
    return sum(1 for _ in (pages / "courses").glob("*/index.html"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))

