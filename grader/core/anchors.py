"""A rubric's anchor words (names, dates, terms) and where an essay uses them.

:func:`point_anchors` takes each point's keywords apart into anchor words, down-weighted
when several points share one; :class:`AnchorIndex` holds them once per rubric, with
which of them *name* a point on their own; :func:`keyword_hits` finds every anchor in
every sentence of an essay (tolerant of misspellings), with the token that matched, so
the words a student used can be quoted back at their offsets.

A word names a point on its own only when it belongs to that point alone, is not a
year, is not a word of the question, and is not a common English word (a country or
capital such as "Germany" or "Berlin", by its frequency in general English,
``Settings.common_word_zipf``). Other anchor words identify a point only in context
(see :func:`grader.core.match.identify`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from spacy.lang.en.stop_words import STOP_WORDS

from grader.scheme.keywords import TOKEN, YEAR, keyword_anchors, tokens
from grader.settings import Settings
from grader.types import Document, Point

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
    names : ndarray of shape (n_words, n_points), bool
        Word a names point j on its own: distinctive of j, not a word of the question and
        not a common English word (see the module docstring).
    rare_shared : ndarray of shape (n_words, n_points), bool
        Word a is a rare word (not a year, common word or word of the question) that j
        shares with few other points (weight at least ``keyword_min_weight``): "Rapallo"
        for the pact and for its renewal.
    wording : tuple of str
        Content words of a point's mark-scheme text that no other point's text uses
        ("trade" for "The Anglo-Soviet trade agreement of 1921"), with
        ``wording_points`` (n_wording, n_points) saying whose.
    """

    words: tuple[str, ...]
    weight: np.ndarray
    distinctive: np.ndarray
    years: tuple[str, ...]
    point_years: np.ndarray
    names: np.ndarray
    rare_shared: np.ndarray
    wording: tuple[str, ...]
    wording_points: np.ndarray
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
    def build(
        cls,
        anchors: Sequence[PointAnchors],
        *,
        question: str = "",
        common_word_zipf: float = Settings.common_word_zipf,
        keyword_min_score: float = Settings.keyword_min_score,
        keyword_min_weight: float = Settings.keyword_min_weight,
    ) -> AnchorIndex:
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
        asked = {t.lower() for t in tokens(question)}
        generic = np.array(
            [w in asked or is_common_word(w, common_word_zipf) for w in words], dtype=bool
        )
        generic |= np.array([bool(YEAR.fullmatch(w)) for w in words], dtype=bool)
        names = distinctive & ~generic.reshape(len(words), 1)
        rare = (weight >= keyword_min_weight) & (weight < 1.0)
        rare_shared = rare & ~generic.reshape(len(words), 1)
        wording, wording_points = _wording(anchors, asked | set(words), keyword_min_score)
        return cls(
            words,
            weight,
            distinctive,
            years,
            point_years,
            names,
            rare_shared,
            wording,
            wording_points,
        )


def anchor_index(
    anchors: Sequence[PointAnchors], *, question: str = "", settings: Settings | None = None
) -> AnchorIndex:
    """The :class:`AnchorIndex` of a rubric's anchors (see :func:`point_anchors`).

    ``question``: its words never name a point on their own ("USSR" in a question about
    the USSR); ``settings.common_word_zipf`` sets what counts as a common word.
    """
    settings = settings or Settings()
    return AnchorIndex.build(
        anchors,
        question=question,
        common_word_zipf=settings.common_word_zipf,
        keyword_min_score=settings.keyword_min_score,
        keyword_min_weight=settings.keyword_min_weight,
    )


def _wording(
    anchors: Sequence[PointAnchors], excluded: set[str], min_score: float
) -> tuple[tuple[str, ...], np.ndarray]:
    """Content words of each point's text that no other point's text uses, in any
    spelling within ``min_score`` ("agreement" and "agreements" are one word)."""
    per_point = [
        {
            t.lower()
            for t in tokens(p.point.text)
            if len(t) >= 4 and t.isalpha() and t.lower() not in STOP_WORDS
        }
        - excluded
        for p in anchors
    ]
    every = sorted({w for words in per_point for w in words})
    owner = np.zeros((len(every), len(anchors)), dtype=bool)
    row = {w: k for k, w in enumerate(every)}
    for j, words in enumerate(per_point):
        for w in words:
            owner[row[w], j] = True
    alike = token_scores(every, every) >= min_score if every else np.zeros((0, 0), dtype=bool)
    owners = (alike.astype(np.int32) @ owner.astype(np.int32)) > 0  # owners of any alike word
    unique = owners.sum(axis=1) == 1
    wording = tuple(w for w, keep in zip(every, unique, strict=True) if keep)
    return wording, owner[unique]


@lru_cache(maxsize=4096)
def is_common_word(word: str, zipf: float) -> bool:
    """Whether ``word`` is common in general English (Zipf frequency at least ``zipf``).

    Zipf 4 is ten uses per million words: "germany" 4.9, "berlin" 4.4, "rapallo" 1.7.
    A hyphenated compound ("Anglo-Soviet") is a name, whatever its parts' frequency.

    Examples
    --------
    >>> is_common_word("germany", 4.0), is_common_word("zinoviev", 4.0)
    (True, False)
    """
    if "-" in word or YEAR.fullmatch(word):
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= zipf


