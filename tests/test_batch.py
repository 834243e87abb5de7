"""Marking a class: mixed file kinds, bad scripts reported, outputs, re-runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from grader.apps.batch import load_results, mark_batch, report_names
from grader.io.spreadsheet import COLUMNS
from grader.types import MarkResult
from tests.script_files import write_docx, write_scanned_pdf, write_text_pdf


@pytest.fixture(scope="module")
def class_folder(devset: Path, tmp_path_factory) -> Path:
    """The 20 ussr-1920s devset essays as .txt, .docx and .pdf, plus three bad scripts."""
    folder = tmp_path_factory.mktemp("class")
    for n, essay in enumerate(sorted((devset / "essays").glob("dev-q1-*.txt"))):
        text = essay.read_text(encoding="utf-8")
        if n % 3 == 0:
            shutil.copy(essay, folder / essay.name)
        elif n % 3 == 1:
            write_docx(folder / f"{essay.stem}.docx", text)
        else:
            write_text_pdf(folder / f"{essay.stem}.pdf", text)
    (folder / "zz-empty.txt").write_bytes(b"")
    (folder / "zz-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    write_scanned_pdf(folder / "zz-scan.pdf")
    return folder


@pytest.fixture(scope="module")
def marked(class_folder: Path, tmp_path_factory, ussr_marker):
    out = tmp_path_factory.mktemp("marked")
    return mark_batch(class_folder, "ussr-1920s", out=out, marker=ussr_marker), out


@pytest.mark.slow
def test_every_good_script_is_marked_and_each_bad_one_has_its_reason(class_folder, marked):
    batch, _ = marked
    assert len(batch.results) == 20
    assert {Path(r.essay_id).suffix for r in batch.results} == {".txt", ".docx", ".pdf"}
    assert all(isinstance(r, MarkResult) and 0 <= r.level.mark <= 20 for r in batch.results)
    reasons = {u.essay_id: u.reason for u in batch.unmarked}
    assert reasons == {
        "zz-binary.txt": f"[D006] {class_folder / 'zz-binary.txt'}: this is a binary file, not "
        "text. Export the script as .txt, .docx or .pdf.",
        "zz-empty.txt": f"[D002] {class_folder / 'zz-empty.txt'}: the script is empty (no text "
        "to mark). Check that the right file was exported.",
        "zz-scan.pdf": f"[D007] {class_folder / 'zz-scan.pdf'}: the PDF has no text layer (it is "
        "a scan or images only). Run it through OCR, or export the script as .txt or .docx.",
    }


@pytest.mark.slow
def test_outputs_are_written_and_results_kept_for_later(marked):
    batch, out = marked
    names = report_names(r.essay_id for r in batch.results)
    for result in batch.results:
        html = (out / "reports" / names[result.essay_id]).read_text(encoding="utf-8")
        assert f"{result.level.mark}/20" in html
    summary = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in summary and "zz-scan.pdf" in summary and "no text layer" in summary
    assert "20 scripts marked, 3 not marked" in " ".join(summary.split())
    assert load_results(out) == {r.essay_id: r for r in batch.results}
    assert not list(out.rglob("*.tmp"))


@pytest.mark.slow
def test_rerun_skips_unchanged_scripts_unless_forced(class_folder, marked, ussr_marker, tmp_path):
    batch, out = marked
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = mark_batch(class_folder, "ussr-1920s", out=copy, marker=ussr_marker)
    assert again.reused == 20 and again.changed == ()
    assert again.results == batch.results

    small = tmp_path / "small"
    small.mkdir()
    for essay in sorted(class_folder.glob("dev-*.txt"))[:2]:
        shutil.copy(essay, small / essay.name)
    essays = sorted(small.iterdir())
    assert len(essays) == 2
    first = mark_batch(small, "ussr-1920s", out=tmp_path / "o2", marker=ussr_marker)
    assert first.reused == 0
    essays[0].write_text(essays[0].read_text(encoding="utf-8") + "\n\nA new line.", "utf-8")
    edited = mark_batch(small, "ussr-1920s", out=tmp_path / "o2", marker=ussr_marker)
    assert edited.reused == len(essays) - 1
    forced = mark_batch(small, "ussr-1920s", out=tmp_path / "o2", marker=ussr_marker, force=True)
    assert forced.reused == 0


@pytest.mark.slow
def test_one_script_that_breaks_the_marker_never_stops_the_batch(
    ussr_marker, monkeypatch, tmp_path
):
    for name, text in {"a.txt": "The Treaty of Rapallo in 1922.", "b.txt": "Genoa failed."}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    real = ussr_marker.assess

    def assess(doc, vectors):
        if doc.id == "b.txt":
            raise ZeroDivisionError("division by zero")
        return real(doc, vectors)

    monkeypatch.setattr(ussr_marker, "assess", assess)
    batch = mark_batch(tmp_path, "ussr-1920s", marker=ussr_marker)
    assert [r.essay_id for r in batch.results] == ["a.txt"]
    assert [(u.essay_id, u.code, u.reason) for u in batch.unmarked] == [
        (
            "b.txt",
            "G000",
            f"{tmp_path / 'b.txt'}: grader failed on this script (ZeroDivisionError: division "
            f"by zero). The other scripts were marked; please report this with the script.",
        )
    ]


def test_report_names_are_safe_and_unique():
    # ids come from file paths and spreadsheet cells: never used as paths themselves
    assert report_names(["7A/ann.txt", "../../etc/passwd", "Ann Lee", "ann lee"]) == {
        "7A/ann.txt": "7A_ann.txt.html",
        "../../etc/passwd": "etc_passwd.html",
        "Ann Lee": "Ann_Lee.html",
        "ann lee": "ann_lee-2.html",
    }


@pytest.mark.slow
def test_marks_xlsx_columns_values_and_layout(marked):
    batch, out = marked
    frame = pd.read_excel(out / "marks.xlsx", sheet_name="marks")
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == 23
    by_script = frame.set_index("script")
    for result in batch.results:
        row = by_script.loc[result.essay_id]
        assert row["status"] == "marked"
        assert (row["level"], row["mark"]) == (result.level.level, result.level.mark)
        assert row["student"] == Path(result.essay_id).stem
        credited = [] if pd.isna(row["credited"]) else str(row["credited"]).split(", ")
        assert credited == result.credited
        assert row["balance"] == result.argument.balance
    unmarked = frame[frame.status == "unmarked"]
    assert sorted(unmarked.script) == ["zz-binary.txt", "zz-empty.txt", "zz-scan.pdf"]
    assert unmarked["mark"].isna().all()  # never a silent zero
    assert unmarked.set_index("script").loc["zz-scan.pdf", "unmarked_reason"].startswith("[D007]")
    csv = pd.read_csv(out / "marks.csv")
    assert csv[["script", "status", "mark"]].equals(frame[["script", "status", "mark"]])

    book = load_workbook(out / "marks.xlsx")
    assert book.sheetnames == ["marks", "points", "about"]
    sheet = book["marks"]
    assert sheet.freeze_panes == "C2"
    longest = frame["credited"].dropna().str.len().max()
    assert sheet.column_dimensions["K"].width >= min(longest, 40)  # point lists are readable
    assert sheet.column_dimensions["A"].width < 30  # ... and short columns stay narrow
    grey = [r for r in sheet.iter_rows(min_row=2) if r[2].value == "unmarked"]
    assert {r[0].fill.fgColor.rgb[-6:] for r in grey} == {"E7E6E6"}
    points = book["points"]
    header = [c.value for c in points[1]]
    assert header[:3] == ["student", "script", "credited"] and len(header) == 13
    first = batch.results[0]
    row = next(r for r in points.iter_rows(min_row=3, values_only=True) if r[1] == first.essay_id)
    assert row[2] == len(first.credited)
    assert [v.replace("-", "_") for v in row[3:]] == [m.status for m in first.matches]
    about = {r[0]: r[1] for r in book["about"].iter_rows(min_row=2, values_only=True)}
    assert about["rubric"] == "ussr-1920s" and '"model": "all-MiniLM-L6-v2"' in about["settings"]
