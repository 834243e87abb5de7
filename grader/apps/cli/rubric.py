"""grader rubric import/show/check/list."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
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


def _read_bands(path: Path) -> tuple[LevelBand, ...]:
    from grader.scheme.default_bands import read_bands

    return read_bands(path.read_text(encoding="utf-8"), source=str(path))


def _read_ids(path: Path) -> dict[str, str]:
    """Point id -> bullet text (or a fragment of it), from a JSON object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ImportSchemeError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}). An ids file maps each "
            f'point id to its bullet\'s text, e.g. {{"s-rapallo": "the Rapallo Pact"}}.'
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise ImportSchemeError(
            f"{path}: an ids file maps each point id to its bullet's text, e.g. "
            f'{{"s-rapallo": "the Rapallo Pact"}}; found {type(data).__name__}.'
        )
    return data


def _sibling_ids(scheme: Path) -> Path | None:
    """``<stem>.ids.json`` beside the scheme (``markscheme.txt`` -> ``markscheme.ids.json``)."""
    path = scheme.with_name(f"{scheme.stem}.ids.json")
    return path if path.is_file() else None


@fails_cleanly
def rubric_import(
    scheme: Annotated[
        Path, typer.Argument(help="The mark scheme: pasted text (.txt), .docx or .pdf.")
    ],
    rubric_id: Annotated[
        str | None,
        typer.Option("--id", help="Id of the new rubric (default: from the file name)."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the YAML here (default: stdout).")
    ] = None,
    ids: Annotated[
        Path | None,
        typer.Option(
            help="JSON: point id -> bullet text (default: <scheme>.ids.json beside the scheme)."
        ),
    ] = None,
    levels: Annotated[Path | None, typer.Option(help="YAML list of level bands.")] = None,
    count_scores: Annotated[
        str | None, typer.Option(help="Key-element scoring, e.g. '4:3,3:2,1:1'.")
    ] = None,
    question: Annotated[str | None, typer.Option(help="The question, if not in the text.")] = None,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Save it in your rubrics folder, so '--rubric ID' finds it from any folder.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --save: replace a saved rubric of that id.")
    ] = False,
) -> None:
    """Turn a mark scheme (levels of response, point-marked, or a point list) into a rubric file.

    A levels-based scheme ("Level 3 (9-12 marks)", "1 | 1–3 |", ...) brings its own bands,
    a point-marked one ("(1)" per point, "(d)" per development) its marks; a point list that
    states no marks (the seed's ⭐ bullets) takes --levels or --count-scores, else grader's
    default five-level 20-mark essay bands, with a warning. What the import repaired or
    guessed is printed as warnings (and kept in the file for 'grader rubric check').
    Point ids are read from --ids, else from <scheme>.ids.json beside the scheme if there is
    one (say 'markscheme.ids.json' beside 'markscheme.txt').

    A rubric is found by name (--rubric ID) in ./rubrics, then in your rubrics folder
    (where --save puts it), then among the bundled ones; 'grader rubric list' shows
    each name and where it was found. Otherwise give the rubric's file path.

    Example: grader rubric import weimar/markscheme.txt --save   (the id defaults to 'weimar')
    """
    from grader.scheme.import_levels import default_id, import_any, read_scheme_text
    from grader.scheme.rubric import check_rubric_id, dump_rubric

    rubric_id = rubric_id or default_id(scheme)
    check_rubric_id(rubric_id, "--id")  # it names the saved file: '../x' must never be a path
    if save and out:
        raise typer.BadParameter("give --save or --out, not both.", param_hint="'--save'")
    if not scheme.is_file():
        raise ImportSchemeError(f"{scheme}: no such file.")
    text = read_scheme_text(scheme)
    bands = _read_bands(levels) if levels else ()  # a wrong option fails before anything is said
    scores = _parse_count_scores(count_scores) if count_scores else None
    if ids is None:
        ids = _sibling_ids(scheme)
        if ids is not None:
            typer.echo(
                f"Using point ids from {ids.name} beside the scheme (pass --ids FILE to use "
                f"another).",
                err=True,
            )
    id_map = _read_ids(ids) if ids else None
    rubric = import_any(
        text,
        rubric_id=rubric_id,
        ids=id_map,
        levels=bands,
        count_scores=scores,
        question=question,
        source=scheme.name,
    )
    named = {p.id for p in rubric.points} | {b.id for b in rubric.bullets}
    if ids is not None and id_map and not set(id_map) & named:
        typer.echo(
            f"Note: no point took its id from {ids.name}: a point-marked scheme, or levels "
            f"with no listed points, names its points itself.",
            err=True,
        )
    for warning in rubric.import_warnings:
        typer.echo(f"Warning: {warning}", err=True)
    dumped = dump_rubric(rubric)
    summary = f"{len(rubric.points)} points, sides: {', '.join(rubric.sides)}"
    if save:
        _save(rubric.id, dumped, summary, force=force)
    elif out:
        out.write_text(dumped, encoding="utf-8")
        typer.echo(
            f"Wrote {out} ({len(rubric.points)} points, sides: {', '.join(rubric.sides)})", err=True
        )
    else:
        sys.stdout.write(dumped)


