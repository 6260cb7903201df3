"""Landmarks and the page title heading, as a screen reader sees them (the accessibility tree)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any


def count(snapshot: str, pattern: str) -> int:
    return len(re.findall(pattern, snapshot, flags=re.MULTILINE))


def test_every_page_has_the_landmarks_and_one_h1(desktop: Any, url: Callable[[str], str], pages: list[str]) -> None:
    problems = []
    for rel in pages:
        desktop.goto(url(rel))
        snap = desktop.locator("body").aria_snapshot()
        wanted = {"banner": r"^\s*- banner\b", 'navigation "Main"': r'^\s*- navigation "Main"',
                  "main": r"^\s*- main\b", "contentinfo": r"^\s*- contentinfo\b", "h1": r"\[level=1\]"}
        for name, pattern in wanted.items():
            if (n := count(snap, pattern)) != 1:
                problems.append(f"{rel}: {n} x {name} in the accessibility tree, expected exactly 1")
    assert not problems, "\n".join(problems)
