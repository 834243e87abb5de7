"""`grader evaluate` end to end on a small marked CSV, and the report it writes."""

import json
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner

from grader.apps.cli import app

runner = CliRunner()
pytestmark = pytest.mark.slow

ROWS = [
    ("r1", "Osmosis is the diffusion of water across the cell membrane.", 1, 1),
    (
        "r2",
        "Active transport uses energy to move molecules against the gradient. "
        "Osmosis moves water across the membrane.",
        2,
        2,
    ),
    ("r3", "The nucleus is the brain of the cell.", 0, 0),
    (
        "r4",
        "Endocytosis engulfs particles. Exocytosis releases them from a vesicle. "
        "Osmosis is the diffusion of water.",
        3,
        2,
    ),
    ("r5", "Cells do things.", 0, 1),
    ("r6", "", 0, 0),  # an empty answer: reported unmarked, never counted as a zero
]


@pytest.fixture(scope="module")
def marked_csv(tmp_path_factory) -> Path:
    import csv

    path = tmp_path_factory.mktemp("marks") / "marks.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "answer", "teacher", "moderator"])
        writer.writerows(ROWS)
    return path


def test_evaluate_writes_report_plots_and_figures(marked_csv: Path, tmp_path: Path):
    out = tmp_path / "report"
    result = runner.invoke(
        app,
        [
            "evaluate",
            "asap-6",
            str(marked_csv),
            "--out",
            str(out),
            "--id-col",
            "student",
            "--text-col",
            "answer",
            "--human-col",
            "teacher",
            "--human-col",
            "moderator",
            "--bootstrap",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "human 1 vs human 2" in result.stdout
    assert "1 script(s) could not be marked" in result.stdout
    for name in ("report.md", "report.html", "figures.json", "confusion.png", "scatter.png"):
        assert (out / name).stat().st_size > 0, name
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    marked_rows = ROWS[:5]
    expected_hh = cohen_kappa_score(
        [r[2] for r in marked_rows], [r[3] for r in marked_rows], weights="quadratic"
    )
    assert figures["human"]["qwk"]["value"] == pytest.approx(expected_hh, abs=1e-6)
    assert figures["machine"]["n"] == 5
    assert [u["essay_id"] for u in figures["unmarked"]] == ["r6"]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "![Confusion matrix" in report and "| human vs grader | QWK |" in report
    assert "<img src='scatter.png'" in (out / "report.html").read_text(encoding="utf-8")
    assert not (out / "point_f1.png").exists()  # no point labels in this table


def test_wrong_column_is_one_clear_line(marked_csv: Path, tmp_path: Path):
    # "student" and "answer" are recognised as id and text; no column holds a mark.
    result = runner.invoke(
        app, ["evaluate", "asap-6", str(marked_csv), "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D009] {marked_csv}: no column named 'mark'. Columns found: 'student', "
        f"'answer', 'teacher', 'moderator'. Rename the columns, or tell grader which to use "
        f"(see 'grader evaluate --help').\n"
    )


def test_devset_evaluation_reports_point_f1(devset: Path, tmp_path: Path):
    out = tmp_path / "q2"
    result = runner.invoke(
        app,
        [
            "evaluate",
            "league-1920s",
            str(devset / "labels-q2.jsonl"),
            "--out",
            str(out),
            "--bootstrap",
            "100",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Point detection (all points)" in result.stdout
    figures = json.loads((out / "figures.json").read_text(encoding="utf-8"))
    pooled = figures["points"][-1]
    assert pooled["point_id"] == "all points"
    # Same labels and matcher as scripts/point_detection.py (league credited F1 0.883).
    assert pooled["f1"] >= 0.78
    assert (out / "point_f1.png").stat().st_size > 0
