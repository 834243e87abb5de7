"""The point matcher as it was before vectorisation (loops over sentences x points).

Kept only as the oracle of ``tests/test_match_equivalence.py``: the vectorised
``grader.core.match`` must give exactly the same ``PointMatch`` records. Only the evidence
stages (keyword matrix, date conflicts) are re-implemented here with loops, and the
vectorised keyword stage is checked against the loops; which sentences identify which
points (``identify``) and the decision on that evidence (``decide_points``) are
``grader.core.match``'s in both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from grader.core.anchors import keyword_hits
from grader.core.match import (
    EssayTokens,
    PointAnchors,
    anchor_index,
    decide_points,
    identify,
    point_anchors,
)
from grader.scheme.keywords import YEAR, find_keyword, tokens
from grader.settings import Settings
from grader.types import Document, Point, PointMatch


def keyword_matrix(
    doc: Document, anchors: Sequence[PointAnchors], settings: Settings
) -> tuple[np.ndarray, list[list[str]]]:
    """``kw[i, j]``: weight of the best anchor of point j found in sentence i (0 if none).

    Also returns, per (sentence, point) with a hit, the word that matched, via a
    parallel list of lists of strings (empty string for no hit).
    """
    sentences = doc.sentences
    kw = np.zeros((len(sentences), len(anchors)), dtype=np.float32)
    words: list[list[str]] = [[""] * len(anchors) for _ in sentences]
    for i, sentence in enumerate(sentences):
        sentence_tokens = [t.lower() for t in tokens(sentence.text)]
        token_set = set(sentence_tokens)
        for j, point in enumerate(anchors):
            for anchor, weight in point.anchors:
                if weight <= kw[i, j]:
                    continue
                if anchor in token_set:
                    kw[i, j], words[i][j] = weight, anchor
                    continue
                hit = find_keyword(anchor, sentence_tokens, min_score=settings.keyword_min_score)
                if hit is not None:
                    kw[i, j], words[i][j] = weight, hit.token
    return kw, words


def date_conflicts(doc: Document, anchors: Sequence[PointAnchors], kw: np.ndarray) -> np.ndarray:
    """``conflict[i, j]``: sentence i dates itself to other years than point j's.

    "Recognition by the Labour government in 1924" is not evidence for a point about
    1929, however alike the wording: a sentence that names years, none of them the
    point's, and names nothing else distinctive of the point, is set aside. A sentence
    naming no year takes the years its paragraph names; a decade names each of its years.
    """
    conflict = np.zeros(kw.shape, dtype=bool)
    paragraph_years: dict[int, set[str]] = {}
    for sentence in doc.sentences:
        paragraph_years.setdefault(sentence.paragraph, set()).update(years_of(sentence.text))
    point_years = [{a for a, _ in p.anchors if YEAR.fullmatch(a)} for p in anchors]
    distinctive_names = [
        {a for a, w in p.anchors if w >= 1.0 and not YEAR.fullmatch(a)} for p in anchors
    ]
    for i, sentence in enumerate(doc.sentences):
        years = years_of(sentence.text) or paragraph_years[sentence.paragraph]
        if not years:
            continue
        sentence_tokens = {t.lower() for t in tokens(sentence.text)}
        for j, own_years in enumerate(point_years):
            if (
                own_years
                and not (years & own_years)
                and not (distinctive_names[j] & sentence_tokens)
            ):
                conflict[i, j] = True
    return conflict


def match_points(
    doc: Document,
    points: Sequence[Point],
    similarity: np.ndarray,
    settings: Settings,
    anchors: Sequence[PointAnchors] | None = None,
    question: str = "",
) -> tuple[PointMatch, ...]:
    """Decide the status of every point in one essay.

    Parameters
    ----------
    doc : Document
        The segmented essay.
    points : sequence of Point
        The rubric's creditable points.
    similarity : ndarray of shape (n_sentences, n_points)
        ``similarity[i, j] = cos(sentence i, point j)``.
    settings : Settings
        Thresholds.
    anchors : sequence of PointAnchors, optional
        Precomputed :func:`point_anchors` (computed here when omitted).

    Returns
    -------
    tuple of PointMatch, in the order of ``points``.
    """
    sentences = doc.sentences
    if anchors is None:
        anchors = point_anchors(points)
    if not sentences:
        return tuple(PointMatch(p.id, p.side, "missing", 0.0, (), "essay is empty") for p in points)
    kw, kw_words = keyword_matrix(doc, anchors, settings)
    conflict = date_conflicts(doc, anchors, kw)
    # The decision on the gathered evidence is grader's own (not vectorised): this
    # oracle checks that the vectorised evidence stages equal the loop-based ones.
    index = anchor_index(anchors, question=question, settings=settings)
    essay_tokens = EssayTokens.of(doc)
    hits = keyword_hits(doc, anchors, settings, index=index, essay_tokens=essay_tokens)
    assert np.array_equal(hits.kw, kw) and hits.words == kw_words, doc.id
    return decide_points(
        doc,
        points,
        similarity,
        settings,
        kw=kw,
        kw_words=kw_words,
        conflict=conflict,
        identification=identify(doc, hits, index, essay_tokens, similarity, conflict, settings),
        names=frozenset(a for p in anchors for a, _ in p.anchors),
        sentence_tokens=[tuple(t.lower() for t in tokens(s.text)) for s in sentences],
    )


def years_of(text: str) -> set[str]:
    """Years a text names, one by one: "the 1920s" is 1920s and 1920, 1921, ..., 1929."""
    years = set()
    for hit in YEAR.finditer(text):
        year = hit.group(1)
        years.add(year)
        if hit.group(0).endswith("s") and year.endswith("0"):
            years.add(hit.group(0))
            years.update(str(int(year) + k) for k in range(1, 10))
    return years
