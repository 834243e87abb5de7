"""Marking against level descriptors and example answers (levels-of-response rubrics)."""

import re
from pathlib import Path

import pytest

from grader.core.level.demands import DEMAND_CUES, band_demands
from grader.scheme.rubric import load_rubric
from grader.types import LevelBand

ROOT = Path(__file__).resolve().parents[1]
ESSAYS = ROOT / "tests" / "data" / "levels"


def tier(dimension: str, text: str) -> int:
    return band_demands([LevelBand(1, 1, 4, text)])[0][1][dimension]


@pytest.mark.parametrize(
    ("dimension", "wording", "expected"),
    [
        # AQA's explanation ladder: basic < simple < developed < complex
        ("explanation", "Basic explanation of one factor", 1),
        ("explanation", "Simple explanation of the stated factor or other factors", 2),
        ("explanation", "Developed explanation of the stated factor and other factors", 3),
        ("explanation", "Complex explanation of the stated factor and other factors", 4),
        # Edexcel's chains of reasoning: incomplete chains are below developed ones
        ("explanation", "Some analysis, but chains of reasoning are incomplete", 2),
        ("explanation", "Developed chains of reasoning on both sides", 3),
        ("explanation", "Logical chains of reasoning", 4),
        # knowledge: a range of accurate knowledge beats accurate beats limited
        ("knowledge", "Shows a range of accurate and relevant knowledge", 3),
        ("knowledge", "Accurate knowledge and understanding", 2),
        ("knowledge", "Isolated elements of knowledge, some of it inaccurate", 1),
        # one factor vs the stated factor and other factors
        ("factors", "Simple explanation of one factor; other factors may be mentioned", 1),
        ("factors", "Explanation of the stated factor and other factors", 2),
        ("factors", "A balanced assessment", 2),
        # reasoning: a line of reasoning < a sustained one
        ("reasoning", "A line of reasoning is present", 1),
        ("reasoning", "A sustained line of reasoning which is coherent", 2),
        # judgement: asserted < substantiated < sustained
        ("judgement", "A judgement may be stated but it is not supported", 1),
        ("judgement", "A judgement is reached and substantiated", 2),
        ("judgement", "The judgement is substantiated and sustained throughout", 3),
        ("judgement", "A fully substantiated judgement", 3),
    ],
)
def test_descriptor_language_is_read_into_tiers(dimension, wording, expected):
    assert tier(dimension, wording) == expected


def test_unmentioned_qualities_inherit_the_band_below():
    bands = [
        LevelBand(1, 1, 3, "Basic explanation of one factor"),
        LevelBand(2, 4, 6, "A judgement is reached and substantiated"),
    ]
    demands = dict((band.level, need) for band, need in band_demands(bands))
    assert demands[2]["explanation"] == 1
    assert demands[2]["factors"] == 1
    assert demands[2]["judgement"] == 2
    assert set(DEMAND_CUES) == set(demands[1])


def test_shipped_history_bands_demand_more_at_each_level():
    demands = [need for _, need in band_demands(load_rubric("history-main-cause-16").levels)]
    explanation = [need["explanation"] for need in demands]
    assert explanation == sorted(explanation) and explanation[-1] == 4
    # level 2 is one factor; level 3 needs the stated factor and other factors
    assert (demands[2]["factors"], demands[3]["factors"]) == (1, 2)


@pytest.fixture(scope="session")
def levels_markers():
    from grader.core.pipeline import Marker

    return {name: Marker(name) for name in ("history-main-cause-16", "business-evaluate-12")}


ESSAY_FILES = sorted(ESSAYS.glob("*/level*.txt"))
# Known misses, kept visible (strict: the test fails when one starts to pass).
KNOWN_MISSES = {
    "business-evaluate-12/level3-developed": (
        "marked 6, the top of Level 2: its one-sentence conclusion ('so the loan is not very "
        "big') reads as asserted, not weighed; it reached Level 3 only while the Level 4 "
        "example answer could pull a mark across two levels by topic"
    ),
}


def _essay_param(path: Path) -> object:
    name = f"{path.parent.name}/{path.stem}"
    miss = KNOWN_MISSES.get(name)
    marks = [pytest.mark.xfail(strict=True, reason=miss)] if miss else []
    return pytest.param(path, id=name, marks=marks)


