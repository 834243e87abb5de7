"""grader rubric import/show/check/list."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml
from rich.console import Console

from grader.apps.cli.common import fails_cleanly
from grader.errors import ImportSchemeError
from grader.types import LevelBand


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


def rubric_list() -> None:
    """List the rubrics found by name (bundled and ./rubrics)."""
    from grader.scheme.rubric import available_rubrics

    for name in available_rubrics():
        typer.echo(name)
