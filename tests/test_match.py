"""Matching behaviour a teacher would notice: explained vs name-dropped vs missing."""

import pytest

pytestmark = pytest.mark.slow


def statuses(marker, text):
    result = marker.mark(text)
    return {m.point_id: m.status for m in result.matches}


def test_a_list_of_names_is_name_dropped_not_credited(ussr_marker):
    got = statuses(ussr_marker, "The USSR had Rapallo, Genoa, Comintern, Zinoviev.")
    for point in ("s-rapallo", "f-genoa", "f-comintern", "f-zinoviev"):
        assert got[point] == "name_dropped", point
    assert "credited" not in got.values()


def test_an_explained_point_is_credited_with_its_evidence(ussr_marker):
    text = (
        "In 1922 the USSR signed the Treaty of Rapallo with Germany. Both countries were "
        "outcasts after the war, so the treaty restored diplomatic relations, cancelled "
        "claims for war debts and led to secret military cooperation, which meant the "
        "USSR was no longer isolated."
    )
    result = ussr_marker.mark(text)
    rapallo = next(m for m in result.matches if m.point_id == "s-rapallo")
    assert rapallo.status == "credited"
    quote = rapallo.evidence[0]
    assert text[quote.start : quote.end] == quote.quote


def test_misspelt_names_are_still_found(ussr_marker):
    got = statuses(
        ussr_marker,
        "The Zinovief letter of 1924 was published just before the "
        "British election and it damaged relations with Britain "
        "because voters feared a communist plot.",
    )
    assert got["f-zinoviev"] == "credited"


def test_a_sentence_dated_to_another_year_is_not_evidence(ussr_marker):
    got = statuses(
        ussr_marker,
        "The first Labour government, elected in 1924, extended "
        "formal diplomatic recognition to the USSR, which greatly "
        "improved relations between the two countries.",
    )
    assert got["s-recognition-1924"] == "credited"
    assert got["s-labour-1929"] == "missing"


def test_an_essay_about_something_else_credits_nothing(ussr_marker):
    got = statuses(
        ussr_marker,
        "Photosynthesis turns light into chemical energy in the "
        "chloroplasts of green plants, which release oxygen.",
    )
    assert set(got.values()) == {"missing"}
