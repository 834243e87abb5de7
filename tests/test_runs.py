"""Several ideas in one paragraph (grader/core/argue/runs.py and its use in ideas.py).

A made-up question and answers in our own words: a short answer that explains three
factors in one paragraph is read as three ideas, marked as high as the same sentences
in paragraphs and above an answer of the same length that describes one factor; a
three-paragraph essay keeps its ideas.
"""

from __future__ import annotations

import numpy as np
import pytest

from grader.core.argue.ideas import EXPLAINING, answer_ideas, detail_terms
from grader.core.argue.runs import centred_similarity, idea_runs
from grader.core.segment import segment
from grader.scheme.import_levels import import_levels
from grader.settings import Settings
from grader.types import Sentence
from tests.level_schemes import generic_scheme

QUESTION = "Explain why the port of Kelmouth declined in the years 1850-1880. [12 marks]"
SCHEME = generic_scheme(QUESTION)

# Three factors in one paragraph, each with its own names or figures and a reason.
THREE_FACTORS = (
    "Kelmouth declined for three reasons. First, the Great Western line opened at Ashby "
    "in 1852, which meant merchants sent coal and wool by train instead of by sea. The "
    "railway charged half the shipping rate, so the harbour lost its trade within ten "
    "years. Second, a fire in 1861 burnt down the Market Street warehouses because they "
    "were built of timber. The Phoenix insurance company refused to pay, so the owners "
    "could not afford to rebuild. Third, cholera killed 310 people in 1866 because the "
    "slums had no sewers. Many families left the town as a result, and the population "
    "fell to 4,000 by 1871."
)
# One factor at the same length: the railway, described.
ONE_FACTOR = (
    "The railway was the reason Kelmouth declined, more than anything else at the time. "
    "The Great Western line opened at Ashby in 1852 and the trains were fast and cheap. "
    "The trains carried coal and wool and timber, and the station at Ashby was busy every "
    "day of the week. The railway company built new sidings and a goods shed in 1858, and "
    "more and more trains ran on the line each year. There were six trains a day by 1860 "
    "and twelve by 1870, and the company added a second track and a bigger engine shed. "
    "People in Kelmouth used the railway to travel to Ashby, so the railway was the reason."
)
THREE_PARAGRAPHS = (
    "Kelmouth declined for three reasons.\n\n"
    "The first was the railway. The Great Western line opened at Ashby in 1852, so "
    "merchants sent their cargo by train instead and Kelmouth lost most of its coal trade.\n\n"
    "The second was the estuary. Silt from the River Tane built up until ships of over "
    "400 tons could not reach the quay by 1865, which meant the largest ships went elsewhere.\n\n"
    "The third was disease. A cholera epidemic in 1866 killed 310 people, so sailors and "
    "traders avoided the town for years.\n\n"
    "In conclusion, the railway mattered most because it took the trade first."
)


def paragraphed(text: str) -> str:
    """The same sentences with a paragraph break before each factor's first sentence."""
    sentences = [s.text for s in segment(text).sentences]
    return "\n\n".join(
        " ".join(sentences[a:b]) for a, b in ((0, 1), (1, 3), (3, 5), (5, len(sentences)))
    )


# Sentences 0-1 on one topic, 2-3 on another, 4 sums both up (unit rows with a shared
# component, as real embeddings have): the answer moves on at sentence 2.
TWO_TOPICS = np.array(
    [[1, 0, 0.3], [1, 0, 0.3], [0, 1, 0.3], [0, 1, 0.3], [0.7, 0.7, 0.3]], dtype=np.float32
)
TWO_TOPICS /= np.linalg.norm(TWO_TOPICS, axis=1, keepdims=True)
TWO_EXPLAINED = [
    "Rapallo was signed in 1922 because Russia wanted trade.",
    "It gave Germany trade.",
    "The Zinoviev letter in 1924 caused alarm because it was forged.",
    "It ended talks.",
]


def runs_of(texts: list[str], similarity: np.ndarray = TWO_TOPICS @ TWO_TOPICS.T) -> list[int]:
    sentences = [Sentence(i, 0, 0, len(t), t) for i, t in enumerate(texts)]
    features = [(detail_terms(t, set()), bool(EXPLAINING.search(t))) for t in texts]
    return [len(r) for r in idea_runs(sentences, similarity, features, Settings())]


