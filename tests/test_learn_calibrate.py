"""'Mark 20, grader marks the rest': calibrate on marked answers, then every view agrees.

A tiny key-element question (hand-written here) and hand-written answers: the teacher
marks them, ``grader calibrate`` learns, and single-file ``mark``, batch ``mark --out``
and ``feedback`` must then give each answer the same learned mark.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app

runner = CliRunner()

RUBRIC = """\
id: plants-test
version: '1'
question: Describe how a plant makes its food and what it needs.
sides:
- key
points:
- id: k-light
  side: key
  text: Plants absorb sunlight with chlorophyll in their leaves.
- id: k-water
  side: key
  text: Plants take in water through their roots.
- id: k-carbon
  side: key
  text: Plants take in carbon dioxide from the air through stomata.
- id: k-sugar
  side: key
  text: Plants turn these into glucose and release oxygen.
count_scores: {0: 0, 1: 1, 2: 2, 3: 3}
"""

# One plain sentence per key element, and filler that earns nothing.
ELEMENTS = {
    "light": "The green chlorophyll in the leaves soaks up light from the sun.",
    "water": "Water comes up from the ground through the roots.",
    "carbon": "Tiny holes called stomata let carbon dioxide from the air into the leaf.",
    "sugar": "The plant makes sugar called glucose and gives off oxygen.",
}
FILLER = (
    "Plants are living things.",
    "I like plants in my garden.",
    "Some plants are very tall and others are small.",
)


def answers(n: int) -> list[tuple[str, str, int]]:
    """``n`` answers naming 0-4 elements; the teacher gives one mark per element, max 3."""
    combos = [c for k in range(5) for c in itertools.combinations(ELEMENTS, k)]
    out = []
    for i in range(n):
        combo = combos[i % len(combos)]
        text = " ".join([FILLER[i % len(FILLER)], *(ELEMENTS[e] for e in combo)])
        out.append((f"a{i:02d}", text, min(len(combo), 3)))
    return out


def write_table(path: Path, rows: list[tuple[str, str, int]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "mark"])
        writer.writerows(rows)
    return path


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "grader-data"
    monkeypatch.setenv("GRADER_DATA_DIR", str(folder))
    return folder


@pytest.fixture()
def rubric_file(tmp_path: Path) -> Path:
    path = tmp_path / "plants-test.yaml"
    path.write_text(RUBRIC, encoding="utf-8")
    return path


def calibrate(table: Path, rubric: Path, *extra: str):
    return runner.invoke(app, ["calibrate", "--from", str(table), "--rubric", str(rubric), *extra])


@pytest.mark.slow
def test_calibrated_mark_is_the_same_in_mark_batch_and_feedback(
    tmp_path: Path, data_dir: Path, rubric_file: Path
):
    table = write_table(tmp_path / "marked.csv", answers(64))
    done = calibrate(table, rubric_file)
    assert done.exit_code == 0, done.output
    assert "Calibrated plants-test on 64 marked answers" in done.stderr
    assert re.search(
        r"learned QWK -?\d\.\d\d, mean absolute error \d\.\d\d; zero-shot", done.stderr
    )
    saved = data_dir / "models" / "plants-test.joblib"
    meta = json.loads((data_dir / "models" / "plants-test.joblib.json").read_text())
    assert saved.is_file() and meta["n_training_answers"] == 64
    assert meta["embedding_model"] == "all-MiniLM-L6-v2" and len(meta["training_data_sha256"]) == 64
    assert meta["rubric_hash"] and meta["created"]

    # new answers, marked three ways
    new = {
        "n1.txt": "Roots take water from the soil. Sunlight is caught by chlorophyll.",
        "n2.txt": "Plants are nice to look at.",
        "n3.txt": " ".join(ELEMENTS.values()),
    }
    scripts = tmp_path / "class"
    scripts.mkdir()
    for name, text in new.items():
        (scripts / name).write_text(text, encoding="utf-8")
    single = {}
    for name in new:
        out = runner.invoke(app, ["mark", str(scripts / name), "-r", str(rubric_file), "--json"])
        assert out.exit_code == 0, out.output
        level = json.loads(out.stdout)["level"]
        assert level["method"] == "learned"
        single[name] = level["mark"]
    batch = runner.invoke(
        app, ["mark", str(scripts), "-r", str(rubric_file), "--out", str(tmp_path / "out")]
    )
    assert batch.exit_code == 0, batch.output
    assert "Using the calibrated model" in batch.stderr
    with (tmp_path / "out" / "marks.csv").open(encoding="utf-8") as handle:
        batch_marks = {row["script"]: int(row["mark"]) for row in csv.DictReader(handle)}
    feedback = {}
    for name in new:
        out = runner.invoke(app, ["feedback", str(scripts / name), "-r", str(rubric_file)])
        assert out.exit_code == 0, out.output
        feedback[name] = int(re.search(r"mark (\d+)/3", out.stdout).group(1))
    assert single == batch_marks == feedback
    assert single["n3.txt"] > single["n2.txt"]  # the learned marks still follow the answers

    # zero-shot stays available
    plain = runner.invoke(
        app,
        [
            "mark",
            str(scripts / "n2.txt"),
            "-r",
            str(rubric_file),
            "--json",
            "--level-model",
            "none",
        ],
    )
    assert json.loads(plain.stdout)["level"]["method"] != "learned"


@pytest.mark.slow
def test_a_model_from_another_rubric_is_refused(tmp_path: Path, data_dir: Path, rubric_file: Path):
    table = write_table(tmp_path / "marked.csv", answers(40))
    assert calibrate(table, rubric_file).exit_code == 0
    edited = tmp_path / "edited.yaml"  # same id, one element reworded: another rubric
    edited.write_text(RUBRIC.replace("glucose and release oxygen", "sugar"), encoding="utf-8")
    essay = tmp_path / "e.txt"
    essay.write_text(ELEMENTS["light"], encoding="utf-8")
    for command in (["mark", str(essay)], ["feedback", str(essay)]):
        out = runner.invoke(app, [*command, "-r", str(edited)])
        assert out.exit_code != 0
        assert "[L003]" in out.output and "was calibrated on rubric 'plants-test'" in out.output
        assert "grader calibrate" in out.output

    from grader.core.pipeline import Marker
    from grader.errors import ModelRubricMismatch
    from grader.learn.store import default_model_path, load_any

    with pytest.raises(ModelRubricMismatch):
        Marker(str(edited), level_model=load_any(default_model_path("plants-test")))


@pytest.mark.slow
def test_a_small_sample_warns_and_a_tiny_one_is_refused(
    tmp_path: Path, data_dir: Path, rubric_file: Path
):
    small = calibrate(write_table(tmp_path / "small.csv", answers(16)), rubric_file)
    assert small.exit_code == 0, small.output
    assert "Warning: only 16 marked answers" in small.stderr
    tiny = calibrate(write_table(tmp_path / "tiny.csv", answers(6)), rubric_file)
    assert tiny.exit_code != 0
    assert "[L002]" in tiny.output and "at least 10 answers" in tiny.output


def test_a_table_without_a_rubric_says_what_to_do(tmp_path: Path, data_dir: Path):
    table = write_table(tmp_path / "marked.csv", answers(12))
    out = runner.invoke(app, ["calibrate", "--from", str(table)])
    assert out.exit_code != 0
    assert "[L002]" in out.output and "--rubric" in out.output
