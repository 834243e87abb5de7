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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from grader.scheme.keywords import YEAR, keyword_anchors, tokens
from grader.scheme.requires import unmet
from grader.settings import Settings
from grader.types import Document, Evidence, Point, PointMatch, PointStatus

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

# Distinct essay tokens whose keyword scores an AnchorIndex keeps (~40 floats each).
TOKEN_MEMO_SIZE = 200_000


@dataclass(frozen=True)
class PointAnchors:
    """A point's anchor words, each with its weight 1/(number of points sharing it)."""

    point: Point
    anchors: tuple[tuple[str, float], ...]


def point_anchors(points: Sequence[Point]) -> list[PointAnchors]:
    """Anchor words of every point, down-weighted when several points share one."""
    per_point = [{a for keyword in p.keywords for a in keyword_anchors(keyword)} for p in points]
    shared = Counter(a for anchors in per_point for a in anchors)
    return [
        PointAnchors(p, tuple(sorted((a, 1.0 / shared[a]) for a in anchors)))
        for p, anchors in zip(points, per_point, strict=False)
    ]


@dataclass(frozen=True)
class AnchorIndex:
    """Every anchor word of a rubric once, with the points it belongs to.

    Built once per rubric so that an essay is scanned once per anchor word, not once
    per (point, anchor) pair.

    Attributes
    ----------
    words : tuple of str
        The distinct anchor words, sorted (the order each point lists its own).
    weight : ndarray of shape (n_words, n_points)
        ``weight[a, j]``: weight of word a for point j (0 when not one of j's anchors).
    distinctive : ndarray of shape (n_words, n_points), bool
        Word a is a non-year anchor unique to point j (weight 1).
    years : tuple of str
        Year anchors of the rubric.
    point_years : ndarray of shape (n_years, n_points), bool
    """

    words: tuple[str, ...]
    weight: np.ndarray
    distinctive: np.ndarray
    years: tuple[str, ...]
    point_years: np.ndarray
    _scores: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def scores_for(self, vocab: Sequence[str]) -> np.ndarray:
        """:func:`token_scores` of every anchor word against ``vocab``, shape (words, vocab).

        A token's column is computed once and kept (essays of one batch share most of
        their words); the memo is emptied when it reaches ``TOKEN_MEMO_SIZE`` tokens.
        """
        new = [t for t in vocab if t not in self._scores]
        if new:
            if len(self._scores) + len(new) > TOKEN_MEMO_SIZE:
                self._scores.clear()
                new = list(vocab)
            self._scores.update(zip(new, token_scores(self.words, new).T, strict=True))
        if not vocab:
            return np.zeros((len(self.words), 0))
        return np.stack([self._scores[t] for t in vocab], axis=1)

    @classmethod
    def build(cls, anchors: Sequence[PointAnchors]) -> AnchorIndex:
        words = tuple(sorted({a for p in anchors for a, _ in p.anchors}))
        years = tuple(w for w in words if YEAR.fullmatch(w))
        column = {w: i for i, w in enumerate(words)}
        year_row = {w: i for i, w in enumerate(years)}
        weight = np.zeros((len(words), len(anchors)), dtype=np.float64)
        distinctive = np.zeros(weight.shape, dtype=bool)
        point_years = np.zeros((len(years), len(anchors)), dtype=bool)
        for j, point in enumerate(anchors):
            for a, w in point.anchors:
                weight[column[a], j] = w
                if a in year_row:
                    point_years[year_row[a], j] = True
                elif w >= 1.0:
                    distinctive[column[a], j] = True
        return cls(words, weight, distinctive, years, point_years)


def anchor_index(anchors: Sequence[PointAnchors]) -> AnchorIndex:
    """The :class:`AnchorIndex` of a rubric's anchors (see :func:`point_anchors`)."""
    return AnchorIndex.build(anchors)


@dataclass(frozen=True)
class EssayTokens:
    """Each sentence's lower-cased tokens, computed once per essay and shared by stages."""

    per_sentence: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, doc: Document) -> EssayTokens:
        return cls(tuple(tuple(t.lower() for t in tokens(s.text)) for s in doc.sentences))


