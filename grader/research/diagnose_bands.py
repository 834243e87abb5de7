"""Rubric checks on the level bands: duplicates, overlaps, gaps, and indistinct descriptors."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from grader.core.embed import Encoder
from grader.research.diagnose_limits import Thresholds
from grader.types import Finding, LevelBand


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def _gap(low: int, high: int) -> str:
    return f"Mark {low} falls" if low == high else f"Marks {low}-{high} fall"


def band_findings(bands: Sequence[LevelBand]) -> list[Finding]:
    """Level bands defined twice, overlapping, or leaving marks no level awards."""
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


def indistinct_level_findings(
    bands: Sequence[LevelBand], encoder: Encoder, limits: Thresholds
) -> list[Finding]:
    """Adjacent levels whose descriptors read or mean the same."""
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
