"""The page frame (header, menu, crisis help, footer) is rendered once per key and shared between
pages (render/pages.kept): each page must still get its own addresses and its own menu item marked."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import jinja2
from htmltree import Element, parse

from prospectus.render.pages import kept


def _page(site: Path, rel: str) -> Element:
    return parse((site / rel).read_text(encoding="utf-8"))


def _current(page: Element) -> list[str]:
    nav = page.find("nav", class_="site-nav")
    return [a.text for a in nav.find_all("a") if "aria-current" in a.attrs]


def _frame_links(page: Element) -> list[str]:
    return [a.attrs["href"] for part in (page.find("header"), page.find("footer"))
            for a in part.find_all("a") if "href" in a.attrs]


def test_each_page_marks_its_own_menu_item(sample_site: Path) -> None:
    assert _current(_page(sample_site, "co-production/index.html")) == ["Co-production and co-delivery"]
    assert _current(_page(sample_site, "what-is-a-recovery-college/index.html")) == ["What is a Recovery College?"]
    assert _current(_page(sample_site, "about-us/index.html")) == [], "not in the menu"
    assert _current(_page(sample_site, "courses/index.html")) == ["Courses"]
    course = next((sample_site / "courses").glob("*/index.html"))
    assert _current(_page(sample_site, course.relative_to(sample_site).as_posix())) == ["Courses"]
    assert _current(_page(sample_site, "index.html")) == []
    tutors = _current(_page(sample_site, "tutors/index.html"))
    assert tutors == [], "no menu item is the tutors page"


def test_every_frame_link_leads_to_a_page_from_where_it_is(sample_site: Path) -> None:
    """Pages at three depths share the frame's text but not its addresses: every link in the header
    and footer, read from the page's own folder, is a file of the site."""
    checked = 0
    for rel in ("index.html", "about-us/index.html", "courses/index.html",
                next((sample_site / "courses").glob("*/index.html")).relative_to(sample_site).as_posix(),
                next((sample_site / "easy-read" / "courses").glob("*/index.html")).relative_to(sample_site).as_posix()):
        for href in _frame_links(_page(sample_site, rel)):
            if href.startswith(("#", "tel:", "mailto:", "http")):
                continue
            target = urljoin("https://site.test/" + rel, href).removeprefix("https://site.test/")
            found = sample_site / target
            assert (found / "index.html").is_file() if target.endswith("/") or not target else found.is_file(), \
                f"{rel}: {href}"
            checked += 1
    assert checked > 20


def test_a_part_is_rendered_once_per_key_and_template() -> None:
    """Within one template a key's part is rendered once; another template with the same key (a
    college's own, say) gets its own part."""
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "a.html": '{% call kept("menu", root) %}A {{ n }}{% endcall %}',
        "b.html": '{% call kept("menu", root) %}B {{ n }}{% endcall %}'}), autoescape=True)
    shared = {"kept": kept()}
    render = [env.get_template(name).render(shared, root=root, n=n)
              for name, root, n in (("a.html", "../", 1), ("a.html", "../", 2), ("a.html", "../../", 3),
                                    ("b.html", "../", 4))]
    assert render == ["A 1", "A 1", "A 3", "B 4"]
