"""Diagnostics as a user meets them: DataFrames, the Markdown section with its plot, the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.io.marked import read_marked
from grader.render.diagnostics_report import (
    PLOT_NAME,
    diagnostics_section,
    findings_frame,
    points_frame,
)
from grader.research.diagnose import diagnose

from .test_diagnostics import BAD_SCHEME  # examples/bad-rubric.yaml

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def devset_diag(devset, ussr_marker):
    scripts = read_marked(devset / "labels-q1.jsonl", marks_required=False)
    return diagnose(ussr_marker.rubric, scripts, marker=ussr_marker)


def test_points_frame_has_one_row_per_rubric_point(devset_diag, devset, ussr_marker):
    frame = points_frame(devset_diag)
    assert list(frame.index) == [p.id for p in ussr_marker.rubric.points]
    assert (frame["scripts"] == 20).all()
    rates = frame[["credited_rate", "name_dropped_rate", "human_rate"]]
    assert ((rates >= 0) & (rates <= 1)).all().all()
    # the human rate is the share of scripts whose labels list the point as explained
    lines = (devset / "labels-q1.jsonl").read_text(encoding="utf-8").splitlines()
    labels = [json.loads(line) for line in lines if line.strip()]
    for pid in frame.index:
        expected = sum(pid in row["points"] for row in labels) / len(labels)
        assert frame.loc[pid, "human_rate"] == pytest.approx(expected)


def test_section_writes_the_plot_and_links_it(devset_diag, tmp_path: Path):
    markdown = diagnostics_section(devset_diag, tmp_path)
    png = tmp_path / PLOT_NAME
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"![Per-point credit rate by human level]({PLOT_NAME})" in markdown
    assert markdown.startswith("## Rubric diagnostics\n")
    table_rows = [line for line in markdown.splitlines() if line.startswith("| s-")]
    assert len(table_rows) >= 5  # the five success points, at least
    assert "Scripts where grader and the examiner differ most:" in markdown


def test_findings_frame_lists_errors_first(tmp_path: Path):
    from grader.research.diagnose import load_for_check

    path = tmp_path / "bad-scheme.yaml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    rubric, bands = load_for_check(path)
    frame = findings_frame(diagnose(rubric, bands=bands))
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["severity"][:2]) == ["error", "error"]
    assert set(frame["kind"][:2]) == {"band-overlap", "band-gap"}


def test_cli_check_of_a_bad_rubric_exits_1_and_writes_the_messages(tmp_path: Path):
    path = tmp_path / "bad-scheme.yaml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    out = tmp_path / "diag"
    result = runner.invoke(app, ["rubric", "check", str(path), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "bad-scheme: 8 finding(s)" in result.stdout
    with (out / "findings.csv").open(encoding="utf-8") as handle:
        rows = {row["kind"]: row for row in csv.DictReader(handle)}
    assert rows["band-overlap"]["message"] == (
        "Mark 5 belongs to both level 1 (1-5) and level 2 (5-9). Start each band one mark "
        "above the top of the band below."
    )
    markdown = (out / "diagnostics.md").read_text(encoding="utf-8")
    assert (
        "- **warning** `vague-point`: Point 's-other' is too vague to match reliably: no names, "
        "dates or keywords to look for; only 2 content words." in markdown
    )
    assert not (out / "points.csv").exists()  # no scripts, no per-point table


def test_cli_check_with_scripts(tmp_path: Path):
    scripts = tmp_path / "marked.jsonl"
    rows = [
        {
            "id": "strong",
            "mark": 15,
            "points": ["s-rapallo"],
            "text": "The Treaty of Rapallo in 1922 was the greatest success because Germany and "
            "the USSR, both outcasts after Versailles, restored diplomatic relations, cancelled "
            "war debts and began secret military cooperation, which gave the USSR a partner.",
        },
        {"id": "weak", "mark": 2, "points": [], "text": "Russia was big and cold in the 1920s."},
    ]
    scripts.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    out = tmp_path / "diag"
    result = runner.invoke(
        app, ["rubric", "check", "ussr-1920s", "--scripts", str(scripts), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Per point over 2 human-marked scripts:" in result.stdout
    points = pd.read_csv(out / "points.csv", index_col="point_id")
    assert points.loc["s-rapallo", "credited_rate"] == 0.5
    assert points.loc["s-rapallo", "human_rate"] == 0.5
    assert (out / PLOT_NAME).is_file()


def test_cli_unknown_scripts_format_is_one_line(tmp_path: Path):
    sheet = tmp_path / "marks.ods"
    sheet.write_bytes(b"PK")
    result = runner.invoke(app, ["rubric", "check", "ussr-1920s", "--scripts", str(sheet)])
    assert result.exit_code == 1
    # one reader for evaluate and rubric check (grader.io.marked): the same message for both
    assert result.stderr == (
        f"Error: [D004] {sheet}: cannot read '.ods' files as marked scripts. "
        f"Supported: .csv, .xlsx, .jsonl.\n"
    )
