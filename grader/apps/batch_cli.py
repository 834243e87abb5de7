"""What ``grader mark ... --out`` prints: a short account of the batch on the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from grader.apps.batch import mark_batch
from grader.errors import CalibrationError, DocumentError
from grader.io.manifest import load_manifest, load_run, result_from_record
from grader.io.marked import read_marked
from grader.io.spreadsheet import read_marks
from grader.learn.calibrate import Calibration, calibrate_answers
from grader.learn.store import LearnedMarker, model_for
from grader.scheme.rubric import load_rubric
from grader.settings import Settings
from grader.types import BatchResult, Rubric


def describe_model(model: object, option: str | None) -> str:
    """One line saying which calibrated model marks this run."""
    if isinstance(model, LearnedMarker):
        meta = model.metadata
        return (
            f"Using the calibrated model {meta.get('path')} (learned from "
            f"{meta.get('n_training_answers')} marked answers, {meta.get('created')}); "
            f"--level-model none marks zero-shot."
        )
    return f"Using the calibrated level model {option}; --level-model none uses the rules."


def run_batch(
    source: Path,
    rubric: str,
    *,
    out: Path,
    settings: Settings,
    force: bool,
    text_column: str | None,
    id_column: str | None,
    encoding: str | None,
    level_model: str | None = None,
    workers: int = 1,
    console: Console | None = None,
) -> BatchResult:
    """Mark ``source`` into ``out`` and report; raise if nothing at all could be marked."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    loaded = load_rubric(rubric)
    model = model_for(loaded, level_model, embedding_model=settings.model)
    if model is not None:
        console.print(describe_model(model, level_model))
    batch = mark_batch(
        source,
        loaded,
        level_model=model,
        out=out,
        settings=settings,
        force=force,
        text_column=text_column,
        id_column=id_column,
        encoding=encoding,
        progress=True,
        workers=workers,
    )
    total = len(batch.results) + len(batch.unmarked)
    review = sum(r.level.needs_review for r in batch.results)
    console.print(
        f"Marked {len(batch.results)} of {total} scripts"
        + (f" ({batch.reused} unchanged since the last run, not re-marked)" if batch.reused else "")
        + f"; {review} flagged for review; {len(batch.unmarked)} not marked."
    )
    for item in batch.unmarked:
        console.print(f"  not marked: {item.essay_id}: {item.reason}", soft_wrap=True)
    if batch.changed:
        console.print(f"{len(batch.changed)} mark(s) changed since the last run:")
        for essay_id, before, after in batch.changed:
            console.print(f"  {essay_id}: {before} -> {after}")
    if not batch.results:
        raise DocumentError(
            f"{source}: none of the {total} scripts could be marked (reasons above). "
            f"The spreadsheet in {out} lists them."
        )
    console.print(
        f"Wrote {out / 'marks.xlsx'}, {out / 'marks.csv'}, {out / 'summary.html'} and "
        f"{len(batch.results)} reports in {out / 'reports'}"
    )
    return batch


def calibration_answers(
    source: Path,
    rubric: str | None,
    *,
    id_column: str | None = None,
    text_column: str | None = None,
    mark_column: str | None = None,
) -> tuple[Rubric, Settings | None, list[tuple[str, str, int]]]:
    """The rubric, settings and ``(id, text, mark)`` answers a teacher marked.

    ``source`` is the ``marks.xlsx``/``.csv`` a ``grader mark --out`` run wrote and the
    teacher edited (texts, rubric and settings come from that run), or any marked table
    (``.csv``/``.xlsx`` with id, text and mark columns) or ``labels.jsonl``, with
    ``rubric`` naming the question.
    """
    entries = load_manifest(source.parent) if source.suffix.lower() in {".xlsx", ".csv"} else {}
    if entries and source.name.startswith("marks."):
        run_rubric, settings = load_run(source.parent)
        human = read_marks(source)
        answers = [
            (script, result_from_record(entries[script]["result"]).document.text, int(mark))
            for script, mark in zip(human["script"].astype(str), human["human_mark"], strict=True)
            if script in entries
        ]
        return run_rubric, settings, answers
    if rubric is None:
        raise CalibrationError(
            f"{source}: no 'grader mark --out' results beside it, so grader cannot tell the "
            f"question. Name its rubric with --rubric (e.g. --rubric asap-5), or calibrate "
            f"from the marks.xlsx in the folder 'grader mark ... --out' wrote."
        )
    scripts = read_marked(
        source,
        id_col=id_column,
        text_col=text_column,
        human_cols=[mark_column] if mark_column else (),
    )
    return load_rubric(rubric), None, [(s.id, s.text, s.human[0]) for s in scripts]


def run_calibrate(
    source: Path,
    *,
    rubric: str | None = None,
    save: Path | None = None,
    id_column: str | None = None,
    text_column: str | None = None,
    mark_column: str | None = None,
    console: Console | None = None,
) -> Calibration:
    """Calibrate from a teacher's marks and say how well the learned model does."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    loaded, settings, answers = calibration_answers(
        source, rubric, id_column=id_column, text_column=text_column, mark_column=mark_column
    )
    done = calibrate_answers(loaded, answers, settings=settings, path=save, source=str(source))
    cv = done.cv
    console.print(
        f"Calibrated {done.rubric_id} on {done.n_answers} marked answers ({done.n_differ} "
        f"differ from the zero-shot marks)."
    )
    console.print(
        f"Against the teacher's marks, 5-fold cross-validated: learned QWK "
        f"{cv['learned_qwk']:.2f}, mean absolute error {cv['learned_mae']:.2f}; zero-shot "
        f"QWK {cv['zero_shot_qwk']:.2f}, mean absolute error {cv['zero_shot_mae']:.2f}."
    )
    for item in done.skipped:
        console.print(f"  not used: {item}", soft_wrap=True)
    for warning in done.warnings:
        console.print(f"Warning: {warning}", soft_wrap=True)
    console.print(
        f"Saved {done.path}; 'grader mark', 'grader feedback', batch marking and the web app "
        f"now mark {done.rubric_id} with it ('--level-model none' marks zero-shot)."
    )
    return done
