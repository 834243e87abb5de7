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


def test_a_prose_list_of_events_names_each_without_crediting_any(ussr_marker):
    # a list need not be bullets: one sentence running several events together
    got = statuses(
        ussr_marker,
        "There were also successes like the trade agreement in 1921 and Rapallo with "
        "Germany in 1922 and then the Treaty of Berlin in 1926.",
    )
    for point in ("s-trade-1921", "s-rapallo", "s-berlin-1926"):
        assert got[point] == "name_dropped", point
    assert "credited" not in got.values()


def test_a_long_sentence_that_only_labels_a_point_is_name_dropped(ussr_marker):
    # many words, but nothing said about what the letter did: a label, not an explanation
    got = statuses(
        ussr_marker,
        "Then in 1924 there was the Zinoviev letter, and this was one of the big failures "
        "of the USSR in the 1920s as well.",
    )
    assert got["f-zinoviev"] == "name_dropped"


def test_a_narrative_of_names_and_places_credits_nothing(ussr_marker):
    # says where and when, never why or with what result
    got = statuses(
        ussr_marker,
        "In 1922 there was a conference at Genoa. At the same time Russia and Germany went "
        "to Rapallo and signed a treaty there.",
    )
    assert "credited" not in got.values()
    assert got["s-rapallo"] == "name_dropped"


def test_sentences_explaining_a_point_count_for_it_though_they_name_another(ussr_marker):
    # "Russia" is one of the Versailles point's names, but these sentences explain the
    # trade agreement: they develop it, not Versailles
    got = statuses(
        ussr_marker,
        "The first success was the trade agreement with Britain in 1921. Russia needed "
        "machinery and grain after years of war, and British factories wanted new markets "
        "because unemployment was high. For Russia it was the first official deal with a "
        "Western government, which meant the Bolsheviks were being treated as a real "
        "government.",
    )
    assert got["s-trade-1921"] == "credited"
    assert got["f-versailles"] != "credited"


def test_a_country_shared_by_two_points_credits_only_the_one_explained(league_marker):
    # "Greece" names both the Corfu and the Greek-Bulgarian points; only the second is told
    got = statuses(
        league_marker,
        "In 1925 Greek troops invaded Bulgaria after a border incident. The League ordered "
        "a ceasefire and Greece withdrew and paid compensation, which showed that the "
        "League could stop a war between small states when the great powers backed it.",
    )
    assert got["s-greece-bulgaria"] == "credited"
    assert got["f-corfu"] != "credited"


def test_a_key_element_scheme_credits_an_element_stated_in_a_few_words(ussr_marker):
    # short answers marked by counting key elements: naming the element is the answer,
    # no explanation is asked for (an essay's points, above, must be developed)
    from grader.core.pipeline import Marker
    from grader.scheme.rubric import rubric_from_dict

    rubric = rubric_from_dict(
        {
            "id": "replicate",
            "question": "What extra information would you need to repeat the experiment?",
            "sides": ["key"],
            "points": [
                {
                    "id": "k-vinegar-amount",
                    "side": "key",
                    "text": "You need to know how much vinegar was used in each container.",
                    "keywords": ["vinegar"],
                }
            ],
            "count_scores": {0: 0, 1: 1},
            "settings": {"develop_min_words": 4},
        }
    )
    marker = Marker(rubric, encoder=ussr_marker.encoder)
    result = marker.mark("How much vinegar they used.")
    assert result.status_of("k-vinegar-amount") == "credited"


def test_a_decade_is_not_the_year_that_begins_it(league_marker):
    # "the 1920s" (the question's period) once read as 1920, the year of Vilna: general
    # sentences about the decade then developed the Vilna point a student only named
    got = statuses(
        league_marker,
        "The League of Nations was partly successful in the 1920s.\n\n"
        "The League had many successes in the 1920s and it kept the peace between many "
        "smaller countries across Europe during the decade. There was Vilna in 1920 "
        "which was a failure.",
    )
    assert got["f-vilna"] == "name_dropped"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # the paragraph narrates Manchuria (1931): its undated explanation is not about
        # the League's membership in the 1920s, the period of the point
        ("In 1931 Japan invaded Manchuria and the League sent Lord Lytton to report.", "missing"),
        # the same explanation in a paragraph dated to the point's years counts for it
        ("The USA never joined and Germany was only admitted in 1926.", "credited"),
    ],
)
def test_a_sentence_without_a_year_is_dated_by_its_paragraph(league_marker, opening, expected):
    got = statuses(
        league_marker,
        f"{opening} The League did not use sanctions because Britain and France did not "
        "want to go to war for it, so the League had no means of enforcing its decisions "
        "against a determined great power.",
    )
    assert got["f-membership"] == expected
