"""Mark essays end to end: segment -> embed -> match -> argue -> level.

``Marker`` holds what is loaded once (the rubric, its embeddings, the encoder) and
marks one essay or a batch; a batch is embedded in a single ``encode`` call.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

import numpy as np

from grader.core.argue.assess import assess_argument
from grader.core.embed import Encoder, encode_cached, get_encoder
from grader.core.level.descriptors import DescriptorScorer
from grader.core.level.points import PointMarker
from grader.core.level.rules import apply_model, estimate_level
from grader.core.match import anchor_index, match_points, point_anchors
from grader.core.relevance import OFF_TOPIC, off_topic_reason, topic_share
from grader.core.screening import RubricVocabulary, apply_screening, screen
from grader.core.segment import segment_many
from grader.core.setup import AnswerMarks, MarkingSetup, MarkModel
from grader.errors import DocumentError, ModelRubricMismatch, error_for_code
from grader.io.documents import check_text
from grader.scheme.rubric import load_rubric
from grader.settings import Settings
from grader.types import (
    ArgumentResult,
    Document,
    LevelEstimate,
    MarkResult,
    PointMatch,
    Rubric,
    Unmarked,
)


class Marker:
    """Marks essays against one rubric.

    Parameters
    ----------
    rubric : Rubric or str
        A loaded rubric, or a rubric file / bundled name.
    settings : Settings, optional
        Thresholds and model; defaults to ``Settings()``. A rubric's own ``settings:``
        replace the defaults; a value set here (differing from the default) wins.
    encoder : Encoder, optional
        A loaded encoder to share between markers.
    level_model : LevelModel or AnswerMarks, optional
        A model calibrated on human marks (:mod:`grader.learn.store`, or the older
        :mod:`grader.learn.level_model`); when given, it sets the level and mark, and the
        rule-based estimate is kept beside it. One fitted on another rubric is refused
        (:class:`~grader.errors.ModelRubricMismatch`).

    Examples
    --------
    >>> marker = Marker("ussr-1920s")
    >>> result = marker.mark("The Treaty of Rapallo (1922) ended Soviet isolation ...")
    >>> result.status_of("s-rapallo") in {"credited", "name_dropped", "missing"}
    True
    """

    def __init__(
        self,
        rubric: Rubric | str,
        *,
        settings: Settings | None = None,
        encoder: Encoder | None = None,
        level_model: MarkModel | None = None,
    ) -> None:
        self.setup = MarkingSetup.of(
            load_rubric(rubric) if isinstance(rubric, str) else rubric, settings, level_model
        )
        self.rubric, self.settings = self.setup.rubric, self.setup.settings
        self.rubric_hash, self.level_model = self.setup.rubric_hash, level_model
        if isinstance(level_model, AnswerMarks) and level_model.rubric_hash != self.rubric_hash:
            raise ModelRubricMismatch(
                f"The calibrated model was fitted on another rubric (hash "
                f"{level_model.rubric_hash[:12]}), not on '{self.rubric.id}' (hash "
                f"{self.rubric_hash[:12]}). Calibrate again for this rubric with 'grader "
                f"calibrate', or mark without the model."
            )
        self.encoder = encoder or get_encoder(self.settings.model)
        self.points = self.rubric.points
        self.anchors = point_anchors(self.points)
        self.anchor_index = anchor_index(
            self.anchors, question=self.rubric.question, settings=self.settings
        )
        # Seconds spent per stage, accumulated while this is a dict (the speed benchmark).
        self.stage_seconds: dict[str, float] | None = None
        self.point_vectors = encode_cached(self.encoder, [p.text for p in self.points])
        self.question_vector = encode_cached(self.encoder, [self.rubric.question])[0]
        self.descriptors = (
            DescriptorScorer(self.rubric, self.encoder, self.question_vector, self.settings)
            if self.rubric.kind != "points"
            else None
        )
        self.point_marker = (
            PointMarker(self.rubric, self.encoder, self.settings)
            if self.rubric.point_marking is not None
            else None
        )
        self.vocabulary = RubricVocabulary.of(self.rubric)

    def mark(self, text: str, essay_id: str = "essay") -> MarkResult:
        """Mark one essay; raises :class:`~grader.errors.DocumentError` if it is unmarkable."""
        result = self.mark_many([(essay_id, text)])[0]
        if isinstance(result, Unmarked):
            raise error_for_code(result.code, result.reason)
        return result

    def mark_many(self, essays: Sequence[tuple[str, str]]) -> list[MarkResult | Unmarked]:
        """Mark ``(essay_id, text)`` pairs; an unmarkable one becomes :class:`Unmarked`."""
        outcomes: list[MarkResult | Unmarked | None] = [None] * len(essays)
        good: list[tuple[int, str, str]] = []
        with self._stage("read"):
            for index, (essay_id, text) in enumerate(essays):
                try:
                    check_text(text, source=essay_id, max_chars=self.settings.max_chars)
                except DocumentError as exc:
                    outcomes[index] = Unmarked(essay_id, str(exc), exc.code)
                    continue
                good.append((index, essay_id, text))
        with self._stage("segment"):
            documents = segment_many(
                [(eid, text) for _, eid, text in good],
                sentences_per_block=self.settings.sentences_per_block,
            )
        with self._stage("embed"):
            all_sentences = [s.text for doc in documents for s in doc.sentences]
            vectors = self.encoder.encode(all_sentences)
        offset = 0
        for (index, _, _), doc in zip(good, documents, strict=False):
            n = len(doc.sentences)
            outcomes[index] = self.assess(doc, vectors[offset : offset + n])
            offset += n
        return [o for o in outcomes if o is not None]

    def assess(self, doc: Document, sentence_vectors: np.ndarray) -> MarkResult:
        """Everything after embedding, for one segmented essay."""
        with self._stage("match"):
            similarity = sentence_vectors @ self.point_vectors.T
            matches = match_points(
                doc,
                self.points,
                similarity,
                self.settings,
                self.anchors,
                self.anchor_index,
                detail=bool(self.rubric.levels),  # key-element schemes: stating is credit
            )
        with self._stage("argue"):
            argument = assess_argument(
                self.rubric.sides,
                matches,
                doc,
                question=self.rubric.question,
                question_similarity=sentence_vectors @ self.question_vector,
                settings=self.settings,
                answer_evidence=self.rubric.kind != "points",
            )
        with self._stage("level"):
            return self._level(doc, sentence_vectors, similarity, matches, argument)

    def _level(
        self,
        doc: Document,
        sentence_vectors: np.ndarray,
        similarity: np.ndarray,
        matches: tuple[PointMatch, ...],
        argument: ArgumentResult,
    ) -> MarkResult:
        """Level and mark (descriptors or rule, then any level model, then screening)."""
        if self.point_marker is not None:  # "(1)" a point, "(d)" a development, the maxima
            level = self.point_marker.estimate(doc)
        elif self.descriptors is not None:  # levels of response: mark against the descriptors
            level = self.descriptors.estimate(doc, sentence_vectors, similarity, matches, argument)
        else:
            level = estimate_level(self.rubric, matches, argument, doc, self.settings)
        result = MarkResult(
            essay_id=doc.id,
            rubric_id=self.rubric.id,
            rubric_version=self.rubric.version,
            matches=matches,
            argument=argument,
            level=level,
            document=doc,
            settings={**self.settings.as_dict(), "rubric_hash": self.rubric_hash},
        )
        if self.level_model is not None and not isinstance(self.level_model, AnswerMarks):
            result = replace(result, level=apply_model(result, self.level_model, self.rubric))
        # last, so no estimator can lift a copied or stuffed script above the cap
        screening = screen(self.rubric, doc, matches, self.vocabulary, self.settings)
        result = replace(result, level=apply_screening(result.level, screening, self.rubric))
        if isinstance(self.level_model, AnswerMarks):  # learns from the zero-shot result
            learned = self.level_model.mark_answer(
                result, sentence_vectors, self.point_vectors, self.rubric
            )
            result = replace(result, level=apply_screening(learned, screening, self.rubric))
        return replace(result, level=self._flag_off_topic(result.level, sentence_vectors))

    def _flag_off_topic(self, level: LevelEstimate, sentence_vectors: np.ndarray) -> LevelEstimate:
        """The level with an off-topic review reason when the answer is mostly about
        something else (any kind of scheme; once, however many estimators noticed)."""
        if any(r.startswith(OFF_TOPIC) for r in level.review_reasons):
            return level
        share = topic_share(
            sentence_vectors, self.question_vector, self.point_vectors, self.settings
        )
        reason = off_topic_reason(share, self.settings)
        if not reason:
            return level
        return replace(level, needs_review=True, review_reasons=(reason, *level.review_reasons))

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        """Add the time spent in the block to ``stage_seconds[name]`` (when timing is on)."""
        if self.stage_seconds is None:
            yield
            return
        start = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[name] = self.stage_seconds.get(name, 0.0) + (
                time.perf_counter() - start
            )
