# ruff: noqa: E501 - the schemes are pasted text, one line per paragraph as a PDF gives them
"""Schemes written in our own words, one per layout that used to fail on import (issue #21).

Each is what a teacher pastes from a board's document: question lines without "?", a
"Level | Mark | Descriptor" table from a PDF, caps inside levels, an overlapping band,
two parts each with a "Level 1", point-marked schemes, example answers in several
spellings, side headings in any words, multiple-choice and calculation keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.errors import AnswerKeyScheme
from grader.scheme.default_bands import default_bands
from grader.scheme.import_levels import default_id, import_any
from grader.types import Cap

runner = CliRunner()

GRID = """Level 2 (4-6 marks)
Developed explanation of more than one reason.
Level 1 (1-3 marks)
Simple explanation of one reason.
"""


@pytest.mark.parametrize(
    ("top", "question", "marks"),
    [
        # a quoted statement, then the stem, then "Explain your answer." with the marks
        (
            "'Steam power was the main reason why cotton towns grew.'\nHow far do you agree?\n"
            "Explain your answer.        [16 marks]",
            "'Steam power was the main reason why cotton towns grew.' How far do you agree? "
            "Explain your answer.",
            16,
        ),
        # an "Explain why" line with no "?" and the total alone on the next line: "(12)"
        (
            "Question 3\nExplain why canal building slowed after 1840.\n(12)",
            "Explain why canal building slowed after 1840.",
            12,
        ),
        # the total at the end of the question line, "[6 marks]"
        (
            "Describe two features of a canal lock. [6 marks]",
            "Describe two features of a canal lock.",
            6,
        ),
    ],
)
def test_question_lines_without_a_question_mark(top, question, marks):
    rubric = import_any(f"{top}\n{GRID}", rubric_id="canal")
    assert rubric.question == question
    assert rubric.marks == marks


def test_question_option_still_overrides():
    text = f"Explain why canal building slowed.\n(6)\n{GRID}"
    rubric = import_any(text, rubric_id="canal", question="Why did canals decline?")
    assert rubric.question == "Why did canals decline?"


EDEXCEL = """Question 4
Explain why the railways grew quickly in the 1840s.

You may use the following in your answer:
• cheap capital
• George Hudson
You must also use information of your own.
(12)