@pytest.mark.parametrize(
    "texts, runs",
    [
        # two explained factors with their own names and dates: cut where the topic moves
        (TWO_EXPLAINED, [2, 2]),
        # the running idea is a topic sentence (no detail): never cut from what it introduces
        (["There were two reasons.", "They mattered because of trade.", *TWO_EXPLAINED[2:]], [4]),
        # the new part explains nothing: facts listed carry the running idea on
        ([*TWO_EXPLAINED[:2], "The Zinoviev letter appeared in 1924.", "Talks ended."], [4]),
        # the new part opens by referring back to the running idea ("This ...")
        (
            [
                *TWO_EXPLAINED[:2],
                "This letter in 1924 caused alarm because it was forged.",
                "It ended talks.",
            ],
            [4],
        ),
    ],
)
def test_idea_runs(texts, runs):
    assert runs_of(texts) == runs


def test_an_opener_that_adds_a_factor_starts_an_idea_even_in_alike_sentences():
    alike = np.ones((5, 5))
    assert runs_of(TWO_EXPLAINED, alike) == [4]
    secondly = [*TWO_EXPLAINED[:2], "Secondly, " + TWO_EXPLAINED[2], TWO_EXPLAINED[3]]
    assert runs_of(secondly, alike) == [2, 2]


def test_centred_similarity_takes_out_what_every_sentence_shares():
    c = centred_similarity(TWO_TOPICS @ TWO_TOPICS.T)
    assert c[0, 1] > 0 > c[1, 2]
    assert np.allclose(c, c.T)


@pytest.fixture(scope="module")
def marker():
    from grader.core.pipeline import Marker

    return Marker(import_levels(SCHEME, rubric_id="kelmouth", question=QUESTION))


def ideas_of(marker, text: str):
    doc = segment(text)
    vectors = marker.encoder.encode([s.text for s in doc.sentences])
    return answer_ideas(
        doc,
        vectors,
        vectors @ marker.question_vector,
        marker.settings,
        question=marker.rubric.question,
    )


def test_the_answers_are_what_the_tests_say():
    # one paragraph each, of about the same length
    assert "\n" not in THREE_FACTORS and "\n" not in ONE_FACTOR
    assert abs(len(THREE_FACTORS.split()) - len(ONE_FACTOR.split())) <= 10
    assert paragraphed(THREE_FACTORS).count("\n\n") == 3


@pytest.mark.slow
def test_one_paragraph_explaining_three_factors_holds_three_ideas(marker):
    ideas = ideas_of(marker, THREE_FACTORS)
    assert len(ideas) == 3
    assert all(i.explained and i.detail for i in ideas)
    # ideas keep their paragraph and sentences (the caps and the feedback read them)
    assert all(i.paragraphs == (0,) for i in ideas)
    assert [s for i in ideas for s in i.sentences] == list(range(7))


@pytest.mark.slow
def test_one_factor_described_at_length_stays_one_idea(marker):
    assert len(ideas_of(marker, ONE_FACTOR)) == 1


@pytest.mark.slow
def test_a_three_paragraph_essay_keeps_its_ideas(marker):
    # the introduction is an idea of its own (no detail); each body paragraph is one
    ideas = ideas_of(marker, THREE_PARAGRAPHS)
    assert [i.paragraphs for i in ideas] == [(0,), (1,), (2,), (3,)]


@pytest.mark.slow
def test_three_factors_in_one_paragraph_are_marked_as_in_paragraphs(marker):
    # before, the one paragraph was one idea and a level below the same sentences paragraphed
    one = marker.mark(THREE_FACTORS).level
    apart = marker.mark(paragraphed(THREE_FACTORS)).level
    assert (one.level, one.mark) >= (apart.level, apart.mark), (one.explanation, apart.explanation)


@pytest.mark.slow
def test_three_factors_in_one_paragraph_beat_one_factor_at_the_same_length(marker):
    three = marker.mark(THREE_FACTORS).level
    one = marker.mark(ONE_FACTOR).level
    assert three.level > one.level, (three.explanation, one.explanation)
