"""Keep each checked content file between builds, by the hash of its bytes.

Reading a course means parsing its YAML, checking it against the schema and rendering its
Markdown: most of a large build's reading time.  A file whose bytes have not changed gives the
same result every time, so the result (the entry and its problems) is kept in the cache folder
and used again; only new and edited files are read in full.  Every file is still looked at,
checked to be inside the content folder and hashed, and the cross-file checks always run on
everything.  The cache belongs to one version of the program and of the libraries it uses
(a change to either starts a new one); it is safe to delete.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
from pathlib import Path

from ..content.frontmatter import ReadProblem, read_text, split
from ..content.loader import Entry, Loaded, check_entry, inside
from ..content.records import Record
from ..problems import Problem
from .manifest import program_key

Kept = dict[str, tuple[str, Entry, list[Problem]]]  # rel -> (hash of the bytes, entry, its problems)


class ParseCache:
    """``read`` stands in for :func:`loader.load_entry`; :meth:`save` keeps what was read."""

    def __init__(self, folder: Path | None):
        self.file = folder / "parsed" / f"{program_key()}.pickle" if folder is not None else None
        self.kept: Kept = {}
        if self.file is not None and self.file.is_file():
            try:
                with self.file.open("rb") as f:
                    kept = pickle.load(f)  # noqa: S301 - our own cache folder, written only by save()
                if isinstance(kept, dict):
                    self.kept = kept
            except Exception:  # noqa: BLE001 - a damaged cache is only a slower build
                self.kept = {}

    def read(self, root: Path, path: Path, record: Record, problems: list[Problem]) -> Entry | None:
        """What :func:`loader.load_entry` gives, from what was kept when the file's text is the same."""
        rel = path.relative_to(root).as_posix()
        try:
            inside(root, path, rel)
            text = read_text(path, rel)
        except ReadProblem as exc:
            problems.append(exc.problem)
            return None
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()
        hit = self.kept.get(rel)
        if hit is not None and hit[0] == digest:
            problems.extend(hit[2])
            return hit[1]
        try:
            source = split(text, rel)
        except ReadProblem as exc:
            problems.append(exc.problem)
            return None
        entry = check_entry(path.stem, source, record, problems)
        return dataclasses.replace(entry, source_hash=digest) if entry is not None else None

    def save(self, loaded: Loaded) -> None:
        """Keep every entry read (with its own problems) in place of what was kept before.  Files
        that could not be read are not kept, so they are read (and reported) again next time."""
        if self.file is None:
            return
        by_file: dict[str, list[Problem]] = {}
        for problem in loaded.problems:
            by_file.setdefault(problem.path, []).append(problem)
        kept: Kept = {}
        for entries in loaded.entries.values():
            for entry in entries.values():
                hit = self.kept.get(entry.rel)
                if hit is not None and hit[0] == entry.source_hash:
                    kept[entry.rel] = hit
                elif entry.source_hash:
                    kept[entry.rel] = (entry.source_hash, entry, by_file.get(entry.rel, []))
        if kept.keys() == self.kept.keys() and all(kept[k] is self.kept[k] for k in kept):
            return  # nothing new
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            for old in self.file.parent.glob("*.pickle"):
                if old != self.file:
                    old.unlink(missing_ok=True)  # made by another version of the program
            tmp = self.file.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(kept, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.file)
            self.kept = kept
        except OSError:
            pass  # the cache only saves time
