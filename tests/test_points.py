"""Point-marked answers: distinct points, their developments, and the scheme's maxima.

The scheme and answers are our own (soil erosion), written in the layout of a
point-marked geography scheme: "(1)" a point, "(d)" a development, "4 × 1",
"Max 2 if no development".
"""

import pytest

from grader.core.level.clauses import split_clauses
from grader.core.level.points import Chain, mark_chains
from grader.types import Bullet, Cap, Point, PointMarking, Rubric

NO_DEVELOPMENT = Cap("no-development", max_mark=2, text="Max 2 if no development.")
LIST_ONLY = Cap("list-only", max_mark=1, text="Answers that only list factors: max 1.")


def point(pid: str, text: str, *development: str) -> Point:
    return Point(pid, "main", text, bullet=pid, development=development)


POINTS = (
    point(
        "ploughing",
        "Ploughing fields leaves the soil bare and loose",
        "so wind and rain can easily remove the topsoil",
        "the loose soil is washed off the field into rivers",
    ),
    point(
        "hedgerows",
        "Removing hedgerows to make larger fields",
        "so there is nothing to slow the wind blowing across the field",
        "the roots of the hedge no longer hold the soil together",
    ),
    point(
        "overgrazing",
        "Overgrazing by keeping too many animals on the land",
        "removes the grass and plant cover that protects the soil",
        "hooves trample and loosen the ground",
    ),
    point(
        "deforestation",
        "Cutting down trees on hillsides",
        "so roots no longer bind the soil on the slope",
        "rain hits the ground directly and carries soil downhill",
    ),
)


def rubric(*caps: Cap, accept_other: bool = False, **rules: int) -> Rubric:
    return Rubric(
        "soil",
        "Explain how human activity can increase soil erosion on farmland.",
        ("main",),
        tuple(Bullet(p.id, "main", p.text, (p,)) for p in POINTS),
        (),
        kind="points",
        marks=4,
        caps=caps,
        point_marking=PointMarking(**{"max_points": 4, **rules}, accept_other=accept_other),
    )


# --------------------------------------------------------------------------- clauses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a causal connective starts a clause that continues the idea before it
        (
            "Trees are cut down so rain runs off.",
            [("Trees are cut down", False), ("so rain runs off.", True)],
        ),
        # list items are separate ideas, each stating (not continuing)
        ("- ploughing\n- overgrazing", [("ploughing", False), ("overgrazing", False)]),
        # a sentence opening with "This means" continues the previous sentence's idea
        ("This means the soil blows away.", [("This means the soil blows away.", True)]),
        # "so" inside a word ("also", "soil") is not a connective
        ("Also soil is lost.", [("Also soil is lost.", False)]),
    ],
)
def test_split_clauses(text, expected):
    assert [(c.text, c.continues) for c in split_clauses(text)] == expected


# --------------------------------------------------------------------------- the rules


def test_a_point_with_a_development_gets_two():
    assert mark_chains(rubric(NO_DEVELOPMENT), [Chain("a", "x", ("so y",))]).mark == 2


def test_four_bare_points_under_max_2_if_no_development_get_two():
    chains = [Chain(p, p) for p in ("a", "b", "c", "d")]
    estimate = mark_chains(rubric(NO_DEVELOPMENT), chains)
    assert (estimate.mark, estimate.level) == (2, 2)
    assert "capped at 2: Max 2 if no development." in estimate.explanation


def test_one_developed_point_lifts_the_no_development_cap():
    chains = [Chain("a", "x", ("so y",)), Chain("b", "z"), Chain("c", "w")]
    assert mark_chains(rubric(NO_DEVELOPMENT), chains).mark == 4


def test_a_list_with_no_explanation_under_a_list_only_rule():
    chains = [Chain("a", "x"), Chain("b", "y"), Chain("c", "z")]
    assert mark_chains(rubric(LIST_ONLY), chains).mark == 1
    # a single bare point is not a list: the rule does not apply
    assert mark_chains(rubric(LIST_ONLY), chains[:1]).mark == 1


def test_the_question_total_and_the_development_limit():
    chain = Chain("a", "x", ("so 1", "so 2", "so 3", "so 4", "so 5"))
    assert mark_chains(rubric(), [chain]).mark == 4  # never above the question's 4 marks
    # "1 mark for a point plus up to 2 further marks for explaining it"
    assert mark_chains(rubric(max_development=2), [chain]).mark == 3


def test_identify_then_explain_layout():
    # "Award 1 mark for identification of a disadvantage, plus 2 further marks for
    # explaining this disadvantage. Answers that list more than one disadvantage with no
    # explanation will be awarded a maximum of 1 mark." (3 marks)
    layout = Rubric(
        "costs",
        "Explain one disadvantage of borrowing from a bank.",
        ("main",),
        (),
        (),
        kind="points",
        marks=3,
        caps=(Cap("list-only", max_mark=1, text="list with no explanation: max 1"),),
        point_marking=PointMarking(max_development=2),
    )
    assert mark_chains(layout, [Chain("interest", "x"), Chain("security", "y")]).mark == 1
    assert mark_chains(layout, [Chain("interest", "x", ("so a", "so b", "so c"))]).mark == 3
    assert mark_chains(layout, [Chain("interest", "x", ("so a",))]).mark == 2


