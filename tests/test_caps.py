"""The scheme's caps on a levels-of-response answer (grader.core.level.caps).

Hand-written questions, stimulus points, caps and answers; no embedding model: each
sentence gets its own direction plus a share of the question's, so every idea is
relevant and no two paragraphs merge.
"""

from __future__ import annotations

import numpy as np
import pytest

from grader.core.argue.ideas import answer_ideas
from grader.core.level.caps import CapChecker, CapFinding, apply_caps
from grader.core.level.descriptors import DescriptorScorer
from grader.core.segment import segment_many
from grader.settings import Settings
from grader.types import ArgumentResult, Cap, Document, LevelBand, Rubric

SETTINGS = Settings()
BANDS = (
    LevelBand(0, 0, 0, "No rewardable material."),
    LevelBand(1, 1, 3, "A simple answer with limited knowledge."),
    LevelBand(2, 4, 6, "An explanation with some accurate knowledge."),
    LevelBand(3, 7, 9, "A developed explanation with good knowledge."),
)
UNREST = "Explain why there was unrest in the mill towns in the years 1810–20."
STIMULUS = ("machine-breaking", "the price of bread")
NO_LEVEL_3 = Cap(
    "stimulus-only",
    max_level=2,
    text="No access to Level 3 for answers that do not go beyond the stimulus points.",
)
LEVEL_2_MAX_5 = Cap(
    "stimulus-only",
    max_mark=5,
    level=2,
    text="Maximum 5 marks for Level 2 answers that do not go beyond the stimulus points.",
)

# Both stimulus points, explained, with detail that stays within them (a place, a
# figure, the machines' name): nothing of the candidate's own.
STIMULUS_ONLY = """\
One reason for unrest was machine-breaking. Weavers smashed the new power looms at a mill \
near Rochdale because one machine did the work of six men, so skilled weavers lost their \
wages. This made them angry with the mill owners.

Another reason was the price of bread. A loaf cost over a shilling in Manchester, so \
families spent most of their wages on it and went hungry. This meant people blamed the \
government and joined protests."""


def rubric(question: str = UNREST, caps: tuple[Cap, ...] = (NO_LEVEL_3, LEVEL_2_MAX_5), **kw):
    return Rubric(
        "unrest",
        question,
        ("main",),
        (),
        BANDS,
        kind="levels",
        stimulus=kw.pop("stimulus", STIMULUS),
        caps=caps,
        **kw,
    )


def read(text: str) -> tuple[Document, np.ndarray, np.ndarray]:
    doc = segment_many([("answer", text)])[0]
    n = len(doc.sentences)
    vectors = np.zeros((n, n + 1), dtype=np.float32)
    vectors[:, 0] = 0.5
    vectors[np.arange(n), np.arange(n) + 1] = 1.0
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    question = np.zeros(n + 1, dtype=np.float32)
    question[0] = 1.0
    return doc, vectors, question


def findings(r: Rubric, text: str, judgement: str = "n/a") -> list[CapFinding]:
    doc, vectors, question = read(text)
    ideas = answer_ideas(doc, vectors, vectors @ question, SETTINGS, question=r.question)
    checker = CapChecker(r, SETTINGS, r.stated_factor)
    return checker.findings(doc, ideas, judgement)


def conditions(r: Rubric, text: str, judgement: str = "n/a") -> set[str]:
    return {f.cap.condition for f in findings(r, text, judgement)}


@pytest.mark.parametrize(
    "extra",
    [
        # a new paragraph on a factor the stimulus does not prompt, with a name and date
        "\n\nAlso, soldiers killed fifteen people at a meeting at St Peter's Field in 1819, "
        "which made many workers hate the authorities.",
        # a dated event inside a stimulus paragraph is a new event, not more detail
        " Then the yeomanry charged a crowd at St Peter's Field in 1819, which made "
        "workers hate the magistrates.",
        # own knowledge as a subject term, no name or date (an examiner still credits it)
        "\n\nAnother reason was that workers formed secret combinations and sent threatening "
        "letters signed by their leader, because they could not strike legally.",
    ],
)
def test_one_piece_of_own_knowledge_lifts_the_stimulus_cap(extra):
    r = rubric()
    assert conditions(r, STIMULUS_ONLY) == {"stimulus-only"}
    assert "stimulus-only" not in conditions(r, STIMULUS_ONLY + extra)


def test_the_question_s_stated_factor_is_a_prompted_aspect_too():
    # "How far" question: the factor it states was given to the candidate as well
    question = "'The price of bread was the main reason for unrest in the mill towns.' How far?"
    r = rubric(question, stimulus=("machine-breaking",), stated_factor="The price of bread")
    text = (
        "I agree. The price of bread rose so high in Manchester that families went hungry, "
        "because a loaf cost over a shilling. This made people blame the government, and "
        "the unrest spread."  # names the question's focus, or no idea would be relevant
    )
    assert conditions(r, text) == {"stimulus-only"}
    # without the stated factor, "Manchester" and "shilling" would be own material
    assert conditions(rubric(question, stimulus=("machine-breaking",)), text) == set()


