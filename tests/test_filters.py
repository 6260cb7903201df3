"""Course filters: the pre-built no-JavaScript pages and the instant filters in a real browser both
list exactly the courses the model says fit, for every single choice and every pair of choices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from prospectus.build import pipeline
from prospectus.model import objects as m

ROOT = Path(__file__).resolve().parent.parent
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SEGMENT = {"term": "term", "day": "day", "time": "time", "mode": "where", "venue": "venue", "audience": "audience"}


def load_model() -> m.Prospectus:
    """The sample prospectus as the build sees it."""
    p, problems = pipeline.read(pipeline.Options(content=ROOT / "content"))
    assert p is not None, problems
    return p


@pytest.fixture(scope="module")
def model() -> m.Prospectus:
    return load_model()


def part(hour: int) -> str:
    return "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"


def run_fits(run: m.Run, facet: str, value: str) -> bool:
    """Written out plainly, separately from prospectus/render/facets.py, as the expectation."""
    if facet == "term":
        return run.term.id == value
    if facet == "day":
        return any(DAYS[s.date.weekday()] == value for s in run.sessions)
    if facet == "time":
        return any(part(s.start.hour) == value for s in run.sessions)
    if facet == "mode":
        return any(s.venue.online == (value == "online") for s in run.sessions) or \
            any(v.online == (value == "online") for v in (run.venue, *run.choices))  # a hybrid group: each
    if facet == "venue":
        return value in {run.venue.id, *(v.id for v in run.choices), *(s.venue.id for s in run.sessions)}
    raise AssertionError(facet)


def not_ended(p: m.Prospectus, c: m.Course) -> list[m.Run]:
    """A course's runs whose last session is on or after the build date: finished runs are never offered."""
    return [r for r in c.runs if r.sessions[-1].date >= p.today]


def expected(p: m.Prospectus, chosen: dict[str, str], open_only: bool = False) -> set[str]:
    out = set()
    for c in p.courses:
        if "category" in chosen and c.category.id != chosen["category"]:
            continue
        if "audience" in chosen and chosen["audience"] not in c.audience:
            continue
        runs = {k: v for k, v in chosen.items() if k not in ("category", "audience")}
        fitting = [r for r in not_ended(p, c) if all(run_fits(r, k, v) for k, v in runs.items())
                   and not (open_only and r.status in ("full", "cancelled"))]
        if (not runs and not open_only) or fitting:
            out.add(c.id)
    return out


def values(p: m.Prospectus) -> dict[str, list[str]]:
    runs = [r for c in p.courses for r in not_ended(p, c)]
    return {
        "category": [c.id for c in p.college.categories],
        "term": sorted({r.term.id for r in runs}),
        "day": sorted({DAYS[s.date.weekday()] for r in runs for s in r.sessions}),
        "time": sorted({part(s.start.hour) for r in runs for s in r.sessions}),
        "mode": ["in-person", "online"],
        "venue": sorted({v.id for r in runs for v in r.venues}),
        "audience": sorted({a for c in p.courses for a in c.audience}),
    }


def listed(path: Path) -> set[str]:
    return set(re.findall(r'data-course="([^"]+)"', path.read_text(encoding="utf-8")))


def test_prebuilt_pages_list_exactly_the_matching_courses(sample_site: Path, model: m.Prospectus) -> None:
    checked = 0
    for facet, vals in values(model).items():
        for value in vals:
            want = expected(model, {facet: value})
            assert want, (facet, value)  # the sample has a course for every value offered
            built = (sample_site / "categories" / value / "index.html" if facet == "category"
                    else sample_site / "courses" / SEGMENT[facet] / value / "index.html")
            assert listed(built) == want, (facet, value)
            checked += 1
    assert listed(sample_site / "courses" / "open" / "index.html") == expected(model, {}, open_only=True)
    assert checked > 25
    assert expected(model, {}, True) != {c.id for c in model.courses}  # hiding full/cancelled matters


def test_courses_page_links_to_every_prebuilt_page(sample_site: Path, model: m.Prospectus) -> None:
    html = (sample_site / "courses" / "index.html").read_text(encoding="utf-8")
    for facet, vals in values(model).items():
        for value in vals:
            href = (f"../categories/{value}/" if facet == "category" else f"../courses/{SEGMENT[facet]}/{value}/")
            assert f'href="{href}"' in html, href
    assert 'href="../courses/open/"' in html
    assert len(re.findall(r'<li class="card" data-course=', html)) == 24
    for attr in ("data-category", "data-terms", "data-days", "data-times", "data-mode", "data-venues",
                 "data-audience", "data-runs"):
        assert len(re.findall(f'{attr}="', html)) == 24, attr
    # a card shows the dates and status of one run: only a course with a run still to come has them
    running = sum(1 for c in model.courses if any(r.status != "cancelled" for r in not_ended(model, c)))
    assert running < 24
    assert len(re.findall(r'<li class="card"[^>]* data-status="', html)) == running




def test_each_choice_lists_exactly_the_courses_that_match_it(model: m.Prospectus) -> None:
    """choices() works the lists out in one pass over the courses; they must be what matches() says."""
    from prospectus.render import facets as filters

    made = filters.choices(model)
    assert set(made) == {"category", "term", "day", "time", "mode", "venue", "audience"}
    for facet, items in made.items():
        assert items, facet
        for choice in items:
            expected = tuple(c for c in model.courses if filters.matches(c, {facet: choice.value}))
            assert choice.courses == expected, (facet, choice.value)
