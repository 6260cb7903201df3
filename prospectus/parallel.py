"""Use both cores: split a list of independent tasks between this process and one fork.

Reading a thousand course files or rendering a thousand pages is CPU-bound Python, so
threads do not help.  A forked child shares everything already in memory (the model, the
compiled templates) without pickling it; only the small results travel back, through a
pipe.  Items alternate between the two processes so each gets a fair share of big and
small tasks.  Below a threshold, or where fork is unavailable or unwise (a live preview
server runs threads), everything simply runs here.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 150
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn forking off (the preview server calls this because it runs threads)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    """Whether forking is allowed (the preview server turns it off)."""
    return _enabled


def workers() -> int:
    """How many processes share the work: 2 where there are 2 or more cores and fork exists."""
    if not _enabled or not hasattr(os, "fork") or os.environ.get("PROSPECTUS_WORKERS") == "1":
        return 1
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def map_split(fn: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """``[fn(x) for x in items]``, computed by two processes when the list is long enough.

    An exception in either process is raised here, after the child has been reaped.
    """
    if workers() < 2 or len(items) < min_items:
        return [fn(x) for x in items]
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, whose coverage is not collected
        os.close(read_fd)
        _child(fn, items[1::2], write_fd)
    os.close(write_fd)
    try:
        mine = [fn(x) for x in items[0::2]]
    except BaseException:
        os.close(read_fd)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    if not data:
        raise RuntimeError("A build worker process stopped unexpectedly.")
    status, theirs = pickle.loads(data)
    if status == "error":
        raise theirs
    merged: list[R] = []
    for i, result in enumerate(mine):
        merged.append(result)
        if i < len(theirs):
            merged.append(theirs[i])
    return merged


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):  # prctl is Linux's (and Windows cannot open "no library")
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


_PRCTL = _prctl()  # found here, in the parent: a forked child must not import or load anything


def die_with_parent() -> None:
    """Ask the system to stop this process when the one that started it ends, however it ends (Linux:
    PR_SET_PDEATHSIG): a build that is killed leaves no worker or indexer running behind it.  Safe
    to call between fork and exec (it only makes a system call)."""
    if _PRCTL is None:
        return
    parent = os.getppid()
    _PRCTL(1, signal.SIGKILL)  # 1 is PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def helper_options(own_session: bool = False) -> dict[str, Any]:
    """What ``subprocess`` is given to start a helper program (the search indexer): on POSIX stopped
    with the build (:func:`die_with_parent`), and in a session of its own when asked (so that it and
    what it starts can be stopped together); Windows has neither, and refuses ``preexec_fn``, so there
    the helper is started plainly."""
    if os.name != "posix":
        return {}
    return {"start_new_session": own_session, "preexec_fn": die_with_parent}


def _child(fn: Callable[[T], R], items: Sequence[T], write_fd: int) -> None:  # pragma: no cover
    die_with_parent()
    try:
        payload = pickle.dumps(("ok", [fn(x) for x in items]), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # noqa: BLE001 - every failure must reach the parent
        try:
            payload = pickle.dumps(("error", exc))
        except Exception:  # an exception that cannot be pickled: send its text
            payload = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    with os.fdopen(write_fd, "wb") as pipe:
        pipe.write(payload)
    os._exit(0)
