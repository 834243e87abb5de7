"""Mark a point-marked answer: creditable points, their developments, the scheme's maxima.

A point-marked scheme ("Award 1 mark for each valid point and further marks for
development (d)", "4 × 1", "Max 2 if no development") is marked the way its wording
says, not by levels:

1. The answer is cut into **clauses**: sentences, list items and the parts of a
   sentence that a causal connective introduces ("so", "which means", "because",
   "this makes", ...). A clause introduced by a connective *continues* the idea before
   it; any other clause may state a new one.
2. A clause that states an idea is a **point** when it is as close in meaning to one
   of the scheme's creditable points as ``Settings.point_clause_min`` and either shares
   a word with the point's own wording (not the question's) or is closer to the point
   than to the question itself (an answer that only restates the question, "flooding
   happens when a river bursts its banks", makes no point). A clause naming what the
   scheme says must not be credited ("Physical factors (eg heavy rainfall, steep
   slopes) should not be credited") is neither a point nor a development. Each scheme
   point is credited once (distinct points, not repetitions).
3. A continuing clause is a **development** of the current point when it is as close
   to one of the scheme's development steps ("(d)") as ``Settings.development_min``,
   closer to it than to the question, and closer to it than to the point's own wording
   (restating the point adds nothing), and it says something new: a content word that
   is in neither the question nor the point's statement ("which makes it flood more"
   only repeats the question). Each development step counts once per point.
4. When the scheme accepts other valid responses, an unlisted idea counts as a point
   when it is as close to one of the scheme's development steps as a paraphrase
   (``Settings.semantic_min``) without stating any of its points, and a credited
   development follows it (it is explained, so it is a valid factor).
5. Marks: ``per_point`` a point (at most ``max_points`` points) plus
   ``per_development`` a development (at most ``max_development`` a point), then the
   scheme's caps: "no-development" (no development at all), "list-only" (several points,
   none explained), and the question's total.

The level of a point-marked answer is its mark (there are no bands).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from grader.core.embed import Encoder, encode_cached
from grader.core.level.caps import lacks_development
from grader.core.level.clauses import (
    new_words,
    not_credited,
    own_names,
    split_clauses,
    statement_of,
    terms,
)
from grader.settings import Settings
from grader.types import Document, LevelEstimate, Rubric


@dataclass(frozen=True)
class Chain:
    """A credited point and the developments credited to it.

    ``point_id`` is the scheme point's id, or ``"other"`` for an unlisted idea the scheme
    accepts; ``developments`` are the answer's clauses credited as development.
    """

    point_id: str
    statement: str
    developments: tuple[str, ...] = ()


class PointMarker:
    """Marks answers to one point-marked rubric (embeds its points and steps once).

    Parameters
    ----------
    rubric : Rubric
        A rubric with ``point_marking`` set.
    encoder : Encoder
        The sentence encoder (unit rows, so a dot product is a cosine similarity).
    settings : Settings
        ``point_clause_min`` and ``development_min`` are read from it.
    """

    def __init__(self, rubric: Rubric, encoder: Encoder, settings: Settings) -> None:
        if rubric.point_marking is None:
            raise ValueError(f"rubric {rubric.id} is not point-marked")
        self.rubric = rubric
        self.rules = rubric.point_marking
        self.encoder = encoder
        self.settings = settings
        self.points = rubric.points
        statements = [statement_of(p) for p in self.points]
        self.point_vectors = encode_cached(encoder, statements)
        self.steps = [(p.id, step) for p in self.points for step in p.development]
        self.step_vectors = encode_cached(encoder, [s for _, s in self.steps])
        self.question_vector = encode_cached(encoder, [rubric.question])[0]
        asked = terms(rubric.question)
        self.point_terms = [terms(text) - asked for text in statements]
        self.excluded_terms = [t for t in (terms(x) for x in not_credited(rubric.notes)) if t]
        # a word the scheme also uses for what earns nothing ("impermeable rock") names no point
        self.point_names = [
            own_names(
                text,
                [t for j, t in enumerate(self.point_terms) if j != i] + self.excluded_terms,
                asked,
                settings,
            )
            for i, text in enumerate(statements)
        ]

    def chains(self, doc: Document) -> list[Chain]:
        """The points and developments credited in ``doc``, in the answer's order."""
        clauses = [c for s in doc.sentences for c in split_clauses(s.text)]
        if not clauses or not self.points:
            return []
        vectors = self.encoder.encode([c.text for c in clauses])
        to_question = vectors @ self.question_vector
        to_points = vectors @ self.point_vectors.T
        to_steps = vectors @ self.step_vectors.T if self.steps else np.zeros((len(clauses), 0))
        # saying no more than the question is neither a point nor a development
        to_steps = np.where(to_steps > to_question[:, None], to_steps, 0.0)
        chains: list[Chain] = []
        credited_steps: list[set[int]] = []
        pending: str | None = None  # an unlisted idea waiting for a development
        for k, clause in enumerate(clauses):
            words = terms(clause.text)
            if any(item <= words for item in self.excluded_terms) and not any(
                words & t for t in self.point_terms
            ):
                pending = None  # about something the scheme says not to credit
                continue
            best = self._point_of(to_points[k], to_question[k], words)
            step = int(np.argmax(to_steps[k])) if self.steps else -1
            new_point = best is not None and all(c.point_id != self.points[best].id for c in chains)
            if (clause.continues or not new_point) and (chains or pending is not None):
                # a clause that explains (or elaborates without naming a new point)
                said = f"{self.rubric.question} {pending or chains[-1].statement}"
                if self._develops(to_points[k], to_steps[k], chains, pending, step) and new_words(
                    clause.text, said
                ):
                    if pending is not None:
                        chains.append(Chain("other", pending))
                        credited_steps.append(set())
                        pending = None
                    if step not in credited_steps[-1]:
                        credited_steps[-1].add(step)
                        last = chains[-1]
                        chains[-1] = Chain(
                            last.point_id, last.statement, (*last.developments, clause.text)
                        )
                    continue
                if clause.continues:
                    continue
            pending = None
            if new_point and best is not None:
                chains.append(Chain(self.points[best].id, clause.text))
                credited_steps.append(set())
            elif (
                self.rules.accept_other
                and best is None
                and not clause.continues
                and step >= 0
                and to_steps[k][step] >= self.settings.semantic_min
            ):
                pending = clause.text  # an unlisted idea: credited if a development follows
        return chains

    def _point_of(self, to_points: np.ndarray, to_question: float, words: set[str]) -> int | None:
        """The scheme point a clause states: close in meaning to it, and either sharing a
        word of the point's own (not the question's) or closer to it than to the question
        (a clause that only echoes the question states nothing); ``None`` when none.

        A clause that uses a point's own rare word ("not dredged", "culverts") and is
        closer to that point than to any other states it, however close: the scheme's
        own term, diluted by names and figures ("the River Parrett had not been dredged
        for about 20 years"), is what an examiner credits."""
        nearest = int(np.argmax(to_points))
        if words & self.point_names[nearest]:
            return nearest
        best = None
        for i, similarity in enumerate(to_points):
            close = similarity >= self.settings.point_clause_min
            if not close or not (words & self.point_terms[i] or similarity > to_question):
                continue
            if best is None or similarity > to_points[best]:
                best = i
        return best

    def _develops(
        self,
        to_points: np.ndarray,
        to_steps: np.ndarray,
        chains: Sequence[Chain],
        pending: str | None,
        step: int,
    ) -> bool:
        if step < 0 or to_steps[step] < self.settings.development_min:
            return False
        if pending is not None or chains[-1].point_id == "other":
            return True
        own = next(i for i, p in enumerate(self.points) if p.id == chains[-1].point_id)
        return bool(to_steps[step] > to_points[own])  # restating the point is no development

    def estimate(self, doc: Document) -> LevelEstimate:
        """The mark (and level, equal to it) of one answer, with the reasons."""
        chains = self.chains(doc)
        return mark_chains(self.rubric, chains)


