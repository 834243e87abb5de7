"""Read a class of scripts (the I/O edge): a folder, a zip, or a CSV/XLSX export.

Every file or row becomes either a :class:`~grader.types.Script` or an
:class:`~grader.types.Unmarked` with the reason, so one unreadable script never
stops the others. Spreadsheet columns are chosen by name (case and surrounding
spaces ignored); a missing column is an error listing the columns found.
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from grader.errors import DocumentError, DocumentTooLarge, MissingColumns, UnsupportedFile
from grader.io.archives import check_archive, read_member
from grader.io.documents import check_text, script_text
from grader.io.tables import read_table
from grader.settings import DocumentLimits
from grader.types import Script, Unmarked

TABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
#: Column names tried, in order, when no ``text_column`` / ``id_column`` is given.
TEXT_COLUMNS = ("text", "essay", "answer", "response", "script", "submission")
ID_COLUMNS = ("student", "name", "student name", "candidate", "id")
#: Largest file read from a folder or zip (bytes); a script is far smaller.
MAX_FILE_BYTES = DocumentLimits().max_file_bytes

Read = Script | Unmarked


def read_scripts(
    path: str | Path,
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    encoding: str | None = None,
    exclude: Sequence[Path] = (),
    name: str | None = None,
    limits: DocumentLimits | None = None,
    max_scripts: int | None = None,
) -> list[Read]:
    """Read every script of a folder, zip, CSV/XLSX or single file.

    Parameters
    ----------
    path : str or Path
        A folder (read recursively, hidden files skipped), a ``.zip``, a ``.csv`` /
        ``.xlsx`` with one script per row, or one script file.
    text_column, id_column : str, optional
        Spreadsheet columns holding the script and the student; by default the first of
        :data:`TEXT_COLUMNS` / :data:`ID_COLUMNS` present (rows are numbered if there is
        no student column).
    encoding : str, optional
        Encoding of text files (UTF-8 by default).
    exclude : sequence of Path
        Folders to skip (e.g. the output folder, when it is inside ``path``).
    name : str, optional
        How to name the file in messages (e.g. the name it was uploaded under, so no
        server path is shown); defaults to the path.
    limits : DocumentLimits, optional
        Size, member-count and inflation limits of zips and the scripts in them.
    max_scripts : int, optional
        Refuse a zip or table of more scripts than this (counted on the parsed files or
        rows, so a CSV whose lines end in CR alone counts every row).

    Returns
    -------
    list of Script or Unmarked
        In a stable order (sorted paths, or row order).

    Examples
    --------
    >>> [s.essay_id for s in read_scripts("examples") if s.essay_id.startswith("ussr")]
    ['ussr-1920s-model-essay.txt', 'ussr-1920s-short-answer.txt']
    """
    path = Path(path)
    limits = limits or DocumentLimits()
    if path.is_dir():
        return _read_folder(path, encoding=encoding, exclude=[p.resolve() for p in exclude])
    if not path.is_file():
        raise UnsupportedFile(f"{name or path}: no such file or folder. Check the path.")
    suffix = path.suffix.lower()
    shown = name or str(path)
    if suffix == ".zip":
        found = _read_zip(path, shown, encoding=encoding, limits=limits, max_scripts=max_scripts)
    elif suffix in TABLE_SUFFIXES:
        found = _read_table(
            path, shown, text_column=text_column, id_column=id_column, limits=limits
        )
    else:
        return [_one(path.read_bytes(), path.name, shown, encoding)]
    _check_count(len(found), shown, max_scripts)
    return found


def _check_count(count: int, shown: str, max_scripts: int | None) -> None:
    if max_scripts is not None and count > max_scripts:
        raise DocumentTooLarge(
            f"{shown}: {count} scripts, over the limit of {max_scripts} per upload. Split the "
            f"class into smaller batches."
        )


def student_of(essay_id: str) -> str:
    """The student a file's script belongs to: its name without folder or suffix."""
    return PurePosixPath(essay_id).stem or essay_id


