"""The command line: one table of commands (build, check, serve, new, schema) and their options.

Exit codes: 0 success, 1 the content (or a template) has errors, 2 wrong usage.  Every
message a user can cause is printed as plain words; ``--debug`` shows tracebacks for
developers.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .build import pipeline
from .build.options import Options, Result
from .build.progress import SILENT, Progress
from .problems import ContentError, OutputFailed, Problem, TemplateProblem, UsageError
from .render.print import engine


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def _add_common(p: argparse.ArgumentParser, suppress: bool) -> None:
    """Options accepted before or after the command; defaults are set once, on the top level."""
    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    p.add_argument("--content", type=Path, default=default(Path("content")), help="content folder (default: content)")
    p.add_argument("--output", type=Path, default=default(None),
                   help="output folder (default: site; for serve, a folder in the cache, so that site/ changes "
                        "only when you build)")
    p.add_argument("--templates", type=Path, default=default(None),
                   help="your own templates folder, holding only the templates you change (default: templates, "
                        "when there is one)")
    p.add_argument("--strict", action="store_true", default=default(False), help="treat warnings as errors")
    p.add_argument("-q", "--quiet", action="store_true", default=default(False), help="print only problems")
    p.add_argument("--debug", action="store_true", default=default(False),
                   help="show Python tracebacks (for developers)")
    p.add_argument("--no-pdf", dest="pdf", action="store_false", default=default(True),
                   help="skip the PDF brochures")
    p.add_argument("--force", action="store_true", default=default(False),
                   help="build even if nothing has changed since the last build")


def options(args: argparse.Namespace) -> Options:
    if args.templates is not None and not args.templates.is_dir():
        raise UsageError(f"There is no templates folder at '{args.templates}'. Check the path given with --templates.")
    return Options(content=args.content, output=args.output or Path("site"),
                   templates=args.templates or Path("templates"), strict=args.strict, pdf=args.pdf, force=args.force)


# ---- the commands -------------------------------------------------------------------------------

def _build(args: argparse.Namespace) -> int:
    opts = options(args)
    if not args.quiet:
        print(f"Building {opts.output}/ from {opts.content}/ ...", flush=True)
    progress = Progress(sys.stdout) if not args.quiet and sys.stdout.isatty() else SILENT
    try:
        result = pipeline.build(opts, progress)
    finally:
        progress.close()
    _print_problems(result.problems)
    if result.unchanged:
        if not args.quiet:
            print(f"Nothing has changed since the last build: {opts.output}/ is up to date "
                  f"({result.pages} pages{_warnings_text(result)}). Use --force to build it again.")
        return 0
    if not args.quiet:
        print(f"Built {result.pages} pages ({len(result.files)} files) in {opts.output}/ "
              f"in {result.seconds:.2f} s{_warnings_text(result)}.")
    return 0


def _check(args: argparse.Namespace) -> int:
    result = pipeline.check(options(args))
    _print_problems(result.problems)
    if not args.quiet:
        print(f"Content is fine{_warnings_text(result)}. Nothing was built.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .preview.server import preview_folder, serve

    opts = options(args)
    if args.output is None:  # the preview never writes into the college's site/: that changes only on build
        opts = dataclasses.replace(opts, output=preview_folder(opts))
    return serve(opts, port=args.port)


def _new(args: argparse.Namespace) -> int:
    if args.kind == "college":
        return _new_college(args)
    if args.requirement is not None:
        raise UsageError("--requirement is only for 'new college'.")
    from .tools.new import create

    path = create(args.content, args.kind, args.title)
    print(f"Wrote {path}. Open it in your text editor and replace every 'REPLACE THIS' and CHOOSE-... "
          "with your own words. 'prospectus check' tells you what is still to do.")
    return 0


def _new_college(args: argparse.Namespace) -> int:
    from .tools.starter import create

    folder = Path(args.title)
    written = create(folder, args.requirement)
    if not args.quiet:
        print(f"Made a new prospectus in {folder}/ ({len(written)} files): an example college in {folder}/content/ "
              f"to replace with your own, and publishing for GitHub Pages and GitLab Pages. Next: cd {folder}, "
              "then 'prospectus serve' to see it; README.md there says the rest. Put the folder in a git "
              "repository of its own.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .tools.schemafiles import write_all

    written = write_all(args.out)
    if not args.quiet:
        print(f"Wrote {len(written)} JSON Schema files in {args.out}/: {', '.join(p.name for p in written)}.")
    return 0


def _serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")


def _new_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=("course", "tutor", "college"),
                   help="what to start: a course or tutor file, or a whole college's folder")
    p.add_argument("title", help='the course title or tutor\'s name, in quotes: "Understanding Anxiety"; '
                                 "for a college, the new folder: our-prospectus")
    p.add_argument("--requirement", help="new college: what its publishing installs "
                                         "(default: this version, prospectus==VERSION)")


def _schema_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, default=Path("schema"), help="folder for the files (default: schema)")


@dataclass(frozen=True)
class Command:
    """One command: what it does (its help), how it runs, and the arguments only it takes."""

    help: str
    run: Callable[[argparse.Namespace], int]
    arguments: Callable[[argparse.ArgumentParser], None] | None = None


COMMANDS: dict[str, Command] = {
    "build": Command("check the content and build the site (the default)", _build),
    "check": Command("check the content and report every problem; build nothing", _check),
    "serve": Command("preview the site at http://127.0.0.1:8000/, rebuilding and reloading on every save",
                     _serve, _serve_arguments),
    "new": Command("start a new course or tutor file with every field explained (new course \"Title\"), "
                   "or a new college's folder (new college DIR)", _new, _new_arguments),
    "schema": Command("write JSON Schema files for editors' autocompletion (into schema/)", _schema,
                      _schema_arguments),
}


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="prospectus", description="Build a Recovery College prospectus website from content/.")
    _add_common(top, suppress=False)
    sub = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)  # type: ignore[arg-type]
    for name, command in COMMANDS.items():
        child = sub.add_parser(name, help=command.help, description=command.help)
        _add_common(child, suppress=True)
        if command.arguments is not None:
            command.arguments(child)
    return top


# ---- running one, and what the user sees when it fails ------------------------------------------

def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


_ran: list[str] = []  # the commands main() ran in this process


def entry() -> None:
    """The ``prospectus`` command and ``python build.py``: :func:`main`, and after a build, out at
    once: Python would spend a fifth of a second (at 1,000 courses) freeing the build's objects
    one by one, with nothing left to do (the build's own files are closed and in place)."""
    code = main()
    if _ran[-1:] == ["build"]:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 is shown, never a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = parser().parse_args(argv)
    command = COMMANDS[args.command or "build"]
    _ran.append(args.command or "build")
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)  # stopped by another program: tidy up as for Ctrl+C
    try:
        return command.run(args)
    except ContentError as exc:
        _print_problems(exc.problems)
        errors = sum(1 for p in exc.problems if p.is_error)
        print(_summary_of_failure(errors, len(exc.problems) - errors, args.strict), file=sys.stderr)
        return 1
    except TemplateProblem as exc:
        print(exc.problem.format(), file=sys.stderr)
        print("The site was not changed.", file=sys.stderr)
        return 1
    except OutputFailed as exc:
        print(f"prospectus: {exc.message} The site was not changed. {exc.hint}".rstrip(), file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"prospectus: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped. The site was not changed.", file=sys.stderr)
        return 130
    except OSError as exc:  # a full disk, a read-only folder: the computer's problem, not a bug
        if args.debug:
            raise
        if engine.is_missing_library(exc):  # a system library, never the disk's fault
            print(f"prospectus: a library this computer needs for the PDF brochures could not be loaded ({exc}). "
                  f"The site was not changed. {engine.advice()}", file=sys.stderr)
            return 1
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"prospectus: a file could not be read or written: {exc.strerror or exc}{where}. "
              f"The site was not changed. {_what_to_do(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug, not a content mistake: still no traceback unless asked
        if args.debug:
            raise
        print(f"prospectus: something went wrong inside the build ({type(exc).__name__}: {exc}). "
              "The site was not changed. Run again with --debug and report it.", file=sys.stderr)
        return 1


def _what_to_do(exc: OSError) -> str:
    """Advice that fits what went wrong: the disk only when it is full, permissions only when refused."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "Free some disk space, then run again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "Check that you may write to that folder, then run again."
    return "Check the file named, then run again; if it happens again, run with --debug and report it."


def _warnings_text(result: Result) -> str:
    n = len(result.warnings)
    return f", with {n} warning{'s' if n != 1 else ''}" if n else ""


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def _summary_of_failure(errors: int, warnings: int, strict: bool) -> str:
    parts = [f"{errors} error{'s' if errors != 1 else ''}"] if errors else []
    if warnings and strict:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''} (--strict)")
    return (f"Found {' and '.join(parts) or 'problems'}. Nothing was built, and the site was not changed. "
            "Fix the lines above and run again.")
