"""One evaluation over many questions: grader beside a word-count baseline.

For each question set (a mark scheme as pasted, or a bundled rubric, with answers an
examiner marked), :func:`evaluate_questions` imports the scheme through the importer
(a scheme that does not import is reported with its error line and marked by nobody),
marks the answers in one batch, and compares with the examiner:

- mark QWK, level exact and level adjacent (within one level), each with a percentile
  bootstrap 95 % interval over answers (the statistics of :mod:`grader.research.evaluate`);
- the same for a **word-count baseline**: an answer's share of the marks
  (mark / max_mark) as a monotone (isotonic) function of its word count, fitted on the
  answers to the *other* questions only (leave-one-question-out) and mapped back to a
  mark and, through the question's bands, a level;
- pooled over the questions both could mark: mark QWK as the Fisher-z mean of the
  per-question QWKs (marks on different scales are not pooled raw), level exact and
  adjacent over all answers; intervals from resampling answers within each question.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from sklearn.isotonic import IsotonicRegression  # type: ignore[import-untyped]

from grader.errors import GraderError
from grader.research.evaluate import adjacent, bootstrap, exact, qwk
from grader.settings import Settings
from grader.types import (
    NAN,
    AnswerOutcome,
    Estimate,
    Figures,
    ManyQuestionEvaluation,
    MarkResult,
    QuestionResult,
    QuestionSet,
    Rubric,
    Unmarked,
)

if TYPE_CHECKING:
    from grader.core.embed import Encoder

# --------------------------------------------------------------------------- rubrics


def question_rubric(question: QuestionSet) -> Rubric:
    """The question's rubric: its pasted scheme through the importer, or the named rubric.

    Raises :class:`~grader.errors.GraderError` (the importer's coded line) when the
    scheme does not import.
    """
    if question.rubric is not None:
        from grader.scheme.rubric import load_rubric

        return load_rubric(question.rubric)
    from grader.scheme.import_levels import import_any

    return import_any(question.scheme_text or "", rubric_id=question.id, source=question.source)


def scheme_kind(rubric: Rubric | None) -> str:
    """How the question is marked, for the table: the rubric's kind, ``point-marked`` for a
    "(1)"/"(d)" scheme, ``not imported`` when its scheme did not import."""
    if rubric is None:
        return "not imported"
    return "point-marked" if rubric.point_marking is not None else rubric.kind


def level_of_mark(rubric: Rubric, mark: int) -> int:
    """The level whose band holds ``mark`` (0 below every band); a scheme with no bands
    (point-marked) has no levels, and its answers' level is their mark."""
    if not rubric.levels:
        return mark
    for band in rubric.levels:
        if band.min_mark <= mark <= band.max_mark:
            return band.level
    return 0


# --------------------------------------------------------------------------- baseline


def word_count(text: str) -> int:
    """Words as a teacher counts them: whitespace-separated tokens."""
    return len(text.split())


def baseline_marks(questions: Sequence[QuestionSet], max_marks: Sequence[int]) -> list[list[int]]:
    """Leave-one-question-out word-count marks: ``result[q][i]`` for answer i of question q.

    For each question, mark / max_mark is fitted as a non-decreasing function of word
    count (scikit-learn's ``IsotonicRegression``) on every *other* question's answers,
    then scaled by this question's ``max_mark`` and rounded.
    """
    words = [np.array([word_count(a.text) for a in q.answers], dtype=float) for q in questions]
    share = [
        np.array([a.mark / m if m else 0.0 for a in q.answers])
        for q, m in zip(questions, max_marks, strict=True)
    ]
    result = []
    for k, max_mark in enumerate(max_marks):
        others = [i for i in range(len(questions)) if i != k]
        if not others:
            raise GraderError(
                "The word-count baseline is fitted on the other questions: give at least two."
            )
        fit = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
            np.concatenate([words[i] for i in others]), np.concatenate([share[i] for i in others])
        )
        predicted = fit.predict(words[k]) * max_mark
        result.append([int(np.clip(round(float(p)), 0, max_mark)) for p in predicted])
    return result


# --------------------------------------------------------------------------- figures


