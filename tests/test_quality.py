"""Quality, not quantity, on a generic levels scheme (no content list): small hand-written
answers. An answer that explains two factors and links them ranks above one narrating the
same events at twice the length; a short analytical answer ranks above a long padded one.
"""

from __future__ import annotations

import pytest

from grader.core.argue.ideas import Idea
from grader.core.level.quality import (
    answer_quality,
    idea_credit,
    judgement_demands,
    rewarded_qualities,
)
from grader.scheme.import_levels import import_levels
from grader.settings import Settings
from grader.types import LevelBand
from tests.level_schemes import generic_scheme

QUESTION = "Explain why the Weimar Republic faced a crisis in 1923. [12 marks]"
SCHEME = generic_scheme(QUESTION)

EXPLAINED = (
    "One reason for the crisis was the occupation of the Ruhr. In January 1923 French and "
    "Belgian troops occupied the Ruhr because Germany had failed to pay reparations. This "
    "meant that Germany lost the coal and steel of its richest industrial region.\n\n"
    "The occupation led directly to hyperinflation. The government paid the striking Ruhr "
    "workers by printing money, so prices rose until a loaf cost 200 billion marks by "
    "November 1923. As a result savings were wiped out, which made the middle classes lose "
    "faith in the Republic. The two factors were linked, because without the occupation "
    "the government would not have printed so much money.\n"
)

NARRATED = (
    "In 1923 a lot of things happened in Germany. In January the French and the Belgians "
    "marched into the Ruhr with their soldiers. The workers in the Ruhr went on strike and "
    "they stopped working in the factories and the mines. Then the soldiers stayed there "
    "for a long time and there were some fights in the streets of the towns.\n\n"
    "Then the government printed lots of money in 1923. Then prices went up and up. In the "
    "summer a loaf of bread cost thousands of marks and then it cost millions of marks. "
    "Then in November a loaf of bread cost 200 billion marks. People took money to the "
    "shops in wheelbarrows and some people used the notes to light their fires.\n\n"
    "Then people lost their savings and some people were very poor. Then in November "
    "Hitler tried to take over Munich in the Beer Hall Putsch but it failed. Then "
    "Stresemann became Chancellor and he brought in a new currency called the Rentenmark. "
    "Then in 1924 the Dawes Plan gave Germany loans from America and things got better.\n\n"
    "After that the French and the Belgians left the Ruhr in 1925. Then Germany joined the "
    "League of Nations in 1926. Next there was the Young Plan in 1929. Then the Wall Street "
    "Crash happened in October 1929 and the loans from America had to be paid back.\n"
)

PADDED = (
    "The Weimar Republic faced a crisis in 1923 and this is a very important question to "
    "think about. There were many reasons why the Weimar Republic faced a crisis in 1923, "
    "and all of these reasons are important in their own way. It is important to look at "
    "all of the reasons for the crisis of the Weimar Republic in 1923.\n\n"
    "The Weimar Republic had lots of problems in 1923. These problems were very big "
    "problems. The problems were very bad for the Weimar Republic and for the people of "
    "Germany. Everyone in Germany knew that there were problems and the problems were bad.\n\n"
    "The crisis in 1923 was a very serious crisis for the Weimar Republic. It was one of "
    "the most serious crises that the Weimar Republic ever faced. Crises are always bad for "
    "governments, and this crisis was bad for the Weimar Republic too.\n\n"
    "There was also money trouble in 1923. Money trouble is always bad for a country. The "
    "money trouble in Germany was bad for the people and bad for the government.\n\n"
    "In conclusion, the Weimar Republic faced a crisis in 1923 for many reasons. All of "
    "the reasons were important and together they made a crisis.\n"
)


def words(text: str) -> int:
    return len(text.split())


@pytest.fixture(scope="module")
def marker():
    from grader.core.pipeline import Marker

    return Marker(import_levels(SCHEME, rubric_id="weimar-1923", question=QUESTION))


