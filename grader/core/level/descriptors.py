"""Mark against level descriptors: the language boards share, and example answers.

Level descriptors across boards and subjects grade the same few qualities with the
same words:

- **explanation**: *basic* / *isolated* (1) < *simple*, *some analysis*, *incomplete
  chains* (2) < *developed* explanation or chains of reasoning (3) < *complex*,
  *logical* chains (4);
- **knowledge**: *limited*, *isolated*, *inaccurate* (1) < *accurate* (2) < a *range* of
  accurate, *detailed*, *thorough* knowledge (3);
- **factors**: *one factor*, *one side* (1) < the *stated factor and other factors*,
  *both sides*, *balanced* (2);
- **reasoning**: a *line of reasoning* (1) < a *sustained*, *coherent*, *logically
  structured* one (2);
- **judgement**: *asserted*, *may be stated*, *only partly supported* (1) <
  *substantiated*, *supported* (2) < *sustained*, *fully substantiated* (3).

:func:`band_demands` reads each band's descriptor and bullets into these tiers;
:func:`essay_profile` measures the same tiers in an essay (from the points it covers, per
side, and its explaining, linking and judging sentences); :func:`descriptor_fit` finds
the highest band whose demands the essay meets, examiner fashion ("best fit": one tier
short on one quality is allowed). :class:`ExampleAnchors` adds the scheme's example
answers: the similarity of the essay's paragraphs to each level's examples.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from grader.scheme.keywords import tokens
from grader.types import ArgumentResult, Document, LevelBand, LevelEstimate, PointMatch, Rubric

DIMENSIONS = ("explanation", "knowledge", "factors", "reasoning", "judgement")

# (tier, pattern) per dimension, tried in this order; the first that matches wins.
DEMAND_CUES: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    "explanation": (
        (4, re.compile(r"\bcomplex\b|\bsophisticated\b|\blogical\b|\bcoherent chains", re.I)),
        (1, re.compile(r"\bbasic\b|\bisolated\b|\bgeneric\b|\bnarrative\b|\bdescri\w+", re.I)),
        (
            2,
            re.compile(
                r"\bsimple\b|\bsome analysis|\bincomplete\b|\blimited (?:explan|anal)", re.I
            ),
        ),
        (3, re.compile(r"\bdeveloped\b|\bchains? of reasoning|\bclear explanation", re.I)),
    ),
    "knowledge": (
        (3, re.compile(r"\brange of\b|\bwide\b|\bdetailed\b|\bthorough\b|\bprecise\b", re.I)),
        (1, re.compile(r"\bisolated\b|\blimited\b|\binaccura\w+|\bgeneral\b", re.I)),
        (2, re.compile(r"\baccurate\b", re.I)),
        (1, re.compile(r"\bsome\b.*\bknowledge|\bknowledge\b", re.I)),
    ),
    "factors": (
        (1, re.compile(r"\bone (?:factor|side)\b|\bone-sided\b|\bstated factor or\b", re.I)),
        (
            2,
            re.compile(
                r"\bother factors?\b|\bboth sides\b|\bbalanced\b|\brange of factors\b|"
                r"\bweighs?\b.*\bagainst\b",
                re.I,
            ),
        ),
    ),
    "reasoning": (
        (2, re.compile(r"\bsustained line|\bcoherent\b|\blogical(?:ly)?\b", re.I)),
        (1, re.compile(r"\bline of reasoning|\bchains? of reasoning|\banalysis\b", re.I)),
    ),
    "judgement": (
        (
            3,
            re.compile(
                r"\bsustained\b.*\bjudgement|\bjudgement\b.*\bsustained\b|\bfully "
                r"substantiated\b|\bconvincing\b",
                re.I,
            ),
        ),
        (
            1,
            re.compile(
                r"\basserted\b|\bmay be (?:stated|given)\b|\bnot supported\b|\bunsupported\b|"
                r"\black\w* support|\blittle or no support|\bonly partly\b|\battempt",
                re.I,
            ),
        ),
        (2, re.compile(r"\bsubstantiated\b|\bsupported\b|\bjudgement\b", re.I)),
    ),
}

# Essay-side cues.
CAUSAL = re.compile(
    r"\b(because|so|therefore|thus|as a result|this meant|which meant|meaning|means|led to|leading "
    r"to|resulted in|caused|allowed|enabled|made|this shows|which shows|due to|since)\b",
    re.I,
)
LINKING = re.compile(
    r"\b(more important than|less important than|more significant|made (?:\w+ )?possible|"
    r"without|combined with|linked|together with|in turn|on (?:its|their) own|outweigh\w*|"
    r"depends? on|only if|long-term|short-term|trigger\w*|the real reason|however)\b",
    re.I,
)
JUDGEMENT = re.compile(
    r"\b(I (?:agree|disagree|think|believe|would argue)|overall|on balance|in conclusion|to "
    r"(?:a|some|a large|a great|a limited|a certain) extent|the (?:main|most important|biggest) "
    r"(?:reason|cause|factor)|(?:more|most) important|should(?: not)?\b|agree only in part)",
    re.I,
)
SUPPORT = re.compile(
    r"\b(because|since|as|outweigh\w*|more important|depends? on|only if|so)\b", re.I
)
# A sentence addresses the point it is most similar to (and any within TIE_MARGIN of it)
# when that similarity reaches COVER_SIMILARITY.
COVER_SIMILARITY = 0.5
TIER_WORDS = {
    "explanation": ("none", "basic", "simple", "developed", "complex"),
    "knowledge": ("none", "limited", "accurate", "a range of accurate"),
    "factors": ("none", "one side/factor", "both sides / stated and other factors"),
    "reasoning": ("none", "a line of reasoning", "sustained"),
    "judgement": ("none", "asserted", "substantiated", "sustained"),
}
TIE_MARGIN = 0.03
CONTINUATION_SIMILARITY = 0.35
# An essay with a sentence this similar to the question is answering it.
ON_TOPIC_SIMILARITY = 0.5


@dataclass(frozen=True)
class Profile:
    """Tiers of the five qualities (see the module docstring), and what they rest on."""

    explanation: int = 0
    knowledge: int = 0
    factors: int = 0
    reasoning: int = 0
    judgement: int = 0
    covered: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def tier(self, dimension: str) -> int:
        return int(getattr(self, dimension))


@dataclass(frozen=True)
class DescriptorFit:
    """The band an essay best fits, its mark, and why."""

    level: int
    mark: int
    position: float
    profile: Profile
    demands: tuple[tuple[int, dict[str, int]], ...]
    anchor_level: float | None = None
    explanation: str = ""


def band_demands(bands: Sequence[LevelBand]) -> list[tuple[LevelBand, dict[str, int]]]:
    """Each band with the tier it demands of each quality, read from its wording.

    A quality a band does not mention demands at least what the band below it does.

    Examples
    --------
    >>> band = LevelBand(3, 9, 12, "Developed explanation of the stated factor and other factors")
    >>> band_demands([band])[0][1]["explanation"], band_demands([band])[0][1]["factors"]
    (3, 2)
    """
    result = []
    floor = dict.fromkeys(DIMENSIONS, 0)
    for band in sorted(bands, key=lambda b: b.level):
        texts = [band.descriptor, *band.descriptor_bullets]
        demands = dict(floor)
        for dimension, cues in DEMAND_CUES.items():
            tiers = []
            for text in texts:
                for tier, pattern in cues:
                    if pattern.search(text):
                        tiers.append(tier)
                        break
            if tiers and band.max_mark > 0:
                demands[dimension] = max(floor[dimension], max(tiers))
        floor = demands
        result.append((band, demands))
    return result


def essay_profile(
    rubric: Rubric,
    doc: Document,
    matches: Sequence[PointMatch],
    argument: ArgumentResult,
    similarity: np.ndarray,
    question_similarity: np.ndarray | None = None,
) -> Profile:
    """Measure the five qualities in one essay.

    Parameters
    ----------
    similarity : ndarray of shape (n_sentences, n_points)
        ``similarity[i, j] = cos(sentence i, rubric point j)``.
    question_similarity : ndarray of shape (n_sentences,), optional
        ``cos(sentence i, question)``: a sentence closer to the question than to any
        point restates the question ("I think Hafsa should open a second shop") and
        addresses no point.
    """
    sentences = doc.sentences
    points = rubric.points
    addressed = sentence_points(similarity, question_similarity)
    # A sentence that goes on explaining the point of the sentence before it ("This
    # means she will have to pay interest ...") addresses that point too.
    for i in range(1, len(sentences)):
        before = addressed[i - 1]
        if (
            not addressed[i]
            and before
            and sentences[i].paragraph == sentences[i - 1].paragraph
            and float(similarity[i, before].max()) >= CONTINUATION_SIMILARITY
        ):
            addressed[i] = list(before)
    status = {m.point_id: m.status for m in matches}
    causal = [
        i for i, s in enumerate(sentences) if CAUSAL.search(s.text) and (addressed[i] or not points)
    ]
    linking = [
        i
        for i, s in enumerate(sentences)
        if LINKING.search(s.text) and (addressed[i] or not points)
    ]
    covered_idx = sorted({j for found in addressed for j in found})
    if rubric.kind == "mixed":  # ⭐ points the matcher credits count as covered too
        covered_idx = sorted(
            set(covered_idx) | {j for j, p in enumerate(points) if status.get(p.id) == "credited"}
        )
    covered = [points[j].id for j in covered_idx]
    # Knowledge is accurate and specific when the sentences addressing a point carry a
    # detail of their own (a figure, a date, a name), not only the question's words.
    generic = generic_words(rubric)
    detailed = [has_detail(s.text, generic) for s in sentences]
    specific = sorted({j for i, found in enumerate(addressed) if detailed[i] for j in found})
    if rubric.kind == "mixed":
        specific = sorted(
            set(specific) | {j for j, p in enumerate(points) if status.get(p.id) == "credited"}
        )
    # A side counts as argued when one of its points is explained (a sentence that
    # addresses it gives a reason) or developed over two sentences; a side only named
    # in a list ("there were other reasons, like ...") does not.
    sides = set()
    for side in rubric.sides:
        own = [i for i, found in enumerate(addressed) if any(points[j].side == side for j in found)]
        if any(i in causal for i in own) or len(own) >= 2:
            sides.add(side)
    relevant = np.array([bool(found) or not points for found in addressed], dtype=bool)
    # An answer on the question that addresses no indicative point (generic, "could be
    # about any business") still earns the lowest level, never level 0.
    on_topic = relevant.any() or (
        question_similarity is not None
        and len(question_similarity)
        and float(question_similarity.max()) >= ON_TOPIC_SIMILARITY
    )
    n_points = max(len(points), 1)
    knowledge = (
        0
        if not on_topic
        else 1
        if len(specific) <= 1
        else 3
        if len(specific) >= max(3, round(0.4 * n_points))
        else 2
    )
    factors = min(len(sides), 2)
    if not on_topic:
        explanation = 0
    elif not causal or not specific:
        explanation = 1
    elif factors < 2:
        explanation = 2
    elif len(linking) >= 2 and len(causal) >= 4:
        explanation = 4
    else:
        explanation = 3
    paragraphs = doc.paragraphs
    evaluative = [
        p
        for p in paragraphs
        if any(CAUSAL.search(s.text) or LINKING.search(s.text) for s in p.sentences)
    ]
    reasoning = 0
    if causal:
        reasoning = 1
        if len(paragraphs) >= 3 and len(evaluative) >= 0.75 * len(paragraphs):
            reasoning = 2
    judgement = _judgement_tier(doc, argument, factors)
    notes = (
        f"{len(covered)} of {len(points)} indicative points covered ({len(specific)} with "
        f"specific detail) on {len(sides)} side(s)",
        f"{len(causal)} explaining and {len(linking)} linking/weighing sentence(s)",
    )
    return Profile(explanation, knowledge, factors, reasoning, judgement, tuple(covered), notes)


def generic_words(rubric: Rubric) -> set[str]:
    """Words that say nothing specific about an answer: the question's own, and any
    used by more than a third of the points ("Hitler" in a question about Hitler)."""
    generic = {t.lower() for t in tokens(rubric.question)}
    counts: dict[str, int] = {}
    for point in rubric.points:
        for word in {t.lower() for t in tokens(point.text)}:
            counts[word] = counts.get(word, 0) + 1
    limit = len(rubric.points) / 3
    return generic | {w for w, n in counts.items() if n > limit}


def has_detail(sentence: str, generic: set[str]) -> bool:
    """Whether a sentence carries a specific detail: a figure or date, or a name (a
    capitalised word not starting the sentence) that is not a generic word.

    Examples
    --------
    >>> has_detail("She needs a loan of £20,000 at 7% interest.", set())
    True
    >>> has_detail("Hitler hated the treaty and wanted revenge.", {"hitler", "treaty"})
    False
    """
    words = tokens(sentence)
    for position, word in enumerate(words):
        if any(ch.isdigit() for ch in word):
            return True
        if position and word[:1].isupper() and word != "I" and word.lower() not in generic:
            return True
    return False


def sentence_points(
    similarity: np.ndarray, question_similarity: np.ndarray | None = None
) -> list[list[int]]:
    """Per sentence, the indices of the points it addresses (its best match, and any
    within ``TIE_MARGIN`` of it, if at least ``COVER_SIMILARITY`` and closer than the
    question)."""
    found: list[list[int]] = []
    for i, row in enumerate(similarity):
        restates = (
            question_similarity is not None
            and len(row)
            and (float(question_similarity[i]) >= float(row.max()))
        )
        if not len(row) or float(row.max()) < COVER_SIMILARITY or restates:
            found.append([])
            continue
        best = float(row.max())
        found.append(
            [int(j) for j in np.flatnonzero(row >= max(best - TIE_MARGIN, COVER_SIMILARITY))]
        )
    return found


def _judgement_tier(doc: Document, argument: ArgumentResult, factors: int) -> int:
    ranked = {"none": 0, "unsubstantiated": 1, "substantiated": 2, "sustained": 3}
    if argument.judgement != "none":
        return ranked[argument.judgement]
    paragraphs = doc.paragraphs
    if not paragraphs:
        return 0
    judging = [p.index for p in paragraphs for s in p.sentences if JUDGEMENT.search(s.text)]
    if not judging:
        return 0
    last = paragraphs[-1]
    supported = any(
        JUDGEMENT.search(s.text) and SUPPORT.search(s.text) for p in paragraphs for s in p.sentences
    )
    if not supported or factors < 2:
        return 1
    if paragraphs[0].index in judging and last.index in judging and len(paragraphs) >= 3:
        return 3
    return 2


def descriptor_fit(
    rubric: Rubric, profile: Profile, *, anchor_level: float | None = None
) -> DescriptorFit:
    """The highest band whose demands the essay meets (one tier short on one quality
    allowed), with the mark placed in the band by how much of the next band it meets.

    ``anchor_level`` (from :class:`ExampleAnchors`) moves the estimate by at most one
    level towards the level whose example answers the essay most resembles.
    """
    demands = band_demands(rubric.levels)
    if not demands:
        raise ValueError("descriptor_fit needs a rubric with level bands")

    def shortfall(need: dict[str, int]) -> int:
        return sum(max(0, need[d] - profile.tier(d)) for d in DIMENSIONS)

    scoring = [(b, d) for b, d in demands if b.max_mark > 0]
    nothing = profile.knowledge == 0 and profile.explanation == 0
    if nothing or not scoring:
        band = demands[0][0]
        return DescriptorFit(band.level, band.min_mark, 0.0, profile, _frozen(demands))
    index = 0
    for k, (_, need) in enumerate(scoring):
        if shortfall(need) <= 1:
            index = k
    band, need = scoring[index]
    if index + 1 < len(scoring):
        upper = scoring[index + 1][1]
        raised = [d for d in DIMENSIONS if upper[d] > need[d]] or list(DIMENSIONS)
        met = sum(profile.tier(d) >= upper[d] for d in raised)
        position = met / len(raised)
    else:
        position = 1.0
    if shortfall(need) == 1:
        position = min(position, 0.25)
    continuous = index + min(position, 0.99)
    if anchor_level is not None:
        anchor_index = _level_to_index(anchor_level, scoring)
        continuous = float(
            np.clip(continuous + 0.25 * (anchor_index - continuous), continuous - 1, continuous + 1)
        )
        continuous = min(max(continuous, 0.0), len(scoring) - 0.01)
        index = int(continuous)
        band = scoring[index][0]
        position = continuous - index
    mark = band.min_mark + round(position * (band.max_mark - band.min_mark))
    met_text = ", ".join(f"{d}: {TIER_WORDS[d][profile.tier(d)]}" for d in DIMENSIONS)
    explanation = (
        f"Level {band.level} ({band.min_mark}-{band.max_mark}) best fits: {met_text} "
        f"({'; '.join(profile.notes)})"
    )
    return DescriptorFit(
        band.level, mark, round(position, 3), profile, _frozen(demands), anchor_level, explanation
    )


def _frozen(demands: list[tuple[LevelBand, dict[str, int]]]) -> tuple[tuple[int, dict], ...]:
    return tuple((band.level, need) for band, need in demands)


def _level_to_index(level: float, scoring: Sequence[tuple[LevelBand, dict[str, int]]]) -> float:
    levels = [b.level for b, _ in scoring]
    return float(np.interp(level, levels, range(len(levels))))


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


class DescriptorScorer:
    """Level and mark of a levels-of-response rubric from its descriptors and examples.

    Holds what is computed once per rubric (the question's embedding, the example
    answers' embeddings); :meth:`estimate` is called once per essay by the pipeline.

    Parameters
    ----------
    rubric : Rubric
        A rubric with level bands (``kind`` ``levels`` or ``mixed``).
    encoder : object with ``encode(list[str]) -> ndarray`` of unit rows.
    """

    def __init__(self, rubric: Rubric, encoder: object) -> None:
        self.rubric = rubric
        self.question_vector = encoder.encode([rubric.question])[0]  # type: ignore[attr-defined]
        self.anchors = ExampleAnchors(rubric, encoder)

    def fit_essay(
        self,
        doc: Document,
        sentence_vectors: np.ndarray,
        similarity: np.ndarray,
        matches: Sequence[PointMatch],
        argument: ArgumentResult,
    ) -> DescriptorFit:
        """The :class:`DescriptorFit` of one essay (profile, band, mark, anchor level)."""
        question_similarity = (
            sentence_vectors @ self.question_vector if len(sentence_vectors) else None
        )
        profile = essay_profile(
            self.rubric, doc, matches, argument, similarity, question_similarity
        )
        anchor = self.anchors.level(doc, sentence_vectors)
        return descriptor_fit(self.rubric, profile, anchor_level=anchor)

    def estimate(
        self,
        doc: Document,
        sentence_vectors: np.ndarray,
        similarity: np.ndarray,
        matches: Sequence[PointMatch],
        argument: ArgumentResult,
    ) -> LevelEstimate:
        """A :class:`LevelEstimate` quoting the chosen band's descriptor and the evidence."""
        fit = self.fit_essay(doc, sentence_vectors, similarity, matches, argument)
        band = next(b for b in self.rubric.levels if b.level == fit.level)
        reasons = []
        if fit.anchor_level is not None and abs(fit.anchor_level - fit.level) >= 2:
            reasons.append(
                f"the essay is most like the example answer for level {fit.anchor_level:.0f}, "
                f"but the descriptors point to level {fit.level}"
            )
        explanation = fit.explanation or f"Level {band.level}: no relevant content"
        if band.descriptor:
            explanation += f'. Descriptor: "{band.descriptor}"'
        return LevelEstimate(
            level=fit.level,
            mark=fit.mark,
            confidence=round(1.0 - abs(fit.position - 0.5), 2),
            descriptor=band.descriptor,
            explanation=explanation,
            needs_review=bool(reasons),
            review_reasons=tuple(reasons),
            method="descriptors",
            max_mark=self.rubric.max_mark,
        )
