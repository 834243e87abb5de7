"""Records of what marking concluded: point matches, the argument, the level, the mark.

:class:`MarkResult` is the single input of every report; :class:`Unmarked` says why a
script was not marked; :class:`BatchResult` gathers a class.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from grader.types.document import Document

PointStatus = Literal["credited", "name_dropped", "missing"]
BalanceLabel = Literal["balanced", "uneven", "one-sided", "none"]
JudgementLabel = Literal["n/a", "none", "unsubstantiated", "substantiated", "sustained"]
ParagraphRoleName = Literal["introduction", "body", "conclusion"]


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


MentionKind = Literal["name", "date", "paired", "paraphrase"]


@dataclass(frozen=True)
class Mention:
    """Words of the essay that identify a rubric point, as the student wrote them.

    ``text == Document.text[start:end]`` (a slice of the essay as read, never a
    normalised copy). ``kind`` says why the words identify the point: ``"name"`` a name
    distinctive of the point; ``"date"`` one of its years, or a common or shared word
    of it, in a sentence about the point; ``"paired"`` two words of the point together
    ("Treaty of Berlin ... 1926"); ``"paraphrase"`` the sentence says the point in other
    words (then ``text`` is the whole sentence). ``anchor`` is the rubric word matched.
    """

    sentence: int
    start: int
    end: int
    text: str
    kind: MentionKind = "name"
    anchor: str = ""


@dataclass(frozen=True)
class PointMatch:
    """How one rubric point fares in one essay.

    ``mentions`` are the words that identify the point, in essay order (empty for a
    missing point): what a name-dropped point's feedback quotes back to the student.
    """

    point_id: str
    side: str
    status: PointStatus
    score: float
    evidence: tuple[Evidence, ...] = ()
    reason: str = ""
    mentions: tuple[Mention, ...] = ()


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
    """Balance and judgement of an essay's argument.

    ``judgement_quote`` is the sentence holding the verdict, verbatim:
    ``Document.text[judgement_start:judgement_end]`` (both -1 when there is none).
    """

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
    judgement_start: int = -1
    judgement_end: int = -1


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
