"""The error catalogue: every coded error, triggered the way a user would, by its exact text.

The README's "Error catalogue" table is checked against the codes defined in
grader/errors.py, so a new error cannot go undocumented.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.errors import (
    REVIEW_FLAGS,
    BinaryFile,
    DocumentError,
    DuplicatePointId,
    EmptyDocument,
    EncodingProblem,
    GraderError,
    LevelBandError,
    ModelError,
    RubricError,
    RubricNotFound,
    RubricSyntaxError,
    UnsupportedFile,
    error_classes,
    error_for_code,
)
from grader.io.documents import check_text, decode, read_script
from grader.scheme.rubric import available_rubrics, load_rubric
from grader.settings import Settings

from .conftest import ROOT

runner = CliRunner()

RUBRIC_HEAD = """\
id: demo
question: Why did it happen?
sides: [for, against]
points:
  - id: f-a
    side: for
    text: A point for
"""
GOOD_POINT_B = """\
  - id: a-b
    side: against
    text: A point against
"""
GOOD_LEVELS = """\
levels:
  - {level: 1, marks: [1, 5]}
  - {level: 2, marks: [6, 10]}
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def raised(exc_type: type[GraderError], func, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(exc_type) as info:
        func(*args, **kwargs)
    return str(info.value)


# --------------------------------------------------------------------------- rubric


def test_unknown_rubric_R002_lists_what_is_available():
    known = ", ".join(available_rubrics())
    assert raised(RubricNotFound, load_rubric, "ussr-1902s") == (
        f"[R002] Rubric 'ussr-1902s' not found: no such file, and no rubric of that name in "
        f"./rubrics, your rubrics folder or the bundled rubrics. Available rubrics: {known}. "
        f"Pass a path to a .yaml rubric, or import one with 'grader rubric import SCHEME "
        f"--id NAME --save'."
    )


def test_malformed_yaml_R003_names_line_and_column(tmp_path: Path):
    path = write(tmp_path, "id: demo\nquestion: Why?\n  sides: [a\n")
    assert raised(RubricSyntaxError, load_rubric, path) == (
        f"[R003] {path}: line 3, column 8: not valid YAML (mapping values are not allowed "
        f"here). Check the indentation and quoting near that line."
    )


def test_rubric_not_utf8_R003(tmp_path: Path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("id: caf\xe9\n".encode("latin-1"))
    assert raised(RubricSyntaxError, load_rubric, path) == (
        f"[R003] {path}: not UTF-8 text (invalid continuation byte at byte 7). Save the "
        f"rubric as UTF-8."
    )


@pytest.mark.parametrize(
    ("points", "message"),
    [
        # a point without its text cannot be matched: name the point, the field and the line
        (
            "  - id: a-b\n    side: against\n",
            "[R001] {path}: point 'a-b' (line 8) is missing 'text' (found None); it must be "
            "non-empty text.",
        ),
        # a misspelt field is reported with its line, not silently ignored
        (
            "  - id: a-b\n    side: against\n    text: B\n    keywrods: [B]\n",
            "[R001] {path}: point 'a-b' (line 8) has unknown field 'keywrods'. Allowed fields: "
            "ao, development, id, keywords, parts, requires, side, text.",
        ),
    ],
)
def test_malformed_rubric_field_R001_names_field_and_line(tmp_path: Path, points, message):
    path = write(tmp_path, RUBRIC_HEAD + points + GOOD_LEVELS)
    assert raised(RubricError, load_rubric, path) == message.format(path=path)


def test_duplicate_point_id_R004_names_id_and_line(tmp_path: Path):
    path = write(
        tmp_path, RUBRIC_HEAD + "  - id: f-a\n    side: against\n    text: B\n" + GOOD_LEVELS
    )
    assert raised(DuplicatePointId, load_rubric, path) == (
        f"[R004] {path}: duplicate point id 'f-a' (line 8). Each point needs its own id."
    )


@pytest.mark.parametrize(
    ("levels", "message"),
    [
        # mark 5 would belong to two levels
        (
            "  - {level: 1, marks: [1, 5]}\n  - {level: 2, marks: [5, 10]}\n",
            "[R005] {path}: level 1 (1-5) and level 2 (5-10) (line 13) overlap. Each mark must "
            "belong to one level.",
        ),
        # marks 6-7 would belong to no level
        (
            "  - {level: 1, marks: [1, 5]}\n  - {level: 2, marks: [8, 10]}\n",
            "[R005] {path}: marks 6-7 fall between level 1 (1-5) and level 2 (8-10) (line 13). "
            "Close the gap.",
        ),
        # a level given twice (a copy-paste slip)
        (
            "  - {level: 1, marks: [1, 5]}\n  - {level: 1, marks: [6, 10]}\n",
            "[R005] {path}: level 1 is defined twice (line 13).",
        ),
    ],
)
def test_level_bands_R005_that_overlap_or_leave_gaps(tmp_path: Path, levels, message):
    path = write(tmp_path, RUBRIC_HEAD + GOOD_POINT_B + "levels:\n" + levels)
    assert raised(LevelBandError, load_rubric, path) == message.format(path=path)


def test_a_valid_rubric_file_loads(tmp_path: Path):
    # the fixtures above differ from this one only in the line under test
    rubric = load_rubric(write(tmp_path, RUBRIC_HEAD + GOOD_POINT_B + GOOD_LEVELS))
    assert [p.id for p in rubric.points] == ["f-a", "a-b"]


def test_unreadable_mark_scheme_import_R010(tmp_path: Path):
    result = runner.invoke(
        app,
        [
            "rubric",
            "import",
            str(ROOT / "rubrics/sources/ussr-1920s.txt"),
            "--id",
            "x",
            "--count-scores",
            "four",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: [R010] --count-scores 'four': each entry must be COUNT:SCORE, e.g. '4:3,3:2,1:1'.\n"
    )


# --------------------------------------------------------------------------- scripts


def test_empty_essay_D002():
    assert raised(EmptyDocument, check_text, "", source="a.txt") == (
        "[D002] a.txt: the script is empty (no text to mark). Check that the right file was "
        "exported."
    )


@pytest.mark.parametrize(
    "text",
    [
        " \n\t\n ",  # whitespace only
        "\u200b\u200c\ufeff\u200f",  # zero-width and direction marks look empty too
    ],
)
def test_whitespace_only_essay_D002(text: str):
    assert raised(EmptyDocument, check_text, text, source="a.txt") == (
        f"[D002] a.txt: the script is empty ({len(text)} characters but no letters or digits: "
        f"only whitespace, punctuation or invisible characters). Check that the right file "
        f"was exported."
    )


def test_essay_over_the_size_limit_D005_says_limit_and_option(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 50_000, encoding="utf-8")
    result = runner.invoke(app, ["mark", str(path), "--rubric", "ussr-1920s"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D005] {path}: the script has 250,000 characters, over the limit of 200,000. "
        f"Split it, or raise the limit with --max-chars.\n"
    )


def test_non_utf8_text_D003_names_file_and_suggests_encoding(tmp_path: Path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Rapallo: a café treaty".encode("cp1252"))
    result = runner.invoke(
        app, ["mark", str(path), "--rubric", "ussr-1920s", "--encoding", "utf-8"]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: [D003] {path}: not valid utf-8 text (byte 0xe9 at position 14). Leave out "
        f"--encoding to detect each file's encoding, or give the right one.\n"
    )


def test_unknown_encoding_D003():
    assert raised(EncodingProblem, decode, b"abc", source="a.txt", encoding="klingon") == (
        "[D003] Unknown encoding 'klingon'. Use a Python codec name such as utf-8, cp1252 or "
        "latin-1."
    )


def test_binary_file_D006(tmp_path: Path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert raised(BinaryFile, read_script, path) == (
        f"[D006] {path}: this is a binary file, not text. Export the script as .txt, .docx or .pdf."
    )


def test_missing_file_D004(tmp_path: Path):
    path = tmp_path / "gone.txt"
    assert (
        raised(UnsupportedFile, read_script, path)
        == f"[D004] {path}: no such file. Check the path."
    )


def test_marker_rethrows_the_specific_error_once_coded(ussr_marker):
    # Marker.mark used to wrap every refusal as "[D001] [D002] ..."
    with pytest.raises(EmptyDocument) as info:
        ussr_marker.mark("\n\n", essay_id="blank.txt")
    assert str(info.value) == (
        "[D002] blank.txt: the script is empty (2 characters but no letters or digits: only "
        "whitespace, punctuation or invisible characters). Check that the right file was "
        "exported."
    )


def test_batch_reports_oversized_script_as_unmarked_with_the_limit(ussr_marker):
    small = Settings(max_chars=50)
    marker = type(ussr_marker)(ussr_marker.rubric, settings=small, encoder=ussr_marker.encoder)
    outcome = marker.mark_many([("long.txt", "Rapallo " * 10)])[0]
    assert outcome.code == "D005"
    assert outcome.reason == (
        "[D005] long.txt: the script has 80 characters, over the limit of 50. Split it, or "
        "raise the limit with --max-chars."
    )


# --------------------------------------------------------------------------- models, settings


def test_unknown_model_M001():
    from grader.core.embed import Encoder

    assert raised(ModelError, Encoder, "no-such-model") == (
        "[M001] Unknown embedding model 'no-such-model'. Use 'all-MiniLM-L6-v2' (the packaged "
        "default), 'fast' (a static model distilled from it) or a folder holding a "
        "sentence-transformers model; nothing is downloaded at run time."
    )


def test_unknown_setting_G000():
    assert raised(GraderError, Settings().with_overrides, relevence_min=0.3) == (
        "[G000] Unknown setting 'relevence_min'. Known settings: analysis_some_share, "
        "analysis_throughout_share, anchor_weight, attribution_margin, border_margin, "
        "calibrate_min_answers, calibrate_warn_below, common_word_zipf, continuation_min, "
        "contradiction_share, copy_min_ngrams, copy_min_share, described_credit, "
        "detail_share, details_per_level, develop_min_words, development_min, "
        "english_min_stopwords, explained_discount, idea_merge_min, idea_relevance_min, "
        "idea_shift_min, ideas_per_level, judgement_min_sentences, keyword_min_score, "
        "keyword_min_weight, "
        "knowledge_evidence_share, knowledge_precise_share, language_min_letters, "
        "language_min_words, latin_min_share, links_per_level, list_item_max_words, "
        "max_chars, max_short_dimensions, mention_min, mixed_min_weight, mixed_ratio, model, "
        "off_topic_relevance, off_topic_share, one_sided_ratio, paragraph_relevance_min, "
        "point_clause_min, quality_exponent, relevance_min, repeat_min_share, repeat_min_words, "
        "restatement_min_new, semantic_min, "
        "sentences_per_block, short_words, side_credited_weight, side_cue_max, "
        "side_cue_weight, side_min_weight, side_name_drop_weight, spelling_min_score, "
        "stuffing_min_density, stuffing_min_words, sustained_evaluative_share, "
        "topic_similarity_min, uneven_ratio."
    )


# --------------------------------------------------------------------------- the catalogue itself


def test_codes_are_unique_and_rebuildable():
    classes = error_classes()
    codes = [cls.code for cls in classes]
    assert len(codes) == len(set(codes))
    for cls in classes:
        rebuilt = error_for_code(cls.code, f"[{cls.code}] x.txt: problem.")
        assert type(rebuilt) is cls and str(rebuilt) == f"[{cls.code}] x.txt: problem."
    # an unknown document code still becomes a DocumentError, never a crash
    assert type(error_for_code("D999", "odd")) is DocumentError


def test_readme_documents_every_code_once():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Error catalogue", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Z]\d{3})` \|", section, flags=re.MULTILINE)
    expected = sorted([cls.code for cls in error_classes()] + list(REVIEW_FLAGS))
    assert sorted(rows) == expected
