"""Reading marked scripts: CSV, XLSX and JSONL, with errors that name the columns found."""

from pathlib import Path

import pandas as pd
import pytest

from grader.errors import DocumentError, MissingColumns
from grader.io.marked import read_marked


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_columns_are_guessed_and_two_humans_read(tmp_path: Path):
    path = write_csv(tmp_path / "m.csv", 'Id,EssayText,Score1,Score2\n7,"Osmosis, water",2,3\n')
    [script] = read_marked(path)
    assert (script.id, script.text, script.human, script.points) == (
        "7",
        "Osmosis, water",
        (2, 3),
        None,
    )


def test_named_columns_are_used(tmp_path: Path):
    path = write_csv(tmp_path / "m.csv", "pupil,body,teacher,moderator\na,Some text,1,2\n")
    [script] = read_marked(
        path, id_col="pupil", text_col="body", human_cols=["moderator", "teacher"]
    )
    assert script.human == (2, 1)  # the first named column is the reference


def test_missing_column_error_lists_the_columns_found(tmp_path: Path):
    path = write_csv(tmp_path / "m.csv", "id,text,grade\n1,x,2\n")
    with pytest.raises(MissingColumns) as info:
        read_marked(path)
    assert str(info.value) == (
        f"[D009] {path}: no column named 'mark'. Columns found: 'id', 'text', 'grade'. "
        f"Rename the columns, or tell grader which to use (see 'grader evaluate --help')."
    )


def test_a_non_numeric_mark_names_the_row(tmp_path: Path):
    path = write_csv(tmp_path / "m.csv", "id,text,mark\n1,x,2\n2,y,two\n")
    with pytest.raises(DocumentError) as info:
        read_marked(path)
    assert str(info.value) == (
        f"[D001] {path}: row 3: the mark in 'mark' is 'two'; marks must be whole numbers "
        f">= 0. Fix the cell or leave the script out."
    )


def test_xlsx_is_read_like_csv(tmp_path: Path):
    path = tmp_path / "m.xlsx"
    pd.DataFrame(
        {"id": ["a"], "text": ["Water moves"], "mark": [1], "points": ["k-osmosis"]}
    ).to_excel(path, index=False)
    [script] = read_marked(path)
    assert (script.human, script.points) == ((1,), ("k-osmosis",))


def test_jsonl_reads_files_relative_to_it_and_drops_other_points(tmp_path: Path):
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "e1.txt").write_text("An essay.", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        '{"id": "e1", "file": "essays/e1.txt", "mark": 12, "level": 3, '
        '"points": ["s-rapallo", "other:nep"]}\n',
        encoding="utf-8",
    )
    [script] = read_marked(labels)
    assert (script.text, script.human, script.points) == ("An essay.", (12,), ("s-rapallo",))
    [by_level] = read_marked(labels, human_cols=["level"])
    assert by_level.human == (3,)


def test_unsupported_suffix_is_refused(tmp_path: Path):
    path = write_csv(tmp_path / "m.tsv", "id\tmark\n")
    with pytest.raises(DocumentError, match="Supported: .csv, .xlsx, .jsonl"):
        read_marked(path)
