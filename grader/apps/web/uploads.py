"""Reading what is sent to the web app: uploaded essays, class uploads, pasted schemes.

The functions here run in a child process (:func:`grader.apps.web.work.in_process`), so
they are module-level and take and return plain data. Files are named in messages by
the name they were uploaded under, never by where the app stores them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from starlette.datastructures import UploadFile

from grader.apps.web.limits import megabytes
from grader.errors import UnsupportedFile, UploadTooLarge
from grader.settings import DocumentLimits
from grader.types import LevelBand, Rubric

ESSAY_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
BATCH_SUFFIXES = (".zip", ".csv")


def upload_text(data: bytes, name: str, limits: DocumentLimits | None = None) -> str:
    """The text of an uploaded essay; ``name`` only chooses the reader and names errors."""
    from grader.io.documents import docx_text, pdf_text, script_text

    suffix = Path(name).suffix.lower()
    if suffix not in ESSAY_SUFFIXES:
        raise UnsupportedFile(
            f"{name}: cannot read this kind of file. Upload {', '.join(ESSAY_SUFFIXES)}, "
            f"or paste the text."
        )
    limits = limits or DocumentLimits()
    if suffix == ".docx":
        return docx_text(data, source=name, limits=limits)
    if suffix == ".pdf":
        return pdf_text(data, source=name, limits=limits)
    return script_text(data, name=name)


def import_pasted(scheme: str, rubric_id: str, bands: Sequence[LevelBand]) -> Rubric:
    """A pasted scheme as a rubric, by the importer the CLI uses (one rule for every layout):
    levels-of-response and point-marked schemes bring their own marks, a point list takes
    ``bands`` (borrowed from another rubric), or with none grader's default bands, with an
    import warning that says so."""
    from grader.scheme.import_levels import import_any

    return import_any(scheme, rubric_id=rubric_id, source="pasted", fallback_levels=bands)


async def read_upload(upload: UploadFile, limit: int, what: str) -> bytes:
    """Read at most ``limit`` bytes of an upload, refusing a larger one by name."""
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise UploadTooLarge(
            f"{upload.filename}: the file is over the limit of {megabytes(limit)} for {what}. "
            f"Upload a smaller file (or paste the text)."
        )
    return data


def count_zip_files(data: bytes, name: str) -> int:
    """Scripts in an uploaded zip, counted from its directory as the reader counts them
    (hidden files and ``__MACOSX`` left out); nothing is unpacked."""
    import io

    from grader.io.scripts_in import script_members

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return len(script_members(archive))
    except zipfile.BadZipFile as exc:
        raise UnsupportedFile(f"{name}: not a readable zip file ({exc}).") from exc
