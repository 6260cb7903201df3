"""Search-engine data read back as a crawler would: JSON-LD, Open Graph, the Atom feed, the sitemap."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA = "https://schema.org/"


class HeadReader(HTMLParser):
    """Collects <meta> tags and the text of JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.scripts: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[str(a.get("property") or a.get("name"))] = a.get("content") or ""
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"
        if self._in_ld:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.scripts[-1] += data


def head(path: Path) -> HeadReader:
    reader = HeadReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def course_ld(site: Path, course: str) -> dict[str, Any]:
    scripts = head(site / "courses" / course / "index.html").scripts
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0])
    return data


def test_course_jsonld_fields(sample_site: Path) -> None:
    ld = course_ld(sample_site, "understanding-anxiety")
    assert ld["@context"] == "https://schema.org" and ld["@type"] == "Course"
    assert ld["name"] == "Understanding Anxiety"
    assert ld["courseCode"] == "UA101"
    assert ld["description"].startswith("What anxiety is")
    assert ld["provider"] == {"@type": "EducationalOrganization", "name": "Riverside Recovery College",
                              "url": "https://example.org/recovery-college/"}
    assert ld["inLanguage"] == "en-GB"
    assert ld["url"] == "https://example.org/recovery-college/courses/understanding-anxiety/"
    runs = ld["hasCourseInstance"]
    assert [r["courseMode"] for r in runs] == ["onsite", "online", "onsite"]
    first, online = runs[0], runs[1]
    assert first["location"] == {"@type": "Place", "name": "The Riverside Recovery Hub",
                                 "address": "3 Mill Lane, Ashbourne Vale AV1 4QT"}
    assert online["location"]["@type"] == "VirtualLocation" and "url" not in online["location"]
    assert (first["startDate"], first["endDate"]) == ("2026-09-14", "2026-10-19")
    assert first["courseSchedule"] == {
        "@type": "Schedule", "repeatFrequency": "P1W", "repeatCount": 6, "byDay": SCHEMA + "Monday",
        "startDate": "2026-09-14", "endDate": "2026-10-19", "startTime": "10:00", "endTime": "12:00",
        "scheduleTimezone": "Europe/London"}
    # the first run (full) ended on 19 October, before the build date (23 November): it is over
    # (test_on_the_day.py checks it is SoldOut when built while it is still to come)
    assert first["offers"]["availability"] == SCHEMA + "Discontinued" and "url" not in first["offers"]
    assert online["offers"]["availability"] == SCHEMA + "LimitedAvailability"
    for run in runs:
        assert run["offers"]["price"] == 0 and run["offers"]["priceCurrency"] == "GBP"
        assert run["offers"]["category"] == "Free"
        assert {p["name"] for p in run["instructor"]} == {"Sam", "Priya Shah"}
        assert all(p["@type"] == "Person" for p in run["instructor"])


def test_cancelled_run_has_event_status(sample_site: Path) -> None:
    runs = course_ld(sample_site, "digital-skills")["hasCourseInstance"]
    assert [r["eventStatus"] for r in runs] == [SCHEMA + "EventScheduled", SCHEMA + "EventCancelled"]
    assert runs[1]["offers"]["availability"] == SCHEMA + "Discontinued"


def test_unpublished_tutor_never_named(sample_site: Path) -> None:
    for course in ("hearing-voices", "living-with-bipolar"):
        ld = course_ld(sample_site, course)
        names = {p["name"] for r in ld["hasCourseInstance"] for p in r.get("instructor", [])}
        assert "Morgan" not in names and len(names) >= 1
        assert "Morgan" not in json.dumps(ld)


def test_jsonld_cannot_break_out_of_script(sample_site: Path) -> None:
    for page in sample_site.glob("courses/*/calendar.ics"):
        script = head(page.with_name("index.html")).scripts[0]
        assert "<" not in script and ">" not in script


def test_open_graph_and_description_on_every_page(sample_site: Path) -> None:
    pages = [p for p in sample_site.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 40
    for page in pages:
        meta = head(page).meta
        for key in ("description", "og:title", "og:description", "og:type", "og:site_name", "og:locale"):
            assert meta.get(key), (page, key)
        assert meta["og:locale"] == "en_GB" and meta["og:site_name"] == "Riverside Recovery College"
        if page.name == "index.html":
            rel = page.relative_to(sample_site).as_posix().removesuffix("index.html")
            assert meta["og:url"] == "https://example.org/recovery-college/" + rel
    course = head(sample_site / "courses" / "understanding-anxiety" / "index.html").meta
    assert course["og:title"] == "Understanding Anxiety" and course["og:type"] == "article"
    assert course["description"] == course["og:description"]


def test_atom_feed(sample_site: Path) -> None:
    root = ET.parse(sample_site / "feed.xml").getroot()
    assert root.tag == ATOM + "feed"
    assert root.findtext(ATOM + "id") == "https://example.org/recovery-college/feed.xml"
    assert root.findtext(ATOM + "title")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", root.findtext(ATOM + "updated") or "")
    assert root.find(ATOM + "author/" + ATOM + "name") is not None
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 24
    ids = [e.findtext(ATOM + "id") for e in entries]
    assert len(set(ids)) == 24
    anxiety = next(e for e in entries if e.findtext(ATOM + "title") == "Understanding Anxiety")
    link = anxiety.find(ATOM + "link")
    assert link is not None
    assert link.get("href") == "https://example.org/recovery-college/courses/understanding-anxiety/"
    assert (anxiety.findtext(ATOM + "summary") or "").startswith("What anxiety is")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", anxiety.findtext(ATOM + "updated") or "")
    home = (sample_site / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in home


def test_sitemap_lists_every_page(sample_site: Path) -> None:
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {e.text for e in ET.parse(sample_site / "sitemap.xml").getroot().iter(ns + "loc")}
    base = "https://example.org/recovery-college/"
    pages = {base + p.relative_to(sample_site).as_posix().removesuffix("index.html")
             for p in sample_site.rglob("*.html") if p.name != "404.html" and "pagefind" not in p.parts}
    assert pages == locs
