"""Mark a class of scripts: read them all, mark in large batches, write the outputs.

One :class:`~grader.core.pipeline.Marker` is loaded once; the scripts are marked in
chunks through :meth:`Marker.mark_many`, which embeds every sentence of a chunk
in one call. A script that cannot be read or marked becomes an
:class:`~grader.types.Unmarked` row with the reason; it never stops the batch.

Outputs in the output folder (each written atomically)::

    marks.xlsx, marks.csv     one row per script (see grader.io.spreadsheet)
    reports/<student>.html    one feedback report per marked script
    summary.html              the class summary
    .grader/manifest.json     what was marked with what, so a re-run skips
                              unchanged scripts (unless force=True)
    .grader/journal.jsonl     each result as soon as it is made, while marking:
                              a batch killed part-way keeps its marks and a
                              re-run resumes from them (see grader.io.manifest)

Nothing is written, and no model is loaded, when ``source`` holds no scripts or
``out`` is a file.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from grader.core.parallel import mark_essays
from grader.core.pipeline import Marker
from grader.core.setup import MarkingSetup, MarkModel
from grader.errors import DocumentError, GraderError, OutputError
from grader.io.atomic import write_text_atomic
from grader.io.manifest import (  # noqa: F401  (re-exported: the batch's public API)
    MANIFEST,
    MANIFEST_FORMAT,
    Journal,
    content_hash,
    entry_for,
    load_manifest,
    load_results,
    load_run,
    result_from_record,
    run_key,
    write_manifest,
)
from grader.io.scripts_in import read_scripts, student_of
from grader.io.spreadsheet import marks_frame, read_marks, write_marks_csv, write_marks_xlsx
from grader.render.feedback import render_feedback_html
from grader.render.summary import render_class_summary
from grader.scheme.rubric import load_rubric
from grader.settings import Settings
from grader.types import BatchResult, MarkResult, Rubric, Script, Unmarked

CHUNK = 32


def mark_batch(
    source: str | Path,
    rubric: Rubric | str,
    *,
    out: str | Path | None = None,
    marker: Marker | None = None,
    settings: Settings | None = None,
    force: bool = False,
    text_column: str | None = None,
    id_column: str | None = None,
    encoding: str | None = None,
    progress: bool = False,
    chunk_size: int = CHUNK,
    level_model: MarkModel | None = None,
    workers: int = 1,
    name: str | None = None,
    max_scripts: int | None = None,
) -> BatchResult:
    """Mark every script of a folder, zip, CSV/XLSX or file, and write the outputs to ``out``.

    Parameters
    ----------
    source : str or Path
        The scripts (see :func:`grader.io.scripts_in.read_scripts`).
    rubric : Rubric or str
        The mark scheme (ignored when ``marker`` is given).
    out : str or Path, optional
        Output folder; nothing is written without one (and nothing is reused).
    marker : Marker, optional
        A loaded marker to reuse (saves loading the model again).
    force : bool
        Re-mark every script even if it, the rubric and the settings are unchanged.
    progress : bool
        Show a progress bar on stderr.
    level_model : LevelModel or LearnedMarker, optional
        A model calibrated on a teacher's marks (``grader calibrate``); ignored when
        ``marker`` is given (pass it to the marker instead).
    workers : int
        Worker processes (each loads the model once); 1 marks in this process. Marks
        are the same either way; more workers pay off for large batches.
    name, max_scripts : optional
        How to name ``source`` in messages, and the most scripts accepted (see
        :func:`~grader.io.scripts_in.read_scripts`; the web app passes the uploaded name).

    Returns
    -------
    BatchResult
        Results in input order, unmarked scripts with reasons, the number reused from
        the last run and the marks that changed since it.

    Examples
    --------
    >>> batch = mark_batch("examples", "ussr-1920s")
    >>> "ussr-1920s-model-essay.txt" in [r.essay_id for r in batch.results]
    True
    >>> batch.unmarked[0].reason  # the examples folder also holds a rubric
    "[D004] examples/bad-rubric.yaml: cannot read '.yaml' files. Supported: .txt, .md, .docx, .pdf."
    """
    out_dir = Path(out) if out is not None else None
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            f"{out_dir}: --out must be a folder, and this is a file. Give a new or existing "
            f"folder, e.g. --out marked/."
        )
    scripts = read_scripts(
        source,
        text_column=text_column,
        id_column=id_column,
        encoding=encoding,
        exclude=[out_dir] if out_dir else [],
        name=name,
        max_scripts=max_scripts,
    )
    if not scripts:
        raise DocumentError(
            f"{name or source}: no scripts found. Give a folder of .txt/.md/.docx/.pdf files, a "
            f".zip, or a .csv/.xlsx with one script per row."
        )
    if marker is not None:
        rubric = marker.rubric
    elif isinstance(rubric, str):
        rubric = load_rubric(rubric)  # the batch entry is an edge: a name is loaded here, once
    if marker is None and workers == 1:
        marker = Marker(rubric, settings=settings, level_model=level_model)
    setup = marker.setup if marker else MarkingSetup.of(rubric, settings, level_model)
    students = {
        s.essay_id: s.student if isinstance(s, Script) else student_of(s.essay_id) for s in scripts
    }
    previous = load_manifest(out_dir) if out_dir else {}
    key = run_key(setup)
    outcomes: dict[str, MarkResult | Unmarked] = {}
    todo: list[Script] = []
    for script in scripts:
        if isinstance(script, Unmarked):
            outcomes[script.essay_id] = script
            continue
        entry = previous.get(script.essay_id, {})
        if not force and entry.get("hash") == content_hash(script.text) and entry.get("key") == key:
            outcomes[script.essay_id] = result_from_record(entry["result"])
        else:
            todo.append(script)
    reused = len(outcomes) - sum(isinstance(o, Unmarked) for o in outcomes.values())
    with _progress(len(todo), enabled=progress) as advance:
        marked = mark_essays(
            setup.rubric,
            todo,
            settings=setup.settings,
            level_model=setup.level_model,
            marker=marker,
            workers=workers,
            chunk_size=chunk_size,
            advance=advance,
            on_chunk=_journal(out_dir, key),
        )
    for script, outcome in zip(todo, marked, strict=True):
        outcomes[script.essay_id] = outcome
    ordered = [outcomes[s.essay_id] for s in scripts]
    results = tuple(o for o in ordered if isinstance(o, MarkResult))
    changed = tuple(
        (r.essay_id, int(previous[r.essay_id]["mark"]), r.level.mark)
        for r in results
        if r.essay_id in previous and int(previous[r.essay_id]["mark"]) != r.level.mark
    )
    batch = BatchResult(
        results=results,
        unmarked=tuple(o for o in ordered if isinstance(o, Unmarked)),
        students=students,
        reused=reused,
        changed=changed,
    )
    if out_dir is None:
        return batch
    texts = {s.essay_id: s.text for s in scripts if isinstance(s, Script)}
    written = write_outputs(batch, setup, out_dir, key=key, texts=texts, previous=previous)
    return dataclasses.replace(batch, outputs=tuple(str(p) for p in written))


def _journal(
    out_dir: Path | None, key: str
) -> Callable[[Sequence[Script], list[MarkResult | Unmarked]], None] | None:
    """Save each chunk's results the moment they are made (nothing without an output folder)."""
    if out_dir is None:
        return None
    journal = Journal(out_dir, key)

    def save(part: Sequence[Script], outcomes: list[MarkResult | Unmarked]) -> None:
        journal.add(
            (o, s.text) for s, o in zip(part, outcomes, strict=True) if isinstance(o, MarkResult)
        )

    return save


