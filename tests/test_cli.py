"""The CLI as a user sees it: exact messages and exit codes."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.scheme.rubric import available_rubrics

from .conftest import MODEL_ESSAY, ROOT

runner = CliRunner()


def test_unknown_rubric_is_one_clear_line(tmp_path: Path):
    essay = tmp_path / "e.txt"
    essay.write_text("Rapallo mattered.", encoding="utf-8")
    result = runner.invoke(app, ["mark", str(essay), "--rubric", "nope"])
    assert result.exit_code == 1
    # the list is whatever rubrics are bundled; the seed's is always among them
    known = ", ".join(available_rubrics())
    assert "ussr-1920s" in known
    assert result.stderr == (
        "Error: [R002] Rubric 'nope' not found: no such file, and no rubric of that name in "
        f"./rubrics, your rubrics folder or the bundled rubrics. Available rubrics: {known}. "
        "Pass a path to a .yaml rubric, or import one with 'grader rubric import SCHEME "
        "--id NAME --save'.\n"
    )


def test_empty_essay_is_one_clear_line(tmp_path: Path):
    essay = tmp_path / "empty.txt"
    essay.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["mark", str(essay), "--rubric", "ussr-1920s"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D002] {essay}: the script is empty (no text to mark). "
        f"Check that the right file was exported.\n"
    )


def test_missing_file_is_one_clear_line(tmp_path: Path):
    result = runner.invoke(app, ["mark", str(tmp_path / "gone.txt"), "--rubric", "ussr-1920s"])
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: [D004] {tmp_path / 'gone.txt'}: no such file. Check the path.\n"
    )


def test_unsupported_suffix_is_one_clear_line(tmp_path: Path):
    essay = tmp_path / "essay.odt"
    essay.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["mark", str(essay), "--rubric", "ussr-1920s"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D004] {essay}: cannot read '.odt' files. Supported: .txt, .md, .docx, .pdf.\n"
    )


@pytest.mark.slow
def test_mark_prints_a_report_and_json():
    result = runner.invoke(app, ["mark", str(MODEL_ESSAY), "--rubric", "ussr-1920s"])
    assert result.exit_code == 0, result.output
    assert "s-rapallo" in result.stdout and "credited" in result.stdout
    as_json = runner.invoke(app, ["mark", str(MODEL_ESSAY), "--rubric", "ussr-1920s", "--json"])
    data = json.loads(as_json.stdout)
    assert "s-rapallo" in data["credited"]
    # its one line ("further strengthened this partnership") names it, explains nothing
    assert "s-berlin-1926" in data["name_dropped"]
    assert data["rubric_id"] == "ussr-1920s"


def test_rubric_import_writes_a_loadable_rubric(tmp_path: Path):
    out = tmp_path / "r.yaml"
    result = runner.invoke(
        app,
        [
            "rubric",
            "import",
            str(ROOT / "rubrics/sources/ussr-1920s.txt"),
            "--id",
            "ussr-copy",
            "--ids",
            str(ROOT / "rubrics/sources/ussr-1920s.ids.json"),
            "--levels",
            str(ROOT / "grader/scheme/default_bands.yaml"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["rubric", "show", str(out)])
    assert "s-recognition-1924" in shown.stdout
    assert "18-20" in shown.stdout


def test_rubric_import_without_bands_says_which_it_used_and_how_to_change_them(tmp_path: Path):
    out = tmp_path / "x.yaml"
    result = runner.invoke(
        app,
        [
            "rubric",
            "import",
            str(ROOT / "rubrics/sources/ussr-1920s.txt"),
            "--id",
            "x",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Using point ids from ussr-1920s.ids.json beside the scheme (pass --ids FILE to use "
        "another).\n"
        "Warning: ussr-1920s.txt: no marks or levels stated, so grader's default essay bands "
        "were used (levels 0-5, 0-20 marks). To use your own, pass --levels FILE or "
        "--count-scores (in the web app, borrow another rubric's bands).\n"
        f"Wrote {out} (10 points, sides: failure, success)\n"
    )


def test_rubric_show_prints_levels_sides_and_points_of_a_levels_scheme():
    result = runner.invoke(app, ["rubric", "show", "history-main-cause-16"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Kind: levels of response (points are indicative content)" in out
    assert "Stated factor: The Treaty of Versailles" in out
    assert "Sides: stated-factor (3 points), other-factors (5 points)" in out
    assert "o-appeasement" in out and "13-16" in out
    # the level table gives each level's descriptor and the start of its example answers
    assert re.search(r"│ 4\s+│ 13-16 │ Complex explanation.*│ 1\. I agree only in part", out)
    assert "Marks: 16 | Question type: how-far" in out


def test_rubric_import_of_a_levels_scheme_needs_no_bands(tmp_path: Path):
    out = tmp_path / "b.yaml"
    result = runner.invoke(
        app,
        [
            "rubric",
            "import",
            str(ROOT / "rubrics/sources/business-evaluate-12.txt"),
            "--id",
            "b",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Using point ids from business-evaluate-12.ids.json beside the scheme (pass --ids FILE "
        f"to use another).\nWrote {out} (8 points, sides: for, against)\n"
    )
    shown = runner.invoke(app, ["rubric", "show", str(out)])
    assert "10-12" in shown.stdout and "Kind: levels of response" in shown.stdout


def test_a_folder_without_out_is_a_usage_error(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Rapallo mattered.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Locarno mattered.", encoding="utf-8")
    result = runner.invoke(app, ["mark", str(tmp_path), "--rubric", "ussr-1920s"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path} holds 2 scripts: give an output folder with --out, e.g. "
        f"--out marked/.\n"
    )


@pytest.mark.slow
def test_batch_exit_codes(tmp_path: Path):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    (scripts / "blank.txt").write_text("   ", encoding="utf-8")
    nothing = runner.invoke(
        app, ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(tmp_path / "out")]
    )
    assert nothing.exit_code == 1
    assert nothing.stderr.endswith(
        f"Error: [D001] {scripts}: none of the 1 scripts could be marked (reasons above). The "
        f"spreadsheet in {tmp_path / 'out'} lists them.\n"
    )
    assert "not marked: blank.txt: [D002]" in nothing.stderr

    shutil.copy(MODEL_ESSAY, scripts / "model.txt")
    some = runner.invoke(
        app, ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(tmp_path / "out")]
    )
    assert some.exit_code == 0, some.output
    assert "Marked 1 of 2 scripts; 0 flagged for review; 1 not marked." in some.stderr
    assert (tmp_path / "out" / "reports" / "model.txt.html").is_file()


def test_missing_csv_column_is_one_clear_line(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_text("name,answer text\nAnn,hello\n", encoding="utf-8")
    result = runner.invoke(
        app, ["mark", str(path), "--rubric", "ussr-1920s", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D009] {path}: no column named 'text'. Columns found: 'name', 'answer text'. "
        f"Rename the columns, or tell grader which to use (see 'grader mark --help').\n"
    )


def test_unknown_model_is_one_clear_line():
    result = runner.invoke(
        app, ["mark", str(MODEL_ESSAY), "--rubric", "ussr-1920s", "--model", "gpt-9"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: [M001] Unknown embedding model 'gpt-9'. Use ")
    assert "nothing is downloaded at run time" in result.stderr


def test_mark_refuses_zero_workers_before_loading_anything(tmp_path):
    result = runner.invoke(
        app,
        [
            "mark",
            str(tmp_path),
            "--rubric",
            "ussr-1920s",
            "--out",
            str(tmp_path / "o"),
            "--workers",
            "0",
        ],
    )
    assert result.exit_code == 2
    assert "Invalid value for '--workers': Input should be greater than or equal to 1" in (
        result.output
    )
