"""Write the site into a staging folder, and swap it in only when everything succeeded.

A failed build (bad content, a template mistake, a crash, a full disk) therefore leaves
the previous ``site/`` exactly as it was.  The build never deletes what it did not make:
an output folder that holds files but no marker from an earlier build is refused.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import UsageError

MARKER = ".prospectus-build"
MARKER_TEXT = "This folder is made by the prospectus build and is replaced on every build.\n"


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


class Staging:
    """A temporary folder beside the output; :meth:`commit` swaps it into place."""

    def __init__(self, output: Path):
        self.output = output.resolve()
        self.output.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{self.output.name}.new-", dir=self.output.parent))
        self.written: list[str] = []
        self._made: set[str] = set()

    @classmethod
    def over(cls, output: Path, root: Path, written: list[str]) -> Staging:
        """Stages writing straight into ``root`` (the live preview's folders), with no swap."""
        staging = cls.__new__(cls)
        staging.output, staging.root, staging.written, staging._made = output, root, written, set()
        return staging

    def path(self, rel: str) -> Path:
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
