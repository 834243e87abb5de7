"""Estimate a level and mark from the rubric's bands (provisional rule).

The argument and level scorer replaces the rule below with one that reads band
descriptors; this seam (``estimate_level``) stays the same.
"""

from __future__ import annotations

from collections.abc import Sequence

from grader.types import ArgumentResult, LevelEstimate, PointMatch, Rubric

BALANCE_WEIGHT = {"balanced": 1.0, "uneven": 0.6, "one-sided": 0.3, "none": 0.0}


def score_from_count(rubric: Rubric, credited: int) -> int:
    """Score of a key-element scheme: the entry for the largest count <= ``credited``."""
    score = 0
    for count, value in rubric.count_scores:
        if credited >= count:
            score = value
    return score


def estimate_level(
    rubric: Rubric, matches: Sequence[PointMatch], argument: ArgumentResult
) -> LevelEstimate:
    credited = sum(m.status == "credited" for m in matches)
    if rubric.count_scores and not rubric.levels:
        score = score_from_count(rubric, credited)
        return LevelEstimate(
            level=score,
            mark=score,
            confidence=0.5,
            explanation=f"{credited} key element(s) credited -> {score}",
            method="count",
        )
    bands = sorted(rubric.levels, key=lambda b: b.level)
    coverage = credited / max(len(matches), 1)
    strength = 0.7 * coverage + 0.3 * BALANCE_WEIGHT[argument.balance]
    scoring = [b for b in bands if b.max_mark > 0] or bands
    if credited == 0 and not any(m.status == "name_dropped" for m in matches):
        band = bands[0]
        position = 0.0
    else:
        spot = min(strength * len(scoring), len(scoring) - 1e-9)
        band = scoring[int(spot)]
        position = spot - int(spot)
    mark = band.min_mark + round(position * (band.max_mark - band.min_mark))
    confidence = round(1.0 - 2 * abs(position - 0.5) * 0.5, 2)
    return LevelEstimate(
        level=band.level,
        mark=mark,
        confidence=confidence,
        descriptor=band.descriptor,
        explanation=(
            f"Level {band.level}: {credited} of {len(matches)} points credited, "
            f"balance {argument.balance} (provisional rule)"
        ),
        method="provisional",
    )
