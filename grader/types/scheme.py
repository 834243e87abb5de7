"""Records of a mark scheme: :class:`Rubric`, its bullets, points and level bands.

Built by :mod:`grader.scheme` (from YAML/TOML or a pasted scheme) and read by every stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RubricKind = Literal["points", "levels", "mixed"]
RUBRIC_KINDS: tuple[str, ...] = ("points", "levels", "mixed")
CapCondition = Literal[
    "stimulus-only", "no-development", "list-only", "no-examples", "no-judgement", "other"
]
CAP_CONDITIONS: tuple[str, ...] = (
    "stimulus-only",
    "no-development",
    "list-only",
    "no-examples",
    "no-judgement",
    "other",
)
QUESTION_TYPES: tuple[str, ...] = ("how-far", "explain", "analyse", "describe", "other")


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
    development : tuple of str
        In a point-marked scheme, the development steps credited after the point, each
        worth a development mark ("(d)"), e.g. ``("so rainwater runs off quickly",)``.
    ao : str
        The assessment objective heading the point sat under (``"AO2"``), or ``""``.
    """

    id: str
    side: str
    text: str
    keywords: tuple[str, ...] = ()
    bullet: str = ""
    requires: tuple[tuple[str, ...], ...] = ()
    development: tuple[str, ...] = ()
    ao: str = ""


@dataclass(frozen=True)
class Bullet:
    """One mark-scheme bullet as written, with the points it is split into."""

    id: str
    side: str
    text: str
    parts: tuple[Point, ...]


@dataclass(frozen=True)
class LevelBand:
    """A level of response: ``level`` earns ``min_mark``..``max_mark`` (inclusive).

    ``examples`` are the scheme's example answers (or extracts) for this level, kept
    apart from the descriptor as anchors of what the level looks like.
    """

    level: int
    min_mark: int
    max_mark: int
    descriptor: str = ""
    descriptor_bullets: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cap:
    """A maximum the scheme sets for answers that lack something.

    Attributes
    ----------
    condition : {"stimulus-only", "no-development", "list-only", "no-examples",
                 "no-judgement", "other"}
        What the answer lacks: it does not go beyond the stimulus points; it develops no
        point; it lists several with no explanation; it names no specific example; it
        reaches no judgement; ``"other"`` for a rule grader cannot test (``text`` says it).
    max_mark : int or None
        The highest mark such an answer can get (None: only a level limit).
    max_level : int or None
        The highest level such an answer can reach (None: only a mark limit).
    level : int or None
        The level the rule is stated for ("Maximum 2 marks for Level 1 answers that ..."
        is ``level=1, max_mark=2``); None when it applies to any answer.
    text : str
        The scheme's own sentence.

    Examples
    --------
    "No access to Level 3 for answers that do not go beyond the aspects prompted by the
    stimulus points" is ``Cap("stimulus-only", None, 2, None, text)``;
    "Max 2 if no development." is ``Cap("no-development", 2, None, None, text)``.
    """

    condition: CapCondition
    max_mark: int | None = None
    max_level: int | None = None
    level: int | None = None
    text: str = ""


@dataclass(frozen=True)
class PointMarking:
    """How a point-marked scheme awards marks ("(1)" per point, "(d)" per development).

    Attributes
    ----------
    per_point : int
        Marks for each creditable point.
    per_development : int
        Marks for each development of a point (a "(d)", or a later "(1)" of a chain).
    max_development : int or None
        Development marks one point can earn ("plus 2 further marks for explaining"),
        None when the scheme sets no limit.
    max_points : int or None
        How many points can be credited ("4 × 1" is 4), None for no limit.
    accept_other : bool
        The scheme credits other valid points ("Accept any other appropriate response").
    text : str
        The marking instructions as written.
    """

    per_point: int = 1
    per_development: int = 1
    max_development: int | None = None
    max_points: int | None = None
    accept_other: bool = False
    text: str = ""


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

    What an imported exam-board scheme also states (all optional):

    - ``marks``: the question's mark total ("[16 marks]", "(12)"); 0 when not stated.
    - ``question_type``: from the stem, one of ``QUESTION_TYPES`` ("how-far" for how far
      do you agree / to what extent, "explain", "analyse", "describe", "other"), or "".
    - ``stimulus``: the bullets printed with the question ("the Kapp Putsch").
    - ``caps``: the scheme's maximum rules (:class:`Cap`), for the marker to apply.
    - ``point_marking``: how a point-marked scheme awards marks (:class:`PointMarking`).
    - ``assessment_objectives``: ``(("AO1", 8), ("AO2", 8))`` as the scheme states them.
    - ``notes``: guidance for the examiner that is neither a point nor a descriptor.
    - ``import_warnings``: what the importer guessed or repaired, in words, for
      ``grader rubric check`` to report.
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
    marks: int = 0
    question_type: str = ""
    stimulus: tuple[str, ...] = ()
    caps: tuple[Cap, ...] = ()
    point_marking: PointMarking | None = None
    assessment_objectives: tuple[tuple[str, int], ...] = ()
    notes: tuple[str, ...] = ()
    import_warnings: tuple[str, ...] = ()

    @property
    def points(self) -> tuple[Point, ...]:
        """Every creditable point, compound bullets flattened into their parts."""
        return tuple(part for bullet in self.bullets for part in bullet.parts)

    @property
    def max_mark(self) -> int:
        if self.levels:
            return max(band.max_mark for band in self.levels)
        if self.point_marking is not None and self.marks:
            return self.marks
        return max((score for _, score in self.count_scores), default=0)

    def point(self, point_id: str) -> Point:
        for point in self.points:
            if point.id == point_id:
                return point
        raise KeyError(point_id)


# --------------------------------------------------------------------------- document
