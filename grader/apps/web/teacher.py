"""The teacher's pages: upload a class, download the marks and reports, delete the upload."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from grader.apps.web.batches import DOWNLOADS
from grader.apps.web.limits import megabytes
from grader.apps.web.state import web
from grader.apps.web.uploads import BATCH_SUFFIXES, count_zip_files, read_upload
from grader.apps.web.work import in_thread
from grader.errors import GraderError, UnsupportedFile, UploadTooLarge

router = APIRouter()


@router.get("/teacher", response_class=HTMLResponse)
def teacher(request: Request, rubric: str = "", deleted: str = "") -> HTMLResponse:
    state = web(request)
    return state.page(
        request,
        "web_teacher.html",
        names=state.choices(),
        chosen=rubric,
        limits=state.limits,
        batch_limit=megabytes(state.limits.max_batch_bytes),
        deleted=deleted == "1",
        nav="teacher",
    )


@router.post("/teacher/batch", response_class=HTMLResponse)
async def batch(request: Request) -> HTMLResponse:
    state = web(request)
    limits = state.limits
    batch_id = ""
    try:
        form = await state.form(request)
        rubric = state.get_rubric(str(form.get("rubric", "")))
        upload = form.get("scripts")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise UnsupportedFile("No file chosen. Choose a .zip of scripts or a .csv.")
        name = upload.filename
        suffix = Path(name).suffix.lower()
        if suffix not in BATCH_SUFFIXES:
            raise UnsupportedFile(
                f"{name}: upload a .zip of scripts or a .csv with one script per row."
            )
        raw = await read_upload(upload, limits.max_batch_bytes, "a batch")
        if suffix == ".zip" and (count := count_zip_files(raw, name)) > limits.max_batch_files:
            raise UploadTooLarge(
                f"{name}: {count} scripts, over the limit of {limits.max_batch_files} "
                f"per upload. Split the class into smaller batches."
            )
        mark_batch = batch_marker()
        state.batches.sweep()
        batch_id, source = state.batches.new(raw, suffix)
        marker = await in_thread(
            state.markers.get, rubric, seconds=limits.work_seconds, what="loading the rubric"
        )
        outcome = await in_thread(
            _mark_and_bundle, mark_batch, source, rubric, marker, name, limits.max_batch_files,
            seconds=limits.batch_seconds, what=name,
        )  # fmt: skip
        state.batches.lock_down(batch_id)
    except GraderError as exc:
        if batch_id:  # a failed batch is not kept
            state.batches.delete(batch_id)
        return state.error(request, exc, "Could not mark this batch")
    out = source.parent / "out"
    return state.page(
        request,
        "web_batch.html",
        batch=outcome,
        batch_id=batch_id,
        upload_name=name,
        rubric=rubric,
        downloads=[n for n in DOWNLOADS if (out / n).is_file()],
        keep_days=limits.keep_days,
        nav="teacher",
    )


def _mark_and_bundle(
    mark_batch: Any, source: Path, rubric: Any, marker: Any, name: str, max_scripts: int
) -> Any:
    outcome = mark_batch(
        source, rubric, out=source.parent / "out", marker=marker, name=name,
        max_scripts=max_scripts,
    )  # fmt: skip
    _zip_reports(source.parent / "out")
    return outcome


@router.get("/batch/{batch_id}/{name}")
def download(request: Request, batch_id: str, name: str) -> Response:
    state = web(request)
    path = state.batches.download(batch_id, name)
    if path is None:
        return state.page(
            request, "web_error.html", 404, title="Not found", message="No such download."
        )
    inline = "inline" if name.endswith(".html") else "attachment"
    return FileResponse(path, filename=name, content_disposition_type=inline)


@router.post("/batch/{batch_id}/delete")
async def delete(request: Request, batch_id: str) -> Response:
    """Delete a stored class upload and its outputs now (the form's token is checked)."""
    state = web(request)
    try:
        await state.form(request, max_files=0)
    except GraderError as exc:
        return state.error(request, exc, "Could not delete this batch")
    if not state.batches.delete(batch_id):
        return state.page(
            request, "web_error.html", 404, title="Not found", message="No such batch."
        )
    return RedirectResponse("/teacher?deleted=1", status_code=303)


def batch_marker() -> Any:
    """``grader.apps.batch.mark_batch``, or a clear error if this install lacks it."""
    try:
        from grader.apps.batch import mark_batch
    except ImportError as exc:
        raise UnsupportedFile(
            "Class marking (grader.apps.batch) is not part of this install. Mark essays one at "
            "a time on the feedback page, or update grader."
        ) from exc
    return mark_batch


def _zip_reports(out: Path) -> None:
    """Bundle the per-student reports into ``reports.zip`` for one download."""
    reports = sorted((out / "reports").glob("*.html")) if (out / "reports").is_dir() else []
    if reports:
        with zipfile.ZipFile(out / "reports.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for report in reports:
                archive.write(report, arcname=f"reports/{report.name}")
