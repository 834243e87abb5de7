"""Question-aware judgement: the stem says whether a verdict is asked for and on what.

Small hand-written answers to a generic levels scheme (no content list); each stem of
issue #19 gets an answer whose conclusion gives a weighed verdict in that stem's own
terms, and "Explain why" / "Write an account" / "Explain how" get ``n/a``.
"""

from __future__ import annotations

import pytest

from grader.core.argue.question import question_task
from grader.scheme.import_levels import import_levels

SCHEME = """{question}

Level 4 (10-12 marks)
Complex explanation of several factors, analysing how they are linked, leading to a
sustained judgement.
Level 3 (7-9 marks)
Developed explanation of two or more factors; a judgement may be attempted but is not sustained.
Level 2 (4-6 marks)
Simple explanation of one or more factors, supported by some knowledge.
Level 1 (1-3 marks)
Basic explanation of one factor, or description of relevant events.
Level 0 (0 marks)
No relevant content.
"""

BODY = (
    "The blockade of 1917 caused food shortages in the cities, because imports of grain "
    "fell by a third. This meant that workers in Petrograd went hungry and joined the "
    "strikes of February 1917.\n\n"
    "The army also turned against the Tsar, because two million soldiers had died by "
    "1917. As a result the garrison in Petrograd refused to fire on the crowds, which "
    "made it impossible for the government to restore order.\n\n"
)


@pytest.mark.parametrize(
    ("question", "kind", "needs"),
    [
        # "How far do you agree": a verdict of agreement
        ("'Hunger was the main cause of the revolution.' How far do you agree?", "agree", True),
        # "How far was X responsible": the verdict is about responsibility
        ("How far was hunger responsible for the revolution of 1917?", "how-adjective", True),
        # "How successful": the seed's own stem
        ("How successful was the Provisional Government in 1917?", "how-adjective", True),
        # "To what extent": an extent
        ("To what extent was hunger the cause of the revolution?", "extent", True),
        # "How useful": a source question
        ("How useful is Source A for an enquiry into the revolution?", "how-adjective", True),
        # "Was X the main cause": a main-cause verdict
        ("Was hunger the main cause of the revolution in 1917?", "main-cause", True),
        # no judgement asked for
        ("Explain why there was a revolution in Russia in 1917.", "explain", False),
        ("Write an account of the events of February 1917.", "explain", False),
        ("Explain how the war weakened the Tsar.", "explain", False),
    ],
)
def test_the_stem_says_what_is_judged(question, kind, needs):
    task = question_task(question)
    assert (task.kind, task.needs_judgement) == (kind, needs)


@pytest.fixture(scope="module")
def encoder():
    from grader.core.embed import get_encoder

    return get_encoder()


def judgement_of(encoder, question: str, conclusion: str) -> str:
    from grader.core.pipeline import Marker

    rubric = import_levels(SCHEME.format(question=question), rubric_id="q", question=question)
    result = Marker(rubric, encoder=encoder).mark(BODY + conclusion)
    return result.argument.judgement


WEIGHED = (
    "Both factors mattered, but the army's refusal was more important than hunger, "
    "because hunger had caused strikes before without bringing the Tsar down. "
    "Without the garrison's mutiny the strikes would have been crushed, so hunger "
    "only explains why the crowds gathered, not why the Tsar fell."
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "'Hunger was the main cause of the revolution in 1917.' How far do you agree?",
            "In conclusion, I agree only to a limited extent.",
        ),
        (
            "How far was hunger responsible for the revolution in 1917?",
            "In conclusion, hunger was only partly responsible.",
        ),
        (
            "How successful was the Tsar's government in keeping order in 1917?",
            "In conclusion, the government was largely unsuccessful.",
        ),
        (
            "To what extent was hunger the cause of the revolution in 1917?",
            "In conclusion, hunger was a cause to a limited extent.",
        ),
        (
            "Was hunger the main cause of the revolution in 1917?",
            "In conclusion, the main cause was the army's refusal to fire.",
        ),
    ],
)
def test_a_weighed_verdict_in_the_stems_own_terms_is_a_judgement(encoder, question, verdict):
    label = judgement_of(encoder, question, verdict + " " + WEIGHED)
    assert label in {"substantiated", "sustained"}


