"""Which sentences of an essay identify which rubric points, and by which words.

A point is *mentioned* only by words that identify it (see :func:`identify`): a name of
its own, two of its words together, one of its years or common words in a sentence
about it, or a paraphrase. A country, a capital, a word of the question or a bare year
alone names nothing. :func:`date_conflicts` sets aside a sentence that dates itself to
other years than a point's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from grader.core.anchors import (
    AnchorIndex,
    EssayTokens,
    KeywordHits,
    PointAnchors,
    anchor_index,
    anchor_mentions,
)
from grader.scheme.keywords import YEAR
from grader.settings import Settings
from grader.types import Document, Mention


@dataclass(frozen=True)
class Identification:
    """Which sentences identify which points, and the words that do it.

    ``found[i, j]``: sentence i identifies point j (see :func:`identify`);
    ``mentions[(i, j)]``: the essay's words that do, verbatim with offsets.
    """

    found: np.ndarray
    mentions: dict[tuple[int, int], tuple[Mention, ...]]


def identify(
    doc: Document,
    hits: KeywordHits,
    index: AnchorIndex,
    essay_tokens: EssayTokens,
    similarity: np.ndarray,
    conflict: np.ndarray,
    settings: Settings,
) -> Identification:
    """Where the essay identifies each point: by name, by its words in context, or by paraphrase.

    A sentence identifies point j when (and it does not date itself to other years):

    - it uses a **name** of j (:attr:`AnchorIndex.names`: the point's own, rare word);
    - it uses a rare word j shares with another point and is clearly closer to j
      ("Rapallo" for the pact or its renewal);
    - it uses a word that narrows it down to j (a name, a rare shared word, a year of
      j's alone) with a second word of j, or with a word only j's mark-scheme text uses
      (**paired**: "Berlin ... 1926", "the trade agreement in 1921", "Rapallo with
      Germany");
    - it uses another word of j (a year, a common word such as a country, a word shared
      with one other point or with the question: weighing at least
      ``keyword_min_weight``) **in context**: the sentence is at least
      ``mention_min`` similar to j and closest to j of the points it could be about
      (within ``attribution_margin``), so "the Spartacist rising in Berlin" is not a
      mention of the Treaty of Berlin;
    - it **paraphrases** j (similarity at least ``semantic_min``).
    """
    hit = hits.hit.astype(np.int32)
    names_hit = (hit @ index.names.astype(np.int32)) > 0
    any_hit = (hit @ (index.weight >= settings.keyword_min_weight).astype(np.int32)) > 0
    # A word that narrows the essay down to j: a name, a rare word shared with few
    # points, or a year of j's alone; with a second word of j it identifies j.
    is_year = np.array([bool(YEAR.fullmatch(w)) for w in index.words], dtype=bool)[:, None]
    key = index.names | index.rare_shared | (is_year & (index.weight >= 1.0))
    words_of = (hit @ (index.weight > 0).astype(np.int32)) + (
        hits.wording.astype(np.int32) @ index.wording_points.astype(np.int32)
    )
    paired = ((hit @ key.astype(np.int32)) > 0) & (words_of >= 2)
    paraphrased = similarity >= settings.semantic_min
    candidates = (any_hit | paraphrased) & ~conflict
    closest_similarity = np.where(candidates, similarity, -np.inf).max(axis=1, initial=-np.inf)
    closest = similarity >= closest_similarity[:, None] - settings.attribution_margin
    in_context = any_hit & (similarity >= settings.mention_min) & closest
    shared = _closest_owner(hits.hit, index.rare_shared, similarity, settings.attribution_margin)
    found = (names_hit | shared | paired | in_context | paraphrased) & ~conflict
    mentions: dict[tuple[int, int], tuple[Mention, ...]] = {}
    sentences = doc.sentences
    for i, j in zip(*(x.tolist() for x in np.nonzero(found)), strict=True):
        if names_hit[i, j]:
            kind, words = "name", index.names[:, j]
        elif shared[i, j]:
            kind, words = "name", index.rare_shared[:, j]
        elif paired[i, j]:
            kind, words = "paired", index.weight[:, j] > 0
        elif in_context[i, j]:
            kind, words = "context", index.weight[:, j] >= settings.keyword_min_weight
        else:
            s = sentences[i]
            mentions[(i, j)] = (Mention(i, s.start, s.end, s.text, "paraphrase"),)
            continue
        spans = {}
        for a in np.flatnonzero(hits.hit[i] & words):
            start, end = essay_tokens.spans[i][hits.token[i, a]]
            spans[(start, end)] = index.words[a]
        mentions[(i, j)] = tuple(
            Mention(i, start, end, doc.text[start:end], kind, anchor)  # type: ignore[arg-type]
            for (start, end), anchor in sorted(spans.items())
        )
    return Identification(found, mentions)


def _closest_owner(
    hit: np.ndarray, rare_shared: np.ndarray, similarity: np.ndarray, margin: float
) -> np.ndarray:
    """``found[i, j]``: sentence i uses a rare word j shares with other points, and of
    the points sharing it is clearly closest to j (no other within ``margin``): an
    ambiguous use ("Rapallo gave it a partner": the pact or its renewal?) names neither."""
    found = np.zeros(similarity.shape, dtype=bool)
    shared = np.asarray(rare_shared.any(axis=1))
    for i, a in zip(*np.nonzero(hit & shared[None, :]), strict=True):
        owners = rare_shared[a]
        best = similarity[i, owners].max()
        closest = owners & (similarity[i] >= best - margin)
        if closest.sum() == 1:
            found[i] |= closest
    return found


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
    point's, and names nothing else distinctive of the point, is set aside. A sentence
    naming no year is read in its paragraph, as an examiner reads it: it is about the
    events of the years its paragraph names ("The League did nothing because Britain and
    France would not act" in a paragraph on Manchuria in 1931 is no evidence for a point
    about the 1920s). A decade ("the 1920s") dates a sentence to each of its years.
    """
    index = index or anchor_index(anchors)
    essay_tokens = essay_tokens or EssayTokens.of(doc)
    sentences = doc.sentences
    own_years = [years_named(s.text) for s in sentences]
    paragraph_years: dict[int, set[str]] = {}
    for sentence, years in zip(sentences, own_years, strict=True):
        paragraph_years.setdefault(sentence.paragraph, set()).update(years)
    # A sentence with no year of its own is about the events its paragraph dates.
    sentence_years = [
        years or paragraph_years[s.paragraph] for s, years in zip(sentences, own_years, strict=True)
    ]
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


def years_named(text: str) -> set[str]:
    """The years a text names; a decade ("the 1920s") names itself and each of its years.

    >>> sorted(years_named("Rapallo (1922) and the 1930s"))[:3]
    ['1922', '1930', '1930s']
    """
    years: set[str] = set()
    for hit in YEAR.finditer(text):
        year = hit.group(1)
        if hit.group(0).endswith("s") and year.endswith("0"):
            years |= {hit.group(0), *(str(int(year) + k) for k in range(10))}
        else:
            years.add(year)
    return years
