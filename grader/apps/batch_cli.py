"""What ``grader mark ... --out`` prints: a short account of the batch on the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from grader.apps.batch import mark_batch
from grader.errors import DocumentError
from grader.learn.calibrate import calibrate_from_marks, default_model_path
from grader.learn.level_model import load_model
from grader.scheme.rubric import load_rubric
from grader.settings import Settings
from grader.types import BatchResult


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
    model = None
    model_path = default_model_path(loaded.id) if level_model is None else Path(level_model)
    if level_model != "none" and (level_model is not None or model_path.is_file()):
        model, metadata = load_model(model_path)
        console.print(
            f"Using the calibrated level model {model_path} (fitted on "
            f"{metadata.get('n_training_essays')} scripts, {metadata.get('created')}); "
            f"--level-model none uses the rules."
        )
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


def run_calibrate(
    marks: Path, *, models_dir: Path, alpha: float, console: Console | None = None
) -> None:
    """Calibrate from an edited spreadsheet and say what was fitted and how well."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    done = calibrate_from_marks(marks, models_dir=models_dir, alpha=alpha)
    console.print(
        f"Calibrated {done.rubric_id} on {done.n_scripts} scripts ({done.n_edited} marks "
        f"changed by the teacher)."
    )
    if done.cv_mae:
        console.print(
            "Mean absolute error against the teacher's marks: calibrated model "
            f"{done.cv_mae['calibrated']:.2f} (5-fold cross-validated), rules "
            f"{done.cv_mae['rules']:.2f}, median baseline {done.cv_mae['baseline']:.2f} "
            f"(cross-validated)."
        )
    console.print(
        f"Saved {done.path}; the next 'grader mark ... --rubric {done.rubric_id} --out ...' "
        f"uses it and reports how many marks changed."
    )
