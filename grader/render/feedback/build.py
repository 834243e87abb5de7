"""Build the :class:`~grader.types.Feedback` record from a MarkResult and its rubric.

Every decision is the MarkResult's (point statuses, balance and judgement labels,
level, mark, review reasons); this module only words them for the student.
"""

from __future__ import annotations

from grader.render.feedback.advice import (
    advice_kind,
    balance_advice,
    judgement_advice,
    missed_line,
    next_steps,
)
from grader.render.feedback.wording import name_drop_prompt, point_name, student_words
from grader.types import (
    CreditedPoint,
    Feedback,
    LevelBand,
    MarkResult,
    Mention,
    MissedPoint,
    NameDroppedPoint,
    Rubric,
)


def build_feedback(result: MarkResult, rubric: Rubric) -> Feedback:
    """Turn a marked essay into student feedback.

    Parameters
    ----------
    result : MarkResult
        The marked essay.
    rubric : Rubric
        The rubric it was marked against (point wording, sides, level bands, question type).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> feedback = build_feedback(result, marker.rubric)  # doctest: +SKIP
    >>> feedback.name_dropped[0].prompt  # doctest: +SKIP
    'You mention “Rapallo” but do not explain it. ...'
    """
    indicative = rubric.kind == "levels"
    kind = advice_kind(rubric)
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
            dropped.append(
                NameDroppedPoint(
                    point.id,
                    point.side,
                    point.text,
                    student_words(match.mentions),
                    name_drop_prompt(point, rubric, match.mentions),
                    match.evidence,
                    match.mentions,
                    point_name(point, rubric),
                )
            )
        else:
            line = missed_line(point, rubric, indicative=indicative, kind=kind)
            missed.append(MissedPoint(point.id, point.side, point.text, line))
    level = result.level
    next_band = _next_band(rubric, level.level)
    argument = result.argument
    quote = None
    if argument.judgement_quote and argument.judgement_start >= 0:
        quote = Mention(
            -1, argument.judgement_start, argument.judgement_end, argument.judgement_quote
        )
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
        balance=balance_advice(result, rubric, kind),
        judgement=judgement_advice(argument, rubric, kind),
        next_level=tuple(
            next_steps(rubric, result, dropped, missed, next_band, indicative=indicative, kind=kind)
        ),
        next_descriptor=next_band.descriptor if next_band else "",
        needs_review=level.needs_review,
        review_reasons=level.review_reasons,
        indicative=indicative,
        question_type=kind,
        balance_label=argument.balance,
        judgement_label=argument.judgement,
        judgement_quote=quote,
    )


def _band_descriptor(rubric: Rubric, level: int) -> str:
    return next((b.descriptor for b in rubric.levels if b.level == level), "")


def _next_band(rubric: Rubric, level: int) -> LevelBand | None:
    higher = sorted((b for b in rubric.levels if b.level > level), key=lambda b: b.level)
    return higher[0] if higher else None
