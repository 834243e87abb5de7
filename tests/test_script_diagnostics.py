"""Per-point figures over marked scripts, on hand-made marking results (no model needed)."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from scipy.stats import pointbiserialr
from sklearn.metrics import cohen_kappa_score

from grader.errors import DocumentError
from grader.io.marked import read_marked
from grader.research.diagnose_scripts import (
    level_of,
    point_table,
    script_findings,
    script_gaps,
)
from grader.scheme.rubric import rubric_from_dict
from grader.types import (
    ArgumentResult,
    Document,
    LevelEstimate,
    MarkedScript,
    MarkResult,
    PointMatch,
)

RUBRIC = rubric_from_dict(
    {
        "id": "toy",
        "question": "Why?",
        "sides": ["for", "against"],
        "points": [
            {"id": "a", "side": "for", "text": "Point a."},
            {"id": "b", "side": "for", "text": "Point b."},
            {"id": "c", "side": "against", "text": "Point c."},
        ],
        "levels": [
            {"level": 1, "marks": [0, 4]},
            {"level": 2, "marks": [5, 9]},
            {"level": 3, "marks": [10, 14]},
        ],
    }
)


def result(essay_id: str, mark: int, credited=(), dropped=()) -> MarkResult:
    matches = tuple(
        PointMatch(
            p.id,
            p.side,
            "credited" if p.id in credited else "name_dropped" if p.id in dropped else "missing",
            0.5,
        )
        for p in RUBRIC.points
    )
    return MarkResult(
        essay_id,
        "toy",
        "1",
        matches,
        ArgumentResult("none", ()),
        LevelEstimate(level_of(RUBRIC, mark) or 0, mark, 0.5),
        Document(essay_id, "", ()),
    )


# Six scripts. Point a: grader agrees with the examiner exactly and it tracks the mark.
# Point b: credited everywhere. Point c: never credited though the examiner credited it twice.
HUMAN = [
    ("e1", 2, ()),
    ("e2", 3, ()),
    ("e3", 6, ("a",)),
    ("e4", 8, ("a", "c")),
    ("e5", 12, ("a", "b")),
    ("e6", 13, ("a", "b", "c")),
]
GRADER = [
    ("e1", 2, ("b",), ("c",)),
    ("e2", 9, ("b",), ("a",)),
    ("e3", 6, ("a", "b"), ()),
    ("e4", 8, ("a", "b"), ()),
    ("e5", 12, ("a", "b"), ()),
    ("e6", 13, ("a", "b"), ()),
]
SCRIPTS = [MarkedScript(i, "text", (m,), pts) for i, m, pts in HUMAN]
RESULTS = [result(i, m, c, d) for i, m, c, d in GRADER]


@pytest.fixture(scope="module")
def table():
    return {row.point_id: row for row in point_table(RUBRIC, SCRIPTS, RESULTS)}


def test_rates_count_credited_and_name_dropped(table):
    assert (table["a"].credited_rate, table["a"].name_dropped_rate) == (4 / 6, 1 / 6)
    assert (table["b"].credited_rate, table["c"].credited_rate) == (1.0, 0.0)
    assert table["c"].name_dropped_rate == 1 / 6


def test_agreement_figures_are_scikit_learns(table):
    a = table["a"]
    assert (a.precision, a.recall, a.f1, a.kappa) == (1.0, 1.0, 1.0, 1.0)
    b = table["b"]
    assert b.precision == pytest.approx(2 / 6)
    assert b.kappa == pytest.approx(cohen_kappa_score([0, 0, 0, 0, 1, 1], [1] * 6))
    # c never predicted: precision is undefined (nan), not a misleading 0.
    assert math.isnan(table["c"].precision) and table["c"].recall == 0.0


def test_point_biserial_is_scipys_and_undefined_for_a_constant_point(table):
    marks = [m for _, m, _ in HUMAN]
    expected = pointbiserialr([0, 0, 1, 1, 1, 1], marks).statistic
    assert table["a"].r_pb == pytest.approx(expected)
    assert math.isnan(table["b"].r_pb)  # credited in every script: no spread to correlate


def test_credit_rate_by_human_level(table):
    assert table["a"].credit_by_level == ((1, 0.0, 2), (2, 1.0, 2), (3, 1.0, 2))
    assert table["c"].human_by_level == ((1, 0.0, 2), (2, 0.5, 2), (3, 0.5, 2))


def test_findings_name_the_point_and_the_figure(table):
    findings = {(f.kind, f.points): f for f in script_findings(list(table.values()))}
    assert findings[("never-credited", ("c",))].message == (
        "Point 'c' was never credited in 6 scripts (the examiner credited it in 2). Check its "
        "wording and keywords against how students write about it."
    )
    assert findings[("always-credited", ("b",))].message == (
        "Point 'b' was credited in 6 of 6 scripts (100%): it hardly separates strong answers "
        "from weak."
    )
    assert findings[("low-agreement", ("b",))].message == (
        "Point 'b' agrees poorly with the examiner's point labels (kappa 0.00, precision 0.33, "
        "recall 1.00)."
    )
    assert ("low-agreement", ("a",)) not in findings
    assert not any(kind == "not-discriminating" and pts == ("a",) for kind, pts in findings)


def test_too_few_scripts_give_no_findings(table):
    few = [replace(row, scripts=4) for row in table.values()]
    assert script_findings(few) == ()


def test_script_gaps_put_the_largest_difference_first_with_its_points():
    gaps = script_gaps(RUBRIC, SCRIPTS, RESULTS)
    assert gaps[0].essay_id == "e2"
    assert (gaps[0].human_mark, gaps[0].grader_mark) == (3, 9)
    assert gaps[0].grader_only == ("b",)
    e4 = next(g for g in gaps if g.essay_id == "e4")
    assert (e4.grader_only, e4.human_only) == (("b",), ("c",))


def test_without_point_labels_agreement_is_undefined():
    unlabelled = [MarkedScript(s.id, s.text, s.human) for s in SCRIPTS]
    row = point_table(RUBRIC, unlabelled, RESULTS)[0]
    assert math.isnan(row.kappa) and math.isnan(row.human_rate) and not math.isnan(row.r_pb)
    assert row.human_by_level == ()


def test_read_marked_reads_files_relative_to_the_jsonl(tmp_path: Path):
    # rubric check's marked sets: a file or inline text, level and name-drops kept, and a
    # script without a mark is still read (its figures use only what is labelled).
    (tmp_path / "essays").mkdir()
    (tmp_path / "essays" / "one.txt").write_text("Rapallo mattered.", encoding="utf-8")
    lines = [
        {"id": "one", "file": "essays/one.txt", "mark": 7, "level": 2, "points": ["a"]},
        {"id": "two", "text": "Inline text.", "mark": 3, "namedrops": ["b", "other:x"]},
        {"id": "three", "text": "No mark."},
    ]
    path = tmp_path / "marked.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    one, two, three = read_marked(path, marks_required=False)
    assert (one.text, one.mark, one.level, one.points) == ("Rapallo mattered.", 7, 2, ("a",))
    assert (two.text, two.points, two.namedrops) == ("Inline text.", None, ("b",))
    assert (three.human, three.mark) == ((), None)


def test_read_marked_names_the_file_and_line(tmp_path: Path):
    path = tmp_path / "marked.jsonl"
    path.write_text('{"id": "one", "mark": 3}\n', encoding="utf-8")
    with pytest.raises(DocumentError) as error:
        read_marked(path, marks_required=False)
    assert error.value.message.startswith(f"{path}: line 1: ")
    assert "'file'" in error.value.message
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(DocumentError) as error:
        read_marked(missing)
    assert error.value.message == f"{missing}: no such file. Check the path."


def test_level_of_uses_the_bands():
    assert [level_of(RUBRIC, m) for m in (0, 5, 14, 15, None)] == [1, 2, 3, None, None]
