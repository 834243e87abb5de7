"""The trial cases of issue #16, each with a small hand-written essay (not development text).

A student who notices one untrue sentence in their feedback stops trusting all of it:
every case here is something the feedback once said that was not true.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from grader.render.feedback import build_feedback, feedback_to_dict, format_feedback_text
from grader.render.report import render
from grader.scheme.rubric import rubric_from_dict

pytestmark = pytest.mark.slow

# Hand-written essays, one per trial case (not development text).
TRIALS = Path(__file__).parent / "data" / "trials"

# Berlin here is the Spartacist rising; Russia is where the German army trained; 1924 is
# Britain's recognition; Versailles, Zinoviev, the Comintern and the Treaty of Berlin are
# never named. The conclusion says "Europe", a word the question spells "European".
TRIAL = (TRIALS / "ussr-trial.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def trial(ussr_marker):
    result = ussr_marker.mark(TRIAL, essay_id="trial.txt")
    return result, build_feedback(result, ussr_marker.rubric)


def everything_said(feedback) -> str:
    """All the words the student reads (text rendering) as one line."""
    return " ".join(format_feedback_text(feedback).split())


@pytest.mark.parametrize(
    ("point_id", "word"),
    [
        # "Berlin" is the Spartacist rising, not the 1926 Treaty of Berlin
        ("s-berlin-1926", "Berlin"),
        # "1924" is Britain's recognition: Zinoviev is never mentioned
        ("f-zinoviev", "1924"),
        # "Russia" is where the army trained, not the exclusion from Versailles
        ("f-versailles", "Russia"),
    ],
)
def test_a_common_word_or_bare_year_is_not_a_mention(trial, point_id, word):
    result, feedback = trial
    assert result.status_of(point_id) == "missing"
    assert point_id not in {d.point_id for d in feedback.name_dropped}
    said = everything_said(feedback)
    assert f"mention “{word}”" not in said and f"Explain {word}" not in said


def test_no_prompt_names_a_point_the_essay_never_mentions(trial):
    _, feedback = trial
    said = everything_said(feedback)
    for absent in ("Zinoviev", "Comintern", "Treaty of Berlin"):
        assert f"only mention ({absent}" not in said
        assert not any(absent in d.prompt for d in feedback.name_dropped)


def test_a_credited_point_is_never_listed_as_only_mentioned(trial):
    result, feedback = trial
    assert result.status_of("f-genoa") == "credited"
    only_mention = [s for s in feedback.next_level if s.startswith("Explain the points you only")]
    assert not any("Genoa" in s for s in only_mention)
    assert not any("Genoa" in m.text for d in feedback.name_dropped for m in d.words)


def test_no_false_credit_from_a_word_of_another_point(trial):
    # "...the German army could secretly train in Russia" never mentions Versailles
    result, _ = trial
    assert result.status_of("f-versailles") != "credited"
    assert "f-versailles" not in result.credited


def test_every_quote_is_verbatim_never_normalised(trial):
    result, feedback = trial
    text = result.document.text
    quote = feedback.judgement_quote
    assert quote is not None
    assert text[quote.start : quote.end] == quote.text
    assert "making links with Europe because" in quote.text
    assert "european" not in feedback.judgement
    record = feedback_to_dict(feedback)
    quotes = [e for c in record["credited"] for e in c["evidence"]]
    quotes += [w for d in record["name_dropped"] for w in d["words"]]
    quotes += [record["judgement_quote"]]
    assert quotes
    assert all(text[q["start"] : q["end"]] == q["text"] for q in quotes)


def test_reports_show_the_stored_decisions(trial, ussr_marker):
    result, feedback = trial
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(render(result, ussr_marker.rubric))
    report = " ".join(console.export_text().split())
    assert f"Balance: {result.argument.balance} (" in report
    assert f"Judgement: {result.argument.judgement}" in report
    for side in result.argument.sides:
        credited = sum(m.status == "credited" and m.side == side.side for m in result.matches)
        assert side.credited == credited
        assert f"{side.side}: {credited} credited" in report
    assert feedback.balance_label == result.argument.balance
    assert feedback.judgement_label == result.argument.judgement
    said = everything_said(feedback)
    assert (
        f"Points: {len(result.credited)} credited, {len(result.name_dropped)} mentioned but "
        f"not explained, {len(result.missing)} not covered" in said
    )


# A question that asks "why", with no sources printed and no verdict to reach.
WHY = rubric_from_dict(
    {
        "id": "why-canals",
        "question": "Explain why canals were built in Britain after 1760.",
        "sides": ["causes"],
        "points": [
            {
                "id": "c-coal",
                "side": "causes",
                "text": "Factories needed cheap coal, and the Bridgewater Canal halved its price.",
                "keywords": ["Bridgewater Canal"],
            },
            {
                "id": "c-pottery",
                "side": "causes",
                "text": "Wedgwood's fragile pottery broke less often on water than on roads.",
                "keywords": ["Wedgwood"],
            },
        ],
        "levels": [
            {"level": 1, "marks": [1, 3], "descriptor": "Simple explanation."},
            {"level": 2, "marks": [4, 6], "descriptor": "Developed explanation."},
        ],
    }
)

WHY_ESSAY = (TRIALS / "why-canals.txt").read_text(encoding="utf-8")


def test_advice_follows_the_question_type():
    from grader.core.pipeline import Marker

    marker = Marker(WHY)
    feedback = build_feedback(marker.mark(WHY_ESSAY, "why.txt"), WHY)
    said = everything_said(feedback).lower()
    assert feedback.question_type == "explain"
    # an "Explain why" question asks for no verdict and gave no information to use
    assert "how far" not in said and "reach a judgement" not in said
    assert "information you were given" not in said
    assert "asks you to explain, not to reach a verdict" in said
    # as a levels scheme with printed stimulus, the offer of an idea may say so
    levels = dataclasses.replace(WHY, kind="levels", stimulus=("the Bridgewater Canal",))
    offered = build_feedback(marker.mark("Canals were useful.", "short.txt"), levels)
    assert any("information you were given" in m.line for m in offered.missed)


OFF_TOPIC = (TRIALS / "five-year-plans.txt").read_text(encoding="utf-8")


def test_an_essay_on_another_question_is_flagged_off_topic(ussr_marker):
    result = ussr_marker.mark(OFF_TOPIC, "plans.txt")
    assert result.argument.relevance < 0.5
    assert result.level.needs_review
    assert result.level.review_reasons[0].startswith("off-topic")
    assert not result.credited and not result.name_dropped


def test_off_topic_is_flagged_for_a_levels_scheme_too():
    # any rubric: a levels-of-response scheme on canals, the essay on the Five-Year Plans
    from grader.core.pipeline import Marker

    marker = Marker(dataclasses.replace(WHY, kind="levels"))
    result = marker.mark(OFF_TOPIC, "plans.txt")
    assert result.level.needs_review
    assert result.level.review_reasons[0] == (
        "off-topic: only 0% of its sentences are about the question or the mark scheme"
    )
    # an answer to the question is not flagged
    on_topic = marker.mark(WHY_ESSAY, "why.txt")
    assert not any(r.startswith("off-topic") for r in on_topic.level.review_reasons)


# The Labour point is developed in the body; the conclusion only restates it.
LABOUR = (TRIALS / "labour-1929.txt").read_text(encoding="utf-8")


def test_the_evidence_shown_is_the_sentence_that_develops_the_point(ussr_marker):
    result = ussr_marker.mark(LABOUR, "labour.txt")
    feedback = build_feedback(result, ussr_marker.rubric)
    (labour,) = [c for c in feedback.credited if c.point_id == "s-labour-1929"]
    assert labour.evidence[0].quote.startswith("The new Labour government under Ramsay MacDonald")
    assert "In conclusion" not in labour.evidence[0].quote
