"""The teacher's spreadsheet: ``marks.xlsx`` and ``marks.csv`` (the I/O edge).

One row per script. The xlsx has readable column widths, a frozen header, rows
needing review highlighted, unmarked scripts greyed with the reason, a second
sheet of point coverage (student x point) and a third recording the rubric,
model and settings. The teacher may edit ``mark`` or fill ``override``;
:func:`read_marks` reads those back for ``grader calibrate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from grader.errors import DocumentError, MissingColumns
from grader.io.atomic import write_atomic
from grader.types import MarkResult, Rubric, Unmarked

COLUMNS = (
    "student",
    "script",
    "status",
    "level",
    "mark",
    "override",
    "max_mark",
    "confidence",
    "needs_review",
    "review_reason",
    "credited",
    "name_dropped",
    "missing",
    "balance",
    "judgement",
    "words",
    "unmarked_reason",
)
WIDE = {"review_reason": 50, "credited": 40, "name_dropped": 30, "missing": 40}
REVIEW_FILL = "FFF2CC"  # pale amber
UNMARKED_FILL = "E7E6E6"  # grey
STATUS_FILL = {"credited": "C6EFCE", "name_dropped": "FFEB9C", "missing": "FFC7CE"}
STATUS_TEXT = {"credited": "credited", "name_dropped": "name-dropped", "missing": "missing"}
#: A text cell starting with one of these is a formula to a spreadsheet program (OWASP CSV
#: injection): in the CSV it gets a leading apostrophe, in the xlsx it is stored as text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    """A CSV cell value that no spreadsheet program runs as a formula.

    Examples
    --------
    >>> print(defuse('=HYPERLINK("http://evil.example","click")'))
    '=HYPERLINK("http://evil.example","click")
    >>> defuse("Amy"), defuse(-3)
    ('Amy', -3)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def undefuse(value: object) -> object:
    """The value :func:`defuse` was given (for reading an edited marks.csv back)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def as_text_cells(sheet: Any) -> None:
    """Store every string of an openpyxl sheet as text, never as a formula.

    openpyxl turns a string starting with '=' into a formula; a student named
    '=HYPERLINK(...)' would become a live link in the teacher's spreadsheet.
    """
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def marks_frame(
    results: Sequence[MarkResult],
    unmarked: Sequence[Unmarked],
    rubric: Rubric,
    students: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per script (marked first, in the order given, then unmarked)."""
    students = students or {}
    rows: list[dict[str, Any]] = []
    for r in results:
        rows.append(
            {
                "student": students.get(r.essay_id, r.essay_id),
                "script": r.essay_id,
                "status": "marked",
                "level": r.level.level,
                "mark": r.level.mark,
                "override": None,
                "max_mark": rubric.max_mark,
                "confidence": round(r.level.confidence, 2),
                "needs_review": r.level.needs_review,
                "review_reason": "; ".join(r.level.review_reasons),
                "credited": ", ".join(r.credited),
                "name_dropped": ", ".join(r.name_dropped),
                "missing": ", ".join(r.missing),
                "balance": r.argument.balance,
                "judgement": r.argument.judgement,
                "words": r.document.word_count,
                "unmarked_reason": "",
            }
        )
    for u in unmarked:
        rows.append(
            {
                **dict.fromkeys(COLUMNS),
                "student": students.get(u.essay_id, u.essay_id),
                "script": u.essay_id,
                "status": "unmarked",
                "max_mark": rubric.max_mark,
                "needs_review": True,
                "unmarked_reason": u.reason,
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))


def write_marks_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the marks table as UTF-8 CSV (atomically); no cell can run as a formula."""
    safe = frame.map(defuse)
    return write_atomic(path, lambda tmp: safe.to_csv(tmp, index=False, encoding="utf-8"))


def write_marks_xlsx(
    frame: pd.DataFrame,
    results: Sequence[MarkResult],
    rubric: Rubric,
    path: str | Path,
    *,
    about: dict[str, object] | None = None,
) -> Path:
    """Write ``marks.xlsx``: the marks sheet, point coverage and run details (atomically)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "marks"
    sheet.append(list(frame.columns))
    for values in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in values])
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    status_col = list(frame.columns).index("status")
    review_col = list(frame.columns).index("needs_review")
    for row in sheet.iter_rows(min_row=2):
        fill = None
        if row[status_col].value == "unmarked":
            fill = UNMARKED_FILL
        elif row[review_col].value is True:
            fill = REVIEW_FILL
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    _fit_widths(sheet, frame)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions

    coverage = book.create_sheet("points")
    points = rubric.points
    coverage.append(["student", "script", "credited"] + [p.id for p in points])
    coverage.append(["(side)", "", ""] + [p.side for p in points])
    for r in results:
        statuses = [r.status_of(p.id) for p in points]
        coverage.append(
            [frame.loc[frame.script == r.essay_id, "student"].iloc[0], r.essay_id, len(r.credited)]
            + [STATUS_TEXT[s] for s in statuses]
        )
        for cell, status in zip(coverage[coverage.max_row][3:], statuses, strict=True):
            cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
    coverage.append(
        ["(credited by)", "", ""]
        + [sum(r.status_of(p.id) == "credited" for r in results) for p in points]
    )
    for cell in coverage[1]:
        cell.font = bold
    coverage.freeze_panes = "D3"
    for column in coverage.columns:
        width = max(len(str(c.value or "")) for c in column)
        coverage.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 30)

    details = book.create_sheet("about")
    details.append(["field", "value"])
    for key, value in (about or {}).items():
        details.append([key, _cell(value)])
    details.column_dimensions["A"].width = 22
    details.column_dimensions["B"].width = 80
    for each in book.worksheets:
        as_text_cells(each)
    return write_atomic(path, book.save)


def read_marks(path: str | Path) -> pd.DataFrame:
    """The teacher's marks from an edited ``marks.xlsx`` (or ``marks.csv``).

    Returns the marked rows with a ``human_mark`` column: ``override`` where filled,
    else ``mark`` (the teacher may have edited either). Rows with neither are dropped.
    """
    path = Path(path)
    if not path.is_file():
        raise DocumentError(f"{path}: no such file. Give the marks.xlsx written by 'grader mark'.")
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path).map(undefuse)
    else:
        frame = pd.read_excel(path, sheet_name="marks")
    missing = [c for c in ("script", "mark", "override") if c not in frame.columns]
    if missing:
        found = ", ".join(f"'{c}'" for c in frame.columns) or "none"
        raise MissingColumns(
            f"{path}: no column named {', '.join(repr(m) for m in missing)}. Columns found: "
            f"{found}. Give the marks.xlsx written by 'grader mark --out' (edit 'mark' or fill "
            f"'override', but keep the column names)."
        )
    human = pd.to_numeric(frame["override"], errors="coerce").fillna(
        pd.to_numeric(frame["mark"], errors="coerce")
    )
    frame = frame.assign(human_mark=human)
    frame = frame[frame["human_mark"].notna()]
    return frame.assign(human_mark=frame["human_mark"].round().astype(int))


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, dict | list | tuple):
        return str(value)
    return value


def _fit_widths(sheet: Any, frame: pd.DataFrame) -> None:
    from openpyxl.utils import get_column_letter

    for index, name in enumerate(frame.columns, start=1):
        longest = max([len(name)] + [len(str(v)) for v in frame[name] if v is not None])
        width = min(longest + 2, WIDE.get(name, 30))
        sheet.column_dimensions[get_column_letter(index)].width = max(width, 8)
