"""Estimate a level and mark from the rubric's level bands, transparently.

The essay's profile (judgement, balance, analysis and knowledge, each 0..3) is read
from the argument and the point matches; each band's requirements on the same four
dimensions are read from its descriptor (:mod:`grader.scheme.bands`). The fit is
compensatory, like an examiner's "best fit": the essay's total is compared with
each band's total requirement, and the mark within the band follows how far the
essay is above the band's threshold. Review flags say when a person should check.

``estimate_level`` is the seam the other stages use; a calibrated model can
replace its level and mark afterwards (:func:`apply_model`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from grader.learn.features import BALANCE_ORDER, JUDGEMENT_ORDER
from grader.scheme.bands import DIMENSIONS, BandRequirement, band_requirements
from grader.settings import Settings
from grader.types import (
    ArgumentResult,
    Document,
    LevelBand,
    LevelEstimate,
    MarkResult,
    PointMatch,
    Rubric,
)

if TYPE_CHECKING:
    from grader.learn.level_model import LevelModel

_DEFAULTS = Settings()
#: Dimensions a band's requirement on cannot be made up by strength elsewhere: the
#: bands are told apart above all by the judgement they ask for. (The cut-offs of the
#: profile and the fit are in :class:`~grader.settings.Settings`.)
GATED = ("judgement",)


def score_from_count(rubric: Rubric, credited: int) -> int:
    """Score of a key-element scheme: the entry for the largest count <= ``credited``."""
    score = 0
    for count, value in rubric.count_scores:
        if credited >= count:
            score = value
    return score


def evaluative_density(argument: ArgumentResult) -> float:
    """Share of the sentences of relevant body paragraphs that evaluate."""
    body = [p for p in argument.paragraphs if p.role == "body" and p.relevant]
    sentences = sum(p.sentences for p in body)
    return sum(p.evaluative_sentences for p in body) / sentences if sentences else 0.0


def essay_profile(
    matches: Sequence[PointMatch], argument: ArgumentResult, settings: Settings | None = None
) -> dict[str, int]:
    """The essay's judgement, balance, analysis and knowledge, each 0..3.

    Knowledge steps at ``settings.knowledge_evidence_share`` and
    ``knowledge_precise_share`` of the points, analysis at ``analysis_some_share`` and
    ``analysis_throughout_share`` of the relevant body sentences evaluating.
    """
    settings = settings or _DEFAULTS
    credited = sum(m.status == "credited" for m in matches)
    dropped = sum(m.status == "name_dropped" for m in matches)
    effective = max(credited - 0.5 * dropped, 0.0) / max(len(matches), 1)
    knowledge_steps = (settings.knowledge_evidence_share, settings.knowledge_precise_share)
    knowledge = 0 if effective <= 0 else 1 + sum(effective >= s for s in knowledge_steps)
    share = evaluative_density(argument)
    analysis_steps = (settings.analysis_some_share, settings.analysis_throughout_share)
    analysis = 0 if credited == 0 else 1 + sum(share >= s for s in analysis_steps)
    judgement = JUDGEMENT_ORDER[argument.judgement]
    if argument.contradicts:
        judgement = min(judgement, 1)
    return {
        "judgement": judgement,
        "balance": BALANCE_ORDER[argument.balance],
        "analysis": analysis,
        "knowledge": knowledge,
    }


def estimate_level(
    rubric: Rubric,
    matches: Sequence[PointMatch],
    argument: ArgumentResult,
    document: Document | None = None,
    settings: Settings | None = None,
) -> LevelEstimate:
    """Level, mark, confidence and review flags of one essay, from the rubric's bands.

    ``settings.off_topic_relevance``: under this share of relevant paragraphs the level is
    capped at the bands a descriptor allows for irrelevant answers, and flagged.

    Examples
    --------
    >>> estimate = estimate_level(rubric, result.matches, result.argument)  # doctest: +SKIP
    >>> estimate.explanation  # doctest: +SKIP
    "Level 4 ('Both sides developed ...'): both sides developed (4 failure, 5 success ..."
    """
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
    settings = settings or _DEFAULTS
    requirements = band_requirements(rubric.levels)
    profile = essay_profile(matches, argument, settings)
    reasons = _review_reasons(argument, document, settings)
    anything = any(m.status != "missing" for m in matches)
    nothing_bands = [r for r in requirements if r.nothing]
    scoring = [r for r in requirements if not r.nothing] or list(requirements)
    if not anything and nothing_bands:
        chosen, position, margin = nothing_bands[0], 0.0, 2.0
    else:
        if argument.relevance < settings.off_topic_relevance:
            capped = [r for r in scoring if r.irrelevant] or scoring[:1]
            scoring = [r for r in scoring if r.band.level <= capped[-1].band.level]
        chosen, position, margin = _best_fit(scoring, profile, settings.max_short_dimensions)
        if margin < settings.border_margin and len(scoring) > 1:
            reasons.append(f"between two levels (level {chosen.band.level} is a close call)")
    band = chosen.band
    mark = band.min_mark + round(position * (band.max_mark - band.min_mark))
    confidence = 0.55 + 0.4 * min(margin / 1.5, 1.0) - 0.1 * len(reasons)
    return LevelEstimate(
        level=band.level,
        mark=mark,
        confidence=round(min(max(confidence, 0.1), 0.95), 2),
        descriptor=band.descriptor,
        explanation=_explain(chosen, profile, argument),
        needs_review=bool(reasons),
        review_reasons=tuple(reasons),
        method="rules",
        max_mark=rubric.max_mark,
    )


def reaches(profile: dict[str, int], requirement: BandRequirement, max_short: int = 1) -> bool:
    """Whether an essay profile reaches a band (best fit, with the gates above).

    At most ``max_short`` dimensions may fall below the band's requirement.
    """
    needs = dict(zip(DIMENSIONS, requirement.needs, strict=True))
    short = [d for d in DIMENSIONS if profile[d] < needs[d]]
    return (
        sum(profile.values()) >= requirement.total
        and not any(d in GATED for d in short)
        and len(short) <= max_short
    )


def _best_fit(
    scoring: Sequence[BandRequirement], profile: dict[str, int], max_short: int
) -> tuple[BandRequirement, float, float]:
    """Highest band the essay reaches; its position in the band (0..1); margin to edges."""
    total = sum(profile.values())
    chosen = scoring[0]
    for requirement in scoring:
        if reaches(profile, requirement, max_short):
            chosen = requirement
    index = list(scoring).index(chosen)
    upper = scoring[index + 1].total if index + 1 < len(scoring) else chosen.total + 3
    width = max(upper - chosen.total, 1)
    position = min(max((total - chosen.total + 0.5) / (width + 0.5), 0.0), 1.0)
    margin = min(total - chosen.total + 0.5, upper - total - 0.5 + 1.0)
    return chosen, position, max(margin, 0.0)


def _review_reasons(
    argument: ArgumentResult, document: Document | None, settings: Settings
) -> list[str]:
    reasons = []
    if argument.relevance < settings.off_topic_relevance:
        reasons.append(
            f"off-topic or unusual script: only {argument.relevance:.0%} of its paragraphs "
            "address the question"
        )
    if document is not None and document.word_count < settings.short_words:
        reasons.append(f"very short ({document.word_count} words)")
    if argument.contradicts:
        reasons.append("the conclusion contradicts the body")
    return reasons


def _explain(chosen: BandRequirement, profile: dict[str, int], argument: ArgumentResult) -> str:
    band = chosen.band
    counts = ", ".join(f"{s.credited} {s.side}" for s in argument.sides)
    balance = {
        "balanced": f"both sides developed ({counts} points explained)",
        "uneven": f"uneven ({counts} points explained)",
        "one-sided": f"one-sided ({counts} points explained)",
        "none": "no argument about the question",
    }[argument.balance]
    if argument.judgement == "none":
        judgement = "no judgement on the question"
    else:
        where = "in conclusion" if argument.conclusion_present else "in the final paragraph"
        judgement = f"judgement '{argument.verdict}' {argument.judgement} {where}"
        if argument.judgement == "substantiated":
            judgement += " but not sustained"
    body = [p for p in argument.paragraphs if p.role == "body" and p.relevant]
    evaluative = sum(p.evaluative for p in body)
    parts = [balance, judgement, f"{evaluative} of {len(body)} body paragraphs evaluate"]
    if argument.contradicts:
        parts.append("the conclusion contradicts the body")
    short = [d for d, need in zip(DIMENSIONS, chosen.needs, strict=True) if profile[d] < need]
    if short:
        parts.append("best fit despite weaker " + " and ".join(short))
    return f"Level {band.level} ('{band.descriptor}'): " + "; ".join(parts)


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
    from grader.learn.features import feature_matrix

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