@dataclass(frozen=True)
class EssayTokens:
    """Each sentence's lower-cased tokens, computed once per essay and shared by stages.

    ``spans[i][k]`` is where token k of sentence i stands in ``Document.text``.
    """

    per_sentence: tuple[tuple[str, ...], ...]
    spans: tuple[tuple[tuple[int, int], ...], ...] = ()

    @classmethod
    def of(cls, doc: Document) -> EssayTokens:
        found = [list(TOKEN.finditer(s.text)) for s in doc.sentences]
        return cls(
            tuple(tuple(m.group(0).lower() for m in ms) for ms in found),
            tuple(
                tuple((s.start + m.start(), s.start + m.end()) for m in ms)
                for s, ms in zip(doc.sentences, found, strict=True)
            ),
        )


def token_scores(words: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
    """``score[a, t]``: misspelling-tolerant similarity (0-100) of anchor a and token t.

    The same rule as :func:`grader.scheme.keywords.find_keyword`, computed for all pairs at once
    with ``rapidfuzz.process.cdist``: equal words score 100; a number or a decade only
    matches itself ("the 1920s" is not the year 1920); words under 4 letters or
    differing in length by more than 3 score 0; otherwise ``fuzz.ratio``.
    """
    if not words or not candidates:
        return np.zeros((len(words), len(candidates)), dtype=np.float64)
    scores = process.cdist(words, candidates, scorer=fuzz.ratio, dtype=np.float64, workers=1)
    a_len = np.array([len(w) for w in words])[:, None]
    t_len = np.array([len(t) for t in candidates])[None, :]
    scores[(np.abs(a_len - t_len) > 3) | (np.minimum(a_len, t_len) < 4)] = 0.0
    a_number = np.array([w.isdigit() or bool(YEAR.fullmatch(w)) for w in words])
    t_number = np.array([t.isdigit() or bool(YEAR.fullmatch(t)) for t in candidates])
    scores[a_number, :] = 0.0
    scores[:, t_number] = 0.0
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


@dataclass(frozen=True)
class KeywordHits:
    """Every anchor word of a rubric found in every sentence of one essay.

    Attributes
    ----------
    kw : ndarray of shape (n_sentences, n_points)
        Weight of the best anchor of point j found in sentence i (0 if none).
    words : list of list of str
        ``words[i][j]``: the (lower-cased) word that gave ``kw[i, j]`` ("" for none).
    hit : ndarray of shape (n_sentences, n_words), bool
        Anchor word a (``AnchorIndex.words``) is in sentence i, exactly or misspelt.
    token : ndarray of shape (n_sentences, n_words), int
        Index in the sentence's tokens of the token that matched anchor a (-1 for none).
    wording : ndarray of shape (n_sentences, n_wording), bool
        Sentence i uses ``AnchorIndex.wording[w]`` (exactly or misspelt).
    """

    kw: np.ndarray
    words: list[list[str]]
    hit: np.ndarray
    token: np.ndarray
    wording: np.ndarray


def keyword_hits(
    doc: Document,
    anchors: Sequence[PointAnchors],
    settings: Settings,
    *,
    index: AnchorIndex | None = None,
    essay_tokens: EssayTokens | None = None,
) -> KeywordHits:
    """Find every anchor word of the rubric in every sentence (see :class:`KeywordHits`).

    Every anchor word is compared with every distinct token of the essay once (one
    ``cdist`` call); sentences and points are then combined with array operations.
    """
    index = index or anchor_index(anchors)
    essay_tokens = essay_tokens or EssayTokens.of(doc)
    n_sent, n_points = len(essay_tokens.per_sentence), len(anchors)
    kw = np.zeros((n_sent, n_points), dtype=np.float32)
    words: list[list[str]] = [[""] * n_points for _ in range(n_sent)]
    hit = np.zeros((n_sent, len(index.words)), dtype=bool)
    token = np.full((n_sent, len(index.words)), -1, dtype=np.int64)
    wording = _wording_hits(index, essay_tokens, settings)
    if not index.words or not n_sent:
        return KeywordHits(kw, words, hit, token, wording)
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
    token = np.where(hit, best_token.T, -1)  # an exact mention's token scores 100, the best
    weighted = hit[:, :, None] * index.weight[None, :, :]  # (sentences, words, points)
    kw[:] = weighted.max(axis=1)
    # The first anchor (in the point's sorted order) reaching the best weight names the hit.
    winner = weighted.argmax(axis=1)
    for i, j in zip(*np.nonzero(kw), strict=True):
        a = winner[i, j]
        word = index.words[a]
        words[i][j] = word if exact[a, i] else vocab[padded[i, best_token[a, i]]]
    return KeywordHits(kw, words, hit, token, wording)


def _wording_hits(index: AnchorIndex, essay_tokens: EssayTokens, settings: Settings) -> np.ndarray:
    """``used[i, w]``: sentence i uses wording word w, exactly or misspelt."""
    sentences = essay_tokens.per_sentence
    used = np.zeros((len(sentences), len(index.wording)), dtype=bool)
    vocab = sorted({t for sent in sentences for t in sent})
    if not index.wording or not vocab:
        return used
    close = token_scores(index.wording, vocab) >= settings.keyword_min_score
    position = {t: k for k, t in enumerate(vocab)}
    for i, sent in enumerate(sentences):
        if sent:
            used[i] = close[:, [position[t] for t in sent]].any(axis=1)
    return used


def keyword_matrix(
    doc: Document,
    anchors: Sequence[PointAnchors],
    settings: Settings,
    *,
    index: AnchorIndex | None = None,
    essay_tokens: EssayTokens | None = None,
) -> tuple[np.ndarray, list[list[str]]]:
    """``kw[i, j]`` and ``words[i][j]`` of :func:`keyword_hits` (see :class:`KeywordHits`)."""
    found = keyword_hits(doc, anchors, settings, index=index, essay_tokens=essay_tokens)
    return found.kw, found.words
