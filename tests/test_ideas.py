"""The answer's own ideas: an accurate answer to a neighbouring question is not relevant.

Similarity to the whole question is topical: public health reform is close to a question
on improvements in surgery. An idea counts only if it addresses the question's focus
(:func:`grader.core.argue.focus.addresses_focus`). Small hand-written answers to a made-up
question, of the same length and the same reasoning, one on the focus and one beside it.
"""

from __future__ import annotations

import pytest

from grader.core.argue.focus import addresses_focus, names_focus, same_word
from grader.core.segment import segment
from grader.scheme.import_levels import import_levels
from tests.level_schemes import generic_scheme

QUESTION = "Explain why there were improvements in surgery in the years 1840-1900. [12 marks]"
SCHEME = generic_scheme(QUESTION)

ON_FOCUS = (
    "Surgery improved because anaesthetics ended the problem of pain. In 1847 James Simpson "
    "found that chloroform made patients unconscious, so surgeons could operate slowly and "
    "carefully. This meant that longer operations became possible.\n\n"
    "Antiseptics also helped because they tackled infection. In 1867 Joseph Lister sprayed "
    "carbolic acid over wounds and instruments, which killed the germs that made wounds go "
    "septic. As a result deaths after amputations fell from 46% to 15%.\n\n"
    "Overall, anaesthetics and antiseptics together explain the improvements, because "
    "without antiseptics the longer operations would have spread more infection.\n"
)

# The same reasoning, the same length, accurate: how towns became healthier.
NEIGHBOURING = (
    "Towns became healthier because reformers showed how disease spread. In 1842 Edwin "
    "Chadwick reported that workers in towns died young, so Parliament began to discuss "
    "clean water. This meant that councils were asked to build drains.\n\n"
    "Clean water also helped because it stopped cholera. In 1854 John Snow mapped the "
    "deaths around the Broad Street pump, which showed that dirty water carried the "
    "disease. As a result the 1875 Public Health Act made councils provide sewers.\n\n"
    "Overall, reports and clean water together explain the improvements, because without "
    "proof about water the councils would not have paid for new sewers.\n"
)


@pytest.fixture(scope="module")
def marker():
    from grader.core.pipeline import Marker

    return Marker(import_levels(SCHEME, rubric_id="surgery-1900", question=QUESTION))


def test_the_answers_are_what_the_tests_say():
    # same length within a tenth; the same reasoning cues in each paragraph
    on, beside = len(ON_FOCUS.split()), len(NEIGHBOURING.split())
    assert abs(on - beside) <= 0.1 * on
    for cue in ("because", "This meant", "which", "As a result", "without"):
        assert (cue in ON_FOCUS) == (cue in NEIGHBOURING)


@pytest.mark.slow
def test_the_neighbouring_answer_is_topically_close_to_the_question(marker):
    # without the focus rule its paragraphs would count: each has a sentence as close
    # to the whole question as the relevance cut-off asks
    doc = segment(NEIGHBOURING)
    vectors = marker.encoder.encode([s.text for s in doc.sentences])
    closeness = vectors @ marker.question_vector
    for paragraph in doc.paragraphs:
        best = max(closeness[s.index] for s in paragraph.sentences)
        assert best >= marker.settings.idea_relevance_min


@pytest.mark.slow
def test_an_answer_to_a_neighbouring_question_is_marked_below_a_focused_one(marker):
    on = marker.mark(ON_FOCUS).level
    beside = marker.mark(NEIGHBOURING).level
    assert on.mark > beside.mark, beside.explanation
    assert on.level >= 2, on.explanation
    # at most the lowest level
    assert beside.level <= 1, beside.explanation
    assert "no sentence names the focus (improvements in surgery)" in beside.explanation
    assert beside.needs_review


def test_paragraphs_that_do_not_name_the_focus_count_in_an_answer_tied_to_it():
    # the opening names surgery, so the paragraph on Lister that never says it counts
    doc = segment(
        "Surgery became safer for three reasons.\n\n"
        "Lister used carbolic acid on wounds in 1867.\n\n"
        "Simpson found chloroform in 1847."
    )
    assert all(addresses_focus(doc, QUESTION).values())


def test_a_paragraph_naming_the_focus_in_passing_is_the_only_one_credited():
    # a biography: the ends never name surgery and no explanation does
    doc = segment(
        "Pasteur was born in 1822 in France.\n\n"
        "In 1861 Lister became a surgeon in Glasgow.\n\n"
        "Pasteur made a vaccine for rabies in 1885."
    )
    assert list(addresses_focus(doc, QUESTION).values()) == [False, True, False]


def test_naming_an_item_the_question_asks_to_weigh_addresses_it():
    from grader.core.argue.focus import weighed_items

    question = (
        "Which of the following was the more important reason why the Weimar Republic was "
        "in danger in the years 1919-1923? Explain your answer with reference to both bullet "
        "points."
    )
    items = weighed_items(question, ("the Treaty of Versailles", "hyperinflation"))
    doc = segment("The Treaty of Versailles was hated.\n\nHyperinflation ruined savings.")
    assert all(addresses_focus(doc, question, items=items).values())
    # bullets a question only offers as prompts ("Explain why ...") are not weighed items
    prompts = weighed_items(QUESTION, ("carbolic acid (1867)",))
    assert prompts == ()


def test_an_unread_focus_leaves_every_paragraph_relevant():
    doc = segment("Towns were dirty.\n\nChadwick wrote a report.")
    assert all(addresses_focus(doc, "Discuss.").values())


@pytest.mark.parametrize(
    ("word", "term", "same"),
    [
        ("surgeons", "surgery", True),  # one stem, different endings
        ("surgical", "surgery", True),
        ("opposed", "opposition", True),
        ("earthquake", "earthquakes", True),
        ("war", "warm", False),  # short words must be equal
        ("surge", "surgery", True),  # the price of a four-letter stem
        ("republic", "repeat", False),  # three shared letters are not a stem
    ],
)
def test_same_word(word, term, same):
    assert same_word(word, term) is same


def test_names_focus_reads_words_not_substrings():
    assert names_focus("The Weimar government was weak.", ("weimar", "republic"))
    assert not names_focus("Opposition to the Nazis grew.", ("weimar", "republic"))


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        # a date after "until" bounds the period: the sentence is about it
        (
            "In 1867 Lister used carbolic acid. But bleeding was not solved until blood groups "
            "were found in 1901, so many still died. This meant surgery stayed dangerous.",
            3,
        ),
        # the narrative moves past the period, and the undated sentence after it follows
        (
            "In 1867 Lister used carbolic acid. In 1902 X-rays were used. "
            "Then surgeons used gloves.",
            1,
        ),
    ],
)
def test_sentences_after_the_questions_period_are_left_out(paragraph, kept):
    from grader.core.argue.ideas import in_period

    sentences = segment(paragraph).paragraphs[0].sentences
    assert len(in_period(sentences, (1900, 12))) == kept