@pytest.mark.slow
def test_a_verdict_without_weighing_is_unsubstantiated(encoder):
    question = "How far was hunger responsible for the revolution in 1917?"
    label = judgement_of(encoder, question, "In conclusion, hunger was largely responsible.")
    assert label == "unsubstantiated"


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Explain why there was a revolution in Russia in 1917.",
        "Write an account of the events of February 1917 in Petrograd.",
        "Explain how the war weakened the Tsar's government.",
    ],
)
def test_explain_and_account_questions_have_no_judgement(encoder, question):
    assert judgement_of(encoder, question, "In conclusion, " + WEIGHED) == "n/a"


@pytest.mark.slow
def test_a_verdict_in_a_one_paragraph_answer_is_read(encoder):
    # an answer written as one block still answers the question: the examiner reads it
    from grader.core.pipeline import Marker

    question = "How far was hunger responsible for the revolution in 1917?"
    rubric = import_levels(SCHEME.format(question=question), rubric_id="q", question=question)
    block = " ".join(BODY.split()) + " Overall hunger was only partly responsible. " + WEIGHED
    assert "\n\n" not in block
    assert Marker(rubric, encoder=encoder).mark(block).argument.judgement in {
        "substantiated",
        "sustained",
    }


@pytest.mark.slow
def test_two_sentences_giving_reasons_on_both_hands_weigh(encoder):
    question = "How far was hunger responsible for the revolution in 1917?"
    both_hands = (
        "In conclusion hunger was largely responsible, because it brought the crowds onto the "
        "streets of Petrograd. However it was not the whole story, because the crowds only "
        "won when the soldiers refused to fire on them."
    )
    asserted = "In conclusion hunger was largely responsible. It was a very big problem."
    assert judgement_of(encoder, question, both_hands) == "substantiated"
    assert judgement_of(encoder, question, asserted) == "unsubstantiated"


@pytest.mark.slow
def test_one_sentence_that_gives_a_reason_relates_and_qualifies_weighs(encoder):
    question = "How far was hunger responsible for the revolution in 1917?"
    one_sentence = (
        "In conclusion hunger was largely responsible, because without it the crowds would "
        "never have gathered, but it had to be combined with the army's mutiny to succeed."
    )
    # the same verdict and reason, neither related to another factor nor qualified
    plain = "In conclusion hunger was largely responsible, because people were very hungry."
    assert judgement_of(encoder, question, one_sentence) == "substantiated"
    assert judgement_of(encoder, question, plain) == "unsubstantiated"


@pytest.mark.parametrize(
    ("question", "end"),
    [
        (
            "'The Depression was the main reason why Hitler became Chancellor in January 1933.'",
            (1933, 1),
        ),
        (
            "Explain why there was opposition to the Weimar Republic in the years 1919–23.",
            (1923, 12),
        ),
        ("How successful was the League of Nations in the 1920s?", (1929, 12)),
        ("Explain the consequences of the Wall Street Crash of 1929.", None),
        ("How does Priestley present Mr Birling?", None),
    ],
)
def test_the_questions_period_is_read_from_its_dates(question, end):
    from grader.core.argue.question import question_period_end

    assert question_period_end(question) == end


