"""Rubric checks on a deliberately bad mark scheme, and on the shipped ones.

Each problem planted in examples/bad-rubric.yaml must come back as a finding with its exact
message; the shipped rubrics must not raise false alarms on what they do well.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.errors import RubricError
from grader.research.diagnose import check_rubric, diagnose, load_for_check
from grader.research.diagnose_points import point_events
from grader.scheme.rubric import available_rubrics, load_rubric
from grader.types import LevelBand

from .conftest import ROOT

pytestmark = pytest.mark.slow  # loads the embedding model (once per session)

BAD_RUBRIC = ROOT / "examples" / "bad-rubric.yaml"
BAD_SCHEME = BAD_RUBRIC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bad_findings(tmp_path_factory):
    path = tmp_path_factory.mktemp("rubric") / "bad-scheme.yaml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    rubric, bands = load_for_check(path)
    return {f.kind: f for f in check_rubric(rubric, bands=bands)}


def test_duplicate_meaning_points_are_reported_as_overlapping(bad_findings):
    finding = bad_findings["overlapping-points"]
    assert finding.points == ("s-stresemann", "s-rentenmark")
    assert finding.message == (
        "Points 's-stresemann' and 's-rentenmark' overlap (meaning similarity 0.95; shared "
        "keywords: rentenmark): evidence for one may be credited to the other. Merge them, or "
        "reword each to name what only it covers."
    )


def test_vague_point_is_reported_with_its_reasons(bad_findings):
    assert bad_findings["vague-point"].message == (
        "Point 's-other' is too vague to match reliably: no names, dates or keywords to look "
        "for; only 2 content words. Name the event, person, date or mechanism an answer must "
        "explain."
    )


def test_overlapping_bands_are_reported(bad_findings):
    finding = bad_findings["band-overlap"]
    assert (finding.severity, finding.levels) == ("error", (1, 2))
    assert finding.message == (
        "Mark 5 belongs to both level 1 (1-5) and level 2 (5-9). Start each band one mark "
        "above the top of the band below."
    )


def test_gap_between_bands_is_reported(bad_findings):
    assert bad_findings["band-gap"].message == (
        "Mark 10 falls between level 2 (5-9) and level 3 (11-15): no level awards it. Extend "
        "one of the bands to close the gap."
    )


def test_adjacent_descriptors_that_read_alike_are_reported(bad_findings):
    finding = bad_findings["indistinct-levels"]
    assert finding.levels == (1, 2)
    assert finding.message == (
        "Level 1 and level 2 descriptors barely differ (wording 95% alike, meaning similarity "
        "0.86): a marker cannot tell the levels apart. Say what a level 2 answer does that a "
        "level 1 answer does not."
    )


def test_compound_bullet_is_reported_with_its_events(bad_findings):
    assert bad_findings["compound-point"].message == (
        "Point 's-putsches' bundles 3 dated or named events (Kapp Putsch, 1920 | Munich Putsch, "
        "1923 | Spartacist, 1919): an essay that explains one of them gets all or nothing. "
        "Split it into 'parts:' so each is credited on its own."
    )


def test_side_with_one_point_is_reported(bad_findings):
    finding = bad_findings["thin-side"]
    assert (finding.side, finding.points) == ("weakness", ("w-article-48",))
    assert finding.message == (
        "Side 'weakness' has only 1 point (other sides: 'survival' 4): an essay can hardly "
        "develop it, and its balance rests on one point. Add the points an examiner would "
        "credit on this side."
    )


def test_shared_keyword_is_reported(bad_findings):
    assert bad_findings["shared-keywords"].points == ("s-stresemann", "s-rentenmark")


def test_each_planted_problem_is_found_and_nothing_else(bad_findings):
    assert set(bad_findings) == {
        "overlapping-points",
        "shared-keywords",
        "vague-point",
        "compound-point",
        "thin-side",
        "band-overlap",
        "band-gap",
        "indistinct-levels",
    }


def test_load_rubric_refuses_the_bands_that_load_for_check_keeps(tmp_path: Path):
    path = tmp_path / "bad-scheme.yaml"
    path.write_text(BAD_SCHEME, encoding="utf-8")
    with pytest.raises(RubricError, match="overlap"):
        load_rubric(path)
    rubric, bands = load_for_check(path)
    assert [(b.level, b.min_mark, b.max_mark) for b in bands] == [(1, 1, 5), (2, 5, 9), (3, 11, 15)]
    assert rubric.levels == bands


def test_other_rubric_errors_still_raise(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text(BAD_SCHEME.replace("side: weakness", "side: wekness"), encoding="utf-8")
    with pytest.raises(RubricError, match="side 'wekness'"):
        load_for_check(path)


def test_duplicate_level_is_reported_without_stopping():
    rubric = load_rubric("ussr-1920s")
    bands = [LevelBand(1, 1, 5, "Thin."), LevelBand(1, 6, 9, "Some explanation.")]
    messages = [f.message for f in check_rubric(rubric, bands=bands) if f.kind == "band-duplicate"]
    assert messages == ["Level 1 is defined twice (1-5 and 6-9). Keep one band per level."]


def test_shipped_ussr_rubric_findings():
    findings = check_rubric(load_rubric("ussr-1920s"))
    kinds = {f.kind for f in findings}
    # Its bands and descriptors are sound, both sides have five points, every point has anchors.
    assert not kinds & {"band-overlap", "band-gap", "indistinct-levels", "thin-side", "vague-point"}
    overlaps = [f.points for f in findings if f.kind == "overlapping-points"]
    assert overlaps == [("s-trade-1921", "s-recognition-1924")]


def test_shipped_league_rubric_flags_the_agencies_bullet():
    findings = check_rubric(load_rubric("league-1920s"))
    warnings = [(f.kind, f.points) for f in findings if f.severity != "info"]
    assert warnings == [("compound-point", ("s-agencies",))]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # one incident told in several clauses: names repeat (Greek ~ Greece), so one event
        (
            "The Corfu crisis (1923). Mussolini occupied Corfu after a murder on Greek soil; the "
            "Conference of Ambassadors made Greece pay.",
            1,
        ),
        # a list of separate bodies, none dated
        (
            "Fridtjof Nansen helped refugees; the Health Organisation fought typhus; the "
            "International Labour Organisation campaigned for workers.",
            3,
        ),
        # a new year starts a new event even when a name repeats
        ("The Dawes Plan (1924); the Young Plan replaced the Dawes Plan in 1929.", 2),
    ],
)
def test_point_events(text, events):
    assert len(point_events(text)) == events


@pytest.mark.parametrize("name", available_rubrics())
def test_every_bundled_rubric_checks_without_errors(name):
    rubric, bands = load_for_check(name)
    findings = check_rubric(rubric, bands=bands)
    assert [f.message for f in findings if f.severity == "error"] == []


def test_diagnose_without_scripts_has_no_point_table():
    diag = diagnose(load_rubric("ussr-1920s"))
    assert (diag.scripts, diag.points, diag.gaps) == (0, (), ())
    assert diag.findings