Level | Mark | Descriptor
0 | 0 | No rewardable material.
1 | 1–3 |
• A simple answer with little development. [AO2]
• Knowledge of the topic is limited. [AO1]
Maximum 2 marks for Level 1 answers that do not go beyond the aspects prompted by the stimulus points.
2 | 4–6 |
• An explanation with limited analysis. [AO2]
Maximum 5 marks for Level 2 answers that do not go beyond the aspects prompted by the stimulus points.
3 | 7–9 |
• An explanation with some analysis. [AO2]
No access to Level 3 for answers that do not go beyond the aspects prompted by the stimulus points.
4 | 10–12 |
• Analysis well directed at the question. [AO2]
Marks within a level
Award the top of the level to an answer that meets it securely.
Relevant points may include:
• Investors put money into railway shares during the mania of 1845-46.
• Parliament passed hundreds of railway acts.
"""


def test_edexcel_table_rows_caps_and_stimulus():
    rubric = import_any(EDEXCEL, rubric_id="rail")
    assert rubric.question == "Explain why the railways grew quickly in the 1840s."
    assert rubric.stimulus == ("cheap capital", "George Hudson")
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [
        (0, 0, 0), (1, 1, 3), (2, 4, 6), (3, 7, 9), (4, 10, 12)
    ]  # fmt: skip
    assert rubric.levels[1].descriptor_bullets == (
        "A simple answer with little development.",
        "Knowledge of the topic is limited.",
    )
    assert rubric.caps[:2] == (
        Cap("stimulus-only", 2, None, 1, "Maximum 2 marks for Level 1 answers that do not go "
            "beyond the aspects prompted by the stimulus points."),
        Cap("stimulus-only", 5, None, 2, "Maximum 5 marks for Level 2 answers that do not go "
            "beyond the aspects prompted by the stimulus points."),
    )  # fmt: skip
    assert (rubric.caps[2].max_level, rubric.caps[2].level) == (2, None)
    # the guidance after the grid is a note, not part of level 4's descriptor
    assert rubric.levels[-1].descriptor == "Analysis well directed at the question."
    assert rubric.notes == ("Award the top of the level to an answer that meets it securely.",)
    assert [p.text for p in rubric.points][0].startswith("Investors put money")


def test_an_overlapping_band_is_repaired_with_a_warning_that_says_what_changed():
    text = (
        "How far did the railways change Britain? [16 marks]\n"
        "Level 4 (12-16 marks)\nComplex explanation\nLevel 3 (9-12 marks)\nDeveloped\n"
        "Level 2 (5-8 marks)\nSimple\nLevel 1 (1-4 marks)\nBasic\n"
    )
    rubric = import_any(text, rubric_id="rail", source="rail.txt")
    assert [(b.min_mark, b.max_mark) for b in rubric.levels] == [(1, 4), (5, 8), (9, 12), (13, 16)]
    assert rubric.import_warnings == (
        "rail.txt:2: level 4 (12-16) overlapped level 3 (9-12, line 4) at mark 12; read level 4 "
        "as 13-16, since each level starts one mark above the level below.",
    )


def test_two_parts_each_with_a_level_1_keep_the_question_s_grid():
    text = (
        "Assess the impact of the railways on farming. [12 marks]\n"
        "Level 2 (7-12 marks)\nDeveloped assessment\nLevel 1 (1-6 marks)\nBasic assessment\n"
        "Spelling, punctuation and grammar\n"
        "Level 2 (2-3 marks)\nGood accuracy\nLevel 1 (1 mark)\nSome accuracy\n"
    )
    rubric = import_any(text, rubric_id="farm", source="farm.txt")
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [(1, 1, 6), (2, 7, 12)]
    assert rubric.import_warnings == (
        "farm.txt:7-9: a second set of levels (levels 1-2, 1-3 marks) was left out; kept the "
        "levels on lines 2-4 (levels 1-2, 1-12 marks, the question's total of 12). Import the "
        "other set on its own if it is marked separately.",
    )


def test_example_answers_in_their_pasted_spellings_are_anchors_not_descriptor():
    text = (
        "Why did the Luddites break machines? [8 marks]\n"
        "Level 2 (5-8 marks)\nDeveloped explanation of reasons.\n\n"
        "example explanaition: Croppers lost skilled work to shearing frames, so they smashed "
        "them to protect their wages.\n\n"
        "Level 1 (1-4 marks)\nSimple statements.\n\n"
        "--Example answers:\nThey were angry about machines.\n\n"
        "'They broke the frames because the frames took their jobs and their pay fell.'\n"
    )
    rubric = import_any(text, rubric_id="luddite")
    level1, level2 = rubric.levels
    assert level2.descriptor == "Developed explanation of reasons."
    assert level2.examples == (
        "Croppers lost skilled work to shearing frames, so they smashed them to protect their "
        "wages.",
    )
    assert level1.descriptor == "Simple statements."
    assert level1.examples == (
        "They were angry about machines.",
        "'They broke the frames because the frames took their jobs and their pay fell.'",
    )


def test_a_for_example_paragraph_belongs_to_its_level():
    text = (
        "Why did the Luddites break machines? [8 marks]\n"
        "Level 2: Developed explanation 5–8\nAnswers explain two reasons.\n\n"
        "For example, new frames cut wages, so croppers attacked the mills that used them.\n\n"
        "Level 1: Basic explanation 1–4\nAnswers give a reason.\n"
    )
    level1, level2 = import_any(text, rubric_id="luddite").levels
    assert level2.examples == (
        "new frames cut wages, so croppers attacked the mills that used them.",
    )
    assert level2.descriptor == "Developed explanation. Answers explain two reasons."
    assert level1.examples == ()


@pytest.mark.parametrize(
    ("first", "second", "sides"),
    [
        # side headings in any words: two sides named by their own words
        (
            "Reasons the Republic survived",
            "Threats to the Republic",
            ("reasons-the-republic-survived", "threats-to-the-republic"),
        ),
        # both headings say "for": still two sides, not one
        (
            "Reasons for stability",
            "Reasons for unrest",
            ("reasons-for-stability", "reasons-for-unrest"),
        ),
    ],
)
def test_side_headings_in_any_words(first, second, sides):
    text = (
        "How stable was the Republic in 1924-29? [16 marks]\n"
        "Level 2 (9-16 marks)\nDeveloped\nLevel 1 (1-8 marks)\nBasic\nIndicative content\n"
        f"{first}\n- Loans from America under the Dawes Plan steadied the currency.\n"
        f"{second}\n- Extremist parties kept seats in the Reichstag.\n"
    )
    rubric = import_any(text, rubric_id="stable")
    assert rubric.sides == sides
    assert [p.side for p in rubric.points] == list(sides)


BUSINESS = """Explain one disadvantage to a café of employing staff on zero hours contracts. (3)

