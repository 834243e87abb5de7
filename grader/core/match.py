"""Match an essay's sentences to rubric points, telling explained from name-dropped.

For each point the matcher gathers the sentences that name the point (its keywords,
tolerant of misspellings) or paraphrase it (high embedding similarity). Each
sentence is then *attributed* to the point(s) it develops: those it names or
carries on from the sentence before, keeping only the ones whose wording it is
closest to (so a sentence explaining the trade agreement is not counted for another
point merely because it names a country). A point is

- **credited** when its sentences are about the point (the best is similar enough
  to the mark-scheme wording) and add enough detail of their own: words other than
  function words, dates and the rubric's names, shared among the points a sentence
  names; fewer are needed when they say what it led to or why it mattered;
- **name-dropped** when it is named but not developed (a bare mention, an item of a
  list, or a label such as "X was a failure" with nothing added);
- **missing** otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from grader.core.anchors import (
    AnchorIndex,
    EssayTokens,
    PointAnchors,
    anchor_index,
    keyword_hits,
    keyword_matrix,
    point_anchors,
    token_scores,
)
from grader.core.mentions import Identification, date_conflicts, identify
from grader.scheme.keywords import YEAR, tokens
from grader.scheme.requires import unmet
from grader.settings import Settings
from grader.types import Document, Evidence, Point, PointMatch, PointStatus

__all__ = [
    "AnchorIndex",
    "EssayTokens",
    "Identification",
    "PointAnchors",
    "anchor_index",
    "attribute",
    "date_conflicts",
    "decide_points",
    "identify",
    "keyword_matrix",
    "match_points",
    "point_anchors",
    "token_scores",
]

# Words by which a sentence says what an event did or why it mattered, rather than
# only naming it ("... further strengthened this partnership", "... because France ...").
EXPLAINS = re.compile(
    r"\b(because|so that|since|which meant|meaning|meant|led to|leading to|resulted|as a "
    r"result|therefore|thus|this (?:showed|shows|meant|means)|showed|shows|allowed|enabled|"
    r"gave|strengthen\w*|weaken\w*|damag\w*|improv\w*|undermin\w*|hinder\w*|ended|"
    r"encourag\w*|prevent\w*|caus\w*)\b",
    re.IGNORECASE,
)


# Reason given when a point's evidence lacks a term its rubric ``requires``.
UNMET_REASON = "does not say: "


LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●–]|\d{1,2}[.)])\s+")


def detail_words(sentence_tokens: Sequence[str], names: frozenset[str]) -> int:
    """Words of a sentence that add detail: not function words, years or point names.

    "The Zinoviev letter was a failure" adds two ("letter", "failure"); "the letter,
    published days before the election, lost Labour votes" adds six.
    """
    return sum(
        t not in STOP_WORDS and t not in names and not YEAR.fullmatch(t) and len(t) > 1
        for t in sentence_tokens
    )


def own_words(
    sentence: str,
    n_tokens: int | None = None,
    detail: int | None = None,
    *,
    list_item_max_words: int = Settings.list_item_max_words,
) -> int:
    """Words a sentence contributes to developing a point: a short list item gives none.

    ``detail`` (its :func:`detail_words`, when given) is what a sentence that is not a
    list item contributes; otherwise all its ``n_tokens`` words count.
    """
    count = len(tokens(sentence)) if n_tokens is None else n_tokens
    if LIST_ITEM.match(sentence) and count <= list_item_max_words:
        return 0
    return count if detail is None else detail


def attribute(
    claims: np.ndarray,
    similarity: np.ndarray,
    paragraphs: np.ndarray,
    *,
    continuation_min: float,
    margin: float,
) -> np.ndarray:
    """``assigned[i, j]``: sentence i develops point j (one pass, all points at once).

    A sentence is *claimed* by the points it names or paraphrases (``claims``), and
    may carry on the point(s) of the sentence before it in the same paragraph when it
    is at least ``continuation_min`` similar to them. Of these candidates it is
    assigned to those whose wording it is closest to, within ``margin`` of the
    best: a name shared with the question's subject ("Russia" in an essay about
    the USSR) or with another point does not pull a sentence away from the point it
    is explaining, and a sentence explaining one point is not counted for another
    it merely mentions.
    """
    assigned = np.zeros(claims.shape, dtype=bool)
    for i in range(claims.shape[0]):
        pool = claims[i].copy()
        if i and paragraphs[i] == paragraphs[i - 1]:
            pool |= assigned[i - 1] & (similarity[i] >= continuation_min)
        if pool.any():
            best = similarity[i][pool].max()
            assigned[i] = pool & (similarity[i] >= best - margin)
    return assigned


def match_points(
    doc: Document,
    points: Sequence[Point],
    similarity: np.ndarray,
    settings: Settings,
    anchors: Sequence[PointAnchors] | None = None,
    index: AnchorIndex | None = None,
    *,
    detail: bool = True,
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
    index : AnchorIndex, optional
        Precomputed :func:`anchor_index` of ``anchors`` (computed here when omitted,
        without the question: pass the rubric's so its words name no point on their own).
    detail : bool, default True
        Count only detail words as development (an essay's points must be explained).
        ``False`` for a key-element scheme (short answers marked by counting the
        elements stated, no level bands): there, stating the element is the credit,
        so every word counts, the element's own names included.

    Returns
    -------
    tuple of PointMatch, in the order of ``points``.
    """
    sentences = doc.sentences
    if anchors is None:
        anchors = point_anchors(points)
    if not sentences:
        return tuple(PointMatch(p.id, p.side, "missing", 0.0, (), "essay is empty") for p in points)
    index = index or anchor_index(anchors, settings=settings)
    essay_tokens = EssayTokens.of(doc)
    hits = keyword_hits(doc, anchors, settings, index=index, essay_tokens=essay_tokens)
    conflict = date_conflicts(doc, anchors, hits.kw, index=index, essay_tokens=essay_tokens)
    return decide_points(
        doc,
        points,
        similarity,
        settings,
        kw=hits.kw,
        kw_words=hits.words,
        conflict=conflict,
        identification=identify(doc, hits, index, essay_tokens, similarity, conflict, settings),
        names=frozenset(index.words),
        sentence_tokens=essay_tokens.per_sentence,
        detail=detail,
    )


