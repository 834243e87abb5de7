"""grader evaluate: agreement with human markers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console

from grader.apps.cli.common import fails_cleanly


@fails_cleanly
def evaluate(
    rubric: Annotated[
        str, typer.Argument(help="A rubric file, or a name from 'grader rubric list'.")
    ],
    marked: Annotated[
        Path, typer.Argument(help="Marked scripts: .csv/.xlsx table, or .jsonl of labels.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the report.")] = Path(
        "evaluation"
    ),
    id_col: Annotated[str | None, typer.Option(help="Column of script ids.")] = None,
    text_col: Annotated[str | None, typer.Option(help="Column of script text.")] = None,
    human_col: Annotated[
        list[str] | None,
        typer.Option(help="Human mark column; give it twice for human-human agreement."),
    ] = None,
    points_col: Annotated[str | None, typer.Option(help="Column of credited point ids.")] = None,
    compare: Annotated[
        Literal["mark", "level"],
        typer.Option(help="Compare the human mark or level with grader's."),
    ] = "mark",
    bootstrap: Annotated[int, typer.Option(help="Bootstrap resamples for the 95% CIs.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed of the bootstrap.")] = 0,
) -> None:
    """Mark scripts humans have marked and report how well grader agrees with them.

    Example: grader evaluate ussr-1920s ../shared/devset/labels-q1.jsonl --out eval-q1
    """
    from rich.table import Table

    from grader.core.pipeline import Marker
    from grader.io.marked import read_marked
    from grader.render.evaluate_report import figure_rows, write_report
    from grader.research.evaluate import evaluate as run_evaluation

    scripts = read_marked(
        marked,
        id_col=id_col,
        text_col=text_col,
        human_cols=human_col or (),
        points_col=points_col,
    )
    marker = Marker(rubric)
    evaluation = run_evaluation(marker, scripts, compare=compare, n_boot=bootstrap, seed=seed)
    paths = write_report(evaluation, out)
    console = Console(width=120)
    table = Table("comparison", "statistic", "value", "95% CI", "n", title=f"{marker.rubric.id}")
    for row in figure_rows(evaluation, ci_dash="-"):
        table.add_row(*row)
    console.print(table)
    points = [p for p in evaluation.points if p.point_id == "all points"]
    if points:
        console.print(
            f"Point detection (all points): precision {points[0].precision:.3f}, "
            f"recall {points[0].recall:.3f}, F1 {points[0].f1:.3f}"
        )
    if evaluation.unmarked:
        console.print(f"{len(evaluation.unmarked)} script(s) could not be marked; see the report.")
    console.print(f"Wrote {', '.join(p.name for p in paths)} to {out}")