def _figures(
    marks: tuple[list[int], list[int]],
    levels: tuple[list[int], list[int]] | None,
    n_boot: int,
    seed: int,
) -> Figures:
    level_stats = (
        (
            bootstrap(exact, *levels, n_boot=n_boot, seed=seed),
            bootstrap(adjacent, *levels, n_boot=n_boot, seed=seed),
        )
        if levels is not None
        else (NAN, NAN)
    )
    return Figures(bootstrap(qwk, *marks, n_boot=n_boot, seed=seed), *level_stats)


def _fisher_mean(values: Sequence[float]) -> float:
    """Mean of correlations through Fisher's z (the ASAP convention for pooled QWK)."""
    finite = [min(max(v, -0.999), 0.999) for v in values if not math.isnan(v)]
    return float(np.tanh(np.mean(np.arctanh(finite)))) if finite else float("nan")


def pooled_figures(
    groups: Sequence[tuple[list[int], list[int], list[int], list[int]]],
    *,
    n_boot: int = 1000,
    seed: int = 0,
) -> Figures:
    """Pooled figures over questions; each group is (human marks, predicted marks,
    human levels, predicted levels) of one question.

    Mark QWK is the Fisher-z mean of the per-question QWKs; level exact and adjacent
    are over all answers. The interval resamples answers within each question.
    """

    def stats(chosen: Sequence[np.ndarray]) -> tuple[float, float, float]:
        kappas, hl, pl = [], [], []
        for (hm, pm, h_lev, p_lev), idx in zip(groups, chosen, strict=True):
            kappas.append(qwk(np.asarray(hm)[idx], np.asarray(pm)[idx]))
            hl.extend(np.asarray(h_lev)[idx])
            pl.extend(np.asarray(p_lev)[idx])
        return _fisher_mean(kappas), exact(hl, pl), adjacent(hl, pl)

    if not groups:
        return Figures()
    value = stats([np.arange(len(g[0])) for g in groups])
    if n_boot <= 0:
        return Figures(*(Estimate(v, float("nan"), float("nan")) for v in value))
    rng = np.random.default_rng(seed)
    draws = np.array(
        [stats([rng.integers(0, len(g[0]), len(g[0])) for g in groups]) for _ in range(n_boot)]
    )
    estimates = []
    for column, v in zip(draws.T, value, strict=True):
        column = column[~np.isnan(column)]
        low, high = np.percentile(column, [2.5, 97.5]) if len(column) else (math.nan,) * 2
        estimates.append(Estimate(v, float(low), float(high)))
    return Figures(*estimates)


# --------------------------------------------------------------------------- evaluation


