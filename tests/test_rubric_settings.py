"""A rubric's own matcher settings: validated, and applied in place of the defaults."""

import pytest

from grader.errors import RubricError
from grader.scheme.rubric import dump_rubric, load_rubric, rubric_from_dict
from grader.settings import Settings

BASE = {
    "id": "short",
    "question": "Name a process.",
    "sides": ["key"],
    "points": [{"id": "k-osmosis", "side": "key", "text": "Osmosis is diffusion of water."}],
    "count_scores": {0: 0, 1: 1},
}


def test_settings_are_read_and_round_trip():
    rubric = rubric_from_dict({**BASE, "settings": {"develop_min_words": 4}})
    assert rubric.settings == (("develop_min_words", 4.0),)
    assert "develop_min_words: 4.0" in dump_rubric(rubric)


def test_unknown_setting_is_rejected_with_the_known_ones():
    with pytest.raises(RubricError) as info:
        rubric_from_dict({**BASE, "settings": {"develop_words": 4}}, source="r.yaml")
    assert str(info.value).startswith(
        "[R001] r.yaml: 'settings' has unknown setting 'develop_words'. Known settings: "
        "analysis_some_share, analysis_throughout_share, anchor_weight, attribution_margin, "
        "border_margin, calibrate_min_answers, calibrate_warn_below, common_word_zipf, "
        "continuation_min,"
    )


def test_wrong_type_is_rejected():
    with pytest.raises(RubricError) as info:
        rubric_from_dict({**BASE, "settings": {"semantic_min": "high"}}, source="r.yaml")
    assert str(info.value) == (
        "[R001] r.yaml: setting 'semantic_min' must be a number >= 0; found 'high'."
    )


def test_rubric_settings_replace_defaults_but_not_explicit_values():
    assert Settings().under_rubric({"develop_min_words": 4.0}).develop_min_words == 4.0
    explicit = Settings(develop_min_words=9.0).under_rubric({"develop_min_words": 4.0})
    assert explicit.develop_min_words == 9.0


@pytest.mark.slow
def test_marker_applies_the_rubric_settings():
    from grader.core.pipeline import Marker

    marker = Marker(load_rubric("asap-5"))
    assert marker.settings.develop_min_words == 2.0
    # The short answer states the key element in a few words and is credited.
    result = marker.mark("The mRNA leaves the nucleus through a nuclear pore.")
    assert result.status_of("k-nuclear-pore") == "credited"
