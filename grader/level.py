"""Estimate a level and mark from the rubric's bands (provisional rule).

The argument and level scorer replaces the rule below with one that reads band
descriptors; this seam (``estimate_level``) stays the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from grader.types import ArgumentResult, LevelBand, LevelEstimate, MarkResult, PointMatch, Rubric

if TYPE_CHECKING:
    from grader.level_model import LevelModel

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
            max_mark=rubric.max_mark,
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
        max_mark=rubric.max_mark,
    )


def band_for_mark(rubric: Rubric, mark: int) -> LevelBand:
    """The level band whose mark range holds ``mark`` (the nearest band if none does)."""
    bands = sorted(rubric.levels, key=lambda b: b.level)
    for band in bands:
        if band.min_mark <= mark <= band.max_mark:
            return band
    return min(bands, key=lambda b: min(abs(mark - b.min_mark), abs(mark - b.max_mark)))


def apply_model(result: MarkResult, model: LevelModel, rubric: Rubric) -> LevelEstimate:
    """Re-estimate the level and mark of ``result`` with a calibrated model.

    The rule-based estimate stays in ``rule_level``/``rule_mark`` and the review
    reasons are kept; the confidence falls as the predicted mark nears a band edge.
    """
    from grader.features import feature_matrix

    if not rubric.levels:
        return result.level  # a key-element scheme has no bands to calibrate against
    fraction = float(model.predict_fraction(feature_matrix([result]))[0])
    exact = fraction * rubric.max_mark
    mark = int(round(exact))
    band = band_for_mark(rubric, mark)
    width = max(band.max_mark - band.min_mark + 1, 1)
    edge = min(exact - (band.min_mark - 0.5), (band.max_mark + 0.5) - exact)
    confidence = round(min(max(0.5 + edge / width, 0.3), 0.95), 2)
    rules = result.level
    reasons = list(rules.review_reasons)
    rule_level = rules.level if rules.rule_level is None else rules.rule_level
    if abs(band.level - rule_level) >= 2:
        reasons.append(
            f"calibrated model (level {band.level}) and rules (level {rule_level}) disagree"
        )
    return replace(
        rules,
        level=band.level,
        mark=mark,
        confidence=confidence,
        descriptor=band.descriptor,
        explanation=(
            f"Level {band.level} ('{band.descriptor}'): calibrated model predicts "
            f"{exact:.1f}/{rubric.max_mark}; rules said: {rules.explanation}"
        ),
        needs_review=bool(reasons),
        review_reasons=tuple(reasons),
        method="calibrated",
        rule_mark=rules.mark if rules.rule_mark is None else rules.rule_mark,
        rule_level=rules.level if rules.rule_level is None else rules.rule_level,
    )
