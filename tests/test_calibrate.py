"""The moderation loop: edit marks.xlsx, calibrate, re-mark, marks move toward the edits.

(The learned model itself, and mark/batch/feedback agreeing, are in test_learn_calibrate.py.)
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from grader.apps.batch_cli import calibration_answers
from grader.apps.cli import app
from grader.errors import CalibrationError

runner = CliRunner()


@pytest.mark.slow
def test_calibrate_from_the_edited_spreadsheet_round_trips(
    devset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("GRADER_DATA_DIR", str(tmp_path / "grader-data"))
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    # 12 essays of one question; the teacher's marks are the examiner's labels
    labels = [json.loads(line) for line in (devset / "labels-q1.jsonl").read_text().splitlines()]
    teacher = {}
    for label in labels[:12]:
        shutil.copy(devset / label["file"], scripts / Path(label["file"]).name)
        teacher[Path(label["file"]).name] = label["mark"]
    out, models = tmp_path / "marked", tmp_path / "models"
    args = ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(out)]
    first = runner.invoke(app, [*args, "--level-model", "none"])
    assert first.exit_code == 0, first.output

    # the teacher edits the mark column for half the class and overrides the rest
    book = load_workbook(out / "marks.xlsx")
    sheet = book["marks"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) for name in ("script", "mark", "override")}
    machine = {}
    for n, row in enumerate(sheet.iter_rows(min_row=2)):
        script = row[col["script"]].value
        machine[script] = row[col["mark"]].value
        target = row[col["mark"]] if n % 2 else row[col["override"]]
        target.value = teacher[script]
    book.save(out / "marks.xlsx")

    model_path = models / "ussr-1920s.joblib"
    calibrated = runner.invoke(
        app, ["calibrate", "--from", str(out / "marks.xlsx"), "--save", str(model_path)]
    )
    assert calibrated.exit_code == 0, calibrated.output
    edited = sum(machine[s] != teacher[s] for s in teacher)
    assert (
        f"Calibrated ussr-1920s on 12 marked answers ({edited} differ from the zero-shot marks)."
        in calibrated.stderr
    )
    assert "Warning: only 12 marked answers" in calibrated.stderr
    assert model_path.is_file()
    metadata = json.loads((models / "ussr-1920s.joblib.json").read_text())
    assert metadata["n_training_answers"] == 12 and metadata["rubric_id"] == "ussr-1920s"

    again = runner.invoke(app, [*args, "--level-model", str(model_path)])
    assert again.exit_code == 0, again.output
    assert "Using the calibrated model" in again.stderr
    assert "(12 unchanged since the last run" not in again.stderr  # the model is a new setting
    book = load_workbook(out / "marks.xlsx")
    rows = list(book["marks"].iter_rows(min_row=2, values_only=True))
    remarked = {row[col["script"]]: row[col["mark"]] for row in rows}
    changed = sum(remarked[s] != machine[s] for s in teacher)
    assert changed > 0 and f"{changed} mark(s) changed since the last run:" in again.stderr
    before = np.mean([abs(machine[s] - teacher[s]) for s in teacher])
    after = np.mean([abs(remarked[s] - teacher[s]) for s in teacher])
    assert after < before, (before, after)
    overrides = {row[col["script"]]: row[col["override"]] for row in rows}
    assert overrides == {s: (teacher[s] if n % 2 == 0 else None) for n, s in enumerate(machine)}
    about = {r[0]: r[1] for r in book["about"].iter_rows(min_row=2, values_only=True)}
    assert about["level method"] == "learned"


def test_calibrate_without_results_says_what_to_do(tmp_path: Path):
    marks = tmp_path / "marks.csv"
    marks.write_text("script,mark,override\na.txt,3,\n", encoding="utf-8")
    with pytest.raises(CalibrationError) as info:
        calibration_answers(marks, None)
    assert str(info.value) == (
        f"[L002] {marks}: no 'grader mark --out' results beside it, so grader cannot tell the "
        f"question. Name its rubric with --rubric (e.g. --rubric asap-5), or calibrate from the "
        f"marks.xlsx in the folder 'grader mark ... --out' wrote."
    )
