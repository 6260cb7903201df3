"""Easy read checks: the UK guidance (DH 2010, CHANGE) as small rules that name file and line.

Each rule looks at one point (or, for jargon, a point and the one after it) and returns a
plain-English finding or nothing, so each can be tested on its own.  Findings are warnings:
a college can publish while it improves its easy read, and ``--strict`` turns them into
errors for colleges that want to hold the line.

What counts, kept simple on purpose:
- a word is any run of characters between spaces that has a letter or digit in it;
- a new sentence starts after ``.``, ``!`` or ``?`` followed by a space;
- number words are two to twenty, the tens, hundred, thousand and million.  "one" is
  left out, because it is usually not a number in easy read ("each one", "no one");
- capitals are words of 4 or more letters written all in capitals, except known
  acronyms (WRAP, ADHD, PTSD, COVID ...); shorter ones (NHS, GP, A&E) are never flagged;
- a hard word is explained when the same point or the next one says "means" ("This
  means ...") or contains the explanation given for it in ``content/easy-read-words.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..problems import Problem, Severity
from .frontmatter import ReadProblem, parse_yaml, read_text
from .loader import Entry, Loaded, inside
from .picture_names import BUILT_IN
from .yamlnodes import Mapping, Node, Scalar, Sequence

WORDS_FILE = "easy-read-words.yaml"
MAX_HARD_WORDS = 1000  # a list longer than this is a mistake (and would slow every check down)
MAX_WORDS = 15
MIN_POINTS, MAX_POINTS = 3, 10
DEFAULT_JARGON: dict[str, str] = {  # used when the college has no easy-read-words.yaml
    w: "" for w in ("psychoeducation", "cognitive", "facilitator", "co-production", "co-produced", "modality",
                    "therapeutic", "intervention", "diagnosis", "symptoms", "psychosis", "self-management",
                    "resilience", "holistic", "referral", "stigma")}
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
                "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
                "million")
ACRONYMS = frozenset({"WRAP", "ADHD", "PTSD", "COVID", "NHS", "GP", "A&E", "BSL", "CBT", "DBT", "OCD", "SHOUT"})

_NUMBER_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"[.!?][\"')\u201d\u2019]*\s+\S")
_ITALIC_RE = re.compile(r"(?<![*\w])\*(?!\*)[^*]+\*(?!\*)|(?<!\w)_[^_]+_(?!\w)|</?(i|em|u)>", re.IGNORECASE)
_CAPS_RE = re.compile(r"\b[A-Z][A-Z&'\u2019]{3,}\b")


@dataclass(frozen=True)
class Finding:
    """What is wrong with a point, and what to do."""

    message: str
    hint: str


def too_long(text: str) -> Finding | None:
    """More than 15 words is too much to hold at once."""
    n = sum(1 for w in text.split() if any(ch.isalnum() for ch in w))
    if n <= MAX_WORDS:
        return None
    return Finding(f"This easy read point has {n} words; the most is {MAX_WORDS}.",
                   "Make it shorter, or split it into two points, each with its own picture.")


def several_sentences(text: str) -> Finding | None:
    """One idea per point: a second sentence is a second idea."""
    if not _SENTENCE_RE.search(text.strip()):
        return None
    return Finding("This easy read point has more than one sentence.",
                   "Keep one sentence in each point. Put the next sentence in a new point.")


def number_words(text: str) -> Finding | None:
    """Easy read writes numbers as digits."""
    found = _NUMBER_RE.search(text)
    if not found:
        return None
    return Finding(f"This easy read point writes the number '{found.group(0)}' in words.",
                   "Write numbers as digits, like 3 instead of three.")


def emphasis(text: str) -> Finding | None:
    """Italics and underlining are hard to read; bold (**like this**) is the way to stress a word."""
    found = _ITALIC_RE.search(text)
    if not found:
        return None
    return Finding(f"This easy read point uses italics or underlining: '{found.group(0)}'.",
                   "Use bold for a word that matters, like **this**, or no emphasis at all.")


def capitals(text: str) -> Finding | None:
    """Words in capitals are harder to read; known acronyms are fine."""
    bad = [w for w in _CAPS_RE.findall(text) if w not in ACRONYMS]
    if not bad:
        return None
    return Finding(f"This easy read point writes '{bad[0]}' in capital letters.",
                   "Write it in ordinary letters. Use bold if the word matters.")


TEXT_RULES: tuple[Callable[[str], Finding | None], ...] = (too_long, several_sentences, number_words,
                                                           emphasis, capitals)


def hard_words(text: str, following: str, jargon: dict[str, str]) -> list[Finding]:
    """Hard words in ``text`` that neither this point nor the next one explains (one pass over the
    text, however long the list of hard words is)."""
    out = []
    for word in _found(text, tuple(jargon)):
        explanation = jargon[word]
        if _explained(explanation, text, following):
            continue
        example = f" For example: 'This means {explanation.rstrip('.')}.'" if explanation else ""
        out.append(Finding(f"'{word}' is a hard word for easy read.",
                           f"Use an everyday word, or explain it in the next point.{example}"))
    return out


def _found(text: str, words: tuple[str, ...]) -> list[str]:
    """The hard words in ``text`` (each once, in the list's order), a plural 's' or 'es' allowed."""
    if not words:
        return []
    pattern, by_lower = _words_pattern(words)
    hits = {by_lower[m.group(1).lower()] for m in pattern.finditer(text) if m.group(1).lower() in by_lower}
    return [w for w in words if w in hits]


@functools.lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    longest_first = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    alternatives = "|".join(re.escape(w) for w in longest_first) or "(?!)"
    pattern = re.compile(r"(?=\b(" + alternatives + r")(?:s|es)?\b)", re.IGNORECASE)
    return pattern, {w.lower(): w for w in words}


def _explained(explanation: str, text: str, following: str) -> bool:
    for candidate in (text, following):
        lower = candidate.lower()
        if re.search(r"\bmeans?\b", lower) or (explanation and explanation.lower().rstrip(".") in lower):
            return True
    return False


def check_block(rel: str, block: dict[str, Any], jargon: dict[str, str]) -> list[Problem]:
    """Every easy read finding for one ``easy_read`` block, at the line of the point concerned."""
    points = [p for p in block.get("points", ()) if isinstance(p, dict)]
    problems: list[Problem] = []
    n = len(points)
    if n and not MIN_POINTS <= n <= MAX_POINTS:
        problems.append(_warn(rel, block["_lines"].get("points", block["_line"]), Finding(
            f"This easy read version has {n} point{'s' if n != 1 else ''}; it needs {MIN_POINTS} to {MAX_POINTS}.",
            "Add points about what the course is about." if n < MIN_POINTS else
            "Keep the most important points. The dates, place and how to book are added for you.")))
    for i, pt in enumerate(points):
        line = pt["_lines"].get("text", pt["_line"])
        text = str(pt.get("text", ""))
        following = str(points[i + 1].get("text", "")) if i + 1 < n else ""
        findings = [f for rule in TEXT_RULES if (f := rule(text))]
        findings += hard_words(text, following, jargon)
        findings += _picture_findings(pt)
        problems += [_warn(rel, line, f) for f in findings]
    return problems


def _picture_findings(pt: dict[str, Any]) -> list[Finding]:
    picture = pt.get("picture")
    if not picture:
        return [Finding("This easy read point has no picture.",
                        "Add 'picture:' with a built-in picture name, like calm, or a picture file.")]
    if picture not in BUILT_IN and not pt.get("alt"):
        return [Finding(f"The picture '{picture}' has no alt text.",
                        "Add 'alt:' under 'picture:' with a few words saying what it shows.")]
    return []


def _warn(rel: str, line: int, finding: Finding) -> Problem:
    return Problem(rel, line, finding.message, finding.hint, Severity.WARNING)


def load_words(loaded: Loaded) -> dict[str, str]:
    """The college's hard words (a list, or word: explanation), or the defaults when there is no file."""
    path = loaded.root / WORDS_FILE
    if not path.is_file() and not path.is_symlink() and not path.exists():
        return dict(DEFAULT_JARGON)
    try:
        inside(loaded.root, path, WORDS_FILE)
        node = parse_yaml(read_text(path, WORDS_FILE), WORDS_FILE)
    except ReadProblem as exc:
        loaded.problems.append(exc.problem)
        return dict(DEFAULT_JARGON)
    words = _words_from(node)
    if words is not None and len(words) > MAX_HARD_WORDS:
        loaded.problems.append(Problem(WORDS_FILE, 1, f"This file has {len(words):,} hard words; the most it can "
                                       f"have is {MAX_HARD_WORDS:,}.", "Keep the words your courses really use."))
        return dict(DEFAULT_JARGON)
    if words is None:
        loaded.problems.append(Problem(WORDS_FILE, getattr(node, "line", 1),
                                       "This file should be a list of hard words, or 'word: explanation' lines.",
                                       "Write one word a line, like '- facilitator', or "
                                       "'facilitator: the person who runs the group'."))
        return dict(DEFAULT_JARGON)
    return words


def _words_from(node: Node | None) -> dict[str, str] | None:
    if node is None:
        return {}
    if isinstance(node, Sequence) and all(isinstance(i, Scalar) for i in node.items):
        return {i.text.strip(): "" for i in node.items if isinstance(i, Scalar) and i.text.strip()}
    if isinstance(node, Mapping) and all(isinstance(v, Scalar) for _, v in node.items.values()):
        return {k.strip(): "" if v.is_null else v.text.strip()  # type: ignore[union-attr]
                for k, (_, v) in node.items.items()}
    return None


def check_all(loaded: Loaded) -> None:
    """Check every course's and page's easy read points; the findings go into ``loaded.problems``."""
    words = load_words(loaded)
    loaded.jargon = tuple(sorted(words))
    key = tuple(words.items())
    if _memo.get("words") != key:
        _memo.clear()
        _memo["words"] = key
    seen: dict[object, tuple[Entry, list[Problem]]] = {}
    for folder in ("courses", "pages"):
        for entry in loaded.entries[folder].values():
            block = entry.data.get("easy_read")
            if not isinstance(block, dict):
                continue
            hit = _memo.get(id(entry))
            if hit is None or hit[0] is not entry:  # the live preview keeps unchanged entries
                hit = (entry, check_block(entry.rel, block, words))
            seen[id(entry)] = hit
            loaded.problems.extend(hit[1])
    _memo.clear()
    _memo.update(seen)
    _memo["words"] = key


# The findings of each entry last checked, by the entry's identity: the live preview re-checks
# every file on each save, but keeps the very same Entry for every file it did not re-read.
_memo: dict[object, Any] = {}
