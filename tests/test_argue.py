"""Balance, paragraph roles and judgement on small hand-written essays."""

from __future__ import annotations

import pytest

from grader.core.argue.assess import balance_label
from grader.core.argue.judgement import counts_instead_of_weighing
from grader.types import SideBalance


def sides(**credited: int) -> tuple[SideBalance, ...]:
    return tuple(SideBalance(side, n, 0, n) for side, n in credited.items())


@pytest.mark.parametrize(
    ("counts", "relevance", "expected"),
    [
        # Nothing credited at all: no argument about the question.
        (sides(failure=0, success=0), 1.0, "none"),
        # Points credited, but most paragraphs are about something else.
        (sides(failure=2, success=1), 0.4, "none"),
        # One side only.
        (sides(failure=4, success=0), 1.0, "one-sided"),
        # A token point on the thin side still leaves the essay one-sided.
        (sides(failure=5, success=1), 1.0, "one-sided"),
        # Thin side has half the points of the full side: uneven.
        (sides(failure=4, success=2), 1.0, "uneven"),
        # Close counts: balanced.
        (sides(failure=4, success=3), 1.0, "balanced"),
        # Three named sides (a factors question): the thinnest decides.
        (sides(political=3, economic=3, social=1), 1.0, "uneven"),
        (sides(political=3, economic=3, social=0), 1.0, "one-sided"),
        (sides(political=3, economic=2, social=3), 1.0, "balanced"),
    ],
)
def test_balance_label(counts, relevance, expected):
    assert balance_label(counts, relevance) == expected


def test_counting_items_is_not_weighing():
    stems = ["success", "succ", "fail"]
    assert counts_instead_of_weighing("It had more successes than failures overall.", stems)
    assert not counts_instead_of_weighing("Its failures mattered more because ...", stems)


# ---------------------------------------------------------------- hand-written essays

INTRO = (
    "In the 1920s the USSR tried to build links with the major powers of Europe, "
    "above all Germany, Britain and France."
)
SUCCESS_RAPALLO = (
    "The Treaty of Rapallo in 1922 restored relations with Germany and cancelled the debts "
    "each side claimed from the other. Both states were shunned by the other powers, "
    "so the treaty gave each of them a partner, and secret military cooperation "
    "followed with German officers training at Soviet bases."
)
SUCCESS_TRADE = (
    "The Anglo-Soviet trade agreement of 1921 meant Britain accepted the Soviet government "
    "in practice and opened British markets to Soviet goods, which the USSR badly needed for "
    "the New Economic Policy."
)
FAILURE_ZINOVIEV = (
    "The Zinoviev letter of 1924 damaged relations with Britain. It was published just "
    "before the election, helped the Conservatives under Stanley Baldwin to win, and in "
    "1927 the new government broke off diplomatic relations with the USSR."
)
FAILURE_GENOA = (
    "The Genoa conference of 1922 failed because France demanded that the USSR repay the "
    "loans French investors had made to the Tsarist government, and the Soviets refused."
)
WEIGHED_CONCLUSION = (
    "In conclusion, the USSR had limited success. It ended its isolation and found a real "
    "partner in Germany. However, its links with Britain and France stayed weak because "
    "fear of communism mattered more to them than trade. Since the Western powers never "
    "trusted it, its success was limited."
)


def evaluate(paragraph: str) -> str:
    return paragraph + " This shows that its success was limited, because it rested on need."


@pytest.mark.slow
def test_no_conclusion_means_no_judgement(ussr_marker):
    essay = "\n\n".join([INTRO, SUCCESS_RAPALLO, SUCCESS_TRADE, FAILURE_ZINOVIEV, FAILURE_GENOA])
    argument = ussr_marker.mark(essay).argument
    assert argument.judgement == "none"
    assert not argument.conclusion_present


@pytest.mark.slow
def test_bare_verdict_is_unsubstantiated(ussr_marker):
    conclusion = "Overall the USSR was very successful."
    essay = "\n\n".join(
        [INTRO, SUCCESS_RAPALLO, SUCCESS_TRADE, FAILURE_ZINOVIEV, FAILURE_GENOA, conclusion]
    )
    argument = ussr_marker.mark(essay).argument
    assert argument.judgement == "unsubstantiated"
    assert argument.verdict == "very successful"
    assert argument.conclusion_present


@pytest.mark.slow
def test_weighed_conclusion_without_evaluation_in_body_is_substantiated(ussr_marker):
    essay = "\n\n".join(
        [INTRO, SUCCESS_RAPALLO, SUCCESS_TRADE, FAILURE_ZINOVIEV, FAILURE_GENOA, WEIGHED_CONCLUSION]
    )
    result = ussr_marker.mark(essay)
    assert result.argument.judgement == "substantiated"
    assert "limited success" in result.argument.verdict
    assert "not sustained" in result.level.explanation


@pytest.mark.slow
def test_thesis_and_evaluation_throughout_is_sustained(ussr_marker):
    thesis = INTRO + " This essay will argue that the USSR had only limited success."
    body = [evaluate(p) for p in (SUCCESS_RAPALLO, SUCCESS_TRADE, FAILURE_ZINOVIEV, FAILURE_GENOA)]
    essay = "\n\n".join([thesis, *body, WEIGHED_CONCLUSION])
    argument = ussr_marker.mark(essay).argument
    assert argument.judgement == "sustained"
    roles = [p.role for p in argument.paragraphs]
    assert roles[0] == "introduction" and roles[-1] == "conclusion"
    assert all(p.evaluative for p in argument.paragraphs if p.role == "body")


@pytest.mark.slow
def test_conclusion_contradicting_the_body_is_flagged(ussr_marker):
    failure_comintern = (
        "The Comintern, run from Moscow, told communist parties abroad to work for revolution, "
        "so governments in the West could never trust Soviet promises of friendship."
    )
    conclusion = (
        "Overall, the USSR was very successful in making links with the major powers. "
        "It had good relations with everyone by 1929."
    )
    essay = "\n\n".join([INTRO, FAILURE_ZINOVIEV, FAILURE_GENOA, failure_comintern, conclusion])
    result = ussr_marker.mark(essay)
    assert result.argument.contradicts
    assert result.argument.judgement == "unsubstantiated"
    assert result.level.needs_review
    assert "the conclusion contradicts the body" in result.level.review_reasons


@pytest.mark.slow
def test_paragraph_sides_follow_points_and_wording(ussr_marker):
    essay = "\n\n".join([INTRO, SUCCESS_RAPALLO, FAILURE_ZINOVIEV, WEIGHED_CONCLUSION])
    roles = ussr_marker.mark(essay).argument.paragraphs
    assert [r.side for r in roles[1:3]] == ["success", "failure"]
