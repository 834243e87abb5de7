"""Screening checks on their own (no embedding model): exact review messages and the cap."""

from __future__ import annotations

import pytest

from grader.core.screening import (
    Screening,
    apply_screening,
    lowest_scoring_level,
    rubric_text,
    screen,
)
from grader.scheme.rubric import load_rubric
from grader.types import Document, LevelEstimate, PointMatch, Rubric


@pytest.fixture(scope="module")
def ussr() -> Rubric:
    return load_rubric("ussr-1920s")


def doc(text: str) -> Document:
    # screening reads only the text; segmentation is not needed
    return Document("e", text, ())


def named(rubric: Rubric, n: int) -> list[PointMatch]:
    return [
        PointMatch(p.id, p.side, "name_dropped" if i < n else "missing", 0.5)
        for i, p in enumerate(rubric.points)
    ]


ORDINARY = (
    "The USSR had mixed success in the 1920s. The Treaty of Rapallo in 1922 was its main "
    "success, because it ended the diplomatic isolation of both Germany and Russia and "
    "allowed secret military cooperation. However, the Zinoviev letter in 1924 damaged "
    "relations with Britain, and fear of the Comintern made western governments wary of "
    "trading with a state that wanted revolution in their own countries."
)


def test_an_ordinary_essay_is_not_flagged(ussr: Rubric):
    assert screen(ussr, doc(ORDINARY), named(ussr, 3)) == Screening()


def test_question_copied_V001(ussr: Rubric):
    text = " ".join([ussr.question] * 4)
    result = screen(ussr, doc(text), [])
    assert result.reasons[0] == (
        "[V001] The essay largely copies the question (85% of its word sequences appear in "
        "the question). Check it by hand; it is capped at level 1."
    )
    assert result.cap == 1


def test_mark_scheme_copied_V002(ussr: Rubric):
    result = screen(ussr, doc(rubric_text(ussr)), named(ussr, 10))
    assert result.reasons == (
        "[V002] The essay largely copies the mark scheme (100% of its word sequences appear in "
        "the rubric). Check it by hand; it is capped at level 1.",
    )


def test_keyword_stuffing_V003(ussr: Rubric):
    names = "Rapallo Genoa Zinoviev Comintern Versailles Spartacist Baldwin 1921 1924 1926"
    text = f"{names}. The USSR had {names} and {names}."
    result = screen(ussr, doc(text), named(ussr, 8))
    assert result.codes == ("V003",)
    assert result.reasons[0] == (
        "[V003] The essay looks keyword-stuffed (88% of its words are mark-scheme names and "
        "dates, about 4 words per point named). Check it by hand; it is capped at level 1."
    )


def test_a_list_of_names_inside_real_prose_is_not_stuffing(ussr: Rubric):
    # one listing sentence among explained ones is a thin essay, not a stuffed one
    text = ORDINARY + " The USSR had Rapallo, Genoa, Zinoviev and the Comintern."
    assert "V003" not in screen(ussr, doc(text), named(ussr, 4)).codes


@pytest.mark.parametrize(
    "text",
    [
        # a paragraph pasted over and over
        "\n\n".join([ORDINARY] * 8),
        # the same with no punctuation or paragraph breaks at all
        " ".join([ORDINARY.replace(".", "").replace(",", "")] * 8),
    ],
)
def test_repeated_text_V004(ussr: Rubric, text: str):
    result = screen(ussr, doc(text), named(ussr, 3))
    assert result.codes == ("V004",)
    assert result.reasons[0] == (
        "[V004] The essay is mostly repeated text (87% of its word sequences repeat earlier "
        "ones). Check it by hand; it is capped at level 1."
    )


@pytest.mark.parametrize(
    "text",
    [
        # French, with the rubric's names left in
        "L'URSS a essayé d'établir des liens avec les grandes puissances européennes dans les "
        "années 1920. Le traité de Rapallo avec l'Allemagne en 1922 était un grand succès, car "
        "il a mis fin à l'isolement diplomatique. Cependant, la lettre de Zinoviev en 1924 a "
        "nui aux relations avec la Grande-Bretagne.",
        # German
        "Im Jahr 1922 unterzeichnete die Sowjetunion mit Deutschland den Vertrag von Rapallo, "
        "der die diplomatische Isolation beendete. Der Sinowjew-Brief von 1924 schadete jedoch "
        "den Beziehungen zu Großbritannien, und die Komintern beunruhigte die Regierungen.",
        # Chinese: no spaces, so the check goes by script rather than by words
        "1922年，苏联与德国签订了拉帕洛条约，结束了外交孤立。然而，1924年的季诺维也夫信件损害了"
        "与英国的关系，共产国际也让西方政府感到担忧。",
    ],
)
def test_essay_in_another_language_V005(ussr: Rubric, text: str):
    result = screen(ussr, doc(text), [])
    assert result.codes == ("V005",)
    assert result.reasons[0].startswith("[V005] The essay may not be in English (only ")
    assert result.reasons[0].endswith(
        "% of its words are common English words). grader marks English only; check it by "
        "hand. It is capped at level 1."
    )


def test_cap_lowers_level_and_mark_and_keeps_earlier_reasons(ussr: Rubric):
    top = LevelEstimate(
        level=5, mark=19, confidence=0.8, explanation="9 points", review_reasons=("judge?",)
    )
    flagged = screen(ussr, doc(rubric_text(ussr)), named(ussr, 10))
    capped = apply_screening(top, flagged, ussr)
    assert (capped.level, capped.mark, capped.needs_review) == (1, 5, True)
    assert capped.review_reasons == ("judge?", flagged.reasons[0])
    assert capped.explanation == "9 points; capped at level 1 for review"
    # a script already below the cap keeps its level and mark, but is still flagged
    low = LevelEstimate(level=0, mark=0, confidence=0.5)
    assert apply_screening(low, flagged, ussr).level == 0
    assert apply_screening(low, flagged, ussr).needs_review
    # nothing found: the estimate is returned unchanged
    assert apply_screening(top, Screening(), ussr) is top


def test_cap_for_a_count_scored_rubric_is_its_lowest_positive_score(ussr: Rubric):
    from dataclasses import replace

    counted = replace(ussr, levels=(), count_scores=((0, 0), (1, 1), (3, 2), (4, 3)))
    assert lowest_scoring_level(counted) == 1
    assert lowest_scoring_level(ussr) == 1
