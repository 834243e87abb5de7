"""Over every development essay and question: what grader quotes is what the student wrote,
and every summary agrees with the decisions it summarises (issue #16, must show 1).

For each essay of ../shared/devset (the two seed questions and every folder of
``questions/`` whose scheme imports), both records a user can ask for are checked:

- ``mark --json`` (:func:`grader.render.report.result_to_dict`) and ``feedback --json``
  (:func:`grader.render.feedback.feedback_to_dict`): every quote (evidence, the words that
  name a point, the judgement's sentence) is ``essay[start:end]``, exactly;
- every name-dropped point's words are the essay's words at their offsets, and a
  name-dropped point has some;
- the summary lines (the terminal report's balance, judgement and per-side counts; the
  feedback's counts line and headings; the feedback's labels) agree with the fields.

Skipped when the development set is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from grader.core.pipeline import Marker
from grader.render.feedback import (
    build_feedback,
    feedback_to_dict,
    format_feedback_text,
    render_feedback_html,
)
from grader.render.report import render, result_to_dict
from grader.types import MarkResult, Rubric, Unmarked
from scripts.golden import question_sets

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def marked(devset: Path) -> list[tuple[str, MarkResult, Rubric]]:
    out = []
    for name, files, rubric in question_sets(devset):
        marker = Marker(rubric)
        results = marker.mark_many([(f.stem, f.read_text(encoding="utf-8")) for f in files])
        out += [(f"{name}/{r.essay_id}", r, marker.rubric) for r in results]
    assert len(out) >= 30
    return out


def _quotes(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every ``{text|quote, start, end}`` object anywhere in a JSON record."""
    found = []
    if isinstance(record, dict):
        if {"start", "end"} <= set(record) and ({"text", "quote"} & set(record)):
            found.append(record)
        for value in record.values():
            found += _quotes(value)
    elif isinstance(record, list | tuple):
        for value in record:
            found += _quotes(value)
    return found


def test_every_essay_was_marked(marked):
    assert not [key for key, r, _ in marked if isinstance(r, Unmarked)]


def test_every_quote_in_mark_json_is_a_verbatim_slice(marked):
    checked = 0
    for key, result, _ in marked:
        text = result.document.text
        record = json.loads(json.dumps(result_to_dict(result)))
        for quote in _quotes(record):
            said = quote.get("quote", quote.get("text"))
            assert text[quote["start"] : quote["end"]] == said, key
            checked += 1
        argument = record["argument"]
        if argument["judgement_quote"]:
            start, end = argument["judgement_start"], argument["judgement_end"]
            assert text[start:end] == argument["judgement_quote"], key
            checked += 1
    assert checked > 100


def test_every_quote_in_feedback_json_is_a_verbatim_slice(marked):
    checked = 0
    for key, result, rubric in marked:
        text = result.document.text
        record = json.loads(json.dumps(feedback_to_dict(build_feedback(result, rubric))))
        for quote in _quotes(record):
            assert text[quote["start"] : quote["end"]] == quote["text"], key
            checked += 1
    assert checked > 100


def test_every_name_drop_names_the_essays_words_at_their_offsets(marked):
    dropped = 0
    for key, result, rubric in marked:
        text = result.document.text
        feedback = build_feedback(result, rubric)
        for point in feedback.name_dropped:
            assert point.words, (key, point.point_id)
            for word in point.words:
                assert text[word.start : word.end] == word.text, (key, point.point_id)
                if word.kind != "paraphrase":
                    # the prompt quotes the student's own words, as written
                    assert f"“{word.text}”" in point.prompt or len(point.words) > 3
            dropped += 1
    assert dropped > 10


def test_summary_lines_agree_with_the_fields(marked):
    for key, result, rubric in marked:
        statuses = [m.status for m in result.matches]
        argument = result.argument
        for side in argument.sides:
            on_side = [m for m in result.matches if m.side == side.side]
            assert side.credited == sum(m.status == "credited" for m in on_side), key
            assert side.name_dropped == sum(m.status == "name_dropped" for m in on_side), key
        console = Console(width=240, record=True)
        console.print(render(result, rubric))
        report = " ".join(console.export_text().split())
        assert f"Balance: {argument.balance} (" in report, key
        assert f"Judgement: {argument.judgement}" in report, key
        assert f"Level {result.level.level}, mark {result.level.mark}/" in report, key
        feedback = build_feedback(result, rubric)
        assert len(feedback.credited) == statuses.count("credited"), key
        assert len(feedback.name_dropped) == statuses.count("name_dropped"), key
        assert len(feedback.missed) == statuses.count("missing"), key
        assert (feedback.balance_label, feedback.judgement_label) == (
            argument.balance,
            argument.judgement,
        ), key
        assert (feedback.level, feedback.mark) == (result.level.level, result.level.mark)
        assert feedback.review_reasons == result.level.review_reasons, key
        text = " ".join(format_feedback_text(feedback).split())
        assert (
            f"Points: {statuses.count('credited')} credited, "
            f"{statuses.count('name_dropped')} mentioned but not explained, "
            f"{statuses.count('missing')} not covered"
        ) in text, key
        html = render_feedback_html(result, rubric)
        assert f"What earned credit ({statuses.count('credited')})" in html, key
