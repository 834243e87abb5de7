import json
from pathlib import Path

import pytest

from grader.errors import ImportSchemeError
from grader.scheme.import_points import import_scheme, side_name, split_clauses
from grader.scheme.rubric import load_rubric, rubric_to_dict
from grader.types import LevelBand

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "rubrics" / "sources"


@pytest.mark.parametrize("name", ["ussr-1920s", "league-1920s"])
def test_import_reproduces_the_shipped_rubric(name):
    shipped = load_rubric(name)
    imported = import_scheme(
        (SOURCES / f"{name}.txt").read_text(encoding="utf-8"),
        rubric_id=name,
        ids=json.loads((SOURCES / f"{name}.ids.json").read_text(encoding="utf-8")),
        levels=shipped.levels,
        source=f"{name}.txt",
    )
    assert rubric_to_dict(imported)["points"] == rubric_to_dict(shipped)["points"]
    assert imported.question == shipped.question
    assert imported.sides == shipped.sides


def test_seed_extract_without_ids_still_splits_the_compound_bullet():
    rubric = import_scheme(
        (SOURCES / "ussr-1920s.txt").read_text(encoding="utf-8"), rubric_id="x", count_scores={1: 1}
    )
    compound = [b for b in rubric.bullets if len(b.parts) > 1]
    assert len(compound) == 1
    texts = [p.text for p in compound[0].parts]
    assert texts[0] == "The Anglo-Soviet trade agreement of 1921"
    assert any("Treaty of Berlin in 1926" in t for t in texts)
    # "These agreements were followed by Soviet-German military training exercises" says more
    # about the Rapallo Pact before it, so the parts are those the ids file names
    shipped = [b for b in load_rubric("ussr-1920s").bullets if len(b.parts) > 1][0]
    assert texts == [p.text for p in shipped.parts]
    # every other bullet stays whole (the Zinoviev bullet has three sentences but is one point)
    assert sum(len(b.parts) == 1 for b in rubric.bullets) == 6


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        # a demonstrative opening ("These", "This", "Such") refers back: one part with the clause
        ("These treaties were followed by Soviet-German exercises.", 2),
        ("Such treaties alarmed France.", 2),
        # a clause that names something new is a part of its own
        ("Then the Treaty of Berlin in 1926 renewed Rapallo.", 3),
    ],
)
def test_a_clause_that_refers_back_stays_with_the_part_before(sentence, parts):
    scheme = (
        "How successful was Soviet diplomacy?\nSuccesses\n"
        f"- The trade agreement of 1921 and the Rapallo Pact of 1922. {sentence}\n"
    )
    rubric = import_scheme(scheme, rubric_id="x", count_scores={1: 1})
    assert len(rubric.points) == parts
    assert rubric.points[1].text.startswith("the Rapallo Pact of 1922")


def test_keywords_are_read_in_the_extract_not_the_document_before_it():
    # a whole seed document: a plan where "Strikes" is capitalised mid-line, then the extract,
    # where it only opens a sentence and so names nothing
    document = (
        "Essay plan\nThe Boatmen's Strikes and Stoppages: discuss them.\n"
        "Extracts from Mark Schemes\nHow important were canals?\nLimits\n"
        "- Most goods still moved by road.\n- Strikes by boatmen in 1810 held up coal.\n"
    )
    rubric = import_scheme(document, rubric_id="x", count_scores={1: 1})
    assert [p.keywords for p in rubric.points] == [(), ("1810",)]


def test_plain_and_numbered_bullets_with_any_side_names():
    scheme = """Was coal the main cause of industrialisation?
Arguments for:
1. Cheap coal from the Durham field in 1800
2) Steam engines built by James Watt
Arguments against
* Canals dug by the Duke of Bridgewater
- Cotton imports from America
"""
    rubric = import_scheme(scheme, rubric_id="coal", levels=[LevelBand(1, 0, 4)])
    assert rubric.sides == ("arguments-for", "arguments-against")
    assert [p.side for p in rubric.points] == ["arguments-for"] * 2 + ["arguments-against"] * 2
    assert rubric.point(rubric.points[1].id).keywords == ("James Watt",)
    assert len({p.id for p in rubric.points}) == 4


def test_no_bullets_is_an_error_that_says_how_to_write_them():
    with pytest.raises(ImportSchemeError) as info:
        import_scheme("Why?\nJust prose here.", rubric_id="x", source="s.txt", count_scores={1: 1})
    assert info.value.message == (
        "s.txt: no mark-scheme bullets found. Put each point on its own line starting with ⭐, "
        "-, *, • or a number (e.g. '- The Treaty of Rapallo, 1922')."
    )


def test_an_id_whose_text_is_nowhere_is_reported():
    with pytest.raises(ImportSchemeError) as info:
        import_scheme(
            "Why?\nFor\n- Coal\n",
            rubric_id="x",
            ids={"f-oil": "Oil"},
            source="s.txt",
            count_scores={1: 1},
        )
    assert "point id(s) f-oil were given but their text was not found" in str(info.value)


@pytest.mark.parametrize(
    ("heading", "side"),
    [
        ("Successes", "success"),  # the seed's headings
        ("Failures", "failure"),
        ("Weaknesses:", "weakness"),  # -sses plural, trailing colon
        ("Arguments against", "arguments-against"),
        ("Strategies", "strategy"),  # -ies plural
    ],
)
def test_side_names_from_headings(heading, side):
    assert side_name(heading) == side


def test_split_clauses_keeps_relative_clauses_together():
    assert split_clauses(
        "The exclusion of Russia, which hurt. The Genoa failure and the Rapallo Pact."
    ) == ["The exclusion of Russia, which hurt", "The Genoa failure", "the Rapallo Pact"]
