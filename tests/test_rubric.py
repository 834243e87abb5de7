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
            "demo.yaml: top level has unknown field 'levles'. Allowed fields: "
            "assessment_objectives, caps, conclusion, count_scores, id, import_warnings, kind, "
            "levels, marks, notes, point_marking, points, question, question_type, settings, "
            "sides, source, stated_factor, stimulus, version.",
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


def test_exam_board_fields_round_trip_and_old_rubrics_dump_unchanged():
    # the optional fields an exam-board import adds survive a YAML round trip
    from grader.scheme.rubric import dump_rubric, load_rubric, rubric_from_dict, rubric_to_dict
    from grader.types import Cap, PointMarking

    data = {
        "id": "flood",
        "question": "Explain how people raise flood risk.",
        "sides": ["main"],
        "points": [
            {
                "id": "paving",
                "side": "main",
                "text": "Paving gardens",
                "development": ["so rain runs off faster"],
                "ao": "AO2",
            }
        ],
        "count_scores": {1: 1, 2: 2},
        "marks": 4,
        "question_type": "explain",
        "stimulus": ["gardens"],
        "assessment_objectives": {"AO1": 2, "AO2": 2},
        "caps": [
            {"condition": "no-development", "max_mark": 2, "text": "Max 2 if no development."}
        ],
        "point_marking": {
            "per_point": 1,
            "per_development": 1,
            "max_points": 4,
            "accept_other": True,
        },
        "notes": ["Only human factors are creditworthy."],
        "import_warnings": ["guessed"],
    }
    rubric = rubric_from_dict(data, source="flood.yaml")
    assert rubric.caps == (Cap("no-development", 2, None, None, "Max 2 if no development."),)
    assert rubric.point_marking == PointMarking(1, 1, None, 4, True, "")
    assert rubric.points[0].development == ("so rain runs off faster",)
    assert rubric.max_mark == 4  # the stated total of a point-marked scheme
    assert rubric_from_dict(rubric_to_dict(rubric), source="again") == rubric
    # a seed rubric writes none of the new fields, so its hash (cache key) is unchanged
    seed = dump_rubric(load_rubric("ussr-1920s"))
    assert "\ncaps:" not in seed and "\nmarks:" not in seed and "development:" not in seed


def test_a_cap_that_limits_nothing_is_refused():
    from grader.scheme.rubric import rubric_from_dict

    data = {
        "id": "x",
        "question": "Why?",
        "sides": ["main"],
        "points": [{"id": "a", "side": "main", "text": "A"}],
        "count_scores": {1: 1},
        "caps": [{"condition": "no-examples", "text": "Needs examples."}],
    }
    with pytest.raises(RubricError) as info:
        rubric_from_dict(data, source="x.yaml")
    assert "needs max_mark or max_level" in str(info.value)
