"""From saving a course to the open browser page showing the change: ``python benchmarks/reload_latency.py``.

Starts ``build.py serve`` on a copy of the sample content, opens a course in headless Chromium
(Debian's, at CHROMIUM_PATH), saves the course five times and prints how long each change took
to appear in the page by itself.  The goal is under a second.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--no-pdf", "--port", str(port),
                                   "--content", str(content), "--output", str(Path(tmp) / "site")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            return _measure(f"http://127.0.0.1:{port}/courses/understanding-anxiety/",
                            content / "courses" / "understanding-anxiety.md")
        finally:
            server.terminate()
            server.wait(10)


def _measure(url: str, path: Path) -> int:
    good = path.read_text(encoding="utf-8")
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                    headless=True, args=FLAGS)
        page = browser.new_page()
        for _ in range(100):
            try:
                page.goto(url)
                break
            except Exception:
                time.sleep(0.2)
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7")
        page.wait_for_timeout(500)
        for n in range(5):
            started = time.monotonic()
            path.write_text(good.replace("Anxiety is something", f"Anxiety ({n}) is something"), encoding="utf-8")
            page.wait_for_function(f"() => document.body.innerText.includes('Anxiety ({n}) is something')",
                                   timeout=20_000)
            times.append(time.monotonic() - started)
            page.wait_for_timeout(400)
        browser.close()
    print("save -> the open page shows the change: "
          + ", ".join(f"{t * 1000:.0f} ms" for t in times) + f" (worst {max(times) * 1000:.0f} ms)")
    return 0 if max(times) < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
