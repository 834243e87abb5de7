"""Property-based tests: whatever text arrives, marking returns a valid result or a clear
coded error, and the same input always gets the same marks, alone or in any batch order.

Example counts are kept small (the encoder runs on every example); hypothesis still
explores a fresh part of the input space on every run.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.errors import GraderError, error_classes
from grader.render.report import result_to_dict
from grader.types import MarkResult, Unmarked

pytestmark = pytest.mark.slow

CODES = {cls.code for cls in error_classes()}
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# inputs of thousands of sentences: each example costs seconds
VERY_FEW = settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "the",
        "USSR",
        "Rapallo",
        "Genoa",
        "treaty",
        "1922",
        "because",
        "Germany",
        "isolation",
        "Comintern",
        "Zinoviev",
        "letter",
        "trade",
        "1921",
        "failure",
        "success",
        "however",
        "this",
        "shows",
        "Britain",
        "France",
    ]
)
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
DIRECTION = st.sampled_from(["\u200e", "\u200f", "\u202a", "\u202b", "\u202e", "\u2066", "\u2069"])
RTL_WORDS = st.sampled_from(["معاهدة", "رابالو", "ألمانيا", "ברית", "גרמניה", "1922"])

# random Unicode of every category, surrogates excluded (they cannot be encoded to UTF-8)
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=3000)
# prose with zero-width and direction controls scattered inside and between words
MIXED = st.lists(
    st.one_of(WORDS, RTL_WORDS, INVISIBLE, DIRECTION, st.sampled_from([" ", ". ", "\n", "\n\n"])),
    min_size=1,
    max_size=400,
).map("".join)
# no punctuation and no line breaks at all, from one word to a few thousand
NO_PUNCTUATION = st.lists(WORDS, min_size=1, max_size=3000).map(" ".join)
# one huge paragraph (about 15,000 to 45,000 characters) with no line break
HUGE_PARAGRAPH = st.integers(200, 600).map(
    lambda n: " ".join(
        ["The Treaty of Rapallo in 1922 ended the isolation of Germany and the USSR."] * (n // 10)
        + ["Genoa failed because France wanted the Tsarist debts repaid."] * n
    )
)
# thousands of one-word paragraphs
TINY_PARAGRAPHS = st.tuples(
    st.integers(1000, 1200), st.sampled_from(["a.", "Rapallo", "1922"])
).map(lambda pair: "\n\n".join([pair[1]] * pair[0]))


def check_valid(outcome: MarkResult | Unmarked, marker, text: str) -> None:
    """A result a report can rely on, or a refusal with a catalogue code."""
    if isinstance(outcome, Unmarked):
        assert outcome.code in CODES
        assert outcome.reason.startswith(f"[{outcome.code}] ")
        return
    rubric = marker.rubric
    assert [m.point_id for m in outcome.matches] == [p.id for p in rubric.points]
    assert {m.status for m in outcome.matches} <= {"credited", "name_dropped", "missing"}
    band = next(b for b in rubric.levels if b.level == outcome.level.level)
    assert band.min_mark <= outcome.level.mark <= band.max_mark
    assert 0.0 <= outcome.level.confidence <= 1.0
    for match in outcome.matches:
        for evidence in match.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(text)
            assert evidence.quote == text[evidence.start : evidence.end]
    if outcome.level.review_reasons:
        assert outcome.level.needs_review
    json.dumps(result_to_dict(outcome))  # every result can be written out


def mark_checked(marker, text: str, *, twice: bool = True) -> MarkResult | Unmarked:
    [outcome] = marker.mark_many([("essay", text)])
    check_valid(outcome, marker, text)
    if not twice:
        return outcome
    # the one-essay call agrees: the same result, or the same coded error
    try:
        alone = marker.mark(text, essay_id="essay")
    except GraderError as exc:
        assert isinstance(outcome, Unmarked)
        assert str(exc) == outcome.reason
    else:
        assert result_to_dict(alone) == result_to_dict(outcome)
    return outcome


@FEW
@given(text=ANY_TEXT)
def test_random_unicode_never_crashes(ussr_marker, text):
    mark_checked(ussr_marker, text)


@FEW
@given(text=MIXED)
def test_zero_width_and_right_to_left_text_never_crashes(ussr_marker, text):
    mark_checked(ussr_marker, text)


@VERY_FEW
@given(text=NO_PUNCTUATION)
def test_text_without_punctuation_never_crashes(ussr_marker, text):
    mark_checked(ussr_marker, text, twice=False)


@VERY_FEW
@given(text=HUGE_PARAGRAPH)
def test_huge_paragraphs_never_crash(ussr_marker, text):
    outcome = mark_checked(ussr_marker, text, twice=False)
    assert isinstance(outcome, MarkResult)  # under the 200,000-character limit: marked


@VERY_FEW
@given(text=TINY_PARAGRAPHS)
def test_thousands_of_tiny_paragraphs_never_crash(ussr_marker, text):
    outcome = mark_checked(ussr_marker, text, twice=False)
    assert isinstance(outcome, MarkResult)
    assert len(outcome.document.paragraphs) >= 1000


ESSAY_PIECES = [
    "The Treaty of Rapallo (1922) ended the USSR's isolation because Germany recognised it.",
    "Genoa failed since France demanded the Tsarist debts back.",
    "The Zinoviev letter of 1924 damaged relations with Britain.",
    "The Comintern frightened western governments.",
    "Trade with Britain began with the 1921 agreement, which gave the USSR recognition.",
    "Overall the USSR was more successful than not.",
]


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    essays=st.lists(
        st.lists(st.sampled_from(ESSAY_PIECES), min_size=1, max_size=6).map(" ".join),
        min_size=2,
        max_size=4,
    ),
    order=st.randoms(use_true_random=False),
)
def test_marks_do_not_depend_on_batch_order(ussr_marker, essays, order):
    batch = [(f"e{i}", text) for i, text in enumerate(essays)]
    shuffled = batch[:]
    order.shuffle(shuffled)
    first = {r.essay_id: result_to_dict(r) for r in ussr_marker.mark_many(batch)}
    second = {r.essay_id: result_to_dict(r) for r in ussr_marker.mark_many(shuffled)}
    assert first == second
