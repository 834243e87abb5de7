"""One evaluation over many questions: the word-count baseline, pooling, and the command."""

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.errors import GraderError
from grader.io.question_sets import LabelledAnswer, QuestionSet
from grader.research.evaluate import qwk
from grader.research.evaluate_questions import (
    baseline_marks,
    evaluate_questions,
    level_of_mark,
    pooled_figures,
    scheme_kind,
)
from grader.types import LevelBand, PointMarking, Rubric
from tests.conftest import DEVSET
from tests.test_question_sets import write_question

runner = CliRunner()


def question(qid: str, answers: list[tuple[int, int]], max_mark: int = 10) -> QuestionSet:
    """A question whose answer i has ``words`` words and the given mark."""
    return QuestionSet(
        qid,
        qid,
        tuple(
            LabelledAnswer(f"{qid}-{i}", " ".join(["word"] * words), mark, 0)
            for i, (words, mark) in enumerate(answers)
        ),
        scheme_text="",
        max_mark=max_mark,
    )


# --------------------------------------------------------------------------- baseline


def test_baseline_follows_word_count_fitted_on_the_other_questions():
    longer_is_better = [(10, 1), (50, 5), (100, 10)]
    questions = [
        question("a", longer_is_better),
        question("b", longer_is_better),
        question("c", [(10, 4), (100, 4)], max_mark=4),
    ]
    marks = baseline_marks(questions, [10, 10, 4])
    # c's own marks (flat) are not used for c: a and b say longer answers earn more
    assert marks[2] == [0, 4]
    # a is fitted on b and c: at 10 words shares 0.1 (b) and 1.0 (c), at 50 words 0.5 (b):
    # the isotonic fit pools the violation to (0.1 + 1.0 + 0.5) / 3, i.e. 5.3 of 10
    assert marks[0] == marks[1] == [5, 5, 10]


def test_baseline_of_a_question_ignores_its_own_labels():
    others = question("a", [(10, 1), (50, 5), (100, 10)])
    before = baseline_marks([others, question("b", [(20, 0), (80, 10)])], [10, 10])
    after = baseline_marks([others, question("b", [(20, 10), (80, 0)])], [10, 10])
    assert before[1] == after[1]  # leave-one-question-out: b's labels never reach b's fit
    assert before[0] != after[0]  # ...but they are a's training data


def test_level_of_mark_uses_the_bands():
    bands = (LevelBand(1, 1, 3), LevelBand(2, 4, 6))
    rubric = Rubric("r", "Why?", ("main",), (), bands, kind="levels")
    assert [level_of_mark(rubric, m) for m in (0, 1, 3, 4, 6)] == [0, 1, 1, 2, 2]
    # a point-marked scheme has no bands: an answer's level is its mark, as examiners record it
    unbanded = Rubric("p", "Explain how?", ("main",), (), (), kind="points", marks=4)
    assert [level_of_mark(unbanded, m) for m in (0, 2, 4)] == [0, 2, 4]


def test_scheme_kind_names_point_marked_schemes():
    seed = Rubric("s", "How far?", ("main",), (), (), kind="points")
    marked = Rubric("p", "Explain how?", ("main",), (), (), point_marking=PointMarking())
    assert [scheme_kind(r) for r in (seed, marked, None)] == [
        "points",
        "point-marked",
        "not imported",
    ]


# --------------------------------------------------------------------------- pooling


def test_pooled_mark_qwk_is_the_fisher_mean_and_levels_pool_answers():
    perfect = ([0, 1, 2, 3], [0, 1, 2, 3], [0, 1, 1, 2], [0, 1, 1, 2])
    off = ([0, 1, 2, 3], [0, 1, 2, 2], [0, 1, 1, 2], [0, 0, 1, 2])
    pooled = pooled_figures([perfect, off], n_boot=0)
    # one QWK of 1.0 is clipped to 0.999 before Fisher's z, as tanh(arctanh(1)) is undefined
    expected = math.tanh((math.atanh(0.999) + math.atanh(qwk(off[0], off[1]))) / 2)
    assert pooled.mark_qwk.value == pytest.approx(expected)
    assert pooled.level_exact.value == pytest.approx(7 / 8)
    assert pooled.level_adjacent.value == 1.0


def test_pooled_intervals_contain_the_value_and_repeat_with_the_seed():
    rng = np.random.default_rng(1)
    human = list(rng.integers(0, 5, 20))
    noisy = [int(np.clip(h + rng.integers(-1, 2), 0, 4)) for h in human]
    groups = [(human, noisy, human, noisy)] * 2
    first = pooled_figures(groups, n_boot=200, seed=3)
    assert first == pooled_figures(groups, n_boot=200, seed=3)
    for estimate in (first.mark_qwk, first.level_exact, first.level_adjacent):
        assert estimate.low <= estimate.value <= estimate.high


# --------------------------------------------------------------------------- end to end

