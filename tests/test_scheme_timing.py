"""Importing a mark scheme takes time linear in its length (issue #20, findings 1 and 2).

A pasted scheme is user text: a pattern with nested quantifiers over it, or a scan of the
whole scheme per bullet, lets one paste freeze the server. Times are CPU seconds of this
process (``time.process_time``), so a busy machine does not make them flaky.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from grader.scheme.import_levels import import_levels, looks_like_levels, parse_levels
from grader.scheme.import_points import import_scheme
from grader.types import LevelBand

BANDS = (LevelBand(1, 1, 3, "Basic.", (), ()), LevelBand(2, 4, 6, "Developed.", (), ()))


def cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def distinct_bullets(count: int) -> list[str]:
    """Bullets that differ in their words, like a real scheme's (seeded, so repeatable)."""
    rng = random.Random(20)
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"

    def name() -> str:
        return "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(4)).title()

    return [
        f"- {name()} persuaded {name()} to sign the {name()} agreement in {1850 + i % 150}"
        for i in range(count)
    ]


def test_level_heading_with_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    # Finding 1: "Level 1 a" + spaces + "b" made TRAILING_MARKS backtrack cubically
    # (400 spaces 0.26 s, 1,600 15.9 s before the fix).
    line = "Level 1 a" + " " * 1600 + "b"
    assert cpu_seconds(lambda: looks_like_levels(line + "\n" + line)) < 1.0
    long_line = "Level 1 a" + " " * 200_000 + "b"
    assert cpu_seconds(lambda: looks_like_levels(long_line)) < 1.0


def test_a_heading_ending_in_a_mark_range_still_reads_its_marks() -> None:
    # The linear rewrite must keep reading "Level 4: ... 13–16" (marks after the descriptor).
    parsed = parse_levels(
        "Why?\nLevel 2: Developed explanation of    both factors 4 – 6 marks\n"
        "Level 1: Basic (1-3)\n"
    )
    assert [(b.level, b.low, b.high) for b in parsed.bands] == [(2, 4, 6), (1, 1, 3)]
    assert parsed.bands[0].text == ["Developed explanation of both factors"]


def test_a_2000_bullet_point_scheme_imports_in_under_a_second() -> None:
    # Finding 2: keyword extraction re-scanned the whole scheme for every bullet
    # (500 bullets 3.2 s, 2,000 48 s before the fix).
    scheme = "Why did it happen?\nFor\n" + "\n".join(distinct_bullets(2000))
    rubric = None

    def run() -> None:
        nonlocal rubric
        rubric = import_scheme(scheme, rubric_id="big", levels=BANDS)

    assert cpu_seconds(run) < 1.0
    assert rubric is not None and len(rubric.bullets) == 2000


def test_a_2000_bullet_levels_scheme_imports_in_under_a_second() -> None:
    # The same scheme as indicative content under level headings (the other importer).
    scheme = (
        "Why did it happen?\nLevel 2 (4-6 marks)\nDeveloped explanation.\n"
        "Level 1 (1-3 marks)\nBasic explanation.\nIndicative content\n"
        + "\n".join(distinct_bullets(2000))
    )
    rubric = None

    def run() -> None:
        nonlocal rubric
        rubric = import_levels(scheme, rubric_id="big")

    assert cpu_seconds(run) < 1.0
    assert rubric is not None and len(rubric.bullets) == 2000
