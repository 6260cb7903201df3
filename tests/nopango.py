"""Run the command line as on a computer without the Pango library: ``python tests/nopango.py ARGS``.

WeasyPrint loads GLib's gobject and Pango with cffi's ``dlopen``.  Here every library whose name
mentions them fails to load exactly as it does when the system package is not installed (the
same OSError and text); everything else, other libraries included, loads as usual.  This is how
the tests try a stock machine without removing a package the rest of the computer uses.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import cffi

_real_dlopen = cffi.FFI.dlopen


def _dlopen(self: cffi.FFI, name: Any, flags: int = 0) -> Any:
    if isinstance(name, str) and ("gobject" in name or "pango" in name):
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file: No such file or "
                      f"directory.  Additionally, ctypes.util.find_library() did not manage to locate a library "
                      f"called '{name}'")
    return _real_dlopen(self, name, flags)


cffi.FFI.dlopen = _dlopen  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from prospectus.cli import main

    sys.exit(main(sys.argv[1:]))
