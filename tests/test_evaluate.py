"""Agreement statistics against hand-computed small cases, and the evaluation API."""

import math

import numpy as np
import pytest

from grader.research.evaluate import (
    adjacent,
    agreement,
    as_frames,
    bootstrap,
    evaluate,
    exact,
    pearson,
    point_scores,
    qwk,
    spearman,
)
from grader.types import MarkedScript

A = [0, 1, 2, 3]
B = [0, 1, 2, 2]


def test_qwk_matches_the_hand_computed_value():
    # Weights (i-j)^2/9; observed weighted disagreement 1/36, expected 8/36 -> 1 - 1/8.
    assert qwk(A, B) == pytest.approx(0.875)


def test_exact_and_adjacent_agreement():
    assert exact(A, B) == 0.75  # three of four marks equal
    assert adjacent(A, B) == 1.0  # the fourth differs by one
    assert adjacent([0, 3], [2, 3]) == 0.5  # a difference of two is not adjacent


def test_correlations_match_the_hand_computed_values():
    # Pearson: cov 3.5 / sqrt(5 * 2.75); Spearman: ranks of B are 1, 2, 3.5, 3.5.
    assert pearson(A, B) == pytest.approx(3.5 / math.sqrt(13.75))
    assert spearman(A, B) == pytest.approx(4.5 / math.sqrt(22.5))


def test_undefined_statistics_are_nan_not_zero():
    # Both raters give one mark only: kappa and correlations are undefined.
    assert math.isnan(qwk([2, 2, 2], [2, 2, 2]))
    assert math.isnan(pearson([1, 1, 1], [0, 1, 2]))
    assert math.isnan(exact([], []))


def test_perfect_agreement_is_one():
    assert qwk(A, A) == pytest.approx(1.0)


def test_bootstrap_interval_is_reproducible_and_contains_the_value():
    rng = np.random.default_rng(1)
    a = rng.integers(0, 4, 80)
    b = np.clip(a + rng.integers(-1, 2, 80), 0, 3)
    first = bootstrap(qwk, a, b, n_boot=300, seed=7)
    again = bootstrap(qwk, a, b, n_boot=300, seed=7)
    assert first == again  # fixed seed: the same interval on every run
    assert first.low < first.value < first.high
    assert bootstrap(qwk, a, b, n_boot=300, seed=8) != first  # the seed matters


def test_no_bootstrap_gives_nan_bounds():
    estimate = bootstrap(exact, A, B, n_boot=0)
    assert estimate.value == 0.75 and math.isnan(estimate.low) and math.isnan(estimate.high)


def test_agreement_confusion_matrix_rows_are_rater_a():
    result = agreement(A, B, labels=[0, 1, 2, 3], n_boot=0)
    assert result.labels == (0, 1, 2, 3)
    assert result.confusion == ((1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 1, 0))
    assert result.n == 4 and result.qwk.value == pytest.approx(0.875)


def test_agreement_shows_marks_nobody_gave_when_asked():
    # The scale 0-3 is shown even though nobody gave a 3, so tables line up across runs.
    assert agreement([0, 1], [1, 1], labels=range(4), n_boot=0).labels == (0, 1, 2, 3)


def test_point_scores_match_hand_counts():
    labelled = [("a", "b"), ("a",), ()]
    credited = [("a",), ("a", "b"), ("b",)]
    scores = {s.point_id: s for s in point_scores(labelled, credited, ["a", "b"])}
    assert (scores["a"].precision, scores["a"].recall, scores["a"].f1) == (1.0, 1.0, 1.0)
    assert (scores["b"].precision, scores["b"].recall, scores["b"].f1) == (0.0, 0.0, 0.0)
    pooled = scores["all points"]  # tp 2, fp 2, fn 1
    assert pooled.precision == 0.5
    assert pooled.recall == pytest.approx(2 / 3)
    assert pooled.f1 == pytest.approx(4 / 7)
    assert (pooled.support, pooled.predicted) == (3, 4)


@pytest.mark.slow
def test_evaluate_marks_scripts_and_reports_unmarkable_ones_apart():
    from grader.core.pipeline import Marker

    scripts = [
        MarkedScript("good", "Osmosis is the diffusion of water across the membrane.", (1, 1)),
        MarkedScript("none", "The nucleus controls the cell.", (0, 1)),
        MarkedScript("empty", "   ", (0, 0)),
    ]
    evaluation = evaluate(Marker("asap-6"), scripts, n_boot=50)
    assert [u.essay_id for u in evaluation.unmarked] == ["empty"]
    assert evaluation.machine.n == 2  # the empty script is not counted as a zero
    assert evaluation.human is not None and evaluation.human.n == 2
    frames = as_frames(evaluation)
    assert list(frames["scripts"]["id"]) == ["good", "none"]
    assert list(frames["confusion"].index) == [0, 1, 2, 3]
    assert set(frames["figures"]["comparison"]) == {"human vs grader", "human 1 vs human 2"}
