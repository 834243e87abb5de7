"""Typed records shared by every stage of the pipeline.

rubric -> segment -> embed -> match -> argue -> level -> report

Every stage takes and returns these frozen dataclasses; none of them touch files.
They are defined by concern and all re-exported here, so ``from grader.types import X``
works for every record:

- :mod:`grader.types.scheme`: the mark scheme (``Rubric``, ``Bullet``, ``Point``, ``LevelBand``).
- :mod:`grader.types.document`: a student's text (``Script`` as read, ``Document`` segmented).
- :mod:`grader.types.results`: what marking concluded (``PointMatch``, ``ArgumentResult``,
  ``LevelEstimate``, ``MarkResult``, ``Unmarked``, ``BatchResult``).
- :mod:`grader.types.feedback`: what a student reads (``Feedback`` and its points).
- :mod:`grader.types.research`: diagnostics of a scheme and evaluation against human marks.
"""

from grader.types.document import Document, Paragraph, Script, Sentence
from grader.types.feedback import CreditedPoint, Feedback, MissedPoint, NameDroppedPoint
from grader.types.research import (
    NAN,
    Agreement,
    AnswerOutcome,
    Estimate,
    EvaluatedScript,
    Evaluation,
    Figures,
    Finding,
    FindingKind,
    LabelledAnswer,
    ManyQuestionEvaluation,
    MarkedScript,
    PointDiagnostic,
    PointScore,
    QuestionResult,
    QuestionSet,
    RubricDiagnostics,
    ScriptGap,
    Severity,
)
from grader.types.results import (
    ArgumentResult,
    BalanceLabel,
    BatchResult,
    Evidence,
    JudgementLabel,
    LevelEstimate,
    MarkResult,
    Mention,
    MentionKind,
    ParagraphRole,
    ParagraphRoleName,
    PointMatch,
    PointStatus,
    SideBalance,
    Unmarked,
)
from grader.types.scheme import (
    CAP_CONDITIONS,
    QUESTION_TYPES,
    RUBRIC_KINDS,
    Bullet,
    Cap,
    CapCondition,
    LevelBand,
    Point,
    PointMarking,
    Rubric,
    RubricKind,
)

__all__ = [
    "NAN",
    "AnswerOutcome",
    "Figures",
    "LabelledAnswer",
    "ManyQuestionEvaluation",
    "QuestionResult",
    "QuestionSet",
    "CAP_CONDITIONS",
    "QUESTION_TYPES",
    "RUBRIC_KINDS",
    "Cap",
    "CapCondition",
    "PointMarking",
    "Agreement",
    "ArgumentResult",
    "BalanceLabel",
    "BatchResult",
    "Bullet",
    "CreditedPoint",
    "Document",
    "Estimate",
    "EvaluatedScript",
    "Evaluation",
    "Evidence",
    "Feedback",
    "Finding",
    "FindingKind",
    "JudgementLabel",
    "LevelBand",
    "LevelEstimate",
    "MarkResult",
    "MarkedScript",
    "Mention",
    "MentionKind",
    "MissedPoint",
    "NameDroppedPoint",
    "Paragraph",
    "ParagraphRole",
    "ParagraphRoleName",
    "Point",
    "PointDiagnostic",
    "PointMatch",
    "PointScore",
    "PointStatus",
    "Rubric",
    "RubricDiagnostics",
    "RubricKind",
    "Script",
    "ScriptGap",
    "Sentence",
    "Severity",
    "SideBalance",
    "Unmarked",
]