def mark_chains(rubric: Rubric, chains: Sequence[Chain]) -> LevelEstimate:
    """Apply the scheme's marks per point and development, maxima and caps to ``chains``.

    Examples
    --------
    >>> from grader.types import Cap, PointMarking
    >>> r = Rubric("r", "Explain how?", ("main",), (), (), marks=4,
    ...            point_marking=PointMarking(max_points=4),
    ...            caps=(Cap("no-development", max_mark=2),))
    >>> mark_chains(r, [Chain("a", "x"), Chain("b", "y"), Chain("c", "z")]).mark
    2
    >>> mark_chains(r, [Chain("a", "x", ("so ...",))]).mark
    2
    """
    rules = rubric.point_marking
    if rules is None:
        raise ValueError(f"rubric {rubric.id} is not point-marked")
    total = rubric.max_mark
    counted = list(chains)[: rules.max_points] if rules.max_points else list(chains)
    limit = rules.max_development
    developments = [
        min(len(c.developments), limit) if limit is not None else len(c.developments)
        for c in counted
    ]
    raw = rules.per_point * len(counted) + rules.per_development * sum(developments)
    mark = min(raw, total) if total else raw
    reasons = [
        f"{c.point_id} ({rules.per_point})"
        + (f" developed {n} time{'s' * (n != 1)} (d)" if n else ", not developed")
        for c, n in zip(counted, developments, strict=True)
    ]
    if len(chains) > len(counted):
        reasons.append(f"{len(chains) - len(counted)} further point(s) beyond the maximum")
    for cap in rubric.caps:
        applies = lacks_development(cap.condition, len(counted), sum(map(bool, developments)))
        if applies and cap.max_mark is not None and mark > cap.max_mark:
            mark = cap.max_mark
            reasons.append(f"capped at {cap.max_mark}: {cap.text or cap.condition}")
    explanation = "; ".join(reasons) if reasons else "no creditable point found"
    return LevelEstimate(
        level=mark,
        mark=mark,
        confidence=1.0 if chains else 0.5,
        descriptor=rules.text,
        explanation=explanation,
        method="points",
        max_mark=total,
    )
