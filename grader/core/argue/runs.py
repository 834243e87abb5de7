"""Where a paragraph moves on to another idea.

A short answer written as one paragraph (or cut into blocks because it has no
paragraph breaks) can explain several factors in turn: "Pain was solved by ... Infection
was solved because ... But bleeding was not solved until ...". An examiner counts each
factor; :func:`idea_runs` cuts such a paragraph into runs of sentences, one per idea, for
:func:`grader.core.argue.ideas.answer_ideas`. A paragraph that develops one factor, a list
of facts and a narrative stay whole.

Nothing here names a topic: the signals are the answer's own sentence embeddings,
its own specific details, the language of explanation, and the openers any writer uses
to enumerate factors or refer back to the last one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from grader.settings import Settings
from grader.types import Paragraph, Sentence

# Openers that enumerate or add a factor ("Secondly", "Another reason was ..."). Writers
# who paragraph put them at the start of a paragraph: in the development answers to the
# five levels questions, 15 of 124 body paragraphs open so, and 1 of 628 sentences inside
# a paragraph (in an answer with no paragraph breaks).
NEW_FACTOR = re.compile(
    r"^\W*(?:(?:first|second|third|fourth|fifth)(?:ly)?\b|finally\b|lastly\b|"
    r"in addition\b|additionally\b|furthermore\b|moreover\b|"
    r"(?:another|(?:a|the) (?:second|third|fourth|further|final|next|other|last))\s+"
    r"(?:\w+\s+){0,2}?(?:reason|factor|cause|way|problem|consequence|effect|aspect|point)s?\b)",
    re.IGNORECASE,
)
# Openers that refer back to what was just said ("This meant ...", "It was ...", "So ..."):
# such a sentence carries the running idea on, however different its words (5 of the 124
# paragraph openings above, 134 of the 628 sentences inside paragraphs).
REFERS_BACK = re.compile(
    r"^\W*(?:this|that|these|those|such|it|its|so|thus|therefore|hence|as a result|"
    r"because of (?:this|that|it))\b",
    re.IGNORECASE,
)


def centred_similarity(similarity: np.ndarray) -> np.ndarray:
    """Sentence similarities less what each sentence's general likeness to the answer
    predicts: ``c[i, j] = s[i, j] - a[i] - a[j] + t``, where ``a[i]`` is sentence i's mean
    similarity with the answer's other sentences and ``t`` the mean over all pairs
    (double centring). Below 0, two sentences are less alike than their closeness to the
    answer as a whole would make them: the topic every sentence shares (the question's)
    is taken out, and an introduction close to every sentence is close to none in
    particular. An answer of fewer than three sentences has no such baseline (all 0).

    Examples
    --------
    >>> s = np.array([[1.0, 0.5, 0.1], [0.5, 1.0, 0.1], [0.1, 0.1, 1.0]])
    >>> c = centred_similarity(s)
    >>> bool(c[0, 1] > 0 > c[0, 2])
    True
    """
    n = similarity.shape[0]
    if n < 3:
        return np.zeros_like(similarity)
    off = ~np.eye(n, dtype=bool)
    typical = float(similarity[off].mean())
    row = np.array([similarity[i][off[i]].mean() for i in range(n)])
    return similarity - row[:, None] - row[None, :] + typical


def idea_runs(
    sentences: Sequence[Sentence],
    similarity: np.ndarray,
    features: Sequence[tuple[set[str], bool]],
    settings: Settings,
) -> list[list[Sentence]]:
    """A paragraph's sentences, cut where the answer moves on to another idea.

    A new idea begins at sentence k when

    - **the running idea stands**: it already has a specific detail and a sentence that
      explains, so a topic sentence is never cut from the paragraph it introduces;
    - **the new part explains**: sentence k or k+1 gives a reason or consequence;
    - and **the answer moves on**: sentence k opens by enumerating or adding a factor
      (:data:`NEW_FACTOR`: "Secondly", "Another reason ..."), or, with a running idea
      of at least two sentences (a point and its development) and no opener referring
      back to it (:data:`REFERS_BACK`: "This meant ..."), sentences k and k+1 name a
      detail the running idea has not and are less alike its sentences than their
      likeness to the answer predicts: mean :func:`centred_similarity` below
      ``settings.idea_shift_min`` (0, the neutral point).

    Anything else continues the running idea, so a narrative or a list of facts adds no
    ideas, and a paragraph that develops one factor stays one.

    Parameters
    ----------
    sentences : sequence of Sentence
        One paragraph's sentences, in order.
    similarity : ndarray (n, n)
        ``similarity[i, j]``: cosine similarity of the answer's sentences i and j (all
        n of the answer's sentences, by ``Sentence.index``).
    features : sequence of (set of str, bool), one per sentence of the answer
        ``features[i]``: sentence i's specific details
        (:func:`grader.core.argue.ideas.detail_terms`) and whether it explains
        (:data:`grader.core.argue.ideas.EXPLAINING`).
    settings : Settings
        ``idea_shift_min``.

    Examples
    --------
    >>> from grader.types import Sentence
    >>> s = [Sentence(i, 0, 0, 1, t) for i, t in enumerate(["A.", "Secondly, B."])]
    >>> [len(r) for r in idea_runs(s, np.eye(2), [({"a"}, True), ({"b"}, True)], Settings())]
    [1, 1]
    >>> [len(r) for r in idea_runs(s, np.eye(2), [(set(), True), ({"b"}, True)], Settings())]
    [2]
    """
    if len(sentences) < 2:
        return [list(sentences)]
    centred = centred_similarity(similarity)
    runs: list[list[Sentence]] = [[sentences[0]]]
    run_terms, run_explains = set(features[sentences[0].index][0]), features[sentences[0].index][1]
    for k in range(1, len(sentences)):
        sentence = sentences[k]
        ahead = [s.index for s in sentences[k : k + 2]]
        terms, explains = features[sentence.index]
        moves_on = False
        if run_terms and run_explains and any(features[i][1] for i in ahead):
            shift = float(centred[np.ix_(ahead, [s.index for s in runs[-1]])].mean())
            moves_on = bool(NEW_FACTOR.search(sentence.text)) or (
                len(runs[-1]) >= 2
                and not REFERS_BACK.search(sentence.text)
                and bool(set().union(*(features[i][0] for i in ahead)) - run_terms)
                and shift < settings.idea_shift_min
            )
        if moves_on:
            runs.append([sentence])
            run_terms, run_explains = set(terms), explains
        else:
            runs[-1].append(sentence)
            run_terms |= terms
            run_explains = run_explains or explains
    return runs


def paragraph_runs(
    paragraphs: Sequence[Paragraph],
    sentence_vectors: np.ndarray,
    features: Sequence[tuple[set[str], bool]],
    in_time: set[int],
    settings: Settings,
) -> list[tuple[Paragraph, list[Sentence]]]:
    """``(paragraph, run)`` for each run of sentences holding one idea (:func:`idea_runs`)
    of each paragraph, in order. ``sentence_vectors`` are the answer's unit sentence
    embeddings; ``in_time`` the indices of the sentences within the question's period: a
    run with none of them is no idea of its own and stays with the run before it."""
    similarity = (
        sentence_vectors @ sentence_vectors.T if len(sentence_vectors) else np.zeros((0, 0))
    )
    found: list[tuple[Paragraph, list[Sentence]]] = []
    for paragraph in paragraphs:
        runs = idea_runs(paragraph.sentences, similarity, features, settings)
        for position in range(len(runs) - 1, 0, -1):
            if not any(s.index in in_time for s in runs[position]):
                runs[position - 1].extend(runs.pop(position))
        found.extend((paragraph, run) for run in runs)
    return found
