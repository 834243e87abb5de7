"""An essay-level feature vector read from a ``MarkResult``, for the level model.

Every feature is a plain number scaled to be comparable across rubrics (fractions
of the rubric's points or of the essay's paragraphs rather than raw counts), so a
model calibrated on one question can score another. ``FEATURE_NAMES`` fixes the
column order; a saved model records it and refuses a different one.

Examples
--------
>>> X = feature_matrix(results)            # doctest: +SKIP
>>> X.shape == (len(results), len(FEATURE_NAMES))  # doctest: +SKIP
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from grader.types import MarkResult

BALANCE_ORDER = {"none": 0, "one-sided": 1, "uneven": 2, "balanced": 3}
JUDGEMENT_ORDER = {"n/a": 0, "none": 0, "unsubstantiated": 1, "substantiated": 2, "sustained": 3}

FEATURE_NAMES: tuple[str, ...] = (
    "credited_fraction",
    "name_dropped_fraction",
    "thinnest_side_fraction",
    "fullest_side_fraction",
    "balance",
    "judgement",
    "body_evaluative_fraction",
    "evaluative_paragraphs",
    "conclusion_present",
    "contradicts",
    "relevance",
    "log_words",
    "paragraphs",
    "rule_mark_fraction",
)


def essay_features(result: MarkResult) -> dict[str, float]:
    """The named features of one marked essay (see ``FEATURE_NAMES``).

    ``rule_mark_fraction`` is the rule-based mark over the rubric's maximum, so a
    fitted model can calibrate the transparent estimator rather than replace it.
    """
    matches = result.matches
    argument = result.argument
    n_points = max(len(matches), 1)
    side_fractions = []
    for side in argument.sides:
        n_side = max(sum(m.side == side.side for m in matches), 1)
        side_fractions.append(side.credited / n_side)
    body = [p for p in argument.paragraphs if p.role == "body"]
    evaluative = [p for p in argument.paragraphs if p.evaluative]
    level = result.level
    max_mark = float(level.max_mark)
    rule_mark = float(level.mark if level.rule_mark is None else level.rule_mark)
    return {
        "credited_fraction": len(result.credited) / n_points,
        "name_dropped_fraction": len(result.name_dropped) / n_points,
        "thinnest_side_fraction": min(side_fractions, default=0.0),
        "fullest_side_fraction": max(side_fractions, default=0.0),
        "balance": BALANCE_ORDER[argument.balance] / 3,
        "judgement": JUDGEMENT_ORDER[argument.judgement] / 3,
        "body_evaluative_fraction": (sum(p.evaluative for p in body) / len(body)) if body else 0.0,
        "evaluative_paragraphs": float(min(len(evaluative), 8)) / 8,
        "conclusion_present": float(argument.conclusion_present),
        "contradicts": float(argument.contradicts),
        "relevance": float(argument.relevance),
        "log_words": math.log1p(result.document.word_count) / math.log1p(1000),
        "paragraphs": float(min(len(result.document.paragraphs), 10)) / 10,
        "rule_mark_fraction": rule_mark / max_mark if max_mark else 0.0,
    }


def feature_matrix(results: Sequence[MarkResult]) -> np.ndarray:
    """``X[i, j]``: feature ``FEATURE_NAMES[j]`` of ``results[i]``; float64, shape (n, d)."""
    rows = [[essay_features(r)[name] for name in FEATURE_NAMES] for r in results]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURE_NAMES))
