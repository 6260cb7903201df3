"""The Nu Html Checker (the W3C validator) finds no errors in any page of the built sample."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def test_vnu_finds_no_errors(site: Path, pages: list[str], vnu_command: list[str], numbers: dict[str, str]) -> None:
    files = [str(site / rel) for rel in pages]
    proc = subprocess.run([*vnu_command, *files], capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout or "{}")
    prefix = site.as_uri() + "/"
    messages = [f"{m.get('url', '?').removeprefix(prefix)}:{m.get('lastLine', '?')}: {m.get('message')}"
                f" [{m.get('extract', '').strip()}]" for m in report.get("messages", [])]
    numbers["files checked with the Nu Html Checker"] = str(len(files))
    assert proc.returncode == 0 and not messages, "\n".join(messages) or proc.stderr
