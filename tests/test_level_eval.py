"""Level, mark, judgement and balance on the development essays (skipped without ../shared)."""

import pytest

pytestmark = pytest.mark.slow


def test_level_and_mark_agreement_on_the_devset(devset):
    from scripts.level_eval import evaluate

    figures = evaluate(devset)
    both = figures["both"]
    rules, calibrated, baseline = (
        both["rules"],
        both["calibrated (LOQO)"],
        both["baseline (LOQO)"],
    )
    # Measured when landed (issue 4, second round): rules 80 % exact (q1 90 %, q2 60 %),
    # 100 % adjacent, QWK 0.93; calibrated (leave-one-question-out) QWK 0.96; judgement
    # 80 %, balance 70 %. The thresholds sit a few essays below, so losing two or three
    # essays' worth trips them.
    assert rules["level_exact"] >= 0.70
    assert rules["level_adjacent"] >= 0.93
    assert rules["mark_qwk"] >= 0.85
    assert calibrated["mark_qwk"] >= 0.85
    assert calibrated["level_adjacent"] >= 0.93
    assert both["judgement_accuracy"]["rules"] >= 0.70
    assert both["balance_accuracy"]["rules"] >= 0.63
    # Leave-one-question-out: each question is scored by models fitted on the other only.
    assert {(f["scored"], f["fit_on"]) for f in figures["folds"]} == {("q1", "q2"), ("q2", "q1")}
    for scope in ("q1", "q2"):
        assert (
            figures[scope]["rules"]["level_exact"]
            > figures[scope]["baseline (LOQO)"]["level_exact"]
        )
    # Every figure beats the trivial baseline.
    assert rules["level_exact"] > baseline["level_exact"] + 0.2
    assert both["judgement_accuracy"]["rules"] > both["judgement_accuracy"]["baseline (LOQO)"]
    assert both["balance_accuracy"]["rules"] > both["balance_accuracy"]["baseline (LOQO)"]
