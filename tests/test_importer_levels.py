"""Importing levels-of-response mark schemes: heading layouts, sides, examples, errors."""

from pathlib import Path

import pytest
import yaml

from grader.errors import ImportSchemeError, LevelBandError, UnreadablePdf
from grader.scheme.import_levels import (
    import_any,
    import_levels,
    looks_like_levels,
    read_scheme_text,
    stated_factor_of,
)
from grader.scheme.rubric import dump_rubric, load_rubric, rubric_from_dict

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "rubrics" / "sources"

QUESTION = "How far did the railways change Britain? [9 marks]"


def scheme(*headings: str, extra: str = "") -> str:
    """A three-level scheme whose level headings are written as given (top level first)."""
    descriptors = ["Complex explanation of change", "Developed explanation", "Basic description"]
    body = "\n".join(f"{h}\n{d}" for h, d in zip(headings, descriptors, strict=True))
    return f"{QUESTION}\n{body}\n{extra}"


@pytest.mark.parametrize(
    ("headings", "bands"),
    [
        # AQA-style: marks in brackets with an en dash and the word "marks"
        (
            ("Level 3 (7–9 marks)", "Level 2 (4–6 marks)", "Level 1 (1–3 marks)"),
            [(1, 3), (4, 6), (7, 9)],
        ),
        # abbreviated "L3 9-12" with a hyphen, no brackets
        (("L3 9-12", "L2 5-8", "L1 1-4"), [(1, 4), (5, 8), (9, 12)]),
        # Edexcel/OCR "Band 3: 7–9"
        (("Band 3: 7–9", "Band 2: 4–6", "Band 1: 1–3"), [(1, 3), (4, 6), (7, 9)]),
        # square brackets, as in some Cambridge schemes
        (("Level 3 [5-6]", "Level 2 [3-4]", "Level 1 [1-2]"), [(1, 2), (3, 4), (5, 6)]),
        # colon and bare range, highest level first
        (("Level 3: 13-16", "Level 2: 7-12", "Level 1: 1-6"), [(1, 6), (7, 12), (13, 16)]),
        # "to" instead of a dash
        (
            ("Level 3 (7 to 9 marks)", "Level 2 (4 to 6 marks)", "Level 1 (1 to 3 marks)"),
            [(1, 3), (4, 6), (7, 9)],
        ),
        # the level's title first and the marks at the end of the line (AQA table heading)
        (
            (
                "Level 3: Complex explanation of change 7–9",
                "Level 2: Developed explanation 4–6",
                "Level 1: Basic description 1–3",
            ),
            [(1, 3), (4, 6), (7, 9)],
        ),
        # Markdown headings with a dash between level and marks
        (
            ("### Level 3 – 7-9 marks", "### Level 2 – 4-6 marks", "### Level 1 – 1-3 marks"),
            [(1, 3), (4, 6), (7, 9)],
        ),
        # lowest level listed first, table-row style "Level 1 1–3" (Edexcel grid pasted as text)
        (("Level 1 1–3", "Level 2 4–6", "Level 3 7–9"), [(1, 3), (4, 6), (7, 9)]),
        # "Mark band"
        (
            ("Mark Band 3: 7–9 marks", "Mark Band 2: 4–6 marks", "Mark Band 1: 1–3 marks"),
            [(1, 3), (4, 6), (7, 9)],
        ),
    ],
)
def test_level_heading_layouts(headings, bands):
    rubric = import_levels(scheme(*headings), rubric_id="rail", source="s.txt")
    assert [(b.min_mark, b.max_mark) for b in rubric.levels] == bands
    assert [b.level for b in rubric.levels] == [1, 2, 3]
    assert rubric.question == "How far did the railways change Britain?"
    assert rubric.kind == "levels"


def test_a_table_copied_with_tabs_between_its_cells():
    # a word processor's or PDF's table: level, marks and descriptor separated by tabs
    pasted = (
        f"{QUESTION}\nLevel\tMarks\tDescriptor\n"
        "3\t7–9\tComplex explanation of change.\n"
        "2\t4–6\tDeveloped explanation.\n"
        "1\t1–3\tBasic description.\n"
        "0\t0\tNo relevant content.\n"
    )
    rubric = import_levels(pasted, rubric_id="rail", source="s.txt")
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [
        (0, 0, 0),
        (1, 1, 3),
        (2, 4, 6),
        (3, 7, 9),
    ]
    assert rubric.levels[3].descriptor.startswith("Complex explanation of change")


