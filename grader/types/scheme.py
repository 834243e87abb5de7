"""Records of a mark scheme: :class:`Rubric`, its bullets, points and level bands.

Built by :mod:`grader.scheme` (from YAML/TOML or a pasted scheme) and read by every stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

RubricKind = Literal["points", "levels", "mixed"]
RUBRIC_KINDS: tuple[str, ...] = ("points", "levels", "mixed")


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