def test_a_scheme_without_stimulus_points_never_caps_for_them():
    assert conditions(rubric(stimulus=()), STIMULUS_ONLY) == set()


FLOODS = (
    "'Floods do more harm in poorer countries (LICs) than in richer countries (HICs).' "
    "Using examples, to what extent do you agree?"
)
NO_EXAMPLES = Cap(
    "no-examples",
    max_level=2,
    text="Answers with no named floods, places or countries cannot go beyond Level 2.",
)
GENERIC = (
    "I agree to a large extent. In an LIC many people live on floodplains in houses made of "
    "mud, so when the river rises the houses collapse and 90% of the deaths happen there. "
    "In HICs, I think, flood defences protect cities, because governments can afford them."
)


@pytest.mark.parametrize(
    ("text", "capped"),
    [
        # only the question's own acronyms and a figure: no example
        (GENERIC, True),
        # a named country and a year
        (GENERIC + " In Pakistan in 2022 a third of the country was under water.", False),
        # a dated event alone is a specific example
        (GENERIC + " The 2010 floods killed almost two thousand people.", False),
    ],
)
def test_an_answer_naming_no_example_is_capped(text, capped):
    r = rubric(FLOODS, caps=(NO_EXAMPLES,), stimulus=())
    assert ("no-examples" in conditions(r, text)) is capped


@pytest.mark.parametrize(
    ("judgement", "capped"),
    [
        ("none", True),  # the question asks for a judgement and there is none
        ("unsubstantiated", False),  # asserted is still a judgement
        ("n/a", False),  # read as a question asking for none: not capped
    ],
)
def test_no_judgement_cap(judgement, capped):
    cap = Cap("no-judgement", max_level=2, text="To reach Level 3 there must be a judgement.")
    r = rubric(FLOODS, caps=(cap,), stimulus=())
    assert ("no-judgement" in conditions(r, GENERIC, judgement)) is capped


def test_list_only_and_no_development_caps():
    caps = (
        Cap("list-only", max_mark=2, text="Max 2 for a list of points."),
        Cap("no-development", max_mark=3, text="Max 3 if no development."),
    )
    r = rubric(caps=caps, stimulus=())
    # the opening names the question's focus (the mill towns), so every point is relevant
    listed = "Mill workers broke machines.\n\nBread was dear.\n\nSoldiers attacked a meeting."
    assert conditions(r, listed) == {"list-only", "no-development"}
    one = "Mill workers broke machines."
    assert conditions(r, one) == {"no-development"}  # one point is no list
    explained = listed + "\n\nWages fell because machines did the work of six men."
    assert conditions(r, explained) == set()


def test_a_level_cap_puts_the_answer_at_the_top_of_the_highest_allowed_level():
    scoring = list(BANDS)
    caps = [CapFinding(NO_LEVEL_3, "why"), CapFinding(LEVEL_2_MAX_5, "why")]
    band, mark, said = apply_caps(scoring, BANDS[3], 9, caps[:1])
    assert (band.level, mark) == (2, 6)
    assert said == [f"capped: {NO_LEVEL_3.text} (why)"]
    # then the level's own maximum applies
    band, mark, said = apply_caps(scoring, BANDS[3], 9, caps)
    assert (band.level, mark, len(said)) == (2, 5, 2)
    # a Level 2 maximum says nothing about a Level 1 answer; a cap that changes nothing
    # is not reported
    assert apply_caps(scoring, BANDS[1], 3, caps) == (BANDS[1], 3, [])


def test_a_cap_for_any_answer_moves_the_level_with_the_mark():
    cap = CapFinding(Cap("no-development", max_mark=3, text="Max 3 if no development."), "w")
    band, mark, _ = apply_caps(list(BANDS), BANDS[3], 8, [cap])
    assert (band.level, mark) == (1, 3)


def mark(r: Rubric, text: str):
    doc, vectors, question = read(text)
    scorer = DescriptorScorer(r, None, question, SETTINGS)
    argument = ArgumentResult(balance="none", sides=(), judgement="n/a")
    return scorer.estimate(doc, vectors, np.zeros((len(vectors), 0)), (), argument)


def test_the_explanation_quotes_the_cap_that_lowered_the_mark():
    caps = (
        Cap("stimulus-only", max_level=1, text="No access to Level 2 for stimulus-only answers."),
        Cap("stimulus-only", max_mark=2, level=1, text="Maximum 2 marks for such Level 1 answers."),
    )
    capped = mark(rubric(caps=caps), STIMULUS_ONLY)
    free = mark(rubric(caps=()), STIMULUS_ONLY)
    assert (free.level, free.mark) > (1, 2), "the test answer must be worth more than the cap"
    assert (capped.level, capped.mark) == (1, 2)
    assert f"capped: {caps[0].text}" in capped.explanation
    assert f"capped: {caps[1].text}" in capped.explanation
    assert "capped" not in free.explanation
    # one piece of own knowledge and the same answer is not capped
    own = STIMULUS_ONLY + "\n\nAlso, soldiers attacked a meeting in Manchester in 1819."
    assert "capped" not in mark(rubric(caps=caps), own).explanation