def test_descriptor_bullets_zero_marks_line_and_descriptor_text():
    text = """Evaluate whether a café should buy a new oven. (12 marks)
Level 2 (7-12 marks)
Answers weigh both options.
- Developed chains of reasoning on both sides
- A judgement that is supported
Level 1 (1-6 marks)
- Isolated knowledge
0 marks: No rewardable material.
"""
    rubric = import_levels(text, rubric_id="oven")
    top = rubric.levels[-1]
    assert top.descriptor == "Answers weigh both options."
    assert top.descriptor_bullets == (
        "Developed chains of reasoning on both sides",
        "A judgement that is supported",
    )
    # a level of bullets only: the descriptor is the bullets
    assert rubric.levels[1].descriptor == "Isolated knowledge."
    assert (rubric.levels[0].level, rubric.levels[0].min_mark, rubric.levels[0].max_mark) == (
        0,
        0,
        0,
    )
    assert rubric.question.startswith("Evaluate whether a café")


@pytest.mark.parametrize(
    ("headings", "expected_sides"),
    [
        # a stated-factor question: sides are the stated factor and the other factors
        (
            ("Students may agree that the stated factor was the main cause:", "Other factors:"),
            ("stated-factor", "other-factors"),
        ),
        # "agree/disagree" in a stated-factor scheme map onto those two sides
        (("Agree", "Disagree"), ("stated-factor", "other-factors")),
    ],
)
def test_stated_factor_sides(headings, expected_sides):
    text = (
        "'Coal was the main reason for industrial growth.' How far do you agree? [16 marks]\n"
        "Level 2 (9-16 marks)\nComplex explanation of the stated factor and other factors\n"
        "Level 1 (1-8 marks)\nBasic explanation of one factor\n"
        f"Indicative content\n{headings[0]}\n- Coal powered the steam engines of the mills.\n"
        f"{headings[1]}\n- Canals cut the cost of moving raw cotton.\n"
    )
    rubric = import_levels(text, rubric_id="coal")
    assert rubric.sides == expected_sides
    assert rubric.stated_factor == "Coal"
    assert [p.side for p in rubric.points] == list(expected_sides)


@pytest.mark.parametrize(
    ("first", "second", "sides"),
    [
        ("Arguments for:", "Arguments against:", ("for", "against")),  # for/against
        ("Agree", "Disagree", ("agree", "disagree")),  # no stated factor: stays agree/disagree
        ("Successes", "Failures", ("success", "failure")),  # the seed's own pair
        ("Points that support the view", "Points that challenge the view", ("agree", "disagree")),
    ],
)
def test_indicative_content_sides(first, second, sides):
    text = (
        "How successful was the New Deal? [12 marks]\nLevel 2 (7-12 marks)\nDeveloped\n"
        f"Level 1 (1-6 marks)\nBasic\nIndicative content\n{first}\n- The TVA brought power "
        f"to the Tennessee valley.\n{second}\n- Unemployment was still 19% in 1938.\n"
    )
    rubric = import_levels(text, rubric_id="nd")
    assert rubric.sides == sides
    assert [p.side for p in rubric.points] == list(sides)
    assert len(rubric.points) == 2


def test_example_answers_inline_and_in_their_own_section():
    text = """Why did coal matter? [6 marks]
Level 2 (4-6 marks)
Developed explanation
Example answer (Level 2): Coal powered the mills, so factories grew.
It also drove the railways.
Level 1 (1-3 marks)
Basic explanation
Example answers
Level 1
Coal was used a lot.
Level 2
Coal was cheap, which meant steam power spread.
Indicative content
- Coal fuelled steam engines.
"""
    rubric = import_levels(text, rubric_id="coal")
    level1, level2 = rubric.levels
    assert level2.examples == (
        "Coal powered the mills, so factories grew.\nIt also drove the railways.",
        "Coal was cheap, which meant steam power spread.",
    )
    assert level1.examples == ("Coal was used a lot.",)
    assert level1.descriptor == "Basic explanation."
    assert [p.text for p in rubric.points] == ["Coal fuelled steam engines."]


def test_levels_and_star_points_make_a_mixed_rubric():
    # Cambridge-style: a levels table plus ⭐ points, credited like the seed's
    text = """How successful was the League of Nations in the 1920s? [20 marks]
Level 2 (11-20 marks)
Balanced analysis with a supported judgement
Level 1 (1-10 marks)
Narrative
Successes
⭐The Aaland Islands dispute of 1921 was settled peacefully.
Failures
⭐The Corfu incident of 1923 showed that Mussolini could defy the League.
"""
    rubric = import_levels(text, rubric_id="league")
    assert rubric.kind == "mixed"
    assert rubric.sides == ("success", "failure")
    assert [p.side for p in rubric.points] == ["success", "failure"]


