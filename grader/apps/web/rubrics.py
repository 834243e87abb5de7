"""Rubric pages: the list, one rubric's points and bands, and importing a pasted scheme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from grader.apps.web.state import status_of, web
from grader.apps.web.uploads import import_pasted
from grader.apps.web.work import in_process
from grader.errors import GraderError, ImportSchemeError
from grader.scheme.default_bands import default_bands, describe_bands
from grader.scheme.rubric import (
    RUBRIC_ID_RULE,
    available_rubrics,
    check_rubric_id,
    dump_rubric,
)
from grader.types import Rubric

router = APIRouter()


@router.get("/rubrics", response_class=HTMLResponse)
def rubrics(request: Request) -> HTMLResponse:
    state = web(request)
    loaded: list[tuple[str, Rubric | None, str]] = []
    for name in state.rubric_names():
        try:
            loaded.append((name, state.get_rubric(name), ""))
        except GraderError as exc:
            loaded.append((name, None, exc.message))
    return state.page(request, "web_rubrics.html", rubrics=loaded, nav="rubrics")


@router.get("/rubrics/{name}", response_class=HTMLResponse)
def rubric_page(request: Request, name: str) -> HTMLResponse:
    state = web(request)
    try:
        return state.page(request, "web_rubric.html", rubric=state.get_rubric(name), nav="rubrics")
    except GraderError as exc:
        return state.error(request, exc, "No such rubric")


def _import_page(request: Request, status: int = 200, /, **context: Any) -> HTMLResponse:
    """The import form (with ``form``, and a ``preview`` or an ``error``)."""
    state = web(request)
    return state.page(
        request, "web_import.html", status, names=state.rubric_names(), id_rule=RUBRIC_ID_RULE,
        default_bands=describe_bands(default_bands()), nav="import", **context,
    )  # fmt: skip


@router.get("/import", response_class=HTMLResponse)
def import_form(request: Request) -> HTMLResponse:
    return _import_page(request, form={})


@router.post("/import", response_class=HTMLResponse)
async def import_scheme_page(request: Request) -> Response:
    """Preview a pasted scheme, or save it; an existing id is replaced only when asked."""
    state = web(request)
    form: dict[str, str] = {}
    try:
        raw = await state.form(request, max_files=0)
        form = {k: str(v) for k, v in raw.items()}
        rubric_id = check_rubric_id(form.get("rubric_id", "").strip(), "pasted")
        scheme = form.get("scheme", "")
        if len(scheme) > state.limits.max_text_chars:
            raise ImportSchemeError(
                f"The mark scheme has {len(scheme):,} characters, over the limit of "
                f"{state.limits.max_text_chars:,}. Paste one question's scheme at a time."
            )
        bands = state.get_rubric(form["bands_from"]).levels if form.get("bands_from") else ()
        rubric = await in_process(
            import_pasted, scheme, rubric_id, bands,
            seconds=state.limits.work_seconds, what="the pasted mark scheme",
        )  # fmt: skip
        if form.get("action") == "save":
            _save(state.saved_rubrics, rubric, replace=form.get("replace") == "yes")
            return RedirectResponse(f"/?rubric={rubric_id}", status_code=303)
    except GraderError as exc:
        return _import_page(request, status_of(exc), form=form, error=state.without_paths(str(exc)))
    return _import_page(request, form=form, preview=rubric)


def _save(folder: Path, rubric: Rubric, *, replace: bool) -> None:
    if rubric.id in available_rubrics():
        raise ImportSchemeError(f"A bundled rubric is called '{rubric.id}'. Choose another id.")
    path = folder / f"{rubric.id}.yaml"
    if path.exists() and not replace:
        raise ImportSchemeError(
            f"A saved rubric is already called '{rubric.id}'. Tick 'Replace the saved rubric' "
            f"to overwrite it, or choose another id."
        )
    path.write_text(dump_rubric(rubric), encoding="utf-8")
    path.chmod(0o600)