Award 1 mark for identification of a disadvantage, plus 2 further marks for explaining this disadvantage, up to a maximum of 3 marks.
Answers that list more than one disadvantage with no explanation will be awarded a maximum of 1 mark.

Example:
• Staff may not be available at busy times (1) so customers wait longer for service (1) which could mean fewer repeat visits (1).
• Workers may feel little loyalty to the café (1) so they leave for steadier jobs (1) raising recruitment costs (1).

Accept any other appropriate response.
"""


def test_point_marked_chain_of_ones_with_a_list_cap():
    rubric = import_any(BUSINESS, rubric_id="cafe")
    assert (rubric.kind, rubric.marks, rubric.max_mark) == ("points", 3, 3)
    marking = rubric.point_marking
    assert marking is not None
    assert (marking.per_point, marking.max_development, marking.accept_other) == (1, 2, True)
    assert rubric.caps == (
        Cap("list-only", 1, None, None, "Answers that list more than one disadvantage with no "
            "explanation will be awarded a maximum of 1 mark."),
    )  # fmt: skip
    first = rubric.points[0]
    assert first.text == "Staff may not be available at busy times"
    assert first.development == (
        "so customers wait longer for service",
        "which could mean fewer repeat visits",
    )
    assert len(rubric.points) == 2


def test_point_marked_with_d_times_and_max_if_no_development():
    text = (
        "Explain how tourism can damage a coastline. [4 marks]\n"
        "Award 1 mark for each valid point and further marks for development (d).\n"
        "4 × 1\nMax 2 if no development.\n"
        "• Trampling (1) wears away dune grass (d) so sand blows inland (d).\n"
        "• Litter (1) harms seabirds (d); new hotels (1) cover the dunes (d).\n"
    )
    rubric = import_any(text, rubric_id="coast")
    assert [(p.text, p.development) for p in rubric.points] == [
        ("Trampling", ("wears away dune grass", "so sand blows inland")),
        ("Litter", ("harms seabirds",)),
        ("new hotels", ("cover the dunes",)),
    ]
    assert rubric.point_marking is not None and rubric.point_marking.max_points == 4
    assert rubric.caps == (Cap("no-development", 2, None, None, "Max 2 if no development."),)
    assert dict(rubric.count_scores)[4] == 4


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # a multiple-choice key: one letter per question
        ("1 B\n2 D\n3 A\n4 C\n", "[R011] key.txt: this is a multiple-choice answer key (4 answers"),
        # a calculation: a numerical answer with marks for working
        (
            "Calculate the average speed. [2 marks]\nspeed = 240 / 3 (1)\n= 80 km/h (1)\n",
            "[R011] key.txt: this is a calculation mark scheme (a numerical answer such as "
            "'= 80 km/h (1)'",
        ),
    ],
)
def test_answer_keys_are_refused_with_one_coded_line(text, start):
    with pytest.raises(AnswerKeyScheme) as info:
        import_any(text, rubric_id="key", source="key.txt")
    assert str(info.value).startswith(start)
    assert "\n" not in str(info.value)


def test_id_defaults_to_the_file_name(tmp_path: Path):
    assert default_id(tmp_path / "Weimar Opposition.docx") == "weimar-opposition"
    folder = tmp_path / "canal-locks"
    folder.mkdir()
    scheme = folder / "markscheme.txt"
    scheme.write_text(f"Why were locks built? [6 marks]\n{GRID}", encoding="utf-8")
    assert default_id(scheme) == "canal-locks"
    out = tmp_path / "r.yaml"
    result = runner.invoke(app, ["rubric", "import", str(scheme), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("id: canal-locks\n")


def test_import_warnings_reach_stderr_and_rubric_check(tmp_path: Path):
    scheme = tmp_path / "rail.txt"
    scheme.write_text(
        "How far did the railways change Britain? [8 marks]\n"
        "Level 2 (4-8 marks)\nDeveloped\nLevel 1 (1-4 marks)\nBasic\n",
        encoding="utf-8",
    )
    out = tmp_path / "rail.yaml"
    result = runner.invoke(app, ["rubric", "import", str(scheme), "-o", str(out)])
    assert result.exit_code == 0, result.output
    warning = (
        "rail.txt:2: level 2 (4-8) overlapped level 1 (1-4, line 4) at mark 4; read level 2 "
        "as 5-8, since each level starts one mark above the level below."
    )
    assert f"Warning: {warning}" in result.stderr
    shown = runner.invoke(app, ["rubric", "show", str(out)])
    assert "Import warning:" in shown.stdout
    checked = runner.invoke(app, ["rubric", "check", str(out)])
    assert "import-guess" in checked.stdout
    assert "overlapped" in checked.stdout


def test_a_scheme_with_neither_levels_nor_marks_takes_the_default_bands_and_says_so():
    # it used to be refused (R010); tests/test_import_seed_format.py has the seed's layout
    rubric = import_any("Why did it rain?\n- Clouds\n", rubric_id="rain", source="rain.txt")
    assert rubric.levels == default_bands()
    assert rubric.import_warnings == (
        "rain.txt: no marks or levels stated, so grader's default essay bands were used "
        "(levels 0-5, 0-20 marks). To use your own, pass --levels FILE or --count-scores "
        "(in the web app, borrow another rubric's bands).",
    )


def test_proper_names_are_keywords_and_months_and_function_words_are_not():
    # names that only ever open a sentence ("Stresemann ended ...") are still names;
    # "November" on its own names nothing, and "Many" is no part of "Germans"
    text = (
        "Why did the Republic recover in 1924-29? [12 marks]\n"
        "Level 2 (7-12 marks)\nDeveloped\nLevel 1 (1-6 marks)\nBasic\nIndicative content\n"
        "- Stresemann ended passive resistance in November 1923 and brought in a new currency.\n"
        "- Hitler was in prison after the failed putsch, so the far right lost its leader.\n"
        "- Many Germans gained work as American loans arrived after January 1924.\n"
    )
    keywords = [p.keywords for p in import_any(text, rubric_id="recover").points]
    assert keywords == [
        ("Stresemann", "1923"),
        ("Hitler",),
        ("Germans", "American", "1924"),
    ]


def test_point_marked_rubric_survives_its_yaml(tmp_path: Path):
    # the bullet keeps its marks as written; each point's text and development load back
    from grader.scheme.rubric import dump_rubric, load_rubric

    text = "Explain one cost of tourism. [2 marks]\n- Litter (1) harms seabirds (d).\n"
    rubric = import_any(text, rubric_id="litter")
    path = tmp_path / "litter.yaml"
    path.write_text(dump_rubric(rubric), encoding="utf-8")
    loaded = load_rubric(path)
    assert loaded == rubric
    assert loaded.bullets[0].text == "Litter (1) harms seabirds (d)."
    assert [(p.text, p.development) for p in loaded.points] == [("Litter", ("harms seabirds",))]


def test_a_docx_table_with_bare_level_numbers(tmp_path: Path):
    # an Edexcel grid saved as Word: the level column holds "1", not "Level 1"
    import docx

    from grader.scheme.import_levels import read_scheme_text

    document = docx.Document()
    document.add_paragraph("Explain why the mills needed coal. (6)")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("Level", "Mark", "Descriptor"),
        ("0", "0", "No rewardable material."),
        ("1", "1–3", "A simple answer with little development of the reasons given."),
        ("2", "4–6", "An explanation showing analysis of how coal powered the mills."),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "mills.docx"
    document.save(str(path))
    rubric = import_any(read_scheme_text(path), rubric_id="mills", source=path.name)
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [
        (0, 0, 0), (1, 1, 3), (2, 4, 6)
    ]  # fmt: skip
    assert rubric.levels[2].descriptor.startswith("An explanation showing analysis")
    assert (rubric.question, rubric.marks) == ("Explain why the mills needed coal.", 6)
