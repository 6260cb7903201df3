"""The editing commands: ``serve``, ``new`` and ``schema`` (their arguments and what they do).

Kept apart from cli.py so the command line's core stays small; each handler returns the
exit code (0 done, 1 content errors, 2 wrong usage, as everywhere else).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from . import pipeline


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """The arguments only one command takes."""
    if name == "serve":
        parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    elif name == "new":
        parser.add_argument("kind", choices=("course", "tutor"), help="what to start: course or tutor")
        parser.add_argument("title", help='the course title or tutor\'s name, in quotes: "Understanding Anxiety"')
    elif name == "schema":
        parser.add_argument("--out", type=Path, default=Path("schema"), help="folder for the files (default: schema)")


def _serve(args: argparse.Namespace, opts: pipeline.Options) -> int:
    from .server import serve

    return serve(opts, port=args.port)


def _new(args: argparse.Namespace, opts: pipeline.Options) -> int:
    from .newfile import create

    path = create(opts.content, args.kind, args.title)
    print(f"Wrote {path}. Open it in your text editor and replace every 'REPLACE THIS' and CHOOSE-... "
          "with your own words. 'python build.py check' tells you what is still to do.")
    return 0


def _schema(args: argparse.Namespace, opts: pipeline.Options) -> int:
    from .schemafiles import write_all

    written = write_all(args.out)
    if not args.quiet:
        print(f"Wrote {len(written)} JSON Schema files in {args.out}/: {', '.join(p.name for p in written)}.")
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, pipeline.Options], int]] = {
    "serve": _serve,
    "new": _new,
    "schema": _schema,
}
