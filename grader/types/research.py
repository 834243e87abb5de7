"""Records of research: mark-scheme diagnostics and evaluation against human marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from grader.types.results import Unmarked

FindingKind = Literal[
    "overlapping-points",
    "shared-keywords",
    "vague-point",
    "bare-label",
    "compound-point",
    "thin-side",
    "band-overlap",
    "band-gap",
    "band-duplicate",
    "indistinct-levels",
    "never-credited",
    "always-credited",
    "often-name-dropped",
    "low-agreement",
    "not-discriminating",
    "import-guess",
    "untestable-cap",
]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One weakness of a mark scheme, found by ``grader rubric check``.

    ``points`` names the rubric points, ``levels`` the level bands and ``side`` the side
    concerned; ``value`` is the figure behind the finding (a similarity, a rate, a kappa).
    """

    kind: FindingKind
    severity: Severity
    message: str
    points: tuple[str, ...] = ()
    levels: tuple[int, ...] = ()
    value: float | None = None
    side: str = ""


@dataclass(frozen=True)
class PointDiagnostic:
    """How one rubric point behaved over a marked set of scripts.

    Rates are fractions of ``scripts``; agreement figures compare grader's
    "credited" with the human "explained" label (``nan`` where there are no labels
    or the figure is undefined, e.g. a point credited in every script).
    ``credit_by_level`` holds ``(human level, grader's credit rate, scripts)`` per level
    and ``human_by_level`` the examiner's own rate in the same form.
    """

    point_id: str
    side: str
    scripts: int
    credited_rate: float
    name_dropped_rate: float
    human_rate: float = float("nan")
    precision: float = float("nan")
    recall: float = float("nan")
    f1: float = float("nan")
    kappa: float = float("nan")
    r_pb: float = float("nan")
    p_value: float = float("nan")
    human_r_pb: float = float("nan")
    credit_by_level: tuple[tuple[int, float, int], ...] = ()
    human_by_level: tuple[tuple[int, float, int], ...] = ()


@dataclass(frozen=True)
class ScriptGap:
    """A script where grader and the human examiner differ, with the points behind it."""

    essay_id: str
    human_mark: int
    grader_mark: int
    grader_only: tuple[str, ...] = ()
    human_only: tuple[str, ...] = ()


@dataclass(frozen=True)
class RubricDiagnostics:
    """Everything ``grader rubric check`` found: findings, and per-point figures with scripts."""

    rubric_id: str
    findings: tuple[Finding, ...]
    points: tuple[PointDiagnostic, ...] = ()
    gaps: tuple[ScriptGap, ...] = ()
    scripts: int = 0
    unmarked: tuple[str, ...] = ()


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class MarkedScript:
    """A script with what human examiners gave it, read for evaluation and diagnostics.

    ``human`` holds the human marks, the first the reference (one or two; empty when the
    set gives none); ``points`` the ids of the points a human credited, or ``None`` when not
    labelled; ``level`` and ``namedrops`` (ids only mentioned) likewise when labelled.
    """

    id: str
    text: str
    human: tuple[int, ...]
    points: tuple[str, ...] | None = None
    level: int | None = None
    namedrops: tuple[str, ...] | None = None

    @property
    def mark(self) -> int | None:
        """The reference human mark (``None`` when the set gives none)."""
        return self.human[0] if self.human else None


@dataclass(frozen=True)
class Estimate:
    """A figure with its bootstrap 95 % confidence interval (``nan`` when undefined)."""

    value: float
    low: float
    high: float


@dataclass(frozen=True)
class Agreement:
    """How well two raters' marks of the same scripts agree.

    ``confusion[i][j]`` counts scripts rater A marked ``labels[i]`` and rater B ``labels[j]``.
    """

    rater_a: str
    rater_b: str
    n: int
    qwk: Estimate
    exact: Estimate
    adjacent: Estimate
    pearson: Estimate
    spearman: Estimate
    labels: tuple[int, ...]
    confusion: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class PointScore:
    """Detection of one rubric point against human point labels (credited = positive)."""

    point_id: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class EvaluatedScript:
    """One script's human marks beside grader's mark and credited points."""

    id: str
    human: tuple[int, ...]
    predicted: int
    credited: tuple[str, ...]
    labelled_points: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Evaluation:
    """Everything ``grader evaluate`` measured: the single input of the evaluation report."""

    rubric_id: str
    rubric_version: str
    compare: str
    machine: Agreement
    human: Agreement | None
    points: tuple[PointScore, ...]
    scripts: tuple[EvaluatedScript, ...]
    unmarked: tuple[Unmarked, ...]
    settings: dict[str, object] = field(default_factory=dict)
    bootstrap: int = 1000
    seed: int = 0


# --------------------------------------------------------------------------- many questions

NAN = Estimate(float("nan"), float("nan"), float("nan"))


@dataclass(frozen=True)
class LabelledAnswer:
    """One answer with the examiner's mark and level (level 0: nothing creditable)."""

    id: str
    text: str
    mark: int
    level: int


@dataclass(frozen=True)
class QuestionSet:
    """A question's mark scheme (pasted text, or a rubric name) and its labelled answers.

    Exactly one of ``scheme_text`` (imported as pasted) and ``rubric`` (a bundled name or
    rubric file, loaded as is) is set. ``max_mark`` comes from the labels when they say
    it, else from the rubric once loaded (0 here).
    """

    id: str
    source: str
    answers: tuple[LabelledAnswer, ...]
    scheme_text: str | None = None
    rubric: str | None = None
    max_mark: int = 0


@dataclass(frozen=True)
class Figures:
    """Agreement with the examiner on one question (or pooled), each with its 95 % CI."""

    mark_qwk: Estimate = NAN
    level_exact: Estimate = NAN
    level_adjacent: Estimate = NAN


@dataclass(frozen=True)
class AnswerOutcome:
    """One answer: the examiner's mark and level beside grader's and the baseline's.

    ``grader_mark``/``grader_level`` are ``None`` when the scheme did not import or the
    answer could not be marked; ``baseline_level`` when the question has no bands.
    """

    id: str
    words: int
    human_mark: int
    human_level: int
    grader_mark: int | None
    grader_level: int | None
    baseline_mark: int
    baseline_level: int | None


@dataclass(frozen=True)
class QuestionResult:
    """Everything measured on one question; ``error`` is the import error line, if any."""

    id: str
    source: str
    kind: str
    max_mark: int
    n: int
    grader: Figures
    baseline: Figures
    answers: tuple[AnswerOutcome, ...]
    error: str = ""
    unmarked: tuple[Unmarked, ...] = ()
    rubric_hash: str = ""


@dataclass(frozen=True)
class ManyQuestionEvaluation:
    """The per-question results and the pooled figures over ``pooled_over``."""

    questions: tuple[QuestionResult, ...]
    grader: Figures
    baseline: Figures
    pooled_over: tuple[str, ...]
    settings: dict[str, object] = field(default_factory=dict)
    bootstrap: int = 1000
    seed: int = 0
