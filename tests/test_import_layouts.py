"""Each development question imports from its pasted scheme with no flags but the file.

One test per layout compares the imported rubric with what the scheme itself says: its
levels and marks, caps, example answers per level, stimulus and points. The expected
figures are read off the schemes (../shared/devset/questions/*/markscheme.txt), not off
the answers or their labels. Skipped when the development set is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.scheme.import_levels import import_any, read_scheme_text
from grader.types import Cap, Rubric

runner = CliRunner()


def _imported(devset: Path, name: str) -> tuple[Rubric, Path]:
    folder = devset / "questions" / name
    text = read_scheme_text(folder / "markscheme.txt")
    return import_any(text, rubric_id=name, source="markscheme.txt"), folder


def _bands(rubric: Rubric) -> list[tuple[int, int, int]]:
    return [(b.level, b.min_mark, b.max_mark) for b in rubric.levels]


def _each_id_in_one_bullet(rubric: Rubric, folder: Path) -> None:
    """Every listed point of the scheme (markscheme.ids.json) is one imported bullet."""
    ids = json.loads((folder / "markscheme.ids.json").read_text(encoding="utf-8"))
    for fragment in ids.values():
        holders = [b.id for b in rubric.bullets if fragment.lower() in b.text.lower()]
        assert len(holders) == 1, (fragment, holders)


def test_aqa_history_generic_levels_with_example_paragraphs(devset: Path):
    # AQA "How far do you agree": level title with marks at the end of the line, a Level 0
    # line whose mark is a bare 0, and a "For example, ..." paragraph in every level
    rubric, _ = _imported(devset, "hitler-chancellor")
    assert rubric.question == (
        "'The Depression was the main reason why Hitler became Chancellor in January 1933.' "
        "How far do you agree with this statement? Explain your answer."
    )
    assert (rubric.marks, rubric.question_type, rubric.kind) == (16, "how-far", "levels")
    assert rubric.stated_factor == "The Depression"
    assert _bands(rubric) == [(0, 0, 0), (1, 1, 4), (2, 5, 8), (3, 9, 12), (4, 13, 16)]
    assert [len(b.examples) for b in rubric.levels] == [0, 1, 1, 1, 1]
    top = rubric.levels[-1]
    assert top.examples[0].startswith("the Depression gave the Nazis mass support")
    assert "For example" not in top.descriptor and "Papen" not in top.descriptor
    assert top.descriptor.startswith("Complex explanation of the stated factor")
    assert rubric.assessment_objectives == (("AO1", 8), ("AO2", 8))
    assert rubric.points == () and rubric.caps == () and rubric.import_warnings == ()


def test_edexcel_table_with_stimulus_caps_and_indicative_content(devset: Path):
    # Edexcel "Explain why": "Level | Mark | Descriptor" rows ("1 | 1–3 |"), [AO] tags,
    # a cap under each level, guidance sections after the grid, "(12)" as the total
    rubric, folder = _imported(devset, "weimar-opposition")
    assert rubric.question == (
        "Explain why there was opposition to the Weimar Republic in the years 1919–23."
    )
    assert (rubric.marks, rubric.question_type) == (12, "explain")
    assert rubric.stimulus == ("the Treaty of Versailles", "the Kapp Putsch")
    assert _bands(rubric) == [(0, 0, 0), (1, 1, 3), (2, 4, 6), (3, 7, 9), (4, 10, 12)]
    assert rubric.levels[0].descriptor == "No rewardable material."
    assert [len(b.descriptor_bullets) for b in rubric.levels] == [0, 2, 2, 2, 2]
    assert not any("[AO" in b for band in rubric.levels for b in band.descriptor_bullets)
    assert not any("award a mark at the top" in b.descriptor for b in rubric.levels)
    assert [(c.condition, c.level, c.max_mark, c.max_level) for c in rubric.caps] == [
        ("stimulus-only", 1, 2, None),
        ("stimulus-only", 2, 5, None),
        ("stimulus-only", None, None, 2),
        ("stimulus-only", None, None, 3),
    ]
    assert rubric.sides == ("main",) and len(rubric.points) == 10
    _each_id_in_one_bullet(rubric, folder)


def test_aqa_literature_six_levels_with_ao_grouped_indicative_content(devset: Path):
    # AQA English Literature: "Level 6   title   26–30 marks", AO1/AO2/AO3 bullets in each
    # level, "Write about:" bullets, indicative content grouped under AO headings
    rubric, folder = _imported(devset, "inspector-birling")
    assert rubric.question == (
        "How and why does Priestley present Mr Birling as an unsympathetic character in "
        "An Inspector Calls?"
    )
    assert (rubric.marks, rubric.question_type) == (30, "analyse")
    assert rubric.stimulus == (
        "what Mr Birling says and does",
        "how Priestley uses Mr Birling to explore ideas about responsibility",
    )
    assert _bands(rubric) == [
        (0, 0, 0), (1, 1, 5), (2, 6, 10), (3, 11, 15), (4, 16, 20), (5, 21, 25), (6, 26, 30)
    ]  # fmt: skip
    assert [len(b.descriptor_bullets) for b in rubric.levels] == [0, 5, 5, 5, 5, 5, 5]
    assert rubric.sides == ("main",)
    assert [p.ao for p in rubric.points] == ["AO1"] * 6 + ["AO2"] * 5 + ["AO3"] * 3
    _each_id_in_one_bullet(rubric, folder)


def test_aqa_geography_notes_become_caps_and_notes_not_points(devset: Path):
    # AQA geography 9-mark: "Level 3 (Detailed) 7–9 marks", AO lines inside levels,
    # "Notes for answers" bullets (caps and guidance) before the indicative content
    rubric, folder = _imported(devset, "tectonic-hazards")
    assert rubric.question.startswith("'The effects of earthquakes are greater")
    assert rubric.question.endswith(
        "Using examples, to what extent do you agree with this statement?"
    )
    assert (rubric.marks, rubric.question_type) == (9, "how-far")
    assert _bands(rubric) == [(0, 0, 0), (1, 1, 3), (2, 4, 6), (3, 7, 9)]
    assert rubric.levels[-1].descriptor.startswith("(Detailed). AO2 Demonstrates thorough")
    # a title's own brackets are kept: "... other factor(s)        9–12"
    hitler, _ = _imported(devset, "hitler-chancellor")
    assert hitler.levels[3].descriptor.startswith(
        "Developed explanation of the stated factor and other factor(s). "
    )
    conditions = [(c.condition, c.max_level) for c in rubric.caps]
    assert conditions == [("no-examples", 2), ("no-judgement", 2), ("other", 2)]
    assert len(rubric.points) == 16 and rubric.sides == ("main",)
    assert not any("Students may agree" in p.text for p in rubric.points)
    assert any(n.startswith("Students may agree, disagree or partly agree") for n in rubric.notes)
    assert rubric.assessment_objectives == (("AO2", 3), ("AO3", 6))
    _each_id_in_one_bullet(rubric, folder)


def test_point_marked_with_development_marks_and_maximum(devset: Path):
    # point-marked 4-mark "Explain how": "(1)" per point, "(d)" per development, "4 × 1",
    # "Max 2 if no development.", "Credit other valid points."
    rubric, folder = _imported(devset, "river-flooding")
    assert rubric.question == "Explain how human factors can increase the risk of river flooding."
    assert (rubric.kind, rubric.marks, rubric.max_mark, rubric.levels) == ("points", 4, 4, ())
    marking = rubric.point_marking
    assert marking is not None
    assert (marking.per_point, marking.max_points, marking.accept_other) == (1, 4, True)
    assert rubric.caps == (Cap("no-development", 2, None, None, "Max 2 if no development."),)
    # eight bullets; the farming bullet credits two points, "(1)" each
    assert len(rubric.bullets) == 8 and len(rubric.points) == 9
    urban = rubric.points[0]
    assert urban.text == "Urbanisation creates impermeable surfaces such as tarmac and concrete"
    assert urban.development == (
        "so rainwater cannot infiltrate and runs off quickly into drains and the river",
        "increasing peak discharge",
        "shortening the lag time",
    )
    assert [p.text for p in rubric.bullets[4].parts] == [
        "Farming practices such as ploughing up and down slopes",
        "overgrazing or heavy machinery compacts the soil",
    ]
    assert any(n.startswith("Only human factors are creditworthy") for n in rubric.notes)
    _each_id_in_one_bullet(rubric, folder)


def test_edexcel_how_far_with_sides_supporting_and_countering(devset: Path):
    # Edexcel 16-mark: stated factor, stimulus, four caps, "Relevant points that support /
    # counter the statement may include:" as the two sides
    rubric, folder = _imported(devset, "surgery-germ-theory")
    assert rubric.stated_factor == "The work of Pasteur"
    assert rubric.stimulus == ("germ theory (1861)", "carbolic acid (1867)")
    assert (rubric.marks, rubric.question_type) == (16, "how-far")
    assert _bands(rubric) == [(0, 0, 0), (1, 1, 4), (2, 5, 8), (3, 9, 12), (4, 13, 16)]
    assert [(c.level, c.max_mark, c.max_level) for c in rubric.caps] == [
        (1, 3, None), (2, 7, None), (None, None, 2), (None, None, 3)
    ]  # fmt: skip
    assert rubric.sides == ("stated-factor", "other-factors")
    assert [p.side for p in rubric.points].count("stated-factor") == 4
    assert [p.side for p in rubric.points].count("other-factors") == 9
    _each_id_in_one_bullet(rubric, folder)


@pytest.mark.parametrize(
    "name",
    [
        "hitler-chancellor",
        "weimar-opposition",
        "inspector-birling",
        "tectonic-hazards",
        "river-flooding",
        "surgery-germ-theory",
    ],
)
def test_cli_imports_with_the_file_alone_and_the_yaml_loads_back(devset: Path, tmp_path, name):
    # the teacher's command: no --id (the folder names it), no --question
    out = tmp_path / "r.yaml"
    scheme = devset / "questions" / name / "markscheme.txt"
    result = runner.invoke(app, ["rubric", "import", str(scheme), "-o", str(out)])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["rubric", "show", str(out)])
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.startswith(f"{name} (v1): ")
