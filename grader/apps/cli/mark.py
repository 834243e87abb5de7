"""grader mark: one essay to the console, or a class of scripts into --out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from grader.apps.cli.common import RubricOption, fails_cleanly
from grader.settings import Settings

DEFAULTS = Settings()  # the options' defaults are the library's


@fails_cleanly
def mark(
    essay: Annotated[
        Path,
        typer.Argument(
            help="An essay (.txt, .md, .docx, .pdf), or with --out a folder, .zip, .csv or "
            ".xlsx of scripts."
        ),
    ],
    rubric: RubricOption,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Mark a class: write marks.xlsx/.csv, reports, summary here."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-mark scripts unchanged since the last run.")
    ] = False,
    text_column: Annotated[
        str | None,
        typer.Option(help="CSV/XLSX column holding the scripts (default: text, essay, ...)."),
    ] = None,
    id_column: Annotated[
        str | None,
        typer.Option(help="CSV/XLSX column naming the student (default: student, name, ...)."),
    ] = None,
    level_model: Annotated[
        str | None,
        typer.Option(
            help="A calibrated model file (grader calibrate --save), or 'none' for zero-shot "
            "marking. Default: the model 'grader calibrate' saved for the rubric, if any."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    encoding: Annotated[
        str | None,
        typer.Option(help="Force a text encoding, e.g. cp1252 (default: detected file by file)."),
    ] = None,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Longest script accepted, in characters.")
    ] = DEFAULTS.max_chars,
    model: Annotated[
        str,
        typer.Option(
            help="Embedding model: all-MiniLM-L6-v2 (default), 'fast' (a static model "
            "distilled from it, for very large batches) or a local model folder."
        ),
    ] = DEFAULTS.model,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="With --out: worker processes, each loading the model once (same marks; "
            "worth it for hundreds of scripts, e.g. --workers 2 on a 2-core machine).",
        ),
    ] = 1,
) -> None:
    """Mark one essay and print the report, or a class of scripts into --out.

    Exit code 0 when at least one script was marked (scripts that could not be read
    are listed with the reason), 1 when nothing could be marked, 2 for wrong options.

    Example: grader mark scripts/ --rubric ussr-1920s --out marked/
    """
    settings = Settings(max_chars=max_chars, model=model)
    if out is not None:
        from grader.apps.batch_cli import run_batch

        run_batch(
            essay,
            rubric,
            out=out,
            settings=settings,
            force=force,
            text_column=text_column,
            id_column=id_column,
            encoding=encoding,
            level_model=level_model,
            workers=workers,
        )
        return
    if essay.is_dir() or essay.suffix.lower() in {".zip", ".csv", ".xlsx", ".xlsm"}:
        _refuse_collection(essay, text_column=text_column, id_column=id_column)
    from grader.io.documents import read_script
    from grader.scheme.rubric import load_rubric

    scheme = load_rubric(rubric)  # a wrong name or a bad file fails before the models load
    text = read_script(essay, encoding=encoding, max_chars=max_chars)
    from grader.learn.store import model_for

    calibrated = model_for(scheme, level_model, embedding_model=model)
    from grader.core.pipeline import Marker
    from grader.render.report import print_report, result_to_json

    marker = Marker(scheme, settings=settings, level_model=calibrated)
    result = marker.mark(text, essay_id=essay.name)
    if as_json:
        typer.echo(result_to_json(result))
    else:
        print_report(result, marker.rubric, Console(width=120))


def _refuse_collection(source: Path, *, text_column: str | None, id_column: str | None) -> None:
    """A folder, zip or table without --out: say how many scripts it holds and what to do."""
    from grader.errors import DocumentError
    from grader.io.scripts_in import read_scripts

    found = len(read_scripts(source, text_column=text_column, id_column=id_column))
    if not found:
        raise DocumentError(
            f"{source}: no scripts found. Give a folder of .txt/.md/.docx/.pdf files, a .zip, "
            f"or a .csv/.xlsx with one script per row."
        )
    count = "1 script" if found == 1 else f"{found} scripts"
    typer.echo(
        f"Error: {source} holds {count}: give an output folder with --out, e.g. --out marked/.",
        err=True,
    )
    raise typer.Exit(2)
