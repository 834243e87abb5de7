"""The student's pages: choose a rubric, paste or upload an essay, read the feedback."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from grader.apps.web.limits import megabytes
from grader.apps.web.state import web
from grader.apps.web.uploads import read_upload, upload_text
from grader.apps.web.work import in_process, in_thread
from grader.errors import GraderError
from grader.render.feedback import feedback_context

router = APIRouter()


@router.get("/health")
async def health() -> Response:
    """Answered on the event loop itself: slow work elsewhere never delays it."""
    return Response("ok", media_type="text/plain")


@router.get("/", response_class=HTMLResponse)
def student(request: Request, rubric: str = "") -> HTMLResponse:
    state = web(request)
    names = state.choices()
    known = [name for name, _ in names]
    chosen = rubric if rubric in known else (known[0] if known else "")
    return state.page(
        request,
        "web_student.html",
        names=names,
        chosen=chosen,
        essay_limit=megabytes(state.limits.max_essay_bytes),
        nav="student",
    )


@router.post("/feedback", response_class=HTMLResponse)
async def feedback(request: Request) -> HTMLResponse:
    state = web(request)
    limits = state.limits
    try:
        form = await state.form(request)
        rubric = state.get_rubric(str(form.get("rubric", "")))
        text, essay_id = str(form.get("essay", "") or ""), "pasted essay"
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            essay_id = upload.filename
            raw = await read_upload(upload, limits.max_essay_bytes, "an essay")
            text = await in_process(
                upload_text, raw, essay_id, limits.documents,
                seconds=limits.work_seconds, what=essay_id,
            )  # fmt: skip
        marker = await in_thread(
            state.markers.get, rubric, seconds=limits.work_seconds, what="loading the rubric"
        )
        result = await in_thread(
            marker.mark, text, essay_id, seconds=limits.work_seconds, what=essay_id
        )
    except GraderError as exc:
        return state.error(request, exc, "Could not mark this essay")
    context = feedback_context(result, marker.rubric)
    return state.page(request, "web_result.html", nav="student", **context)
