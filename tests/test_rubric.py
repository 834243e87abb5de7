from pathlib import Path

import pytest
import yaml

from grader.errors import RubricError, RubricNotFound
from grader.scheme.rubric import dump_rubric, load_rubric, rubric_from_dict

DEVSET_IDS = [
    "f-versailles",
    "f-genoa",
    "f-communism-fear",
    "f-zinoviev",
    "f-comintern",
    "s-trade-1921",
    "s-rapallo",
    "s-recognition-1924",
    "s-berlin-1926",
    "s-labour-1929",
]


def minimal(**changes):
    data = {
        "id": "demo",
        "question": "Why?",
        "sides": ["for", "against"],
        "points": [
            {"id": "f-a", "side": "for", "text": "A point"},
            {"id": "a-b", "side": "against", "text": "B point"},
        ],
        "levels": [{"level": 1, "marks": [1, 5]}, {"level": 2, "marks": [6, 10]}],
    }
    data.update(changes)
    return data


def test_bundled_rubric_has_the_devset_point_ids_and_bands():
    rubric = load_rubric("ussr-1920s")
    assert [p.id for p in rubric.points] == DEVSET_IDS
    assert rubric.sides == ("failure", "success")
    assert [(b.level, b.min_mark, b.max_mark) for b in rubric.levels] == [
        (0, 0, 0),
        (1, 1, 5),
        (2, 6, 9),
        (3, 10, 14),
        (4, 15, 17),
        (5, 18, 20),
    ]


def test_compound_bullet_parts_share_one_bullet():
    rubric = load_rubric("ussr-1920s")
    compound = [b for b in rubric.bullets if len(b.parts) > 1]
    assert len(compound) == 1
    assert [p.id for p in compound[0].parts] == [
        "s-trade-1921",
        "s-rapallo",
        "s-recognition-1924",
        "s-berlin-1926",
    ]
    # the military training clause has no id of its own: it belongs to Rapallo
    assert "military training" in rubric.point("s-rapallo").text


def test_round_trip_through_yaml():
    rubric = load_rubric("league-1920s")
    again = rubric_from_dict(yaml.safe_load(dump_rubric(rubric)), source=rubric.source)
    assert again == rubric


def test_unknown_rubric_lists_the_available_ones():
    with pytest.raises(RubricNotFound) as info:
        load_rubric("ussr-1902s")
    assert "Rubric 'ussr-1902s' not found" in str(info.value)
    assert "league-1920s, ussr-1920s" in str(info.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # a side misspelt in a point must name the point, the value and the allowed sides
        (
            {"points": [{"id": "f-a", "side": "fro", "text": "A"}]},
            "demo.yaml: point 'f-a' has side 'fro', which is not one of the rubric's sides "
            "['for', 'against']. Fix the spelling or add it to 'sides'.",
        ),
        # two points with one id would make evaluation ambiguous
        (
            {
                "points": [
                    {"id": "f-a", "side": "for", "text": "A"},
                    {"id": "f-a", "side": "against", "text": "B"},
                ]
            },
            "demo.yaml: duplicate point id 'f-a'. Each point needs its own id.",
        ),
        # overlapping bands: a mark would belong to two levels
        (
            {"levels": [{"level": 1, "marks": [1, 6]}, {"level": 2, "marks": [6, 10]}]},
            "demo.yaml: level 1 (1-6) and level 2 (6-10) overlap. Each mark must belong to one "
            "level.",
        ),
        # a gap: marks 6-7 would belong to no level
        (
            {"levels": [{"level": 1, "marks": [1, 5]}, {"level": 2, "marks": [8, 10]}]},
            "demo.yaml: marks 6-7 fall between level 1 (1-5) and level 2 (8-10). Close the gap.",
        ),
        # a typo in a field name is reported, not ignored
        (
            {"levles": []},
            "demo.yaml: top level has unknown field 'levles'. Allowed fields: conclusion, "
            "count_scores, id, kind, levels, points, question, settings, sides, source, "
            "stated_factor, version.",
        ),
        # marks given backwards
        (
            {"levels": [{"level": 1, "marks": [5, 1]}]},
            "demo.yaml: level 1 needs 'marks' as [lowest, highest] whole numbers with lowest <= "
            "highest; found [5, 1].",
        ),
    ],
)
def test_validation_errors_name_file_field_and_fix(changes, message):
    with pytest.raises(RubricError) as info:
        rubric_from_dict(minimal(**changes), source="demo.yaml")
    assert info.value.message == message


def test_yaml_syntax_error_names_the_line(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: demo\nquestion: Why?\n  sides: [a\n", encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_rubric(bad)
    assert str(bad) in str(info.value)
    assert "line 3" in str(info.value)
