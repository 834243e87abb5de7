"""Typed records shared by every stage of the pipeline.

rubric -> segment -> embed -> match -> argue -> level -> report

Every stage takes and returns these frozen dataclasses; none of them touch files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

PointStatus = Literal["credited", "name_dropped", "missing"]
BalanceLabel = Literal["balanced", "uneven", "one-sided", "none"]
JudgementLabel = Literal["none", "unsubstantiated", "substantiated", "sustained"]
ParagraphRoleName = Literal["introduction", "body", "conclusion"]
RubricKind = Literal["points", "levels", "mixed"]
RUBRIC_KINDS: tuple[str, ...] = ("points", "levels", "mixed")


# --------------------------------------------------------------------------- rubric


@dataclass(frozen=True)
class Point:
    """One creditable rubric point (a whole bullet, or one part of a compound bullet).

    Attributes
    ----------
    id : str
        Stable identifier, e.g. ``"s-rapallo"``.
    side : str
        The side of the argument it supports, e.g. ``"success"``; one of ``Rubric.sides``.
    text : str
        The mark-scheme wording this point is matched against.
    keywords : tuple of str
        Distinctive names, dates and terms whose mention signals the point
        (matched tolerant of misspellings).
    bullet : str
        Id of the mark-scheme bullet this point came from (equal to ``id`` for a
        simple bullet; shared by the parts of a compound bullet).
    requires : tuple of tuple of str
        Conditions the point's evidence must meet to be credited, each a tuple of
        alternative terms (see :mod:`grader.scheme.requires`); empty for most rubrics.
    """

    id: str
    side: str
    text: str
    keywords: tuple[str, ...] = ()
    bullet: str = ""
    requires: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Bullet:
    """One mark-scheme bullet as written, with the points it is split into."""

    id: str
    side: str
    text: str
    parts: tuple[Point, ...]


@dataclass(frozen=True)
class LevelBand:
    """A level of response: ``level`` earns ``min_mark``..``max_mark`` (inclusive)."""

    level: int
    min_mark: int
    max_mark: int
    descriptor: str = ""
    descriptor_bullets: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    """A mark scheme as data: the question, the points by side and the level bands.

    ``count_scores`` optionally maps a number of credited points to a score, for
    "key elements" schemes (``{4: 3, 3: 2, 2: 1, 1: 1, 0: 0}``). ``settings``
    optionally overrides matcher thresholds for this rubric (``(("develop_min_words", 4.0),)``):
    one-line science answers state a key element in a few words, essays in a paragraph.

    ``kind`` says how the scheme is marked: ``"points"`` (a list of creditable ⭐ points,
    like the seed), ``"levels"`` (levels of response; the points are indicative content,
    not a checklist) or ``"mixed"`` (levels plus ⭐ points, like a Cambridge scheme).
    ``stated_factor`` is the factor named by a "'X was the main cause of Y'" question,
    whose sides are then ``stated-factor`` and ``other-factors``.
    """

    id: str
    question: str
    sides: tuple[str, ...]
    bullets: tuple[Bullet, ...]
    levels: tuple[LevelBand, ...]
    version: str = "1"
    conclusion: str = ""
    count_scores: tuple[tuple[int, int], ...] = ()
    source: str = ""
    kind: RubricKind = "points"
    stated_factor: str = ""
    settings: tuple[tuple[str, object], ...] = ()

    @property
    def points(self) -> tuple[Point, ...]:
        """Every creditable point, compound bullets flattened into their parts."""
        return tuple(part for bullet in self.bullets for part in bullet.parts)

    @property
    def max_mark(self) -> int:
        if self.levels:
            return max(band.max_mark for band in self.levels)
        return max((score for _, score in self.count_scores), default=0)

    def point(self, point_id: str) -> Point:
        for point in self.points:
            if point.id == point_id:
                return point
        raise KeyError(point_id)


# --------------------------------------------------------------------------- document


@dataclass(frozen=True)
class Sentence:
    """A sentence of an essay with its character offsets in ``Document.text``."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (or, for an essay with no breaks, a run of sentences)."""

    index: int
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True)
class Document:
    """A student's script, split into paragraphs and sentences."""

    id: str
    text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Evidence:
    """A quoted sentence that supports a point, with where it stands in the essay."""

    sentence: int
    paragraph: int
    start: int
    end: int
    quote: str
    similarity: float
    keyword: str = ""


@dataclass(frozen=True)
class PointMatch:
    """How one rubric point fares in one essay."""

    point_id: str
    side: str
    status: PointStatus
    score: float
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class SideBalance:
    """Per-side counts behind the balance label."""

    side: str
    credited: int
    name_dropped: int
    paragraphs: int


