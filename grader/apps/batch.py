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
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import pandas as pd

from grader.core.parallel import mark_essays
from grader.core.pipeline import Marker, marking_settings
from grader.errors import GraderError
from grader.io.atomic import write_text_atomic
from grader.io.scripts_in import read_scripts
from grader.io.spreadsheet import marks_frame, read_marks, write_marks_csv, write_marks_xlsx
from grader.learn.level_model import LevelModel
from grader.render.feedback import render_feedback_html
from grader.render.summary import render_class_summary
from grader.scheme.rubric import load_rubric, rubric_from_dict, rubric_hash, rubric_to_dict
from grader.settings import Settings
from grader.types import BatchResult, MarkResult, Rubric, Script, Unmarked

MANIFEST = Path(".grader") / "manifest.json"
MANIFEST_FORMAT = 1
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
    level_model: LevelModel | None = None,
    workers: int = 1,
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
    level_model : LevelModel, optional
        A model calibrated on a teacher's marks (``grader calibrate``); ignored when
        ``marker`` is given (pass it to the marker instead).
    workers : int
        Worker processes (each loads the model once); 1 marks in this process. Marks
        are the same either way; more workers pay off for large batches.

    Returns
    -------
    BatchResult
        Results in input order, unmarked scripts with reasons, the number reused from
        the last run and the marks that changed since it.

    Examples
    --------
    >>> batch = mark_batch("examples", "ussr-1920s")
    >>> [r.essay_id for r in batch.results], batch.unmarked
    (['ussr-1920s-model-essay.txt'], ())
    """
    out_dir = Path(out) if out is not None else None
    scripts = read_scripts(
        source,
        text_column=text_column,
        id_column=id_column,
        encoding=encoding,
        exclude=[out_dir] if out_dir else [],
    )
    if marker is None and workers == 1:
        marker = Marker(rubric, settings=settings, level_model=level_model)
    setup = marker or RunSetup.of(rubric, settings, level_model)
    students = {s.essay_id: s.student for s in scripts if isinstance(s, Script)}
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
        students={
            **{u.essay_id: u.essay_id for u in ordered if isinstance(u, Unmarked)},
            **students,
        },
        reused=reused,
        changed=changed,
    )
    if out_dir is None:
        return batch
    texts = {s.essay_id: s.text for s in scripts if isinstance(s, Script)}
    written = write_outputs(batch, setup, out_dir, key=key, texts=texts, previous=previous)
    return dataclasses.replace(batch, outputs=tuple(str(p) for p in written))


class _progress:
    """A rich progress bar on stderr (or nothing), as a context giving ``advance(n)``."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.total, self.enabled, self.bar = total, enabled and total > 0, None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("Marking", total=self.total)
        return lambda n: self.bar.advance(task, n)  # type: ignore[union-attr]

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@dataclass(frozen=True)
class RunSetup:
    """What a batch is marked with, without a loaded model (worker processes load their own).

    Has the attributes of :class:`~grader.core.pipeline.Marker` that the outputs and the
    manifest need, with the same values a marker would have.
    """

    rubric: Rubric
    settings: Settings
    level_model: LevelModel | None
    rubric_hash: str

    @classmethod
    def of(
        cls, rubric: Rubric | str, settings: Settings | None, level_model: LevelModel | None
    ) -> RunSetup:
        loaded = load_rubric(rubric) if isinstance(rubric, str) else rubric
        return cls(loaded, marking_settings(loaded, settings), level_model, rubric_hash(loaded))


# --------------------------------------------------------------------------- outputs


def write_outputs(
    batch: BatchResult,
    marker: Marker | RunSetup,
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
        entries[result.essay_id] = {
            "hash": content_hash(texts[result.essay_id]),
            "key": key,
            "mark": result.level.mark,
            "level": result.level.level,
            "result": dataclasses.asdict(result),
        }
    manifest = {
        "format": MANIFEST_FORMAT,
        "rubric": rubric.id,
        "rubric_data": rubric_to_dict(rubric),
        "settings": marker.settings.as_dict(),
        "scripts": entries,
    }
    written.append(write_text_atomic(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False)))
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


# --------------------------------------------------------------------------- manifest


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_key(marker: Marker | RunSetup) -> str:
    """What a result depends on besides the script: rubric, settings and level model."""
    parts = {
        "rubric": marker.rubric_hash,
        "settings": marker.settings.as_dict(),
        "level_model": joblib.hash(marker.level_model) if marker.level_model is not None else "",
        "format": MANIFEST_FORMAT,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    return data


def load_manifest(out_dir: str | Path) -> dict[str, dict[str, Any]]:
    """The previous run's entries by essay id (empty if there was none or it is unreadable)."""
    return dict(_read_manifest(Path(out_dir)).get("scripts", {}))


def load_run(out_dir: str | Path) -> tuple[Rubric, Settings]:
    """The rubric and settings the last run into ``out_dir`` marked with."""
    data = _read_manifest(Path(out_dir))
    if "rubric_data" not in data:
        raise GraderError(
            f"{Path(out_dir) / MANIFEST}: missing or from another version of grader. Mark the "
            f"scripts again with 'grader mark ... --out {out_dir}'."
        )
    known = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in data.get("settings", {}).items() if k in known})
    return rubric_from_dict(data["rubric_data"], source=str(Path(out_dir) / MANIFEST)), settings


def load_results(out_dir: str | Path) -> dict[str, MarkResult]:
    """The results stored by the last ``mark_batch`` into ``out_dir``, by essay id."""
    return {
        essay_id: result_from_record(entry["result"])
        for essay_id, entry in load_manifest(Path(out_dir)).items()
    }


def result_from_record(record: dict[str, Any]) -> MarkResult:
    """Rebuild a :class:`MarkResult` from ``dataclasses.asdict(result)`` (read back from JSON)."""
    return _build(MarkResult, record)


def _build(cls: Any, data: Any) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _build(hint, value)
    if origin is tuple and isinstance(value, list | tuple):
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=False))
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if dataclasses.is_dataclass(arg) and isinstance(value, dict):
                return _build(arg, value)
    return value