@pytest.mark.parametrize(
    ("headings", "error", "message"),
    [
        # a gap: marks 5-6 belong to no level; the line is the upper band's heading
        (
            ("Level 3 (7-9 marks)", "Level 2 (3-4 marks)", "Level 1 (1-2 marks)"),
            LevelBandError,
            "s.txt:2: marks 5-6 belong to no level: level 2 ends at 4 (line 4) and level 3 "
            "starts at 7. Close the gap.",
        ),
        # an overlap that is no slip: level 2 starts below level 1's lowest mark
        (
            ("Level 3 (7-9 marks)", "Level 2 (1-6 marks)", "Level 1 (1-4 marks)"),
            LevelBandError,
            "s.txt:4: level 2 (1-6) overlaps level 1 (1-4, line 6): marks 1-4 would belong to "
            "both. Make each mark belong to one level.",
        ),
        # a level heading with no marks at all
        (
            ("Level 3 (7-9 marks)", "Level 2", "Level 1 (1-3 marks)"),
            ImportSchemeError,
            "s.txt:4: 'Level 2' has no mark range. Give the marks of level 2, e.g. "
            "'Level 2 (9-12 marks)' or 'Level 2: 9-12'.",
        ),
        # marks written backwards
        (
            ("Level 3 (9-7 marks)", "Level 2 (4-6 marks)", "Level 1 (1-3 marks)"),
            LevelBandError,
            "s.txt:2: level 3 has its marks backwards (9-7). Write the lowest mark first: 7-9.",
        ),
        # the same level twice (a copy-paste slip): ambiguous, so refused
        (
            ("Level 3 (7-9 marks)", "Level 3 (4-6 marks)", "Level 1 (1-3 marks)"),
            LevelBandError,
            "s.txt:4: level 3 is defined twice (first on line 2). Remove or renumber one of them.",
        ),
        # a higher level with lower marks: the numbering and the ranges disagree
        (
            ("Level 3 (4-6 marks)", "Level 2 (7-9 marks)", "Level 1 (1-3 marks)"),
            LevelBandError,
            "s.txt:2: level 3 (4-6) is not above level 2 (7-9, line 4). Higher levels must "
            "have higher marks; check the numbering and the ranges.",
        ),
        # marks 1-3 missing below the lowest level
        (
            ("Level 3 (8-9 marks)", "Level 2 (6-7 marks)", "Level 1 (4-5 marks)"),
            LevelBandError,
            "s.txt:6: marks 1-3 belong to no level: the lowest, level 1, starts at 4. Add the "
            "missing level or correct its range.",
        ),
    ],
)
def test_band_errors_name_the_line(headings, error, message):
    with pytest.raises(error) as info:
        import_levels(scheme(*headings), rubric_id="rail", source="s.txt")
    assert info.value.message == message


def test_example_for_an_undefined_level_is_an_error():
    text = scheme("Level 3 (7-9 marks)", "Level 2 (4-6 marks)", "Level 1 (1-3 marks)")
    with pytest.raises(ImportSchemeError) as info:
        import_levels(text + "Example answer (Level 5): Trains.\n", rubric_id="r", source="s.txt")
    assert info.value.message == (
        "s.txt:8: an example answer for level 5, which the scheme does not define "
        "(levels: 1, 2, 3)."
    )


def test_dispatcher_chooses_by_content():
    levels_text = scheme("Level 3 (7-9 marks)", "Level 2 (4-6 marks)", "Level 1 (1-3 marks)")
    assert looks_like_levels(levels_text)
    assert import_any(levels_text, rubric_id="rail").kind == "levels"
    seed = (SOURCES / "ussr-1920s.txt").read_text(encoding="utf-8")
    assert not looks_like_levels(seed)
    assert import_any(seed, rubric_id="ussr", count_scores={1: 1}).kind == "points"


def test_stated_factor_is_read_from_the_question():
    assert (
        stated_factor_of(
            "'The Treaty of Versailles was the main reason for the outbreak of war.' How far?"
        )
        == "The Treaty of Versailles"
    )
    assert stated_factor_of("How successful was the League?") == ""


def test_a_pdfs_running_footer_and_page_numbers_stay_out_of_the_descriptors():
    clean = (
        "Explain why the railways grew. [8 marks]\n\n"
        "Level 2: Developed explanation 5-8\nDeveloped explanation of two factors.\n\n"
        "Level 1: Basic explanation 1-4\nBasic explanation of one factor.\n"
    )
    footer = "\nMARK SCHEME – GCSE HISTORY – 8145/1 – JUNE 2019\n\n{}\n\n"
    pasted = clean.replace("\n\nLevel 1", footer.format(7) + "Level 1") + footer.format(8)
    imported = import_any(pasted, rubric_id="rail")
    assert imported.levels == import_any(clean, rubric_id="rail").levels
    assert "MARK SCHEME" not in " ".join(b.descriptor for b in imported.levels)


