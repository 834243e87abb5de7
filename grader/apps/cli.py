"""Command line: a thin layer over the library.

Library errors become one clear line on stderr (``Error: ...``) and exit code 1;
wrong options exit with code 2 (typer's usage error).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import yaml
from rich.console import Console

from grader.errors import GraderError, ImportSchemeError
from grader.types import LevelBand

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Mark essays against a mark scheme, the way an examiner does.",
)
rubric_app = typer.Typer(no_args_is_help=True, help="Import, show and list rubrics.")
app.add_typer(rubric_app, name="rubric")

F = TypeVar("F", bound=Callable[..., Any])


def fails_cleanly(func: F) -> F:
    """Turn a GraderError into one line on stderr and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GraderError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


@app.command()
@fails_cleanly
def mark(
    essay: Annotated[
        Path,
        typer.Argument(
            help="An essay (.txt, .md, .docx, .pdf), or with --out a folder, .zip, .csv or "
            ".xlsx of scripts."
        ),
    ],
    rubric: Annotated[
        str, typer.Option("--rubric", "-r", help="Rubric file or bundled name.")
    ] = "ussr-1920s",
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
            help="With --out: a calibrated model (grader calibrate), or 'none' for the rules. "
            "Default: models/<rubric id>.joblib if it exists."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    encoding: Annotated[str | None, typer.Option(help="Text encoding, e.g. cp1252.")] = None,
    max_chars: Annotated[int, typer.Option(help="Longest script accepted.")] = 200_000,
    model: Annotated[
        str,
        typer.Option(
            help="Embedding model: all-MiniLM-L6-v2 (default), 'fast' (a static model "
            "distilled from it, for very large batches) or a local model folder."
        ),
    ] = "all-MiniLM-L6-v2",
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
    from grader.settings import Settings

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
        typer.echo(
            f"Error: {essay} holds several scripts: give an output folder with --out, "
            f"e.g. --out marked/.",
            err=True,
        )
        raise typer.Exit(2)
    from grader.core.pipeline import Marker
    from grader.io.documents import read_script
    from grader.render.report import print_report, result_to_json

    text = read_script(essay, encoding=encoding, max_chars=max_chars)
    marker = Marker(rubric, settings=settings)
    result = marker.mark(text, essay_id=essay.name)
    if as_json:
        typer.echo(result_to_json(result))
    else:
        print_report(result, marker.rubric, Console(width=120))


@app.command()
@fails_cleanly
def feedback(
    essay: Annotated[Path, typer.Argument(help="The essay file.")],
    rubric: Annotated[
        str, typer.Option("--rubric", "-r", help="Rubric file or bundled name.")
    ] = "ussr-1920s",
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a printable HTML page here.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding, e.g. cp1252.")] = None,
) -> None:
    """Print feedback for a student: credit, prompts, missed points, next steps.

    Example: grader feedback examples/ussr-1920s-model-essay.txt --rubric ussr-1920s --html f.html
    """
    from grader.core.pipeline import Marker
    from grader.io.documents import read_script
    from grader.render.feedback import build_feedback, format_feedback_text, render_feedback_html

    text = read_script(essay, encoding=encoding)
    marker = Marker(rubric)
    result = marker.mark(text, essay_id=essay.name)
    typer.echo(format_feedback_text(build_feedback(result, marker.rubric)), nl=False)
    if html is not None:
        html.write_text(render_feedback_html(result, marker.rubric), encoding="utf-8")
        typer.echo(f"Wrote {html}", err=True)


@app.command()
@fails_cleanly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: Annotated[
        Path, typer.Option(help="The app's data folder (saved rubrics, class uploads, outputs).")
    ] = Path("grader-data"),
) -> None:
    """Run the web app for students and teachers.

    Example: grader serve --port 8000   (then open http://127.0.0.1:8000)
    """
    import threading

    import uvicorn

    from grader.apps.web import MarkerCache, create_app

    markers = MarkerCache()
    # Load the language models while the browser opens, so the first feedback is quick.
    threading.Thread(target=markers.warm, daemon=True).start()
    typer.echo(f"grader: http://{host}:{port}  (data folder: {data})", err=True)
    uvicorn.run(create_app(data, markers=markers), host=host, port=port, log_level="warning")


