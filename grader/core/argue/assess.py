"""Score the argument: paragraph roles, balance across the rubric's sides, judgement.

Balance counts credited and name-dropped points and the paragraphs developing each
side; it works for any rubric with two or more named sides. Paragraph roles are in
:mod:`grader.core.argue.roles`, the judgement in :mod:`grader.core.argue.judgement`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from grader.core.argue.ideas import generic_words, has_detail
from grader.core.argue.judgement import assess_judgement
from grader.core.argue.roles import paragraph_roles
from grader.settings import Settings
from grader.types import ArgumentResult, BalanceLabel, Document, PointMatch, SideBalance

_DEFAULTS = Settings()


def side_counts(
    sides: Sequence[str], matches: Sequence[PointMatch], doc: Document
) -> tuple[SideBalance, ...]:
    """Credited points, name-dropped points and paragraphs developing each side."""
    counts = []
    for side in sides:
        side_matches = [m for m in matches if m.side == side]
        paragraphs = {
            e.paragraph for m in side_matches if m.status == "credited" for e in m.evidence
        }
        counts.append(
            SideBalance(
                side=side,
                credited=sum(m.status == "credited" for m in side_matches),
                name_dropped=sum(m.status == "name_dropped" for m in side_matches),
                paragraphs=len(paragraphs),
            )
        )
    return tuple(counts)


def balance_label(
    counts: Sequence[SideBalance], relevance: float = 1.0, settings: Settings | None = None
) -> BalanceLabel:
    """Balance of the credited points across the sides.

    ``none`` with nothing credited or when most paragraphs are off the question
    (relevance under ``off_topic_relevance``); ``one-sided`` when a side has nothing, or
    at most ``one_sided_ratio`` (a quarter) of the fuller side's credited points;
    ``uneven`` when the thinner side has at most ``uneven_ratio`` (half); else ``balanced``.
    """
    settings = settings or _DEFAULTS
    credited = [c.credited for c in counts]
    if not any(credited) or relevance < settings.off_topic_relevance:
        return "none"
    if len(counts) < 2:
        return "balanced"
    ratio = min(credited) / max(credited)
    if ratio <= settings.one_sided_ratio:
        return "one-sided"
    if ratio <= settings.uneven_ratio:
        return "uneven"
    return "balanced"


def assess_argument(
    sides: Sequence[str],
    matches: Sequence[PointMatch],
    doc: Document,
    *,
    question: str = "",
    question_similarity: np.ndarray | None = None,
    settings: Settings | None = None,
    answer_evidence: bool = False,
) -> ArgumentResult:
    """Balance, paragraph roles and judgement of one essay.

    Parameters
    ----------
    sides : sequence of str
        The rubric's side names, e.g. ``("failure", "success")``.
    matches : sequence of PointMatch
        The point matches of this essay (from :func:`grader.core.match.match_points`).
    doc : Document
        The segmented essay.
    question : str
        The question, whose key word ("successful") the verdict is looked for with.
    question_similarity : ndarray of shape (n_sentences,), optional
        Cosine similarity of each sentence with the question (for relevance).
    settings : Settings, optional
        Thresholds of the judgement.
    answer_evidence : bool
        Whether the answer's own specific support (figures, dates, names, quotations)
        is evidence for its verdict when it names no rubric point: a levels scheme
        rewards any valid knowledge; a point-list scheme (the seed's) only its points.
    """
    counts = side_counts(sides, matches, doc)
    roles = paragraph_roles(doc, sides, matches, question_similarity, settings=settings)
    evidence = any(c.credited or c.name_dropped for c in counts)
    if not evidence and (answer_evidence or not matches):
        generic = generic_words(question)
        evidence = any(has_detail(s.text, generic) for s in doc.sentences)
    judgement = assess_judgement(
        doc, roles, sides, counts, question, matches, evidence=evidence, settings=settings
    )
    relevant = [r for r in roles if r.role != "conclusion"] or list(roles)
    relevance = sum(r.relevant for r in relevant) / len(relevant) if relevant else 0.0
    return ArgumentResult(
        balance=balance_label(counts, relevance, settings),
        sides=counts,
        judgement=judgement.label,
        judgement_quote=judgement.quote,
        notes=judgement.reasons,
        paragraphs=roles,
        conclusion_present=any(r.role == "conclusion" for r in roles),
        contradicts=judgement.contradicts,
        verdict=judgement.verdict,
        relevance=round(relevance, 3),
        judgement_start=judgement.span[0],
        judgement_end=judgement.span[1],
    )
