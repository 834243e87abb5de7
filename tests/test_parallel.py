"""Batched, multi-process and Dask marking give the same marks as one essay at a time."""

from __future__ import annotations

import pytest

from grader.core.parallel import chunks, mark_essays, mark_with_dask
from grader.errors import GraderError

from .conftest import MODEL_ESSAY
from .test_match_equivalence import synthetic_essays

pytestmark = pytest.mark.slow


def marks(results):
    """What a teacher sees per essay: every point's status, the level and the mark."""
    return [
        (r.essay_id, tuple((m.point_id, m.status) for m in r.matches), r.level.level, r.level.mark)
        for r in results
    ]


@pytest.fixture(scope="module")
def essays(ussr_marker):
    model = MODEL_ESSAY.read_text(encoding="utf-8")
    pieces = [("model", model), ("model-start", model[:900]), ("model-end", model[-1200:])]
    return pieces + synthetic_essays(ussr_marker, n=9, seed=6)


@pytest.fixture(scope="module")
def one_at_a_time(ussr_marker, essays):
    return marks([ussr_marker.mark(text, essay_id) for essay_id, text in essays])


def test_chunks_keep_order_and_cover_every_essay():
    items = [(str(i), "x") for i in range(7)]
    assert [len(c) for c in chunks(items, 3)] == [3, 3, 1]
    assert [e for c in chunks(items, 3) for e in c] == items


def test_batched_path_gives_the_same_marks_as_one_at_a_time(ussr_marker, essays, one_at_a_time):
    together = mark_essays(ussr_marker.rubric, essays, marker=ussr_marker, chunk_size=5)
    assert marks(together) == one_at_a_time


def test_worker_processes_give_the_same_marks(ussr_marker, essays, one_at_a_time):
    results = mark_essays(ussr_marker.rubric, essays, workers=2, chunk_size=4)
    assert marks(results) == one_at_a_time


def test_dask_local_cluster_gives_the_same_marks_as_single_process(
    ussr_marker, essays, one_at_a_time
):
    pytest.importorskip("dask.distributed")
    results = mark_with_dask(ussr_marker.rubric, essays, n_workers=2, chunk_size=4)
    assert marks(results) == one_at_a_time


def test_zero_workers_is_refused_with_the_allowed_values(ussr_marker):
    with pytest.raises(GraderError) as info:
        mark_essays(ussr_marker.rubric, [("a", "text")], workers=0)
    assert str(info.value) == "[G000] --workers must be 1 or more, got 0."


def test_marking_a_class_with_two_workers_gives_the_same_spreadsheet(tmp_path, ussr_marker):
    from grader.apps.batch import mark_batch
    from grader.io.spreadsheet import read_marks

    model = MODEL_ESSAY.read_text(encoding="utf-8")
    scripts = tmp_path / "class"
    scripts.mkdir()
    for i, cut in enumerate([len(model), 1500, 900, 600, 300]):
        (scripts / f"student-{i}.txt").write_text(model[:cut], encoding="utf-8")
    (scripts / "blank.txt").write_text("\n\n", encoding="utf-8")
    one = mark_batch(scripts, "ussr-1920s", marker=ussr_marker, out=tmp_path / "one")
    two = mark_batch(scripts, "ussr-1920s", workers=2, out=tmp_path / "two")
    assert marks(two.results) == marks(one.results)
    assert [(u.essay_id, u.code) for u in two.unmarked] == [("blank.txt", "D002")]
    columns = ["script", "status", "level", "mark", "needs_review", "credited", "missing"]
    first = read_marks(tmp_path / "one" / "marks.xlsx")[columns]
    assert read_marks(tmp_path / "two" / "marks.xlsx")[columns].equals(first)
    assert len(first) == 5  # the five marked scripts; the blank one is listed apart
