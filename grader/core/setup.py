"""What a rubric is marked with: the one record a Marker and a batch's workers share.

A :class:`MarkingSetup` holds the rubric, the settings in force for it (the rubric's own
``settings:`` applied), the calibrated level model if any, and the rubric's hash. It loads
no model, so a batch can key its manifest and write its outputs before (or without) any
marker in this process; :class:`grader.core.pipeline.Marker` keeps one as ``marker.setup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

import numpy as np

from grader.scheme.rubric import rubric_hash
from grader.settings import Settings
from grader.types import LevelEstimate, MarkResult, Rubric

if TYPE_CHECKING:  # sklearn is imported only when a calibrated model is used
    from grader.learn.level_model import LevelModel


@runtime_checkable
class AnswerMarks(Protocol):
    """A mark learned from marked answers to one question (``grader calibrate``).

    :class:`grader.learn.store.LearnedMarker` is one. ``mark_answer`` gets the zero-shot
    result (after screening), the sentence vectors (n_sentences, dim), the point vectors
    (n_points, dim) and the rubric, and returns the learned level estimate.
    """

    @property
    def rubric_hash(self) -> str: ...

    def mark_answer(
        self,
        result: MarkResult,
        sentence_vectors: np.ndarray,
        point_vectors: np.ndarray,
        rubric: Rubric,
    ) -> LevelEstimate: ...


#: What a :class:`Marker` can be calibrated with.
MarkModel: TypeAlias = "LevelModel | AnswerMarks"


def marking_settings(rubric: Rubric, settings: Settings | None = None) -> Settings:
    """What a rubric is marked with: ``settings`` (or the defaults) under its own ``settings:``."""
    return (settings or Settings()).under_rubric(dict(rubric.settings))


@dataclass(frozen=True)
class MarkingSetup:
    """A rubric with the settings, level model and hash it is marked with (no model loaded).

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> setup = MarkingSetup.of(load_rubric("ussr-1920s"))
    >>> setup.settings.model, len(setup.rubric_hash)
    ('all-MiniLM-L6-v2', 12)
    """

    rubric: Rubric
    settings: Settings
    level_model: MarkModel | None
    rubric_hash: str

    @classmethod
    def of(
        cls,
        rubric: Rubric,
        settings: Settings | None = None,
        level_model: MarkModel | None = None,
    ) -> MarkingSetup:
        return cls(rubric, marking_settings(rubric, settings), level_model, rubric_hash(rubric))