def test_the_answers_are_what_the_tests_say():
    # the narrative tells the same events at (at least) twice the length; the padded answer
    # is longer than the analytical one
    assert words(NARRATED) >= 2 * words(EXPLAINED)
    assert words(PADDED) > 1.5 * words(EXPLAINED)


@pytest.mark.slow
def test_two_linked_explained_factors_beat_a_narrative_twice_as_long(marker):
    explained = marker.mark(EXPLAINED).level
    narrated = marker.mark(NARRATED).level
    assert explained.mark > narrated.mark
    assert explained.level > narrated.level
    assert narrated.level <= 2, narrated.explanation


@pytest.mark.slow
def test_a_short_analytical_answer_beats_a_long_padded_one(marker):
    analytical = marker.mark(EXPLAINED).level
    padded = marker.mark(PADDED).level
    assert analytical.mark > padded.mark
    assert padded.level <= 1, padded.explanation


@pytest.mark.slow
def test_the_question_asks_for_no_judgement(marker):
    assert marker.mark(EXPLAINED).argument.judgement == "n/a"


@pytest.mark.parametrize(
    ("idea", "credit"),
    [
        # irrelevant to the question: nothing
        (Idea((0,), (0, 1), 0.1, 2, 2, 0), 0.0),
        # relevant but only described: the narrated share
        (Idea((0,), (0, 1), 0.6, 0, 2, 0), Settings().described_credit),
        # "because" inside a story ("Then ... because ...") is narration, not explanation
        (Idea((0,), (0, 1, 2), 0.6, 1, 2, 0, narrating=2), Settings().described_credit),
        # explained, no support
        (Idea((0,), (0, 1), 0.6, 1, 0, 0), 0.5),
        # explained with support
        (Idea((0,), (0, 1), 0.6, 1, 1, 0), 0.75),
        # developed: two explaining sentences with support
        (Idea((0,), (0, 1, 2), 0.6, 2, 1, 0), 1.0),
    ],
)
def test_idea_credit(idea, credit):
    assert idea_credit(idea, Settings()) == credit


def quality_of(*ideas: Idea, matches=(), detailed=()):
    from grader.core.segment import segment

    doc = segment(" ".join(f"Sentence {i}." for i in range(12)), essay_id="e")
    rewarded = ("explanation", "knowledge", "analysis")
    return answer_quality(doc, ideas, None, matches, rewarded, Settings(), 4, detailed)


def test_because_repeated_without_support_is_not_development():
    # one idea saying "because" in six sentences with nothing specific, against one
    # explained twice with a date or a name: the padded one explains less
    padded = quality_of(Idea((0,), tuple(range(8)), 0.6, 6, 0, 0))
    supported = quality_of(Idea((0,), (0, 1, 2), 0.6, 2, 1, 0))
    assert padded.explanation < supported.explanation


def test_knowledge_needs_information_of_the_answers_own():
    from grader.types import Evidence, PointMatch

    def credited(pid, *sentences):
        evidence = tuple(Evidence(s, 0, 0, 1, "x", 0.8) for s in sentences)
        return PointMatch(pid, "", "credited", 0.8, evidence=evidence)

    idea = Idea((0,), (0, 1, 2, 3), 0.6, 2, 0, 0)
    points = [credited("germs", 0), credited("carbolic", 1), credited("nurses", 0, 1)]
    # three indicative points matched in general words ("germs caused infection"): no
    # information added, so no knowledge shown
    assert quality_of(idea, matches=points).knowledge == 0
    # the same points where two sentences give a name or a date: two points' worth
    assert quality_of(idea, matches=points, detailed={0, 1}).knowledge == 0.5


def test_judgement_demands_are_read_from_sentences_about_the_judgement():
    bands = [
        # "supported by knowledge" is not a demand on the judgement
        LevelBand(1, 1, 4, "Simple explanation, supported by some knowledge."),
        LevelBand(2, 5, 8, "A judgement may be attempted but is not sustained."),
        LevelBand(3, 9, 12, "Leading to a sustained judgement."),
        LevelBand(4, 13, 16, "A well-supported judgement is reached."),  # never below
    ]
    assert judgement_demands(bands) == {1: 0, 2: 1, 3: 3, 4: 3}


