"""Records of what a student reads: :class:`Feedback` and the points it lists."""

from __future__ import annotations

from dataclasses import dataclass

from grader.types.results import BalanceLabel, Evidence, JudgementLabel, Mention


@dataclass(frozen=True)
class CreditedPoint:
    """A rubric point the essay explains, with the quotes that earned it."""

    point_id: str
    side: str
    rubric_text: str
    evidence: tuple[Evidence, ...]
    label: int = 0


@dataclass(frozen=True)
class NameDroppedPoint:
    """A rubric point the essay names without explaining, with a prompt to explain it.

    ``words`` are the essay's own words that identify the point (verbatim, with their
    offsets); ``mentioned`` is how the prompt quotes them; ``name`` is the point's own
    name, used when the student's words are not it.
    """

    point_id: str
    side: str
    rubric_text: str
    mentioned: str
    prompt: str
    evidence: tuple[Evidence, ...] = ()
    words: tuple[Mention, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class MissedPoint:
    """A rubric point the essay does not cover, quoting the mark scheme's line."""

    point_id: str
    side: str
    rubric_text: str
    line: str


@dataclass(frozen=True)
class Feedback:
    """What a student reads about one marked essay, built from a MarkResult and its Rubric.

    Every sentence comes from the rubric (point wording, keywords, sides, band
    descriptors, question type) and the result; nothing is written per question. The
    decisions (``balance_label``, ``judgement_label``, level, mark, review reasons) are
    the MarkResult's, copied, never re-derived; ``balance`` and ``judgement`` are the
    advice written from them. ``judgement_quote`` is the sentence holding the verdict
    (verbatim, with offsets), or None.
    """

    essay_id: str
    rubric_id: str
    question: str
    level: int
    mark: int
    max_mark: int
    descriptor: str
    credited: tuple[CreditedPoint, ...]
    name_dropped: tuple[NameDroppedPoint, ...]
    missed: tuple[MissedPoint, ...]
    balance: str
    judgement: str
    next_level: tuple[str, ...]
    next_descriptor: str = ""
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    indicative: bool = False
    question_type: str = ""
    balance_label: BalanceLabel = "none"
    judgement_label: JudgementLabel = "none"
    judgement_quote: Mention | None = None