@dataclass(frozen=True)
class ParagraphRole:
    """What one paragraph does in the argument.

    Attributes
    ----------
    index : int
        ``Paragraph.index`` in the document.
    role : {"introduction", "body", "conclusion"}
    side : str
        The rubric side it argues (``""`` for none, ``"mixed"`` for more than one).
    evaluative : bool
        Whether it judges its evidence against the question rather than only narrating.
    relevant : bool
        Whether it is about the question (names or explains a rubric point, or is
        close in meaning to the question).
    cues : tuple of str
        The evaluative phrases found, quoted, for the explanation.
    sentences, evaluative_sentences : int
        How many sentences it has, and how many of them evaluate.
    """

    index: int
    role: ParagraphRoleName
    side: str = ""
    evaluative: bool = False
    relevant: bool = True
    cues: tuple[str, ...] = ()
    sentences: int = 0
    evaluative_sentences: int = 0


@dataclass(frozen=True)
class ArgumentResult:
    """Balance and judgement of an essay's argument."""

    balance: BalanceLabel
    sides: tuple[SideBalance, ...]
    judgement: JudgementLabel = "none"
    judgement_quote: str = ""
    notes: tuple[str, ...] = ()
    paragraphs: tuple[ParagraphRole, ...] = ()
    conclusion_present: bool = False
    contradicts: bool = False
    verdict: str = ""
    relevance: float = 1.0


@dataclass(frozen=True)
class LevelEstimate:
    """A level and mark with the band descriptor and the reasons for it."""

    level: int
    mark: int
    confidence: float
    descriptor: str = ""
    explanation: str = ""
    needs_review: bool = False
    review_reasons: tuple[str, ...] = ()
    method: str = "rules"
    max_mark: int = 0
    rule_mark: int | None = None
    rule_level: int | None = None


@dataclass(frozen=True)
class MarkResult:
    """Everything grader concluded about one essay; the single input of every report."""

    essay_id: str
    rubric_id: str
    rubric_version: str
    matches: tuple[PointMatch, ...]
    argument: ArgumentResult
    level: LevelEstimate
    document: Document
    settings: dict[str, object] = field(default_factory=dict)

    def status_of(self, point_id: str) -> PointStatus:
        for match in self.matches:
            if match.point_id == point_id:
                return match.status
        raise KeyError(point_id)

    def ids_with(self, status: PointStatus) -> list[str]:
        return [m.point_id for m in self.matches if m.status == status]

    @property
    def credited(self) -> list[str]:
        return self.ids_with("credited")

    @property
    def name_dropped(self) -> list[str]:
        return self.ids_with("name_dropped")

    @property
    def missing(self) -> list[str]:
        return self.ids_with("missing")


@dataclass(frozen=True)
class Unmarked:
    """A script that could not be marked, with the reason (never a silent zero)."""

    essay_id: str
    reason: str
    code: str = ""


# --------------------------------------------------------------------------- feedback


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
    """A rubric point the essay names without explaining, with a prompt to explain it."""

    point_id: str
    side: str
    rubric_text: str
    mentioned: str
    prompt: str
    evidence: tuple[Evidence, ...] = ()


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
    descriptors) and the result; nothing is written per question.
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


# --------------------------------------------------------------------------- diagnostics

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
    """A script with the marks human examiners gave it, read for evaluation.

    ``human`` holds one or two human marks (the first is the reference);
    ``points`` the ids of the points a human credited, or ``None`` when not labelled.
    """

    id: str
    text: str
    human: tuple[int, ...]
    points: tuple[str, ...] | None = None


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


# --------------------------------------------------------------------------- batches


@dataclass(frozen=True)
class Script:
    """One student's script as read from a folder, zip or spreadsheet, before marking.

    Attributes
    ----------
    essay_id : str
        Unique within the batch: the file's path inside the folder or zip, or the
        student column's value of a CSV/XLSX row.
    student : str
        Who wrote it (file name without suffix, or the student column).
    source : str
        Where it came from, for messages (``"class.zip:7A/ann.docx"``, ``"export.csv row 4"``).
    text : str
        The script's text.
    """

    essay_id: str
    student: str
    source: str
    text: str


@dataclass(frozen=True)
class BatchResult:
    """The outcome of marking a class: results, scripts not marked, and what changed.

    ``reused`` counts scripts whose previous result was kept because neither the
    script, the rubric nor the settings changed; ``changed`` lists
    ``(essay_id, previous_mark, new_mark)`` for scripts whose mark moved since the
    last run into the same output folder.
    """

    results: tuple[MarkResult, ...]
    unmarked: tuple[Unmarked, ...]
    students: dict[str, str] = field(default_factory=dict)
    reused: int = 0
    changed: tuple[tuple[str, int, int], ...] = ()
    outputs: tuple[str, ...] = ()
