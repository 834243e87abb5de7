"""Mark against level descriptors: what they reward, what they demand, example answers.

:class:`DescriptorScorer` marks one answer to a levels-of-response scheme, with or
without indicative content:

1. the answer's own ideas (:func:`grader.core.argue.ideas.answer_ideas`) and how far
   each is explained, supported, linked, and the judgement, give one quality score
   over the qualities the scheme's descriptors reward
   (:mod:`grader.core.level.quality`); a paragraph that does not address the question's
   focus ("improvements in surgery", :func:`grader.core.argue.focus.addresses_focus`)
   earns nothing, however close its topic is to the question's; an answer none of whose
   sentences names the focus gets the lowest level's lowest mark and is sent for review
   (a word test cannot tell an answer in other words from one to another question);
2. the score, raised to ``quality_exponent``, places the mark on the scheme's scoring
   range, moved a little (``anchor_weight``) towards the level whose example answers
   the answer most resembles, if it explains a relevant idea and that level is within
   one of the descriptors' level: the examples show what answers explain, and an answer
   explaining nothing, or most like an example two or more levels away, resembles only
   their topic (the latter is flagged for review);
3. a band whose descriptor explicitly demands what the answer lacks ("the stated factor
   and other factors", a sustained judgement; :mod:`grader.core.level.demands`) is not
   reached: the answer drops to the band below, at its top mark;
4. the scheme's caps that apply ("No access to Level 3 for answers that do not go beyond
   the aspects prompted by the stimulus points"; :mod:`grader.core.level.caps`) lower
   the level and mark, and the explanation quotes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from grader.core.argue.focus import addresses_focus, question_focus, weighed_items
from grader.core.argue.ideas import answer_ideas, detail_terms, generic_words, has_detail
from grader.core.argue.question import ideas_asked, question_task
from grader.core.level.anchors import ExampleAnchors
from grader.core.level.caps import CapChecker, apply_caps
from grader.core.level.demands import band_demands
from grader.core.level.quality import (
    Quality,
    answer_quality,
    band_gate,
    judgement_demands,
    rewarded_qualities,
)
from grader.settings import Settings
from grader.types import ArgumentResult, Document, LevelBand, LevelEstimate, PointMatch, Rubric

__all__ = ["DescriptorScorer", "ExampleAnchors", "band_demands", "has_detail"]


class DescriptorScorer:
    """Level and mark of a levels-of-response rubric from its descriptors and examples.

    Holds what is computed once per rubric (the question's embedding, the example
    answers' embeddings, what the descriptors reward and demand); :meth:`estimate` is
    called once per answer by the pipeline.

    Parameters
    ----------
    rubric : Rubric
        A rubric with level bands (``kind`` ``levels`` or ``mixed``).
    encoder : object with ``encode(list[str]) -> ndarray`` of unit rows.
    question_vector : ndarray (dim,)
        The question's embedding, as the pipeline already holds it.
    settings : Settings, optional
        Thresholds (``idea_*``, ``*_full_credit``, ``anchor_weight``).
    """

    def __init__(
        self,
        rubric: Rubric,
        encoder: object,
        question_vector: np.ndarray,
        settings: Settings | None = None,
    ) -> None:
        self.rubric = rubric
        self.settings = settings or Settings()
        self.question_vector = question_vector
        self.anchors = ExampleAnchors(rubric, encoder)
        self.task = question_task(rubric.question)
        self.bands = sorted(rubric.levels, key=lambda b: b.level)
        self.scoring = [b for b in self.bands if b.max_mark > 0] or self.bands
        self.rewarded = rewarded_qualities(self.bands, self.task.needs_judgement)
        self.judgement_demand = judgement_demands(self.bands)
        self.stated_factor = rubric.stated_factor or _stated_factor(rubric.question)
        self.caps = CapChecker(rubric, self.settings, self.stated_factor)
        # read from the question once, for every answer
        self.focus = question_focus(rubric.question)
        self.items = weighed_items(rubric.question, rubric.stimulus)
        self.generic = generic_words(rubric.question, rubric.stimulus)
        self.asked = ideas_asked(rubric.question)

    def quality(
        self,
        doc: Document,
        sentence_vectors: np.ndarray,
        matches: Sequence[PointMatch],
        argument: ArgumentResult,
        similarity: np.ndarray | None = None,
    ) -> Quality:
        """The :class:`~grader.core.level.quality.Quality` of one answer.

        ``similarity[i, j]`` (sentence i, indicative point j), when the scheme lists
        content: a sentence close to a point is relevant even if far from the question.
        """
        question_similarity = (
            sentence_vectors @ self.question_vector if len(sentence_vectors) else np.zeros(0)
        )
        if similarity is not None and similarity.size and len(question_similarity):
            question_similarity = np.maximum(question_similarity, similarity.max(axis=1))
        question = self.rubric.question
        zipf = self.settings.common_word_zipf
        focused = addresses_focus(doc, question, common_zipf=zipf, items=self.items)
        # naming the focus is a word test: an answer that never does may be on the question
        # in other words ("the Ruhr", "prices") or on another question; it is read as if
        # on the question, given the lowest level's lowest mark and sent for review (see
        # :meth:`estimate`)
        missed = self.focus if self.focus and focused and not any(focused.values()) else ""
        if missed:
            focused = dict.fromkeys(focused, True)
        details = [detail_terms(s.text, self.generic) for s in doc.sentences]
        ideas = answer_ideas(
            doc,
            sentence_vectors,
            question_similarity,
            self.settings,
            question=question,
            stated_factor=self.stated_factor,
            stimulus=self.rubric.stimulus,
            focused=focused,
            details=details,
        )
        found = answer_quality(
            doc,
            ideas,
            argument,
            matches,
            self.rewarded,
            self.settings,
            len(self.scoring),
            {i for i, terms in enumerate(details) if terms},
            self.asked,
        )
        return replace(found, focus_missed=missed)

    def estimate(
        self,
        doc: Document,
        sentence_vectors: np.ndarray,
        similarity: np.ndarray,
        matches: Sequence[PointMatch],
        argument: ArgumentResult,
    ) -> LevelEstimate:
        """A :class:`LevelEstimate` quoting the chosen band's descriptor and the evidence."""
        quality = self.quality(doc, sentence_vectors, matches, argument, similarity)
        nothing = [b for b in self.bands if b.max_mark == 0]
        reasons: list[str] = []
        if quality.score <= 0 and nothing:
            return self._estimate(nothing[0], 0, 0.5, quality, "no relevant content", reasons)
        low, high = self.scoring[0].min_mark, self.scoring[-1].max_mark
        exact = low + quality.score**self.settings.quality_exponent * (high - low)
        anchor = self.anchors.level(doc, sentence_vectors)
        described = _band_for(self.scoring, int(round(min(max(exact, low), high)))).level
        if anchor is not None and quality.explained and abs(anchor - described) < 2:
            target = next(b for b in self.bands if b.level == round(anchor))
            exact += self.settings.anchor_weight * ((target.min_mark + target.max_mark) / 2 - exact)
        mark = int(round(min(max(exact, low), high)))
        band = _band_for(self.scoring, mark)
        gate = ""
        while True:
            why = band_gate(
                band,
                quality,
                self.judgement_demand.get(band.level, 0),
                bool(self.stated_factor),
            )
            position = self.scoring.index(band)
            if not why or position == 0:
                break
            gate = why
            band = self.scoring[position - 1]
            mark = min(mark, band.max_mark)
        if anchor is not None and abs(anchor - band.level) >= 2:
            reasons.append(
                f"the answer is most like the example answer for level {anchor:.0f}, "
                f"but the descriptors point to level {band.level}"
            )
        capped = self.caps.findings(doc, quality.ideas, argument.judgement)
        band, mark, said = apply_caps(self.bands, band, mark, capped)
        if quality.focus_missed:  # the least a relevant answer earns, and a person looks
            band, mark = self.scoring[0], min(mark, self.scoring[0].min_mark)
            missed = quality.focus_missed
            said = [*said, f"level {band.level}, {mark}: no sentence names the focus ({missed})"]
            reasons.append(
                f"no sentence names the question's focus ({quality.focus_missed}): check "
                "whether the answer is about it in other words or about another question"
            )
        width = max(band.max_mark - band.min_mark, 1)
        within = (mark - band.min_mark) / width
        return self._estimate(band, mark, within, quality, gate, reasons, said)

    def _estimate(
        self,
        band: LevelBand,
        mark: int,
        position: float,
        quality: Quality,
        gate: str,
        reasons: list[str],
        capped: Sequence[str] = (),
    ) -> LevelEstimate:
        parts = [f"{name}: {value:.2f}" for name, value in _qualities(quality)]
        explanation = (
            f"Level {band.level} ({band.min_mark}-{band.max_mark}) best fits: "
            f"{', '.join(parts)} ({'; '.join(quality.notes)})"
        )
        if gate:
            explanation += f"; not higher because {gate}"
        for cap in capped:  # "capped: <the scheme's sentence> (what the answer lacks)"
            explanation += f"; {cap}"
        if band.descriptor:
            explanation += f'. Descriptor: "{band.descriptor}"'
        return LevelEstimate(
            level=band.level,
            mark=mark,
            confidence=round(1.0 - abs(position - 0.5), 2),
            descriptor=band.descriptor,
            explanation=explanation,
            needs_review=bool(reasons),
            review_reasons=tuple(reasons),
            method="descriptors",
            max_mark=self.rubric.max_mark,
        )


def _qualities(quality: Quality) -> list[tuple[str, float]]:
    names = ("explanation", "knowledge", "analysis", "judgement", "methods", "context")
    values = [(n, getattr(quality, n)) for n in names]
    if quality.describes:
        values[0] = ("description", quality.explanation)
    return [(n, float(v)) for n, v in values if v is not None]


def _band_for(bands: Sequence[LevelBand], mark: int) -> LevelBand:
    for band in bands:
        if band.min_mark <= mark <= band.max_mark:
            return band
    return min(bands, key=lambda b: min(abs(mark - b.min_mark), abs(mark - b.max_mark)))


def _stated_factor(question: str) -> str:
    from grader.scheme.import_levels import stated_factor_of

    return stated_factor_of(question)
