"""Paragraph roles: introduction / body / conclusion, the side argued, evaluative or not.

A paragraph's side comes from the rubric points it names or explains (credited
evidence counts 1, a name-drop 0.5) and from its own wording of the side names
("a further failure", "this was a success"). It is *evaluative* when a sentence
judges its evidence against the question ("this was the most significant because",
"this shows that", "however this was short-lived") rather than only narrating.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from grader.core.argue.cues import CONCLUSION_OPENER, EVALUATIVE, THESIS, side_stems
from grader.settings import Settings
from grader.types import Document, Paragraph, ParagraphRole, PointMatch

_DEFAULTS = Settings()


def side_weights(
    paragraph: Paragraph,
    sides: Sequence[str],
    matches: Sequence[PointMatch],
    settings: Settings | None = None,
) -> dict[str, float]:
    """How strongly the paragraph argues each side (points it names + side words).

    The weights of a credited point, a name-drop and a side word are
    ``settings.side_credited_weight``, ``side_name_drop_weight`` and ``side_cue_weight``.
    """
    settings = settings or _DEFAULTS
    cue_weight, cue_max = settings.side_cue_weight, settings.side_cue_max
    weights: dict[str, float] = defaultdict(float)
    for match in matches:
        if match.status == "missing":
            continue
        if any(e.paragraph == paragraph.index for e in match.evidence):
            weights[match.side] += (
                settings.side_credited_weight
                if match.status == "credited"
                else settings.side_name_drop_weight
            )
    stems = side_stems(sides)
    text = " ".join(s.text for s in paragraph.sentences).lower()
    for side, stem in stems.items():
        plain = len(re.findall(rf"\b{re.escape(stem)}\w*", text))
        negated = len(re.findall(rf"\b(?:un|not (?:a |very )?){re.escape(stem)}\w*", text))
        weights[side] += cue_weight * min(plain, cue_max)
        if negated and len(stems) == 2:
            # "unsuccessful" / "not a success" argue the other side of a two-sided rubric.
            other = next(s for s in stems if s != side)
            weights[side] -= cue_weight * min(negated, cue_max)
            weights[other] += cue_weight * min(negated, cue_max)
    return {side: max(weights[side], 0.0) for side in sides}


def dominant_side(weights: dict[str, float], settings: Settings | None = None) -> str:
    """The side with clearly the most weight, ``"mixed"`` if two compete, ``""`` if none.

    None under ``settings.side_min_weight``; mixed when the second side weighs at least
    ``mixed_ratio`` of the first and at least ``mixed_min_weight``.
    """
    settings = settings or _DEFAULTS
    ranked = sorted(weights.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < settings.side_min_weight:
        return ""
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if second >= settings.mixed_ratio * ranked[0][1] and second >= settings.mixed_min_weight:
        return "mixed"
    return ranked[0][0]


def evaluative_cues(paragraph: Paragraph) -> tuple[str, ...]:
    """The evaluative phrases of the paragraph, in order, each once."""
    return _first_each([sentence_cues(s.text) for s in paragraph.sentences])


def sentence_cues(text: str) -> tuple[str, ...]:
    """The evaluative phrases of one sentence, lower-cased, in order."""
    return tuple(hit.group(0) for hit in _EVALUATIVE_LOWER.finditer(text.lower()))


# The same phrases matched case-sensitively in lower-cased text: the pattern is written in
# lower case, and Python's regex engine runs its long alternation about five times faster
# without IGNORECASE (the largest cost of fast mode's argue stage).
_EVALUATIVE_LOWER = re.compile(EVALUATIVE.pattern)


def _first_each(per_sentence: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(phrase for cues in per_sentence for phrase in cues))


def is_conclusion(paragraph: Paragraph) -> bool:
    """Whether the paragraph opens (or its last sentences open) like a conclusion."""
    return any(CONCLUSION_OPENER.search(s.text) for s in paragraph.sentences)


def paragraph_roles(
    doc: Document,
    sides: Sequence[str],
    matches: Sequence[PointMatch],
    question_similarity: np.ndarray | None = None,
    *,
    settings: Settings | None = None,
) -> tuple[ParagraphRole, ...]:
    """The role, side, evaluation and relevance of every paragraph of ``doc``.

    ``question_similarity[i]`` is the cosine similarity of sentence i with the
    question; a paragraph with no rubric point is still relevant when one of its
    sentences reaches ``settings.paragraph_relevance_min``.
    """
    settings = settings or _DEFAULTS
    relevance_min = settings.paragraph_relevance_min
    paragraphs = doc.paragraphs
    n = len(paragraphs)
    roles = []
    for position, paragraph in enumerate(paragraphs):
        weights = side_weights(paragraph, sides, matches, settings)
        has_point = any(
            m.status != "missing" and any(e.paragraph == paragraph.index for e in m.evidence)
            for m in matches
        )
        close = False
        if question_similarity is not None and paragraph.sentences:
            index = [s.index for s in paragraph.sentences]
            close = bool(np.max(question_similarity[index]) >= relevance_min)
        after_heading = position >= 1 and _is_conclusion_heading(paragraphs[position - 1])
        if n >= 2 and position == n - 1 and (is_conclusion(paragraph) or after_heading):
            role = "conclusion"
        elif n >= 3 and position == 0 and _opens(paragraph, has_point):
            role = "introduction"
        else:
            role = "body"
        per_sentence = [sentence_cues(s.text) for s in paragraph.sentences]  # one pass each
        cues = _first_each(per_sentence)
        roles.append(
            ParagraphRole(
                index=paragraph.index,
                role=role,  # type: ignore[arg-type]
                side=dominant_side(weights, settings),
                evaluative=bool(cues),
                relevant=has_point or close,
                cues=cues,
                sentences=len(paragraph.sentences),
                evaluative_sentences=sum(bool(c) for c in per_sentence),
            )
        )
    return tuple(roles)


def _is_conclusion_heading(paragraph: Paragraph) -> bool:
    """A short heading line such as "Conclusion: a mixed record"."""
    text = _text(paragraph).strip()
    return (
        len(text.split()) <= 10
        and not text.endswith((".", "?", "!"))
        and bool(re.search(r"\bconclu|\bsummary\b|\boverall\b", text, re.IGNORECASE))
    )


def _opens(paragraph: Paragraph, has_point: bool) -> bool:
    """A first paragraph introduces when it names no point, is short, or states a thesis."""
    return not has_point or len(paragraph.sentences) <= 3 or bool(THESIS.search(_text(paragraph)))


def _text(paragraph: Paragraph) -> str:
    return " ".join(s.text for s in paragraph.sentences)
