"""Random and adversarial scheme text through both importers (issue #20, must show 2).

Each input must either import or raise a coded :class:`GraderError`, within a CPU-time bound
(never a crash, never a pattern that backtracks for seconds). The fragments are the pieces
the importers' patterns look for, repeated and mixed so that long runs of spaces, punctuation,
digits, quotes, bullets and level headings reach every pattern.
"""

from __future__ import annotations

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.errors import GraderError
from grader.scheme.import_levels import import_any, import_levels, looks_like_levels
from grader.scheme.import_points import import_scheme
from grader.types import LevelBand

BANDS = (LevelBand(1, 1, 3, "Basic.", (), ()), LevelBand(2, 4, 6, "Developed.", (), ()))
#: CPU seconds one input may take; the longest inputs are about 50,000 characters.
TIME_BOUND = 1.0

FRAGMENTS = (
    " ", "\t", "\n", "\r", "\u00a0", ".", ",", ":", ";", "-", "–", "—", "*", "#", "(", ")",
    "[", "]", "'", "‘", "’", '"', "“", "?", "⭐", "•", "1", "12", "Level 1", "Level 2 ",
    "Band 3:", "L4 ", "(1-3 marks)", "4 to 6", "13–16", "marks", "0 marks", "Indicative content",
    "Example answer", "Question 1:", "Stated factor", "Other factors", "For", "Against",
    "was the main cause of", "How far do you agree?", "- ", "a) ", "The Treaty of Berlin",
    "Rapallo", "1926", "and the ", ", and the ", "Germany", "x",
)  # fmt: skip

run_lengths = st.one_of(st.integers(1, 20), st.integers(500, 4000))
fragment_runs = st.tuples(st.sampled_from(FRAGMENTS), run_lengths).map(
    lambda pair: pair[0] * pair[1]
)
adversarial = st.lists(st.one_of(fragment_runs, st.sampled_from(FRAGMENTS)), max_size=40).map(
    "".join
)
random_text = st.text(max_size=5000)


def bounded(work: object, text: str) -> None:
    """Run ``work(text)``: a coded error is fine, anything else or a slow run is not."""
    start = time.process_time()
    with contextlib.suppress(GraderError):
        work(text)  # type: ignore[operator]
    spent = time.process_time() - start
    assert spent < TIME_BOUND, f"{spent:.2f} s on {len(text)} characters: {text[:200]!r}"


def import_points_layout(text: str) -> None:
    import_scheme(text, rubric_id="fuzz", levels=BANDS)


def import_levels_layout(text: str) -> None:
    looks_like_levels(text)
    import_levels(text, rubric_id="fuzz")


def import_either(text: str) -> None:
    import_any(text, rubric_id="fuzz")


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.one_of(adversarial, random_text))
def test_point_importer_is_bounded_on_hostile_text(text: str) -> None:
    bounded(import_points_layout, text)


@FAST
@given(st.one_of(adversarial, random_text))
def test_levels_importer_is_bounded_on_hostile_text(text: str) -> None:
    bounded(import_levels_layout, text)


@FAST
@given(adversarial)
def test_import_any_is_bounded_on_hostile_text(text: str) -> None:
    bounded(import_either, text)


def test_the_bound_catches_a_backtracking_pattern() -> None:
    # The test must be able to fail: the cubic pattern this issue removed, on 1,000 spaces
    # (about 4 s of CPU; 1,600 spaces took 15.9 s).
    import re

    cubic = re.compile(r"^(?P<rest>.*?)[\s:.,;=*–—-]*[(\[]?\s*(?P<lo>\d{1,3})\s*(?:–|—|-|to)\s*$")
    try:
        bounded(cubic.match, "a" + " " * 1000 + "b")
    except AssertionError:
        return
    raise AssertionError("a cubic pattern passed the time bound")