CANALS = """Why did the canal age come to an end?
Level 2 (3-4 marks)
A developed explanation of two or more reasons, each supported with accurate detail.
Level 1 (1-2 marks)
A basic explanation of one reason, or reasons described with little detail.
"""
TOWNS = """Why did factory towns grow so quickly?
Level 2 (3-4 marks)
A developed explanation of two or more reasons, each supported with accurate detail.
Level 1 (1-2 marks)
A basic explanation of one reason, or reasons described with little detail.
"""
ANSWERS = [
    ("Railways were faster.", 1, 1),
    (
        "Railways were faster and cheaper than canals, so goods moved by train. Canals froze in "
        "winter, which stopped trade for weeks, so merchants lost money and moved to rail.",
        4,
        2,
    ),
    ("I do not know.", 0, 0),
    ("Canals were slow because horses pulled the boats, so railways took their trade.", 2, 1),
]


def labelled(answers: list[tuple[str, int, int]], max_mark: int) -> list[dict]:
    return [
        {"id": f"a{i}", "mark": mark, "level": level, "max_mark": max_mark, "text": text}
        for i, (text, mark, level) in enumerate(answers)
    ]


def write_with_text(root: Path, name: str, scheme: str, answers, max_mark: int = 4) -> Path:
    labels = labelled(answers, max_mark)
    folder = write_question(
        root, name, [{k: v for k, v in x.items() if k != "text"} for x in labels], scheme
    )
    for label in labels:
        (folder / "essays" / f"{label['id']}.txt").write_text(label["text"], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("questions")
    write_with_text(root, "canals", CANALS, ANSWERS)
    write_with_text(root, "towns", TOWNS, ANSWERS)
    # a scheme with neither a question nor level headings: reported, never a crash
    write_with_text(root, "zz-broken", "Some notes for markers.\n", ANSWERS)
    return root


@pytest.mark.slow
def test_command_prints_each_question_and_writes_json_and_markdown(folders: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["evaluate-questions", str(folders), "--bootstrap", "20", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "canals: marked" in result.output
    assert "zz-broken: not imported: [R" in result.output
    figures = json.loads((out / "questions.json").read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in figures["questions"]}
    assert set(by_id) == {"canals", "towns", "zz-broken"}
    # the importer's own coded line, naming the file (its wording is the importer's)
    assert by_id["zz-broken"]["error"].startswith("[R")
    assert "zz-broken/markscheme.txt" in by_id["zz-broken"]["error"]
    assert by_id["zz-broken"]["kind"] == "not imported"
    assert all(a["grader_mark"] is None for a in by_id["zz-broken"]["answers"])
    canals = by_id["canals"]
    assert canals["kind"] == "levels" and canals["n"] == 4
    assert all(a["grader_mark"] is not None for a in canals["answers"])
    assert figures["pooled_over"] == ["canals", "towns"]
    markdown = (out / "questions.md").read_text(encoding="utf-8")
    assert "| canals | levels | 4 | 4 |" in markdown
    assert "| **pooled** | 2 questions | | 8 |" in markdown
    assert "- `zz-broken`: [R" in markdown


def test_command_needs_something_to_evaluate():
    result = runner.invoke(app, ["evaluate-questions"])
    assert result.exit_code == 2  # a usage error, like any wrong option
    assert result.output == (
        "Error: give a folder of question folders, or --labelled RUBRIC=LABELS.jsonl "
        "(see grader evaluate-questions --help).\n"
    )


def test_one_question_cannot_have_a_leave_one_out_baseline():
    with pytest.raises(GraderError, match=r"\[G000\] Give at least two questions \(got 1\)"):
        evaluate_questions([question("a", [(10, 1)])])


@pytest.mark.slow
def test_devset_subset_with_a_bundled_rubric(tmp_path: Path):
    """CI: two development questions (three answers each) and the first original question."""
    if not (DEVSET / "questions" / "tectonic-hazards").is_dir():
        pytest.skip(f"development questions not found at {DEVSET}")
    root = tmp_path / "questions"
    for name in ("tectonic-hazards", "river-flooding"):
        source = DEVSET / "questions" / name
        shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("labels.jsonl"))
        lines = (source / "labels.jsonl").read_text(encoding="utf-8").splitlines()[:3]
        (root / name / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "evaluate-questions",
            str(root),
            "--labelled",
            f"ussr-1920s={DEVSET / 'labels-q1.jsonl'}",
            "--bootstrap",
            "20",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads((out / "questions.json").read_text(encoding="utf-8"))
    by_id = {q["id"]: q for q in figures["questions"]}
    assert [by_id[q]["n"] for q in ("ussr-1920s", "tectonic-hazards", "river-flooding")] == [
        20,
        3,
        3,
    ]
    assert by_id["ussr-1920s"]["kind"] == "points" and not by_id["ussr-1920s"]["error"]
    # the seed question is marked well (README: QWK 0.94); a regression in marking shows here
    assert by_id["ussr-1920s"]["grader"]["mark_qwk"]["value"] >= 0.85
