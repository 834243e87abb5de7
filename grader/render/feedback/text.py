"""Plain-text feedback for the terminal (what ``grader feedback`` prints)."""

from __future__ import annotations

import textwrap

from grader.render.feedback.advice import asks_judgement
from grader.types import Feedback


def missed_heading(feedback: Feedback) -> str:
    """'Mark-scheme points missed', or for indicative content, ideas not used."""
    return (
        "Ideas from the mark scheme not used"
        if feedback.indicative
        else "Mark-scheme points missed"
    )


def judgement_heading(feedback: Feedback) -> str:
    """'Judgement' for a question that asks for one, else 'How to answer this question'."""
    return "Judgement" if asks_judgement(feedback.question_type) else "How to answer this question"


def counts_line(feedback: Feedback) -> str:
    """'Points: 2 credited, 1 mentioned but not explained, 7 not covered'."""
    return (
        f"Points: {len(feedback.credited)} credited, {len(feedback.name_dropped)} mentioned "
        f"but not explained, {len(feedback.missed)} not covered"
    )


def format_feedback_text(feedback: Feedback, width: int = 88) -> str:
    """Plain-text feedback for the terminal.

    Examples
    --------
    >>> print(format_feedback_text(build_feedback(result, rubric)))  # doctest: +SKIP
    essay.txt: How successful was ...
    Level 3, mark 11/20
    """

    def wrap(text: str, indent: str = "  ") -> str:
        return textwrap.fill(
            " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent + "  "
        )

    out = [
        f"{feedback.essay_id}: {feedback.question}",
        f"Level {feedback.level}, mark {feedback.mark}/{feedback.max_mark}",
        counts_line(feedback),
    ]
    if feedback.descriptor:
        out.append(wrap(feedback.descriptor))
    if feedback.needs_review:
        out.append(wrap("A teacher should check this mark: " + "; ".join(feedback.review_reasons)))
    out.append("\nWhat earned credit")
    for c in feedback.credited:
        quote = c.evidence[0].quote if c.evidence else ""
        out.append(wrap(f"[{c.label}] {c.point_id} ({c.side}): “{quote}”"))
    if not feedback.credited:
        out.append("  Nothing yet: no mark-scheme point is explained.")
    if feedback.name_dropped:
        out.append("\nMentioned but not explained")
        out.extend(wrap(f"- {d.prompt}") for d in feedback.name_dropped)
    if feedback.missed:
        out.append(f"\n{missed_heading(feedback)}")
        out.extend(wrap(f"- {m.line}") for m in feedback.missed)
    if feedback.balance:
        out += ["\nBalance", wrap(feedback.balance)]
    if feedback.judgement:
        out += [f"\n{judgement_heading(feedback)}", wrap(feedback.judgement)]
    out.append("\nTo reach the next level")
    out.extend(wrap(f"- {step}") for step in feedback.next_level)
    return "\n".join(out) + "\n"
