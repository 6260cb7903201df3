"""Check a built site: every internal link, anchor and asset must resolve.

Used by the tests (and available to colleges as ``python -m prospectus.tools.linkcheck site``).
It reads the HTML the way a browser would follow it: relative to the page's own address,
with folder addresses served by their ``index.html``.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "srcset"),
               ("img", "srcset"), ("form", "action")}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                if name == "srcset":
                    self.links.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
                else:
                    self.links.append(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def check_site(site: Path) -> list[str]:
    """Every broken internal link in ``site`` as 'page: link (reason)'; empty when all is well."""
    site = site.resolve()
    pages = {p: _parse(p) for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts}
    broken: list[str] = []
    for page, parsed in pages.items():
        rel = page.relative_to(site).as_posix()
        if rel == "404.html":
            continue  # its links are written from the site root, for any depth
        base = "http://site.invalid/" + rel
        for link in parsed.links:
            problem = _check(site, pages, base, link)
            if problem:
                broken.append(f"{rel}: {link} ({problem})")
    return broken


def _check(site: Path, pages: dict[Path, _Collector], base: str, link: str) -> str | None:
    url = urlsplit(urljoin(base, link))
    if url.scheme not in ("http", "https") or url.netloc != "site.invalid":
        return None
    target = site / unquote(url.path.lstrip("/"))
    if url.path.endswith("/"):
        target = target / "index.html"
    if not target.resolve().is_relative_to(site):
        return "outside the site"
    if not target.is_file():
        return "missing"
    if url.fragment and target.suffix == ".html":
        parsed = pages.get(target.resolve()) or _parse(target)
        if url.fragment not in parsed.ids:
            return f"no anchor #{url.fragment}"
    return None


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    broken = check_site(site)
    for line in broken:
        print(line)
    print(f"{len(broken)} broken links." if broken else "Every internal link resolves.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