@pytest.mark.slow
@pytest.mark.parametrize("path", [_essay_param(p) for p in ESSAY_FILES])
def test_example_essays_mark_into_their_intended_level(levels_markers, path):
    # Each essay was written to one level's descriptor (the number in its file name):
    # level 1 a basic/generic answer, level 2 one factor or side, level 3 both sides
    # developed with a partly supported judgement, level 4 linked factors and a
    # sustained judgement. No tolerance: the intended level exactly.
    intended = int(re.match(r"level(\d)", path.stem).group(1))
    marker = levels_markers[path.parent.name]
    result = marker.mark(path.read_text(encoding="utf-8"), essay_id=path.name)
    band = next(b for b in marker.rubric.levels if b.level == intended)
    assert result.level.level == intended, result.level.explanation
    assert band.min_mark <= result.level.mark <= band.max_mark
    assert result.level.method == "descriptors"
    assert result.level.descriptor == band.descriptor
    assert (
        f"Level {intended} ({band.min_mark}-{band.max_mark}) best fits" in result.level.explanation
    )


@pytest.mark.slow
def test_an_essay_on_something_else_gets_level_0(levels_markers):
    essay = (
        "Photosynthesis takes place in the chloroplasts of plant cells. Light energy is "
        "absorbed by chlorophyll and used to turn carbon dioxide and water into glucose. "
        "Oxygen is released as a by-product, which is why plants are important for animals."
    )
    result = levels_markers["business-evaluate-12"].mark(essay)
    assert (result.level.level, result.level.mark) == (0, 0)


@pytest.mark.slow
def test_the_level_4_essay_is_closest_to_the_level_4_example(levels_markers):
    marker = levels_markers["history-main-cause-16"]
    from grader.core.segment import segment_many

    text = (ESSAYS / "history-main-cause-16" / "level4-complex.txt").read_text(encoding="utf-8")
    doc = segment_many([("e", text)], sentences_per_block=4)[0]
    vectors = marker.encoder.encode([s.text for s in doc.sentences])
    similarity = marker.descriptors.anchors.similarity(doc, vectors)
    assert sorted(similarity) == [1, 2, 3, 4]
    assert max(similarity, key=similarity.get) == 4


@pytest.mark.slow
def test_point_list_rubrics_keep_their_own_level_scorer(ussr_marker):
    # the seed's rubric is a point list: descriptors are not used, so its figures are unchanged
    assert ussr_marker.descriptors is None
    result = ussr_marker.mark((ROOT / "examples" / "ussr-1920s-model-essay.txt").read_text())
    assert result.level.method != "descriptors"


@pytest.mark.parametrize(
    ("sentence", "detail"),
    [
        ("She needs a loan of £20,000 at 7% interest.", True),  # figures from the case
        ("At Munich in 1938 Chamberlain gave way.", True),  # a date and a name
        ("Chamberlain gave way to him.", False),  # a name only at the start of the sentence
        ("The treaty made Hitler angry.", False),  # a name used by most points is generic
        ("It was signed at Versailles by Clemenceau.", True),  # a name of its own
    ],
)
def test_specific_detail(sentence, detail):
    from grader.core.level.descriptors import has_detail

    assert has_detail(sentence, {"hitler", "treaty", "versailles"}) is detail


# The scheme's example answers: what a Level 1 and a Level 3 answer explain.
EXAMPLE_BANDS = (
    ("Basic explanation of one factor.", "Surgery got better because of chloroform."),
    (
        "Developed explanation of two or more factors.",
        "Chloroform ended pain in surgery, so surgeons could operate slowly. Lister's "
        "carbolic acid killed the germs in wounds, which meant fewer patients died of "
        "infection after operations, because sepsis had been the main killer.",
    ),
)
NARRATED = (
    "Surgery in 1840. In 1847 Simpson tried chloroform on himself and his friends. In 1867 "
    "Lister sprayed carbolic acid in his operating theatre in Glasgow. Then in 1890 Halsted "
    "brought in rubber gloves for surgeons."
)


@pytest.mark.slow
def test_an_answer_explaining_nothing_is_not_lifted_towards_the_example_answers():
    # close in topic to the Level 3 example, but it narrates: the examples exemplify
    # what answers explain, so resemblance alone does not raise the mark
    from dataclasses import replace

    from grader.core.pipeline import Marker
    from grader.scheme.import_levels import import_levels
    from grader.settings import Settings
    from tests.test_ideas import QUESTION, SCHEME

    marker = Marker(import_levels(SCHEME, rubric_id="surgery-1900", question=QUESTION))

    bands = [LevelBand(b.level, b.min_mark, b.max_mark, b.descriptor) for b in marker.rubric.levels]
    for level, (descriptor, example) in zip((1, 3), EXAMPLE_BANDS, strict=True):
        i = next(n for n, b in enumerate(bands) if b.level == level)
        bands[i] = replace(bands[i], descriptor=descriptor, examples=(example,))
    rubric = replace(marker.rubric, levels=tuple(bands))
    anchored = Marker(rubric, encoder=marker.encoder).mark(NARRATED).level
    plain = Marker(rubric, encoder=marker.encoder, settings=Settings(anchor_weight=0.0))
    assert "0 of" in anchored.explanation  # nothing explained
    assert anchored.mark == plain.mark(NARRATED).level.mark, anchored.explanation
