"""Rubric diagnostics: where a mark scheme itself is weak.

Two kinds of check, each returning typed :class:`~grader.types.Finding` records:

- :func:`check_rubric` reads the scheme alone: points so alike that evidence for one
  is credited to the other, points too vague to match, compound bullets that bundle
  several events, thin sides, level bands with gaps or overlaps, and level
  descriptors too alike to tell apart.
- :func:`diagnose_scripts` marks a set of human-marked scripts and reports, per point,
  how often grader credits or only name-drops it, how well that agrees with the
  examiner's point labels (precision, recall, F1, Cohen's kappa) and how well it
  separates high marks from low (point-biserial correlation with the human mark).

:func:`diagnose` runs both. Tables, the plot and the Markdown section are in
:mod:`grader.render.diagnostics_report`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml
from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from grader.core.embed import Encoder, encode_cached, get_encoder
from grader.errors import RubricError
from grader.scheme import rubric as rubric_io
from grader.scheme.import_points import split_clauses
from grader.scheme.keywords import (
    LEADING_FUNCTION_WORDS,
    YEAR,
    anchor_token,
    extract_keywords,
    keyword_anchors,
    tokens,
)
from grader.types import Finding, LevelBand, MarkResult, Rubric, RubricDiagnostics

if TYPE_CHECKING:
    from grader.core.pipeline import Marker
    from grader.research.diagnose_scripts import MarkedScript


@dataclass(frozen=True)
class Thresholds:
    """Where a figure becomes a finding.

    Attributes
    ----------
    overlap_min : float
        Cosine similarity of two points' wording at which they overlap (the matcher
        takes a sentence 0.75 alike to a point as a paraphrase of it).
    vague_question_min : float
        Similarity to the question itself that marks a point as generic.
    vague_neighbour_min, vague_neighbours : float, int
        A point this similar to at least this many other points is generic.
    vague_content_words : int
        Fewer content words (not stop words) than this is too little to match.
    thin_side_points : int
        A side with fewer points than this is thin.
    descriptor_wording_min : float
        rapidfuzz ``token_sort_ratio`` (0-100) of two adjacent level descriptors at
        which they read as the same.
    descriptor_meaning_min : float
        Cosine similarity of two adjacent descriptors at which they mean the same.
    always_credited : float
        Credit rate at or above which a point does not discriminate.
    often_name_dropped : float
        Name-drop rate at or above which it is reported.
    low_kappa : float
        Cohen's kappa with the human labels below which agreement is poor.
    low_r_pb : float
        Point-biserial correlation with the human mark below which a point does
        not discriminate.
    min_scripts : int
        Fewest marked scripts for any rate or correlation to be reported.
    """

    overlap_min: float = 0.70
    vague_question_min: float = 0.60
    vague_neighbour_min: float = 0.50
    vague_neighbours: int = 3
    vague_content_words: int = 5
    thin_side_points: int = 2
    descriptor_wording_min: float = 85.0
    descriptor_meaning_min: float = 0.90
    always_credited: float = 0.90
    often_name_dropped: float = 0.30
    low_kappa: float = 0.40
    low_r_pb: float = 0.20
    min_scripts: int = 5


# --------------------------------------------------------------------------- loading


def load_for_check(name_or_path: str | Path) -> tuple[Rubric, tuple[LevelBand, ...]]:
    """Load a rubric for checking, keeping level bands that ``load_rubric`` would refuse.

    Every other problem (bad YAML, a missing field, a malformed band) is raised as by
    :func:`grader.scheme.rubric.load_rubric`; bands that overlap, leave gaps or repeat a level
    are returned as they are so that :func:`check_rubric` can report all of them.
    """
    try:
        loaded = rubric_io.load_rubric(name_or_path)
        return loaded, loaded.levels
    except RubricError as first:
        path = rubric_io.find_rubric(name_or_path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw_levels = data.get("levels") if isinstance(data, dict) else None
        if not isinstance(raw_levels, list) or len(raw_levels) < 2:
            raise
        bands = tuple(
            band
            for item in raw_levels
            for band in rubric_io._levels([item], str(path))  # validates one band at a time
        )
        probe = {**data, "levels": None, "count_scores": data.get("count_scores") or {0: 0}}
        try:
            loaded = rubric_io.rubric_from_dict(probe, source=str(path))
        except RubricError:
            raise first from None
        if not data.get("count_scores"):
            loaded = replace(loaded, count_scores=())
        return replace(loaded, levels=bands), bands


# --------------------------------------------------------------------------- rubric alone


def check_rubric(
    rubric: Rubric,
    *,
    bands: Sequence[LevelBand] | None = None,
    encoder: Encoder | None = None,
    thresholds: Thresholds | None = None,
) -> tuple[Finding, ...]:
    """Weaknesses visible in the mark scheme itself, no scripts needed.

    Parameters
    ----------
    rubric : Rubric
        The scheme to check.
    bands : sequence of LevelBand, optional
        Level bands as written (default ``rubric.levels``); pass the raw bands from
        :func:`load_for_check` to report gaps and overlaps.
    encoder : Encoder, optional
        Sentence encoder (default: the packaged MiniLM).
    thresholds : Thresholds, optional

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> findings = check_rubric(load_rubric("ussr-1920s"))
    >>> sorted({f.kind for f in findings})
    ['bare-label', 'compound-point', 'overlapping-points', 'shared-keywords']
    """
    limits = thresholds or Thresholds()
    enc = encoder or get_encoder()
    points = rubric.points
    vectors = encode_cached(enc, [p.text for p in points])
    question = enc.encode([rubric.question])[0]
    similarity = vectors @ vectors.T
    findings = [
        *_overlaps(rubric, similarity, limits),
        *_shared_keywords(rubric),
        *_vague_points(rubric, similarity, vectors @ question, limits),
        *_compound_points(rubric),
        *_thin_sides(rubric, limits),
    ]
    levels = tuple(rubric.levels if bands is None else bands)
    findings += _band_problems(levels)
    findings += _indistinct_levels(levels, enc, limits)
    return tuple(findings)


def _anchors(point_keywords: Iterable[str]) -> set[str]:
    return {a for keyword in point_keywords for a in keyword_anchors(keyword)}


def _overlaps(rubric: Rubric, similarity: np.ndarray, limits: Thresholds) -> list[Finding]:
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


def _shared_keywords(rubric: Rubric) -> list[Finding]:
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


def _vague_points(
    rubric: Rubric, similarity: np.ndarray, to_question: np.ndarray, limits: Thresholds
) -> list[Finding]:
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

    The point is split into clauses (``importer.split_clauses``). A clause with a
    new year, or one naming only things not met before (keywords, or a capitalised
    name such as "Health Organisation"), starts a new event; one that repeats a name
    or is a short aside goes on with the last.

    Examples
    --------
    >>> point_events("The Dawes Plan (1924); the Young Plan in 1929 replaced the Dawes Plan.")
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


def _compound_points(rubric: Rubric) -> list[Finding]:
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


def _thin_sides(rubric: Rubric, limits: Thresholds) -> list[Finding]:
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


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _gap(low: int, high: int) -> str:
    return f"Mark {low} falls" if low == high else f"Marks {low}-{high} fall"


def _band_problems(bands: Sequence[LevelBand]) -> list[Finding]:
    ordered = sorted(bands, key=lambda b: (b.level, b.min_mark))
    found = []
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        a = f"level {lower.level} ({_span(lower.min_mark, lower.max_mark)})"
        b = f"level {upper.level} ({_span(upper.min_mark, upper.max_mark)})"
        levels = (lower.level, upper.level)
        if lower.level == upper.level:
            found.append(
                Finding(
                    "band-duplicate",
                    "error",
                    f"Level {lower.level} is defined twice "
                    f"({_span(lower.min_mark, lower.max_mark)} and "
                    f"{_span(upper.min_mark, upper.max_mark)}). Keep one band per level.",
                    levels=(lower.level,),
                )
            )
        elif upper.min_mark <= lower.max_mark:
            low, high = max(upper.min_mark, lower.min_mark), min(lower.max_mark, upper.max_mark)
            marks = f"Mark {low} belongs" if low == high else f"Marks {low}-{high} belong"
            found.append(
                Finding(
                    "band-overlap",
                    "error",
                    f"{marks} to both {a} and {b}. Start each band one mark above the top of "
                    f"the band below.",
                    levels=levels,
                )
            )
        elif upper.min_mark > lower.max_mark + 1:
            found.append(
                Finding(
                    "band-gap",
                    "error",
                    f"{_gap(lower.max_mark + 1, upper.min_mark - 1)} between {a} and {b}: no "
                    f"level awards {'it' if upper.min_mark - lower.max_mark == 2 else 'them'}. "
                    f"Extend one of the bands to close the gap.",
                    levels=levels,
                )
            )
    return found


def _descriptor(band: LevelBand) -> str:
    """A band's whole descriptor: its sentence and its bullets."""
    return " ".join([band.descriptor, *band.descriptor_bullets]).strip()


