"""Generic evaluative wording: what counts as judging evidence, in any subject."""

import re

import pytest

from grader.core.argue.cues import EVALUATIVE


@pytest.mark.parametrize(
    "sentence",
    [
        # inference drawn from the evidence, with any subject before the verb
        "The strike collapsed in a week, which suggests that the union was weaker than it looked.",
        "It reveals the central weakness of the plan: it relied on one supplier.",
        "This highlights how far the reform depended on local officials.",
        # weighing why and how far
        "Sales rose precisely because the rival shop had closed.",
        "Recovery depended on American loans, not on the new currency.",
        "The ceasefire was not secure, as fighting resumed the next spring.",
        "In the long term the vaccine programme cut deaths by half.",
        "Arguably the second loan was what saved the firm.",
        "The harvest of 1932 was a real test of the policy.",
    ],
)
def test_evaluative_wording_is_recognised(sentence):
    assert EVALUATIVE.search(sentence), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        # narrative: what happened, when and where, with no judgement of it
        "In 1921 Britain signed a trade agreement with Russia.",
        "They went to Rapallo and signed a treaty there.",
        "The shop opened a second branch in March and hired four staff.",
        "The army was short of food by the winter.",
    ],
)
def test_narrative_is_not_evaluative(sentence):
    assert not EVALUATIVE.search(sentence), sentence


def test_evaluative_phrases_are_found_whatever_their_case():
    from grader.core.argue.roles import sentence_cues

    text = "THIS SHOWS THAT the Treaty was, On Balance, a Short-Lived Success."
    assert sentence_cues(text) == sentence_cues(text.lower())
    assert "on balance" in sentence_cues(text)
    # matching lower-cased text is only the same if the pattern has no capitals of its own
    assert not re.findall("[A-Z]", re.sub(r"\\[A-Za-z]", "", EVALUATIVE.pattern))
