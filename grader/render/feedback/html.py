"""The feedback page: a self-contained HTML document (inline CSS, nothing loaded from
anywhere) with the essay's evidence highlighted, which the web app also shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.render.environment import template_env
from grader.render.feedback.build import build_feedback
from grader.render.feedback.text import counts_line, judgement_heading, missed_heading
from grader.types import Feedback, MarkResult, Rubric


@dataclass(frozen=True)
class Segment:
    """A run of essay text with the evidence spans covering it.

    ``kind`` is ``"credited"``, ``"mention"`` (the words that name a point the essay
    does not explain) or ``""``; ``tags`` are the ``(kind, label)`` of spans that start
    here (shown before the text); ``titles`` name the points covering it.
    """

    text: str
    kind: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    titles: tuple[str, ...] = ()


def highlight_segments(text: str, feedback: Feedback) -> list[Segment]:
    """Split the essay into runs at every evidence boundary (offsets into ``text``).

    A credited point's evidence sentences are highlighted; a name-dropped point's own
    words (as the student wrote them) are marked, not the whole sentence.
    """
    spans: list[tuple[int, int, str, str, str]] = []
    for c in feedback.credited:
        for e in c.evidence:
            spans.append((e.start, e.end, "credited", f"{c.label} {c.point_id}", c.point_id))
    for d in feedback.name_dropped:
        for m in d.words:
            spans.append((m.start, m.end, "mention", f"? {d.name}", d.point_id))
    spans = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]
    cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        kind = "credited" if any(s[2] == "credited" for s in covering) else ""
        kind = kind or ("mention" if covering else "")
        starting = list(dict.fromkeys(s for s in spans if s[0] == start))
        segments.append(
            Segment(
                text[start:end],
                kind,
                tuple(dict.fromkeys((s[2], s[3]) for s in starting)),
                tuple(dict.fromkeys(s[4] for s in covering)),
            )
        )
    return segments


def feedback_context(result: MarkResult, rubric: Rubric) -> dict[str, Any]:
    """What the feedback templates need: the record, the rubric and the essay runs."""
    feedback = build_feedback(result, rubric)
    return {
        "feedback": feedback,
        "rubric": rubric,
        "result": result,
        "segments": highlight_segments(result.document.text, feedback),
        "counts_line": counts_line(feedback),
        "judgement_heading": judgement_heading(feedback),
        "missed_heading": missed_heading(feedback),
    }


def render_feedback_html(result: MarkResult, rubric: Rubric) -> str:
    """One self-contained, printable HTML page of feedback (inline CSS, no assets).

    Examples
    --------
    >>> html = render_feedback_html(result, marker.rubric)  # doctest: +SKIP
    >>> html.startswith("<!doctype html>")  # doctest: +SKIP
    True
    """
    return (
        template_env().get_template("feedback_page.html").render(**feedback_context(result, rubric))
    )
