"""A local web app for students and teachers (FastAPI + Jinja2, no JavaScript needed).

Students choose a rubric (or paste a mark scheme), paste or upload an essay and read
the highlighted feedback; teachers upload a class (zip or CSV) and download the
spreadsheet and reports. ``grader serve`` runs it on 127.0.0.1.

Safety: every essay and rubric text is HTML-escaped by Jinja2's autoescaping;
request, file and batch sizes are capped with a message saying what to do; uploaded
file names are only ever displayed, never used as paths; the app writes only under
its data folder (saved rubrics, batch uploads and outputs).
"""

from __future__ import annotations

import io
import re
import threading
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartParser
from starlette.types import ASGIApp, Receive, Scope, Send

from grader.core.pipeline import Marker
from grader.errors import (
    DocumentTooLarge,
    GraderError,
    ImportSchemeError,
    UnsupportedFile,
    UploadTooLarge,
)
from grader.render.environment import template_env
from grader.render.feedback import feedback_context
from grader.scheme.rubric import (
    ID_PATTERN,
    available_rubrics,
    dump_rubric,
    find_rubric,
    load_rubric,
)
from grader.types import Rubric

ESSAY_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
BATCH_SUFFIXES = (".zip", ".csv")
BATCH_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class WebLimits:
    """Upload limits; anything larger is refused with a message saying what to do."""

    max_essay_bytes: int = 2_000_000
    max_batch_bytes: int = 20_000_000
    max_batch_files: int = 300
    max_text_chars: int = 200_000
    max_form_bytes: int = 1_000_000

    def request_cap(self, path: str) -> int:
        """Largest request body accepted on ``path`` (the batch page takes more)."""
        file_cap = self.max_batch_bytes if path.startswith("/teacher") else self.max_essay_bytes
        return file_cap + self.max_form_bytes + 64_000


