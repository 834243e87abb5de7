"""What every route of one app shares: its folders, limits, markers and page rendering."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from grader.apps.web.batches import BatchStore
from grader.apps.web.guard import TOKEN_FIELD, check_token, render
from grader.apps.web.limits import WebLimits
from grader.apps.web.markers import MarkerCache
from grader.errors import (
    DocumentTooLarge,
    GraderError,
    RequestRefused,
    UnsupportedFile,
    UploadTooLarge,
    WorkTooLong,
)
from grader.scheme.rubric import RUBRIC_ID, available_rubrics, find_rubric, load_rubric
from grader.types import Rubric

#: HTTP status of a refused request, by error class (anything else coded is a 400).
STATUS = (
    (UploadTooLarge, 413),
    (DocumentTooLarge, 413),
    (WorkTooLong, 413),
    (RequestRefused, 403),
)


def status_of(exc: GraderError) -> int:
    """The HTTP status of a refused request (413 too large or too slow, 403 refused, 400)."""
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 400)


@dataclass
class WebState:
    """One app's data folder (saved rubrics, stored batches), limits and loaded markers."""

    data: Path
    limits: WebLimits
    markers: MarkerCache
    batches: BatchStore

    @property
    def saved_rubrics(self) -> Path:
        return self.data / "rubrics"

    def rubric_names(self) -> list[str]:
        saved = (p.stem for p in self.saved_rubrics.glob("*.yaml"))
        return sorted({*available_rubrics(), *(s for s in saved if RUBRIC_ID.match(s))})

    def choices(self) -> list[tuple[str, str]]:
        """(name, question) of every rubric, for the pickers."""
        found = []
        for name in self.rubric_names():
            try:
                question = self.get_rubric(name).question
            except GraderError:
                question = "(this rubric has an error: see the Rubrics page)"
            found.append((name, question if len(question) < 90 else question[:88] + "…"))
        return found

    def get_rubric(self, name: str) -> Rubric:
        if not RUBRIC_ID.match(name) or name not in self.rubric_names():
            raise UnsupportedFile(
                f"Rubric '{name}' is not available. Choose one of: "
                f"{', '.join(self.rubric_names())}."
            )
        saved = self.saved_rubrics / f"{name}.yaml"
        return load_rubric(saved if saved.is_file() else find_rubric(name))

    def page(
        self, request: Request, template: str, status: int = 200, /, **context: Any
    ) -> HTMLResponse:
        token = request.state.form_token
        return HTMLResponse(render(template, form_token=token, **context), status_code=status)

    def error(self, request: Request, exc: GraderError, title: str) -> HTMLResponse:
        message = self.without_paths(str(exc))
        return self.page(request, "web_error.html", status_of(exc), title=title, message=message)

    def without_paths(self, message: str) -> str:
        """A message with the app's own folders taken out (users see upload names only)."""
        for folder in sorted({str(self.batches.root), str(self.data)}, key=len, reverse=True):
            message = message.replace(folder + "/", "").replace(folder, "the app's data folder")
        return message

    async def form(self, request: Request, max_files: int = 1) -> Any:
        """The posted form, after checking its token; an unreadable form is W001."""
        try:
            form = await request.form(
                max_files=max_files, max_fields=20, max_part_size=self.limits.max_form_bytes
            )
        except Exception as exc:  # starlette raises HTTPException/MultiPartException
            detail = getattr(exc, "detail", None) or str(exc)
            raise UploadTooLarge(f"The form could not be read: {detail}") from exc
        check_token(form.get(TOKEN_FIELD), request.state.form_token)
        return form


def web(request: Request) -> WebState:
    """The :class:`WebState` of the app serving ``request``."""
    state: WebState = request.app.state.web
    return state
