"""Terms a mark scheme insists on: parsed from the rubric, checked in the evidence."""

import numpy as np
import pytest

from grader.core.match import match_points
from grader.core.segment import segment
from grader.errors import RubricError
from grader.scheme.requires import term_found, unmet
from grader.scheme.rubric import dump_rubric, rubric_from_dict
from grader.settings import Settings

POINT = {
    "id": "k-nuclear-pore",
    "side": "key",
    "text": "mRNA exits the nucleus via a nuclear pore.",
    "requires": ["pore", "mrna | messenger rna"],
}
BASE = {
    "id": "short",
    "question": "Starting with mRNA leaving the nucleus, list the steps of protein synthesis.",
    "sides": ["key"],
    "points": [POINT],
    "count_scores": {0: 0, 1: 1},
}


def test_a_word_matches_its_inflections_and_misspellings_but_short_words_match_exactly():
    assert term_found("bond", ["the", "acids", "are", "bonded"])
    assert term_found("pore", ["through", "a", "pores"])
    assert term_found("osmosis", ["by", "osmosos"])
    assert term_found("high to low", ["from", "low", "to", "high"])  # every word, any order
    assert not term_found("high to low", ["from", "higher", "to", "lower"])  # "low" is short
    assert not term_found("codon", ["the", "anticodon"])
    assert not term_found("trna", ["the", "mrna"])


def test_every_condition_must_be_met_by_some_evidence_sentence():
    conditions = [("pore",), ("mrna", "messenger rna")]
    assert unmet(conditions, [["mrna", "leaves"], ["through", "a", "pore"]]) == ()
    assert unmet(conditions, [["it", "leaves", "the", "nucleus"]]) == (
        "pore",
        "mrna | messenger rna",
    )
    assert unmet(conditions, [["the", "messenger", "rna", "uses", "a", "pore"]]) == ()


def test_requires_is_read_and_round_trips():
    rubric = rubric_from_dict(BASE)
    assert rubric.points[0].requires == (("pore",), ("mrna", "messenger rna"))
    again = rubric_from_dict(__import__("yaml").safe_load(dump_rubric(rubric)))
    assert again.points[0].requires == rubric.points[0].requires


@pytest.mark.parametrize("bad", ["pore", [["pore"]], ["pore", " | "]])
def test_malformed_requires_is_rejected_naming_the_point(bad):
    with pytest.raises(RubricError) as info:
        rubric_from_dict({**BASE, "points": [{**POINT, "requires": bad}]}, source="r.yaml")
    assert str(info.value) == (
        f"[R001] r.yaml: point 'k-nuclear-pore' 'requires' must be a list of terms, "
        f"alternatives separated by '|', e.g. ['pore', 'high to low | concentration "
        f"gradient']; found {bad!r}."
    )


def _status(text: str) -> tuple[str, str]:
    rubric = rubric_from_dict(BASE)
    doc = segment(text)
    similarity = np.full((len(doc.sentences), 1), 0.9)  # every sentence paraphrases the point
    match = match_points(doc, rubric.points, similarity, Settings(develop_min_words=4))[0]
    return match.status, match.reason


def test_restating_the_question_without_the_required_term_is_not_credited():
    status, reason = _status("The mRNA leaves the nucleus and goes out into the cell.")
    assert (status, reason) == ("name_dropped", "does not say: pore")


def test_the_same_answer_with_the_required_term_is_credited():
    status, _ = _status("The mRNA leaves the nucleus through a nuclear pore.")
    assert status == "credited"
