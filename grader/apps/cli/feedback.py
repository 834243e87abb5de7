"""grader feedback: the student's view of a mark."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grader.apps.cli.common import RubricOption, fails_cleanly


@fails_cleanly
def feedback(
    essay: Annotated[Path, typer.Argument(help="The essay file.")],
    rubric: RubricOption,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a printable HTML page here.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Force a text encoding, e.g. cp1252 (default: detected file by file)."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print the feedback record as JSON; every quote of the essay has its "
            "character offsets (start, end).",
        ),
    ] = False,
    level_model: Annotated[
        str | None,
        typer.Option(
            help="A calibrated model file, or 'none' for zero-shot marking. Default: the "
            "model 'grader calibrate' saved for the rubric, if any (the same mark as "
            "'grader mark')."
        ),
    ] = None,
) -> None:
    """Print feedback for a student: credit, prompts, missed points, next steps.

    Example: grader feedback examples/ussr-1920s-model-essay.txt --rubric ussr-1920s --html f.html
    """
    from grader.io.documents import read_script
    from grader.scheme.rubric import load_rubric

    scheme = load_rubric(rubric)  # a wrong name or a bad file fails before the models load
    text = read_script(essay, encoding=encoding)
    from grader.learn.store import model_for

    calibrated = model_for(scheme, level_model)  # the same mark as 'grader mark'
    from grader.core.pipeline import Marker
    from grader.render.feedback import (
        build_feedback,
        feedback_to_json,
        format_feedback_text,
        render_feedback_html,
    )

    marker = Marker(scheme, level_model=calibrated)
    result = marker.mark(text, essay_id=essay.name)
    record = build_feedback(result, marker.rubric)
    if as_json:
        typer.echo(feedback_to_json(record))
    else:
        typer.echo(format_feedback_text(record), nl=False)
    if html is not None:
        html.write_text(render_feedback_html(result, marker.rubric), encoding="utf-8")
        typer.echo(f"Wrote {html}", err=True)
