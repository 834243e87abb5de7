"""The scheme's example answers, embedded once, as anchors for the level."""

from __future__ import annotations

import re

import numpy as np

from grader.types import Document, Rubric


class ExampleAnchors:
    """The scheme's example answers, embedded once, as anchors for the level.

    Parameters
    ----------
    rubric : Rubric
        Its bands' ``examples`` are split into paragraphs and embedded.
    encoder : object with ``encode(list[str]) -> ndarray``
        Returns unit rows (see :class:`grader.core.embed.Encoder`).

    Examples
    --------
    >>> from grader.core.embed import get_encoder
    >>> from grader.scheme.rubric import load_rubric
    >>> anchors = ExampleAnchors(load_rubric("history-main-cause-16"), get_encoder())
    >>> sorted(anchors.levels)
    [1, 2, 3, 4]
    """

    def __init__(self, rubric: Rubric, encoder: object) -> None:
        texts: list[str] = []
        owners: list[int] = []
        for band in rubric.levels:
            for example in band.examples:
                for paragraph in re.split(r"\n\s*\n|\n", example):
                    if paragraph.strip():
                        texts.append(paragraph.strip())
                        owners.append(band.level)
        self.levels = sorted(set(owners))
        self._owners = np.array(owners, dtype=int)
        self._vectors = encoder.encode(texts) if texts else np.zeros((0, 1), dtype=np.float32)  # type: ignore[attr-defined]

    def similarity(self, doc: Document, sentence_vectors: np.ndarray) -> dict[int, float]:
        """``{level: mean over the essay's paragraphs of the best cosine similarity to
        that level's example paragraphs}``; empty when the scheme has no examples."""
        if not self.levels or not len(sentence_vectors):
            return {}
        rows = []
        offset = 0
        for paragraph in doc.paragraphs:
            n = len(paragraph.sentences)
            if n:
                mean = sentence_vectors[offset : offset + n].mean(axis=0)
                rows.append(mean / (np.linalg.norm(mean) or 1.0))
            offset += n
        sims = np.vstack(rows) @ self._vectors.T
        return {
            level: round(float(sims[:, self._owners == level].max(axis=1).mean()), 4)
            for level in self.levels
        }

    def level(self, doc: Document, sentence_vectors: np.ndarray) -> float | None:
        """The level the essay's paragraphs most resemble (None with fewer than two
        levels exemplified)."""
        sims = self.similarity(doc, sentence_vectors)
        if len(sims) < 2:
            return None
        return float(max(sims, key=lambda level: sims[level]))
