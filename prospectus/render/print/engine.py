"""Whether the brochures can be made on this computer, and what to do when they cannot.

WeasyPrint lays the brochures out with the Pango library, which is not a Python package: it
comes from the system (apt, Homebrew, MSYS2).  Without it, importing WeasyPrint fails with an
OSError about a library it "cannot load", after printing a long notice of its own.  The build
asks here first (:func:`missing`, once per process), and when Pango is not there it makes the
website, easy read pages and calendars without the brochures and says so in one line
(:func:`warning`), with the command that installs Pango on this kind of computer.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import sys

from ...problems import Problem, Severity

WEASYPRINT_INSTALL = "https://doc.courtbouillon.org/weasyprint/stable/first_steps.html"
APT_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0"
_LIBRARY = re.compile(r"cannot load library '([^']+)'")


@functools.cache
def missing() -> str | None:
    """None when WeasyPrint (and so Pango) can be loaded; otherwise the library that could not be."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints its own notice when it fails
            import weasyprint  # noqa: F401
    except OSError as exc:
        found = _LIBRARY.search(str(exc))
        return found.group(1) if found else "Pango"
    except ImportError as exc:  # WeasyPrint itself not installed: the Python package is broken
        return exc.name or "weasyprint"
    return None


def is_missing_library(exc: BaseException) -> bool:
    """Whether an error is a system library that could not be loaded (never the disk's fault)."""
    return isinstance(exc, OSError) and bool(_LIBRARY.search(str(exc)))


def install_command() -> str:
    """The command that installs Pango on this computer, as a person would type it."""
    if sys.platform == "darwin":
        return "brew install pango"
    if sys.platform == "win32":
        return f"install MSYS2 and run 'pacman -S mingw-w64-ucrt-x86_64-pango' (see {WEASYPRINT_INSTALL})"
    sudo = "" if hasattr(os, "geteuid") and os.geteuid() == 0 else "sudo "
    if shutil.which("apt-get"):
        return f"{sudo}apt-get install {APT_PACKAGES}"
    if shutil.which("dnf"):
        return f"{sudo}dnf install pango"
    return f"your system's package manager (the package is usually called pango; see {WEASYPRINT_INSTALL})"


def warning(library: str) -> Problem:
    """The one line a build prints when the brochures could not be made."""
    what = "" if library == "Pango" else f" (WeasyPrint could not load {library})"
    return Problem("", 0, f"The PDF brochures were not made: they need the Pango library, which is not installed "
                   f"on this computer{what}. The website, easy read pages and calendars were built.",
                   advice(), Severity.WARNING)


def advice() -> str:
    """What to do: install Pango, or leave the brochures out."""
    return f"Install Pango with: {install_command()}; or build with --no-pdf to leave the brochures out."
