"""Score the argument: balance across the rubric's sides (and, later, judgement).

This first version counts credited and name-dropped points per side and labels the
balance; paragraph roles and judgement are assessed by the argument scorer.
"""

from __future__ import annotations

from collections.abc import Sequence

from grader.types import ArgumentResult, BalanceLabel, Document, PointMatch, SideBalance

UNEVEN_RATIO = 0.5


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


def balance_label(counts: Sequence[SideBalance]) -> BalanceLabel:
    """``none`` with nothing credited, ``one-sided`` with one side only, ``uneven`` when
    the thinner side has under half the credited points of the fuller one."""
    credited = [c.credited for c in counts]
    if len(counts) < 2:
        return "balanced" if sum(credited) else "none"
    if not any(credited):
        return "none"
    if sum(1 for c in credited if c) < len(credited):
        return "one-sided"
    if min(credited) / max(credited) < UNEVEN_RATIO:
        return "uneven"
    return "balanced"


def assess_argument(
    sides: Sequence[str], matches: Sequence[PointMatch], doc: Document
) -> ArgumentResult:
    counts = side_counts(sides, matches, doc)
    return ArgumentResult(
        balance=balance_label(counts), sides=counts, notes=("judgement not yet assessed",)
    )
