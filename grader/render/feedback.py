"""Student feedback: what earned credit, what is missing and what to do next.

Built from a :class:`~grader.types.MarkResult` and its :class:`~grader.types.Rubric`
only: every prompt is made from the rubric's point wording, keywords, sides and band
descriptors, so it works for any question and mark scheme. Three renderers share one
:class:`~grader.types.Feedback` record: plain text (the terminal), and a self-contained
HTML page (inline CSS, nothing loaded from anywhere) with the essay's evidence
highlighted, which the web app also shows.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from grader.render.environment import template_env
from grader.scheme.keywords import keyword_anchors
from grader.types import (
    ArgumentResult,
    CreditedPoint,
    Evidence,
    Feedback,
    LevelBand,
    MarkResult,
    MissedPoint,
    NameDroppedPoint,
    Point,
    Rubric,
)

YEAR = re.compile(r"^\d{3,4}s?$")
SHORT_NAME_WORDS = 6
FUZZY_NAME_MIN = 80.0


# --------------------------------------------------------------------------- wording


def side_phrase(side: str) -> str:
    """'success' -> 'the success side'; 'arguments-for' -> 'the arguments for side'."""
    return f"the {side.replace('-', ' ').replace('_', ' ')} side"


def short_name(point: Point) -> str:
    """A few words naming a point: its first non-date keyword, else its opening words
    (a bare year such as "1929" names nothing a student can act on)."""
    names = [k for k in point.keywords if not YEAR.match(k)]
    if names:
        return names[0]
    words = point.text.split()
    tail = "…" if len(words) > SHORT_NAME_WORDS else ""
    return " ".join(words[:SHORT_NAME_WORDS]).rstrip(".,;:") + tail


def distinctive_name(point: Point, rubric: Rubric) -> str:
    """The first keyword of a point that no other point shares, else :func:`short_name`.

    "Germany" may signal two points; "Spartacist" names one.
    """
    shared = _anchors_of_others(point, rubric)
    for keyword in point.keywords:
        anchors = set(keyword_anchors(keyword))
        if not YEAR.match(keyword) and anchors - shared:
            return keyword
    return short_name(point)


def _anchors_of_others(point: Point, rubric: Rubric) -> set[str]:
    return {
        anchor
        for other in rubric.points
        if other.id != point.id
        for keyword in other.keywords
        for anchor in keyword_anchors(keyword)
    }


def mentioned_term(point: Point, evidence: Sequence[Evidence]) -> str:
    """The name the essay used for a point, spelled as in the rubric where possible.

    ``Evidence.keyword`` holds the matched (lower-cased, possibly misspelled) word; the
    rubric keyword containing that anchor gives the spelling the student should learn.
    """
    found = [e.keyword.lower() for e in evidence if e.keyword]
    for word in found:
        best, best_score = "", FUZZY_NAME_MIN
        for keyword in point.keywords:
            for anchor in keyword_anchors(keyword):
                score = fuzz.ratio(word, anchor)
                if score >= best_score:
                    match = re.search(re.escape(anchor), keyword, re.IGNORECASE)
                    if match:
                        best, best_score = keyword[match.start() : match.end()], score
        if best:
            return best
    for word in found:
        for e in evidence:
            match = re.search(rf"\b{re.escape(word)}\w*", e.quote, re.IGNORECASE)
            if match:
                return match.group(0)
    return short_name(point)


def name_drop_prompt(point: Point, term: str, name: str = "") -> str:
    """A prompt to explain a point the essay names but does not develop.

    ``term`` is what the essay mentions; ``name`` (when ``term`` is shared with other
    points, e.g. a country) is the point's own distinctive name.
    """
    credits = f"the mark scheme credits it on {side_phrase(point.side)}: “{point.text}”"
    if name and name.lower() != term.lower():
        return (
            f"You mention {term} but do not explain the point about {name}. Say what it "
            f"was, what it led to and why it matters for the question; {credits}"
        )
    if YEAR.match(term):
        ask = f"Explain what happened in {term}, what it led to"
    else:
        ask = f"Explain {term}: what happened, what it led to"
    return (
        f"You mention {term} but do not explain it. {ask} and why it matters for the "
        f"question; {credits}"
    )


def quoted(text: str) -> str:
    """Rubric wording in quotation marks, ended as a sentence if it is not one."""
    return f"“{text}”" + ("" if text.rstrip().endswith((".", "?", "!", "…")) else ".")


def missed_line(point: Point, *, indicative: bool = False) -> str:
    """One line quoting the mark-scheme wording of a point the essay leaves out.

    In a levels-of-response scheme the points are indicative content, not a checklist,
    so the line offers the idea rather than reporting it missing.
    """
    if indicative:
        return (
            f"Not used ({side_phrase(point.side)}): the mark scheme suggests {quoted(point.text)} "
            f"You could develop this idea, using the information you were given."
        )
    return (
        f"Not covered ({side_phrase(point.side)}): {quoted(point.text)} Add a paragraph that "
        f"explains this with precise evidence and links it to the question."
    )


def balance_advice(argument: ArgumentResult, rubric: Rubric, result: MarkResult) -> str:
    """Which side is thin, from the per-side counts behind the balance label."""
    sides = argument.sides
    if len(sides) < 2:
        return ""
    if argument.balance == "none" or not any(s.credited for s in sides):
        return (
            "No point is explained yet on any side. For each point: name it, explain it "
            "with evidence, and say how it answers the question."
        )
    fullest = max(sides, key=lambda s: s.credited)
    thinnest = min(sides, key=lambda s: s.credited)
    counts = ", ".join(f"{s.credited} on {side_phrase(s.side)}" for s in sides)
    ideas = _ideas_for_side(thinnest.side, rubric, result)
    suggestion = f" Points you could develop there: {_end(ideas)}" if ideas else ""
    if thinnest.credited == 0:
        return (
            f"Your answer is one-sided: it explains {fullest.credited} point(s) on "
            f"{side_phrase(fullest.side)} and none on {side_phrase(thinnest.side)}. "
            f"Add paragraphs on {side_phrase(thinnest.side)} and weigh it against the other."
            + suggestion
        )
    if argument.balance == "uneven":
        return (
            f"{side_phrase(thinnest.side).capitalize()} is thin ({thinnest.credited} point(s) "
            f"explained against {fullest.credited} on {side_phrase(fullest.side)}). "
            f"Develop it so the two sides can be weighed." + suggestion
        )
    return (
        f"Both sides are developed (points explained: {counts}). Keep weighing them "
        f"against each other rather than describing them one after the other."
    )


def judgement_advice(argument: ArgumentResult, question: str) -> str:
    """Advice that depends on the judgement label (none / unsubstantiated / ...)."""
    quote = f" (“{argument.judgement_quote}”)" if argument.judgement_quote else ""
    label = argument.judgement
    if label == "unsubstantiated":
        return (
            f"You state a judgement{quote} but do not support it. Back it with your "
            f"strongest evidence and explain why that side outweighs the other."
        )
    if label == "substantiated":
        return (
            f"Your judgement{quote} is supported by evidence. To go further, carry it "
            f"through the whole answer: end each paragraph by saying how that point "
            f"affects your overall judgement, and reach it again in the conclusion."
        )
    if label == "sustained":
        return (
            f"Your judgement{quote} is argued throughout and reached in the conclusion. "
            f"Keep doing this."
        )
    return (
        f"You do not reach a judgement. Answer the question directly (“{question}”) in a "
        f"conclusion that says how far, and why, weighing the strongest point on each side."
    )


# --------------------------------------------------------------------------- building


def build_feedback(result: MarkResult, rubric: Rubric) -> Feedback:
    """Turn a marked essay into student feedback.

    Parameters
    ----------
    result : MarkResult
        The marked essay.
    rubric : Rubric
        The rubric it was marked against (point wording, sides, level bands).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> feedback = build_feedback(result, marker.rubric)  # doctest: +SKIP
    >>> feedback.name_dropped[0].prompt  # doctest: +SKIP
    'You mention Rapallo but do not explain it. ...'
    """
    indicative = getattr(rubric, "kind", "points") == "levels"
    credited: list[CreditedPoint] = []
    dropped: list[NameDroppedPoint] = []
    missed: list[MissedPoint] = []
    for match in result.matches:
        point = rubric.point(match.point_id)
        if match.status == "credited":
            credited.append(
                CreditedPoint(point.id, point.side, point.text, match.evidence, len(credited) + 1)
            )
        elif match.status == "name_dropped":
            term = mentioned_term(point, match.evidence)
            shared = set(keyword_anchors(term)) <= _anchors_of_others(point, rubric)
            name = distinctive_name(point, rubric) if shared else ""
            dropped.append(
                NameDroppedPoint(
                    point.id,
                    point.side,
                    point.text,
                    term,
                    name_drop_prompt(point, term, name),
                    match.evidence,
                )
            )
        else:
            line = missed_line(point, indicative=indicative)
            missed.append(MissedPoint(point.id, point.side, point.text, line))
    level = result.level
    next_band = _next_band(rubric, level.level)
    balance = balance_advice(result.argument, rubric, result)
    steps = _next_steps(rubric, result, dropped, missed, next_band, indicative=indicative)
    return Feedback(
        essay_id=result.essay_id,
        rubric_id=rubric.id,
        question=rubric.question,
        level=level.level,
        mark=level.mark,
        max_mark=rubric.max_mark,
        descriptor=level.descriptor or _band_descriptor(rubric, level.level),
        credited=tuple(credited),
        name_dropped=tuple(dropped),
        missed=tuple(missed),
        balance=balance,
        judgement=judgement_advice(result.argument, rubric.question),
        next_level=tuple(steps),
        next_descriptor=next_band.descriptor if next_band else "",
        needs_review=level.needs_review,
        review_reasons=level.review_reasons,
        indicative=indicative,
    )


def _end(text: str) -> str:
    """End a sentence with a full stop unless it already ends in punctuation."""
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def _band_descriptor(rubric: Rubric, level: int) -> str:
    return next((b.descriptor for b in rubric.levels if b.level == level), "")


def _next_band(rubric: Rubric, level: int) -> LevelBand | None:
    higher = sorted((b for b in rubric.levels if b.level > level), key=lambda b: b.level)
    return higher[0] if higher else None


def _ideas_for_side(side: str, rubric: Rubric, result: MarkResult, limit: int = 3) -> str:
    ids = [m.point_id for m in result.matches if m.side == side and m.status != "credited"]
    return ", ".join(distinctive_name(rubric.point(i), rubric) for i in ids[:limit])


def _next_steps(
    rubric: Rubric,
    result: MarkResult,
    dropped: Sequence[NameDroppedPoint],
    missed: Sequence[MissedPoint],
    next_band: LevelBand | None,
    *,
    indicative: bool = False,
) -> list[str]:
    steps: list[str] = []
    if next_band is not None:
        steps.append(
            f"Level {next_band.level} ({next_band.min_mark}-{next_band.max_mark} marks) "
            f"asks for: {next_band.descriptor}"
            if next_band.descriptor
            else f"Level {next_band.level} is worth {next_band.min_mark}-{next_band.max_mark}."
        )
    elif rubric.count_scores and not rubric.levels:
        credited = len(result.credited)
        more = [(c, s) for c, s in rubric.count_scores if c > credited]
        if more:
            count, score = more[0]
            steps.append(f"Explain {count - credited} more point(s) to score {score}.")
    else:
        steps.append(
            "You are in the top level. Keep your evidence precise and your judgement clear."
        )
    if dropped:
        names = ", ".join(d.mentioned for d in dropped[:3])
        steps.append(f"Explain the points you only mention ({names}): say what, why and so what.")
    sides = result.argument.sides
    if len(sides) >= 2 and result.argument.balance in {"one-sided", "uneven"}:
        thin = min(sides, key=lambda s: s.credited)
        steps.append(f"Develop {side_phrase(thin.side)} so the two sides can be weighed.")
    if missed:
        names = ", ".join(distinctive_name(rubric.point(m.point_id), rubric) for m in missed[:3])
        what = "ideas from the mark scheme" if indicative else "mark-scheme points you leave out"
        steps.append(f"Bring in {what}, such as {_end(names)}")
    if result.argument.judgement in {"none", "unsubstantiated"}:
        steps.append("Reach a clear judgement on the question and support it with evidence.")
    elif result.argument.judgement == "substantiated":
        steps.append("Carry your judgement through every paragraph, not only the conclusion.")
    return steps


# --------------------------------------------------------------------------- text


def missed_heading(feedback: Feedback) -> str:
    """'Mark-scheme points missed', or for indicative content, ideas not used."""
    return (
        "Ideas from the mark scheme not used"
        if feedback.indicative
        else ("Mark-scheme points missed")
    )


def format_feedback_text(feedback: Feedback, width: int = 88) -> str:
    """Plain-text feedback for the terminal (what ``grader feedback`` prints)."""

    def wrap(text: str, indent: str = "  ") -> str:
        return textwrap.fill(
            " ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent + "  "
        )

    out = [
        f"{feedback.essay_id}: {feedback.question}",
        f"Level {feedback.level}, mark {feedback.mark}/{feedback.max_mark}",
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
    out += ["\nJudgement", wrap(feedback.judgement)]
    out.append("\nTo reach the next level")
    out.extend(wrap(f"- {step}") for step in feedback.next_level)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- HTML


@dataclass(frozen=True)
class Segment:
    """A run of essay text with the evidence spans covering it.

    ``kind`` is ``"credited"``, ``"mention"`` (name-dropped) or ``""``; ``tags`` are the
    ``(kind, label)`` of spans that start here (shown before the text); ``titles`` name
    the points covering it.
    """

    text: str
    kind: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    titles: tuple[str, ...] = ()


def highlight_segments(text: str, feedback: Feedback) -> list[Segment]:
    """Split the essay into runs at every evidence boundary (offsets into ``text``)."""
    spans: list[tuple[int, int, str, str, str]] = []
    for c in feedback.credited:
        for e in c.evidence:
            spans.append((e.start, e.end, "credited", f"{c.label} {c.point_id}", c.point_id))
    for d in feedback.name_dropped:
        for e in d.evidence:
            spans.append((e.start, e.end, "mention", f"? {d.mentioned}", d.point_id))
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
