"""Reading question folders and labelled rubrics for `grader evaluate-questions`."""

import json
from pathlib import Path

import pytest

from grader.errors import DocumentError, MissingColumns, UnsupportedFile
from grader.io.question_sets import read_labelled_rubric, read_question_folders


def write_question(root: Path, name: str, labels: list[dict], scheme: str = "Why?\n") -> Path:
    folder = root / name
    (folder / "essays").mkdir(parents=True)
    (folder / "markscheme.txt").write_text(scheme, encoding="utf-8")
    lines = []
    for label in labels:
        (folder / "essays" / f"{label['id']}.txt").write_text(
            f"Answer {label['id']} about canals.", encoding="utf-8"
        )
        lines.append(json.dumps({"file": f"essays/{label['id']}.txt", **label}))
    (folder / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_reads_each_question_folder_by_name(tmp_path: Path):
    write_question(tmp_path, "b-q", [{"id": "b1", "mark": 2, "level": 1, "max_mark": 4}])
    write_question(tmp_path, "a-q", [{"id": "a1", "mark": 0, "level": 0}])
    (tmp_path / "notes").mkdir()  # a folder without labels is not a question
    questions = read_question_folders(tmp_path)
    assert [q.id for q in questions] == ["a-q", "b-q"]
    assert questions[1].max_mark == 4 and questions[0].max_mark == 0  # 0: from the rubric
    assert questions[1].scheme_text == "Why?\n" and questions[1].rubric is None
    assert questions[1].source == "b-q/markscheme.txt"
    answer = questions[1].answers[0]
    assert (answer.id, answer.mark, answer.level) == ("b1", 2, 1)
    assert answer.text == "Answer b1 about canals."


def test_a_single_question_folder_is_read_too(tmp_path: Path):
    folder = write_question(tmp_path, "only", [{"id": "o1", "mark": 1, "level": 1}])
    assert [q.id for q in read_question_folders(folder)] == ["only"]


def test_a_folder_without_questions_says_what_each_needs(tmp_path: Path):
    with pytest.raises(UnsupportedFile, match="no question folders found .*labels.jsonl"):
        read_question_folders(tmp_path)


def test_a_label_without_its_level_names_the_line(tmp_path: Path):
    write_question(tmp_path, "q", [{"id": "x", "mark": 1}])
    with pytest.raises(MissingColumns, match=r"labels.jsonl: line 1: no column named 'level'"):
        read_question_folders(tmp_path)


def test_a_fractional_mark_is_refused_not_rounded(tmp_path: Path):
    write_question(tmp_path, "q", [{"id": "x", "mark": 1.5, "level": 1}])
    with pytest.raises(DocumentError, match="'mark' is 1.5; it must be a whole number >= 0"):
        read_question_folders(tmp_path)


def test_two_maximum_marks_for_one_question_are_refused(tmp_path: Path):
    labels = [
        {"id": "x", "mark": 1, "level": 1, "max_mark": 4},
        {"id": "y", "mark": 1, "level": 1, "max_mark": 6},
    ]
    write_question(tmp_path, "q", labels)
    with pytest.raises(DocumentError, match=r"different max_mark values \[4, 6\]"):
        read_question_folders(tmp_path)


def test_labelled_rubric_spec(tmp_path: Path):
    folder = write_question(tmp_path, "q", [{"id": "x", "mark": 3, "level": 2}])
    question = read_labelled_rubric(f"ussr-1920s={folder / 'labels.jsonl'}")
    assert (question.id, question.rubric, question.scheme_text) == (
        "ussr-1920s",
        "ussr-1920s",
        None,
    )
    assert [a.mark for a in question.answers] == [3]


@pytest.mark.parametrize("spec", ["ussr-1920s", "=labels.jsonl", "ussr-1920s="])
def test_labelled_rubric_spec_needs_both_halves(spec: str):
    with pytest.raises(DocumentError, match="expected RUBRIC=LABELS.jsonl"):
        read_labelled_rubric(spec)
