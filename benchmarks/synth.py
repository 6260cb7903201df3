"""Write a synthetic, valid prospectus of N courses, for the benchmarks.

    python benchmarks/synth.py N OUTDIR [--seed S]

The benchmark has to measure the build on content that looks like a real college's, only
bigger: a college.yaml with two terms, several venues (one online) and six categories; N
courses with several runs and sessions each (both ``sessions`` lists and ``weekly`` series,
always inside their term), an easy read block, a peer trainer and a practitioner as
facilitators, and 300 to 600 words of Markdown with headings, lists, links to other courses
and to an outside site, emphasis and a table; about N/10 tutors of every role (one of them
unpublished); a few pages.  The same N and seed always give byte-identical files, so two
runs of the benchmark measure the same work.  It is fast (10,000 courses in a few seconds)
because the prose is picked from a fixed pool of sentences rather than made word by word.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

TERMS = [("autumn-2026", "Autumn term 2026", dt.date(2026, 9, 7), dt.date(2026, 12, 18)),
         ("spring-2027", "Spring term 2027", dt.date(2027, 1, 11), dt.date(2027, 4, 1))]
VENUES = [("the-hub", "The Synthetic Recovery Hub", "step-free, lift, hearing-loop, accessible-toilet, quiet-room"),
          ("central-library", "Central Library", "step-free, lift, accessible-toilet, baby-change"),
          ("park-pavilion", "Park Pavilion", "step-free, parking, accessible-parking"),
          ("north-centre", "North Community Centre", "step-free, accessible-toilet, gender-neutral-toilet"),
          ("online", "Online (Zoom)", "")]
CATEGORIES = [("understanding-mental-health", "Understanding mental health"),
              ("wellbeing-and-self-management", "Wellbeing and self-management"),
              ("creativity", "Creativity"),
              ("life-skills", "Life skills"),
              ("physical-health", "Physical health"),
              ("getting-involved", "Getting involved"),
              ("carers-and-families", "Carers and families")]
TOPICS = ["Understanding Anxiety", "Living with Low Mood", "Sleep and Wellbeing", "Managing Stress",
          "Hearing Voices", "Recovery and Hope", "Creative Writing", "Art for Wellbeing", "Walk and Talk",
          "Food and Mood", "Money and Benefits", "Digital Skills", "Boundaries", "Self-compassion",
          "Building Confidence", "Tree of Life", "Peer Support", "Wellness Planning", "Mindfulness",
          "Gentle Movement", "Supporting Someone You Care About", "Understanding Trauma", "Music Together",
          "Photography for Wellbeing", "Volunteering", "Becoming a Peer Worker", "Loneliness and Connection"]
FIRST = ["Sam", "Priya", "Jordan", "Aisha", "Tomasz", "Ruth", "Bex", "Helen", "Lewis", "Nadia", "Rhys", "Kate",
         "David", "Morgan", "Alex", "Chris", "Jo", "Kim", "Lee", "Mo", "Ola", "Pat", "Robin", "Sasha", "Toni"]
SURNAMES = ["Shah", "Okafor", "Marsh", "Grant", "Hussain", "Evans", "Oduya", "Byrne", "Clarke", "Novak",
            "Patel", "Reid", "Singh", "Walsh", "Young"]
ROLES = ["peer-trainer", "practitioner-trainer", "partner", "volunteer"]
JOBS = ["Occupational therapist", "Mental health nurse", "Clinical psychologist", "Social worker",
        "Money adviser", "Librarian", "Community artist"]
EASY = [("This course is about {topic}.", "course"), ("The course has {n} sessions.", "calendar"),
        ("Each session lasts {h} hours.", "clock"), ("You can come in person or online.", "online"),
        ("You will meet people who understand.", "people"), ("You only share what you want to share.", "safe"),
        ("The course is free.", "free"), ("You can bring a friend.", "family"),
        ("You can ask questions at any time.", "question"), ("There is a break in each session.", "coffee"),
        ("You will learn {n} new ways to feel calmer.", "calm"), ("You can talk with the group.", "talk")]

NOUNS = ["recovery", "hope", "wellbeing", "sleep", "worry", "confidence", "the group", "everyday life",
         "a plan", "small steps", "support", "our experiences", "friendship", "routine", "the future"]
VERBS = ["talk about", "share ideas on", "look at", "think about", "try new ways of managing",
         "learn more about", "make sense of", "plan for", "explore", "practise"]
OPENERS = ["In this session we", "Together we", "Over the weeks we", "Some of us", "Peer trainers and students",
           "You and the group", "All of us", "At your own pace we"]
ENDINGS = ["with people who have been there", "in a relaxed and friendly group", "without any pressure to speak",
           "using examples from real life", "and what helps each of us", "one small step at a time",
           "with plenty of time for questions", "as equals, learning from each other"]


def sentence_pool(rng: random.Random, size: int = 600) -> list[str]:
    """A fixed pool of plain sentences that the course bodies are built from."""
    return [f"{rng.choice(OPENERS)} {rng.choice(VERBS)} {rng.choice(NOUNS)} {rng.choice(ENDINGS)}."
            for _ in range(size)]


def college_yaml() -> str:
    """college.yaml: two terms, five venues (one online), seven categories."""
    out = [MARK, "tagline: A made-up college for measuring the build",
           "language: en-GB", "base_url: https://example.org/synthetic/", "timezone: Europe/London",
           "contact:", '  phone: "0121 496 0000"', "  email: hello@example.org",
           "  address: |", "    1 Test Street", "    Sample Town ST1 1AA", "  hours: Monday to Friday, 9am to 5pm",
           "enrolment:", "  url: https://example.org/enrol", '  phone: "0121 496 0001"',
           "  instructions: |", "    Fill in the [enrolment form](https://example.org/enrol) or ring us.", "terms:"]
    for tid, name, starts, ends in TERMS:
        out += [f"  - id: {tid}", f"    name: {name}", f"    starts: {starts}", f"    ends: {ends}"]
    out.append("venues:")
    for vid, name, access in VENUES:
        out += [f"  - id: {vid}", f"    name: {name}"]
        place = [f"    address: {name}, Sample Town ST1 2BB", f"    access: [{access}]"]
        out += place if access else ["    online: true"]
    out.append("categories:")
    for cid, name in CATEGORIES:
        out += [f"  - id: {cid}", f"    name: {name}", f"    description: Courses about {name.lower()}."]
    out += ["accessibility:", "  contact_email: access@example.org", "  last_reviewed: 2026-10-01",
            "rules:", "  co_delivery: peer-and-practitioner", "  review_months: 12", ""]
    return "\n".join(out)


def tutors(n: int) -> list[tuple[str, str, str, bool]]:
    """(id, name, role, published) for n tutors: every role, peer trainers and practitioners first."""
    out = []
    for i in range(n):
        role = ROLES[i % 4] if i >= 4 else ROLES[i % 2]
        name = f"{FIRST[i % len(FIRST)]} {SURNAMES[(i // len(FIRST)) % len(SURNAMES)]}"
        out.append((f"tutor-{i + 1:05d}", name, role, i != 2))  # tutor 3: a peer trainer who is not published
    return out


def tutor_md(tutor: tuple[str, str, str, bool], rng: random.Random, pool: list[str]) -> str:
    """One tutor file with a short biography."""
    tid, name, role, published = tutor
    lines = ["---", f"name: {name}", f"role: {role}"]
    if role == "practitioner-trainer":
        lines.append(f"job_title: {rng.choice(JOBS)}")
    lines += ["pronouns: they/them", "languages: [English]"]
    if not published:
        lines.append("publish: false")
    bio = " ".join(rng.sample(pool, 4))
    return "\n".join([*lines, "---", f"I am {name.split()[0]}. {bio}", ""])


def course_ids(n: int) -> list[tuple[str, str]]:
    """(id, title) for n courses; the topic repeats with a group number so ids stay unique."""
    out = []
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        slug = topic.lower().replace(" ", "-")
        out.append((f"{slug}-{i + 1}", f"{topic} {i // len(TOPICS) + 1}"))
    return out


def run_yaml(rng: random.Random, term: tuple[str, str, dt.date, dt.date]) -> list[str]:
    """One run inside ``term``: a weekly series or a list of sessions, at a venue."""
    tid, _, starts, ends = term
    venue = rng.choice(VENUES)[0]
    hour = rng.choice([10, 13, 18])
    start, end = f'"{hour:02d}:00"', f'"{hour + 2:02d}:{rng.choice(["00", "30"])}"'
    status = rng.choice(['open', 'open', 'few-places', 'full', 'waiting-list'])
    lines = [f"  - term: {tid}", f"    venue: {venue}", f"    places: {rng.randint(8, 20)}", f"    status: {status}"]
    if status == "waiting-list":  # a waiting list needs booking, drop-ins included
        lines.append("    booking: required")
    weeks = (ends - starts).days // 7
    first = starts + dt.timedelta(days=rng.randint(0, 4) + 7 * rng.randint(0, weeks // 2))
    if rng.random() < 0.5:
        room = (ends - first).days // 7 + 1
        count = rng.randint(1, min(8, room))
        lines.append(f"    weekly: {{from: {first}, count: {count}, start: {start}, end: {end}}}")
        return lines
    lines.append("    sessions:")
    day = first
    for _ in range(rng.randint(1, 4)):
        if day > ends:
            break
        extra = ", venue: online" if rng.random() < 0.15 else ""
        lines.append(f"      - {{date: {day}, start: {start}, end: {end}{extra}}}")
        day += dt.timedelta(days=rng.choice([7, 14]))
    return lines


def easy_read(rng: random.Random, topic: str) -> list[str]:
    """3 to 6 easy read points: one short sentence each, numbers in digits, a built-in picture."""
    lines = ["easy_read:", f"  title: {topic}", "  points:"]
    for text, picture in rng.sample(EASY, rng.randint(3, 6)):
        lines += [f"    - text: {text.format(topic=topic.lower(), n=rng.randint(2, 6), h=2)}",
                  f"      picture: {picture}"]
    return lines


def body(rng: random.Random, pool: list[str], ids: list[tuple[str, str]], here: int) -> str:
    """300 to 600 words of Markdown: headings, lists, links, emphasis and a table."""
    target = rng.randint(350, 545)
    other = [ids[(here + rng.randint(1, len(ids) - 1)) % len(ids)] for _ in range(2)] if len(ids) > 1 else []
    parts = ["## About this course", "", _para(rng, pool, 4), "",
             "This course is *co-delivered* by a peer trainer and a practitioner. **Everyone is welcome.**", "",
             "### What we will cover", ""]
    parts += [f"- {s}" for s in rng.sample(pool, 4)] + [""]
    parts += ["| Week | Topic |", "| --- | --- |"]
    parts += [f"| {w} | {rng.choice(NOUNS).capitalize()} and {rng.choice(NOUNS)} |" for w in range(1, 5)] + [""]
    parts += ["## How the sessions work", ""]
    parts += [f"{k}. {s}" for k, s in enumerate(rng.sample(pool, 3), 1)] + [""]
    also = " or ".join(f"[{t}](../{c}/)" for c, t in other)
    parts += [f"You might also like {also}. " if also else "",
              "There is more about recovery colleges at [example.org](https://example.org).", ""]
    parts += ["### What people say", ""]
    words = sum(len(p.split()) for p in parts)
    while words < target:
        para = _para(rng, pool, 3)
        parts += [para, ""]
        words += len(para.split())
    return "\n".join(parts)


def _para(rng: random.Random, pool: list[str], n: int) -> str:
    return " ".join(rng.sample(pool, n))


def course_md(rng: random.Random, pool: list[str], ids: list[tuple[str, str]], i: int,
              peers: list[str], practitioners: list[str]) -> str:
    """One course file: front matter with runs and easy read, then the Markdown body."""
    cid, title = ids[i]
    topic = TOPICS[i % len(TOPICS)]
    category = CATEGORIES[i % len(CATEGORIES)][0]
    facilitators = [rng.choice(peers), rng.choice(practitioners)]
    lines = ["---", f"title: {title}", f"code: SY{i + 1:05d}", f"category: {category}",
             f"summary: A friendly course about {topic.lower()}, shared by people who have been there.",
             f"audience: [{', '.join(rng.sample(['lived-experience', 'carers', 'staff', 'anyone'], 2))}]",
             "outcomes:", f"  - Understand more about {topic.lower()}", "  - Make a small plan for the weeks ahead",
             f"format: {rng.choice(['workshop', 'course', 'drop-in'])}",
             f"level: {rng.choice(['introductory', 'further'])}",
             f"facilitators: [{', '.join(facilitators)}]", "runs:"]
    for k in range(rng.randint(2, 4)):
        lines += run_yaml(rng, TERMS[k % 2])
    lines += ["adjustments: [Large print handouts, A quiet room to take a break]",
              f"reviewed: 2026-{rng.randint(3, 10):02d}-{rng.randint(1, 28):02d}"]
    lines += easy_read(rng, topic)
    return "\n".join([*lines, "---", "", body(rng, pool, ids, i), ""])


PAGES = [("about-us", "About us", 1), ("how-to-enrol", "How to enrol", 2), ("co-production", "Co-production", 3),
         ("learning-support", "Learning support", None)]


def page_md(rng: random.Random, pool: list[str], title: str, nav: int | None) -> str:
    """A college page with a little Markdown."""
    head = ["---", f"title: {title}", f"summary: {title} at the Synthetic Recovery College."]
    head += [f"nav_order: {nav}"] if nav else []
    text = ["## " + title, "", _para(rng, pool, 5), "", "- " + rng.choice(pool), "- " + rng.choice(pool), ""]
    return "\n".join([*head, "---", "", *text])


def write(n: int, out: Path, seed: int = 1) -> None:
    """Write the whole content folder (replacing anything already at ``out``)."""
    rng = random.Random(seed)
    pool = sentence_pool(rng)
    _clear(out)
    for sub in ("courses", "tutors", "pages"):
        (out / sub).mkdir(parents=True)
    (out / "college.yaml").write_text(college_yaml(), encoding="utf-8")
    people = tutors(max(12, n // 10))
    for t in people:
        (out / "tutors" / f"{t[0]}.md").write_text(tutor_md(t, rng, pool), encoding="utf-8")
    peers = [t[0] for t in people if t[2] == "peer-trainer"]
    practitioners = [t[0] for t in people if t[2] == "practitioner-trainer"]
    ids = course_ids(n)
    for i in range(n):
        text = course_md(rng, pool, ids, i, peers, practitioners)
        (out / "courses" / f"{ids[i][0]}.md").write_text(text, encoding="utf-8")
    for pid, title, nav in PAGES:
        (out / "pages" / f"{pid}.md").write_text(page_md(rng, pool, title, nav), encoding="utf-8")


MARK = "name: Synthetic Recovery College"


def _clear(out: Path) -> None:
    """Remove an earlier synthetic folder; refuse to delete anything else."""
    if not out.exists():
        return
    college = out / "college.yaml"
    if out.is_dir() and not any(out.iterdir()):
        out.rmdir()
        return
    if not (college.is_file() and college.read_text(encoding="utf-8").startswith(MARK)):
        raise SystemExit(f"synth.py: {out} exists and is not a synthetic content folder; "
                         "give a new or empty folder.")
    shutil.rmtree(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic prospectus content folder of N courses.")
    ap.add_argument("n", type=int, help="number of courses")
    ap.add_argument("outdir", type=Path, help="content folder to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same files")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    write(args.n, args.outdir, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
