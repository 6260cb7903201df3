"""Calendars read back with the icalendar library, field by field, as a calendar app would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

icalendar = pytest.importorskip("icalendar")

LONDON = ZoneInfo("Europe/London")


def parse(path: Path) -> Any:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(cal: Any) -> list[Any]:
    return [c for c in cal.walk("VEVENT")]


def test_files_are_crlf_and_folded(sample_site: Path) -> None:
    files = sorted(sample_site.glob("calendar/*.ics")) + sorted(sample_site.glob("courses/*/calendar.ics"))
    assert {f.name for f in sample_site.glob("calendar/*.ics")} == {"autumn-2026.ics", "spring-2027.ics"}
    assert len(files) == 2 + 24
    for f in files:
        raw = f.read_bytes()
        assert raw.endswith(b"\r\n")
        lines = raw.split(b"\r\n")[:-1]
        assert all(b"\n" not in line and b"\r" not in line for line in lines), f
        assert all(len(line) <= 75 for line in lines), f


def test_calendar_header_and_timezone(sample_site: Path) -> None:
    cal = parse(sample_site / "calendar" / "autumn-2026.ics")
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"])
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Riverside Recovery College: Autumn term 2026"
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/London"]
    kinds = {c.name for c in zones[0].subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}


def test_term_calendar_has_every_session(sample_site: Path) -> None:
    cal = parse(sample_site / "calendar" / "autumn-2026.ics")
    evs = events(cal)
    rows = (sample_site / "timetable" / "autumn-2026" / "index.html").read_text().count('<li class="session-row')
    assert len(evs) == rows > 50
    uids = [str(e["UID"]) for e in evs]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@example.org") for u in uids)


def test_times_are_local_across_the_clock_change(sample_site: Path) -> None:
    evs = events(parse(sample_site / "calendar" / "autumn-2026.ics"))
    starts = [e.decoded("DTSTART") for e in evs]
    assert all(isinstance(s, dt.datetime) and s.tzinfo is not None for s in starts)
    summer = [s for s in starts if s.date() < dt.date(2026, 10, 25)]
    winter = [s for s in starts if s.date() > dt.date(2026, 10, 25)]
    assert summer and winter
    assert all(s.utcoffset() == dt.timedelta(hours=1) for s in summer)
    assert all(s.utcoffset() == dt.timedelta(0) for s in winter)
    # the wall-clock time is what the course file says, whichever side of the change
    anxiety = events(parse(sample_site / "courses" / "understanding-anxiety" / "calendar.ics"))
    for e in anxiety:
        start = e.decoded("DTSTART")
        assert start.astimezone(LONDON).replace(tzinfo=None) == start.replace(tzinfo=None)


def test_course_event_fields(sample_site: Path) -> None:
    evs = events(parse(sample_site / "courses" / "understanding-anxiety" / "calendar.ics"))
    assert evs
    for e in evs:
        assert str(e["SUMMARY"]).startswith("Understanding Anxiety")
        assert str(e["URL"]) == "https://example.org/recovery-college/courses/understanding-anxiety/"
        assert "https://example.org/recovery-college/courses/understanding-anxiety/" in str(e["DESCRIPTION"])
        assert e.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
        assert e.decoded("DTEND") > e.decoded("DTSTART")
        assert str(e["STATUS"]) in ("CONFIRMED", "CANCELLED")
        assert str(e["UID"]).startswith("understanding-anxiety-")
        assert str(e["LOCATION"])


def test_cancelled_runs_are_marked_not_dropped(sample_site: Path) -> None:
    evs = events(parse(sample_site / "courses" / "digital-skills" / "calendar.ics"))
    statuses = [str(e["STATUS"]) for e in evs]
    assert "CANCELLED" in statuses and "CONFIRMED" in statuses
    for e in evs:
        if str(e["STATUS"]) == "CANCELLED":
            assert "cancelled" in str(e["SUMMARY"])


def test_online_sessions_say_online_and_never_a_link(sample_site: Path) -> None:
    locations = [str(e["LOCATION"]) for f in sample_site.glob("courses/*/calendar.ics") for e in events(parse(f))]
    assert "Online" in locations
    assert all("http" not in loc and "zoom" not in loc.lower() for loc in locations)
    assert "The Riverside Recovery Hub, 3 Mill Lane, Ashbourne Vale AV1 4QT" in locations


def _uids(site: Path, course: str) -> list[str]:
    return [str(e["UID"]) for e in events(parse(site / "courses" / course / "calendar.ics"))]


def test_uids_stable_across_builds_and_other_courses(minimal_content: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli("--content", minimal_content, "--output", first, "--no-pdf", "-q").code == 0
    (minimal_content / "courses" / "quiet-walks.md").unlink()
    assert cli("--content", minimal_content, "--output", second, "--no-pdf", "-q").code == 0
    assert _uids(first, "feeling-calm") == _uids(second, "feeling-calm") == [
        "feeling-calm-0-20260914@example.org", "feeling-calm-0-20260921@example.org"]
    assert (first / "courses" / "feeling-calm" / "calendar.ics").read_bytes() == \
        (second / "courses" / "feeling-calm" / "calendar.ics").read_bytes()
    cancelled = events(parse(first / "courses" / "quiet-walks" / "calendar.ics"))
    assert [str(e["STATUS"]) for e in cancelled] == ["CANCELLED"] * 3
    assert {str(e["LOCATION"]) for e in cancelled} == {"Online"}


def test_calendar_links_on_pages(sample_site: Path) -> None:
    course = (sample_site / "courses" / "understanding-anxiety" / "index.html").read_text()
    assert 'href="calendar.ics"' in course and "Outlook, Google Calendar and Apple Calendar" in course
    timetable = (sample_site / "timetable" / "autumn-2026" / "index.html").read_text()
    assert 'href="../../calendar/autumn-2026.ics"' in timetable


def test_unknown_timezone_is_a_content_error(minimal_content: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    college = minimal_content / "college.yaml"
    college.write_text(college.read_text() + "timezone: Europe/Lundon\n")
    result = cli("--content", minimal_content, "--output", tmp_path / "site", "--no-pdf")
    assert result.code == 1
    assert "college.yaml" in result.text and "Europe/Lundon" in result.text
    assert "Traceback" not in result.text


def test_folding_keeps_characters_whole() -> None:
    from prospectus.render.calendar import escape_text, fold
    text = "DESCRIPTION:" + escape_text("Dysgu gyda'n gilydd; ŵ ŷ â, " * 8 + "\n🙂 end")
    folded = fold(text)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == text
    assert "\\;" in text and "\\," in text and "\\n" in text


def test_without_base_url(minimal_content: Path, tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    college = minimal_content / "college.yaml"
    college.write_text("\n".join(line for line in college.read_text().splitlines()
                                 if not line.startswith("base_url:")) + "\n")
    site = tmp_path / "site"
    assert cli("--content", minimal_content, "--output", site, "--no-pdf", "-q").code == 0
    evs = events(parse(site / "courses" / "feeling-calm" / "calendar.ics"))
    assert [str(e["UID"]) for e in evs] == ["feeling-calm-0-20260914@prospectus", "feeling-calm-0-20260921@prospectus"]
    assert all("URL" not in e for e in evs)
    assert all("courses/feeling-calm/" in str(e["DESCRIPTION"]) for e in evs)
    import xml.etree.ElementTree as ET
    feed = ET.parse(site / "feed.xml").getroot()
    ids = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
    assert ids and all(i and i.startswith("urn:uuid:") for i in ids)
    page = (site / "courses" / "feeling-calm" / "index.html").read_text()
    assert 'property="og:url"' not in page and '"url"' not in page.split("application/ld+json")[1].split("</script>")[0]
