import pytest

from grader.errors import DocumentError
from grader.types import Unmarked

from .conftest import MODEL_ESSAY

pytestmark = pytest.mark.slow

CREDITED_IN_MODEL_ESSAY = [
    "f-versailles",
    "f-genoa",
    "f-communism-fear",
    "f-zinoviev",
    "f-comintern",
    "s-trade-1921",
    "s-rapallo",
    "s-recognition-1924",
]


def test_model_essay_credits_every_point_it_explains_and_not_1929(ussr_marker):
    result = ussr_marker.mark(MODEL_ESSAY.read_text(encoding="utf-8"), essay_id="model")
    assert result.credited == CREDITED_IN_MODEL_ESSAY
    # one line, "The subsequent Treaty of Berlin in 1926 further strengthened this
    # partnership": named with a vague consequence, nothing said about what it did
    assert result.status_of("s-berlin-1926") == "name_dropped"
    assert result.status_of("s-labour-1929") == "missing"
    assert result.argument.balance == "balanced"
    assert result.settings["model"] == "all-MiniLM-L6-v2"
    assert result.settings["rubric_hash"]


def test_batch_keeps_order_and_reports_bad_scripts(ussr_marker):
    essay = MODEL_ESSAY.read_text(encoding="utf-8")
    results = ussr_marker.mark_many([("a", essay), ("empty", "   "), ("b", essay[:600])])
    assert [r.essay_id for r in results] == ["a", "empty", "b"]
    assert isinstance(results[1], Unmarked)
    assert "the script is empty" in results[1].reason
    assert not isinstance(results[0], Unmarked)


def test_batch_gives_the_same_marks_as_one_at_a_time(ussr_marker):
    essay = MODEL_ESSAY.read_text(encoding="utf-8")
    texts = [("a", essay), ("b", essay[:900]), ("c", "The Rapallo treaty of 1922 mattered.")]
    together = ussr_marker.mark_many(texts)
    alone = [ussr_marker.mark(text, essay_id) for essay_id, text in texts]
    assert [(r.credited, r.name_dropped, r.level.mark) for r in together] == [
        (r.credited, r.name_dropped, r.level.mark) for r in alone
    ]


def test_mark_refuses_an_empty_essay(ussr_marker):
    with pytest.raises(DocumentError, match="the script is empty"):
        ussr_marker.mark("\n\n", essay_id="blank.txt")


def test_stage_timer_records_every_stage_and_changes_no_mark(ussr_marker):
    essay = MODEL_ESSAY.read_text(encoding="utf-8")
    untimed = ussr_marker.mark(essay, essay_id="model")
    ussr_marker.stage_seconds = {}
    try:
        timed = ussr_marker.mark(essay, essay_id="model")
        stages = dict(ussr_marker.stage_seconds)
    finally:
        ussr_marker.stage_seconds = None
    assert set(stages) == {"read", "segment", "embed", "match", "argue", "level"}
    assert all(seconds >= 0 for seconds in stages.values())
    assert (timed.credited, timed.level) == (untimed.credited, untimed.level)