def test_marks_for_spelling_after_the_total_leave_the_question_whole():
    text = (
        "Question 04\n"
        "'The Depression was the main reason why Hitler became Chancellor in 1933.'\n"
        "How far do you agree with this statement?\n"
        "Explain your answer.      [16 marks] [SPaG: 4 marks]\n\n"
        "Level 2: Developed explanation 9-16\nDeveloped explanation of the factors.\n"
        "Level 1: Basic explanation 1-8\nBasic explanation of one factor.\n"
    )
    rubric = import_any(text, rubric_id="spag")
    assert rubric.question.startswith("'The Depression was the main reason")
    assert rubric.question.endswith("Explain your answer.")
    assert (rubric.marks, rubric.stated_factor) == (16, "The Depression")


@pytest.mark.parametrize("name", ["history-main-cause-16", "business-evaluate-12"])
def test_shipped_levels_rubrics_are_their_sources_imported(name):
    import json

    imported = import_levels(
        (SOURCES / f"{name}.txt").read_text(encoding="utf-8"),
        rubric_id=name,
        ids=json.loads((SOURCES / f"{name}.ids.json").read_text(encoding="utf-8")),
        source=f"{name}.txt",
    )
    shipped = load_rubric(name)
    assert imported == shipped
    assert [len(b.descriptor_bullets) for b in shipped.levels if b.level > 0] in (
        [2, 3, 4, 4],
        [3, 3, 3, 3],
    )
    # YAML round trip keeps the new fields
    assert rubric_from_dict(yaml.safe_load(dump_rubric(shipped)), source=shipped.source) == shipped


def test_docx_with_a_levels_table(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("Evaluate whether the bakery should expand. (12 marks)")
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Level", "Mark", "Descriptor"),
        ("Level 2", "7–12", "Developed chains of reasoning on both sides"),
        ("Level 1", "1–6", "Isolated elements of knowledge"),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("Indicative content")
    document.add_paragraph("Reasons for expanding")
    document.add_paragraph("Queues show unmet demand", style="List Bullet")
    document.add_paragraph("Reasons against expanding")
    document.add_paragraph("The loan adds interest costs", style="List Bullet")
    path = tmp_path / "scheme.docx"
    document.save(str(path))
    rubric = import_any(read_scheme_text(path), rubric_id="bakery", source=path.name)
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [(1, 1, 6), (2, 7, 12)]
    assert rubric.levels[1].descriptor == "Developed chains of reasoning on both sides."
    assert rubric.sides == ("for", "against")


def test_pdf_with_a_text_layer(tmp_path: Path):
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42  # TrueType: the text stays extractable
    import matplotlib.pyplot as plt

    lines = [
        "Why did coal matter? [6 marks]",
        "Level 2 (4–6 marks)",
        "Developed explanation of two factors",
        "Level 1 (1-3 marks)",
        "Basic explanation of one factor",
    ]
    figure = plt.figure(figsize=(8.27, 11.69))
    for index, line in enumerate(lines):
        figure.text(0.1, 0.9 - index * 0.04, line)
    path = tmp_path / "scheme.pdf"
    figure.savefig(path)
    plt.close(figure)
    rubric = import_any(read_scheme_text(path), rubric_id="coal")
    assert [(b.min_mark, b.max_mark) for b in rubric.levels] == [(1, 3), (4, 6)]
    assert rubric.levels[1].descriptor == "Developed explanation of two factors."


def test_pdf_without_text_is_refused(tmp_path: Path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadablePdf) as info:
        read_scheme_text(path)
    assert info.value.message == (
        f"{path}: the PDF has no text layer (it is a scan or images only). Run it through "
        f"OCR, or export the script as .txt or .docx."
    )


def test_a_one_mark_gap_is_named_as_one_mark():
    text = scheme("Level 3 (7-9 marks)", "Level 2 (3-5 marks)", "Level 1 (1-2 marks)")
    with pytest.raises(LevelBandError) as info:
        import_levels(text, rubric_id="rail", source="s.txt")
    assert info.value.message == (
        "s.txt:2: mark 6 belongs to no level: level 2 ends at 5 (line 4) and level 3 starts "
        "at 7. Close the gap."
    )
