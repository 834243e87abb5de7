"""``grader evaluate-questions``: one evaluation over a folder of question folders.

Registered in :mod:`grader.apps.cli`; a thin layer over
:func:`grader.research.evaluate_questions.evaluate_questions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grader.apps.cli.common import fails_cleanly
from grader.settings import DEFAULT_MODEL


@fails_cleanly
def evaluate_questions(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="A folder of question folders (each: markscheme.txt, essays/, labels.jsonl)."
        ),
    ] = None,
    labelled: Annotated[
        list[str] | None,
        typer.Option(
            "--labelled",
            help="Also a rubric (bundled name or file) with its labels: RUBRIC=LABELS.jsonl. "
            "Repeat for several.",
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Write questions.md and questions.json here.")
    ] = Path("evaluation-questions"),
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples for the 95% CIs.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed of the bootstrap.")] = 0,
    model: Annotated[
        str, typer.Option(help="Embedding model (as for grader mark).")
    ] = DEFAULT_MODEL,
) -> None:
    """Mark many questions' examiner-marked answers; print grader beside a word-count baseline.

    Each question's scheme is imported as pasted (one that does not import is listed with
    its error); its answers are marked in one batch. Prints per-question and pooled mark
    QWK, level exact and level adjacent with bootstrap 95% intervals, next to a baseline
    mapping word count to marks, fitted on the other questions only.

    Example: grader evaluate-questions devset/questions --labelled ussr-1920s=devset/labels-q1.jsonl
    """
    if folder is None and not labelled:
        typer.echo(
            "Error: give a folder of question folders, or --labelled RUBRIC=LABELS.jsonl "
            "(see grader evaluate-questions --help).",
            err=True,
        )
        raise typer.Exit(2)
    _run(folder, labelled or [], out, bootstrap, seed, model)


def _run(
    folder: Path | None, labelled: list[str], out: Path, n_boot: int, seed: int, model: str
) -> None:
    from rich.console import Console
    from rich.table import Table

    from grader.io.question_sets import read_labelled_rubric, read_question_folders
    from grader.render.questions_report import (
        figure_cells,
        question_row,
        write_questions_report,
    )
    from grader.research.evaluate_questions import evaluate_questions as run
    from grader.settings import Settings

    questions = [read_labelled_rubric(spec) for spec in labelled]
    if folder is not None:
        questions += read_question_folders(folder)

    def progress(line: str) -> None:
        typer.echo(line, err=True)

    evaluation = run(
        questions, settings=Settings(model=model), n_boot=n_boot, seed=seed, progress=progress
    )
    table = Table(
        "question",
        "kind",
        "max",
        "n",
        "mark QWK",
        "baseline",
        "level exact",
        "baseline",
        "level adj.",
        "baseline",
        title="grader vs examiner (baseline: word count, fitted on the other questions)",
    )
    for question in evaluation.questions:
        table.add_row(*question_row(question))
    n = sum(q.n for q in evaluation.questions if q.id in evaluation.pooled_over)
    table.add_row(
        "pooled",
        f"{len(evaluation.pooled_over)} questions",
        "",
        str(n),
        *figure_cells(evaluation.grader, evaluation.baseline),
    )
    console = Console(width=160)
    console.print(table)
    for question in evaluation.questions:
        if question.error:
            console.print(f"{question.id}: not imported: {question.error}", markup=False)
    paths = write_questions_report(evaluation, out)
    console.print(f"Wrote {', '.join(p.name for p in paths)} to {out}", markup=False)