@app.command()
@fails_cleanly
def evaluate(
    rubric: Annotated[str, typer.Argument(help="Rubric file or bundled name.")],
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
        str, typer.Option(help="Compare the human 'mark' or 'level' with grader's.")
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
    from grader.render.evaluate_report import write_report
    from grader.research.evaluate import evaluate as run_evaluation

    scripts = read_marked(
        marked,
        id_col=id_col,
        text_col=text_col,
        human_cols=human_col or (),
        points_col=points_col,
    )
    marker = Marker(rubric)
    evaluation = run_evaluation(marker, scripts, compare=compare, n_boot=bootstrap, seed=seed)  # type: ignore[arg-type]
    paths = write_report(evaluation, out)
    console = Console(width=120)
    table = Table("comparison", "statistic", "value", "95% CI", "n", title=f"{marker.rubric.id}")
    for row in _figure_rows(evaluation):
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


def _figure_rows(evaluation: Any) -> list[list[str]]:
    from grader.render.evaluate_report import STAT_NAMES, _num
    from grader.research.evaluate import figures_table

    return [
        [
            str(r["comparison"]),
            STAT_NAMES[str(r["statistic"])],
            _num(r["value"]),
            f"{_num(r['ci_low'])}-{_num(r['ci_high'])}",
            str(r["n"]),
        ]
        for r in figures_table(evaluation)
    ]


@app.command()
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


def _parse_count_scores(spec: str) -> dict[int, int]:
    pairs = {}
    for item in spec.split(","):
        try:
            count, score = item.split(":")
            pairs[int(count)] = int(score)
        except ValueError:
            raise ImportSchemeError(
                f"--count-scores '{spec}': each entry must be COUNT:SCORE, e.g. '4:3,3:2,1:1'."
            ) from None
    return pairs


def _read_bands(path: Path) -> list[LevelBand]:
    from grader.scheme.rubric import rubric_from_dict

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    probe = rubric_from_dict(
        {
            "id": "bands",
            "question": "?",
            "sides": ["x"],
            "points": [{"id": "x", "side": "x", "text": "x"}],
            "levels": data,
        },
        source=str(path),
    )
    return list(probe.levels)


@rubric_app.command("import")
@fails_cleanly
def rubric_import(
    scheme: Annotated[
        Path, typer.Argument(help="The mark scheme: pasted text (.txt), .docx or .pdf.")
    ],
    rubric_id: Annotated[str, typer.Option("--id", help="Id of the new rubric.")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    ids: Annotated[Path | None, typer.Option(help="JSON: point id -> bullet text.")] = None,
    levels: Annotated[Path | None, typer.Option(help="YAML list of level bands.")] = None,
    count_scores: Annotated[
        str | None, typer.Option(help="Key-element scoring, e.g. '4:3,3:2,1:1'.")
    ] = None,
    question: Annotated[str | None, typer.Option(help="The question, if not in the text.")] = None,
) -> None:
    """Turn a mark scheme (a point list, or levels of response) into a rubric file.

    A levels-based scheme ("Level 3 (9-12 marks)", "Band 3: 7-9", ...) brings its own
    bands; a point list needs --levels or --count-scores.

    Example: grader rubric import scheme.txt --id ussr-1920s --levels bands.yaml -o r.yaml
    """
    from grader.scheme.import_levels import import_any, read_scheme_text
    from grader.scheme.rubric import dump_rubric

    if not scheme.is_file():
        raise ImportSchemeError(f"{scheme}: no such file.")
    text = read_scheme_text(scheme)
    id_map = json.loads(ids.read_text(encoding="utf-8")) if ids else None
    rubric = import_any(
        text,
        rubric_id=rubric_id,
        ids=id_map,
        levels=_read_bands(levels) if levels else (),
        count_scores=_parse_count_scores(count_scores) if count_scores else None,
        question=question,
        source=scheme.name,
    )
    dumped = dump_rubric(rubric)
    if out:
        out.write_text(dumped, encoding="utf-8")
        typer.echo(
            f"Wrote {out} ({len(rubric.points)} points, sides: {', '.join(rubric.sides)})", err=True
        )
    else:
        sys.stdout.write(dumped)


@rubric_app.command("show")
@fails_cleanly
def rubric_show(
    rubric: Annotated[str, typer.Argument(help="Rubric file or bundled name.")],
) -> None:
    """Print a rubric's question, sides, points and level bands.

    Example: grader rubric show ussr-1920s
    """
    from grader.scheme.import_levels import show_rubric
    from grader.scheme.rubric import load_rubric

    loaded = load_rubric(rubric)
    console = Console(width=120)
    show_rubric(loaded, console)
    if loaded.count_scores:
        console.print(
            "Score by credited points: " + ", ".join(f"{c}+ -> {s}" for c, s in loaded.count_scores)
        )


@rubric_app.command("check")
@fails_cleanly
def rubric_check(
    rubric: Annotated[str, typer.Argument(help="Rubric file or bundled name.")],
    scripts: Annotated[
        Path | None,
        typer.Option(help="A human-marked set (.jsonl: id, mark, text or file, points)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Also write diagnostics.md, findings.csv, points.csv and a plot here."),
    ] = None,
) -> None:
    """Report where a mark scheme itself is weak; exit code 1 if a level band is broken.

    Example: grader rubric check ussr-1920s --scripts devset/labels-q1.jsonl --out diag/
    """
    from grader.render.diagnostics_report import (
        diagnostics_section,
        findings_frame,
        points_frame,
        print_diagnostics,
    )
    from grader.research.diagnose import diagnose, load_for_check
    from grader.research.diagnose_scripts import read_marked

    loaded, bands = load_for_check(rubric)
    marked = read_marked(scripts) if scripts else []
    diag = diagnose(loaded, marked, bands=bands)
    print_diagnostics(diag, Console(width=120))
    if out:
        out.mkdir(parents=True, exist_ok=True)
        (out / "diagnostics.md").write_text(
            diagnostics_section(diag, out, heading=f"# Rubric diagnostics: {diag.rubric_id}"),
            encoding="utf-8",
        )
        findings_frame(diag).to_csv(out / "findings.csv", index=False)
        if diag.points:
            points_frame(diag).to_csv(out / "points.csv")
        typer.echo(f"Wrote {out / 'diagnostics.md'}", err=True)
    if any(f.severity == "error" for f in diag.findings):
        raise typer.Exit(1)


@rubric_app.command("list")
def rubric_list() -> None:
    """List the rubrics found by name (bundled and ./rubrics)."""
    from grader.scheme.rubric import available_rubrics

    for name in available_rubrics():
        typer.echo(name)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
