"""Render a :class:`~grader.research.evaluate_questions.ManyQuestionEvaluation`.

``questions_markdown`` gives the per-question table (grader beside the word-count
baseline), the pooled row, import errors and the answers grader marks furthest from
the examiner; ``questions_json`` every figure and answer. ``write_questions_report``
writes both (``questions.md``, ``questions.json``) into a folder.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path

from grader.render.evaluate_report import fmt_figure, json_safe
from grader.research.evaluate_questions import (
    Figures,
    ManyQuestionEvaluation,
    QuestionResult,
)
from grader.types import Estimate

HEADER = (
    "| question | kind | max | n | mark QWK | baseline | level exact | baseline "
    "| level adjacent | baseline |\n"
    "|---|---|---|---|---|---|---|---|---|---|"
)
WORST_SHOWN = 3


def estimate_text(estimate: Estimate, *, percent: bool = False) -> str:
    """``0.812 (0.70-0.90)``, or ``81% (70-90)`` for a share; ``n/a`` when undefined."""
    if math.isnan(estimate.value):
        return "n/a"
    if math.isnan(estimate.low):  # no interval (too few answers, or no resampling)
        return f"{estimate.value:.0%}" if percent else fmt_figure(estimate.value, 2)
    if percent:
        low, high = fmt_figure(100 * estimate.low, 0), fmt_figure(100 * estimate.high, 0)
        return f"{estimate.value:.0%} ({low}-{high})"
    value, low, high = (fmt_figure(v, 2) for v in (estimate.value, estimate.low, estimate.high))
    return f"{value} ({low}-{high})"


def figure_cells(grader: Figures, baseline: Figures) -> list[str]:
    """The six figure cells of a row: each grader figure followed by the baseline's."""
    return [
        estimate_text(grader.mark_qwk),
        estimate_text(baseline.mark_qwk),
        estimate_text(grader.level_exact, percent=True),
        estimate_text(baseline.level_exact, percent=True),
        estimate_text(grader.level_adjacent, percent=True),
        estimate_text(baseline.level_adjacent, percent=True),
    ]


def question_row(question: QuestionResult) -> list[str]:
    """One question's cells, in the order of the table's header."""
    return [
        question.id,
        question.kind,
        str(question.max_mark),
        str(question.n),
        *figure_cells(question.grader, question.baseline),
    ]


def questions_markdown(evaluation: ManyQuestionEvaluation) -> str:
    """The evaluation as Markdown: table, pooled row, errors, worst-marked answers."""
    lines = [
        "# grader over many questions",
        "",
        "Mark QWK, level exact and level adjacent (within one level) against the examiner, "
        "with bootstrap 95% intervals; *baseline*: the answer's word count mapped to a "
        "mark by an isotonic fit on the other questions' answers only.",
        "",
        HEADER,
    ]
    for question in evaluation.questions:
        lines.append("| " + " | ".join(question_row(question)) + " |")
    n = sum(q.n for q in evaluation.questions if q.id in evaluation.pooled_over)
    lines.append(
        "| **pooled** | "
        + f"{len(evaluation.pooled_over)} questions | | {n} | "
        + " | ".join(figure_cells(evaluation.grader, evaluation.baseline))
        + " |"
    )
    lines += [
        "",
        "Pooled over the questions whose schemes imported: mark QWK is the Fisher-z mean "
        "of the per-question QWKs, level figures are over all their answers.",
        f"Bootstrap: {evaluation.bootstrap} resamples, seed {evaluation.seed}; "
        f"model {evaluation.settings.get('model', '?')}.",
    ]
    failed = [q for q in evaluation.questions if q.error]
    if failed:
        lines += ["", "## Schemes that did not import", ""]
        lines += [f"- `{q.id}`: {q.error}" for q in failed]
    unmarked = [(q.id, u) for q in evaluation.questions for u in q.unmarked]
    if unmarked:
        lines += ["", "## Answers that could not be marked", ""]
        lines += [f"- `{qid}` {u.essay_id}: {u.reason}" for qid, u in unmarked]
    lines += ["", "## Answers furthest from the examiner", ""]
    lines += [
        "| question | answer | words | examiner | grader | baseline |",
        "|---|---|---|---|---|---|",
    ]
    for question in evaluation.questions:
        marked = [a for a in question.answers if a.grader_mark is not None]
        marked.sort(key=lambda a: (-abs((a.grader_mark or 0) - a.human_mark), a.id))
        for a in marked[:WORST_SHOWN]:
            lines.append(
                f"| {question.id} | {a.id} | {a.words} | {a.human_mark} (L{a.human_level}) "
                f"| {a.grader_mark} (L{a.grader_level}) | {a.baseline_mark} |"
            )
    return "\n".join(lines) + "\n"


def questions_json(evaluation: ManyQuestionEvaluation) -> str:
    """Every figure and answer of the evaluation as JSON (NaN written as ``null``)."""
    return json.dumps(json_safe(asdict(evaluation)), indent=2, ensure_ascii=False) + "\n"


def write_questions_report(evaluation: ManyQuestionEvaluation, out: Path) -> list[Path]:
    """Write ``questions.md`` and ``questions.json`` into ``out`` (created if needed)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "questions.md", out / "questions.json"]
    paths[0].write_text(questions_markdown(evaluation), encoding="utf-8")
    paths[1].write_text(questions_json(evaluation), encoding="utf-8")
    return paths
