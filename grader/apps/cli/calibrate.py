"""grader calibrate: learn one question's marking from a teacher's marked answers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grader.apps.cli.common import fails_cleanly


@fails_cleanly
def calibrate(
    marks: Annotated[
        Path,
        typer.Option(
            "--from",
            help="The marks.xlsx 'grader mark --out' wrote, edited by the teacher; or a "
            "marked table (.csv/.xlsx: id, text, mark) or labels.jsonl, with --rubric.",
        ),
    ],
    rubric: Annotated[
        str | None,
        typer.Option("--rubric", "-r", help="The question's rubric (for a marked table)."),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            help="Save the model here instead of grader's user data folder "
            "(then pass it to 'grader mark' with --level-model)."
        ),
    ] = None,
    id_column: Annotated[str | None, typer.Option(help="Column naming the answer.")] = None,
    text_column: Annotated[str | None, typer.Option(help="Column holding the answer.")] = None,
    mark_column: Annotated[str | None, typer.Option(help="Column holding the mark.")] = None,
) -> None:
    """Learn a question's marking from marked answers; mark, feedback, batch and web use it.

    Prints the learned model's cross-validated QWK and mean absolute error beside the
    zero-shot marks', and warns when the sample is too small to beat them.

    Example: grader calibrate --from marked/marks.xlsx
    """
    from grader.apps.batch_cli import run_calibrate

    run_calibrate(
        marks,
        rubric=rubric,
        save=save,
        id_column=id_column,
        text_column=text_column,
        mark_column=mark_column,
    )
