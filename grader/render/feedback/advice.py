"""What to improve, following the question type and the scheme.

The advice is written from the decisions stored in the MarkResult (balance and
judgement labels, point statuses) and from what the question asks: a judgement
("How far...", "How successful...") is asked for only when the question asks for one;
an "Explain why" question asks for linked causes, an account for a sequence of
consequences, a source question for utility from content and provenance, a literature
question for the assessment objectives its scheme names, and a point-marked question
for each point and its development.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.render.feedback.wording import end_sentence, point_name, quoted, side_phrase
from grader.scheme.question import question_type_of
from grader.types import (
    ArgumentResult,
    LevelBand,
    MarkResult,
    MissedPoint,
    NameDroppedPoint,
    Point,
    Rubric,
)

# The kinds of advice, from the rubric's question type and wording.
ADVICE_KINDS = ("judgement", "explain", "account", "source", "literature", "point-marked", "other")
SOURCE = re.compile(r"\bhow useful\b|\butility\b|\bsources?\b.*\buseful\b", re.I)
ACCOUNT = re.compile(r"\bwrite an account\b|\ban account of\b|^\W*(?:describe|outline)\b", re.I)
HOW_FAR = re.compile(
    r"\bhow (?:far|successful|important|significant|useful|effective)\b|\bto what extent\b|"
    r"\bdo you agree\b",
    re.I,
)


def advice_kind(rubric: Rubric) -> str:
    """Which advice fits the question: one of ``ADVICE_KINDS``.

    Examples
    --------
    >>> advice_kind(rubric_from_dict({...  "question": "Explain why ..."}))  # doctest: +SKIP
    'explain'
    """
    question = rubric.question
    kind = rubric.question_type or question_type_of(question)
    if rubric.point_marking is not None or (rubric.count_scores and not rubric.levels):
        return "point-marked"
    if SOURCE.search(question):
        return "source"
    aos = {ao for ao, _ in rubric.assessment_objectives} | {p.ao for p in rubric.points if p.ao}
    if kind == "analyse" or {"AO2", "AO3"} <= aos and kind != "how-far":
        return "literature"
    if ACCOUNT.search(question):
        return "account"
    if kind == "how-far":
        return "judgement"
    if kind == "explain":
        return "explain"
    return "other"


def asks_judgement(kind: str) -> bool:
    """Whether the question asks for a verdict (judgement and source-utility questions)."""
    return kind in {"judgement", "source"}


def question_phrase(question: str) -> str:
    """How the question asks for its verdict: "how far", "how successful", "to what extent"."""
    found = HOW_FAR.search(question)
    if not found:
        return "how far"
    phrase = found.group(0).lower()
    return "how far you agree" if phrase == "do you agree" else phrase


def missed_line(point: Point, rubric: Rubric, *, indicative: bool, kind: str) -> str:
    """One line quoting the mark-scheme wording of a point the essay leaves out.

    In a levels-of-response scheme the points are indicative content, not a checklist,
    so the line offers the idea; "the information you were given" is mentioned only
    when the question printed some (stimulus bullets).
    """
    if kind == "point-marked":
        return (
            f"Not credited: {quoted(point.text)} Each point you make, and each time you "
            f"develop it, can earn a mark."
        )
    if indicative:
        given = ", using the information you were given" if rubric.stimulus else ""
        return (
            f"Not used ({side_phrase(point.side)}): the mark scheme suggests "
            f"{quoted(point.text)} You could develop this idea{given}."
        )
    return (
        f"Not covered ({side_phrase(point.side)}): {quoted(point.text)} Add a paragraph that "
        f"explains this with precise evidence and links it to the question."
    )


def balance_advice(result: MarkResult, rubric: Rubric, kind: str) -> str:
    """Which side is thin, from the stored balance label and per-side counts.

    Only for questions that weigh sides (a judgement or source question with two or
    more sides); other questions get no balance advice.
    """
    argument = result.argument
    sides = argument.sides
    if len(sides) < 2 or not asks_judgement(kind):
        return ""
    if argument.balance == "none" or not any(s.credited for s in sides):
        return (
            "No point is explained yet on any side. For each point: name it, explain it "
            "with evidence, and say how it answers the question."
        )
    fullest = max(sides, key=lambda s: s.credited)
    thinnest = min(sides, key=lambda s: s.credited)
    ideas = ideas_for_side(thinnest.side, rubric, result)
    suggestion = f" Points you could develop there: {end_sentence(ideas)}" if ideas else ""
    if argument.balance == "one-sided":
        return (
            f"Your answer is one-sided: it explains {fullest.credited} point(s) on "
            f"{side_phrase(fullest.side)} and {thinnest.credited or 'none'} on "
            f"{side_phrase(thinnest.side)}. Develop {side_phrase(thinnest.side)} and weigh "
            f"it against the other." + suggestion
        )
    if argument.balance == "uneven":
        return (
            f"{side_phrase(thinnest.side).capitalize()} is thin ({thinnest.credited} point(s) "
            f"explained against {fullest.credited} on {side_phrase(fullest.side)}). "
            f"Develop it so the two sides can be weighed." + suggestion
        )
    counts = ", ".join(f"{s.credited} on {side_phrase(s.side)}" for s in sides)
    return (
        f"Both sides are developed (points explained: {counts}). Keep weighing them "
        f"against each other rather than describing them one after the other."
    )


def judgement_advice(argument: ArgumentResult, rubric: Rubric, kind: str) -> str:
    """Advice on the answer's conclusion, by question kind and stored judgement label."""
    if not asks_judgement(kind) or argument.judgement == "n/a":
        return _structure_advice(rubric, kind)
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
    if kind == "source":
        return (
            f"You do not reach a judgement. Say {question_phrase(rubric.question)} each "
            f"source is for the enquiry, judging its content and its provenance (who made "
            f"it, when and why)."
        )
    return (
        f"You do not reach a judgement. Answer the question directly (“{rubric.question}”) "
        f"in a conclusion that says {question_phrase(rubric.question)}, and why, weighing "
        f"the strongest point on each side."
    )


