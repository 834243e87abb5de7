"""Read scripts that human examiners have already marked, for ``grader evaluate``.

Three forms are read (the I/O edge; everything after works on
:class:`~grader.types.MarkedScript`):

- a CSV or XLSX table with an id, the script text and one or two human mark columns
  (an optional column of credited point ids, separated by ``;`` or ``,``);
- a JSONL of labels, one object per script with ``id``, ``file`` (the script, relative
  to the JSONL) or ``text``, a mark (``mark``, or the field named) and optionally
  ``points``, ``level`` and ``namedrops`` (point ids ``other:*``, relevant points outside
  the mark scheme, are dropped).

``grader evaluate`` and ``grader rubric check --scripts`` both read through :func:`read_marked`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from grader.errors import DocumentError, MissingColumns, UnsupportedFile
from grader.io.documents import read_script
from grader.io.tables import json_objects, read_table
from grader.types import MarkedScript

TABLE_SUFFIXES = (".csv", ".xlsx")
# Column names tried, in order, when none is given (compared case-insensitively).
ID_NAMES = ("id", "essay_id", "script_id", "student", "name")
TEXT_NAMES = ("text", "essay", "essaytext", "answer", "response", "script")
HUMAN_NAMES = ("mark", "score", "score1", "human", "human_mark", "human1")
SECOND_NAMES = ("score2", "mark2", "human2", "second_mark", "human_mark_2")
POINTS_NAMES = ("points",)
HINT = "grader evaluate --help"


def read_marked(
    path: str | Path,
    *,
    id_col: str | None = None,
    text_col: str | None = None,
    human_cols: Sequence[str] = (),
    points_col: str | None = None,
    marks_required: bool = True,
) -> list[MarkedScript]:
    """Read marked scripts from a ``.csv``, ``.xlsx`` or ``.jsonl`` file.

    Parameters
    ----------
    path : str or Path
        The table of marks, or a JSONL of labels.
    id_col, text_col : str, optional
        Columns holding the script id and its text (guessed from common names).
    human_cols : sequence of str
        One or two columns of human marks; the first is the reference, a second one
        gives the human-human agreement (guessed: ``mark``/``score``/``Score1`` and
        ``Score2``/``mark2``). For a JSONL, the field holding the mark (``mark``).
    points_col : str, optional
        Column (or JSONL field) of credited point ids (default ``points`` if present).
    marks_required : bool
        Whether every JSONL script needs a human mark (``grader evaluate``); without,
        a script with no mark has ``human == ()`` (``grader rubric check`` uses what is given).

    Examples
    --------
    >>> scripts = read_marked("marks.csv", human_cols=["Score1", "Score2"])  # doctest: +SKIP
    >>> scripts[0].human  # doctest: +SKIP
    (2, 3)
    """
    path = Path(path)
    if not path.is_file():
        raise UnsupportedFile(f"{path}: no such file. Check the path.")
    if len(human_cols) > 2:
        raise DocumentError(
            f"{path}: at most two human mark columns can be compared; got {list(human_cols)}."
        )
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path, human_cols, points_col, marks_required=marks_required)
    if suffix not in TABLE_SUFFIXES:
        raise UnsupportedFile(
            f"{path}: cannot read '{suffix}' files as marked scripts. "
            f"Supported: .csv, .xlsx, .jsonl."
        )
    return _read_table(path, id_col, text_col, human_cols, points_col)


def _read_table(
    path: Path,
    id_col: str | None,
    text_col: str | None,
    human_cols: Sequence[str],
    points_col: str | None,
) -> list[MarkedScript]:
    frame = read_table(path)
    columns = list(frame.columns)
    ident = _column(path, columns, id_col, ID_NAMES, "id")
    text = _column(path, columns, text_col, TEXT_NAMES, "text")
    if human_cols:
        humans = [_column(path, columns, name, (), "human mark") for name in human_cols]
    else:
        humans = [_column(path, columns, None, HUMAN_NAMES, "human mark")]
        second = _guess(columns, SECOND_NAMES)
        if second and second != humans[0]:
            humans.append(second)
    points = (
        _column(path, columns, points_col, (), "points")
        if points_col
        else _guess(columns, POINTS_NAMES)
    )
    scripts = []
    for row_number, row in enumerate(frame.to_dict("records"), start=2):
        where = f"{path}: row {row_number}"
        marks = tuple(_mark(row[h], where, h) for h in humans)
        labelled = None
        if points:
            labelled = tuple(p.strip() for p in str(row[points]).replace(";", ",").split(","))
            labelled = tuple(p for p in labelled if p and not p.startswith("other:"))
        scripts.append(MarkedScript(str(row[ident]).strip(), str(row[text]), marks, labelled))
    if not scripts:
        raise DocumentError(f"{path}: the table has no rows of marked scripts.")
    return scripts


def _guess(columns: list[str], names: Sequence[str]) -> str | None:
    lower = {c.lower().strip(): c for c in columns}
    return next((lower[n] for n in names if n in lower), None)


def _column(
    path: Path, columns: list[str], given: str | None, names: Sequence[str], what: str
) -> str:
    if given is not None:
        if given in columns:
            return given
        raise MissingColumns.for_file(path, [given], columns, command=HINT)
    found = _guess(columns, names)
    if found is None:
        raise MissingColumns.for_file(path, [names[0]], columns, command=HINT)
    return found


def _mark(value: Any, where: str, column: str) -> int:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if math.isnan(number) or number != int(number) or number < 0:
        raise DocumentError(
            f"{where}: the mark in '{column}' is {text!r}; marks must be whole numbers "
            f">= 0. Fix the cell or leave the script out."
        )
    return int(number)


def _ids(value: Any) -> tuple[str, ...] | None:
    """Labelled point ids, without ``other:*`` (relevant points outside the scheme)."""
    if not isinstance(value, list):
        return None
    return tuple(str(p) for p in value if not str(p).startswith("other:"))


def _read_jsonl(
    path: Path, human_cols: Sequence[str], points_col: str | None, *, marks_required: bool
) -> list[MarkedScript]:
    fields = list(human_cols) or ["mark"]
    points_field = points_col or "points"
    scripts = []
    for where, label in json_objects(path):
        needed = ["id", *(fields if marks_required else [])]
        missing = [k for k in needed if k not in label]
        if "text" not in label and "file" not in label:
            missing.append("file")
        if missing:
            raise MissingColumns.for_file(where, missing, list(label), command=HINT)
        text = (
            str(label["text"]) if "text" in label else read_script(path.parent / str(label["file"]))
        )
        marks = tuple(
            _mark(label[f], where, f) for f in fields if label.get(f) is not None or marks_required
        )
        level = label.get("level")
        scripts.append(
            MarkedScript(
                str(label["id"]),
                text,
                marks,
                _ids(label.get(points_field)),
                level=None if level is None else _mark(level, where, "level"),
                namedrops=_ids(label.get("namedrops")),
            )
        )
    if not scripts:
        raise DocumentError(f"{path}: no labels found (one JSON object per line expected).")
    return scripts