def _indistinct_levels(
    bands: Sequence[LevelBand], encoder: Encoder, limits: Thresholds
) -> list[Finding]:
    ordered = sorted({b.level: b for b in bands}.values(), key=lambda b: b.level)
    pairs = [
        (a, b)
        for a, b in zip(ordered, ordered[1:], strict=False)
        if _descriptor(a) and _descriptor(b)
    ]
    if not pairs:
        return []
    vectors = encoder.encode([_descriptor(band) for pair in pairs for band in pair])
    found = []
    for k, (a, b) in enumerate(pairs):
        wording = fuzz.token_sort_ratio(_descriptor(a).lower(), _descriptor(b).lower())
        meaning = float(vectors[2 * k] @ vectors[2 * k + 1])
        if wording < limits.descriptor_wording_min and meaning < limits.descriptor_meaning_min:
            continue
        found.append(
            Finding(
                "indistinct-levels",
                "warning",
                f"Level {a.level} and level {b.level} descriptors barely differ (wording "
                f"{wording:.0f}% alike, meaning similarity {meaning:.2f}): a marker cannot tell "
                f"the levels apart. Say what a level {b.level} answer does that a level "
                f"{a.level} answer does not.",
                levels=(a.level, b.level),
                value=round(meaning, 4),
            )
        )
    return found