def test_points_beyond_the_stated_number_earn_nothing():
    chains = [Chain(p, p) for p in "abcde"]
    estimate = mark_chains(rubric(max_points=2), chains)
    assert estimate.mark == 2
    assert "3 further point(s) beyond the maximum" in estimate.explanation


def test_nothing_creditable_is_zero():
    estimate = mark_chains(rubric(NO_DEVELOPMENT), [])
    assert (estimate.mark, estimate.explanation) == (0, "no creditable point found")


# --------------------------------------------------------------------------- answers


@pytest.fixture(scope="module")
def marker():
    from grader.core.pipeline import Marker

    return Marker(rubric(NO_DEVELOPMENT, accept_other=True))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("answer", "mark"),
    [
        # one point (overgrazing) explained once: 1 + 1
        (
            "Farmers keep too many sheep on one field, so the animals eat all the grass and "
            "there is no plant cover left to protect the soil.",
            2,
        ),
        # four bare points in a list: max 2 if no development
        (
            "Human causes of soil erosion:\n- ploughing the fields\n- removing hedgerows\n"
            "- overgrazing by animals\n- cutting down trees on hills",
            2,
        ),
        # one point, repeated in other words, never explained: one mark
        ("Cutting down trees causes erosion. Trees being cut down on hillsides is bad.", 1),
        # about another topic: nothing creditable
        ("Volcanoes erupt when magma rises through a weakness in the crust.", 0),
        # two points each explained: full marks
        (
            "When farmers plough a field the soil is left bare and loose, so the wind and rain "
            "can carry the topsoil away. Farmers also pull out hedgerows to make bigger "
            "fields, which means there is nothing to slow the wind down as it blows across "
            "the field.",
            4,
        ),
    ],
)
def test_marks_of_hand_written_answers(marker, answer: str, mark: int):
    result = marker.mark(answer)
    assert result.level.method == "points"
    assert result.level.mark == mark, result.level.explanation


ROADS = (
    "Building roads and car parks removes the grass and plant cover that protects the soil, "
    "so heavy rain washes the loose soil off into rivers."
)


@pytest.mark.slow
def test_other_appropriate_responses():
    from grader.core.pipeline import Marker

    # roads are not a point of the scheme, but the answer explains them with one of its
    # development steps: "Accept any other appropriate response" credits point and development
    accepted = Marker(rubric(NO_DEVELOPMENT, accept_other=True)).mark(ROADS).level
    assert (accepted.mark, accepted.explanation) == (2, "other (1) developed 1 time (d)")
    # where the scheme credits only its own points, the unlisted idea earns nothing itself
    listed = Marker(rubric(NO_DEVELOPMENT)).mark(ROADS).level
    assert listed.mark < 2 and "other" not in listed.explanation


@pytest.mark.slow
def test_an_unlisted_idea_unlike_anything_in_the_scheme_is_left_to_the_examiner():
    from grader.core.pipeline import Marker

    # grader cannot judge an idea the scheme gives no model for: it does not credit it
    answer = "Farmers burn the stubble after harvest, so the topsoil is left exposed to the wind."
    assert Marker(rubric(NO_DEVELOPMENT, accept_other=True)).mark(answer).level.mark == 0


@pytest.mark.slow
def test_the_readme_example():
    from grader.core.pipeline import Marker
    from tests.conftest import ROOT

    marker = Marker(str(ROOT / "examples" / "soil-erosion-points.yaml"))
    text = (ROOT / "examples" / "soil-erosion-answer.txt").read_text(encoding="utf-8")
    level = marker.mark(text).level
    assert (level.level, level.mark) == (3, 3)
    assert level.explanation == "ploughing (1) developed 1 time (d); hedgerows (1), not developed"


@pytest.mark.slow
@pytest.mark.parametrize(
    "answer",
    [
        # the scheme's own rare word, with a name, a place and figures around it
        "On the Hollins family's farm near Thetford, 3 km of hedgerows were grubbed out in "
        "1974 so nothing slowed the wind blowing across the field.",
        "In Norfolk in 1976 the Parkers' hedgerows were grubbed out.",
    ],
)
def test_a_point_named_by_its_own_word_among_names_and_figures_is_credited(marker, answer):
    level = marker.mark(answer).level
    assert level.explanation.startswith("hedgerows (1)"), level.explanation


@pytest.mark.slow
def test_a_word_the_scheme_also_uses_for_what_earns_nothing_names_no_point():
    from dataclasses import replace

    from grader.core.pipeline import Marker

    urban = point(
        "urbanisation",
        "Urbanisation covers fields with impermeable tarmac",
        "so rain runs off the surface and carries the soil with it",
    )
    scheme = replace(
        rubric(NO_DEVELOPMENT),
        bullets=(Bullet("urbanisation", "main", urban.text, (urban,)),),
        notes=("Physical factors (eg impermeable rock, heavy rainfall) should not be credited.",),
    )
    marker = Marker(scheme)
    physical = marker.mark("Where the rock is impermeable, like granite, the soil washes off.")
    assert physical.level.mark == 0, physical.level.explanation
    human = marker.mark("Near Leeds in 1998 farmland was covered in impermeable tarmac.")
    assert human.level.mark == 1, human.level.explanation