@fails_cleanly
def rubric_show(
    rubric: Annotated[
        str, typer.Argument(help="A rubric file, or a name from 'grader rubric list'.")
    ],
) -> None:
    """Print a rubric: question, marks, stimulus, caps, levels with examples, points, notes.

    Example: grader rubric show ussr-1920s
    """
    from grader.scheme.import_levels import show_rubric
    from grader.scheme.places import found_where
    from grader.scheme.rubric import find_rubric, load_rubric

    loaded = load_rubric(rubric)
    console = Console(width=120)
    if not Path(rubric).is_file():  # given by name: say which file that name found
        path = find_rubric(rubric)
        typer.echo(f"Found '{rubric}' in {found_where(path)}: {path}")
    show_rubric(loaded, console)
    if loaded.count_scores:
        console.print(
            "Score by credited points: " + ", ".join(f"{c}+ -> {s}" for c, s in loaded.count_scores)
        )


@fails_cleanly
def rubric_check(
    rubric: Annotated[
        str, typer.Argument(help="A rubric file, or a name from 'grader rubric list'.")
    ],
    scripts: Annotated[
        Path | None,
        typer.Option(
            help="A human-marked set: .jsonl (id, mark, text or file, points) or a .csv/.xlsx "
            "table as for grader evaluate."
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Also write diagnostics.md, findings.csv, points.csv and a plot here."),
    ] = None,
) -> None:
    """Report where a mark scheme itself is weak; exit code 1 if a level band is broken.

    Example: grader rubric check ussr-1920s --scripts devset/labels-q1.jsonl --out diag/
    """
    from grader.io.marked import read_marked
    from grader.render.diagnostics_report import (
        diagnostics_section,
        findings_frame,
        points_frame,
        print_diagnostics,
    )
    from grader.research.diagnose import diagnose, load_for_check

    loaded, bands = load_for_check(rubric)
    marked = read_marked(scripts, marks_required=False) if scripts else []
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


def _save(rubric_id: str, dumped: str, summary: str, *, force: bool) -> None:
    """Write an imported rubric to the user's rubrics folder and say how to use it."""
    from grader.io.atomic import write_text_atomic
    from grader.scheme.places import (
        BUNDLED_RUBRICS,
        found_where,
        rubric_names,
        user_rubrics_dir,
    )

    path = user_rubrics_dir() / f"{rubric_id}.yaml"
    if path.exists() and not force:
        raise ImportSchemeError(
            f"{path}: a rubric '{rubric_id}' is already saved. Pass --force to replace it, "
            f"or choose another --id."
        )
    write_text_atomic(path, dumped)
    typer.echo(f"Saved {path} ({summary}).", err=True)
    first = rubric_names().get(rubric_id)
    if first is not None and first.resolve() != path.resolve():
        typer.echo(
            f"Note: {first} ({found_where(first)}) has the same name and is found first; "
            f"give the path, or import under another --id.",
            err=True,
        )
    else:
        if (BUNDLED_RUBRICS / f"{rubric_id}.yaml").is_file():
            typer.echo(f"Note: it is found before the bundled rubric '{rubric_id}'.", err=True)
        typer.echo(
            f"Mark with it from any folder: grader mark ESSAY --rubric {rubric_id}", err=True
        )


def rubric_list() -> None:
    """List the rubrics that can be given by name, and where each was found.

    Names are looked up in ./rubrics, then your rubrics folder ('grader rubric import
    --save'), then the bundled rubrics; the first found wins.

    Example: grader rubric list
    """
    from grader.scheme.places import found_where, rubric_names

    names = rubric_names()
    width = max((len(name) for name in names), default=0)
    for name, path in names.items():
        typer.echo(f"{name:<{width}}  {found_where(path)}")
