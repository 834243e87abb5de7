"""Point detection on the labelled development essays (skipped without ../shared)."""

import pytest

from grader.settings import Settings

pytestmark = pytest.mark.slow


def test_point_detection_f1_on_both_questions(devset):
    from scripts.point_detection import evaluate

    figures = evaluate(devset, Settings())
    # No threshold was fitted to these labels; 0.80 is the bar and the
    # measured figure is ~0.86, so a real regression in matching trips this.
    assert figures["both credited"]["f1"] >= 0.80
    assert figures["ussr-1920s credited"]["f1"] >= 0.78
    assert figures["league-1920s credited"]["f1"] >= 0.78
