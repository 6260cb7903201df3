"""Make the Pagefind search index in parts, kept between builds: ``python -m prospectus.render.search.parts PLAN``.

Pagefind holds a whole index in memory (about a quarter of a gigabyte for every thousand
course pages), so a large prospectus is indexed in parts of at most ``SHARD_PAGES`` pages (half
a gigabyte), one after another, and the search page merges them in the browser (Pagefind's ``mergeIndex``).  A
page always goes to the same part (by a hash of its path), and each part is kept in the cache
folder under a hash of its pages' bytes: a build in which a part's pages did not change copies
it instead of indexing again.

The build starts this as a separate process (``index.start``), so the indexing runs beside the
rest of the build; the plan is a JSON file naming the site folder, the cache folder, the
language and the parts.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from ...parallel import helper_options

SHARD_PAGES = 2000  # pages in one part of the index at most (each part costs Pagefind's start and its own files)
MAIN = "pagefind"  # the first part; the others are pagefind/more-N/
KEEP_UNUSED = 600  # seconds an unused part stays in the cache
SUMS = ".sums.json"  # in each kept part: a hash of each of its files
MISSING = 3  # the exit code that means: Pagefind is not installed (any other failure exits 1)


def shard_count(pages: int) -> int:
    """How many parts an index of this many pages is made in (PROSPECTUS_SEARCH_PART_PAGES can set a
    smaller part, for tests)."""
    size = os.environ.get("PROSPECTUS_SEARCH_PART_PAGES", "")
    return max(1, math.ceil(pages / (int(size) if size.isdigit() and int(size) > 0 else SHARD_PAGES)))


def shard_dirs(count: int) -> list[str]:
    """The site folders of the parts: pagefind, pagefind/more-1, ..."""
    return [MAIN] + [f"{MAIN}/more-{n}" for n in range(1, count)]


def shard_of(rel: str, count: int) -> int:
    return zlib.crc32(rel.encode("utf-8")) % count


def pagefind_missing() -> bool:
    """Whether Pagefind (the Python package, and the program it runs) is missing."""
    import importlib.util

    try:
        if importlib.util.find_spec("pagefind") is None:
            return True
    except (ImportError, ValueError):
        return True
    try:
        from pagefind.service import get_executable
    except ImportError:
        return False  # an unusual install: run it, and report what happens
    return get_executable() is None


def main(argv: list[str]) -> int:
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    Path(argv[0]).unlink(missing_ok=True)
    if pagefind_missing():
        print("Pagefind is not installed.", file=sys.stderr)
        return MISSING
    site, cache = Path(plan["site"]), Path(plan["cache"])
    count = int(plan["shards"])
    parts: list[list[str]] = [[] for _ in range(count)]
    for rel in plan["pages"]:
        parts[shard_of(rel, count)].append(rel)
    version = _pagefind_version()
    made: list[Path] = []
    cache.mkdir(parents=True, exist_ok=True)
    for pages in parts:
        work = Path(tempfile.mkdtemp(prefix=".part-", dir=cache))
        try:
            # The pages are linked first and the key is worked out from the links: in the live
            # preview a page may be replaced while this runs, and the key must be of what is indexed.
            _gather(site, pages, work / "site")
            made.append(cache / _key(work / "site", pages, plan["language"], version))
            if _whole(made[-1]):
                os.utime(made[-1])  # chosen now: not tidied away by another build meanwhile
                continue
            error = _index(work, made[-1], plan["language"], bool(plan.get("gentle")))
            if error:
                print(error, file=sys.stderr)
                return 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(site / MAIN, ignore_errors=True)  # the live preview's folder has the last index in it
    for folder, part in zip(shard_dirs(count), made, strict=True):
        shutil.copytree(part, site / folder, dirs_exist_ok=True, copy_function=_link,
                        ignore=shutil.ignore_patterns(SUMS))
    kept = {part.name for part in made}
    now = time.time()
    for old in cache.iterdir() if cache.is_dir() else ():
        # parts this build did not use, left alone for a while in case another build is using them
        if old.is_dir() and old.name not in kept and now - old.stat().st_mtime > KEEP_UNUSED:
            shutil.rmtree(old, ignore_errors=True)
    return 0


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # noqa: BLE001 - only part of a cache key
        return "unknown"


def _key(site: Path, pages: list[str], language: str, version: str) -> str:
    digest = hashlib.blake2b(f"{version}\0{language}\0".encode(), digest_size=20)
    for rel in sorted(pages):
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.blake2b((site / rel).read_bytes(), digest_size=20).digest())
    return digest.hexdigest()


def _gather(site: Path, pages: list[str], source: Path) -> None:
    """The part's pages at their own paths under ``source``, so the index links them rightly."""
    for rel in pages:
        target = source / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _link(str(site / rel), str(target))


def _index(work: Path, made: Path, language: str, gentle: bool) -> str:
    """Index the pages gathered in ``work``/site into the folder ``made``; an error message, or ''."""
    nice = shutil.which("nice") if gentle else None
    command = [*([nice, "-n", "10"] if nice else []), *pagefind_program(),
               "--site", str(work / "site"), "--output-path", str(work / "index"),
               "--force-language", language, "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          **helper_options())
    if done.returncode != 0 or not (work / "index" / "pagefind.js").is_file():
        lines = (done.stderr or done.stdout).strip().splitlines()
        return lines[-1] if lines else f"exit code {done.returncode}"
    sums = {rel: _sum(work / "index" / rel) for rel in _files(work / "index")}
    (work / "index" / SUMS).write_text(json.dumps(sums, sort_keys=True), encoding="utf-8")
    if made.exists():
        shutil.rmtree(made)  # a part left half-made, or damaged
    os.replace(work / "index", made)
    return ""


def pagefind_program() -> list[str]:
    """The command that runs Pagefind: its program itself, found as its Python package finds it
    (without starting Python again for the package's own launcher), else that launcher."""
    try:
        from pagefind.service import get_executable

        program = get_executable()
    except ImportError:
        program = None
    return [str(program)] if program is not None else [sys.executable, "-m", "pagefind"]


def _link(source: str, target: str) -> None:
    """A hard link to ``source`` (no copy: a build replaces files, never rewrites them), or a copy
    where links cannot be made."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _files(folder: Path) -> list[str]:
    return sorted(f.relative_to(folder).as_posix() for f in folder.rglob("*") if f.is_file() and f.name != SUMS)


def _sum(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def _whole(part: Path) -> bool:
    """Whether a kept part is all there, every file as it was made."""
    try:
        sums = json.loads((part / SUMS).read_text(encoding="utf-8"))
        return isinstance(sums, dict) and sorted(sums) == _files(part) and all(
            _sum(part / rel) == digest for rel, digest in sums.items())
    except (OSError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