def _one(data: bytes, essay_id: str, source: str, encoding: str | None) -> Read:
    try:
        if len(data) > MAX_FILE_BYTES:
            raise DocumentTooLarge(
                f"{source}: the file is {len(data):,} bytes, over the limit of "
                f"{MAX_FILE_BYTES:,} for one script. Check it is the right file."
            )
        text = script_text(data, name=essay_id, source=source, encoding=encoding)
        check_text(text, source=source, max_chars=sys.maxsize)  # the size limit is the marker's
    except DocumentError as exc:
        return Unmarked(essay_id, str(exc), exc.code)
    return Script(essay_id, student_of(essay_id), source, text)


def script_members(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The members of a zip that are scripts (not folders, hidden files or ``__MACOSX``)."""
    return [
        info
        for info in archive.infolist()
        if not info.is_dir() and not _hidden(PurePosixPath(info.filename).parts)
    ]


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith((".", "~$", "__MACOSX")) for p in parts)


def _read_folder(folder: Path, *, encoding: str | None, exclude: list[Path]) -> list[Read]:
    found: list[Read] = []
    for file in sorted(folder.rglob("*")):
        relative = file.relative_to(folder)
        if not file.is_file() or _hidden(relative.parts):
            continue
        if any(file.resolve().is_relative_to(skip) for skip in exclude):
            continue
        found.append(_one(file.read_bytes(), relative.as_posix(), str(file), encoding))
    return found


def _read_zip(
    path: Path,
    shown: str,
    *,
    encoding: str | None,
    limits: DocumentLimits,
    max_scripts: int | None,
) -> list[Read]:
    """Each member read as a stream within ``limits``, after checking the zip's directory.

    A member that cannot be unpacked (bad CRC, encrypted, truncated) or is over the size
    limit becomes an :class:`Unmarked` with its coded reason; the others are marked.
    """

    def unreadable(detail: str) -> UnsupportedFile:
        return UnsupportedFile(
            f"{shown}: {detail}. The file could not be unpacked: zip the folder of scripts "
            f"again (without a password)."
        )

    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UnsupportedFile(
            f"{shown}: not a readable zip file ({exc}). Zip the folder of scripts again."
        ) from exc
    found: list[Read] = []
    with archive:
        members = script_members(archive)
        _check_count(len(members), shown, max_scripts)
        whole = replace(limits, max_ratio=float("inf"))  # one bomb member is refused alone
        check_archive(archive, source=shown, limits=whole, damaged=unreadable)
        for info in sorted(members, key=lambda i: i.filename):
            essay_id = PurePosixPath(info.filename).as_posix()
            source = f"{PurePosixPath(shown).name}:{info.filename}"
            try:
                data = read_member(
                    archive, info, source=source, limit=limits.max_file_bytes, damaged=unreadable
                )
            except DocumentError as exc:
                found.append(Unmarked(essay_id, str(exc), exc.code))
                continue
            found.append(_one(data, essay_id, source, encoding))
    return found


def _pick(wanted: str | None, candidates: tuple[str, ...], columns: list[str]) -> str | None:
    by_key = {c.strip().lower(): c for c in columns}
    if wanted is not None:
        return by_key.get(wanted.strip().lower())
    return next((by_key[c] for c in candidates if c in by_key), None)


def _read_table(
    path: Path,
    shown: str,
    *,
    text_column: str | None,
    id_column: str | None,
    limits: DocumentLimits,
) -> list[Read]:
    frame = read_table(path, shown=shown, limits=limits)
    columns = list(frame.columns)
    text_col = _pick(text_column, TEXT_COLUMNS, columns)
    if text_col is None:
        raise MissingColumns.for_file(shown, [text_column or "text"], columns)
    id_col = _pick(id_column, ID_COLUMNS, columns)
    if id_col is None and id_column is not None:
        raise MissingColumns.for_file(shown, [id_column], columns)
    found: list[Read] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(frame.to_dict("records"), start=2):
        student = str(row[id_col]).strip() if id_col else ""
        student = student or f"row {row_number}"
        seen[student] = seen.get(student, 0) + 1
        essay_id = student if seen[student] == 1 else f"{student} ({seen[student]})"
        source = f"{PurePosixPath(shown).name} row {row_number}"
        found.append(Script(essay_id, student, source, str(row[text_col])))
    return found