def token_scores(words: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """``score[a, t]``: misspelling-tolerant similarity (0-100) of anchor a and token t.

    The same rule as :func:`grader.scheme.keywords.find_keyword`, computed for all pairs at once
    with ``rapidfuzz.process.cdist``: equal words score 100; a number only matches
    itself (or its decade, "1920s"); words under 4 letters or differing in length by
    more than 3 score 0; otherwise ``fuzz.ratio``.
    """
    if not words or not candidates:
        return np.zeros((len(words), len(candidates)), dtype=np.float64)
    scores = process.cdist(words, candidates, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    a_len = np.array([len(w) for w in words])[:, None]
    t_len = np.array([len(t) for t in candidates])[None, :]
    scores[(np.abs(a_len - t_len) > 3) | (np.minimum(a_len, t_len) < 4)] = 0.0
    a_digit = np.array([w.isdigit() for w in words])
    t_digit = np.array([t.isdigit() for t in candidates])
    scores[a_digit, :] = 0.0
    scores[:, t_digit] = 0.0
    by_stem: dict[str, list[int]] = {}
    for k, t in enumerate(candidates):
        by_stem.setdefault(t.rstrip("s"), []).append(k)
    for a, w in enumerate(words):
        for k in by_stem.get(w, ()):
            if a_digit[a] or t_digit[k]:
                scores[a, k] = 100.0  # "1920s" for 1920
    position = {t: k for k, t in enumerate(candidates)}
    for a, w in enumerate(words):
        if w in position:
            scores[a, position[w]] = 100.0
    return scores


def anchor_mentions(index: AnchorIndex, essay_tokens: EssayTokens) -> np.ndarray:
    """``mentions[a, i]``: anchor word a is one of sentence i's tokens, exactly."""
    column = {w: a for a, w in enumerate(index.words)}
    mentions = np.zeros((len(index.words), len(essay_tokens.per_sentence)), dtype=bool)
    for i, sent in enumerate(essay_tokens.per_sentence):
        for t in sent:
            if t in column:
                mentions[column[t], i] = True
    return mentions


def keyword_matrix(
    doc: Document,
    anchors: Sequence[PointAnchors],
    settings: Settings,
    *,
    index: AnchorIndex | None = None,
    essay_tokens: EssayTokens | None = None,
) -> tuple[np.ndarray, list[list[str]]]:
    """``kw[i, j]``: weight of the best anchor of point j found in sentence i (0 if none).

    Also returns, per (sentence, point) with a hit, the word that matched, via a
    parallel list of lists of strings (empty string for no hit).

    Every anchor word is compared with every distinct token of the essay once (one
    ``cdist`` call); sentences and points are then combined with array operations.
    """
    index = index or anchor_index(anchors)
    essay_tokens = essay_tokens or EssayTokens.of(doc)
    n_sent, n_points = len(essay_tokens.per_sentence), len(anchors)
    kw = np.zeros((n_sent, n_points), dtype=np.float32)
    words: list[list[str]] = [[""] * n_points for _ in range(n_sent)]
    if not index.words or not n_sent:
        return kw, words
    stripped = [
        [t.removesuffix("'s").removesuffix("’s") for t in sent]
        for sent in essay_tokens.per_sentence
    ]
    vocab = sorted({t for sent in stripped for t in sent})
    position = {t: k for k, t in enumerate(vocab)}
    # Column len(vocab) is padding (score -1): sentences have different lengths.
    scores = np.hstack([index.scores_for(vocab), np.full((len(index.words), 1), -1.0)])
    width = max((len(sent) for sent in stripped), default=0)
    padded = np.full((n_sent, max(width, 1)), len(vocab))
    for i, sent in enumerate(stripped):
        padded[i, : len(sent)] = [position[t] for t in sent]
    per_token = scores[:, padded]  # (words, sentences, tokens)
    best_token = per_token.argmax(axis=2)  # first token with the best score, as find_keyword
    best = np.take_along_axis(per_token, best_token[..., None], axis=2)[..., 0]
    exact = anchor_mentions(index, essay_tokens)
    hit = (exact | (best >= settings.keyword_min_score)).T  # (sentences, words)
    weighted = hit[:, :, None] * index.weight[None, :, :]  # (sentences, words, points)
    kw[:] = weighted.max(axis=1)
    # The first anchor (in the point's sorted order) reaching the best weight names the hit.
    winner = weighted.argmax(axis=1)
    for i, j in zip(*np.nonzero(kw), strict=True):
        a = winner[i, j]
        word = index.words[a]
        words[i][j] = word if exact[a, i] else vocab[padded[i, best_token[a, i]]]
    return kw, words


#: Share of the words of ordinary prose that carry detail (not function words):
#: ``develop_min_words`` words of prose are about this many times as many detail words.
DETAIL_SHARE = 0.5

LIST_ITEM = re.compile(r"^\s*(?:[-*•·▪●–]|\d{1,2}[.)])\s+")
LIST_ITEM_MAX_WORDS = 8


def detail_words(sentence_tokens: Sequence[str], names: frozenset[str]) -> int:
    """Words of a sentence that add detail: not function words, years or point names.

    "The Zinoviev letter was a failure" adds two ("letter", "failure"); "the letter,
    published days before the election, lost Labour votes" adds six.
    """
    return sum(
        t not in STOP_WORDS and t not in names and not YEAR.fullmatch(t) and len(t) > 1
        for t in sentence_tokens
    )


def own_words(sentence: str, n_tokens: int | None = None, detail: int | None = None) -> int:
    """Words a sentence contributes to developing a point: a short list item gives none.

    ``detail`` (its :func:`detail_words`, when given) is what a sentence that is not a
    list item contributes; otherwise all its ``n_tokens`` words count.
    """
    count = len(tokens(sentence)) if n_tokens is None else n_tokens
    if LIST_ITEM.match(sentence) and count <= LIST_ITEM_MAX_WORDS:
        return 0
    return count if detail is None else detail


def date_conflicts(
    doc: Document,
    anchors: Sequence[PointAnchors],
    kw: np.ndarray,
    *,
    index: AnchorIndex | None = None,
    essay_tokens: EssayTokens | None = None,
) -> np.ndarray:
    """``conflict[i, j]``: sentence i dates itself to other years than point j's.

    "Recognition by the Labour government in 1924" is not evidence for a point about
    1929, however alike the wording: a sentence that names years, none of them the
    point's, and names nothing else distinctive of the point, is set aside.
    """
    index = index or anchor_index(anchors)
    essay_tokens = essay_tokens or EssayTokens.of(doc)
    sentences = doc.sentences
    sentence_years = [{m.group(1) for m in YEAR.finditer(s.text)} for s in sentences]
    dated = np.array([bool(y) for y in sentence_years], dtype=bool)
    shares_year: np.ndarray = np.zeros(kw.shape, dtype=bool)
    if index.years:
        mentions = np.array(
            [[y in years for y in index.years] for years in sentence_years], dtype=bool
        ).reshape(len(sentences), len(index.years))
        shares_year = (mentions.astype(np.int32) @ index.point_years.astype(np.int32)) > 0
    names = anchor_mentions(index, essay_tokens).T
    names_point = (names.astype(np.int32) @ index.distinctive.astype(np.int32)) > 0
    has_years = np.asarray(index.point_years.any(axis=0))
    return dated[:, None] & has_years[None, :] & ~shares_year & ~names_point


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
        Precomputed :func:`anchor_index` of ``anchors`` (computed here when omitted).
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
    index = index or anchor_index(anchors)
    essay_tokens = EssayTokens.of(doc)
    kw, kw_words = keyword_matrix(doc, anchors, settings, index=index, essay_tokens=essay_tokens)
    conflict = date_conflicts(doc, anchors, kw, index=index, essay_tokens=essay_tokens)
    return decide_points(
        doc,
        points,
        similarity,
        settings,
        kw=kw,
        kw_words=kw_words,
        conflict=conflict,
        names=frozenset(index.words),
        sentence_tokens=essay_tokens.per_sentence,
        detail=detail,
    )


def decide_points(
    doc: Document,
    points: Sequence[Point],
    similarity: np.ndarray,
    settings: Settings,
    *,
    kw: np.ndarray,
    kw_words: Sequence[Sequence[str]],
    conflict: np.ndarray,
    names: frozenset[str],
    sentence_tokens: Sequence[Sequence[str]],
    detail: bool = True,
) -> tuple[PointMatch, ...]:
    """Credited / name-dropped / missing for every point, from the evidence gathered.

    ``kw``, ``kw_words`` and ``conflict`` are :func:`keyword_matrix` and
    :func:`date_conflicts`; ``names`` every anchor word of the rubric;
    ``sentence_tokens`` each sentence's lower-cased tokens. A sentence develops the
    points :func:`attribute` assigns it to; its :func:`detail_words` are shared
    among the points it names. A point is credited when its sentences are relevant
    enough and give it ``develop_min_words * DETAIL_SHARE`` detail words (fewer,
    by ``explained_discount``, when they say why it mattered or what it led to).
    With ``detail=False`` (key-element schemes) every word counts and
    ``develop_min_words`` of them are needed.
    """
    sentences = doc.sentences
    named = (kw >= settings.keyword_min_weight) & ~conflict
    paraphrased = (similarity >= settings.semantic_min) & ~conflict
    claims = named | paraphrased
    # A sentence is a list when it names several points by their own words (an anchor
    # shared between points places the sentence under both but does not make it a list).
    distinctive = ((kw >= 1.0) & ~conflict) | paraphrased
    paragraphs = np.array([s.paragraph for s in sentences])
    assigned = attribute(
        claims,
        similarity,
        paragraphs,
        continuation_min=settings.continuation_min,
        margin=settings.attribution_margin,
    )
    points_per_sentence = np.maximum(np.maximum(distinctive.sum(axis=1), assigned.sum(axis=1)), 1)
    word_counts = np.array(
        [
            own_words(s.text, len(t), detail_words(t, names) if detail else None)
            for s, t in zip(sentences, sentence_tokens, strict=True)
        ],
        dtype=np.float32,
    )
    # Words of its own each sentence gives each point it is evidence for.
    shares = (word_counts / points_per_sentence).tolist()
    explaining = [EXPLAINS.search(s.text) is not None for s in sentences]
    unit = "words of detail" if detail else "words of its own"
    named_any = named.any(axis=0)
    distinctive_any = distinctive.any(axis=0)
    best_similarity = similarity.max(axis=0)

    results = []
    for j, point in enumerate(points):
        zone = set(np.flatnonzero(assigned[:, j]).tolist())
        mentions = set(np.flatnonzero(claims[:, j]).tolist())
        if not zone and not mentions:
            results.append(
                PointMatch(
                    point.id,
                    point.side,
                    "missing",
                    float(best_similarity[j]),
                    (),
                    "not mentioned",
                )
            )
            continue
        ordered = sorted(zone or mentions, key=lambda i: (-similarity[i, j], i))
        relevance = float(similarity[ordered[0], j])
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
            for i in ordered[:3]
        )
        explains = any(explaining[i] for i in zone)
        needed = (
            settings.develop_min_words
            * (DETAIL_SHARE if detail else 1.0)
            * (settings.explained_discount if explains else 1.0)
        )
        missing_terms = (
            unmet(
                point.requires,
                (sentence_tokens[i] for i in zone or mentions),
                settings.keyword_min_score,
            )
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
        elif distinctive_any[j] or (relevance >= settings.mention_min and named_any[j]):
            status, reason = (
                "name_dropped",
                (f"named but not developed (~{developed:.0f} {unit}, best match {relevance:.2f})"),
            )
        else:
            status, reason = "missing", f"no relevant evidence (best match {relevance:.2f})"
            evidence = ()
        results.append(
            PointMatch(point.id, point.side, status, round(relevance, 4), evidence, reason)
        )
    return tuple(results)