# Accurate, explained, but about what happened after the question's year.
AFTER_THE_PERIOD = (
    "One reason for the crisis was the Dawes Plan. In 1924 the Dawes Plan gave Germany "
    "loans from America, because the reparations payments had been too high. This meant "
    "that German industry recovered and unemployment fell by 1925.\n\n"
    "Another reason was Stresemann's foreign policy. In 1925 he signed the Locarno "
    "Treaties, so Germany accepted its western borders. As a result Germany joined the "
    "League of Nations in 1926, which made the Republic more respected abroad.\n"
)

# One simple chain, stated once and then restated in three more paragraphs.
ONCE = (
    "The occupation of the Ruhr in January 1923 caused the crisis, because the government "
    "printed money to pay the striking workers, so prices rose and savings were lost.\n"
)
RESTATED = ONCE + (
    "\nSo the occupation caused the crisis because the government printed money and prices "
    "rose and savings were lost.\n\n"
    "This shows that the crisis was caused by the occupation, because the government "
    "printed money so prices rose.\n\n"
    "The crisis was caused because prices rose when the government printed money for the "
    "striking workers, so savings were lost.\n"
)


@pytest.mark.slow
def test_events_after_the_questions_period_earn_nothing(marker):
    # "Explain why ... a crisis in 1923": the Dawes Plan and Locarno cannot explain it
    after = marker.mark(AFTER_THE_PERIOD).level
    assert after.mark < marker.mark(EXPLAINED).level.mark
    assert after.level <= 1, after.explanation


@pytest.mark.slow
def test_restating_one_chain_earns_no_more_than_stating_it(marker):
    assert words(RESTATED) >= 3 * words(ONCE)
    once = marker.mark(ONCE).level
    restated = marker.mark(RESTATED).level
    assert restated.mark <= once.mark, restated.explanation


@pytest.mark.slow
def test_an_answer_that_never_names_the_focus_gets_the_least_mark_and_is_reviewed(marker):
    # about the crisis in other words ("the Ruhr", "prices"): the word test cannot tell it
    # from an answer to another question, so it gets the lowest level's lowest mark (not
    # nothing, however well it explains) and a person looks
    other_words = (
        "In January 1923 French and Belgian troops occupied the Ruhr, because Germany had "
        "missed a reparations payment. This meant the loss of its richest coalfield.\n\n"
        "The government printed money to pay the strikers, so by November a loaf cost 200 "
        "billion marks, which wiped out savings and made the middle classes turn away.\n"
    )
    level = marker.mark(other_words).level
    assert (level.level, level.mark) == (1, 1), level.explanation
    assert level.needs_review
    assert "the Weimar Republic faced a crisis" in level.review_reasons[0]
    # named once, in an explanation, the same answer is read on its merits
    named = other_words.replace("This meant", "This meant a crisis for the Republic and")
    assert marker.mark(named).level.mark > 1


DESCRIBE = """Describe two problems faced by the Weimar Republic in 1919-1920. [4 marks]

Level 2: Complex description 3-4
Answers may progress from a simple description of problems with extended reasoning
supported by factual knowledge and understanding.

Level 1: Basic description 1-2
Answers show simple identification of problem(s) and basic knowledge and understanding.

Level 0: 0
No relevant content.
"""

TWO_DESCRIBED = (
    "One problem was the Treaty of Versailles, signed in June 1919. Germany lost 13% of its "
    "land and had to pay £6.6 billion in reparations, and many Germans called the "
    'politicians who signed it the "November Criminals".\n\n'
    "Another problem was the Kapp Putsch in March 1920. Wolfgang Kapp and 5,000 Freikorps "
    "marched into Berlin and the army refused to fire on them, so the government fled to "
    "Dresden until a general strike ended the putsch.\n"
)