class _progress:
    """A rich progress bar on stderr (or nothing), as a context giving ``advance(n)``."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.enabled = total, enabled and total > 0
        self.bar: Any = None  # a rich Progress once started

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        console = Console(stderr=True)
        if not console.is_terminal:  # a log file or a pipe: a bar would leave a blank line
            return lambda n: None
        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("Marking", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


# --------------------------------------------------------------------------- outputs


def write_outputs(
    batch: BatchResult,
    marker: MarkingSetup,
    out_dir: Path,
    *,
    key: str,
    texts: dict[str, str],
    previous: dict[str, dict[str, Any]],
) -> list[Path]:
    """Write spreadsheet, CSV, student reports, class summary and manifest (atomically)."""
    rubric = marker.rubric
    written: list[Path] = []
    reports = report_names(r.essay_id for r in batch.results)
    for result in batch.results:
        html = render_feedback_html(result, rubric)
        written.append(write_text_atomic(out_dir / "reports" / reports[result.essay_id], html))
    frame = marks_frame(batch.results, batch.unmarked, rubric, batch.students)
    frame["override"] = frame["script"].map(previous_overrides(out_dir / "marks.xlsx"))
    about = {
        "rubric": rubric.id,
        "rubric version": rubric.version,
        "rubric hash": marker.rubric_hash,
        "settings": json.dumps(marker.settings.as_dict(), sort_keys=True),
        "level method": ", ".join(sorted({r.level.method for r in batch.results})),
        "marked at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scripts": len(frame),
    }
    written.append(
        write_marks_xlsx(frame, batch.results, rubric, out_dir / "marks.xlsx", about=about)
    )
    written.append(write_marks_csv(frame, out_dir / "marks.csv"))
    summary = render_class_summary(
        batch.results,
        batch.unmarked,
        rubric,
        students=batch.students,
        reports={eid: f"reports/{name}" for eid, name in reports.items()},
    )
    written.append(write_text_atomic(out_dir / "summary.html", summary))
    entries = dict(previous)
    for result in batch.results:
        entries[result.essay_id] = entry_for(result, text=texts[result.essay_id], key=key)
    written.append(write_manifest(out_dir, marker, entries))
    return written


def previous_overrides(path: Path) -> dict[str, object]:
    """The teacher's ``override`` marks in an existing ``marks.xlsx``, kept when re-marking."""
    if not path.is_file():
        return {}
    try:
        old = read_marks(path)
    except (GraderError, ValueError, OSError, KeyError):
        return {}
    marks = pd.to_numeric(old["override"], errors="coerce")
    return {
        str(script): int(round(mark))
        for script, mark in zip(old["script"], marks, strict=True)
        if pd.notna(mark)
    }


def report_names(essay_ids: Sequence[str] | Any) -> dict[str, str]:
    """A unique, safe file name (``.html``) for each essay id; never a path from the input."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for essay_id in essay_ids:
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", essay_id).strip("._") or "script"
        stem = stem[:80]
        name, n = f"{stem}.html", 2
        while name.lower() in used:
            name, n = f"{stem}-{n}.html", n + 1
        used.add(name.lower())
        names[essay_id] = name
    return names
