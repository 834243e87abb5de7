"""What ``grader mark ... --out`` prints: a short account of the batch on the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from grader.batch import mark_batch
from grader.errors import DocumentError
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
    console: Console | None = None,
) -> BatchResult:
    """Mark ``source`` into ``out`` and report; raise if nothing at all could be marked."""
    console = console or Console(stderr=True, highlight=False, soft_wrap=True)
    batch = mark_batch(
        source,
        rubric,
        out=out,
        settings=settings,
        force=force,
        text_column=text_column,
        id_column=id_column,
        encoding=encoding,
        progress=True,
    )
    total = len(batch.results) + len(batch.unmarked)
    if total == 0:
        raise DocumentError(
            f"{source}: no scripts found. Give a folder of .txt/.md/.docx/.pdf files, a .zip, "
            f"or a .csv/.xlsx with one script per row."
        )
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
