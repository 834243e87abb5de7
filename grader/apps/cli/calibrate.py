"""grader calibrate: fit the level model on a teacher's edited marks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grader.apps.cli.common import fails_cleanly


@fails_cleanly
def calibrate(
    marks: Annotated[
        Path,
        typer.Option("--from", help="The marks.xlsx written by 'grader mark --out', edited."),
    ],
    models_dir: Annotated[
        Path, typer.Option("--models", help="Folder to save the model in.")
    ] = Path("models"),
    alpha: Annotated[float, typer.Option(help="Ridge penalty of the level model.")] = 10.0,
) -> None:
    """Fit the level/mark model on a teacher's edited marks; the next 'grader mark' uses it.

    Edit the 'mark' column (or fill 'override') of marks.xlsx, then calibrate.

    Example: grader calibrate --from marked/marks.xlsx
    """
    from grader.apps.batch_cli import run_calibrate

    run_calibrate(marks, models_dir=models_dir, alpha=alpha)
