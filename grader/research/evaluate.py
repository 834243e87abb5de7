"""Evaluate grader against human marks: agreement statistics with confidence intervals.

The last stage of the pipeline, for researchers::

    rubric -> segment -> embed -> match -> argue -> level -> evaluate

:func:`agreement` compares two raters' marks (QWK, exact and adjacent agreement,
Pearson and Spearman, confusion matrix, each with a bootstrap 95 % interval);
:func:`evaluate` marks a set of :class:`~grader.types.MarkedScript` and compares
grader with the first human, and the first human with the second when there is one
(the ceiling a machine can be expected to reach). :func:`as_frames` returns the
same figures as pandas DataFrames. Every statistic comes from scikit-learn or SciPy.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.metrics import cohen_kappa_score, confusion_matrix, precision_recall_fscore_support

from grader.errors import GraderError
from grader.types import (
    Agreement,
    Estimate,
    EvaluatedScript,
    Evaluation,
    MarkedScript,
    MarkResult,
    PointScore,
    Unmarked,
)

if TYPE_CHECKING:
    import pandas as pd

    from grader.core.pipeline import Marker

Compare = Literal["mark", "level"]
COMPARE_VALUES = ("mark", "level")


# --------------------------------------------------------------------------- statistics


def qwk(a: Sequence[int], b: Sequence[int]) -> float:
    """Quadratic weighted kappa (scikit-learn); ``nan`` when undefined (one mark only).

    Examples
    --------
    >>> round(qwk([0, 1, 2, 3], [0, 1, 2, 2]), 3)
    0.875
    """
    x, y = np.asarray(a), np.asarray(b)
    if len(x) == 0 or len(np.union1d(x, y)) < 2:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(cohen_kappa_score(x, y, weights="quadratic"))


def exact(a: Sequence[int], b: Sequence[int]) -> float:
    """Share of scripts given the same mark."""
    return float(np.mean(np.asarray(a) == np.asarray(b))) if len(a) else float("nan")


def adjacent(a: Sequence[int], b: Sequence[int]) -> float:
    """Share of scripts whose marks differ by at most one."""
    diff = np.abs(np.asarray(a) - np.asarray(b))
    return float(np.mean(diff <= 1)) if len(a) else float("nan")


def _correlation(func: Callable[..., object]) -> Callable[[Sequence[int], Sequence[int]], float]:
    def statistic(a: Sequence[int], b: Sequence[int]) -> float:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        if len(x) < 2 or x.std() == 0 or y.std() == 0:
            return float("nan")  # undefined for a constant series
        return float(func(x, y)[0])  # type: ignore[index]

    return statistic


pearson = _correlation(pearsonr)
spearman = _correlation(spearmanr)


def bootstrap(
    statistic: Callable[[Any, Any], float],
    a: Sequence[int],
    b: Sequence[int],
    *,
    n_boot: int = 1000,
    seed: int = 0,
) -> Estimate:
    """``statistic(a, b)`` with a percentile bootstrap 95 % interval over scripts.

    Resamples whole scripts (pairs) with replacement ``n_boot`` times from a generator
    seeded with ``seed``, so the interval is the same on every run.
    """
    x, y = np.asarray(a), np.asarray(b)
    value = statistic(x, y)
    if n_boot <= 0 or len(x) < 2:
        return Estimate(value, float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    draws = np.array(
        [statistic(x[idx], y[idx]) for idx in rng.integers(0, len(x), (n_boot, len(x)))]
    )
    draws = draws[~np.isnan(draws)]
    if len(draws) == 0:
        return Estimate(value, float("nan"), float("nan"))
    low, high = np.percentile(draws, [2.5, 97.5])
    return Estimate(value, float(low), float(high))


def agreement(
    a: Sequence[int],
    b: Sequence[int],
    *,
    names: tuple[str, str] = ("human", "grader"),
    labels: Sequence[int] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> Agreement:
    """Agreement of two raters' marks of the same scripts.

    Parameters
    ----------
    a, b : sequence of int, same length
        The two raters' marks, script by script.
    names : (str, str)
        Names of the raters, used in reports.
    labels : sequence of int, optional
        The marks the confusion matrix shows (default: every mark either rater gave).
    n_boot, seed : int
        Bootstrap resamples and random seed of the confidence intervals.

    Examples
    --------
    >>> result = agreement([0, 1, 2, 2], [0, 1, 2, 1], n_boot=0)
    >>> result.exact.value, result.adjacent.value, result.confusion[2]
    (0.75, 1.0, (0, 1, 1))
    """
    if len(a) != len(b):
        raise GraderError(
            f"agreement needs two equally long mark lists; got {len(a)} and {len(b)}."
        )
    marks = sorted(set(map(int, a)) | set(map(int, b)))
    shown = sorted(set(labels or ()) | set(marks))
    matrix = confusion_matrix(a, b, labels=shown) if len(a) else np.zeros((len(shown),) * 2)
    return Agreement(
        rater_a=names[0],
        rater_b=names[1],
        n=len(a),
        qwk=bootstrap(qwk, a, b, n_boot=n_boot, seed=seed),
        exact=bootstrap(exact, a, b, n_boot=n_boot, seed=seed),
        adjacent=bootstrap(adjacent, a, b, n_boot=n_boot, seed=seed),
        pearson=bootstrap(pearson, a, b, n_boot=n_boot, seed=seed),
        spearman=bootstrap(spearman, a, b, n_boot=n_boot, seed=seed),
        labels=tuple(shown),
        confusion=tuple(tuple(int(x) for x in row) for row in matrix),
    )


def point_scores(
    labelled: Sequence[tuple[str, ...]], credited: Sequence[Sequence[str]], point_ids: Sequence[str]
) -> tuple[PointScore, ...]:
    """Precision, recall and F1 of crediting each point, against human point labels.

    ``labelled[k]`` and ``credited[k]`` are the point ids a human and grader credited in
    script k. The last entry, ``"all points"``, pools every (script, point) decision.
    """
    scores = []
    pooled_true: list[int] = []
    pooled_pred: list[int] = []
    for point_id in point_ids:
        y_true = [int(point_id in gold) for gold in labelled]
        y_pred = [int(point_id in pred) for pred in credited]
        pooled_true += y_true
        pooled_pred += y_pred
        scores.append(_point_score(point_id, y_true, y_pred))
    scores.append(_point_score("all points", pooled_true, pooled_pred))
    return tuple(scores)


def _point_score(point_id: str, y_true: list[int], y_pred: list[int]) -> PointScore:
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)
    return PointScore(point_id, float(p), float(r), float(f), sum(y_true), sum(y_pred))


# --------------------------------------------------------------------------- evaluation


def predicted_mark(result: MarkResult, compare: Compare = "mark") -> int:
    """The figure compared with the human mark: the mark, or the level."""
    return result.level.level if compare == "level" else result.level.mark


def evaluate(
    marker: Marker,
    scripts: Sequence[MarkedScript],
    *,
    compare: Compare = "mark",
    n_boot: int = 1000,
    seed: int = 0,
) -> Evaluation:
    """Mark ``scripts`` and compare grader's marks with the human ones.

    Scripts grader cannot mark are listed in ``Evaluation.unmarked`` with the reason and
    left out of every figure (never counted as a zero).

    Examples
    --------
    >>> from grader.core.pipeline import Marker
    >>> scripts = [MarkedScript("a", "The Treaty of Rapallo ...", (3,)), ...]  # doctest: +SKIP
    >>> evaluation = evaluate(Marker("ussr-1920s"), scripts)  # doctest: +SKIP
    >>> evaluation.machine.qwk.value  # doctest: +SKIP
    """
    if compare not in COMPARE_VALUES:
        raise GraderError(f"Unknown compare '{compare}'; expected one of {list(COMPARE_VALUES)}.")
    if not scripts:
        raise GraderError("No marked scripts to evaluate: the table of marks is empty.")
    outcomes = marker.mark_many([(s.id, s.text) for s in scripts])
    marked = [(s, r) for s, r in zip(scripts, outcomes, strict=True) if isinstance(r, MarkResult)]
    unmarked = tuple(r for r in outcomes if isinstance(r, Unmarked))
    if not marked:
        raise GraderError(
            f"None of the {len(scripts)} scripts could be marked; first reason: "
            f"{unmarked[0].reason}"
        )
    rubric = marker.rubric
    scale = (
        [b.level for b in rubric.levels] if compare == "level" else list(range(rubric.max_mark + 1))
    )
    human = [s.human[0] for s, _ in marked]
    machine = [predicted_mark(r, compare) for _, r in marked]
    second = [(s.human[0], s.human[1]) for s, _ in marked if len(s.human) > 1]
    labelled = [(s, r) for s, r in marked if s.points is not None]
    return Evaluation(
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        compare=compare,
        machine=agreement(
            human, machine, names=("human", "grader"), labels=scale, n_boot=n_boot, seed=seed
        ),
        human=agreement(
            [x for x, _ in second],
            [y for _, y in second],
            names=("human 1", "human 2"),
            labels=scale,
            n_boot=n_boot,
            seed=seed,
        )
        if second
        else None,
        points=point_scores(
            [s.points or () for s, _ in labelled],
            [r.credited for _, r in labelled],
            [p.id for p in marker.points],
        )
        if labelled
        else (),
        scripts=tuple(
            EvaluatedScript(s.id, s.human, predicted_mark(r, compare), tuple(r.credited), s.points)
            for s, r in marked
        ),
        unmarked=unmarked,
        settings={**marker.settings.as_dict(), "rubric_hash": marker.rubric_hash},
        bootstrap=n_boot,
        seed=seed,
    )


# --------------------------------------------------------------------------- pandas


def figures_table(evaluation: Evaluation) -> list[dict[str, object]]:
    """One row per (comparison, statistic): value and 95 % interval."""
    rows: list[dict[str, object]] = []
    for pair in (evaluation.machine, evaluation.human):
        if pair is None:
            continue
        for name in ("qwk", "exact", "adjacent", "pearson", "spearman"):
            estimate: Estimate = getattr(pair, name)
            rows.append(
                {
                    "comparison": f"{pair.rater_a} vs {pair.rater_b}",
                    "statistic": name,
                    "value": estimate.value,
                    "ci_low": estimate.low,
                    "ci_high": estimate.high,
                    "n": pair.n,
                }
            )
    return rows


def as_frames(evaluation: Evaluation) -> dict[str, pd.DataFrame]:
    """The evaluation as DataFrames: ``figures``, ``confusion``, ``points``, ``scripts``.

    ``confusion`` is indexed by the human mark and has a column per grader mark.
    """
    import pandas as pd

    machine = evaluation.machine
    confusion = pd.DataFrame(
        machine.confusion,
        index=pd.Index(machine.labels, name=machine.rater_a),
        columns=pd.Index(machine.labels, name=machine.rater_b),
    )
    points = pd.DataFrame(
        [vars(p) for p in evaluation.points],
        columns=["point_id", "precision", "recall", "f1", "support", "predicted"],
    )
    scripts = pd.DataFrame(
        [
            {
                "id": s.id,
                "human": s.human[0],
                "human_2": s.human[1] if len(s.human) > 1 else None,
                "grader": s.predicted,
                "difference": s.predicted - s.human[0],
                "credited": ", ".join(s.credited),
            }
            for s in evaluation.scripts
        ]
    )
    return {
        "figures": pd.DataFrame(figures_table(evaluation)),
        "confusion": confusion,
        "points": points,
        "scripts": scripts,
    }