def evidence_order(doc: Document, pool: set[int], column: np.ndarray, limit: int = 3) -> list[int]:
    """The ``limit`` sentences of ``pool`` most similar to the point (``column[i]``),
    those of the body first.

    An essay's first and last paragraphs restate what its body develops: the sentence
    shown first for a point is the one of the body that explains it, not the
    conclusion's summary, when the body has one among them.
    """
    sentences = doc.sentences
    last = len(doc.paragraphs) - 1
    edges = {0, last} if last >= 2 else set()
    best = sorted(pool, key=lambda i: (-column[i], i))[:limit]
    return sorted(best, key=lambda i: (sentences[i].paragraph in edges, -column[i], i))


def decide_points(
    doc: Document,
    points: Sequence[Point],
    similarity: np.ndarray,
    settings: Settings,
    *,
    kw: np.ndarray,
    kw_words: Sequence[Sequence[str]],
    conflict: np.ndarray,
    identification: Identification,
    names: frozenset[str],
    sentence_tokens: Sequence[Sequence[str]],
    detail: bool = True,
) -> tuple[PointMatch, ...]:
    """Credited / name-dropped / missing for every point, from the evidence gathered.

    ``kw``, ``kw_words`` and ``conflict`` are :func:`keyword_matrix` and
    :func:`date_conflicts`; ``identification`` is :func:`identify` (which sentences
    identify which points); ``names`` every anchor word of the rubric;
    ``sentence_tokens`` each sentence's lower-cased tokens. A sentence that uses a word
    of a point (or identifies it) may develop it: it develops the points
    :func:`attribute` assigns it to, and its :func:`detail_words` are shared among the
    points it names. A point the essay never identifies is missing, whatever words of
    it appear ("Russia" is not the Treaty of Versailles); one it identifies is credited
    when its sentences are relevant enough and give it ``develop_min_words *
    detail_share`` detail words (fewer, by ``explained_discount``, when they say why it
    mattered or what it led to), and name-dropped otherwise.
    With ``detail=False`` (key-element schemes) every word counts and
    ``develop_min_words`` of them are needed.
    """
    sentences = doc.sentences
    found = identification.found
    paraphrased = (similarity >= settings.semantic_min) & ~conflict
    claims = ((kw >= settings.keyword_min_weight) & ~conflict) | paraphrased | found
    paragraphs = np.array([s.paragraph for s in sentences])
    assigned = attribute(
        claims,
        similarity,
        paragraphs,
        continuation_min=settings.continuation_min,
        margin=settings.attribution_margin,
    )
    # A sentence is a list when it names several points by their own words (an anchor
    # shared between points places the sentence under both but does not make it a list).
    distinctive = ((kw >= 1.0) & ~conflict) | paraphrased
    points_per_sentence = np.maximum(np.maximum(distinctive.sum(axis=1), assigned.sum(axis=1)), 1)
    word_counts = np.array(
        [
            own_words(
                s.text,
                len(t),
                detail_words(t, names) if detail else None,
                list_item_max_words=settings.list_item_max_words,
            )
            for s, t in zip(sentences, sentence_tokens, strict=True)
        ],
        dtype=np.float32,
    )
    # Words of its own each sentence gives each point it is evidence for.
    shares = (word_counts / points_per_sentence).tolist()
    explaining = [EXPLAINS.search(s.text) is not None for s in sentences]
    unit = "words of detail" if detail else "words of its own"
    best_similarity = similarity.max(axis=0)

    results = []
    for j, point in enumerate(points):
        zone = set(np.flatnonzero(assigned[:, j]).tolist())
        mentioned = np.flatnonzero(found[:, j]).tolist()
        if not mentioned:
            results.append(
                PointMatch(
                    point.id,
                    point.side,
                    "missing",
                    float(best_similarity[j]),
                    (),
                    "not identified" if zone else "not mentioned",
                )
            )
            continue
        pool = zone or set(mentioned)
        relevance = float(max(similarity[i, j] for i in pool))
        developed = float(sum(shares[i] for i in zone))
        evidence = tuple(
            Evidence(
                sentence=i,
                paragraph=sentences[i].paragraph,
                start=sentences[i].start,
                end=sentences[i].end,
                quote=sentences[i].text,
                similarity=round(float(similarity[i, j]), 4),
                keyword=kw_words[i][j],
            )
            for i in evidence_order(doc, pool, similarity[:, j])
        )
        mentions = tuple(m for i in mentioned for m in identification.mentions.get((i, j), ()))
        explains = any(explaining[i] for i in zone)
        needed = (
            settings.develop_min_words
            * (settings.detail_share if detail else 1.0)
            * (settings.explained_discount if explains else 1.0)
        )
        missing_terms = (
            unmet(point.requires, (sentence_tokens[i] for i in pool), settings.keyword_min_score)
            if point.requires
            else ()
        )
        status: PointStatus
        if missing_terms and relevance >= settings.relevance_min:
            status, reason = "name_dropped", UNMET_REASON + "; ".join(missing_terms)
        elif relevance >= settings.relevance_min and developed >= needed:
            status, reason = (
                "credited",
                (
                    f"explained in {len(zone)} sentence(s), ~{developed:.0f} {unit}; "
                    f"best match {relevance:.2f}"
                ),
            )
        else:
            status, reason = (
                "name_dropped",
                (f"named but not developed (~{developed:.0f} {unit}, best match {relevance:.2f})"),
            )
        results.append(
            PointMatch(
                point.id, point.side, status, round(relevance, 4), evidence, reason, mentions
            )
        )
    return tuple(results)
