"""Reading a class of scripts: Word, PDF (text layer or scan), zip and CSV/XLSX exports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from grader.errors import CorruptDocx, MissingColumns, UnreadablePdf
from grader.io.documents import read_script
from grader.io.scripts_in import read_scripts
from grader.types import Script, Unmarked
from tests.script_files import write_docx, write_scanned_pdf, write_text_pdf

ESSAY = (
    "The Treaty of Rapallo in 1922 ended Soviet isolation.\n\n"
    "However, the Zinoviev letter of 1924 damaged relations with Britain."
)


def test_docx_keeps_paragraphs(tmp_path: Path):
    path = write_docx(tmp_path / "ann.docx", ESSAY)
    assert read_script(path) == ESSAY


def test_pdf_text_layer_is_read(tmp_path: Path):
    path = write_text_pdf(tmp_path / "ben.pdf", ESSAY)
    assert " ".join(read_script(path).split()) == " ".join(ESSAY.split())


def test_scanned_pdf_is_refused_with_the_reason(tmp_path: Path):
    path = write_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(UnreadablePdf) as info:
        read_script(path)
    assert str(info.value) == (
        f"[D007] {path}: the PDF has no text layer (it is a scan or images only). Run it "
        f"through OCR, or export the script as .txt or .docx."
    )


def test_a_renamed_file_is_not_a_docx(tmp_path: Path):
    path = tmp_path / "fake.docx"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(CorruptDocx, match=r"^\[D008\] .*fake.docx: not a readable .docx file"):
        read_script(path)


def test_folder_reads_every_file_and_reports_the_bad_ones(tmp_path: Path):
    (tmp_path / "7A").mkdir()
    (tmp_path / "7A" / "cara.txt").write_text(ESSAY, encoding="utf-8")
    write_docx(tmp_path / "ann.docx", ESSAY)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0")  # hidden: skipped, not reported
    found = read_scripts(tmp_path)
    assert [s.essay_id for s in found] == ["7A/cara.txt", "ann.docx", "empty.txt", "photo.jpg"]
    assert [type(s) for s in found] == [Script, Script, Unmarked, Unmarked]
    assert found[0].student == "cara"
    assert found[2].code == "D002"
    assert found[3].reason == (
        f"[D004] {tmp_path / 'photo.jpg'}: cannot read '.jpg' files. Supported: .txt, .md, "
        f".docx, .pdf."
    )


def test_zip_members_are_read_by_their_suffix(tmp_path: Path):
    docx_path = write_docx(tmp_path / "ann.docx", ESSAY)
    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(docx_path, "set1/ann.docx")
        zf.writestr("set1/ben.txt", ESSAY)
        zf.writestr("__MACOSX/set1/._ben.txt", b"\0\0")  # Finder litter: skipped
        zf.writestr("set1/blank.md", "   ")
    found = read_scripts(archive)
    assert [s.essay_id for s in found] == ["set1/ann.docx", "set1/ben.txt", "set1/blank.md"]
    assert found[0].text == ESSAY and found[1].text == ESSAY
    assert isinstance(found[2], Unmarked) and "class.zip:set1/blank.md" in found[2].reason


def test_csv_export_columns_are_found_by_name(tmp_path: Path):
    path = tmp_path / "export.csv"
    pd.DataFrame(
        {"Student": ["Ann", "Ben", "Ann"], " Essay ": [ESSAY, "", "Second go"], "x": [1, 2, 3]}
    ).to_csv(path, index=False)
    found = read_scripts(path)
    # two rows from the same student are kept apart; an empty row is still a script
    assert [(s.essay_id, s.student, s.text) for s in found] == [
        ("Ann", "Ann", ESSAY),
        ("Ben", "Ben", ""),
        ("Ann (2)", "Ann", "Second go"),
    ]


def test_xlsx_with_chosen_columns(tmp_path: Path):
    path = tmp_path / "export.xlsx"
    pd.DataFrame({"Candidate no": ["0042"], "Answer text": [ESSAY]}).to_excel(path, index=False)
    found = read_scripts(path, text_column="answer text", id_column="Candidate No")
    assert [(s.essay_id, s.text) for s in found] == [("0042", ESSAY)]


def test_missing_column_lists_the_columns_found(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_text("name,answer text\nAnn,hello\n", encoding="utf-8")
    with pytest.raises(MissingColumns) as info:
        read_scripts(path, text_column="essay")
    assert str(info.value) == (
        f"[D009] {path}: no column named 'essay'. Columns found: 'name', 'answer text'. Rename "
        f"the columns, or tell grader which to use (see 'grader mark --help')."
    )
