"""Rubric checks on the points alone: overlaps, shared keywords, vague, compound, thin sides.

Each function returns :class:`~grader.types.Finding` records;
:func:`grader.research.diagnose.check_rubric` runs them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from grader.research.diagnose_limits import Thresholds
from grader.scheme.import_points import split_clauses
from grader.scheme.keywords import (
    LEADING_FUNCTION_WORDS,
    YEAR,
    anchor_token,
    extract_keywords,
    keyword_anchors,
    tokens,
)
from grader.types import Finding, Rubric


def _anchors(point_keywords: Iterable[str]) -> set[str]:
    return {a for keyword in point_keywords for a in keyword_anchors(keyword)}


def overlap_findings(rubric: Rubric, similarity: np.ndarray, limits: Thresholds) -> list[Finding]:
    """Pairs of points whose wording is so alike that evidence for one may be credited to the other.

    ``similarity[i, j]`` is the cosine similarity of ``rubric.points[i]`` and ``[j]``.
    """
    points = rubric.points
    found = []
    for i, a in enumerate(points):
        for j in range(i + 1, len(points)):
            b, value = points[j], float(similarity[i, j])
            if value < limits.overlap_min:
                continue
            shared = sorted(_anchors(a.keywords) & _anchors(b.keywords))
            also = f"; shared keywords: {', '.join(shared)}" if shared else ""
            found.append(
                Finding(
                    "overlapping-points",
                    "warning",
                    f"Points '{a.id}' and '{b.id}' overlap (meaning similarity {value:.2f}"
                    f"{also}): evidence for one may be credited to the other. Merge them, or "
                    f"reword each to name what only it covers.",
                    points=(a.id, b.id),
                    value=round(value, 4),
                )
            )
    return found


def shared_keyword_findings(rubric: Rubric) -> list[Finding]:
    """Keywords that belong to more than one point (a mention cannot say which)."""
    owners: dict[str, list[str]] = {}
    for point in rubric.points:
        for anchor in sorted(_anchors(point.keywords)):
            owners.setdefault(anchor, []).append(point.id)
    found = []
    for anchor, ids in owners.items():
        if len(ids) < 2:
            continue
        found.append(
            Finding(
                "shared-keywords",
                "info",
                f"Keyword '{anchor}' belongs to {len(ids)} points ({', '.join(ids)}): a sentence "
                f"naming only it cannot say which point it supports. Give each point a keyword "
                f"of its own.",
                points=tuple(ids),
                value=float(len(ids)),
            )
        )
    return found


def content_words(text: str) -> list[str]:
    """Words that carry meaning: not stop words, at least three letters, or a year."""
    return [
        w for w in tokens(text) if YEAR.fullmatch(w) or (len(w) > 2 and w.lower() not in STOP_WORDS)
    ]


def vague_point_findings(
    rubric: Rubric, similarity: np.ndarray, to_question: np.ndarray, limits: Thresholds
) -> list[Finding]:
    """Points too vague to match (no anchor, few words, close to the question or to many points)."""
    found = []
    for j, point in enumerate(rubric.points):
        reasons = []
        named = point.keywords or extract_keywords(point.text, exclude=[rubric.question])
        has_anchor = bool(_anchors(named))
        if not has_anchor:
            reasons.append("no names, dates or keywords to look for")
        words = len(content_words(point.text))
        if words < limits.vague_content_words:
            reasons.append(f"only {words} content word{'s' if words != 1 else ''}")
        if to_question[j] >= limits.vague_question_min:
            reasons.append(f"similarity {to_question[j]:.2f} to the question itself")
        neighbours = int((similarity[j] >= limits.vague_neighbour_min).sum()) - 1
        if neighbours >= limits.vague_neighbours:
            reasons.append(
                f"similarity >= {limits.vague_neighbour_min:.2f} to {neighbours} other points"
            )
        if has_anchor and len(reasons) == 1 and words < limits.vague_content_words:
            found.append(
                Finding(
                    "bare-label",
                    "info",
                    f"Point '{point.id}' is a bare label ({reasons[0]}): sentences that explain "
                    f"it without naming it will not resemble it, so an explained point may be "
                    f"taken for a name-drop. Add what it did or why it mattered.",
                    points=(point.id,),
                    value=float(words),
                )
            )
            continue
        if has_anchor and len(reasons) < 2:
            continue
        found.append(
            Finding(
                "vague-point",
                "warning",
                f"Point '{point.id}' is too vague to match reliably: {'; '.join(reasons)}. Name "
                f"the event, person, date or mechanism an answer must explain.",
                points=(point.id,),
                value=round(float(to_question[j]), 4),
            )
        )
    return found


# A clause this short that starts with a common noun ("the capital of Lithuania") and
# brings no new date describes the last event.
APPOSITION_WORDS = 5
NAME_PHRASE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:of\s+)?[A-Z][\w'’-]+)+")


def _stem(word: str) -> str:
    """Years as they are, names by their first four letters ("Greek" ~ "Greece")."""
    word = word.lower()
    return word if YEAR.fullmatch(word) else word[:4]


def point_events(text: str, question: str = "") -> list[tuple[str, ...]]:
    """The separate dated or named events a point's wording lists.

    The point is split into clauses (:func:`grader.scheme.import_points.split_clauses`).
    A clause with a new year, or one naming only things not met before (keywords, or a
    capitalised name such as "Health Organisation"), starts a new event; one that repeats a name
    or is a short aside goes on with the last.

    Examples
    --------
    >>> point_events("The Dawes Plan (1924); the Young Plan in 1929 replaced the Dawes Plan.")
    [('Dawes Plan', '1924'), ('Young Plan', '1929')]
    >>> point_events("The Dawes Plan (1924) lent money; the Dawes Plan cut payments.")
    [('Dawes Plan', '1924')]
    >>> point_events("The Dawes Plan (1924); the Young Plan (1929).")
    [('Dawes Plan', '1924'), ('Young Plan', '1929')]
    """
    events: list[list[str]] = []
    seen: set[str] = set()
    named: set[str] = set()
    for clause in split_clauses(text):
        names = list(extract_keywords(clause, exclude=[question], context=text))
        for phrase in NAME_PHRASE.findall(clause):
            words = phrase.split()
            while words and words[0].lower() in LEADING_FUNCTION_WORDS:
                words = words[1:]
            phrase = " ".join(words).removesuffix("'s").removesuffix("’s")
            if len(words) > 1 and not any(phrase.lower() in n.lower() for n in names):
                names.append(phrase)
        stems = {_stem(w) for name in names for w in tokens(name) if anchor_token(w) or w.isdigit()}
        stems |= {_stem(n) for n in names if YEAR.fullmatch(n)}
        if not names:
            continue
        fresh = [n for n in names if n.lower() not in named]
        new_year = any(YEAR.fullmatch(n) and n.lower() not in named for n in names)
        words = [w for w in tokens(clause) if w.lower() not in LEADING_FUNCTION_WORDS]
        aside = (
            len(tokens(clause)) <= APPOSITION_WORDS
            and not new_year
            and bool(words)
            and words[0][:1].islower()
        )
        if events and not new_year and (stems & seen or aside):
            events[-1] += fresh
        elif fresh:
            events.append(fresh)
        seen |= stems
        named |= {n.lower() for n in names}
    return [tuple(event) for event in events]


def compound_point_findings(rubric: Rubric) -> list[Finding]:
    """Points that bundle several dated or named events (all or nothing for an essay)."""
    found = []
    for point in rubric.points:
        events = point_events(point.text, rubric.question)
        dated = sum(any(YEAR.fullmatch(k) for k in event) for event in events)
        if len(events) < 3 and dated < 2:
            continue
        listed = " | ".join(", ".join(event) for event in events)
        found.append(
            Finding(
                "compound-point",
                "warning" if len(events) >= 3 else "info",
                f"Point '{point.id}' bundles {len(events)} dated or named events ({listed}): an "
                f"essay that explains one of them gets all or nothing. Split it into 'parts:' "
                f"so each is credited on its own.",
                points=(point.id,),
                value=float(len(events)),
            )
        )
    return found


def thin_side_findings(rubric: Rubric, limits: Thresholds) -> list[Finding]:
    """Sides with too few points to develop."""
    counts = Counter(p.side for p in rubric.points)
    found = []
    for side in rubric.sides:
        n = counts.get(side, 0)
        others = ", ".join(f"'{s}' {counts.get(s, 0)}" for s in rubric.sides if s != side)
        if n >= limits.thin_side_points or len(rubric.sides) < 2:
            continue
        found.append(
            Finding(
                "thin-side",
                "warning",
                f"Side '{side}' has only {n} point{'s' if n != 1 else ''} (other sides: "
                f"{others}): an essay can hardly develop it, and its balance rests on one "
                f"point. Add the points an examiner would credit on this side.",
                points=tuple(p.id for p in rubric.points if p.side == side),
                value=float(n),
                side=side,
            )
        )
    return found