def _structure_advice(rubric: Rubric, kind: str) -> str:
    """For questions that ask for no verdict: what their answers are marked on instead."""
    if kind == "explain":
        return (
            "This question asks you to explain, not to reach a verdict. Make each paragraph "
            "show how one cause led to the outcome (because… so… this meant…), and link the "
            "causes to each other."
        )
    if kind == "account":
        return (
            "This question asks for an account, not a verdict. Tell the events in order and "
            "show how each one led to the next, rather than listing them."
        )
    if kind == "literature":
        aos = ", ".join(ao for ao, _ in rubric.assessment_objectives)
        marked = f" (the scheme marks {aos})" if aos else ""
        return (
            f"Keep a line of argument about the writer's purpose{marked}: support each "
            f"point with a short quotation, analyse the writer's methods and the effect of "
            f"their language, and link the ideas to their context."
        )
    if kind == "point-marked":
        return (
            "Each relevant point earns a mark and each development of it (saying what it "
            "leads to) can earn another: make a point, then develop it."
        )
    return "Answer the question directly in your conclusion."


def ideas_for_side(side: str, rubric: Rubric, result: MarkResult, limit: int = 3) -> str:
    """Names of the points of one side the essay does not explain yet."""
    ids = [m.point_id for m in result.matches if m.side == side and m.status != "credited"]
    return ", ".join(point_name(rubric.point(i), rubric) for i in ids[:limit])


def next_steps(
    rubric: Rubric,
    result: MarkResult,
    dropped: Sequence[NameDroppedPoint],
    missed: Sequence[MissedPoint],
    next_band: LevelBand | None,
    *,
    indicative: bool,
    kind: str,
) -> list[str]:
    """What to do to reach the next level (or score more), most important first."""
    steps: list[str] = []
    credited = len(result.credited)
    if next_band is not None:
        steps.append(
            f"Level {next_band.level} ({next_band.min_mark}-{next_band.max_mark} marks) "
            f"asks for: {next_band.descriptor}"
            if next_band.descriptor
            else f"Level {next_band.level} is worth {next_band.min_mark}-{next_band.max_mark}."
        )
    elif rubric.count_scores and not rubric.levels:
        more = [(c, s) for c, s in rubric.count_scores if c > credited]
        if more:
            count, score = more[0]
            steps.append(f"Explain {count - credited} more point(s) to score {score}.")
    else:
        steps.append("You are in the top level. Keep your evidence precise and your answer clear.")
    if dropped:
        names = ", ".join(d.name for d in dropped[:3])
        steps.append(f"Explain the points you only mention ({names}): say what, why and so what.")
    sides = result.argument.sides
    if (
        asks_judgement(kind)
        and len(sides) >= 2
        and result.argument.balance
        in {
            "one-sided",
            "uneven",
        }
    ):
        thin = min(sides, key=lambda s: s.credited)
        steps.append(f"Develop {side_phrase(thin.side)} so the two sides can be weighed.")
    if missed:
        names = ", ".join(point_name(rubric.point(m.point_id), rubric) for m in missed[:3])
        what = "ideas from the mark scheme" if indicative else "mark-scheme points you leave out"
        steps.append(f"Bring in {what}, such as {end_sentence(names)}")
    if asks_judgement(kind) and result.argument.judgement != "n/a":
        if result.argument.judgement in {"none", "unsubstantiated"}:
            steps.append(
                "Reach a clear judgement that answers the question directly, and support it "
                "with evidence."
            )
        elif result.argument.judgement == "substantiated":
            steps.append("Carry your judgement through every paragraph, not only the conclusion.")
    elif kind == "explain":
        steps.append("Link each cause to the outcome and to the other causes.")
    return steps