def diagnose(
    rubric: Rubric,
    scripts: Sequence[MarkedScript] = (),
    *,
    bands: Sequence[LevelBand] | None = None,
    marker: Marker | None = None,
    thresholds: Thresholds | None = None,
) -> RubricDiagnostics:
    """Check a rubric, and with human-marked scripts, how each of its points behaves.

    Parameters
    ----------
    rubric : Rubric
    scripts : sequence of MarkedScript
        Human-marked scripts (:func:`read_marked`); none for the rubric checks alone.
    bands : sequence of LevelBand, optional
        Raw level bands (see :func:`load_for_check`).
    marker : grader.core.pipeline.Marker, optional
        A marker for ``rubric`` to reuse (its encoder is reused for the checks).
    thresholds : Thresholds, optional

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> diag = diagnose(load_rubric("ussr-1920s"))
    >>> diag.scripts, len(diag.findings) > 0
    (0, True)
    """
    from grader.core.pipeline import Marker
    from grader.research.diagnose_scripts import point_table, script_findings, script_gaps

    encoder = marker.encoder if marker is not None else None
    findings = check_rubric(rubric, bands=bands, encoder=encoder, thresholds=thresholds)
    if not scripts:
        return RubricDiagnostics(rubric.id, findings)
    marker = marker or Marker(rubric)
    outcomes = marker.mark_many([(s.id, s.text) for s in scripts])
    results = [o for o in outcomes if isinstance(o, MarkResult)]
    unmarked = tuple(o.essay_id for o in outcomes if not isinstance(o, MarkResult))
    table = point_table(rubric, scripts, results)
    return RubricDiagnostics(
        rubric.id,
        findings + script_findings(table, thresholds),
        points=table,
        gaps=script_gaps(rubric, scripts, results),
        scripts=len(results),
        unmarked=unmarked,
    )
