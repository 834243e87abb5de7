"""Rule-based level and mark: bands read from descriptors, explanation, review flags."""

from __future__ import annotations

import pytest

from grader.core.level.rules import estimate_level
from grader.scheme.bands import band_requirements, parse_descriptor
from grader.scheme.rubric import load_rubric
from grader.types import (
    ArgumentResult,
    LevelBand,
    ParagraphRole,
    PointMatch,
    Rubric,
    SideBalance,
)

# A mark scheme worded unlike the development rubrics (another board's style).
OTHER_BANDS = (
    LevelBand(0, 0, 0, "No rewardable material."),
    LevelBand(1, 1, 4, "Simple, general statements; the answer is mostly narrative."),
    LevelBand(2, 5, 8, "Some relevant knowledge, but descriptive and one-sided."),
    LevelBand(
        3,
        9,
        12,
        "Explanation of both sides with supporting evidence; a judgement is reached and supported.",
    ),
    LevelBand(
        4,
        13,
        15,
        "Sustained analysis of both sides with precise evidence; the "
        "judgement is sustained throughout.",
    ),
)


def test_descriptor_cues_become_requirements():
    found, said = parse_descriptor(
        "Both sides developed with explanation and evidence; a judgement is reached and "
        "supported, but it is not carried through the whole answer."
    )
    assert found == {"judgement": 2, "balance": 3, "analysis": 2, "knowledge": 2}
    assert "Both sides" in said


def test_requirements_rise_with_the_band_on_another_boards_wording():
    needs = [r.needs for r in band_requirements(OTHER_BANDS)]
    totals = [sum(n) for n in needs[1:]]
    assert totals == sorted(totals) and len(set(totals)) == len(totals)
    assert needs[-1] == (3, 3, 3, 3)


def two_sided_rubric(bands=OTHER_BANDS) -> Rubric:
    return Rubric(
        id="t", question="How far ...?", sides=("for", "against"), bullets=(), levels=bands
    )


def matches(credited: int, dropped: int = 0, total: int = 10) -> tuple[PointMatch, ...]:
    out = []
    for i in range(total):
        status = (
            "credited" if i < credited else "name_dropped" if i < credited + dropped else "missing"
        )
        out.append(PointMatch(f"p{i}", "for" if i % 2 else "against", status, 0.5))
    return tuple(out)


def argument(judgement="none", balance="balanced", evaluative=0, body=4) -> ArgumentResult:
    paragraphs = tuple(
        ParagraphRole(
            i,
            "body",
            sentences=4,
            evaluative_sentences=2 if i < evaluative else 0,
            evaluative=i < evaluative,
        )
        for i in range(body)
    )
    return ArgumentResult(
        balance=balance,
        sides=(SideBalance("for", 3, 0, 2), SideBalance("against", 3, 0, 2)),
        judgement=judgement,
        verdict="largely convincing" if judgement != "none" else "",
        paragraphs=paragraphs,
        conclusion_present=judgement != "none",
    )


@pytest.mark.parametrize(
    ("credited", "dropped", "arg", "level"),
    [
        # Nothing rewardable: the band whose descriptor says so.
        (0, 0, argument(balance="none"), 0),
        # Names only, no explanation: something to reward, but only the bottom scoring band.
        (0, 6, argument(balance="none"), 1),
        # A few points described on one side, no judgement: "descriptive and one-sided".
        (2, 0, argument(balance="one-sided"), 2),
        # Most points, both sides, evaluated, weighed conclusion: "reached and supported".
        (7, 0, argument("substantiated", evaluative=2), 3),
        # Everything, evaluated throughout, sustained judgement: top band.
        (9, 0, argument("sustained", evaluative=4), 4),
    ],
)
def test_level_follows_the_profile_on_a_new_rubric(credited, dropped, arg, level):
    estimate = estimate_level(two_sided_rubric(), matches(credited, dropped), arg)
    assert estimate.level == level
    band = OTHER_BANDS[level]
    assert band.min_mark <= estimate.mark <= band.max_mark
    assert estimate.descriptor == band.descriptor


def test_an_unsupported_judgement_cannot_reach_a_band_asking_for_a_supported_one():
    # Strong everywhere else, but the verdict is only asserted: the gate holds it back.
    estimate = estimate_level(
        two_sided_rubric(), matches(9), argument("unsubstantiated", evaluative=4)
    )
    assert estimate.level == 2


@pytest.mark.slow
def test_explanation_quotes_the_band_descriptor_and_the_evidence(ussr_marker):
    from tests.test_argue import (
        FAILURE_GENOA,
        FAILURE_ZINOVIEV,
        INTRO,
        SUCCESS_RAPALLO,
        SUCCESS_TRADE,
        WEIGHED_CONCLUSION,
    )

    essay = "\n\n".join(
        [INTRO, SUCCESS_RAPALLO, SUCCESS_TRADE, FAILURE_ZINOVIEV, FAILURE_GENOA, WEIGHED_CONCLUSION]
    )
    result = ussr_marker.mark(essay)
    level = result.level
    band = next(b for b in ussr_marker.rubric.levels if b.level == level.level)
    assert level.explanation.startswith(f"Level {band.level} ('{band.descriptor}'): ")
    assert level.descriptor == band.descriptor
    assert "judgement 'limited success' substantiated in conclusion but not sustained" in (
        level.explanation
    )
    sides = {s.side: s.credited for s in result.argument.sides}
    assert f"{sides['failure']} failure, {sides['success']} success points explained" in (
        level.explanation
    )


OFF_TOPIC = "\n\n".join(
    [
        (
            "The Industrial Revolution began in Britain in the eighteenth century. Coal and "
            "iron were found close together in the north, and rivers and canals carried goods "
            "cheaply."
        ),
        (
            "Inventors such as James Watt improved the steam engine, and Richard Arkwright "
            "built water-powered cotton mills. Factories drew workers from the countryside "
            "into crowded towns like Manchester."
        ),
        (
            "Working conditions were harsh. Children worked long hours in mills and mines "
            "until Factory Acts began to limit their hours in the 1830s and 1840s."
        ),
        (
            "Railways spread quickly after the Stockton and Darlington line opened in 1825, "
            "and by 1850 Britain had thousands of miles of track linking its towns and ports."
        ),
        ("By the middle of the century Britain was called the workshop of the world."),
    ]
)


@pytest.mark.slow
def test_an_essay_about_something_else_is_flagged_not_guessed(ussr_marker):
    result = ussr_marker.mark(OFF_TOPIC)
    assert result.argument.relevance < 0.6
    assert result.level.needs_review
    assert any(r.startswith("off-topic or unusual script") for r in result.level.review_reasons)
    assert result.level.level <= 1
    assert result.argument.balance == "none"


@pytest.mark.slow
def test_a_very_short_script_is_flagged(ussr_marker):
    result = ussr_marker.mark(
        "Rapallo in 1922 was a success because it linked the USSR to Germany."
    )
    assert "very short (13 words)" in result.level.review_reasons


def test_ussr_rubric_bands_are_read_in_order():
    needs = [r.needs for r in band_requirements(load_rubric("ussr-1920s").levels)]
    assert needs[0] == (0, 0, 0, 0) and needs[-1] == (3, 3, 3, 3)