def evaluate_questions(
    questions: Sequence[QuestionSet],
    *,
    settings: Settings | None = None,
    encoder: Encoder | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> ManyQuestionEvaluation:
    """Mark every question's answers and compare grader and the baseline with the examiner.

    Parameters
    ----------
    questions : sequence of QuestionSet
        At least two (the baseline of each is fitted on the others).
    settings : Settings, optional
        Marking settings (each rubric's own ``settings:`` apply on top, as in ``grader mark``).
    encoder : Encoder, optional
        A loaded encoder shared by every question's marker.
    n_boot, seed : int
        Bootstrap resamples and seed of the 95 % intervals.
    progress : callable, optional
        Called with one line per question as it is marked.

    Examples
    --------
    >>> from grader.io.question_sets import read_question_folders  # doctest: +SKIP
    >>> result = evaluate_questions(read_question_folders("questions/"))  # doctest: +SKIP
    >>> [(q.id, round(q.grader.mark_qwk.value, 2)) for q in result.questions]  # doctest: +SKIP
    """
    from grader.core.embed import get_encoder
    from grader.core.pipeline import Marker
    from grader.core.setup import marking_settings

    if len(questions) < 2:
        raise GraderError(
            f"Give at least two questions (got {len(questions)}): the word-count baseline "
            f"for each is fitted on the others."
        )
    rubrics: list[Rubric | None] = []
    errors: list[str] = []
    for question in questions:
        try:
            rubrics.append(question_rubric(question))
            errors.append("")
        except GraderError as exc:
            rubrics.append(None)
            errors.append(str(exc))
        except Exception as exc:  # noqa: BLE001 - an importer bug is reported, not fatal
            rubrics.append(None)
            errors.append(f"importer failed unexpectedly: {type(exc).__name__}: {exc}")
    max_marks = [
        q.max_mark or (r.max_mark if r is not None else 0)
        for q, r in zip(questions, rubrics, strict=True)
    ]
    baselines = baseline_marks(questions, max_marks)
    results = []
    for question, rubric, error, max_mark, base in zip(
        questions, rubrics, errors, max_marks, baselines, strict=True
    ):
        outcomes: list[MarkResult | Unmarked | None] = [None] * len(question.answers)
        marker = None
        if rubric is not None:
            encoder = encoder or get_encoder(marking_settings(rubric, settings).model)
            marker = Marker(rubric, settings=settings, encoder=encoder)
            outcomes = list(marker.mark_many([(a.id, a.text) for a in question.answers]))
        if progress:
            progress(f"{question.id}: {'marked' if marker else error}")
        results.append(
            _question_result(
                question, rubric, error, max_mark, base, outcomes, marker, n_boot, seed
            )
        )
    pooled = [q for q in results if not q.error and q.max_mark]
    grader_groups, baseline_groups = [], []
    for q in pooled:
        marked = [a for a in q.answers if a.grader_mark is not None]
        grader_groups.append(
            (
                [a.human_mark for a in marked],
                [a.grader_mark or 0 for a in marked],
                [a.human_level for a in marked],
                [a.grader_level or 0 for a in marked],
            )
        )
        baseline_groups.append(
            (
                [a.human_mark for a in marked],
                [a.baseline_mark for a in marked],
                [a.human_level for a in marked],
                [a.baseline_level or 0 for a in marked],
            )
        )
    return ManyQuestionEvaluation(
        questions=tuple(results),
        grader=pooled_figures(grader_groups, n_boot=n_boot, seed=seed),
        baseline=pooled_figures(baseline_groups, n_boot=n_boot, seed=seed),
        pooled_over=tuple(q.id for q in pooled),
        settings=(settings or Settings()).as_dict(),
        bootstrap=n_boot,
        seed=seed,
    )


def _question_result(
    question: QuestionSet,
    rubric: Rubric | None,
    error: str,
    max_mark: int,
    base: list[int],
    outcomes: Sequence[MarkResult | Unmarked | None],
    marker: object,
    n_boot: int,
    seed: int,
) -> QuestionResult:
    answers = []
    for answer, outcome, base_mark in zip(question.answers, outcomes, base, strict=True):
        answers.append(
            AnswerOutcome(
                id=answer.id,
                words=word_count(answer.text),
                human_mark=answer.mark,
                human_level=answer.level,
                grader_mark=outcome.level.mark if isinstance(outcome, MarkResult) else None,
                grader_level=outcome.level.level if isinstance(outcome, MarkResult) else None,
                baseline_mark=base_mark,
                baseline_level=level_of_mark(rubric, base_mark) if rubric is not None else None,
            )
        )
    marked_answers = [a for a in answers if a.grader_mark is not None]
    grader = (
        _figures(
            ([a.human_mark for a in marked_answers], [a.grader_mark or 0 for a in marked_answers]),
            (
                [a.human_level for a in marked_answers],
                [a.grader_level or 0 for a in marked_answers],
            ),
            n_boot,
            seed,
        )
        if marked_answers
        else Figures()
    )
    compared = marked_answers if rubric is not None else answers  # the same answers as grader
    baseline = _figures(
        ([a.human_mark for a in compared], [a.baseline_mark for a in compared]),
        (
            ([a.human_level for a in compared], [a.baseline_level or 0 for a in compared])
            if rubric is not None
            else None
        ),
        n_boot,
        seed,
    )
    return QuestionResult(
        id=question.id,
        source=question.source,
        kind=scheme_kind(rubric),
        max_mark=max_mark,
        n=len(answers),
        grader=grader,
        baseline=baseline,
        answers=tuple(answers),
        error=error,
        unmarked=tuple(o for o in outcomes if isinstance(o, Unmarked)),
        rubric_hash=getattr(marker, "rubric_hash", ""),
    )
