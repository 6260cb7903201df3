"""Write the site into a staging folder, and swap it in only when everything succeeded.

A failed build (bad content, a template mistake, a crash, a full disk) therefore leaves
the previous ``site/`` exactly as it was.  The build never deletes what it did not make:
an output folder that holds files but no marker from an earlier build is refused.

Every write is checked at the point of writing to land inside the staging folder, and the
published site is readable by a web server running as another user (folders 0755, files 0644),
whatever the temporary folder's defaults or the umask.  One build at a time writes a given
output folder (a lock in the cache folder); while it holds the lock, staging folders left behind by a
build that was killed are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..problems import UsageError

MARKER = ".prospectus-build"
MARKER_TEXT = "This folder is made by the prospectus build and is replaced on every build.\n"
FOLDER_MODE, FILE_MODE = 0o755, 0o644
LEFTOVERS = ("new", "old", "preview")  # .site.new-*, .site.old-*, .site.preview-*: staging folders


def check_output(output: Path, content: Path) -> None:
    """Refuse an output folder the build could damage (not ours, or holding the content)."""
    out = output.resolve()
    src = content.resolve()
    if out == src or src.is_relative_to(out) or out.is_relative_to(src):
        raise UsageError(f"The output folder '{output}' overlaps the content folder '{content}'. "
                         "Choose a separate folder, such as site.")
    if out.exists() and not out.is_dir():
        raise UsageError(f"'{output}' is a file, not a folder. Choose another --output.")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise UsageError(f"The folder '{output}' already has files in it that this build did not make, "
                         "so it will not be overwritten. Choose an empty or new folder for --output.")


@contextlib.contextmanager
def exclusive(output: Path, locks: Path) -> Iterator[None]:
    """Hold the lock of ``output`` (a file in the folder ``locks``, in the cache) for one build; then
    tidy what killed builds left beside it.

    The lock is released by the system when the process ends, however it ends, so a leftover
    staging folder found while holding it cannot belong to a build that is still running."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    locks.mkdir(parents=True, exist_ok=True)
    lock = locks / (hashlib.sha256(str(output).encode()).hexdigest()[:16] + ".lock")
    with open(lock, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks, and no tidying of another build's folders
            yield
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print(f"Waiting for another build of {output.name}/ to finish ...", file=sys.stderr, flush=True)
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        tidy(output)
        yield


def tidy(output: Path) -> None:
    """Remove the staging folders a killed build left beside ``output`` (call it holding the lock)."""
    for kind in LEFTOVERS:
        for leftover in output.parent.glob(f".{output.name}.{kind}-*"):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)


class Staging:
    """A temporary folder beside the output; :meth:`commit` swaps it into place."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-", dir=self.output.parent))
        os.chmod(self.root, FOLDER_MODE)
        self.written: list[str] = []
        self._made: set[str] = set()

    @classmethod
    def over(cls, output: Path, root: Path, written: list[str]) -> Staging:
        """Stages writing straight into ``root`` (the live preview's folders), with no swap."""
        staging = cls.__new__(cls)
        staging.output, staging.root, staging.written, staging._made = output, root, written, set()
        return staging

    def path(self, rel: str) -> Path:
        """Where the output file ``rel`` goes; a path that would lead outside the staging folder is a
        bug, and stops the build."""
        pure = PurePosixPath(rel)
        if not rel or pure.is_absolute() or ".." in pure.parts or "\\" in rel or "\0" in rel:
            raise ValueError(f"An output path leads outside the site: {rel!r}")
        target = self.root / rel
        folder = os.path.dirname(rel)
        if folder not in self._made:  # each folder once: thousands of pages share a few folders
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        return target

    def write(self, rel: str, data: str | bytes, record: bool = True) -> None:
        """Write one output file (text as UTF-8). ``record=False`` when a worker process writes it
        and the parent records the name."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        with open(self.path(rel), "wb") as fh:
            fh.write(raw)
        if record:
            self.written.append(rel)

    def commit(self) -> None:
        """Put the staged site in place of the old one in two renames."""
        (self.root / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        readable(self.root)
        old = None
        if self.output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.old-", dir=self.output.parent))
            os.rmdir(old)
            os.rename(self.output, old)
        os.rename(self.root, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def readable(root: Path) -> None:
    """Folders 0755 and files 0644 under ``root``, whatever the umask made them (a look at each, and a
    change only where one is needed: with the usual umask, none is).  Nothing when it does not exist."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        for names, mode in ((dirnames, FOLDER_MODE), (filenames, FILE_MODE)):
            for name in names:
                path = os.path.join(dirpath, name)
                if stat.S_IMODE(os.lstat(path).st_mode) != mode:
                    os.chmod(path, mode)
    os.chmod(root, FOLDER_MODE)
