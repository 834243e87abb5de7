"""Golden records: the marks on every development essay stay what they were.

Recorded before the package was reorganised (issue #15) and kept as a regression guard:
a change that is meant to change marks regenerates ``tests/data/golden`` with
``python scripts/golden.py --write`` (and the batch CSV as below) in the same commit.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from scripts.golden import GOLDEN, record

pytestmark = pytest.mark.slow
BATCH_GOLDEN = GOLDEN.parent / "batch-ussr-1920s-marks.csv"


def _differences(expected: object, actual: object, where: str = "") -> list[str]:
    """Paths at which two JSON values differ (the first few, for a readable failure)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            out += _differences(expected.get(key), actual.get(key), f"{where}/{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [
            d
            for i, (e, a) in enumerate(zip(expected, actual, strict=True))
            for d in _differences(e, a, f"{where}[{i}]")
        ]
    return [] if expected == actual else [f"{where}: {expected!r} -> {actual!r}"]


def test_every_development_essay_is_marked_as_recorded(devset: Path) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    actual = record(devset)
    assert sorted(actual) == sorted(expected)
    diffs = _differences(expected, actual)
    assert not diffs, f"{len(diffs)} differences, e.g.\n" + "\n".join(diffs[:15])


def test_a_batch_writes_the_recorded_marks_csv(devset: Path, tmp_path: Path) -> None:
    scripts = tmp_path / "q1"
    scripts.mkdir()
    for essay in sorted((devset / "essays").glob("dev-q1-*.txt")):
        shutil.copy(essay, scripts / essay.name)
    result = CliRunner().invoke(
        app, ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    with BATCH_GOLDEN.open(encoding="utf-8") as f:
        expected = list(csv.DictReader(f))
    with (tmp_path / "out" / "marks.csv").open(encoding="utf-8") as f:
        actual = list(csv.DictReader(f))
    assert actual == expected