@pytest.mark.parametrize(
    ("question", "focus", "terms"),
    [
        # the outcome after "main reason for": what the answer must explain
        (
            "'The work of Pasteur was the main reason for improvements in surgery in the "
            "years 1860–1900.' How far do you agree? Explain your answer.",
            "improvements in surgery",
            ("surgery",),
        ),
        # "reason why": a clause; its date is dropped
        (
            "'The Depression was the main reason why Hitler became Chancellor in January "
            "1933.' How far do you agree with this statement?",
            "Hitler became Chancellor",
            ("hitler", "chancellor"),
        ),
        # "Explain why there was ...": the existential lead is dropped
        (
            "Explain why there was opposition to the Weimar Republic in the years 1919–23.",
            "opposition to the Weimar Republic",
            ("weimar", "republic"),
        ),
        # a statement with no cause in it: its subject
        (
            "'The effects of earthquakes are greater in LICs than in HICs.' To what extent "
            "do you agree with this statement?",
            "The effects of earthquakes",
            ("earthquakes",),
        ),
        # literature: the topic presented, without the text's title
        (
            "How and why does Priestley present Mr Birling as an unsympathetic character "
            "in An Inspector Calls?",
            "Mr Birling as an unsympathetic character",
            ("birling", "unsympathetic", "character"),
        ),
        # "How successful was X": X, without its decade
        (
            "How successful was the League of Nations in the 1920s?",
            "the League of Nations",
            ("league", "nations"),
        ),
        # "responsible for": the outcome, not the factor judged
        (
            "How far was the Treaty of Versailles responsible for the outbreak of the Second "
            "World War?",
            "the outbreak of the Second World War",
            ("outbreak", "second", "world", "war"),  # "outbreak" is rare enough to name it
        ),
        # a source question: the enquiry's subject
        (
            "How useful is Source A for an enquiry into conditions in the trenches?",
            "conditions in the trenches",
            ("trenches",),
        ),
        # "Explain how": what it asks about
        (
            "Explain how human factors can increase the risk of river flooding.",
            "human factors can increase the risk of river flooding",
            ("human", "factors", "increase", "risk", "river", "flooding"),
        ),
        # a rare opening noun names the focus too: "the unrest spread" addresses it
        (
            "'The price of bread was the main reason for unrest in the mill towns.' How far "
            "do you agree?",
            "unrest in the mill towns",
            ("unrest", "mill", "towns"),
        ),
        # the factor after the outcome's verb is not the focus
        (
            "'The main reason for the failure of the League of Nations was the "
            "Depression.' How far do you agree?",
            "the failure of the League of Nations",
            ("league", "nations"),
        ),
        # a statement with no verb read is its own focus, never "you agree"
        (
            "'Haig deserves his reputation as the Butcher of the Somme.' How far do you agree?",
            "Haig deserves his reputation as the Butcher of the Somme",
            ("haig", "deserves", "reputation", "butcher", "somme"),
        ),
        # "agree that ...": the claim
        (
            "To what extent do you agree that globalisation has benefited LICs?",
            "globalisation has benefited LICs",
            ("globalisation", "benefited", "lics"),
        ),
        # "In what ways ...": the outcome asked about, never "your answer"
        (
            "In what ways were the lives of women in Germany affected by Nazi policies? "
            "Explain your answer. [8 marks]",
            "the lives of women in Germany affected by Nazi policies",
            ("women", "germany", "affected", "nazi", "policies"),
        ),
        # an instruction on how to answer names no focus: nothing is held against any answer
        (
            "How convincing is Interpretation B about the Treaty of Versailles? Explain your "
            "answer using Interpretation B and your contextual knowledge. [8 marks]",
            "",
            (),
        ),
        # no stem to read: no focus, and nothing is held against any answer
        ("Discuss.", "", ()),
    ],
)
def test_the_questions_focus_is_read_from_its_stem(question, focus, terms):
    from grader.core.argue.focus import focus_terms, question_focus

    assert question_focus(question) == focus
    assert focus_terms(question_focus(question)) == terms


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("I will come to a conclusion about how far I agree with the statement.", ""),
        ("This essay will decide whether the army was the main cause.", ""),
        ("Overall I agree with the statement to a large extent.", "I agree"),
    ],
)
def test_announcing_the_plan_is_not_a_verdict(sentence, verdict):
    from grader.core.argue.judgement import find_verdict
    from grader.core.argue.question import ANSWER_VERDICT

    assert find_verdict([sentence], ANSWER_VERDICT)[0] == verdict
