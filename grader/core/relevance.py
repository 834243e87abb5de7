"""Is the answer about this question? Off-topic detection that works for any rubric.

A sentence is *about the question* when it is at least ``Settings.topic_similarity_min``
similar to the question or to the wording of one of the scheme's points; an answer with
fewer than ``Settings.off_topic_share`` of its sentences about the question is flagged for
a teacher, whatever the scheme's kind (points, levels or point-marked), with a review
reason that says so. Nothing here changes a mark.
"""

from __future__ import annotations

import numpy as np

from grader.settings import Settings

OFF_TOPIC = "off-topic"


def topic_share(
    sentence_vectors: np.ndarray,
    question_vector: np.ndarray,
    point_vectors: np.ndarray,
    settings: Settings,
) -> float:
    """Share of the essay's sentences about the question or a point of the scheme.

    ``sentence_vectors`` (n_sentences, dim), ``question_vector`` (dim,) and
    ``point_vectors`` (n_points, dim) are unit rows, so a dot product is a cosine.
    """
    if not len(sentence_vectors):
        return 0.0
    closest = sentence_vectors @ question_vector
    if len(point_vectors):
        closest = np.maximum(closest, (sentence_vectors @ point_vectors.T).max(axis=1))
    return float((closest >= settings.topic_similarity_min).mean())


def off_topic_reason(share: float, settings: Settings) -> str:
    """The review reason for an answer mostly about something else ("" when it is not).

    Examples
    --------
    >>> off_topic_reason(0.1, Settings())
    'off-topic: only 10% of its sentences are about the question or the mark scheme'
    >>> off_topic_reason(0.8, Settings())
    ''
    """
    if share >= settings.off_topic_share:
        return ""
    return (
        f"{OFF_TOPIC}: only {share:.0%} of its sentences are about the question or the mark scheme"
    )
