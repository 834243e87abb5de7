"""Read a CSV or XLSX table of text cells: the one table reader of the I/O edge.

Used for a class's scripts (:mod:`grader.io.scripts_in`) and for human-marked sets
(:mod:`grader.io.marked`). Every cell is read as text (no type guessing, empty cells stay
``""``), a CSV's byte-order mark is dropped, and an .xlsx (a zip) is checked against the
archive limits before it is opened.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.errors import DocumentError, UnsupportedFile
from grader.io.archives import check_archive
from grader.settings import DocumentLimits

if TYPE_CHECKING:
    import pandas as pd


def read_table(
    path: Path, *, shown: str = "", limits: DocumentLimits | None = None
) -> pd.DataFrame:
    """The table at ``path`` as a DataFrame of strings, with string column names.

    ``shown`` names the file in messages (default: the path). Anything pandas, openpyxl or
    the zip reader cannot read becomes one :class:`~grader.errors.UnsupportedFile` line.
    """
    import pandas as pd

    shown = shown or str(path)
    limits = limits or DocumentLimits()

    def unreadable(detail: str) -> UnsupportedFile:
        return UnsupportedFile(
            f"{shown}: could not read the table ({detail}). Save it as UTF-8 CSV or .xlsx."
        )

    try:
        if path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            with zipfile.ZipFile(path) as book:  # an .xlsx is a zip: refuse a bomb unopened
                check_archive(book, source=shown, limits=limits, damaged=unreadable)
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - pandas, openpyxl and lxml raise many kinds
        raise unreadable(str(exc) or type(exc).__name__) from exc
    frame.columns = [str(c) for c in frame.columns]
    return frame


def json_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, object)`` for each non-blank line of a JSONL file, ``where`` naming the
    file and line for messages; a line that is not a JSON object is a
    :class:`~grader.errors.DocumentError` naming that line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            label = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"{where}: not valid JSON ({exc.msg}).") from exc
        if not isinstance(label, dict):
            raise DocumentError(f"{where}: expected a JSON object per line.")
        yield where, label