@pytest.mark.slow
def test_a_describe_question_rewards_description_not_explanation():
    from grader.core.pipeline import Marker

    marker = Marker(import_levels(DESCRIBE, rubric_id="weimar-describe"))
    # two problems, each described with accurate detail: the top of the scheme, although
    # neither is explained or linked to the other (the question asks for neither)
    described = marker.mark(TWO_DESCRIBED).level
    assert (described.level, described.mark) == (2, 4), described.explanation
    assert "description: " in described.explanation
    assert "analysis" not in described.explanation
    # a general remark identifies nothing
    vague = marker.mark("The Weimar Republic had lots of problems. People were not happy.")
    assert vague.level.mark == 1, vague.level.explanation


def test_context_is_counted_as_support_is_not_saturated_by_a_few_dates():
    from grader.core.segment import segment

    # a literature answer on a six-level scheme with three sentences of context: a
    # bolted-on paragraph, not the context of every explanation
    sentences = ["Birling ignores the workers in 1912, because he sees only profit."] * 3
    sentences += ["Birling calls Eva a girl, because he does not see her as a person."] * 6
    doc = segment(" ".join(sentences), essay_id="e")
    idea = Idea((0,), tuple(range(9)), 0.6, 9, 9, 0)
    rewarded = ("explanation", "knowledge", "analysis", "methods", "context")
    few = answer_quality(doc, (idea,), None, (), rewarded, Settings(), 6, ())
    assert few.context == round(3 / (Settings().details_per_level * 6), 3)
    everywhere = segment(" ".join(sentences[:3] * 3), essay_id="e")
    assert answer_quality(everywhere, (idea,), None, (), rewarded, Settings(), 6, ()).context == 1


TWO_CONSEQUENCES_SCHEME = """Explain two consequences of the Munich Putsch (1923). [8 marks]

Level 3 (6-8 marks)
Features of the period are analysed to explain consequences, with accurate and relevant knowledge.
Level 2 (3-5 marks)
Features of the period are analysed to show some consequences, with some knowledge.
Level 1 (1-2 marks)
A simple or generalised answer is given, lacking development.
Level 0 (0 marks)
No rewardable material.
"""

TWO_CONSEQUENCES = (
    "One consequence was that Hitler was put on trial in February 1924. He used the trial to "
    "attack the Weimar Republic, and because newspapers reported his speeches across Germany, "
    "he became a national figure, which meant the Nazis gained publicity they could not have "
    "bought.\n\n"
    "A second consequence was that Hitler changed his tactics. While in Landsberg prison he "
    "wrote Mein Kampf and decided that force had failed, so the Nazis would win power through "
    "elections instead. As a result the party was reorganised in 1925 with the SS and local "
    "branches to fight elections.\n"
)


@pytest.mark.slow
def test_two_consequences_explained_as_asked_reach_the_top_level():
    from grader.core.pipeline import Marker

    # the question asks for two, and its descriptors for explanation ("analysed to explain
    # consequences"), not for links between them: both explained with support is the top
    marker = Marker(import_levels(TWO_CONSEQUENCES_SCHEME, rubric_id="putsch"))
    level = marker.mark(TWO_CONSEQUENCES).level
    assert level.level == 3, level.explanation
    assert "analysis" not in level.explanation
    # one of the two alone is not
    one = TWO_CONSEQUENCES.split("\n\n")[0]
    assert marker.mark(one).level.mark < level.mark


@pytest.mark.parametrize(
    ("descriptor", "context"),
    [
        # literature's AO3: the text's context is a quality of its own
        ("Exploration of ideas, perspectives and contextual factors.", True),
        (
            "Shows understanding of the relationships between texts and the contexts in which "
            "they were written.",
            True,
        ),
        # history's "contextual knowledge" is the answer's own knowledge, measured as such
        (
            "A sustained judgement on the source's utility, supported by contextual knowledge.",
            False,
        ),
        # a business case's context is the case
        ("Analysis is applied to the context of the business.", False),
    ],
)
def test_which_schemes_reward_context_of_their_own(descriptor, context):
    rewarded = rewarded_qualities([LevelBand(1, 1, 4, descriptor)], needs_judgement=False)
    assert ("context" in rewarded) is context
