"""Scripts written to game the marker: each is flagged for review and kept off the top level.

The scripts (scripts/adversarial.py, which also prints their marks) are built from each
rubric's own data (its keywords, its pasted source), so the same tests hold for any mark
scheme; they run on both bundled questions.
A control (the bundled model essay) shows the cap is not applied to honest work.
"""

from __future__ import annotations

import pytest

from grader.types import MarkResult
from scripts.adversarial import (
    keyword_stuffing,
    pasted_scheme,
    question_repeated,
    repeated_essay,
)

from .conftest import MODEL_ESSAY

pytestmark = pytest.mark.slow


def top_level(marker) -> int:
    return max(b.level for b in marker.rubric.levels)


def check_flagged(result: MarkResult, marker, code: str) -> None:
    assert result.level.needs_review, result.level
    assert any(r.startswith(f"[{code}]") for r in result.level.review_reasons), result.level
    assert result.level.level < top_level(marker)
    assert result.level.level <= 1
    capped_band = next(b for b in marker.rubric.levels if b.level == result.level.level)
    assert capped_band.min_mark <= result.level.mark <= capped_band.max_mark


@pytest.fixture(params=["ussr_marker", "league_marker"])
def marker(request):
    return request.getfixturevalue(request.param)


def test_keyword_stuffing_is_flagged_and_capped(marker):
    result = marker.mark(keyword_stuffing(marker.rubric), essay_id="stuffed")
    check_flagged(result, marker, "V003")


def test_mark_scheme_pasted_as_the_essay_is_flagged_and_capped(marker):
    result = marker.mark(pasted_scheme(marker.rubric), essay_id="scheme")
    # the matcher credits the scheme's own wording; only the screen keeps it off the top
    assert len(result.credited) >= len(marker.rubric.points) // 2
    check_flagged(result, marker, "V002")


def test_3000_words_of_repeated_text_is_flagged_and_capped(ussr_marker):
    text = repeated_essay()
    assert len(text.split()) >= 3000
    result = ussr_marker.mark(text, essay_id="repeated")
    check_flagged(result, ussr_marker, "V004")


def test_the_question_written_out_again_and_again_is_flagged(marker):
    result = marker.mark(question_repeated(marker.rubric), essay_id="question")
    check_flagged(result, marker, "V001")


def test_the_model_essay_is_not_flagged_or_capped(ussr_marker):
    # control: the cap applies to the gamed scripts, not to honest work on the same points
    result = ussr_marker.mark(MODEL_ESSAY.read_text(encoding="utf-8"), essay_id="model")
    assert not any(r.startswith("[V") for r in result.level.review_reasons)
    assert result.level.level >= top_level(ussr_marker) - 1