def megabytes(size: int) -> str:
    """A size as people read it: '2.0 MB', or '50 kB' under a megabyte."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} kB"


# --------------------------------------------------------------------------- markers


class MarkerCache:
    """One :class:`Marker` per rubric (keyed by its content hash), sharing one encoder."""

    def __init__(self) -> None:
        self._markers: dict[str, Marker] = {}
        self._lock = threading.Lock()

    def get(self, rubric: Rubric) -> Marker:
        from grader.scheme.rubric import rubric_hash

        key = rubric_hash(rubric)
        with self._lock:
            if key not in self._markers:
                shared = next(iter(self._markers.values()), None)
                self._markers[key] = Marker(rubric, encoder=shared.encoder if shared else None)
            return self._markers[key]

    def warm(self, rubric: str = "ussr-1920s") -> None:
        """Load the encoder and segmenter now (with one bundled rubric), not on first use."""
        try:
            self.get(load_rubric(rubric)).mark("Warm up the models.", "warm-up")
        except GraderError:  # nothing to warm with; the first request loads instead
            return

    def put(self, marker: Marker) -> None:
        """Add an already loaded marker (e.g. one shared with tests or the CLI)."""
        from grader.scheme.rubric import rubric_hash

        with self._lock:
            self._markers[rubric_hash(marker.rubric)] = marker


# --------------------------------------------------------------------------- uploads


def upload_text(data: bytes, name: str) -> str:
    """The text of an uploaded essay; ``name`` only chooses the reader and names errors."""
    suffix = Path(name).suffix.lower()
    if suffix not in ESSAY_SUFFIXES:
        raise UnsupportedFile(
            f"{name}: cannot read this kind of file. Upload {', '.join(ESSAY_SUFFIXES)}, "
            f"or paste the text."
        )
    from grader.io.documents import script_text

    return script_text(data, name=name)


async def read_upload(upload: UploadFile, limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes of an upload, refusing a larger one by name."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise UploadTooLarge(
            f"{upload.filename}: the file is over the limit of {megabytes(limit)} for {what}. "
            f"Upload a smaller file (or paste the text)."
        )
    return data


def count_batch_files(data: bytes, suffix: str, name: str) -> int:
    """Scripts in an uploaded zip (files) or CSV (rows), without unpacking anything."""
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return sum(not info.is_dir() for info in archive.infolist())
        except zipfile.BadZipFile as exc:
            raise UnsupportedFile(f"{name}: not a readable zip file ({exc}).") from exc
    return max(data.count(b"\n") - 1, 0)


# --------------------------------------------------------------------------- size guard


class BodySizeLimit:
    """Refuse a request body over the limit before it is parsed (nothing is buffered)."""

    def __init__(self, app: ASGIApp, limits: WebLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in {"POST", "PUT"}:
            headers = dict(scope["headers"])
            cap = self.limits.request_cap(scope["path"])
            length = headers.get(b"content-length")
            message = ""
            if length is None:
                message = "The upload did not say its size. Send it again from the form."
                status = 411
            elif not length.isdigit() or int(length) > cap:
                message = (
                    f"The upload is {megabytes(int(length) if length.isdigit() else 0)}, over "
                    f"the limit of {megabytes(cap)}. Upload a smaller file, or fewer scripts "
                    f"at a time."
                )
                status = 413
            if message:
                html = render("web_error.html", title="Upload refused", message=message)
                response = HTMLResponse(html, status_code=status)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def render(template: str, **context: Any) -> str:
    return template_env().get_template(template).render(**context)


# --------------------------------------------------------------------------- app


def create_app(
    data_dir: str | Path, *, limits: WebLimits | None = None, markers: MarkerCache | None = None
) -> FastAPI:
    """Build the web app; everything it writes goes under ``data_dir``.

    Examples
    --------
    >>> from fastapi.testclient import TestClient  # doctest: +SKIP
    >>> client = TestClient(create_app("grader-data"))  # doctest: +SKIP
    >>> client.get("/").status_code  # doctest: +SKIP
    200
    """
    limits = limits or WebLimits()
    data = Path(data_dir).resolve()
    saved_rubrics = data / "rubrics"
    batches = data / "batches"
    for folder in (saved_rubrics, batches):
        folder.mkdir(parents=True, exist_ok=True)
    # Accepted uploads are capped above, so keep them in memory rather than letting
    # the multipart parser spool them to the system's temporary folder.
    MultiPartParser.spool_max_size = max(
        MultiPartParser.spool_max_size, limits.request_cap("/teacher")
    )
    markers = markers or MarkerCache()
    app = FastAPI(title="grader", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(BodySizeLimit, limits=limits)

    def rubric_names() -> list[str]:
        return sorted({*available_rubrics(), *(p.stem for p in saved_rubrics.glob("*.yaml"))})

    def choices() -> list[tuple[str, str]]:
        """(name, question) of every rubric, for the pickers."""
        found = []
        for name in rubric_names():
            try:
                question = get_rubric(name).question
            except GraderError:
                question = "(this rubric has an error: see the Rubrics page)"
            found.append((name, question if len(question) < 90 else question[:88] + "…"))
        return found

    def get_rubric(name: str) -> Rubric:
        if name not in rubric_names() or not ID_PATTERN.match(name):
            raise UnsupportedFile(
                f"Rubric '{name}' is not available. Choose one of: {', '.join(rubric_names())}."
            )
        saved = saved_rubrics / f"{name}.yaml"
        return load_rubric(saved if saved.is_file() else find_rubric(name))

    def page(template: str, status: int = 200, /, **context: Any) -> HTMLResponse:
        return HTMLResponse(render(template, **context), status_code=status)

    def error(exc: GraderError, title: str) -> HTMLResponse:
        status = 413 if isinstance(exc, UploadTooLarge | DocumentTooLarge) else 400
        return page("web_error.html", status, title=title, message=str(exc))

    async def form_of(request: Request, max_files: int = 1) -> Any:
        try:
            return await request.form(
                max_files=max_files, max_fields=20, max_part_size=limits.max_form_bytes
            )
        except Exception as exc:  # starlette raises HTTPException/MultiPartException
            detail = getattr(exc, "detail", None) or str(exc)
            raise UploadTooLarge(f"The form could not be read: {detail}") from exc

    @app.get("/health")
    def health() -> Response:
        return Response("ok", media_type="text/plain")

    @app.get("/", response_class=HTMLResponse)
    def student(rubric: str = "") -> HTMLResponse:
        names = choices()
        known = [name for name, _ in names]
        chosen = rubric if rubric in known else (known[0] if known else "")
        return page(
            "web_student.html",
            names=names,
            chosen=chosen,
            essay_limit=megabytes(limits.max_essay_bytes),
            nav="student",
        )

    @app.post("/feedback", response_class=HTMLResponse)
    async def feedback(request: Request) -> HTMLResponse:
        try:
            form = await form_of(request)
            rubric = get_rubric(str(form.get("rubric", "")))
            text, essay_id = str(form.get("essay", "") or ""), "pasted essay"
            upload = form.get("file")
            if isinstance(upload, UploadFile) and upload.filename:
                essay_id = upload.filename
                raw = await read_upload(upload, limits.max_essay_bytes, "an essay")
                text = upload_text(raw, essay_id)
            marker = await run_in_threadpool(markers.get, rubric)
            result = await run_in_threadpool(marker.mark, text, essay_id)
        except GraderError as exc:
            return error(exc, "Could not mark this essay")
        return page("web_result.html", nav="student", **feedback_context(result, marker.rubric))

    @app.get("/rubrics", response_class=HTMLResponse)
    def rubrics() -> HTMLResponse:
        loaded: list[tuple[str, Rubric | None, str]] = []
        for name in rubric_names():
            try:
                loaded.append((name, get_rubric(name), ""))
            except GraderError as exc:
                loaded.append((name, None, exc.message))
        return page("web_rubrics.html", rubrics=loaded, nav="rubrics")

    @app.get("/rubrics/{name}", response_class=HTMLResponse)
    def rubric_page(name: str) -> HTMLResponse:
        try:
            return page("web_rubric.html", rubric=get_rubric(name), nav="rubrics")
        except GraderError as exc:
            return error(exc, "No such rubric")

    @app.get("/import", response_class=HTMLResponse)
    def import_form() -> HTMLResponse:
        return page("web_import.html", names=rubric_names(), form={}, nav="import")

    @app.post("/import", response_class=HTMLResponse)
    async def import_scheme_page(request: Request) -> Response:
        from grader.scheme.import_levels import import_levels, looks_like_levels
        from grader.scheme.import_points import import_scheme

        form: dict[str, str] = {}
        try:
            raw = await form_of(request, max_files=0)
            form = {k: str(v) for k, v in raw.items()}
            rubric_id = form.get("rubric_id", "").strip()
            if not ID_PATTERN.match(rubric_id):
                raise ImportSchemeError(
                    f"Rubric id '{rubric_id}' must be lower-case letters, digits and '-', "
                    f"e.g. 'coal-1900'."
                )
            scheme = form.get("scheme", "")
            if looks_like_levels(scheme):  # a levels-of-response scheme brings its own bands
                rubric = import_levels(scheme, rubric_id=rubric_id, source="pasted")
            else:
                bands = get_rubric(form.get("bands_from", "")).levels
                rubric = import_scheme(scheme, rubric_id=rubric_id, levels=bands, source="pasted")
            if form.get("action") == "save":
                if rubric_id in available_rubrics():
                    raise ImportSchemeError(
                        f"A bundled rubric is called '{rubric_id}'. Choose another id."
                    )
                (saved_rubrics / f"{rubric_id}.yaml").write_text(
                    dump_rubric(rubric), encoding="utf-8"
                )
                return RedirectResponse(f"/?rubric={rubric_id}", status_code=303)
        except GraderError as exc:
            return page(
                "web_import.html",
                400,
                names=rubric_names(),
                form=form,
                error=exc.message,
                nav="import",
            )
        return page(
            "web_import.html", names=rubric_names(), form=form, preview=rubric, nav="import"
        )

    @app.get("/teacher", response_class=HTMLResponse)
    def teacher(rubric: str = "") -> HTMLResponse:
        return page(
            "web_teacher.html",
            names=choices(),
            chosen=rubric,
            limits=limits,
            batch_limit=megabytes(limits.max_batch_bytes),
            nav="teacher",
        )

    @app.post("/teacher/batch", response_class=HTMLResponse)
    async def batch(request: Request) -> HTMLResponse:
        try:
            form = await form_of(request)
            rubric = get_rubric(str(form.get("rubric", "")))
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
            count = count_batch_files(raw, suffix, name)
            if count > limits.max_batch_files:
                raise UploadTooLarge(
                    f"{name}: {count} scripts, over the limit of {limits.max_batch_files} "
                    f"per upload. Split the class into smaller batches."
                )
            mark_batch = batch_marker()
            batch_id = uuid.uuid4().hex
            folder = batches / batch_id
            folder.mkdir()
            source = folder / f"upload{suffix}"  # never the uploaded name
            source.write_bytes(raw)
            marker = await run_in_threadpool(markers.get, rubric)
            outcome = await run_in_threadpool(
                lambda: mark_batch(source, rubric, out=folder / "out", marker=marker)
            )
            _zip_reports(folder / "out")
        except GraderError as exc:
            return error(exc, "Could not mark this batch")
        return page(
            "web_batch.html",
            batch=outcome,
            batch_id=batch_id,
            upload_name=name,
            rubric=rubric,
            downloads=[n for n in DOWNLOADS if (folder / "out" / n).is_file()],
            nav="teacher",
        )

    @app.get("/batch/{batch_id}/{name}")
    def download(batch_id: str, name: str) -> Response:
        path = batches / batch_id / "out" / name
        if not BATCH_ID.match(batch_id) or name not in DOWNLOADS or not path.is_file():
            return page("web_error.html", 404, title="Not found", message="No such download.")
        inline = "inline" if name.endswith(".html") else "attachment"
        return FileResponse(path, filename=name, content_disposition_type=inline)

    return app


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


DOWNLOADS = ("marks.xlsx", "marks.csv", "summary.html", "reports.zip")


def _zip_reports(out: Path) -> None:
    """Bundle the per-student reports into ``reports.zip`` for one download."""
    reports = sorted((out / "reports").glob("*.html")) if (out / "reports").is_dir() else []
    if reports:
        with zipfile.ZipFile(out / "reports.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for report in reports:
                archive.write(report, arcname=f"reports/{report.name}")
